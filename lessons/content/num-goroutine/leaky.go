package main

import (
	"fmt"
	"log"
	"net/http"
	"runtime"
	"time"
)

func handler(w http.ResponseWriter, r *http.Request) {
	go func() {
		time.Sleep(5 * time.Minute) // background work nobody waits for
	}()
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
