package main

import (
	"fmt"
	"log"
	"net/http"
	"strings"
)

func wordsHandler(w http.ResponseWriter, r *http.Request) {
	words := make(chan string)
	go func() {
		n := 0
		for range words {
			n++
		}
		log.Printf("request had %d words", n)
	}()

	for _, word := range strings.Fields(r.URL.Query().Get("q")) {
		words <- word
	}
	fmt.Fprintln(w, "words counted")
}

func main() {
	http.HandleFunc("/words", wordsHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
