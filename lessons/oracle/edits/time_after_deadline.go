package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// A result channel with a deadline from time.After instead of a context;
// the worker sleeps past it and blocks on its send.
func handler(w http.ResponseWriter, r *http.Request) {
	ch := make(chan int)
	go func() {
		time.Sleep(300 * time.Millisecond)
		ch <- 42
	}()
	select {
	case v := <-ch:
		fmt.Fprintln(w, v)
	case <-time.After(100 * time.Millisecond):
		http.Error(w, "slow", http.StatusServiceUnavailable)
	}
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
