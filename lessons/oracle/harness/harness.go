// Package harness runs a Leak Lab listing as a real Go server on the
// loopback interface, drives it with uniformly spaced requests from a
// separate load-generator process, and prints what the real runtime
// reports: runtime.NumGoroutine() and the goroutines grouped by wait
// reason and code location, parsed from the goroutine profile.
//
// The load generator (and the slow upstream, when a scenario needs one)
// run in a child process, a re-execution of the same binary, so that the
// server process contains only the server's own goroutines plus the one
// orchestrating goroutine that takes the snapshots. That goroutine plays
// the part of the /debug/pprof/goroutine request in a real server: it is
// the single [running] goroutine of every dump.
package harness

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Addr is the loopback address the listing's server must listen on.
var Addr string

// upstreamAddr is where the child process serves the slow upstream.
var upstreamAddr string

func init() {
	if os.Getenv("LEAKLAB_ROLE") == "loadgen" {
		runLoadgen()
		os.Exit(0)
	}
	Addr = freeLoopbackAddr()
	upstreamAddr = freeLoopbackAddr()
}

// UpstreamURL is the URL of the slow upstream served by the child process.
func UpstreamURL() string { return "http://" + upstreamAddr + "/data" }

func freeLoopbackAddr() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Step is one action of the orchestrator, run in order.
type Step struct {
	kind   string
	at     time.Duration
	label  string
	substr string
	dumps  bool
}

// At takes a snapshot at t0+d (t0 = the moment the first request is sent).
func At(d time.Duration, label string) Step { return Step{kind: "at", at: d, label: label} }

// AtWithDumps is At, and also saves the debug=1 and debug=2 dumps.
func AtWithDumps(d time.Duration, label string) Step {
	return Step{kind: "at", at: d, label: label, dumps: true}
}

// AfterLoad waits until every response has arrived at the load generator
// (and its follow-up fetches are done), then takes a snapshot.
func AfterLoad(label string) Step { return Step{kind: "afterload", label: label} }

// InterruptAt sends SIGINT to the server process at t0+d.
func InterruptAt(d time.Duration) Step { return Step{kind: "interrupt", at: d} }

// OnLog waits until the listing logs a line containing substr, holds the
// logging goroutine inside log's writer, and takes a snapshot.
func OnLog(substr, label string) Step { return Step{kind: "onlog", substr: substr, label: label} }

// Later takes a snapshot d after the previous step finished.
func Later(d time.Duration, label string) Step { return Step{kind: "later", at: d, label: label} }

// LaterWithDumps is Later, and also saves the dumps.
func LaterWithDumps(d time.Duration, label string) Step {
	return Step{kind: "later", at: d, label: label, dumps: true}
}

// Config describes one scenario.
type Config struct {
	Name          string
	Paths         []string // request paths, used round-robin
	Rate          float64  // requests per second, uniformly spaced
	Requests      int      // total number of requests
	ClientTimeout time.Duration
	Upstream      string   // "" (none), "hang", or a latency such as "150ms"
	FetchAfter    []string // paths the load generator fetches after the load, saved to DumpDir
	PrintBodies   bool
	LogPatterns   []string // substrings counted in the listing's log output
	Steps         []Step
	DumpDir       string // where dumps are written (default: ./dumps, relative to the working directory)
}

type loadgenConfig struct {
	Target        string
	Paths         []string
	Rate          float64
	Requests      int
	ClientTimeout time.Duration
	UpstreamAddr  string
	Upstream      string
	FetchAfter    []string
	DumpDir       string
	Name          string
	PrintBodies   bool
}

var (
	logMu     sync.Mutex
	logCounts = map[string]int{}
	logTotal  int
	patterns  []string
	onLogSub  string
	onLogHit  = make(chan struct{})
)

type logWriter struct{}

func (logWriter) Write(p []byte) (int, error) {
	logMu.Lock()
	logTotal++
	line := string(p)
	for _, pat := range patterns {
		if strings.Contains(line, pat) {
			logCounts[pat]++
		}
	}
	hit := onLogSub != "" && strings.Contains(line, onLogSub)
	if hit {
		onLogSub = ""
	}
	logMu.Unlock()
	if hit {
		fmt.Printf("-- log line that triggers the snapshot: %s", line)
		close(onLogHit)
		select {} // hold the logging goroutine here; the orchestrator exits the process
	}
	return len(p), nil
}

// LogWriter returns the writer the scenario installs with log.SetOutput.
func LogWriter() io.Writer { return logWriter{} }

// Start launches the orchestrator. Call it from the scenario's init().
func Start(cfg Config) {
	patterns = cfg.LogPatterns
	if cfg.DumpDir == "" {
		cfg.DumpDir = "dumps"
	}
	for _, s := range cfg.Steps {
		if s.kind == "onlog" {
			onLogSub = s.substr
		}
	}
	go orchestrate(cfg)
}

func orchestrate(cfg Config) {
	exe, err := os.Executable()
	check(err)
	dumpDir, err := filepath.Abs(cfg.DumpDir)
	check(err)
	lg := loadgenConfig{
		Target: "http://" + Addr, Paths: cfg.Paths, Rate: cfg.Rate, Requests: cfg.Requests,
		ClientTimeout: cfg.ClientTimeout, UpstreamAddr: upstreamAddr, Upstream: cfg.Upstream,
		FetchAfter: cfg.FetchAfter, DumpDir: dumpDir, Name: cfg.Name, PrintBodies: cfg.PrintBodies,
	}
	js, _ := json.Marshal(lg)
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "LEAKLAB_ROLE=loadgen", "LEAKLAB_LOADGEN="+string(js))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	check(err)
	stdoutPipe, err := cmd.StdoutPipe()
	check(err)
	check(cmd.Start())
	out := bufio.NewReader(stdoutPipe)

	fmt.Printf("scenario %s (%s, GOMAXPROCS=%d, NumCPU=%d)\n", cfg.Name, runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumCPU())
	fmt.Printf("load: %d requests to %v at %.0f req/s, uniformly spaced (request k sent at t = k/%.0f s), one TCP connection per request\n",
		cfg.Requests, cfg.Paths, cfg.Rate, cfg.Rate)
	if cfg.Upstream != "" {
		fmt.Printf("upstream: %s\n", cfg.Upstream)
	}

	line, err := out.ReadString('\n')
	check(err)
	ns, err := strconv.ParseInt(strings.TrimSpace(strings.TrimPrefix(line, "T0 ")), 10, 64)
	check(err)
	t0 := time.Unix(0, ns)
	fmt.Printf("t0 = first request; last request at t = %.3f s\n\n", float64(cfg.Requests-1)/cfg.Rate)

	for _, s := range cfg.Steps {
		switch s.kind {
		case "at":
			time.Sleep(time.Until(t0.Add(s.at)))
			snapshot(cfg, s.label, t0, s.dumps)
		case "interrupt":
			time.Sleep(time.Until(t0.Add(s.at)))
			fmt.Printf("-- t=%.3fs: SIGINT sent to the server process\n\n", time.Since(t0).Seconds())
			check(syscall.Kill(os.Getpid(), syscall.SIGINT))
		case "afterload":
			for {
				line, err := out.ReadString('\n')
				check(err)
				if strings.HasPrefix(line, "DONE") {
					break
				}
				fmt.Print("   loadgen: ", line)
			}
			snapshot(cfg, s.label, t0, s.dumps)
		case "later":
			time.Sleep(s.at)
			snapshot(cfg, s.label, t0, s.dumps)
		case "onlog":
			<-onLogHit
			snapshot(cfg, s.label, t0, s.dumps)
		}
	}
	stdin.Close()
	_ = cmd.Wait()
	os.Exit(0)
}

var (
	headerRE    = regexp.MustCompile(`^goroutine (\d+) \[(.*)\]:$`)
	minutesRE   = regexp.MustCompile(`, \d+ minutes`)
	createdInRE = regexp.MustCompile(` in goroutine \d+$`)
)

type goroutine struct {
	id      string
	state   string
	frames  []string // "func file:line"
	created string
}

func parseDebug2(dump string) []goroutine {
	var gs []goroutine
	for _, block := range strings.Split(strings.TrimSpace(dump), "\n\n") {
		lines := strings.Split(block, "\n")
		m := headerRE.FindStringSubmatch(lines[0])
		if m == nil {
			continue
		}
		g := goroutine{id: m[1], state: minutesRE.ReplaceAllString(m[2], "")}
		for i := 1; i+1 < len(lines); i += 2 {
			fn := lines[i]
			loc := strings.TrimSpace(lines[i+1])
			if j := strings.Index(loc, " +0x"); j >= 0 {
				loc = loc[:j]
			}
			loc = filepath.Base(loc)
			if strings.HasPrefix(fn, "created by ") {
				// Go 1.21+ appends " in goroutine N"; drop it so that goroutines
				// started by the same go statement group together.
				g.created = createdInRE.ReplaceAllString(strings.TrimPrefix(fn, "created by "), "") + " " + loc
				continue
			}
			if k := strings.LastIndex(fn, "("); k > 0 {
				if strings.HasSuffix(fn, "(...)") {
					fn = fn[:k] + "(...)"
				} else {
					fn = fn[:k]
				}
			}
			g.frames = append(g.frames, fn+" "+loc)
		}
		gs = append(gs, g)
	}
	return gs
}

func snapshot(cfg Config, label string, t0 time.Time, dumps bool) {
	elapsed := time.Since(t0).Seconds()
	n := runtime.NumGoroutine()
	var d2, d1 bytes.Buffer
	check(pprof.Lookup("goroutine").WriteTo(&d2, 2))
	check(pprof.Lookup("goroutine").WriteTo(&d1, 1))
	gs := parseDebug2(d2.String())
	total := ""
	if l, err := d1.ReadString('\n'); err == nil {
		total = strings.TrimSpace(l)
		d1 = *bytes.NewBufferString(l + d1.String())
	}

	fmt.Printf("== snapshot %q at t=%.3fs\n", label, elapsed)
	fmt.Printf("   runtime.NumGoroutine() = %d; debug=2 lists %d goroutines; debug=1 says %q\n", n, len(gs), total)
	type key struct{ state, top, user, created string }
	counts := map[key]int{}
	for _, g := range gs {
		k := key{state: g.state}
		if len(g.frames) > 0 {
			k.top = g.frames[0]
		}
		for _, f := range g.frames {
			if strings.HasPrefix(f, "main.") {
				k.user = f
				break
			}
		}
		k.created = g.created
		counts[k]++
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j])
	})
	byState := map[string]int{}
	for _, g := range gs {
		byState[g.state]++
	}
	states := make([]string, 0, len(byState))
	for s := range byState {
		states = append(states, s)
	}
	sort.Strings(states)
	fmt.Printf("   by wait reason:")
	for _, s := range states {
		fmt.Printf(" [%s] %d;", s, byState[s])
	}
	fmt.Println()
	fmt.Printf("   %5s  %-15s %-55s %-45s %s\n", "count", "state", "top frame", "first main.* frame", "created by")
	for _, k := range keys {
		user := k.user
		if user == "" {
			user = "-"
		}
		created := k.created
		if created == "" {
			created = "-"
		}
		fmt.Printf("   %5d  %-15s %-55s %-45s %s\n", counts[k], "["+k.state+"]", k.top, user, created)
	}
	if len(patterns) > 0 {
		logMu.Lock()
		fmt.Printf("   log lines so far:")
		for _, p := range patterns {
			fmt.Printf(" %q=%d;", p, logCounts[p])
		}
		fmt.Println()
		logMu.Unlock()
	}
	if dumps {
		slug := strings.NewReplacer(" ", "-", "=", "", "/", "-", ",", "").Replace(label)
		base := filepath.Join(cfg.DumpDir, cfg.Name+"."+runtime.Version()+"."+slug)
		check(os.WriteFile(base+".debug1.txt", d1.Bytes(), 0o644))
		check(os.WriteFile(base+".debug2.txt", d2.Bytes(), 0o644))
		var d0 bytes.Buffer
		check(pprof.Lookup("goroutine").WriteTo(&d0, 0))
		check(os.WriteFile(base+".debug0.pb.gz", d0.Bytes(), 0o644))
		fmt.Printf("   dumps saved: %s.debug{1,2}.txt and .debug0.pb.gz (taken right after, may differ slightly)\n", filepath.Base(base))
	}
	fmt.Println()
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "oracle:", err)
		os.Exit(1)
	}
}

// ---- child process: load generator and slow upstream ----

func runLoadgen() {
	var cfg loadgenConfig
	check(json.Unmarshal([]byte(os.Getenv("LEAKLAB_LOADGEN")), &cfg))

	if cfg.Upstream != "" {
		ln, err := net.Listen("tcp", cfg.UpstreamAddr)
		check(err)
		var latency time.Duration
		if cfg.Upstream != "hang" {
			latency, err = time.ParseDuration(cfg.Upstream)
			check(err)
		}
		go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if cfg.Upstream == "hang" {
				<-r.Context().Done() // never answers; ends when the caller hangs up
				return
			}
			select {
			case <-time.After(latency):
				fmt.Fprintln(w, "upstream data")
			case <-r.Context().Done():
			}
		}))
	}

	// Wait until the server accepts connections.
	for {
		c, err := net.DialTimeout("tcp", strings.TrimPrefix(cfg.Target, "http://"), time.Second)
		if err == nil {
			c.Close()
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)

	client := &http.Client{
		Transport: &http.Transport{DisableKeepAlives: true, MaxIdleConnsPerHost: -1},
		Timeout:   cfg.ClientTimeout,
	}
	t0 := time.Now().Add(100 * time.Millisecond)
	fmt.Printf("T0 %d\n", t0.UnixNano())

	type result struct {
		code    int
		err     string
		latency time.Duration
		body    string
		sentAt  time.Duration
	}
	results := make([]result, cfg.Requests)
	var wg sync.WaitGroup
	interval := time.Duration(float64(time.Second) / cfg.Rate)
	var lateMax time.Duration
	for k := 0; k < cfg.Requests; k++ {
		due := t0.Add(time.Duration(k) * interval)
		time.Sleep(time.Until(due))
		if late := time.Since(due); late > lateMax {
			lateMax = late
		}
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			start := time.Now()
			res := result{sentAt: start.Sub(t0)}
			resp, err := client.Get(cfg.Target + cfg.Paths[k%len(cfg.Paths)])
			if err != nil {
				res.err = err.Error()
			} else {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				res.code = resp.StatusCode
				res.body = strings.TrimSpace(string(b))
			}
			res.latency = time.Since(start)
			results[k] = res
		}(k)
	}
	wg.Wait()
	end := time.Since(t0)

	codes := map[string]int{}
	var maxLat time.Duration
	var lastDone time.Duration
	for _, r := range results {
		c := strconv.Itoa(r.code)
		if r.err != "" {
			c = "error: " + r.err
			if i := strings.LastIndex(r.err, ": "); i >= 0 {
				c = "error: " + r.err[i+2:]
			}
		}
		codes[c]++
		if r.latency > maxLat {
			maxLat = r.latency
		}
		if d := r.sentAt + r.latency; d > lastDone {
			lastDone = d
		}
	}
	ck := make([]string, 0, len(codes))
	for c := range codes {
		ck = append(ck, c)
	}
	sort.Strings(ck)
	fmt.Printf("max send lateness %v; last response at t=%.3fs; max latency %v\n", lateMax.Round(time.Microsecond), lastDone.Seconds(), maxLat.Round(time.Millisecond))
	for _, c := range ck {
		fmt.Printf("responses %s: %d\n", c, codes[c])
	}
	if cfg.PrintBodies {
		var bodies []string
		for _, r := range results {
			bodies = append(bodies, fmt.Sprintf("%d:%q", r.code, r.body))
		}
		fmt.Printf("bodies in request order: %s\n", strings.Join(bodies, " "))
	}
	_ = end
	for _, p := range cfg.FetchAfter {
		resp, err := client.Get(cfg.Target + p)
		check(err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		slug := strings.NewReplacer("/debug/pprof/", "", "?", ".", "=", "", "/", "-").Replace(p)
		name := filepath.Join(cfg.DumpDir, cfg.Name+"."+runtime.Version()+".http."+slug)
		if strings.HasSuffix(p, "debug=0") || !strings.Contains(p, "debug=") && strings.Contains(p, "pprof") {
			name += ".pb.gz"
		} else {
			name += ".txt"
		}
		check(os.WriteFile(name, b, 0o644))
		fmt.Printf("fetched %s (%d bytes) -> %s\n", p, len(b), filepath.Base(name))
		if strings.HasPrefix(p, "/metrics") || strings.Contains(p, "debug=1") {
			first := strings.SplitN(string(b), "\n", 2)[0]
			if strings.HasPrefix(p, "/metrics") {
				first = strings.TrimSpace(string(b))
				first = first[strings.LastIndex(first, "\n")+1:]
			}
			fmt.Printf("  first/last line: %s\n", first)
		}
	}
	fmt.Println("DONE")
	// Keep the upstream alive until the orchestrator is finished.
	_, _ = io.Copy(io.Discard, os.Stdin)
}
