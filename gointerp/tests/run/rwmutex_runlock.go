package main

import (
	"fmt"
	"sync"
)

var mu sync.RWMutex

func main() {
	mu.RLock()
	fmt.Println("reading")
	mu.RUnlock()
	mu.RUnlock()
	fmt.Println("unreachable")
}
