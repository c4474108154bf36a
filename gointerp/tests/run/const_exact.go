package main

import (
	"fmt"
	"math"
)

const a = 0.1
const b = 0.2
const big = 1 << 100
const third = 1.0 / 3
const x = 1e400 / 1e399

func main() {
	fmt.Println(a+b == 0.3, a+b)
	fa, fb := 0.1, 0.2
	fmt.Println(fa+fb, fa+fb == 0.3)
	fmt.Println(big>>98, big/(1<<90), x, third*3 == 1, third)
	const typed float64 = 0.1
	fmt.Println(typed+0.2 == 0.3, typed+0.2)
	fmt.Println(math.MaxInt64, math.MinInt64, uint32(math.MaxUint32), math.MaxUint64/(1<<32))
	fmt.Println(1e-400 < 1e-399, float64(1<<62)*4, 1e308*10/100)
	fmt.Println(7/2, 7.0/2, -7%3, -7>>1, ^5, 6&^3, 1<<3|1)
	fmt.Println(math.Pi, math.Pi*1e15-3141592653589793, math.MaxFloat64, math.SmallestNonzeroFloat64)
	var n int = math.MaxUint64 >> 1
	fmt.Println(n, 'a'*2, "s"+"t", len("héllo"))
	fmt.Println(0x1p-2, 0x1.8p1, 0x_1FFFp-16, 1e-400*1e400, 0.1*3 == 0.3)
}
