package main

import (
	"fmt"
	"log"
	"net/http"
	"sync"
	"time"
)

var (
	mu   sync.Mutex
	hits = map[string]int{}
)

// Each request starts a loop that counts under the mutex, and nothing stops it.
func handler(w http.ResponseWriter, r *http.Request) {
	go func() {
		for {
			mu.Lock()
			hits["api"]++
			mu.Unlock()
			time.Sleep(100 * time.Millisecond)
		}
	}()
	fmt.Fprintln(w, "ok")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
