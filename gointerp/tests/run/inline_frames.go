package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

type result struct {
	body string
	err  error
}

var never = make(chan int)

// Each helper parks on never; the deadlock's traces show which ones Go inlined.
func plain() int { return <-never }

func withErr() error {
	<-never
	return errors.New("unreachable")
}

func withStruct(d time.Duration) result {
	<-never
	if d > 300*time.Millisecond {
		return result{err: errors.New("too slow")}
	}
	return result{body: "found"}
}

func withPrintln() {
	fmt.Println("parking")
	<-never
}

func withNow() {
	_ = time.Now()
	<-never
}

func withTwoNows() {
	_ = time.Now()
	_ = time.Now()
	<-never
}

func withText(s string) bool {
	<-never
	return strings.HasPrefix(s, "x") && strings.Contains(s, "y")
}

func withItoa(n int) string {
	<-never
	return strconv.Itoa(n) + strconv.Itoa(n+1)
}

func withTwoSprints() string {
	a := fmt.Sprint("one")
	<-never
	return a + fmt.Sprint("two")
}

func main() {
	go func() { plain() }()
	go func() { _ = withErr() }()
	go func() { _ = withStruct(time.Second) }()
	go func() { withPrintln() }()
	go func() { withNow() }()
	go func() { withTwoNows() }()
	go func() { _ = withText("xy") }()
	go func() { _ = withItoa(1) }()
	go func() { _ = withTwoSprints() }()
	time.Sleep(10 * time.Millisecond)
	<-never
}
