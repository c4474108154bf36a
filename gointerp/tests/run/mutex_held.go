package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

var (
	mu     sync.Mutex
	visits int
)

// visit forgets to unlock when the page is empty.
func visit(page string, done chan<- string) {
	mu.Lock()
	if page == "" {
		done <- "missing page"
		return
	}
	visits++
	mu.Unlock()
	done <- page
}

func main() {
	done := make(chan string, 3)
	for _, p := range []string{"home", "", "about"} {
		go visit(p, done)
		time.Sleep(time.Millisecond)
	}
	fmt.Println(<-done, <-done, runtime.NumGoroutine())
	<-done
}
