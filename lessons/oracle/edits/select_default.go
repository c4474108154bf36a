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
	ctx, cancel := context.WithTimeout(r.Context(), 1*time.Second)
	defer cancel()

	go func() {
		result, err := fetchUpstream(ctx)
		if err != nil {
			result = "error: " + err.Error()
		}
		select { // edit: give up at once when nobody listens
		case responseCh <- result:
		default:
		}
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
