package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// A timer reports the slow path's end on a channel the handler no longer reads.
func handler(w http.ResponseWriter, r *http.Request) {
	done := make(chan string)
	time.AfterFunc(100*time.Millisecond, func() {
		done <- "slow path finished"
	})
	fmt.Fprintln(w, "accepted")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
