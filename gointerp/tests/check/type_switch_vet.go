package main

import (
	"context"
	"fmt"
)

func show(v any) {
	switch x := v.(type) {
	case int:
		fmt.Printf("%s\n", x)
	default:
		ctx, cancel := context.WithCancel(context.Background())
		fmt.Println(ctx, x)
		_ = cancel
	}
}

func main() {
	show(1)
}
