package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var count int64
	atomic.AddInt64(count, 1)
	var small int32
	atomic.AddInt64(&small, 1)
	var n atomic.Int64
	n.Add(uint64(1))
	fmt.Println(n.Load() + 1.5)
	var ok atomic.Bool
	ok.Store(1)
}
