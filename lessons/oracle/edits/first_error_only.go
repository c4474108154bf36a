package main

import (
	"fmt"
	"log"
	"net/http"
)

// Like errgroup: three checks run at once and the first error is returned; the
// other two checks block sending theirs.
func handler(w http.ResponseWriter, r *http.Request) {
	errc := make(chan error)
	for i := 0; i < 3; i++ {
		go func() {
			errc <- check(i)
		}()
	}
	if err := <-errc; err != nil {
		fmt.Fprintln(w, "error:", err)
		return
	}
	fmt.Fprintln(w, "ok")
}

func check(i int) error {
	return fmt.Errorf("replica %d: unavailable", i)
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
