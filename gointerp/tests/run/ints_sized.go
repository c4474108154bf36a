package main

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

type requestID uint64

type stats struct {
	served  uint32
	dropped uint16
	last    requestID
	flags   uint8
}

func nextID(id requestID) requestID {
	return id*6364136223846793005 + 1442695040888963407
}

func checksum(data []byte) uint32 {
	var h uint32 = 2166136261
	for _, b := range data {
		h ^= uint32(b)
		h *= 16777619
	}
	return h
}

func main() {
	// Wraparound at each width.
	var a uint8 = 250
	a += 10
	var b int8 = 127
	b++
	var c uint16 = 0
	c--
	var d int32 = math.MaxInt32
	d += 1
	var e int64 = math.MaxInt64
	e++
	fmt.Println(a, b, c, d, e)

	// uint64 over its whole range.
	var top uint64 = math.MaxUint64
	fmt.Println(top, top+1, top/3, top%7, top>>1, top>>63, top<<63)
	var big uint64 = 1<<63 + 5
	fmt.Println(big > 10, big, int64(big), big/2)
	var u uint = 1 << 63
	fmt.Println(u, u*2, u-1)

	// Conversions: truncation and sign extension.
	x := -5
	fmt.Println(uint8(x), uint16(x), uint32(x), uint64(x), int8(300+x), int16(70000+x))
	y := 0x1234_5678
	fmt.Println(uint8(y), int8(y), uint16(y), int16(y), int32(y), int64(int8(y)))
	f := 3.99
	fmt.Println(int(f), uint8(f), int(-f), float64(top), float64(big))

	// Division and shifts.
	fmt.Println(-7/2, -7%2, 7/-2, uint8(200)/3, int8(-100)/7)
	var n uint = 3
	fmt.Println(x>>1, x>>n, uint(x)>>60, x<<n, 1<<n)
	shift := 70
	fmt.Println(1<<shift, uint64(1)<<shift, x>>shift, int32(shift)<<29, int32(-8)>>1, uint32(1)<<31)
	fmt.Println(^0, ^uint8(1), ^int16(0), -a, uint8(7)&^5, 6|9, 6^3, 12&10)

	// Printing.
	fmt.Printf("%d %x %X %o %b %c %q %U\n", a, top, top, a, a, 'G', 'G', 'G')
	fmt.Printf("%5d|%-5d|%05d|%x|%#x|%+d\n", a, b, c, int8(-1), uint8(255), d)
	fmt.Printf("%T %T %T %T %T %T\n", a, b, c, d, top, u)
	var any interface{} = uint16(9)
	fmt.Printf("%v %T %d\n", any, any, any)

	// Bytes and runes.
	bs := []byte("hi!")
	bs[0] = 'H'
	bs = append(bs, '?')
	fmt.Println(bs, len(bs), bs[0], string(bs), string(bs[1]))
	fmt.Printf("%v %d %s %x %X %q\n", bs, bs, bs, bs, bs, bs)
	r := 'A' + 2
	fmt.Println(r, string(rune(r)), string(rune(0x4e16)))
	for i, ch := range "héllo" {
		fmt.Print(i, ":", ch, "=", string(ch), " ")
	}
	fmt.Println()
	s := "abc"
	fmt.Println(s[1], s[2]-s[0], len(s))
	rs := []rune("añb")
	fmt.Println(rs, len(rs), string(rs))

	// A uint64 request id, a struct of small counters.
	var st stats
	id := requestID(1)
	for i := uint8(0); i < 5; i++ {
		id = nextID(id)
		st.served++
		st.dropped -= 2
		st.flags |= 1 << i
	}
	st.last = id
	fmt.Println(st.served, st.dropped, st.last, st.flags)
	fmt.Printf("%+v\n", st)
	fmt.Println("req-" + strconv.FormatUint(uint64(st.last), 16))
	fmt.Println(checksum([]byte("leak lab")), checksum(nil))

	// Maps keyed by small integers print sorted.
	seen := map[uint8]int{200: 1, 3: 2, 90: 3}
	fmt.Println(seen, seen[3], seen[4])
	for k := range uint8(3) {
		fmt.Print(k, " ")
	}
	fmt.Println(min(uint8(9), 3), max(int16(-4), -9))

	// Durations from sized integers.
	var ms uint16 = 1500
	fmt.Println(time.Duration(ms)*time.Millisecond, time.Duration(int32(-2))*time.Second)
}
