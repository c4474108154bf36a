package main

import (
	"fmt"
	"math"
)

const big = 1 << 100
const huge = 1e400

func main() {
	var i int = big
	var f float64 = huge
	var k int8 = 1 << 7
	var u int = math.MaxUint64
	w := 1 << 70
	p := 1e400 / 1e399 * huge
	fmt.Println(i, f, k, u, w, p)
	fmt.Println(1e300*1e300, big)
	var x any = 1 << 64
	fmt.Println(x, 1e-400 < 1e-399)
}
