package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var id uint64 = 7
	var b byte = 'x'
	var n atomic.Int64
	bs := []byte("hi")
	fmt.Printf("%s %d %c %q\n", id, b, id, b)
	fmt.Printf("%t %x %d %s\n", int8(1), 1.5, bs, bs)
	fmt.Printf("%d %v\n", 2.5, n.Load())
	fmt.Printf("%b %o %U %e\n", uint16(5), int32(8), rune(9), uint(3))
	fmt.Printf("%s\n", 'x')
	fmt.Printf("%s\n", 3)
	fmt.Printf("%d\n", "a")
}
