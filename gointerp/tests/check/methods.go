package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

type result struct {
	body string
	took time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("%s in %v", r.body, r.took)
}

func (r *result) slow() bool {
	return r.took > time.Second
}

func handler(w http.ResponseWriter, req *http.Request) {
	res := result{body: "ok", took: 2 * time.Second}
	fmt.Fprintln(w, res.String(), res.slow(), res.size, req.Ctx())
	var out fmt.Stringer = &res
	var n int = res
	fmt.Fprintln(w, out, n)
}

func main() {
	http.HandleFunc("/", handler)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
