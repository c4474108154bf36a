package main

import (
	"fmt"
	"log"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// n goroutines from a number in text, waited for with a WaitGroup.
func handler(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi("4")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i*100) * time.Millisecond)
		}()
	}
	wg.Wait()
	fmt.Fprintln(w, "waited for "+strconv.Itoa(n))
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
