package main

import "fmt"

type server struct {
	name string
	jobs chan int
}

// run handles jobs until jobs is closed.
func (s *server) run() {
	for j := range s.jobs {
		s.handle(j)
	}
}

// handle sends the job back: nobody is left to receive it.
func (s *server) handle(j int) {
	s.jobs <- j + 1
}

func (s server) String() string { return "server " + s.name }

func main() {
	s := &server{name: "a", jobs: make(chan int)}
	fmt.Println(s.String(), s.name)
	go s.run()
	s.jobs <- 1
	done := make(chan struct{})
	<-done
}
