package main

import (
	"fmt"
	"log"
	"net/http"
	"runtime"
	"time"
)

// slots caps how many background jobs may run at once.
var slots = make(chan struct{}, 10)

func handler(w http.ResponseWriter, r *http.Request) {
	select {
	case slots <- struct{}{}: // got a slot: start the job
		go func() {
			defer func() { <-slots }()  // free the slot when done
			time.Sleep(5 * time.Minute) // background work
		}()
	default: // all slots taken: refuse instead of piling up
		http.Error(w, "busy, try again later", http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintf(w, "goroutines: %d\n", runtime.NumGoroutine())
}

// metricsHandler publishes the count in Prometheus' text format, under
// the name the official Go client uses for it.
func metricsHandler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	fmt.Fprintln(w, "# HELP go_goroutines Number of goroutines that currently exist.")
	fmt.Fprintln(w, "# TYPE go_goroutines gauge")
	fmt.Fprintf(w, "go_goroutines %d\n", runtime.NumGoroutine())
}

func main() {
	http.HandleFunc("/", handler)
	http.HandleFunc("/metrics", metricsHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
