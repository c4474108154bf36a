package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// wait returns ctx's error if it ends before d has passed, else nil.
func wait(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

func main() {
	bg := context.Background()
	fmt.Println(bg.Err())

	ctx, cancel := context.WithCancel(bg)
	child, cancelChild := context.WithTimeout(ctx, time.Hour)
	defer cancelChild()
	fmt.Println(ctx.Err(), child.Err())
	cancel()
	<-child.Done()
	fmt.Println(ctx.Err(), child.Err())
	cancel()
	fmt.Println(errors.Is(child.Err(), context.Canceled))

	tctx, tcancel := context.WithTimeout(bg, 50*time.Millisecond)
	defer tcancel()
	start := time.Now()
	err := wait(tctx, time.Second)
	fmt.Println(err, time.Since(start) >= 50*time.Millisecond)
	fmt.Println(errors.Is(err, context.DeadlineExceeded), err == context.DeadlineExceeded)

	dctx, dcancel := context.WithDeadline(bg, time.Now().Add(20*time.Millisecond))
	fmt.Println(wait(dctx, 10*time.Millisecond))
	fmt.Println(wait(dctx, time.Second))
	dcancel()
	fmt.Println(dctx.Err())

	// A child's deadline is never later than its parent's.
	p, pc := context.WithTimeout(bg, 30*time.Millisecond)
	defer pc()
	c, cc := context.WithTimeout(p, time.Hour)
	defer cc()
	fmt.Println(wait(c, time.Second))

	// Canceling a child leaves its parent alone.
	q, qc := context.WithCancel(bg)
	r, rc := context.WithCancel(q)
	rc()
	fmt.Println(q.Err(), r.Err())
	qc()

	wrapped := fmt.Errorf("fetch: %w", context.Canceled)
	fmt.Println(wrapped, errors.Is(wrapped, context.Canceled), errors.Unwrap(wrapped) == context.Canceled)
	e1 := errors.New("boom")
	fmt.Printf("%v %s %v\n", e1, e1, e1 == errors.New("boom"))
}
