package main

import (
	"errors"
	"fmt"
)

type point struct{ x, y int }

func kind(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int:
		return fmt.Sprint("int ", x*2)
	case string, bool:
		return fmt.Sprint("string or bool ", x)
	case point:
		return fmt.Sprint("point ", x.x+x.y)
	case []int:
		return fmt.Sprint("ints ", len(x))
	case error:
		return "error " + x.Error()
	default:
		return fmt.Sprint("other ", x)
	}
}

func classify(err error) int {
	switch err.(type) {
	case nil:
		return 0
	default:
		return 1
	}
}

func main() {
	for _, v := range []any{nil, 21, "s", true, point{1, 2}, []int{1, 2, 3}, errors.New("e"), 2.5} {
		fmt.Println(kind(v))
	}
	fmt.Println(classify(nil), classify(errors.New("x")))
	var v any = 3
	switch n := v.(type) {
	case int:
		if n > 2 {
			break
		}
		fmt.Println("not reached")
	}
	fmt.Println("after")
}
