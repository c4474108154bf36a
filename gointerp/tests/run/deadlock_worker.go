package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	results := make(chan int)
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i * 10
		}()
	}
	fmt.Println(<-results + <-results)
	wg.Add(1)
	wg.Wait()
}
