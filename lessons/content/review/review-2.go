package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// fetchFrom stands in for a download from one mirror; some are slower.
func fetchFrom(mirror string) string {
	time.Sleep(time.Duration(len(mirror)) * 100 * time.Millisecond)
	return "file from " + mirror
}

func downloadHandler(w http.ResponseWriter, r *http.Request) {
	mirrors := []string{"eu", "us", "asia"}
	fastest := make(chan string, len(mirrors))
	for _, m := range mirrors {
		go func(m string) {
			fastest <- fetchFrom(m)
		}(m)
	}
	fmt.Fprintln(w, <-fastest) // the first answer wins
}

func main() {
	http.HandleFunc("/download", downloadHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
