package main

import (
	"log"
	"net/http"
)

func wordsHandler(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < 3; i++ 
	{
		w.Write([]byte("word\n"))
	}
}

func main() {
	http.HandleFunc("/words", wordsHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
