package main

import (
	"fmt"
	"time"
)

// The average latency of a batch: a batch with no requests divides by zero.
func average(total uint64, count uint32) uint64 {
	return total / uint64(count)
}

func main() {
	results := make(chan uint64)
	go func() {
		results <- average(900, 3)
	}()
	fmt.Println("avg:", <-results)
	done := make(chan struct{})
	go func() {
		<-done // never closed: still blocked when main panics
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("avg:", average(0, 0))
}
