package main

import (
	"fmt"
	"strconv"
)

func main() {
	cases := []string{"0", "42", "18446744073709551615", "18446744073709551616", "-1", "+1", "", "0x1F", "0b101", "0o17", "017", "1_000", "_1", "1__0", "abc", "99999999999999999999999"}
	for _, s := range cases {
		for _, bits := range []int{64, 8, 32} {
			n, err := strconv.ParseUint(s, 0, bits)
			fmt.Println(s, bits, n, err)
		}
		n, err := strconv.ParseUint(s, 10, 0)
		fmt.Println(s, n, err)
	}
	_, err := strconv.ParseUint("1", 1, 64)
	fmt.Println(err)
	_, err = strconv.ParseUint("1", 10, 65)
	fmt.Println(err)
	id, err := strconv.ParseUint("ff", 16, 64)
	fmt.Println(id+1, err, strconv.FormatUint(id<<56, 2))
}
