package main

import (
	"fmt"
	"time"
)

func main() {
	tasks := make(chan int)
	stop := make(chan struct{})
	go func() {
		for i := 1; i <= 3; i++ {
			tasks <- i
		}
		close(stop)
	}()
	done := 0
loop:
	for {
		select {
		case t := <-tasks:
			done += t
			time.Sleep(10 * time.Millisecond)
		case <-stop:
			break loop
		}
	}
	pairs := 0
outer:
	for a := 0; a < 4; a++ {
		for b := 0; b < 4; b++ {
			if b > a {
				continue outer
			}
			if a == 3 {
				break outer
			}
			pairs++
		}
	}
	fmt.Println("done", done, "pairs", pairs)
}
