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
	client := &http.Client{} // no Timeout: only ctx can stop the call
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("upstream call failed: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	return string(body), nil
}

func leakyHandler(w http.ResponseWriter, r *http.Request) {
	responseCh := make(chan string) // unbuffered
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()

	go func() {
		result, err := fetchUpstream(ctx)
		if err != nil {
			result = "error: " + err.Error()
		}
		responseCh <- result // nobody receives once the handler has returned
	}()

	select {
	case result := <-responseCh:
		fmt.Fprintln(w, result)
	case <-ctx.Done():
		http.Error(w, http.StatusGatewayTimeout, "upstream timed out")
	}
}

func main() {
	http.HandleFunc("/api", leakyHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}

