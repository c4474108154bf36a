package main

import (
	"fmt"
	"log"
	"net/http"
	"sync"
)

var (
	mu    sync.RWMutex
	cache = map[string]string{}
)

// A cache miss "upgrades" the read lock: Lock waits for every reader to leave,
// this goroutine too, and later readers wait behind the pending writer.
func handler(w http.ResponseWriter, r *http.Request) {
	mu.RLock()
	v, ok := cache["key"]
	if !ok {
		mu.Lock()
		v = "value"
		cache["key"] = v
		mu.Unlock()
	}
	mu.RUnlock()
	fmt.Fprintln(w, v)
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
