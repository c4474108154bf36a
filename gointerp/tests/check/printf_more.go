package main

import (
	"errors"
	"fmt"
	"log"
	"time"
)

var errBusy = errors.New("busy")

func describe(d time.Duration, n int, name string) error {
	log.Printf("waited %v, %d tries, for %s: %s", d, n, name, errBusy)
	log.Printf("failed: %w", errBusy)
	fmt.Println("done\n")
	msg := fmt.Sprintf("took %d", d)
	fmt.Printf(msg)
	fmt.Printf("progress %d%")
	return fmt.Errorf("lookup %q: %w", name, name)
}

func main() {
	fmt.Println(describe(time.Second, 3, "x"))
}
