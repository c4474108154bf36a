package main

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"time"
)

func main() {
	for _, u := range []string{"http://localhost:1/x", "http://127.0.0.1:9/x", "http://[::1]:7/", "ftp://x/y", "foo/bar", "http://nosuch.invalid/data"} {
		resp, err := http.Get(u)
		log.Println(resp == nil, err)
	}
	_, err := http.NewRequest("GET", "::", nil)
	log.Println(err)
	var ctx context.Context
	_, err = http.NewRequestWithContext(ctx, "GET", "http://localhost:1/", nil)
	log.Println(err)
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:1/submit", nil)
	client := &http.Client{Timeout: time.Second}
	_, err = client.Do(req)
	log.Println(err, errors.Is(err, context.DeadlineExceeded))
	_, err = http.DefaultClient.Get("http://localhost:2/")
	log.Println(err)
	_ = io.EOF
}
