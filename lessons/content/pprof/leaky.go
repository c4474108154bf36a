package main

import (
	"log"
	"net/http"
	_ "net/http/pprof" // serves /debug/pprof/ on http.DefaultServeMux
	"time"
)

func leakHandler(w http.ResponseWriter, r *http.Request) {
	go func() {
		time.Sleep({{sleep}}) // nobody waits for or stops this goroutine
	}()
	w.Write([]byte("started a background goroutine\n"))
}

func main() {
	http.HandleFunc("/leak", leakHandler)
	log.Println("profiles at http://localhost:8080/debug/pprof/")
	log.Fatal(http.ListenAndServe(":8080", nil))
}
