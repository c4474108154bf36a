package main

import (
	"context"
	"fmt"
	"time"
)

// worker waits for ctx to end: nobody ever cancels it.
func worker(ctx context.Context, results chan<- string) {
	select {
	case <-ctx.Done():
		results <- "stopped: " + ctx.Err().Error()
	case <-time.After(time.Hour):
		results <- "timed out"
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	results := make(chan string)
	go worker(ctx, results)
	fmt.Println(<-results)

	forgotten, stop := context.WithCancel(context.Background())
	go func() {
		<-forgotten.Done()
	}()
	time.Sleep(10 * time.Millisecond)
	<-results
	stop()
}
