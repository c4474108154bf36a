package main

import (
	"fmt"
	"log"
	"net/http"
	"sync"
)

// A WaitGroup that is never done: the handler waits forever.
func handler(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	results := make(chan string, 1)
	wg.Add(1)
	go func() {
		results <- "done" // edit: forgot wg.Done()
	}()
	wg.Wait()
	fmt.Fprintln(w, <-results)
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
