package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
)

// Canceled early, and the goroutine then reports to a handler that is gone.
func handler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context())
	report := make(chan error)
	go func() {
		<-ctx.Done()
		report <- ctx.Err()
	}()
	cancel()
	fmt.Fprintln(w, "canceled")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
