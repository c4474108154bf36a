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

// edit: the upstream gets a share of the request's budget, computed in floats
const budgetSeconds = 1.5
const upstreamShare = 0.6

func fetchUpstream(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, upstreamURL, nil)
	if err != nil {
		return "", err
	}
	client := &http.Client{}
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
	responseCh := make(chan string)
	budget := time.Duration(budgetSeconds * float64(time.Second))
	share := upstreamShare
	timeout := time.Duration(float64(budget) * share)
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()

	go func() {
		result, err := fetchUpstream(ctx)
		if err != nil {
			result = "error: " + err.Error()
		}
		responseCh <- result
	}()

	select {
	case result := <-responseCh:
		fmt.Fprintln(w, result)
	case <-ctx.Done():
		ms := timeout.Seconds() * 1000
		http.Error(w, fmt.Sprintf("upstream timed out after %.0fms of %.1fs", ms, budget.Seconds()), http.StatusGatewayTimeout)
	}
}

func main() {
	http.HandleFunc("/api", leakyHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
