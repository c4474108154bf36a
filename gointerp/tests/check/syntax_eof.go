package main

import (
	"log"
	"net/http"
)

func wordsHandler(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/" {
		w.Write([]byte("root\n"))
}

func main() {
	http.HandleFunc("/words", wordsHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
