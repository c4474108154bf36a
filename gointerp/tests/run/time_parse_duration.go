package main

import (
	"fmt"
	"time"
)

func main() {
	for _, s := range []string{"1h2m3.5s", "-1.5s", "+90s", "0", "-0", "", "1", "1x", "1x2s", "1s ", " 1s", "1 s", "2m1", "3µs", "9999999999h", "--1s", "1.s", ".5ms", "1e3s", "5m\"", "0 "} {
		d, err := time.ParseDuration(s)
		fmt.Printf("%q: %v %v\n", s, d, err)
	}
}
