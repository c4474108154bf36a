package main

import (
	"errors"
	"fmt"
	"time"
)

type result struct {
	body string
	n    int
}

type state string

func main() {
	n := 42
	fmt.Printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d] [%x] [%X] [%#x] [%o] [%#o] [%O] [%b]\n", n, n, n, n, n, n, n, n, n, n, n, n, n)
	fmt.Printf("[%d] [%x] [%05d] [%.3d] [%8.3d]\n", -7, -255, -7, 5, 5)
	fmt.Printf("[%c] [%U] [%#U] [%q] [%q]\n", 65, 0x1F600, 'x', 'A', '\n')
	s := "héllo\t\"go\""
	fmt.Printf("[%s] [%q] [%10s] [%-10s|] [%.2s] [%x] [% x] [%X]\n", "hi", s, "right", "left", "truncate", "hi", "hi", "hi")
	fmt.Printf("[%t] [%v] [%6t]\n", true, false, true)
	r := result{"body", 3}
	fmt.Printf("[%v] [%+v] [%T] [%T] [%T]\n", r, r, r, &r, []string{"a"})
	fmt.Printf("[%T] [%T] [%T] [%T] [%T]\n", n, s, time.Second, map[string]int{}, make(chan int))
	var st state = "up"
	fmt.Printf("[%v] [%s] [%T] [%q]\n", st, st, st, st)
	err := errors.New("boom")
	wrapped := fmt.Errorf("call: %w", err)
	fmt.Printf("[%v] [%s] [%q] [%T] [%T]\n", err, wrapped, err, err, wrapped)
	var nilErr error
	fmt.Printf("[%v] [%d]\n", nilErr, nilErr)
	fmt.Printf("[%v] [%s] [%d] [%8v]\n", 1500*time.Millisecond, 2*time.Minute, time.Second, time.Millisecond)
	fmt.Printf("[%d] [%s] [%t]\n", "str", 5, 1)
	fmt.Printf("[%d %d]\n", 1)
	fmt.Printf("[%d]\n", 1, "extra", 2)
	fmt.Printf("[%z] [100%%] [%v]\n", 3, []int{1, 2})
	fmt.Println(fmt.Sprintf("%3d|%-3d|%03d", 1, 2, 3))
	fmt.Printf("%!\n")
	fmt.Printf("end %")
	fmt.Println()
}
