package main

import (
	"fmt"
	"log"
	"net/http"
)

func userHandler(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	limit := 3
	fmt.Fprintln(w, id(), limit(2))
}

func main() {
	http.HandleFunc("/user", userHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
