package main

import (
	"fmt"
	"time"
)

var (
	never  = make(chan int)
	never2 = make(chan int)
)

func slow(n int) int {
	time.Sleep(time.Millisecond)
	return n
}

// Go inlines a function literal where it is called, and into a go statement's
// wrapper unless it captures variables (select and all); never a deferred one, which
// runs at the return or closing brace.
func main() {
	local := make(chan int)
	for i := 0; i < 2; i++ {
		go func(n int) {
			never2 <- n
		}(i)
	}
	go func(s string) {
		fmt.Println("big", s)
		fmt.Println("bigger", s)
		never2 <- 1
	}("x")
	go func(n int) {
		local <- n
	}(1)
	go func(n int) {
		never2 <- slow(n)
	}(2)
	go func(n int) {
		local <- slow(n)
	}(3)
	go func() {
		func() { <-never }()
	}()
	go func() {
		func() { local <- 4 }()
	}()
	go func() {
		f := func() { <-never }
		f()
	}()
	go func() {
		defer func() { <-never }()
	}()
	go func() {
		defer func() { <-never }()
		if len(never) == 0 {
			return
		}
		fmt.Println("unreachable")
	}()
	go func(n int) {
		select {
		case never2 <- n:
		case <-never:
		}
	}(5)
	time.Sleep(10 * time.Millisecond)
	select {}
}
