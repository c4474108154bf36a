package main

import "fmt"

// The backoff before retry n: 1<<n milliseconds, with n counted down from a budget.
func backoff(budget, tries int) uint32 {
	n := budget - tries
	return uint32(1) << n
}

func main() {
	for tries := 0; tries < 5; tries++ {
		fmt.Println("backoff", tries, backoff(3, tries))
	}
}
