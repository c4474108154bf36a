package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"
)

// A detached context: the goroutine waits for a minute after the request.
func handler(w http.ResponseWriter, r *http.Request) {
	ctx := context.Background() // edit: not r.Context()
	go func() {
		select {
		case <-ctx.Done():
		case <-time.After(time.Minute):
		}
	}()
	fmt.Fprintln(w, "ok")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
