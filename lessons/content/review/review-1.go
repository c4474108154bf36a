package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

// lookupUser stands in for a slow database query.
func lookupUser(id string) string {
	time.Sleep(2 * time.Second)
	return "user " + id
}

func userHandler(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	result := make(chan string)
	go func() {
		result <- lookupUser(id)
	}()

	select {
	case name := <-result:
		fmt.Fprintln(w, name)
	case <-time.After(1 * time.Second):
		http.Error(w, "lookup timed out", http.StatusGatewayTimeout)
	}
}

func main() {
	http.HandleFunc("/user", userHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
