package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// audit is drained by a single writer that lives as long as the server.
var audit = make(chan string, 64)

func auditWriter() {
	for entry := range audit {
		time.Sleep(20 * time.Millisecond) // slow audit storage
		log.Printf("audit: %s", entry)
	}
}

func deleteHandler(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	select {
	case audit <- "delete " + id:
	default:
		log.Printf("audit queue full, dropped delete %s", id)
	}
	fmt.Fprintf(w, "deleted %s\n", id)
}

func main() {
	go auditWriter()
	http.HandleFunc("/delete", deleteHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
