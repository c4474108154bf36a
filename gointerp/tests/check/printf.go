package main

import (
	"fmt"
	"log"
	"net/http"
	"runtime"
	"time"
)

func worker(id int, tasks chan string) {
	for task := range tasks {
		log.Printf("worker %d: processing %s", task)
		time.Sleep(100 * time.Millisecond)
	}
}

func handler(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "goroutines: %s\n", runtime.NumGoroutine())
	fmt.Printf("served %q in %d\n", r.URL.Path, time.Second, "extra")
	log.Printf("request %z", r.URL.Path)
	fmt.Println("done: %d", 1)
}

func main() {
	go worker(1, make(chan string))
	http.HandleFunc("/", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
