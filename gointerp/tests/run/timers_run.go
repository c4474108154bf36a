package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.NewTimer(50 * time.Millisecond)
	<-t.C
	fmt.Println("timer fired", time.Since(start) >= 50*time.Millisecond)
	fmt.Println("stop after firing:", t.Stop())

	t2 := time.NewTimer(time.Hour)
	fmt.Println("stop before firing:", t2.Stop())
	fmt.Println("reset:", t2.Reset(10*time.Millisecond))
	select {
	case <-t2.C:
		fmt.Println("reset timer fired")
	case <-time.After(time.Second):
		fmt.Println("too late")
	}

	tick := time.NewTicker(20 * time.Millisecond)
	n := 0
	for range tick.C {
		n++
		if n == 3 {
			break
		}
	}
	tick.Stop()
	fmt.Println("ticks:", n)

	tick.Reset(5 * time.Millisecond)
	<-tick.C
	tick.Stop()
	fmt.Println("after reset")

	defer func() { fmt.Println("recovered:", recover()) }()
	time.NewTicker(0)
}
