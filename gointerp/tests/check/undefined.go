package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

var logCh = make(chan string, 100)

func logMessage(msg string) {
	logch <- msg
}

func leakyHandler(w http.ResponseWriter, r *http.Request) {
	go func() {
		logMessage(fmt.Sprintf("request from %s", r.RemoteAddr))
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Fprintln(w, respone)
}

func main() {
	http.HandleFunc("/log", leakyHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
