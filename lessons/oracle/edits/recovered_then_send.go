package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// A panic in a goroutine, recovered; then the goroutine blocks on its send.
func handler(w http.ResponseWriter, r *http.Request) {
	errs := make(chan string)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				errs <- fmt.Sprint("recovered: ", v)
			}
		}()
		var m map[string]int
		m["x"] = 1
	}()
	select {
	case e := <-errs:
		fmt.Fprintln(w, e)
	case <-time.After(0):
		fmt.Fprintln(w, "no news")
	}
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
