package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	deadline := start.Add(250 * time.Millisecond)
	time.Sleep(100 * time.Millisecond)
	elapsed := time.Since(start)
	// Real time moves on between two readings of the clock; the virtual clock does
	// not, so the program prints what does not depend on it.
	ms := elapsed.Round(10 * time.Millisecond)
	fmt.Println("elapsed:", ms, ms.Milliseconds(), ms.Microseconds(), ms.Seconds(), elapsed >= 100*time.Millisecond)
	left := time.Until(deadline)
	fmt.Println("left:", left.Round(10*time.Millisecond), left.Truncate(time.Second).String(), left > 0)
	now := time.Now()
	fmt.Println(now.Sub(start).Round(time.Millisecond*10), now.After(start), now.Before(start), deadline.After(now), now.Equal(now))
	for i := 1; i <= 3; i++ {
		d := time.Duration(i) * time.Millisecond * 150
		fmt.Println(d, d.Milliseconds(), d.Round(time.Second), d.Truncate(100*time.Millisecond), d.Minutes() > 0)
	}
	timeout := time.Duration(1500) * time.Millisecond
	fmt.Println(timeout, timeout.Seconds(), timeout.Nanoseconds(), timeout.Hours() < 1, time.Duration(90)*time.Second)
	fmt.Printf("%v %s %d %.1f\n", timeout, timeout, timeout, timeout.Seconds())
	var total time.Duration
	for _, ms := range []int{12, 30, 7} {
		total += time.Duration(ms) * time.Millisecond
	}
	fmt.Println(total, total/3, total%time.Millisecond, -total, time.Duration(0), time.Duration(1))
	t2 := start.Add(time.Hour)
	fmt.Println(t2.Sub(start), start.Before(t2), t2.Compare(start), start.Compare(t2), start.Compare(start), t2.Add(-time.Hour).Equal(start))
	d, err := time.ParseDuration("1h2m3.5s")
	fmt.Println(d, err, d.Truncate(time.Minute), d.Round(time.Hour))
	fmt.Println(start.Add(time.Since(start)).Sub(start) >= 100*time.Millisecond, start.IsZero(), time.Time{}.IsZero())
	var never time.Time
	fmt.Println(never.IsZero(), never.Before(start), start.After(never))
	fmt.Println(time.Duration(1<<63 - 1))
}
