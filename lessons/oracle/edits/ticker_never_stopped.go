package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// A ticker's goroutine per request that nobody stops.
func handler(w http.ResponseWriter, r *http.Request) {
	go func() {
		t := time.NewTicker(time.Second)
		for range t.C { // edit: no way out, no t.Stop()
		}
	}()
	fmt.Fprintln(w, "started")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
