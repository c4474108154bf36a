package main

import (
	"fmt"
	"strconv"
	"strings"
)

func main() {
	fmt.Println(strings.Contains("seafood", "foo"), strings.HasPrefix("golang", "go"), strings.HasSuffix("golang", "ng"))
	fmt.Println(strings.Index("chicken", "ken"), strings.Index("chicken", "dmr"))
	fmt.Println(strings.Split("a,b,c,", ","), len(strings.Split("a,b,c,", ",")), strings.Split("héy", ""), len(strings.Split("", ",")))
	fmt.Println(strings.Join([]string{"x", "y", "z"}, "-"), strings.Repeat("ab", 3))
	fmt.Println(strings.Replace("oink oink oink", "k", "ky", 2), strings.Replace("oink oink", "oink", "moo", -1), strings.ReplaceAll("abc", "", "-"))
	fmt.Println(strings.ToUpper("Hello, ß!"), strings.ToLower("HeLLo"), strings.EqualFold("Go", "GO"))
	fmt.Printf("%q %q %q\n", strings.TrimSpace("  \t hi there \n"), strings.TrimPrefix("prefix-body", "prefix-"), strings.TrimSuffix("body.go", ".go"))
	fmt.Println(strings.Fields("  a b   c "))
	var b strings.Builder
	b.WriteString("one")
	b.WriteString(", two")
	fmt.Println(b.String(), b.Len())

	fmt.Println(strconv.Itoa(-45), strconv.FormatInt(255, 16), strconv.FormatInt(-5, 2), strconv.FormatBool(true))
	for _, s := range []string{"42", "-17", "4x", "", "9223372036854775808", " 1"} {
		n, err := strconv.Atoi(s)
		fmt.Println(n, err)
	}
	for _, s := range []string{"0x1f", "0b101", "0o17", "017", "1_000", "-0x10"} {
		n, err := strconv.ParseInt(s, 0, 64)
		fmt.Println(n, err)
	}
	n, err := strconv.ParseInt("128", 10, 8)
	fmt.Println(n, err)
	n, err = strconv.ParseInt("zz", 36, 64)
	fmt.Println(n, err)
	v, err := strconv.ParseBool("T")
	fmt.Println(v, err)
	v, err = strconv.ParseBool("yes")
	fmt.Println(v, err)
	fmt.Println(strconv.Quote("tab\there \"q\" \x01 é"))
}
