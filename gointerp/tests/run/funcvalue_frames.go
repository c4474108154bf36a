package main

import (
	"fmt"
	"time"
)

var never = make(chan int)

// Small enough for Go to inline where it is called by name.
func park() int { return <-never }

func parkTwice() int { return park() + 1 }

var hook = park

type job struct {
	run func() int
}

type box struct{ n int }

func (b *box) park() int { return <-never + b.n }

func pick() func() int { return park }

func choose(n int) func() int {
	if n > 0 {
		return park
	}
	return nil
}

func runAll(fs []func() int) {
	for _, f := range fs {
		f()
	}
}

func call(f func() int) int { return f() }

func outer(f func() int) int { return call(f) + 1 }

func apply(f func() int) {
	fmt.Println("applying")
	f()
}

// Each goroutine parks in park, called by name or through a function value: Go
// inlines the calls whose callee it can see, and only those.
func main() {
	go func() { park() }()
	go func() {
		f := park
		f()
	}()
	go func() {
		j := job{run: park}
		j.run()
	}()
	go func() {
		j := &job{run: park}
		j.run()
	}()
	go func() { pick()() }()
	go func() { choose(1)() }()
	go func() { parkTwice() }()
	go func() {
		g := parkTwice
		g()
	}()
	go func() { hook() }()
	go func() { runAll([]func() int{park}) }()
	go func() { apply(park) }()
	go func() {
		var f func() int
		f = park
		f()
	}()
	go func() {
		m := map[string]func() int{"p": park}
		m["p"]()
	}()
	go func() { call(park) }()
	go func() { call(hook) }()
	b := &box{}
	go func() {
		m := b.park
		m()
	}()
	go func() {
		f := park
		call(f)
	}()
	go func() {
		f := func() int { return <-never }
		f()
		f()
	}()
	go func() { call(b.park) }()
	go func() { outer(park) }()
	go park()
	time.AfterFunc(time.Millisecond, func() { park() })
	time.Sleep(10 * time.Millisecond)
	<-never
}
