package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// A timer nobody stops, and a goroutine waiting for it.
func handler(w http.ResponseWriter, r *http.Request) {
	t := time.NewTimer(10 * time.Minute)
	go func() {
		<-t.C
		fmt.Println("fired")
	}()
	fmt.Fprintln(w, "armed")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
