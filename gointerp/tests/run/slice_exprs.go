package main

import "fmt"

func main() {
	s := []int{1, 2, 3, 4, 5}
	t := s[1:3]
	fmt.Println(t, len(t), cap(t))
	t = append(t, 99)
	fmt.Println(s, t)
	u := s[1:2:3]
	fmt.Println(u, len(u), cap(u))
	u = append(u, 7, 8)
	u[0] = -1
	fmt.Println(s, u, len(u), cap(u))
	fmt.Println(s[:], s[2:], s[:2], s[5:])
	var grow []int
	last := -1
	for i := 0; i < 2000; i++ {
		grow = append(grow, i)
		if cap(grow) != last {
			last = cap(grow)
			fmt.Print(last, " ")
		}
	}
	fmt.Println()
	var names []string
	last = -1
	for i := 0; i < 300; i++ {
		names = append(names, "x")
		if cap(names) != last {
			last = cap(names)
			fmt.Print(last, " ")
		}
	}
	fmt.Println()
	b := append([]byte{}, "hello"...)
	fmt.Println(len(b), cap(b), cap(append([]int{}, 1, 2, 3, 4, 5)), cap(append([]int32{}, 1, 2, 3)))
	type pair struct {
		a int
		b string
	}
	ps := append([]pair(nil), pair{1, "a"}, pair{2, "b"}, pair{3, "c"})
	fmt.Println(cap(ps), ps[1:])
	str := "hello, world"
	fmt.Println(str[7:], str[:5], str[3:4], len(str[2:]))
	m := make([]int, 2, 10)
	fmt.Println(m, len(m), cap(m), m[:cap(m)])
	n := copy(m, s)
	fmt.Println(n, m)
	n = copy(s[1:], s)
	fmt.Println(n, s)
	var nilS []int
	fmt.Println(nilS[:] == nil, nilS[0:0] == nil, len(nilS[:0]))
	bs := make([]byte, 3)
	fmt.Println(copy(bs, "abcdef"), string(bs))
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	hi := 7
	fmt.Println(s[:hi])
}
