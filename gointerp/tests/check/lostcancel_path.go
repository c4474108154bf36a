package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"
)

func leakyHandler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	if r.URL.Query().Get("fast") != "" {
		fmt.Fprintln(w, "fast path")
		return
	}
	select {
	case <-time.After(time.Second):
		fmt.Fprintln(w, "done")
	case <-ctx.Done():
		http.Error(w, "upstream timed out", http.StatusGatewayTimeout)
	}
	cancel()
}

func main() {
	http.HandleFunc("/api", leakyHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
