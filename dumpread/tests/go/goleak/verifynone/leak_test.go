// Package verifynone leaks a goroutine and checks with goleak.VerifyNone, which
// reports through t.Error: the report indented inside go test's output.
package verifynone

import (
	"testing"

	"go.uber.org/goleak"
)

func TestWorker(t *testing.T) {
	jobs := make(chan int)
	go func() {
		for range jobs { // nobody sends or closes: the worker waits forever
		}
	}()
	goleak.VerifyNone(t)
}
