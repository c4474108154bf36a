package main

import (
	"fmt"
	"sync"
)

// counter returns a closure over its own n.
func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func divmod(a, b int) (int, int) {
	return a / b, a % b
}

// both passes divmod's two results straight through.
func both(a, b int) (int, int) {
	return divmod(a, b)
}

func main() {
	next := counter()
	other := counter()
	fmt.Println(next(), next(), other(), next())

	// Go 1.22: every iteration has its own i, captured by each closure.
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i * 10 })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	var mu sync.Mutex
	var wg sync.WaitGroup
	seen := map[int]bool{}
	for _, v := range []int{4, 5, 6} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			seen[v] = true
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(seen)

	q, r := divmod(17, 5)
	a, b := both(9, 4)
	a, b = b, a
	fmt.Println(q, r, a, b)
	_, r = divmod(8, 3)
	fmt.Println(r)

	for i := range 3 {
		defer func() { fmt.Println("deferred closure sees", i) }()
	}
}
