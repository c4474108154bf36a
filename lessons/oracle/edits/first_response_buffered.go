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

// First response wins with room for all: nobody blocks.
func handler(w http.ResponseWriter, r *http.Request) {
	out := make(chan string, 3) // edit: room for every replica
	for _, d := range []time.Duration{30 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond} {
		go replica(d, out)
	}
	fmt.Fprintln(w, <-out)
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
