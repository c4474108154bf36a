package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"
)

// logCh queues log lines for one background writer.
var logCh = make(chan string, {{buffer}})

func init() {
	go logWriter()
}

// logWriter is the only consumer of logCh. Writing one entry takes a
// while, so it drains the queue at a fixed, limited rate.
func logWriter() {
	for entry := range logCh {
		time.Sleep({{log_cost}}) // slow log storage
		log.Printf("logged: %s", entry)
	}
}

// logMessageSafe gives up instead of waiting forever: when the request
// is over, or when the queue stays full for too long.
func logMessageSafe(ctx context.Context, msg string) {
	select {
	case logCh <- msg:
	case <-ctx.Done():
		log.Printf("log line dropped: %v", ctx.Err())
	case <-time.After({{log_cost}}):
		log.Printf("log line dropped: queue full")
	}
}

func safeHandler(w http.ResponseWriter, r *http.Request) {
	go func() {
		logMessageSafe(r.Context(), fmt.Sprintf("request from %s", r.RemoteAddr))
	}()

	time.Sleep(10 * time.Millisecond) // the handler's own work
	w.WriteHeader(http.StatusOK)
	fmt.Fprintln(w, "request processed")
}

func main() {
	http.HandleFunc("/log", safeHandler)
	log.Println("listening on :8080")
	log.Fatal(http.ListenAndServe(":8080", nil))
}
