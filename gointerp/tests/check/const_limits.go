package main

import "fmt"

func main() {
	e := -(1 << 600)
	g := (1 << 500) * (1 << 500)
	s := (1 << 500) + (1 << 500)
	fmt.Println(e, g, s, float64(1e400), int(2.5), int64(1<<63))
}
