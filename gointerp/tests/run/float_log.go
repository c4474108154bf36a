package main

import (
	"fmt"
	"log"
	"math"
	"strconv"
	"sync"
	"time"
)

type stats struct {
	mu    sync.Mutex
	count int
	total time.Duration
	worst time.Duration
	sumSq float64
}

func (s *stats) record(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count++
	s.total += d
	if d > s.worst {
		s.worst = d
	}
	ms := float64(d) / float64(time.Millisecond)
	s.sumSq += ms * ms
}

func (s *stats) mean() float64 {
	if s.count == 0 {
		return math.NaN()
	}
	return s.total.Seconds() * 1000 / float64(s.count)
}

// handle pretends to serve a request whose upstream took cost.
func handle(id int, cost time.Duration, s *stats, wg *sync.WaitGroup) {
	defer wg.Done()
	time.Sleep(cost / 100)
	s.record(cost)
	share := float64(cost) / float64(time.Second) * 100
	fmt.Printf("request %d took %v (%.1f%% of a second)\n", id, cost, share)
}

func main() {
	log.SetFlags(log.Lshortfile)
	var s stats
	fmt.Println("empty mean:", s.mean())
	costs := []time.Duration{120 * time.Millisecond, 80 * time.Millisecond, 310 * time.Millisecond, 45 * time.Millisecond}
	var wg sync.WaitGroup
	for i, c := range costs {
		wg.Add(1)
		go handle(i, c, &s, &wg)
		time.Sleep(5 * time.Millisecond)
	}
	wg.Wait()
	mean := s.mean()
	variance := s.sumSq/float64(s.count) - mean*mean
	log.Printf("%d requests: mean %.2fms, worst %v, stddev %.3fms", s.count, mean, s.worst, math.Sqrt(variance))
	log.Println("mean in seconds:", s.total.Seconds()/float64(s.count), "minutes:", s.total.Minutes())

	timeout := 2 * time.Second
	budget := time.Duration(float64(timeout) * 0.8)
	perTry := time.Duration(budget.Seconds() / 3 * float64(time.Second))
	log.Printf("budget %v, per try %v, tries %d", budget, perTry, int(budget/perTry))
	rate := float64(s.count) / s.total.Seconds()
	fmt.Println("rate:", rate, strconv.FormatFloat(rate, 'f', 3, 64), math.Round(rate*10)/10)
	limit, err := strconv.ParseFloat("250.5", 64)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := strconv.ParseFloat("fast", 64); err != nil {
		log.Println("config:", err)
	}
	worstMs := float64(s.worst.Milliseconds())
	if worstMs > limit {
		log.Fatalf("worst latency %.1fms is over the limit %gms by %.0f%%", worstMs, limit, (worstMs-limit)/limit*100)
	}
	fmt.Println("unreachable")
}
