package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

func replica(d time.Duration, out chan<- string) {
	time.Sleep(d)
	out <- fmt.Sprintf("answer after %v", d)
}

// First response wins over an unbuffered channel: the slower replicas block.
func handler(w http.ResponseWriter, r *http.Request) {
	out := make(chan string)
	for _, d := range []time.Duration{30 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond} {
		go replica(d, out)
	}
	fmt.Fprintln(w, <-out)
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
