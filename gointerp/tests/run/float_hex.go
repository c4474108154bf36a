package main

import (
	"fmt"
	"math"
	"strconv"
)

func main() {
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.5, 3.14159, 1e300, 5e-324, 2.2250738585072014e-308, 1 << 60, math.Inf(1), math.NaN(), 255.9375, 1.0 / 3} {
		fmt.Printf("%x %X %b|%.3x|%.0x|%10.2x|%-12x|%+x|% x|%012x\n", f, f, f, f, f, f, f, f, f, f)
		fmt.Println(strconv.FormatFloat(f, 'x', -1, 64), strconv.FormatFloat(f, 'X', 5, 64), strconv.FormatFloat(f, 'b', -1, 64), strconv.FormatFloat(f, 'x', 14, 64), strconv.FormatFloat(f, 'x', 1, 64))
	}
}
