package main

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"
)

type result struct {
	body string
	err  error
}

func slowLookup(d time.Duration) result {
	time.Sleep(d)
	if d > 300*time.Millisecond {
		return result{err: errors.New("too slow")}
	}
	return result{body: "found"}
}

// A struct result on an unbuffered channel, and a deadline in the handler.
func handler(w http.ResponseWriter, r *http.Request) {
	ch := make(chan result)
	go func() {
		ch <- slowLookup(500 * time.Millisecond)
	}()
	select {
	case res := <-ch:
		fmt.Fprintln(w, res.body, res.err)
	case <-time.After(200 * time.Millisecond):
		http.Error(w, "timeout", http.StatusGatewayTimeout)
	}
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
