package main

import "fmt"

type grid struct {
	name  string
	cells [3]int
}

func sum(a [4]int) int {
	a[0] = 100
	t := 0
	for _, v := range a {
		t += v
	}
	return t
}

func fill(p *[4]int) {
	for i := range p {
		p[i] = i * i
	}
}

func main() {
	var a [4]int
	a[1] = 5
	b := a
	b[0] = 7
	fmt.Println(a, b, len(a), cap(b), a == b, a != b)
	c := [...]string{"x", "y", 4: "z"}
	fmt.Println(c, len(c))
	fmt.Printf("%v %d %q\n", a, b, c)
	for i, v := range b {
		fmt.Print(i, ":", v, " ")
	}
	fmt.Println()
	fmt.Println(sum(b), b)
	fill(&a)
	fmt.Println(a)
	s := a[1:3]
	s[0] = -1
	s = append(s, 42)
	fmt.Println(a, s, len(s), cap(s))
	g := grid{name: "g"}
	g.cells[2] = 9
	h := g
	h.cells[0] = 1
	fmt.Println(g, h, g == h)
	fmt.Printf("%+v\n", g)
	var m [2][3]int
	m[1][2] = 6
	m2 := m
	m2[0][0] = 1
	fmt.Println(m, m2, m[1])
	ps := []grid{{name: "a"}, {name: "b"}}
	ps[1].cells[1] = 3
	fmt.Println(ps)
	arrs := [][2]bool{{true, false}, {false, true}}
	arrs[0][1] = true
	fmt.Println(arrs)
	counts := map[string][2]int{"a": {1, 2}}
	fmt.Println(counts["a"], counts["b"], len(counts["a"]))
	p := &a
	fmt.Println(p[2], len(p), p[1:])
	var zero [2]string
	fmt.Printf("%q %v %d\n", zero, zero == [2]string{}, [3]int{1: 8})
	i := 4
	defer func() { fmt.Println(recover()) }()
	a[i] = 1
}
