package main

import (
	"fmt"
	"time"
)

var logCh = make(chan string, 2)

func init() {
	go logWriter()
}

func logWriter() {
	for entry := range logCh {
		time.Sleep(50 * time.Millisecond)
		fmt.Println("logged:", entry)
	}
}

func main() {
	for i := 0; i < 4; i++ {
		logCh <- fmt.Sprint(i)
	}
	time.Sleep(time.Second)
	fmt.Println("done", len(logCh))
}
