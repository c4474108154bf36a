package main

import (
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

// logMessage waits until logCh has room for msg.
func logMessage(msg string) {
	logCh <- msg
}

func leakyHandler(w http.ResponseWriter, r *http.Request) {
	go func() {
		logMessage(fmt.Sprintf("request from %s", r.RemoteAddr))
	}()

	time.Sleep(10 * time.Millisecond) // the handler's own work
	w.WriteHeader(http.StatusOK)
	fmt.Fprintln(w, "request processed")
}

func main() {
	http.HandleFunc("/log", leakyHandler)
	log.Println("listening on :8080")
	log.Fatal(http.ListenAndServe(":8080", nil))
}
