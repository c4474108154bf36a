package main

import (
	"fmt"
	"time"
)

// lookupUser stands in for a slow database query.
func lookupUser(id string) string {
	time.Sleep(2 * time.Second)
	return "user " + id
}

func main() {
	for _, id := range []string{"7", "42"} {
		result := make(chan string)
		go func() {
			result <- lookupUser(id)
		}()
		select {
		case name := <-result:
			fmt.Println(name)
		case <-time.After(1 * time.Second):
			fmt.Println("lookup", id, "timed out")
		}
	}
	time.Sleep(3 * time.Second)
	var block chan int
	<-block
}
