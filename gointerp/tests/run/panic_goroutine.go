package main

import (
	"fmt"
	"time"
)

func main() {
	go func() {
		time.Sleep(time.Millisecond)
		panic("boom")
	}()
	fmt.Println("started")
	time.Sleep(time.Second)
}
