package main

import (
	"log"
	"net/http"
	_ "net/http/pprof" // serves /debug/pprof/ on http.DefaultServeMux
	"time"
)

func boundedHandler(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	go func() {
		timer := time.NewTimer({{sleep}})
		defer timer.Stop()
		select { // the work ends when the request does
		case <-timer.C:
		case <-ctx.Done():
		}
	}()
	w.Write([]byte("started a background goroutine\n"))
}

func main() {
	http.HandleFunc("/leak", boundedHandler)
	log.Println("profiles at http://localhost:8080/debug/pprof/")
	log.Fatal(http.ListenAndServe(":8080", nil))
}
