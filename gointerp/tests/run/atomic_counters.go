package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

type server struct {
	inFlight atomic.Int64
	served   atomic.Uint64
	errors   atomic.Int32
	closing  atomic.Bool
	nextID   uint64
	peak     int64
}

func (s *server) handle(id uint64, wg *sync.WaitGroup) {
	defer wg.Done()
	n := s.inFlight.Add(1)
	for {
		old := atomic.LoadInt64(&s.peak)
		if n <= old || atomic.CompareAndSwapInt64(&s.peak, old, n) {
			break
		}
	}
	time.Sleep(time.Duration(id%3+1) * time.Millisecond)
	if id%4 == 0 {
		s.errors.Add(1)
	}
	s.served.Add(1)
	s.inFlight.Add(-1)
}

func main() {
	s := &server{}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		id := atomic.AddUint64(&s.nextID, 1)
		go s.handle(id, &wg)
	}
	wg.Wait()
	fmt.Println("in flight:", s.inFlight.Load(), "served:", s.served.Load(), "errors:", s.errors.Load())
	fmt.Println("peak:", atomic.LoadInt64(&s.peak), "next id:", atomic.LoadUint64(&s.nextID))

	fmt.Println(s.closing.Load(), s.closing.Swap(true), s.closing.Load(), s.closing.CompareAndSwap(false, true))
	var hits int64
	atomic.StoreInt64(&hits, 40)
	fmt.Println(atomic.AddInt64(&hits, 2), atomic.SwapInt64(&hits, 7), hits)
	fmt.Println(atomic.CompareAndSwapInt64(&hits, 6, 1), atomic.CompareAndSwapInt64(&hits, 7, 1), hits)
	var small int32 = 2147483647
	fmt.Println(atomic.AddInt32(&small, 1), atomic.LoadInt32(&small))
	var u32 atomic.Uint32
	u32.Store(1)
	fmt.Println(u32.Add(^uint32(0)), u32.Load(), u32.CompareAndSwap(0, 5), u32.Swap(9), u32.Load())
	var total atomic.Uint64
	total.Store(1<<64 - 1)
	fmt.Println(total.Add(2), s.served.Load() == 10)

	var cfg atomic.Value
	fmt.Println(cfg.Load() == nil)
	cfg.Store("v1")
	old := cfg.Swap("v2")
	fmt.Println(old, cfg.Load(), cfg.CompareAndSwap("v2", "v3"), cfg.Load())
}
