package main

import (
	"fmt"
	"time"
)

type level uint8

const (
	low level = iota
	high
)

const mask = ^uint8(0)
const half = 0.5
const c = 'a' + 1.5

func main() {
	fmt.Printf("%T %T %v\n", 1.0<<3, 'a'<<1, 2.0<<1)
	fmt.Println(mask, ^uint16(1), ^0, ^level(high), c, half*4 == 2)
	var u uint32 = 1<<32 - 1
	fmt.Println(u, -1<<63, 5/2*2.0, 5.0/2*2, (1<<100)%7, -(1 << 62) * 2)
	d := time.Duration(1.5 * float64(time.Second))
	fmt.Println(d, time.Duration(2.5e9), 3*time.Millisecond/2)
	const typed float64 = 1.0 / 3
	fmt.Println(typed*3 == 1, 1.0/3*3 == 1, typed)
	switch x := 4; x {
	case 1 << 2:
		fmt.Println("shift")
	case 2.0 * 3:
		fmt.Println("six")
	}
	fmt.Println(1e15+0.3, 1e15+0.25, 1e15+0.375, 0.1+0.7, 1e23, 8.41e21, 5e-324*3, 123456789.0*1000, 1e21, 1e-7, 100000000000000000000.0/3)
}
