package main

import (
	"errors"
	"fmt"
)

type counter struct{ n int }

func main() {
	n := 3
	var err error = errors.New("x")
	var v any = n
	fmt.Println(n.(int))
	fmt.Println(err.(int))
	fmt.Println(err.(counter))
	fmt.Println(v.(undefinedType))
	s, ok := v.(string)
	fmt.Println(ok)
}
