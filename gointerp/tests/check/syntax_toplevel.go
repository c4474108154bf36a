package main

import "fmt"

fmt.Println("hello")

func main() {
}
