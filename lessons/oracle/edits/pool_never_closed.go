package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// The same pool with a background context: the workers outlive the request.
func worker(jobs <-chan int) {
	for j := range jobs {
		time.Sleep(time.Duration(j) * time.Millisecond)
	}
}

func handler(w http.ResponseWriter, r *http.Request) {
	jobs := make(chan int)
	for i := 0; i < 3; i++ {
		go worker(jobs)
	}
	for j := 1; j <= 3; j++ {
		jobs <- 20 * j
	}
	// edit: close(jobs) forgotten
	fmt.Fprintln(w, "jobs handed out")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
