package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"
)

func leakyHandler(w http.ResponseWriter, r *http.Request) {
	ctx, _ := context.WithTimeout(r.Context(), 5*time.Second)
	select {
	case <-time.After(time.Second):
		fmt.Fprintln(w, "done")
	case <-ctx.Done():
		http.Error(w, "upstream timed out", http.StatusGatewayTimeout)
	}
}

func main() {
	http.HandleFunc("/api", leakyHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
