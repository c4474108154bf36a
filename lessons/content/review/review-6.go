package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

func reportHandler(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	path := r.URL.Path
	go func() {
		ticker := time.NewTicker(500 * time.Millisecond)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				log.Printf("%s: report still being built", path)
			case <-ctx.Done():
				return
			}
		}
	}()

	time.Sleep(2 * time.Second) // build the report
	fmt.Fprintln(w, "report ready")
}

func main() {
	http.HandleFunc("/report", reportHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
