package main

import (
	"fmt"
	"time"
)

func main() {
	queue := make(chan int, 4)
	for i := 0; i < 3; i++ {
		queue <- i * 7
	}
	fmt.Printf("queued %d of %d, %v per item\n", len(queue), cap(queue), 250*time.Millisecond)
	label := fmt.Sprintf("%-6s|%4d|%q|%t|%x", "jobs", 42, "a\"b", len(queue) > 2, 255)
	fmt.Println(label)
	fmt.Printf("100%% done after %v\n", 90*time.Second)
}
