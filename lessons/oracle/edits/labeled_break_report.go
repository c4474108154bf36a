package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// The handler reads progress reports until its deadline, then breaks out of the
// select loop; the worker's next report has no reader.
func handler(w http.ResponseWriter, r *http.Request) {
	progress := make(chan int)
	go func() {
		for i := 1; i <= 5; i++ {
			time.Sleep(100 * time.Millisecond)
			progress <- i
		}
	}()
	deadline := time.After(250 * time.Millisecond)
loop:
	for {
		select {
		case p := <-progress:
			fmt.Fprintln(w, "progress", p)
		case <-deadline:
			break loop
		}
	}
	fmt.Fprintln(w, "done")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
