//! One run of a lesson: the simulated server under seeded load, observed over
//! virtual time. The CLI and the app both drive a [`Run`], so they print the
//! same bytes for the same lesson, variant, knobs, seed and instant.

use std::fmt::Write;
use std::rc::Rc;

use sim_runtime::{
    DumpKind, Duration, FuncId, FuncSpec, GcCycle, Gogc, HeapModel, RunState, Sim, SimHandle, Time, TimerSlack,
};

use crate::catalog::{lesson, Lesson};
use crate::estimate::{estimate, MemoryEstimate};
use crate::knobs::{KnobValue, Knobs};
use crate::listing::{go_duration_expr, Listing};
use crate::net::Server;
use crate::scenarios;
use crate::stdlib::Lib;

/// Where listings live in the simulated build: dumps print `/app/main.go:LINE`.
pub const MAIN_GO: &str = "/app/main.go";

/// The server's executable, built from `/app/main.go`: real profiles name it in
/// their mapping, and `go tool pprof -top` prints `File: server` above the report.
pub const SERVER_BINARY: &str = "/app/server";

/// A GNU build ID for the listing: 40 hex digits derived from its text, so the
/// same program always gets the same ID and another program another one, as
/// with real builds.
fn build_id(listing: &Listing) -> String {
    let mut rng = sim_runtime::Rng::new(0, &listing.text);
    (0..3).map(|_| format!("{:016x}", rng.next_u64())).collect::<String>()[..40].to_string()
}

/// The heap of a real `net/http` server as the collector's pacer sees it,
/// measured on `lessons/oracle/gc-heap` (the pprof lesson's leaky listing,
/// 3000 requests at 200 req/s, on Go 1.24.4 and 1.19.8; see `RESULTS-gc.md`)
/// together with [`crate::net::REQUEST_GARBAGE`]. From Go 1.24's runtime/metrics:
/// globals 202,466 bytes; about 180 bytes of scanned stack per parked sleeper;
/// `/gc/heap/live` 700,448 bytes after the first cycle and 1,627,680 after the
/// third, which is a base of about 206 KB and 561 bytes per sleeper (its `g`,
/// its timer, its slot in `allgs`; a separate measurement of 20,000 parked
/// goroutines gave 553–572 bytes each on Go 1.24, 515–521 on 1.19). The slop
/// is what the pacer counted beyond that: 0.63–0.78 MB before the first cycle,
/// 0.12–0.45 MB (about 0.22) after one, over GOGC 25, 50, 100 and 200.
pub const SERVER_HEAP: HeapModel = HeapModel {
    base: 195_000,
    per_goroutine: 568,
    span_slop: 200_000,
    first_cycle_slop: 735_000,
    first_cycle_garbage_percent: 95,
    globals: 202_466,
    stack_scan_per_goroutine: 180,
    runway_percent: 6,
};

/// What to run.
#[derive(Clone, Debug)]
pub struct RunConfig {
    /// The lesson.
    pub lesson: Lesson,
    /// The variant id.
    pub variant: String,
    /// Knob values.
    pub knobs: Knobs,
    /// The seed of every random choice.
    pub seed: u64,
    /// How many events to keep (0: none).
    pub events: usize,
    /// The query of every request, instead of the lesson's (`leaklab run --query`).
    pub query: Option<String>,
}

impl RunConfig {
    /// The lesson's defaults, seed 1.
    pub fn defaults(lesson_id: &str, variant: &str) -> Result<RunConfig, String> {
        let l = lesson(lesson_id).ok_or_else(|| {
            let ids: Vec<&str> = crate::catalog::lessons().iter().map(|l| l.id).collect();
            format!("unknown lesson {lesson_id:?}; use one of {}", ids.join(", "))
        })?;
        if l.variant(variant).is_none() {
            let ids: Vec<&str> = l.variants.iter().map(|v| v.id).collect();
            return Err(format!("lesson {lesson_id} has no variant {variant:?}; use one of {}", ids.join(", ")));
        }
        let knobs = Knobs::defaults(&l.knobs);
        Ok(RunConfig { lesson: l, variant: variant.to_string(), knobs, seed: 1, events: 0, query: None })
    }
}

/// One sample of the process over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Sample {
    /// When.
    pub at: Time,
    /// `runtime.NumGoroutine()`.
    pub goroutines: usize,
    /// Estimated memory in bytes.
    pub memory: u64,
    /// The heap the garbage collector's pacer counts, in bytes.
    pub heap: u64,
    /// How many garbage-collection cycles have run so far.
    pub gc_cycles: usize,
}

/// What a lesson's simulation has to work with.
pub struct Env {
    /// The simulation.
    pub h: SimHandle,
    /// Standard-library functions.
    pub lib: Lib,
    /// The rendered listing of the variant.
    pub listing: Listing,
    /// Knob values.
    pub knobs: Knobs,
    /// The virtual server.
    pub server: Rc<Server>,
}

impl Env {
    /// The line containing `snippet` in the listing.
    pub fn line(&self, snippet: &str) -> Result<u32, String> {
        self.listing.line(snippet).map_err(|e| format!("{}: {e}", self.listing.path))
    }

    /// Registers `main.<name>` declared as `func <name>(` in the listing.
    pub fn func(&self, name: &str) -> Result<FuncId, String> {
        let decl = self.line(&format!("func {name}("))?;
        Ok(self.h.func(FuncSpec::new(format!("main.{name}"), MAIN_GO, decl)))
    }

    /// Registers a function with an argument template (see [`sim_runtime::Args`]).
    pub fn func_args(&self, name: &str, args: &'static str) -> Result<FuncId, String> {
        let decl = self.line(&format!("func {name}("))?;
        Ok(self.h.func(FuncSpec::new(format!("main.{name}"), MAIN_GO, decl).args(args)))
    }

    /// Registers a function the compiler inlines into its callers.
    pub fn inlined(&self, name: &str) -> Result<FuncId, String> {
        let decl = self.line(&format!("func {name}("))?;
        Ok(self.h.func(FuncSpec::new(format!("main.{name}"), MAIN_GO, decl).inlined()))
    }

    /// Registers a closure or init function by its Go name, declared on the line of `snippet`.
    pub fn closure(&self, go_name: &str, snippet: &str) -> Result<FuncId, String> {
        let decl = self.line(snippet)?;
        Ok(self.h.func(FuncSpec::new(go_name, MAIN_GO, decl)))
    }

    /// A duration knob.
    pub fn dur(&self, name: &str) -> Option<Duration> {
        self.knobs.dur(name)
    }
}

/// A lesson running on the virtual clock.
pub struct Run {
    /// The simulation.
    pub sim: Sim,
    /// The virtual server (and its clients' records).
    pub server: Rc<Server>,
    /// What is running.
    pub config: RunConfig,
    /// The rendered listing.
    pub listing: Listing,
    samples: Vec<Sample>,
    sample_every: Duration,
    /// The instant the load ends.
    pub load_end: Time,
    // The interpreted program, when the run interprets the listing instead of
    // running the lesson's hand-written simulation.
    #[cfg(feature = "interpreter")]
    program: Option<gointerp::interp::Loaded>,
}

/// An interpreted program (nothing in a build without the interpreter).
#[cfg(feature = "interpreter")]
type Program = gointerp::interp::Loaded;
#[cfg(not(feature = "interpreter"))]
type Program = std::convert::Infallible;

/// Which program a run runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Engine {
    /// The lesson's hand-written simulation (`scenarios::*`).
    HandWritten,
    /// The variant's listing, rendered with the knobs, run by `gointerp`.
    Interpreted,
    /// This Go source, run by `gointerp` under the lesson's load.
    Source(String),
}

/// Renders a variant's listing with the knob values.
pub fn render_listing(cfg: &RunConfig) -> Result<Listing, String> {
    let variant = cfg.lesson.variant(&cfg.variant).ok_or_else(|| format!("unknown variant {:?}", cfg.variant))?;
    let values: Vec<(&str, String)> = cfg
        .knobs
        .iter()
        .map(|(k, v)| {
            let s = match v {
                KnobValue::Dur(d) => go_duration_expr(d),
                other => other.to_string(),
            };
            (k, s)
        })
        .collect();
    let listing = Listing::render("main.go", variant.template, &values);
    let unfilled = listing.unfilled();
    if !unfilled.is_empty() {
        return Err(format!("listing {} has unknown placeholders: {}", variant.id, unfilled.join(", ")));
    }
    Ok(listing)
}

impl Run {
    /// Builds the simulation: globals, `main`, the server and the load schedule.
    pub fn new(config: RunConfig) -> Result<Run, String> {
        Run::with_engine(config, Engine::HandWritten)
    }

    /// Like [`Run::new`], running the program `engine` names. A program that does not
    /// build is an error with `go build`'s findings, as `leaklab check` prints them; one
    /// with only `go vet` findings (a forgotten `cancel`) runs, as `go run` runs it.
    pub fn with_engine(config: RunConfig, engine: Engine) -> Result<Run, String> {
        let listing = match &engine {
            Engine::Source(src) => Listing::render("main.go", src, &[]),
            _ => render_listing(&config)?,
        };
        #[cfg(feature = "interpreter")]
        if engine != Engine::HandWritten {
            let report = gointerp::check(&listing.text);
            if !report.build.is_empty() {
                return Err(report.render("main.go"));
            }
        }
        let mib = config.knobs.int("mem_limit");
        let gogc: Gogc =
            config.knobs.get("gogc").to_string().parse().map_err(|e: sim_runtime::GogcError| e.to_string())?;
        let timer_slack: TimerSlack = config
            .knobs
            .get("timer_slack")
            .to_string()
            .parse()
            .map_err(|e: sim_runtime::TimerSlackError| e.to_string())?;
        let sim = Sim::builder()
            .seed(config.seed)
            .events(config.events)
            .memory_limit((mib > 0).then(|| mib as u64 * 1024 * 1024))
            .gogc(gogc)
            .heap_model(SERVER_HEAP)
            .timer_slack(timer_slack)
            .executable(SERVER_BINARY, build_id(&listing))
            .build();
        let h = sim.handle();
        // The runtime, the binary's data and the heap a fresh server uses.
        h.add_static_bytes(4 * 1024 * 1024);
        let lib = Lib::register(&h);
        let server = Server::new(&h, lib);
        let env =
            Env { h: h.clone(), lib, listing: listing.clone(), knobs: config.knobs.clone(), server: server.clone() };
        #[cfg_attr(not(feature = "interpreter"), allow(unused_variables))]
        let program: Option<Program> = match engine {
            Engine::HandWritten => {
                scenarios::build(&env, &config)?;
                None
            }
            #[cfg(feature = "interpreter")]
            Engine::Interpreted | Engine::Source(_) => {
                let upstream = crate::client::Upstream::from_knobs(&config.knobs);
                let transport = crate::client::Transport::new(&h, lib, upstream);
                let interrupt_at = match config.knobs.iter().find(|(k, _)| *k == "shutdown_at") {
                    Some((_, KnobValue::Dur(d))) => Some(d),
                    _ => None,
                };
                let host = Rc::new(crate::gohost::HttpHost::new(&h, lib, server.clone(), transport, interrupt_at));
                let loaded = gointerp::interp::load(&listing.text, &h, Some(host))
                    .map_err(|ds| ds.iter().map(|d| d.render_path("./main.go") + "\n").collect::<String>())?;
                Some(loaded)
            }
            #[cfg(not(feature = "interpreter"))]
            Engine::Interpreted | Engine::Source(_) => {
                return Err("this build of Leak Lab runs only the lessons' own simulations, not Go source".to_string())
            }
        };
        let load_end = schedule_load(&env, &config);
        Ok(Run {
            sim,
            server,
            config,
            listing,
            samples: Vec::new(),
            sample_every: Duration::from_millis(100),
            load_end,
            #[cfg(feature = "interpreter")]
            program,
        })
    }

    /// What the interpreted program could not run, at its line (`./main.go:12:2: …`);
    /// the program stopped there. `None` for a hand-written run.
    pub fn program_error(&self) -> Option<String> {
        #[cfg(feature = "interpreter")]
        return self.program.as_ref().and_then(|p| p.error()).map(|d| d.render_path("./main.go"));
        #[cfg(not(feature = "interpreter"))]
        None
    }

    /// What the interpreted program printed on standard error (its `log` lines).
    pub fn program_stderr(&self) -> Option<String> {
        #[cfg(feature = "interpreter")]
        return self.program.as_ref().map(|p| p.stderr());
        #[cfg(not(feature = "interpreter"))]
        None
    }

    /// The current virtual instant.
    pub fn now(&self) -> Time {
        self.sim.now()
    }

    fn sample(&mut self) {
        self.samples.push(Sample {
            at: self.sim.now(),
            goroutines: self.sim.num_goroutine(),
            memory: self.sim.memory_bytes(),
            heap: self.sim.heap_live(),
            gc_cycles: self.sim.gc_count(),
        });
    }

    /// Every garbage-collection cycle so far, oldest first: when it ran, what
    /// started it (heap, sysmon's two-minute period, `runtime.GC()`), the heap
    /// before and after. A chart draws one mark per cycle; the samples'
    /// `gc_cycles` count says which sample interval each falls in.
    pub fn gc_cycles(&self) -> Vec<GcCycle> {
        self.sim.gc_cycles()
    }

    /// Runs until `t`, sampling the goroutine count every 100 ms on the way.
    pub fn advance_to(&mut self, t: Time) -> RunState {
        self.advance_to_with(t, |_| {})
    }

    /// As [`Run::advance_to`], calling `each` after every sample, so that a long
    /// run can show its progress. The run is the same whatever `each` does: it
    /// only looks.
    pub fn advance_to_with(&mut self, t: Time, mut each: impl FnMut(&Run)) -> RunState {
        if self.samples.is_empty() {
            let st = self.sim.run_until(Time(0));
            self.sample();
            each(self);
            if matches!(st, RunState::Ended(_)) {
                return st;
            }
        }
        loop {
            let last = self.samples.last().map_or(Time(0), |s| s.at);
            let next = last.after(self.sample_every);
            if next > t {
                let st = self.sim.run_until(t);
                return st;
            }
            let st = self.sim.run_until(next);
            self.sample();
            each(self);
            if matches!(st, RunState::Ended(_)) {
                return st;
            }
        }
    }

    /// What this run will hold at its fullest up to `until`, estimated from its
    /// knobs (see [`crate::estimate`]); nothing is run.
    pub fn estimate(&self, until: Time) -> MemoryEstimate {
        estimate(&self.config, until)
    }

    /// Steps to the next event.
    pub fn step(&mut self) -> RunState {
        let st = self.sim.step();
        let last = self.samples.last().map_or(Time(0), |s| s.at);
        if self.samples.is_empty() || self.sim.now() >= last.after(self.sample_every) {
            self.sample();
        }
        st
    }

    /// The goroutine count and memory over time so far.
    pub fn samples(&self) -> &[Sample] {
        &self.samples
    }

    /// A dump of this instant as the virtual server would serve it: `debug=1` and
    /// `debug=2` from `/debug/pprof/goroutine`, the leak profiles from Go 1.26's
    /// `/debug/pprof/goroutineleak`, goleak's report as main would print it. Once
    /// the process has ended, the goroutines as they were, with nobody serving.
    pub fn dump(&self, kind: DumpKind) -> String {
        if self.sim.outcome().is_some() {
            // The process is gone and serves nothing: print its goroutines as they were.
            return self.sim.dump(kind);
        }
        match self.observer(kind) {
            Some(obs) => self.sim.dump_observed(kind, &obs),
            None => self.sim.dump(kind),
        }
    }

    /// Who prints `kind` over HTTP: the pprof handler's goroutine (none for goleak's report,
    /// which a test prints in-process).
    fn observer(&self, kind: DumpKind) -> Option<sim_runtime::Observer> {
        match kind {
            DumpKind::Debug1 | DumpKind::Leak1 => Some(self.server.pprof_observer(1)),
            DumpKind::Debug2 => Some(self.server.pprof_observer(2)),
            DumpKind::Leak2 => Some(self.server.leak_observer()),
            DumpKind::Goleak => None,
        }
    }

    /// [`Run::dump`] a little at a time: appends at most `budget` more goroutines of it to
    /// `out` (see [`sim_runtime::Sim::dump_part`]); the parts, in order, are `dump(kind)`.
    pub fn dump_part(&self, kind: DumpKind, cursor: &mut sim_runtime::DumpCursor, budget: usize, out: &mut String) {
        match self.observer(kind).filter(|_| self.sim.outcome().is_none()) {
            Some(obs) => self.sim.dump_observed_part(kind, &obs, cursor, budget, out),
            None => self.sim.dump_part(kind, cursor, budget, out),
        }
    }

    /// How many goroutines a dump served over HTTP adds to the program's own: the connection
    /// goroutine running the pprof handler and that connection's background read, while the
    /// process is alive; none once it has ended (nobody serves). A dump's total is
    /// `sim.num_goroutine()` plus this.
    pub fn profile_request_goroutines(&self) -> usize {
        if self.sim.outcome().is_some() {
            return 0;
        }
        let obs = self.server.pprof_observer(1);
        1 + usize::from(obs.unstarted_child.is_some())
    }

    /// The gzipped protobuf profile `/debug/pprof/goroutine` serves now.
    #[cfg(feature = "gzip")]
    pub fn profile(&self) -> Vec<u8> {
        self.sim.profile_observed(&self.server.pprof_observer(0))
    }

    /// [`Run::profile`]'s protobuf before it is gzipped (`sim_runtime::pprof::gzip`).
    pub fn profile_raw(&self) -> Vec<u8> {
        self.sim.profile_observed_raw(&self.server.pprof_observer(0))
    }

    /// The samples as CSV: seconds, goroutines, bytes, the pacer's heap, cycles so far.
    pub fn metrics_csv(&self) -> String {
        let mut out = String::from("time_s,goroutines,memory_bytes,heap_bytes,gc_cycles\n");
        for s in &self.samples {
            let _ =
                writeln!(out, "{:.3},{},{},{},{}", s.at.0 as f64 / 1e9, s.goroutines, s.memory, s.heap, s.gc_cycles);
        }
        out
    }

    /// A human summary: load, responses, goroutines by state and line.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let c = &self.config;
        let _ = writeln!(out, "lesson {} ({}), variant {}, seed {}", c.lesson.id, c.lesson.title, c.variant, c.seed);
        let knobs: Vec<String> = c.knobs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let _ = writeln!(out, "knobs: {}", knobs.join(" "));
        let _ = writeln!(out, "virtual time: {}", self.now());
        let clients = self.server.clients.borrow();
        let mut by_status: std::collections::BTreeMap<String, usize> = Default::default();
        for r in clients.iter() {
            let k = if r.refused {
                "refused".to_string()
            } else if r.gave_up {
                "gave up".to_string()
            } else {
                match r.status {
                    Some(s) => s.to_string(),
                    None => "pending".to_string(),
                }
            };
            *by_status.entry(k).or_default() += 1;
        }
        let st: Vec<String> = by_status.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        if clients.is_empty() {
            let _ = writeln!(out, "requests sent: 0");
        } else {
            let _ = writeln!(out, "requests sent: {} ({})", clients.len(), st.join(", "));
        }
        let snap = self.sim.snapshot();
        let _ = writeln!(
            out,
            "goroutines: {} (runtime.NumGoroutine; a dump served over HTTP counts its own 2 more), estimated memory {} KiB",
            snap.num_goroutine,
            snap.memory_bytes / 1024
        );
        for g in &snap.groups {
            let top =
                g.frames.first().map(|f| format!("{} {}:{}", f.func, f.file.rsplit('/').next().unwrap_or(""), f.line));
            let _ = writeln!(
                out,
                "  {:>7}  [{}]{}  {}",
                g.goids.len(),
                g.state,
                if g.leaked { " (leaked)" } else { "" },
                top.unwrap_or_default()
            );
        }
        if let Some(e) = self.program_error() {
            let _ = writeln!(out, "Leak Lab stopped the program: {e}");
        } else if let Some(o) = self.sim.outcome() {
            let _ = writeln!(out, "the process ended: {o}");
        }
        out
    }
}

/// The virtual clients' schedule.
struct Load {
    h: SimHandle,
    server: Rc<Server>,
    rate: f64,
    end: Time,
    poisson: bool,
    burst: usize,
    give_up: Option<Duration>,
    path: &'static str,
    /// The k-th request's query, cycled, unless `query` (`--query`) sets one for all.
    queries: &'static [&'static str],
    query: Option<String>,
    rng: std::cell::RefCell<sim_runtime::Rng>,
}

impl Load {
    /// An exponentially distributed gap between Poisson arrivals.
    fn gap(&self) -> Duration {
        let u = self.rng.borrow_mut().unit_f64();
        Duration(((-(1.0 - u).ln() / self.rate) * 1e9).round().max(1.0) as u64)
    }

    /// Arrival `k` at `at`. Each arrival schedules the next, so that a long run
    /// keeps one pending timer for its clients instead of one per request.
    fn arrive(self: Rc<Self>, k: u64, at: Time) {
        let me = self.clone();
        self.h.call_at(at, move || {
            for _ in 0..me.burst {
                let n = me.server.clients.borrow().len() as u64;
                let query = match &me.query {
                    Some(q) => q.as_str(),
                    None if me.queries.is_empty() => "",
                    None => me.queries[(n % me.queries.len() as u64) as usize],
                };
                me.server.request(me.path, query, me.give_up);
            }
            let next =
                if me.poisson { at.after(me.gap()) } else { Time(((k + 1) as f64 * 1e9 / me.rate).round() as u64) };
            if next < me.end {
                me.arrive(k + 1, next);
            }
        });
    }
}

/// Schedules the virtual clients; returns when the load ends.
fn schedule_load(env: &Env, cfg: &RunConfig) -> Time {
    let rate = cfg.knobs.float("rate");
    let duration = cfg.knobs.dur("duration").unwrap_or(Duration(0));
    let end = Time(duration.0);
    if rate <= 0.0 || duration.0 == 0 {
        return end;
    }
    let load = Rc::new(Load {
        h: env.h.clone(),
        server: env.server.clone(),
        rate,
        end,
        poisson: matches!(cfg.knobs.get("arrivals"), KnobValue::Choice("poisson")),
        burst: cfg.knobs.int("burst").max(1) as usize,
        give_up: cfg.knobs.dur("give_up"),
        path: cfg.lesson.request_path(&cfg.variant),
        queries: cfg.lesson.request_queries(&cfg.variant),
        query: cfg.query.clone(),
        rng: std::cell::RefCell::new(env.h.rng("load")),
    });
    let first = if load.poisson { Time(load.gap().0) } else { Time(0) };
    if first < end {
        load.arrive(0, first);
    }
    end
}
