package main

import (
	"errors"
	"fmt"
)

// order prints its deferred lines last-in first-out, after the body.
func order() {
	for i := range 3 {
		defer fmt.Println("deferred", i)
	}
	fmt.Println("body done")
}

// safeDiv turns a division by zero into an error through its named result.
func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func mustPositive(n int) int {
	if n < 0 {
		panic(fmt.Sprintf("negative: %d", n))
	}
	return n
}

// try reports what f panicked with.
func try(f func()) (msg string) {
	defer func() {
		msg = fmt.Sprint(recover())
	}()
	f()
	return "no panic"
}

func nested() {
	defer fmt.Println("nested: outer defer")
	func() {
		defer fmt.Println("nested: inner defer")
		panic(errors.New("deep"))
	}()
	fmt.Println("not reached")
}

// zero returns its result's zero value after a recovered panic.
func zero() int {
	defer func() { recover() }()
	panic("ignored")
}

func main() {
	order()
	fmt.Println(safeDiv(7, 2))
	fmt.Println(safeDiv(1, 0))
	fmt.Println(try(func() { mustPositive(-3) }))
	fmt.Println(try(func() { mustPositive(3) }))
	fmt.Println(try(func() {
		var m map[string]int
		m["x"] = 1
	}))
	fmt.Println(try(func() {
		s := []int{1}
		i := 5
		_ = s[i]
	}))
	fmt.Println(try(nested))
	fmt.Println(zero(), recover())
	defer fmt.Println("main's defer runs before the crash")
	panic(fmt.Sprintf("final %d", 42))
}
