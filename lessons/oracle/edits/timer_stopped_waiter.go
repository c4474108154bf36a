package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// The timer is stopped, but its goroutine still waits on t.C.
func handler(w http.ResponseWriter, r *http.Request) {
	t := time.NewTimer(10 * time.Minute)
	go func() {
		<-t.C
		fmt.Println("fired")
	}()
	t.Stop() // edit: Stop does not close t.C
	fmt.Fprintln(w, "armed and stopped")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
