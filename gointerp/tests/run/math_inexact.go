package main

import (
	"fmt"
	"math"
)

func main() {
	xs := []float64{0.5, 1, 2, 2.718281828459045, 3, 10, 100, 1e-300, 5e-324, 1e300, 0.1, 0.7, 1.5, 123.456}
	for _, x := range xs {
		fmt.Println(x, math.Log(x), math.Log2(x), math.Log10(x), math.Exp(x/100), math.Exp(-x))
	}
	for _, x := range []float64{0, -0.0, -1, math.Inf(1), math.Inf(-1), math.NaN(), 709.7, 709.8, -745, -746, -708.5} {
		fmt.Println(x, math.Log(x), math.Exp(x), math.Log2(x), math.Log10(x))
	}
	bases := []float64{2, 10, 1.5, 0.5, -2, 1.0001, 7.25, 1e10}
	exps := []float64{0.5, 3, -1, 2.5, 0.1, 10, -3.3, 64, 1.0 / 3}
	for _, b := range bases {
		for _, e := range exps {
			fmt.Print(math.Pow(b, e), " ")
		}
		fmt.Println()
	}
	fmt.Println(math.Pow(0, -1), math.Pow(-0.0, -3), math.Pow(-8, 1.0/3), math.Pow(math.Inf(-1), 3), math.Pow(2, 1100), math.Pow(2, -1100))
	fmt.Println(math.Mod(7.5, 2), math.Mod(-7.5, 2), math.Mod(1e300, 3.3), math.Mod(5, 0))
	frac, exp := math.Frexp(1234.5)
	fmt.Println(frac, exp, math.Ldexp(frac, exp), math.Ldexp(1, -1074), math.Ldexp(1, 1024))
	// A backoff schedule: base * 2^attempt, with jitter factors.
	for attempt := 0; attempt < 6; attempt++ {
		d := 50 * math.Pow(2, float64(attempt)) * math.Pow(1.1, float64(attempt)/2)
		fmt.Printf("attempt %d: %.3fms (log2 %.4f)\n", attempt, d, math.Log2(d))
	}
	fmt.Println(math.Log2E, math.Ln10, math.Log10E)
}
