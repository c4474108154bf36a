package main

import "fmt"

func window(s []int, lo, hi int) []int {
	return s[lo:hi]
}

func main() {
	s := make([]int, 3, 5)
	fmt.Println(window(s, 1, 5), len(s[:5]))
	func() {
		defer func() { fmt.Println(recover()) }()
		str := "héllo"
		i := 9
		fmt.Println(str[i:])
	}()
	func() {
		defer func() { fmt.Println(recover()) }()
		j, k := 2, 1
		fmt.Println(s[0:j:k])
	}()
	func() {
		defer func() { fmt.Println(recover()) }()
		k := 6
		fmt.Println(s[:1:k])
	}()
	func() {
		defer func() { fmt.Println(recover()) }()
		lo := -1
		fmt.Println(s[lo:])
	}()
	func() {
		defer func() { fmt.Println(recover()) }()
		n := -2
		fmt.Println(make([]int, n))
	}()
	func() {
		defer func() { fmt.Println(recover()) }()
		n := 4
		fmt.Println(make([]string, n, 2))
	}()
	func() {
		defer func() { fmt.Println(recover()) }()
		var arr [3]int
		p := &arr
		k := 5
		fmt.Println(arr[1:], p[:2], len(p[:k]))
	}()
	lo := 4
	fmt.Println(window(s, lo, 2))
}
