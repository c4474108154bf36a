package main

import (
	"fmt"
	"log"
	"net/http"
	"strings"
)

var audit = make(chan string) // nobody receives

// Strings built in a goroutine that then blocks on its send.
func handler(w http.ResponseWriter, r *http.Request) {
	go func() {
		var b strings.Builder
		b.WriteString(strings.ToUpper("audit: "))
		b.WriteString(strings.Repeat("*", 3))
		if strings.HasPrefix(b.String(), "AUDIT") {
			audit <- strings.TrimSpace(b.String())
		}
	}()
	fmt.Fprintln(w, "ok")
}

func main() {
	http.HandleFunc("/api", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
