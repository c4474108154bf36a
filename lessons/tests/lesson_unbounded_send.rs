//! Lesson 1 against real Go: the async logger under 200 requests/s.
//!
//! Reference: `lessons/oracle/results-go1.24.4.txt`, scenario unbounded-send, 400
//! requests at 200 req/s, uniformly spaced, buffer 100, 50 ms per entry.

mod common;

use lessons::{Run, RunConfig};
use sim_runtime::{DumpKind, Time};

fn run_at(variant: &str, secs: f64) -> Run {
    let mut run = Run::new(common::ideal(RunConfig::defaults("unbounded-send", variant).unwrap())).unwrap();
    run.advance_to(Time((secs * 1e9) as u64));
    run
}

fn count(run: &Run, state: &str, func: &str, line: u32) -> usize {
    run.sim
        .snapshot()
        .groups
        .iter()
        .filter(|g| g.state == state && g.frames.first().is_some_and(|f| f.func == func && f.line == line))
        .map(|g| g.goids.len())
        .sum()
}

/// Oracle, snapshot "t=1s": 80 goroutines in [chan send] at main.logMessage(...)
/// main.go:28; NumGoroutine 87 including the dump writer.
#[test]
fn leaky_at_one_second_matches_go() {
    let run = run_at("leaky", 1.0025);
    assert_eq!(count(&run, "chan send", "main.logMessage", 28), 80);
    // 80 senders + 2 handlers asleep in main.go:36 + their 2 background reads +
    // the logger + the accept loop; real Go's 87 also counts the dump's writer.
    assert_eq!(run.sim.num_goroutine(), 86);
    assert_eq!(count(&run, "sleep", "time.Sleep", 338), 3);
}

/// Oracle, snapshot "t=3s": 240 in [chan send] (taken just before the 61st receive,
/// since real timers run a little late; 2.99 s here); after the load the count falls by
/// the 20 entries per second the logger drains.
#[test]
fn leaky_after_the_load_drains_at_twenty_per_second() {
    let run = run_at("leaky", 2.99);
    assert_eq!(count(&run, "chan send", "main.logMessage", 28), 240);
    // Every goroutine is accounted for: senders, the logger and the accept loop.
    assert_eq!(run.sim.num_goroutine(), 242);
}

/// At the end of the load: 400 sent, 100 buffered, 41 taken by the logger
/// (at 0 ms, 50 ms, …, 2000 ms). Real Go printed 260 at t=2.001s because Linux
/// timers overshoot each 50 ms sleep slightly, so its 41st receive came a few ms
/// later; the virtual clock has no overshoot.
#[test]
fn leaky_at_the_end_of_the_load() {
    let run = run_at("leaky", 2.0025);
    let n = count(&run, "chan send", "main.logMessage", 28);
    assert_eq!(n, 259);
    assert!((259..=260).contains(&n), "within real Go's timer slack of its 260");
    assert!(run.sim.leaked_goroutines().is_empty(), "stuck behind a global channel, not unreachable");
}

/// Oracle: the safe variant never has more than a handful of goroutines; at t=1s
/// 2 in [select] at main.logMessageSafe main.go:30, 9 in all with the writer.
#[test]
fn safe_levels_off() {
    let run = run_at("safe", 1.0025);
    assert_eq!(count(&run, "select", "main.logMessageSafe", 30), 2);
    assert_eq!(run.sim.num_goroutine(), 8);
    let run = run_at("safe", 2.5);
    assert_eq!(run.sim.num_goroutine(), 2, "logger and accept loop only");
    let peak = run.samples().iter().map(|s| s.goroutines).max().unwrap();
    assert!(peak <= 10, "safe peak {peak}");
}

#[test]
fn the_dump_is_served_by_the_pprof_handler() {
    let run = run_at("leaky", 2.0025);
    let d1 = run.dump(DumpKind::Debug1);
    assert!(d1.starts_with("goroutine profile: total 265\n259 @ "), "{}", &d1[..200]);
    assert!(d1.contains("#\t0x"));
    assert!(d1.contains("main.logMessage+0x"));
    let d2 = run.dump(DumpKind::Debug2);
    let first = d2.split("\n\n").next().unwrap();
    assert!(first.contains("[running]:\nruntime/pprof.writeGoroutineStacks("), "{first}");
    assert!(first.contains("net/http/pprof.Index("), "{first}");
    assert!(first.ends_with(
        "created by net/http.(*Server).Serve in goroutine 1\n\t/usr/local/go/src/net/http/server.go:3454 +0x322"
    ));
    assert!(d2.contains("]:\nnet/http.(*connReader).startBackgroundRead.gowrap2()\n"), "the unstarted background read");
    // Observing does not disturb: the same dump twice, and the run goes on unchanged.
    assert_eq!(d2, run.dump(DumpKind::Debug2));
}
