package main

import (
	"fmt"
	"log"
	"net/http"
	"sync"
)

var (
	once        sync.Once
	config      string
	configReady = make(chan string)
)

// The configuration is loaded once, by a function that waits for a value nobody
// sends: the first request waits inside once.Do, every later one for the Once.
func handler(w http.ResponseWriter, r *http.Request) {
	once.Do(func() {
		config = <-configReady
	})
	fmt.Fprintln(w, config)
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
