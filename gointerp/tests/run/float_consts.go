package main

import (
	"fmt"
	"time"
)

type point struct {
	x, y float64
}

type ratio float64

const scale float64 = 3
const half = 0.5
const limit ratio = 2

func unit() float64 { return 1 }

func pair() (float64, int) { return 2, 3 }

func grade(f float64) string {
	switch f {
	case 1:
		return "one"
	case 2.5:
		return "two and a half"
	}
	switch {
	case f < 0:
		return "negative"
	case f >= 100:
		return "big"
	}
	return "other"
}

func main() {
	var a, b float64 = 1, 2
	c := a/b + scale
	fmt.Println(a, b, c, scale*2, scale/2, half*3, limit*2, limit/3)
	p := point{1, 2}
	q := point{x: 3}
	q.y += 4
	q.x++
	fmt.Println(p, q, p.x/p.y)
	fmt.Printf("%v %+v %.1f\n", p, q, []float64{1, 2})
	ch := make(chan float64, 2)
	ch <- 1
	ch <- half
	fmt.Println(<-ch/2, <-ch*2)
	m := map[float64]string{1: "one"}
	m[2] = "two"
	fmt.Println(m[1], m[2], m[3] == "", len(m))
	fs := make([]float64, 2, 4)
	fs[0] = 7
	fs = append(fs, 1, half)
	fmt.Println(fs, len(fs))
	f, n := pair()
	fmt.Println(f/4, n/4, unit()/3, grade(1), grade(2.5), grade(-1), grade(1e3), grade(3))
	var r ratio = 1
	r = r / 4
	fmt.Printf("%v %T %.3f %T\n", r, r, r*limit, limit)
	var d time.Duration = 2
	d *= 1e3
	fmt.Println(d, time.Duration(1e9), time.Duration(2.5e9), float64(time.Minute)/1e9)
	x := 10.0
	x /= 4
	x -= 0.5
	x *= -1
	fmt.Println(x, -x, x < -1, 2 > x, float64(int(x*10))/10)
	var total float64
	for i := 1; i <= 4; i++ {
		total += 1 / float64(i)
	}
	fmt.Printf("%.4f %v %g\n", total, total, total*1e-10)
	zero := 0.0
	fmt.Println(-0.0, 0.0*-1, -zero, zero*-1, 1/(-zero), -0.0 < 0)
}
