package main

import "fmt"

func main() {
	mirrors := []string{
		"eu",
		"us"
	}
	fmt.Println(mirrors)
}
