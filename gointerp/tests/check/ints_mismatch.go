package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var a uint8 = 200
	var b int = 3
	fmt.Println(a + b)
	var id uint64 = -1
	var small int8 = 128
	x := 1.5
	fmt.Println(x << 2, a << x)
	var n int32
	atomic.AddInt64(&n, 1)
	var c uint16 = 'a'
	fmt.Println(c, uint8(256), byte('é'))
	fmt.Println(id, small)
}

func shifts() {
	n := 3
	s := "x"
	fmt.Println(n<<1.5, n<<s, n<<2.0, 1<<-1, n<<"a")
}
