package main

import (
	"fmt"
	"sync"
	"time"
)

func square(n int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	time.Sleep(time.Duration(n) * 10 * time.Millisecond)
	results <- n * n
}

func main() {
	results := make(chan int, 3)
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go square(i, results, &wg)
	}
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		fmt.Println("got", r)
		sum += r
	}
	fmt.Println("sum", sum, "after", 30*time.Millisecond)
}
