package main

import "fmt"

type level uint8

const (
	debug level = iota
	info
	warn
)

type rec struct {
	id  uint64
	lvl level
	n   int16
}

func code(x uint32) uint32 {
	switch x {
	case 0:
		return 100
	case 1, 2:
		return 200
	}
	return 0
}

func names(l level) string {
	switch l {
	case debug:
		return "debug"
	case warn:
		return "warn"
	default:
		return "other"
	}
}

func sum(xs ...uint16) (t uint16) {
	for _, x := range xs {
		t += x
	}
	return
}

func main() {
	ch := make(chan uint8, 2)
	ch <- 5
	ch <- 255
	a, b := <-ch, <-ch
	fmt.Println(a+b, a == 5, b > 200)
	m := map[uint8]string{1: "one", 200: "big"}
	fmt.Println(m[1], m[200], len(m))
	r := rec{id: 1 << 63, lvl: warn, n: -3}
	r.n *= 20000
	fmt.Println(r, r.id>>62, names(r.lvl), names(info))
	fmt.Println(code(0), code(2), code(7))
	bs := []byte{1, 2, 250}
	bs = append(bs, 10)
	var total uint8
	for _, x := range bs {
		total += x
	}
	nums := []uint16{3, 4}
	fmt.Println(total, sum(1, 2, 65535), sum(), sum(nums...), sum(nums[0]))
	done := make(chan string)
	go func(prefix string, ids ...uint64) {
		done <- fmt.Sprint(prefix, ids, len(ids))
	}("ids:", 1<<64-1, 7)
	fmt.Println(<-done)
	x := uint32(10)
	if x == 10 && x != 11 && x < 1<<31 {
		fmt.Println("ok", x&0xf, x|1<<31)
	}
	var i8 int8 = -128
	fmt.Println(i8/-1, i8%-1, -i8, i8-1)
	k := uint64(3)
	fmt.Println(m[uint8(k-2)], bs[k], bs[uint8(1)])
	var p *uint64 = &k
	*p += 1
	fmt.Println(k, *p)
}
