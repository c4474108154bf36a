package main

import (
	"fmt"
	"sync/atomic"
)

type stats struct {
	requests atomic.Int64
	name     string
}

func report(s stats) {
	fmt.Println(s.name, s.requests.Load())
}

func snapshot(c atomic.Uint64) uint64 {
	return c.Load()
}

func main() {
	var s stats
	s.requests.Add(1)
	report(s)
	copied := s
	fmt.Println(copied.name)
	var n atomic.Uint64
	fmt.Println(snapshot(n))
	var flag atomic.Bool
	f2 := flag
	fmt.Println(f2.Load())
}
