package main

import (
	"fmt"
	"log"
	"net/http"
	"sync"
)

var (
	mu     sync.Mutex
	visits = map[string]int{}
)

func visitHandler(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	page := r.URL.Query().Get("page")
	if page == "" {
		http.Error(w, "missing page", http.StatusBadRequest)
		return
	}
	visits[page]++
	n := visits[page]
	mu.Unlock()
	fmt.Fprintf(w, "%s: %d visits\n", page, n)
}

func main() {
	http.HandleFunc("/visit", visitHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
