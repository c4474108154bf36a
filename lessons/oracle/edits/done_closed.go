package main

import (
	"fmt"
	"log"
	"net/http"
)

// A done channel closed on the way out: the helper returns.
func handler(w http.ResponseWriter, r *http.Request) {
	done := make(chan struct{})
	defer close(done)
	go func() {
		<-done
	}()
	fmt.Fprintln(w, "ok")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
