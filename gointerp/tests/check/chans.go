package main

import (
	"fmt"
	"time"
)

func produce(out <-chan int) {
	out <- 1
	close(out)
}

func consume(in chan<- int) {
	for v := range in {
		fmt.Println(v)
	}
	fmt.Println(<-in)
}

func main() {
	ch := make(chan int)
	go produce(ch)
	go consume(ch)
	time.Sleep(time.Second)
}
