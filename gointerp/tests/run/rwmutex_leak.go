package main

import (
	"fmt"
	"sync"
	"time"
)

type store struct {
	mu    sync.RWMutex
	items []string
}

// lookup forgets to unlock when the item is missing.
func (s *store) lookup(i int) string {
	s.mu.RLock()
	if i >= len(s.items) {
		return ""
	}
	item := s.items[i]
	s.mu.RUnlock()
	return item
}

func (s *store) add(item string) {
	s.mu.Lock()
	s.items = append(s.items, item)
	s.mu.Unlock()
}

func main() {
	s := &store{}
	s.add("a")
	fmt.Println(s.lookup(0), s.lookup(5) == "")
	done := make(chan bool)
	go func() {
		s.add("b")
		done <- true
	}()
	time.Sleep(time.Millisecond)
	go func() {
		s.add("c")
		done <- true
	}()
	time.Sleep(time.Millisecond)
	go func() {
		fmt.Println(s.lookup(0))
		done <- true
	}()
	time.Sleep(time.Millisecond)
	<-done
}
