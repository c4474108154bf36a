package main

import (
	"fmt"
	"os"
)

func describe(sig os.Signal) string {
	return fmt.Sprintf("got %v (%s)", sig, sig.String())
}

func main() {
	var sig os.Signal = os.Interrupt
	fmt.Println(sig)
	fmt.Println(os.Kill, sig == os.Interrupt, sig == os.Kill)
	fmt.Println(describe(os.Interrupt))
	fmt.Printf("%v|%s|%q\n", sig, os.Kill, sig)
	fmt.Print(sig, "\n")
}
