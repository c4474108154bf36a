package main

import (
	"fmt"
	"time"
)

func main() {
	queue := make(chan string, 2)
	for _, msg := range []string{"a", "b", "c"} {
		select {
		case queue <- msg:
			fmt.Println("queued", msg)
		default:
			fmt.Println("dropped", msg)
		}
	}
	go func() {
		time.Sleep(time.Second)
		close(queue)
	}()
	for {
		select {
		case m, ok := <-queue:
			if !ok {
				fmt.Println("closed")
				return
			}
			fmt.Println("took", m, len(queue))
		}
	}
}
