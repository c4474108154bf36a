package main

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

type celsius float64

func half(x float64) float64 {
	return x / 2
}

func main() {
	// Println: the shortest digits, %e past the thresholds.
	fmt.Println(1.5, 0.1, 2.0, 100000.0, 1e6, 100000000.0, 123456789.0, 1e20, 1e21, 1e-4, 1e-5, 0.000123)
	a, b := 0.1, 0.2
	fmt.Println(a+b, a*3, 1/3.0, 2.5*4, -0.5, 1e100, 5e-324, math.MaxFloat64)
	var zero float64
	fmt.Println(zero, -zero, 1/zero, -1/zero, zero/zero, math.Inf(1), math.Inf(-1), math.NaN())
	negz := math.Copysign(0, -1)
	fmt.Println(negz, negz == 0, zero/zero == zero/zero, math.IsNaN(zero/zero), math.IsInf(1/zero, 1), math.IsInf(1/zero, -1))

	// Conversions.
	n := 7
	f := float64(n) / 2
	fmt.Println(f, int(f), int(-f), int(2.0), int64(f*10), float64(n*n))
	d := time.Duration(1.5 * float64(time.Second))
	fmt.Println(d, time.Duration(f*float64(time.Millisecond)), d.Seconds(), d.Minutes(), d.Hours(), (90 * time.Minute).Hours())
	fmt.Println(d.Milliseconds(), float64(d)/float64(time.Millisecond))
	var t celsius = 21.5
	fmt.Println(t, t*2, celsius(n), float64(t)+0.25)
	fmt.Printf("%v %T %T %T\n", t, t, f, 2.5)

	// Printf verbs.
	x := 3.14159265358979
	fmt.Printf("[%v] [%g] [%e] [%E] [%f] [%F] [%G]\n", x, x, x, x, x, x, x)
	fmt.Printf("[%.2f] [%8.3f] [%-8.3f] [%08.3f] [%+.1f] [% .1f] [%.0f] [%.0f] [%.0f]\n", x, x, x, x, x, x, 0.5, 1.5, 2.5)
	fmt.Printf("[%.3e] [%.0e] [%10.2e] [%.3g] [%.10g] [%g] [%g] [%G]\n", x, x, x, x, x, 1e6, 1e-7, 1e-7)
	fmt.Printf("[%5.1f] [%-6.2f|] [%06.2f] [%+08.2f] [%x]\n", -2.25, 1.005, -1.5, 1.5, "f")
	big := 12345678.9
	fmt.Printf("[%v] [%f] [%.1f] [%e] [%g] [%.3g] [%.8g]\n", big, big, big, big, big, big, big)
	small := 0.000012345
	fmt.Printf("[%v] [%f] [%.8f] [%e] [%g] [%.2g]\n", small, small, small, small, small, small)
	fmt.Printf("[%f] [%v] [%5.1f] [%e] [%+v] [%08.2f] [% f]\n", math.Inf(1), math.Inf(-1), math.NaN(), math.NaN(), math.NaN(), math.Inf(-1), math.Inf(1))
	fmt.Printf("[%f] [%e] [%g] [%v] [%.2f]\n", zero, zero, zero, negz, negz)
	fmt.Printf("[%d] [%s] [%t]\n", 1.5, 2.5, 3.5)
	fmt.Printf("[%f] [%e]\n", 1, "x")
	fmt.Printf("[%v] [%.2f] [%6.1f]\n", []float64{1, 2.5, 1e21}, 1e21, 99.95)
	fmt.Println(fmt.Sprintf("%.2f%%", 12.345), fmt.Sprint(1.0, 2.5, "s", 3.0), fmt.Sprintf("%5.2f|%-7.3e|", 1.0/3, 2.0/3))

	// strconv.
	fmt.Println(strconv.FormatFloat(x, 'f', 2, 64), strconv.FormatFloat(x, 'e', -1, 64), strconv.FormatFloat(x, 'g', 4, 64), strconv.FormatFloat(1e21, 'f', -1, 64), strconv.FormatFloat(0.1, 'f', -1, 64), strconv.FormatFloat(123456789, 'E', 3, 64), strconv.FormatFloat(2.5, 'G', -1, 64))
	for _, s := range []string{"1.25", "-0.5", "1e3", "inf", "-Inf", "NaN", ".5", "1_0.5", "x", "", "1e400", "0x1p-2", " 1"} {
		v, err := strconv.ParseFloat(s, 64)
		fmt.Println(v, err)
	}

	// math.
	fmt.Println(math.Sqrt(2), math.Sqrt(16), math.Sqrt(-1), math.Floor(2.7), math.Floor(-2.5), math.Ceil(2.1), math.Ceil(-2.1))
	fmt.Println(math.Abs(-3.5), math.Max(2, 7.5), math.Min(2, 7.5), math.Max(1, math.NaN()), math.Trunc(-2.7), math.Round(2.5), math.Round(-2.5), math.Mod(7, 3))
	fmt.Println(math.MaxInt64, math.MinInt64, math.MaxInt32, math.Pi, math.E, math.Pi*2)

	// Arithmetic and comparisons.
	sum := 0.0
	for i := 0; i < 10; i++ {
		sum += 0.1
	}
	fmt.Println(sum, sum == 1, sum < 1, sum > 0.99, half(5), half(1e-320), -f, f*f-f/4+1)
	sum -= 1
	sum *= 1e17
	sum /= 2
	fmt.Println(sum, sum != 0, 2.5 > 2, 1.0 == 1)
	avg := 0.0
	vals := []float64{3, 4.5, 10}
	for _, v := range vals {
		avg += v
	}
	avg /= float64(len(vals))
	fmt.Printf("avg %.3f over %d, max %v\n", avg, len(vals), max(vals[0], vals[1], vals[2]))
	m := map[float64]string{0.5: "half", 2: "two"}
	fmt.Println(m, m[0.5], len(m))
	var fs []float64
	fmt.Println(fs, len(fs), fs == nil)
	fs = append(fs, 1.5, 2)
	fmt.Println(fs, len(fs), fs == nil)
	const ratio = 3 / 2.0
	const third = 1.0 / 3
	fmt.Println(ratio, third, ratio*2, 10/4, 10/4.0, 1<<3*0.5)
}
