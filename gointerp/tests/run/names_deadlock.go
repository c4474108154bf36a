package main

import (
	"fmt"
	"time"
)

func worker(id int, out chan<- int) {
	out <- id
}

func main() {
	results := make(chan int)
	go func() {
		results <- 1
	}()
	go worker(2, results)
	go func() {
		go func() {
			time.Sleep(time.Millisecond)
			results <- 3
		}()
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("main waits")
	var never chan int
	<-never
}
