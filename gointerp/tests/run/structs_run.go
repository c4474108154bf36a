package main

import (
	"fmt"
	"sync"
)

type point struct {
	x, y int
}

// add has a value receiver: it works on a copy.
func (p point) add(q point) point {
	p.x += q.x
	p.y += q.y
	return p
}

// scale has a pointer receiver: it changes the caller's point.
func (p *point) scale(k int) {
	p.x *= k
	p.y = p.y * k
}

type counter struct {
	mu   sync.Mutex
	hits map[string]int
	name string
}

func newCounter(name string) *counter {
	return &counter{hits: map[string]int{}, name: name}
}

func (c *counter) hit(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hits[key]++
	return c.hits[key]
}

func (c *counter) total() (n int, keys int) {
	for _, v := range c.hits {
		n += v
	}
	return n, len(c.hits)
}

type result struct {
	id  int
	err error
}

func main() {
	a := point{1, 2}
	b := point{x: 10}
	c := a.add(b)
	fmt.Println(a, b, c)
	a.scale(3)
	fmt.Println(a)
	p := &a
	p.scale(2)
	p.x++
	fmt.Println(a, *p, p.x == a.x)
	q := a
	q.y = 0
	fmt.Println(a, q, a == q, a == point{6, 12})
	fmt.Printf("%v %+v\n", a, q)

	cnt := newCounter("hits")
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cnt.hit(fmt.Sprint("k", i%2))
		}()
	}
	wg.Wait()
	n, keys := cnt.total()
	fmt.Println(cnt.name, n, keys, cnt.hit("k0"))

	results := make(chan result, 2)
	go func() { results <- result{id: 1} }()
	go func() { results <- result{id: 2, err: fmt.Errorf("failed %d", 2)} }()
	got := map[int]string{}
	for range 2 {
		r := <-results
		got[r.id] = fmt.Sprint(r.err)
	}
	fmt.Println(got)

	pts := []point{{1, 1}, {2, 2}}
	for _, pt := range pts {
		pt.x = 100
	}
	pts[1].y = 7
	fmt.Println(pts, len(pts))
}
