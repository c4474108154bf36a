package main

import (
	"fmt"
	"sync"
	"time"
)

type cache struct {
	mu   sync.RWMutex
	data map[string]int
}

func (c *cache) get(k string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.data[k]
}

func (c *cache) set(k string, v int) {
	c.mu.Lock()
	c.data[k] = v
	c.mu.Unlock()
}

var (
	stats sync.RWMutex
	hits  int
)

func main() {
	c := &cache{data: map[string]int{}}
	c.set("a", 1)
	fmt.Println("get:", c.get("a"))

	// Readers share the lock.
	c.mu.RLock()
	c.mu.RLock()
	fmt.Println("two readers, get:", c.get("a"))
	c.mu.RUnlock()
	c.mu.RUnlock()

	// A waiting writer keeps new readers out.
	done := make(chan string, 2)
	stats.RLock()
	go func() {
		stats.Lock()
		hits++
		stats.Unlock()
		done <- "writer"
	}()
	time.Sleep(time.Millisecond)
	go func() {
		stats.RLock()
		done <- fmt.Sprint("reader saw ", hits)
		stats.RUnlock()
	}()
	time.Sleep(time.Millisecond)
	fmt.Println("main still reading")
	stats.RUnlock()
	fmt.Println(<-done)
	fmt.Println(<-done)

	// Several goroutines write under the lock.
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.set(fmt.Sprint("k", i), i)
		}(i)
	}
	wg.Wait()
	fmt.Println(len(c.data), c.get("k3"))
}
