package main

import (
	"fmt"
	"log"
	"sync"
)

func load(name string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("load: empty name")
	}
	return "config " + name, nil
}

func main() {
	defer fmt.Println("deferred: never printed")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		cfg, err := load("a")
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(cfg)
	}()
	wg.Wait()
	if _, err := load(""); err != nil {
		log.Fatalf("cannot start: %v (%d tries)", err, 1)
	}
	fmt.Println("unreachable")
}
