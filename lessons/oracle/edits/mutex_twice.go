package main

import (
	"fmt"
	"log"
	"net/http"
	"sync"
)

var mu sync.Mutex

func lookup() string {
	mu.Lock() // edit: the caller already holds mu
	defer mu.Unlock()
	return "value"
}

// Locking a mutex twice: the first request deadlocks itself, the rest queue.
func handler(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	defer mu.Unlock()
	fmt.Fprintln(w, lookup())
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
