package main

import (
	"sync"
	"time"
)

var (
	once  sync.Once
	never = make(chan int)
)

func setup() {
	<-never
}

func main() {
	go func() { once.Do(setup) }()
	time.Sleep(10 * time.Millisecond)
	go func() { once.Do(setup) }()
	go func() {
		once.Do(func() { <-never })
	}()
	time.Sleep(10 * time.Millisecond)
	once.Do(setup)
}
