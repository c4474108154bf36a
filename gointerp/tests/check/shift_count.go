package main

import "fmt"

func main() {
	n := 3
	s := "x"
	var u uint8 = 2
	f := 0.5
	fmt.Println(n<<1.5, n<<s, n<<2.0, 1<<-1, n<<"a", u<<f, n>>u)
}
