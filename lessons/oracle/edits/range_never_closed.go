package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

var events = make(chan string, 8)

// A consumer per request ranging over a channel nobody closes.
func handler(w http.ResponseWriter, r *http.Request) {
	go func() {
		for e := range events {
			time.Sleep(5 * time.Millisecond)
			_ = e
		}
	}()
	events <- r.URL.Path
	fmt.Fprintln(w, "queued")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
