package main

import "fmt"

type logger struct{ prefix string }

func (l *logger) logf(format string, args ...interface{}) {
	fmt.Println(l.prefix + fmt.Sprintf(format, args...))
}

func (l logger) count(xs ...int) int { return len(xs) }

func main() {
	l := &logger{prefix: "> "}
	l.logf("a=%d b=%s", 1, "two")
	l.logf("none")
	defer l.logf("deferred %d", 3)
	fmt.Println(l.count(1, 2, 3), l.count())
	f := l.count
	fmt.Println(f(4, 5))
	a := []int{1, 2}
	b := []int{3, 4}
	a = append(a, b...)
	a = append(a, []int{}...)
	var none []int
	a = append(a, none...)
	bs := append([]byte("ab"), "cd"...)
	fmt.Println(a, len(a), bs, string(bs))
	parts := []interface{}{"x", 2, uint8(3)}
	fmt.Println(parts...)
	fmt.Printf("%v-%v-%v\n", parts...)
	s := fmt.Sprint(append(parts, "tail")...)
	fmt.Println(s)
}
