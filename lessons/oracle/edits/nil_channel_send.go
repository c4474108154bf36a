package main

import (
	"fmt"
	"log"
	"net/http"
)

// A send on a channel that was never made.
func handler(w http.ResponseWriter, r *http.Request) {
	var done chan bool // edit: make(chan bool) forgotten
	go func() {
		done <- true
	}()
	fmt.Fprintln(w, "ok")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
