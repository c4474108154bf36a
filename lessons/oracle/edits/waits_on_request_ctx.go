package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"
)

// A goroutine that waits on the request's context: it ends with the request.
func handler(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	go func() {
		select {
		case <-ctx.Done():
		case <-time.After(time.Minute):
		}
	}()
	_ = context.Background()
	fmt.Fprintln(w, "ok")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
