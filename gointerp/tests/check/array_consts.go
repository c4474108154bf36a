package main

import "fmt"

func main() {
	var a [3]int
	fmt.Println(a[5])
	fmt.Println(a[-1])
	fmt.Println(a[1:4])
	b := [2]int{1, 2, 3}
	c := [...]int{1, 1: 2}
	d := [4]string{"x", 5}
	fmt.Println("abc"[3])
	fmt.Println([3]int{}[1:])
	var e [2]int = [3]int{}
	fmt.Println(b, c, d, e, a == [3]int{}, a == nil)
}
