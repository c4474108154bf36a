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

// fetchUpstream builds its request without a context, and the client has
// no Timeout: nothing can interrupt client.Do.
func fetchUpstream() (string, error) {
	req, err := http.NewRequest(http.MethodGet, upstreamURL, nil)
	if err != nil {
		return "", err
	}
	client := &http.Client{}
	resp, err := client.Do(req) // waits as long as the upstream does
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
	ctx, cancel := context.WithTimeout(r.Context(), {{ctx_timeout}})
	defer cancel()

	go func() {
		result, err := fetchUpstream()
		if err != nil {
			result = "error: " + err.Error()
		}
		responseCh <- result // nobody receives once the handler has returned
	}()

	select {
	case result := <-responseCh:
		fmt.Fprintln(w, result)
	case <-ctx.Done():
		http.Error(w, "upstream timed out", http.StatusGatewayTimeout)
	}
}

func main() {
	http.HandleFunc("/api", leakyHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
