package main

import (
	"fmt"
	"log"
	"net/http"
)

func reportHandler(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	path := r.URL.Path
	ctx := r.Context()
	path, ok := r.URL.Path, true
	fmt.Fprintln(w, "report ready", ctx.Err(), path, ok)
}

func main() {
	http.HandleFunc("/report", reportHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
