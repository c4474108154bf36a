package main

import (
	"errors"
	"fmt"
)

type counter struct{ n int }

func main() {
	n := 3
	var err error = errors.New("x")
	switch n.(type) {
	}
	switch v := err.(type) {
	case int:
		fmt.Println("int")
	case counter:
	}
	switch w := err.(type) {
	case nil:
		fmt.Println(w)
	}
	var a any = err
	switch u := a.(type) {
	case string:
		fmt.Println(u + 1)
	}
}
