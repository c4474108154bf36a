package main

import (
	"fmt"
	"sync"
)

type counter struct {
	mu sync.RWMutex
	n  int
}

func main() {
	c := &counter{}
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	fmt.Println(c.n)
	c.mu.Unlock()
}
