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

// httpClient is shared, and its Timeout bounds every call: connecting,
// sending, waiting for headers and reading the body.
var httpClient = &http.Client{Timeout: {{client_timeout}}}

func fetchUpstream(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, upstreamURL, nil)
	if err != nil {
		return "", err
	}
	resp, err := httpClient.Do(req)
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

func safeHandler(w http.ResponseWriter, r *http.Request) {
	responseCh := make(chan string) // unbuffered
	ctx, cancel := context.WithTimeout(r.Context(), {{ctx_timeout}})
	defer cancel()

	go func() {
		result, err := fetchUpstream(ctx)
		if err != nil {
			result = "error: " + err.Error()
		}
		select { // hand over the result, unless the handler gave up
		case responseCh <- result:
		case <-ctx.Done():
		}
	}()

	select { // wait for the result or the deadline
	case result := <-responseCh:
		fmt.Fprintln(w, result)
	case <-ctx.Done():
		http.Error(w, "upstream timed out", http.StatusGatewayTimeout)
	}
}

func main() {
	http.HandleFunc("/api", safeHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
