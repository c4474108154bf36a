package main

import (
	"fmt"
	"log"
	"net/http"
)

// A goroutine that waits for nothing, forever.
func handler(w http.ResponseWriter, r *http.Request) {
	go func() {
		select {}
	}()
	fmt.Fprintln(w, "ok")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
