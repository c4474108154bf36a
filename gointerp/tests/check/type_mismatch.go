package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

var logCh = make(chan string, 100)

func logWriter() {
	for entry := range logCh {
		time.Sleep(50 * time.Millisecond)
		log.Printf("logged: %s", entry)
	}
}

func leakyHandler(w http.ResponseWriter, r *http.Request) {
	var count int = "one"
	logCh <- 42
	var d time.Duration = count
	time.Sleep(d)
	fmt.Fprintln(w, "request processed")
}

func main() {
	go logWriter()
	http.HandleFunc("/log", leakyHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
