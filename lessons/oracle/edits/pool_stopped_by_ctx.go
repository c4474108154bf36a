package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"
)

// A worker pool per request, stopped by the request's context.
func worker(ctx context.Context, jobs <-chan int) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-jobs:
			time.Sleep(time.Duration(j) * time.Millisecond)
		}
	}
}

func handler(w http.ResponseWriter, r *http.Request) {
	jobs := make(chan int)
	for i := 0; i < 3; i++ {
		go worker(r.Context(), jobs)
	}
	for j := 1; j <= 3; j++ {
		jobs <- 20 * j
	}
	time.Sleep(100 * time.Millisecond)
	fmt.Fprintln(w, "jobs handed out")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
