// Command shapes makes real goroutine dumps of the shapes Leak Lab's dump
// reader must understand, printed by the real Go runtime: runtime.Stack of
// every goroutine, a panic, a SIGQUIT dump of a small server, waits of
// minutes, and a dump of many goroutines. make-dumps.sh runs it.
package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"
)

var (
	results = make(chan int) // unbuffered, and nobody receives: senders park
	jobs    = make(chan int) // nobody sends: receivers park
	mu      sync.Mutex
	wg      sync.WaitGroup
)

// sendResult parks in chan send, like a handler's goroutine whose caller gave up.
func sendResult(v int) { results <- v }

// worker parks in chan receive, like a worker nobody stops.
func worker() {
	for j := range jobs {
		_ = j
	}
}

// pinned parks while locked to its thread: the header says `locked to thread`.
func pinned() {
	runtime.LockOSThread()
	<-jobs
}

// deep recurses past the 100 frames Go prints, then parks: the stack is elided.
func deep(n int) {
	if n == 0 {
		select {}
	}
	deep(n - 1)
}

// locker blocks on a mutex held forever.
func locker() { mu.Lock() }

// waiter blocks on a WaitGroup that never reaches zero.
func waiter() { wg.Wait() }

// spawnFrom starts a goroutine from inside another, so `created by` names a
// goroutine that is itself a child (and, with tracebackancestors, its stack).
func spawnFrom(done chan struct{}) {
	go sendResult(99)
	close(done)
	select {}
}

// park starts one goroutine of each shape and waits until they have parked.
func park(senders int) {
	for i := 0; i < senders; i++ {
		go sendResult(i)
	}
	for i := 0; i < 3; i++ {
		go worker()
	}
	go pinned()
	go deep(150)
	mu.Lock()
	go locker()
	wg.Add(1)
	go waiter()
	done := make(chan struct{})
	go spawnFrom(done)
	<-done
	for runtime.NumGoroutine() < senders+3+1+1+1+1+2+1 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
}

func write(name string, debug int) {
	f, err := os.Create(name)
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("goroutine").WriteTo(f, debug); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: shapes stack|panic|serve|minutes OUT|many N OUT|labels OUT|leak OUT")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "stack":
		// runtime.Stack of every goroutine, then of this one alone.
		park(3)
		buf := make([]byte, 1<<20)
		os.Stdout.Write(buf[:runtime.Stack(buf, true)])
		fmt.Println()
		fmt.Println("=== runtime.Stack(buf, false)")
		os.Stdout.Write(buf[:runtime.Stack(buf, false)])
	case "panic":
		park(3)
		var m map[string]int
		m["boom"]++ // a nil map write: Go panics and prints the traceback
	case "serve":
		// A server on the loopback interface, parked goroutines, and one
		// open connection; make-dumps.sh sends SIGQUIT.
		park(3)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			results <- 1 // parks the handler: a request that never finishes
		}))
		go http.Get("http://" + ln.Addr().String() + "/")
		time.Sleep(200 * time.Millisecond)
		fmt.Println("ready")
		select {}
	case "minutes":
		// Go prints `, N minutes` for a goroutine that has waited N minutes
		// since a garbage collection saw it waiting. A collection stamps the
		// waits it sees with the time of the previous collection's end, so
		// collect twice once the goroutines have parked, and dump 61 s later.
		park(12)
		runtime.GC()
		runtime.GC()
		time.Sleep(61 * time.Second)
		write(os.Args[2], 2)
	case "many":
		// N goroutines parked in chan send: the large-dump case.
		n, err := strconv.Atoi(os.Args[2])
		if err != nil {
			panic(err)
		}
		park(n)
		write(os.Args[3]+".debug2.txt", 2)
		write(os.Args[3]+".debug1.txt", 1)
		write(os.Args[3]+".pb.gz", 0)
	case "labels":
		// Goroutines started inside pprof.Do inherit its labels, which the
		// profiles print (debug=1's `# labels:` line, the protobuf's sample labels).
		pprof.Do(context.Background(), pprof.Labels("handler", "/checkout", "tenant", "a\"b"), func(context.Context) {
			for i := 0; i < 4; i++ {
				go sendResult(i)
			}
		})
		park(0)
		write(os.Args[2]+".debug1.txt", 1)
		write(os.Args[2]+".pb.gz", 0)
	case "leak":
		// Go 1.26's goroutineleak profile (GOEXPERIMENT=goroutineleakprofile):
		// goroutines blocked on channels nothing else can reach are leaked.
		leaks := pprof.Lookup("goroutineleak")
		if leaks == nil {
			fmt.Fprintln(os.Stderr, "this Go has no goroutineleak profile: Go 1.26 or later, built with GOEXPERIMENT=goroutineleakprofile")
			os.Exit(3)
		}
		for i := 0; i < 5; i++ {
			leakSend()
		}
		pprof.Do(context.Background(), pprof.Labels("handler", "/report"), func(context.Context) { leakSend() })
		park(0)
		for _, d := range []int{1, 2, 0} {
			name := fmt.Sprintf("%s.leak.debug%d.txt", os.Args[2], d)
			if d == 0 {
				name = os.Args[2] + ".leak.pb.gz"
			}
			f, err := os.Create(name)
			if err != nil {
				panic(err)
			}
			if err := leaks.WriteTo(f, d); err != nil {
				panic(err)
			}
			f.Close()
		}
		// The ordinary debug=2 dump after the leak check, with GODEBUG=tracebacklabels=1 from the caller.
		write(os.Args[2]+".goroutine.debug2.txt", 2)
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", os.Args[1])
		os.Exit(2)
	}
}

// leakSend starts a goroutine that sends on a channel only it can reach:
// once leakSend returns, nothing can ever receive, and the leak check knows.
func leakSend() {
	ch := make(chan int)
	go func() { ch <- 1 }()
}
