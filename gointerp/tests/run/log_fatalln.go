package main

import (
	"fmt"
	"log"
)

func main() {
	fmt.Println("starting")
	done := make(chan bool)
	go func() {
		log.Fatalln("worker failed:", 42)
	}()
	<-done
}
