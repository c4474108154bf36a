package main

import (
	"fmt"
	"math"
)

func main() {
	var state uint64 = 88172645463325252
	next := func() float64 {
		state ^= state << 13
		state ^= state >> 7
		state ^= state << 17
		return float64(state>>11) / (1 << 53)
	}
	for i := 0; i < 400; i++ {
		u, v := next(), next()
		x := math.Ldexp(u, int(v*200)-100)
		y := (v - 0.5) * 40
		fmt.Println(math.Log(x), math.Exp(y*18), math.Pow(x, y), math.Log2(x), math.Log10(x), math.Pow(u*4, v*60-30))
	}
}
