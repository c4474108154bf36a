package main

import "fmt"

func main() {
	done := make(chan bool)
	fmt.Println("waiting")
	<-done
	fmt.Println("never printed")
}
