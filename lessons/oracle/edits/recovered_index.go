package main

import (
	"fmt"
	"log"
	"net/http"
)

// An index out of range in a goroutine, recovered; the recovery reports on a channel
// nobody reads any more.
func handler(w http.ResponseWriter, r *http.Request) {
	results := make(chan string)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				results <- fmt.Sprint("recovered: ", v)
			}
		}()
		ids := []int{1, 2, 3}
		i := len(ids)
		results <- fmt.Sprint(ids[i])
	}()
	fmt.Fprintln(w, "accepted")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
