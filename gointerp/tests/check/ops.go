package main

import (
	"fmt"
	"time"
)

func main() {
	n := 3
	wait := n * time.Second
	label := "tries: " + n
	if n == "3" {
		fmt.Println(wait, label)
	}
	time.Sleep(time.Duration(n) * time.Second)
}
