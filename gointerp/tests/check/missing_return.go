package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

func lookupUser(id string) string {
	time.Sleep(2 * time.Second)
	if id == "" {
		return "nobody"
	}
}

func label(n int) string {
	switch {
	case n > 0:
		return "positive"
	case n < 0:
		return "negative"
	}
}

func forever() int {
	for {
		time.Sleep(time.Second)
	}
}

func userHandler(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, lookupUser(r.URL.Query().Get("id")), label(forever()))
}

func main() {
	http.HandleFunc("/user", userHandler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
