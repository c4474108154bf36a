package main

import (
	"fmt"
	"log"
	"net/http"
	"sync"
)

var (
	mu      sync.Mutex
	updates = make(chan string) // nobody receives
)

// The mutex is held across a send that never completes: every later
// request waits for the lock.
func handler(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	defer mu.Unlock()
	updates <- r.URL.Path
	fmt.Fprintln(w, "updated")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
