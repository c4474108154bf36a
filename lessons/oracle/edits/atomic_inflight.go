package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"sync/atomic"
	"time"
)

const upstreamURL = "http://slow-upstream.internal/data"

// edit: in-flight upstream calls and request ids counted with sync/atomic
var (
	inFlight atomic.Int64
	nextID   uint64
)

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
	id := atomic.AddUint64(&nextID, 1)
	responseCh := make(chan string)
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()

	go func() {
		inFlight.Add(1)
		defer inFlight.Add(-1) // never runs while the send below blocks
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
		msg := fmt.Sprintf("request %d: upstream timed out (%d calls in flight)", id, inFlight.Load())
		http.Error(w, msg, http.StatusGatewayTimeout)
	}
}

func main() {
	http.HandleFunc("/api", leakyHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
