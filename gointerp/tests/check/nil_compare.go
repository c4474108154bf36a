package main

import "fmt"

type T struct{ x int }

func main() {
	n := 1
	var t T
	var a [2]int
	fmt.Println(n == nil, nil == n, t == nil, nil != a, a == nil)
}
