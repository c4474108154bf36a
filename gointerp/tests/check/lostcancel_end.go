package main

import (
	"context"
	"log"
	"net/http"
	"time"
)

func handler(w http.ResponseWriter, r *http.Request) {
	ctx, stop := context.WithCancel(r.Context())
	if r.URL.Query().Get("now") != "" {
		stop()
	}
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
	}
}

func watch(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	go func() {
		<-ctx.Done()
		cancel()
	}()
}

func main() {
	http.HandleFunc("/", handler)
	watch(context.Background())
	log.Fatal(http.ListenAndServe(":8080", nil))
}
