package main

import "fmt"

type size uint8

const (
	KB size = 1 << (10 * (iota + 1))
	MB
)

func main() {
	const (
		a = iota * 1.5
		b
		c
	)
	var n int = c
	x := iota
	var m int8 = -c * 100
	fmt.Println(KB, MB, a, b, n, x, m)
}
