package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// Go 1.22's loop variables: each goroutine has its own i, so each reports at its own
// time; the handler stops reading at 1 and the report of 2 has no reader.
func handler(w http.ResponseWriter, r *http.Request) {
	results := make(chan int)
	for i := 0; i < 3; i++ {
		go func() {
			time.Sleep(time.Duration(i) * 100 * time.Millisecond)
			results <- i
		}()
	}
	for v := range results {
		fmt.Fprintln(w, "replica", v)
		if v == 1 {
			break
		}
	}
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
