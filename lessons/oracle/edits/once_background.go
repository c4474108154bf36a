package main

import (
	"fmt"
	"log"
	"net/http"
	"sync"
	"time"
)

var (
	once  sync.Once
	ticks = 0
)

// sync.Once starts one background ticker for the whole process.
func handler(w http.ResponseWriter, r *http.Request) {
	once.Do(func() {
		go func() {
			for range time.Tick(time.Second) {
				ticks++
			}
		}()
	})
	fmt.Fprintln(w, "ok")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
