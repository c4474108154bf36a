package main

import (
	"fmt"
	"time"
)

type job struct {
	id   int
	cost time.Duration
}

func (j *job) String() string {
	return fmt.Sprintf("job %d", j.id)
}

func main() {
	a := job{id: 1, costs: time.Second}
	b := job{2}
	var s fmt.Stringer = a
	fmt.Println(a, b, s)
}
