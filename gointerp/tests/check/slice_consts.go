package main

import "fmt"

func main() {
	s := []int{1, 2, 3}
	str := "abc"
	fmt.Println(s[2:1])
	fmt.Println(s[-1:])
	fmt.Println(str[:5])
	fmt.Println(str[1:2:3])
	fmt.Println(s[1:3:2])
	fmt.Println("hello"[4:9])
	n := 3
	fmt.Println(n[1:])
	fmt.Println(s[1.5:])
	fmt.Println(s[:"x"])
}
