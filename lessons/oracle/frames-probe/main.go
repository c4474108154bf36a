// Command frames-probe parks one goroutine in each blocking primitive the
// lessons use and prints where the runtime says they are: the debug=2 dump,
// and (with -pb FILE) the debug=0 protobuf profile, whose locations include
// the hidden runtime frames (runtime.gopark, runtime.chansend, …) with file
// and line; read it with `go tool pprof -raw FILE`. It also prints the frames
// runtime.CallersFrames reports for a fresh goroutine, which end in
// runtime.goexit. It supports lessons/content/go-frames.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

func chanSend(ch chan int)  { ch <- 1 }
func chanRecv1(ch chan int) { <-ch }
func chanRecv2(ch chan int) { _, _ = <-ch }
func chanRange(ch chan int) {
	for range ch {
	}
}
func selectTwo(a, b chan int) {
	select {
	case <-a:
	case <-b:
	}
}
func selectNone()                  { select {} }
func sleepLong()                   { time.Sleep(time.Hour) }
func waitGroup(wg *sync.WaitGroup) { wg.Wait() }
func mutexLock(mu *sync.Mutex)     { mu.Lock() }

func main() {
	pb := flag.String("pb", "", "write the debug=0 goroutine profile to this file")
	flag.Parse()

	ch := make(chan int)
	go chanSend(ch)
	go chanRecv1(make(chan int))
	go chanRecv2(make(chan int))
	go chanRange(make(chan int))
	go selectTwo(make(chan int), make(chan int))
	go selectNone()
	go sleepLong()
	var wg sync.WaitGroup
	wg.Add(1)
	go waitGroup(&wg)
	var mu sync.Mutex
	mu.Lock()
	go mutexLock(&mu)

	// A server with one open, idle connection, shut down while that
	// connection is still open: Shutdown waits in its polling select.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{}
	go srv.Serve(ln)
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\n") // request not finished: the connection stays active
	time.Sleep(100 * time.Millisecond)
	go srv.Shutdown(context.Background())

	frames := make(chan []string)
	go func() {
		pcs := make([]uintptr, 16)
		n := runtime.Callers(0, pcs)
		var out []string
		it := runtime.CallersFrames(pcs[:n])
		for {
			f, more := it.Next()
			out = append(out, fmt.Sprintf("%s %s:%d", f.Function, f.File, f.Line))
			if !more {
				break
			}
		}
		frames <- out
	}()
	fmt.Println("runtime.CallersFrames of a new goroutine:")
	for _, f := range <-frames {
		fmt.Println("  " + f)
	}

	time.Sleep(300 * time.Millisecond)
	fmt.Println(runtime.Version())
	pprof.Lookup("goroutine").WriteTo(os.Stdout, 2)
	if *pb != "" {
		f, err := os.Create(*pb)
		if err != nil {
			panic(err)
		}
		pprof.Lookup("goroutine").WriteTo(f, 0)
		f.Close()
	}
}
