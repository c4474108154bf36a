// Command timer-slack measures how late real Go timers fire on this machine:
// time.Sleep, time.NewTimer, time.After in a select, time.NewTicker, and the
// lesson's pattern of a loop that sleeps and then logs. Each kind is measured
// idle and with every P kept busy by spinning goroutines ("busy"), so that the
// simulation's timer-slack model can be checked against both.
//
// Output: one line per (mode, kind, duration) with the lateness distribution in
// microseconds (min, p10, p50, p90, max, mean) over n samples.
package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

func stats(mode, kind string, d time.Duration, late []time.Duration) {
	sort.Slice(late, func(i, j int) bool { return late[i] < late[j] })
	q := func(p float64) float64 { return float64(late[int(p*float64(len(late)-1))].Nanoseconds()) / 1e3 }
	var sum time.Duration
	for _, l := range late {
		sum += l
	}
	mean := float64(sum.Nanoseconds()) / float64(len(late)) / 1e3
	fmt.Printf("%-5s %-12s %6s n=%-4d late_us min=%.0f p10=%.0f p50=%.0f p90=%.0f max=%.0f mean=%.0f\n",
		mode, kind, d, len(late), q(0), q(0.1), q(0.5), q(0.9), q(1), mean)
}

// samples returns how many samples of duration d fit into about budget.
func samples(d, budget time.Duration) int {
	n := int(budget / d)
	if n < 10 {
		n = 10
	}
	if n > 400 {
		n = 400
	}
	return n
}

func measure(mode string, budget time.Duration) {
	for _, d := range []time.Duration{time.Millisecond, 10 * time.Millisecond, 25 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond} {
		n := samples(d, budget)
		late := make([]time.Duration, 0, n)
		for i := 0; i < n; i++ {
			start := time.Now()
			time.Sleep(d)
			late = append(late, time.Since(start)-d)
		}
		stats(mode, "sleep", d, late)

		late = late[:0]
		for i := 0; i < n; i++ {
			start := time.Now()
			t := time.NewTimer(d)
			<-t.C
			late = append(late, time.Since(start)-d)
		}
		stats(mode, "timer", d, late)

		late = late[:0]
		never := make(chan int)
		for i := 0; i < n; i++ {
			start := time.Now()
			select {
			case <-never:
			case <-time.After(d):
			}
			late = append(late, time.Since(start)-d)
		}
		stats(mode, "after", d, late)

		late = late[:0]
		tk := time.NewTicker(d)
		start := time.Now()
		for k := 1; k <= n; k++ {
			<-tk.C
			late = append(late, time.Since(start)-time.Duration(k)*d)
		}
		tk.Stop()
		stats(mode, "ticker", d, late)
	}
	// The lesson's log writer: sleep, then log one line, in a loop. The
	// figure is the length of a round minus the sleep.
	logger := log.New(io.Discard, "", log.LstdFlags)
	for _, d := range []time.Duration{25 * time.Millisecond, 30 * time.Millisecond, 50 * time.Millisecond} {
		n := samples(d, budget)
		late := make([]time.Duration, 0, n)
		prev := time.Now()
		for i := 0; i < n; i++ {
			time.Sleep(d)
			logger.Printf("entry %d written", i)
			now := time.Now()
			late = append(late, now.Sub(prev)-d)
			prev = now
		}
		stats(mode, "sleep+log", d, late)
	}
}

// loop runs the lesson's log writer (sleep d, then log a line) for three
// seconds and prints how many lines were written by each second: an ideal
// clock writes exactly 1s/d per second.
func loop() {
	logger := log.New(io.Discard, "", log.LstdFlags)
	for _, d := range []time.Duration{25 * time.Millisecond, 30 * time.Millisecond, 50 * time.Millisecond} {
		start := time.Now()
		var by [3]int
		for n := 0; ; n++ {
			time.Sleep(d)
			logger.Printf("entry %d written", n)
			el := time.Since(start)
			if el >= 3*time.Second {
				break
			}
			for s := int(el / time.Second); s < 3; s++ {
				by[s] = n + 1
			}
		}
		fmt.Printf("loop  sleep+log    %6s lines_by 1s=%d 2s=%d 3s=%d\n", d, by[0], by[1], by[2])
	}
}

func main() {
	budget := 2 * time.Second
	if len(os.Args) > 1 && os.Args[1] == "loop" {
		fmt.Printf("timer-slack loop %s GOMAXPROCS=%d NumCPU=%d\n", runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumCPU())
		loop()
		return
	}
	if len(os.Args) > 1 {
		var err error
		if budget, err = time.ParseDuration(os.Args[1]); err != nil {
			fmt.Fprintln(os.Stderr, "usage: timer-slack [budget per kind, e.g. 2s | loop]")
			os.Exit(2)
		}
	}
	fmt.Printf("timer-slack %s GOMAXPROCS=%d NumCPU=%d budget=%s\n", runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumCPU(), budget)
	measure("idle", budget)

	// Busy: one spinning goroutine per P, as a server under CPU load has.
	var stop atomic.Bool
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := 0
			for !stop.Load() {
				for j := 0; j < 1000; j++ {
					x += j
				}
			}
			_ = x
		}()
	}
	measure("busy", budget)
	stop.Store(true)
	wg.Wait()
}
