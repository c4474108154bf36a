package main

import (
	"fmt"
	"log"
	"net/http"
)

func wordsHandler(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, "words counted"
}

func main() {
	http.HandleFunc("/words", wordsHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
