package main

import (
	"fmt"
	"log"
	"net/http"
	"sync"
)

type counter struct {
	mu     sync.Mutex
	visits map[string]int
}

var pages = counter{visits: map[string]int{}}

func (c counter) count(page string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.visits[page]++
	return c.visits[page]
}

func wait(wg sync.WaitGroup) {
	wg.Wait()
}

func visitHandler(w http.ResponseWriter, r *http.Request) {
	page := r.URL.Query().Get("page")
	snapshot := pages
	fmt.Fprintf(w, "%s: %d visits\n", page, snapshot.count(page))
	var wg sync.WaitGroup
	wait(wg)
}

func main() {
	http.HandleFunc("/visit", visitHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
