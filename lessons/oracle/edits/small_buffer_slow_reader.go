package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

var queue = make(chan string, 5) // edit: a small buffer, one slow reader

func init() {
	go func() {
		for msg := range queue {
			time.Sleep(200 * time.Millisecond)
			_ = msg
		}
	}()
}

// Unbounded sends into a small buffer drained slowly.
func handler(w http.ResponseWriter, r *http.Request) {
	go func() {
		queue <- r.RemoteAddr
	}()
	fmt.Fprintln(w, "queued")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
