package main

import (
	"fmt"
	"time"
)

const budget = 2.5

func main() {
	x := 1.5
	y := 2
	sum := x + y
	var n int = 2.5
	var m int = budget
	k := int(2.999)
	tries := y * 1.5
	wait := time.Second * 0.5
	var small int8 = 300.0
	z := 1 / 0.0
	if x == y {
		fmt.Println(sum, n, m, k, tries, wait, small, z)
	}
	fmt.Println(x % 2)
}
