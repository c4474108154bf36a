package main

import "fmt"

func main() {
	a := 1.5 << 2
	const b = 2.0 << 1
	var s uint = 3
	c := 1 << s
	d := 1 << 1074
	e := 1.0 << 1075
	var f int64 = 1 << 62 << 1
	g := -1 << 63
	h := ^0 >> 64
	fl := 2.5
	_ = fl << 1
	fmt.Println(a, b, c, d, e, f, g, h)
}
