// Package verifymain leaks goroutines in a test and lets goleak.VerifyTestMain
// report them after the tests pass: goleak's report on standard error.
package verifymain

import (
	"testing"
	"time"

	"go.uber.org/goleak"
)

var results = make(chan int) // unbuffered, and nobody receives

// fetch starts a goroutine that sends its result and gives up waiting for it.
func fetch() {
	go func() { results <- 42 }()
	time.Sleep(time.Millisecond)
}

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestFetch(t *testing.T) {
	for i := 0; i < 3; i++ {
		fetch()
	}
}
