package main

import (
	"fmt"
	"time"
)

func main() {
	never := time.AfterFunc(time.Hour, func() { fmt.Println("never") })
	fmt.Println(never.C == nil)
	fmt.Println(never.Stop(), never.Stop())

	done := make(chan int)
	t := time.AfterFunc(10*time.Millisecond, func() {
		fmt.Println("fired")
		done <- 1
	})
	<-done
	fmt.Println(t.Stop())
	fmt.Println(t.Reset(20 * time.Millisecond))
	<-done
	fmt.Println(t.Reset(time.Hour), t.Stop())

	var m map[string]int
	fmt.Println(m == nil, len(m))
	m = map[string]int{}
	fmt.Println(m == nil)

	results := make(chan string)
	time.AfterFunc(5*time.Millisecond, func() {
		results <- "late"
	})
	time.Sleep(50 * time.Millisecond)
	<-done
}
