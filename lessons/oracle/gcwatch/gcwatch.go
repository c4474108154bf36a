// Package gcwatch runs a Leak Lab listing as a real Go server and watches its
// garbage collector without disturbing it: when cycles run (runtime.MemStats'
// PauseEnd, read at each step and at the end), what the heap holds, and which
// goroutines a dump shows with ", N minutes".
//
// It differs from package harness in one way that matters here: a snapshot
// allocates almost nothing. harness takes dumps with pprof's WriteTo, whose
// debug=2 form allocates a 1 MiB buffer per call, enough to bring the next
// collection forward by a quarter of the 4 MiB minimum heap. gcwatch writes
// runtime.Stack into a buffer mapped outside the Go heap and saves the raw
// bytes; reading MemStats allocates nothing.
//
// The load generator runs in a child process (a re-execution of the same
// binary), so the server's heap holds only the server's allocations.
package gcwatch

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Addr is the loopback address the listing's server must listen on.
var Addr string

// procStart approximates the runtime's start: package init runs within about
// a millisecond of it. It maps gctrace's "@s" offsets onto the load's clock.
var procStart = time.Now()

func init() {
	if os.Getenv("LEAKLAB_ROLE") == "gcwatch-loadgen" {
		runLoadgen()
		os.Exit(0)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	Addr = ln.Addr().String()
	ln.Close()
}

// Batch is a run of uniformly spaced requests starting At after t0.
type Batch struct {
	At       time.Duration
	Path     string
	Rate     float64
	Requests int
}

// Step is one action of the orchestrator at t0+At.
type Step struct {
	At    time.Duration
	GC    bool   // call runtime.GC()
	Label string // take a snapshot with this label
}

// Config describes one scenario.
type Config struct {
	Name    string
	Batches []Batch
	Steps   []Step
	DumpDir string // default ./dumps; the environment's GCWATCH_DUMPS overrides it
}

// Start launches the orchestrator. Call it from the scenario's init().
func Start(cfg Config) { go orchestrate(cfg) }

// stackBuf lives outside the Go heap so that dumps do not move the pacer.
var stackBuf []byte

func orchestrate(cfg Config) {
	if d := os.Getenv("GCWATCH_DUMPS"); d != "" {
		cfg.DumpDir = d
	}
	if cfg.DumpDir == "" {
		cfg.DumpDir = "dumps"
	}
	var err error
	stackBuf, err = syscall.Mmap(-1, 0, 16<<20, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	check(err)
	exe, err := os.Executable()
	check(err)
	js, _ := json.Marshal(struct {
		Target  string
		Batches []Batch
	}{"http://" + Addr, cfg.Batches})
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "LEAKLAB_ROLE=gcwatch-loadgen", "LEAKLAB_LOADGEN="+string(js))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	check(err)
	pipe, err := cmd.StdoutPipe()
	check(err)
	check(cmd.Start())
	out := bufio.NewReader(pipe)
	line, err := out.ReadString('\n')
	check(err)
	ns, err := strconv.ParseInt(strings.TrimSpace(strings.TrimPrefix(line, "T0 ")), 10, 64)
	check(err)
	t0 := time.Unix(0, ns)
	fmt.Printf("scenario %s (%s, GOMAXPROCS=%d, GOGC=%q)\n", cfg.Name, runtime.Version(), runtime.GOMAXPROCS(0), os.Getenv("GOGC"))
	fmt.Printf("t0 = first request = process start + %.3f s\n", t0.Sub(procStart).Seconds())
	for _, b := range cfg.Batches {
		fmt.Printf("batch: %d requests to %s at %.0f req/s from t = %.3f s\n", b.Requests, b.Path, b.Rate, b.At.Seconds())
	}
	// The child reports each finished batch; its lines are printed at the end.
	var childLines []string
	var mu sync.Mutex
	go func() {
		for {
			l, err := out.ReadString('\n')
			if err != nil {
				return
			}
			mu.Lock()
			childLines = append(childLines, strings.TrimSpace(l))
			mu.Unlock()
		}
	}()
	var ms runtime.MemStats
	// What the pacer's goal is made of (Go 1.21 and later; older releases
	// report these names as unsupported). The slice is allocated once.
	pacer := []metrics.Sample{
		{Name: "/gc/heap/goal:bytes"}, {Name: "/gc/heap/live:bytes"},
		{Name: "/gc/scan/stack:bytes"}, {Name: "/gc/scan/globals:bytes"},
	}
	for _, s := range cfg.Steps {
		time.Sleep(time.Until(t0.Add(s.At)))
		if s.GC {
			fmt.Printf("-- t=%.3fs runtime.GC()\n", time.Since(t0).Seconds())
			runtime.GC()
			continue
		}
		at := time.Since(t0).Seconds()
		n := runtime.Stack(stackBuf, true)
		ng := runtime.NumGoroutine()
		runtime.ReadMemStats(&ms)
		fmt.Printf("== snapshot %q at t=%.3fs: NumGoroutine=%d NumGC=%d HeapAlloc=%d TotalAlloc=%d Mallocs=%d StackInuse=%d\n",
			s.Label, at, ng, ms.NumGC, ms.HeapAlloc, ms.TotalAlloc, ms.Mallocs, ms.StackInuse)
		metrics.Read(pacer)
		fmt.Printf("   pacer:")
		for _, m := range pacer {
			if m.Value.Kind() == metrics.KindUint64 {
				fmt.Printf(" %s=%d", m.Name, m.Value.Uint64())
			} else {
				fmt.Printf(" %s=unsupported", m.Name)
			}
		}
		fmt.Println()
		name := filepath.Join(cfg.DumpDir, fmt.Sprintf("%s.%s.%s.stacks.txt", cfg.Name, runtime.Version(), s.Label))
		check(os.WriteFile(name, stackBuf[:n], 0o644))
	}
	runtime.ReadMemStats(&ms)
	fmt.Printf("GC cycles: %d (forced by runtime.GC: %d)\n", ms.NumGC, ms.NumForcedGC)
	first := 0
	if ms.NumGC > 256 {
		first = int(ms.NumGC) - 256
	}
	for i := first; i < int(ms.NumGC); i++ {
		end := time.Unix(0, int64(ms.PauseEnd[i%256]))
		fmt.Printf("gc %d ended at t=%.3fs\n", i+1, end.Sub(t0).Seconds())
	}
	stdin.Close()
	_ = cmd.Wait()
	mu.Lock()
	for _, l := range childLines {
		fmt.Println("   loadgen:", l)
	}
	mu.Unlock()
	os.Exit(0)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gcwatch:", err)
		os.Exit(1)
	}
}

func runLoadgen() {
	var cfg struct {
		Target  string
		Batches []Batch
	}
	check(json.Unmarshal([]byte(os.Getenv("LEAKLAB_LOADGEN")), &cfg))
	for {
		c, err := net.DialTimeout("tcp", strings.TrimPrefix(cfg.Target, "http://"), time.Second)
		if err == nil {
			c.Close()
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true, MaxIdleConnsPerHost: -1}}
	t0 := time.Now().Add(100 * time.Millisecond)
	fmt.Printf("T0 %d\n", t0.UnixNano())
	for _, b := range cfg.Batches {
		var wg sync.WaitGroup
		var mu sync.Mutex
		codes := map[int]int{}
		interval := time.Duration(float64(time.Second) / b.Rate)
		for k := 0; k < b.Requests; k++ {
			time.Sleep(time.Until(t0.Add(b.At + time.Duration(k)*interval)))
			wg.Add(1)
			go func() {
				defer wg.Done()
				code := -1
				if resp, err := client.Get(cfg.Target + b.Path); err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					code = resp.StatusCode
				}
				mu.Lock()
				codes[code]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		fmt.Printf("batch at t=%.3fs done at t=%.3fs: responses %v\n", b.At.Seconds(), time.Since(t0).Seconds(), codes)
	}
	_, _ = io.Copy(io.Discard, os.Stdin)
}
