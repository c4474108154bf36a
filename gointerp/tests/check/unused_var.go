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
	defer mu.Unlock()
	page := r.URL.Query().Get("page")
	visits[page]++
	n := visits[page]
	fmt.Fprintf(w, "%s: visited\n", page)
}

func main() {
	http.HandleFunc("/visit", visitHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
