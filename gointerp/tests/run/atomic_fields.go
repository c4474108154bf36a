package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type counters struct {
	hits   int64
	misses uint32
}

func bump(p *int64, by int64) { *p += by }

func main() {
	var c counters
	var wg sync.WaitGroup
	perWorker := make([]int64, 4)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				atomic.AddInt64(&c.hits, 1)
				atomic.AddInt64(&perWorker[w], int64(w))
			}
			atomic.AddUint32(&c.misses, ^uint32(0))
		}()
	}
	wg.Wait()
	bump(&c.hits, 5)
	p := &perWorker[3]
	*p++
	fmt.Println(c.hits, c.misses, perWorker, *p, atomic.LoadInt64(&perWorker[2]))
	defer func() { fmt.Println("recovered:", recover()) }()
	q := &perWorker[len(perWorker)]
	fmt.Println(*q)
}
