package main

import (
	"fmt"
	"strconv"
)

func parse(s string) (n int, err error) {
	n, err = strconv.Atoi(s)
	return
}

func twice(s string) int {
	n, err := parse(s)
	if err != nil {
		return 0, err
	}
	return n * 2
}

func show(n int) {
	return n
}

func main() {
	show(twice("21"))
	fmt.Println(parse("1"))
}
