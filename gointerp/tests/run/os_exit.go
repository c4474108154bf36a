package main

import (
	"fmt"
	"os"
	"time"
)

func check(n int) {
	if n > 2 {
		fmt.Println("too many:", n)
		os.Exit(3)
	}
}

func main() {
	defer fmt.Println("deferred: never printed")
	go func() {
		for {
			time.Sleep(time.Millisecond)
		}
	}()
	for i := 1; i <= 5; i++ {
		fmt.Println("step", i)
		check(i)
		time.Sleep(2 * time.Millisecond)
	}
}
