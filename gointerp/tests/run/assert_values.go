package main

import (
	"errors"
	"fmt"
)

type point struct{ x, y int }

func (p point) Error() string { return fmt.Sprint("point ", p.x, p.y) }

func describe(v any) string {
	if n, ok := v.(int); ok {
		return fmt.Sprint("int ", n+1)
	}
	if s, ok := v.(string); ok {
		return "string " + s
	}
	if p, ok := v.(point); ok {
		return fmt.Sprint("point ", p.x)
	}
	if e, ok := v.(error); ok {
		return "error " + e.Error()
	}
	return "other"
}

func main() {
	var x any = 3
	n := x.(int)
	fmt.Println(n, describe(x), describe("hi"), describe(point{1, 2}), describe(2.5), describe(nil))
	var err error = errors.New("boom")
	fmt.Println(describe(err))
	_, isPoint := err.(point)
	fmt.Println(isPoint)
	err = point{3, 4}
	p, ok := err.(point)
	fmt.Println(p.x, ok, p.y)
	items := []any{1, "a", point{5, 6}, []int{1}, 1.5}
	for _, it := range items {
		_, isStr := it.(string)
		fmt.Print(isStr, " ")
	}
	fmt.Println()
	func() {
		defer func() { fmt.Println(recover()) }()
		var y any = "text"
		fmt.Println(y.(int))
	}()
	func() {
		defer func() { fmt.Println(recover()) }()
		var z any = point{}
		fmt.Println(z.(fmt.Stringer))
	}()
	func() {
		defer func() { fmt.Println(recover()) }()
		var z any = 7
		fmt.Println(z.(error))
	}()
	var none any
	fmt.Println(none.(int))
}
