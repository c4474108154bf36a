package main

import (
	"fmt"
	"sync"
	"time"
)

var (
	once  sync.Once
	calls int
)

func setup() {
	calls++
	fmt.Println("setup runs", calls)
}

func closer(done chan struct{}) {
	defer close(done)
	fmt.Println("closer returns")
}

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			once.Do(setup)
		}()
	}
	wg.Wait()
	once.Do(setup)
	fmt.Println("calls:", calls)

	done := make(chan struct{})
	go closer(done)
	<-done
	_, ok := <-done
	fmt.Println("done closed:", !ok)

	ticks := 0
	for range time.Tick(10 * time.Millisecond) {
		ticks++
		if ticks == 3 {
			break
		}
	}
	fmt.Println("ticks:", ticks)

	var p sync.Once
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		p.Do(func() { panic("in Do") })
	}()
	p.Do(func() { fmt.Println("never") })
	fmt.Println("after a panicking Do")
}
