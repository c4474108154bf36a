package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"time"
)

const upstreamURL = "http://slow-upstream.internal/data"

func fetchUpstream(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, upstreamURL, nil)
	if err != nil {
		return "", err
	}
	client := &http.Client{}
	resp := client.Do(req)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	return string(body)
}

func leakyHandler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	result := fetchUpstream(ctx)
	fmt.Fprintln(w, result)
}

func main() {
	http.HandleFunc("/api", leakyHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
