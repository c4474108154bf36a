package main

import "fmt"

const huge = 1e400

func main() {
	const c int8 = 100
	m := c * 2
	const t int64 = 1
	h := t << 70
	const ff float64 = 1e308
	l := ff * 10
	a := int8(200)
	var g float64 = 1
	d := g + huge
	var i int8 = 1
	e := i + 300
	k := 1 >> -1
	n := 1 << 2000
	fmt.Println(m, h, l, a, d, e, k, n)
}
