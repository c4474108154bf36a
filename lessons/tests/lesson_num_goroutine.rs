//! Lesson 5 against real Go: `/` hit 20 times at 10 requests/s, then `/metrics`.
//!
//! Reference: `lessons/oracle/results-go1.24.4.txt`, scenarios num-goroutine-leaky
//! and num-goroutine-safe, and `lessons/oracle/dumps/num-goroutine-*.go1.24.4.http.-metrics.txt`.
//! The oracle's server process also runs the harness's orchestrator goroutine, so
//! every count real Go printed (response bodies, `go_goroutines`, NumGoroutine) is
//! the simulated one plus 1; a plain server prints what the simulation prints.

mod common;
use common::{norm, table};
use lessons::{Run, RunConfig};
use sim_runtime::Time;

/// The oracle's load: 10 req/s for 2 s (20 requests).
fn oracle_run(variant: &str, secs: f64) -> Run {
    let mut cfg = common::ideal(RunConfig::defaults("num-goroutine", variant).unwrap());
    cfg.knobs.set(&cfg.lesson.knobs, "duration", "2s").unwrap();
    let mut run = Run::new(cfg).unwrap();
    run.advance_to(Time((secs * 1e9) as u64));
    run
}

fn rows(expected: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = expected.iter().map(|r| norm(r)).collect();
    v.sort();
    v
}

fn bodies(run: &Run) -> Vec<String> {
    run.server.clients.borrow().iter().map(|c| format!("{}:{:?}", c.status.unwrap_or(0), c.body.trim())).collect()
}

/// Fetches `/metrics` now (as the oracle's load generator does after the load).
fn metrics(run: &mut Run) -> String {
    run.server.request("/metrics", "", None);
    let t = run.now();
    run.advance_to(t.after(sim_runtime::Duration::from_millis(1)));
    run.server.clients.borrow().last().unwrap().body.clone()
}

#[test]
fn leaky_bodies_count_up_like_real_go() {
    // Oracle num-goroutine-leaky, "bodies in request order": 200:"goroutines: 5" …
    // 200:"goroutines: 24". Each handler counts main, its own connection goroutine and
    // background read, the goroutine it just started and every earlier sleeper; real
    // Go's count has the harness's goroutine on top.
    let mut run = oracle_run("leaky", 2.5);
    let want: Vec<String> = (5..=24).map(|n| format!("200:\"goroutines: {}\"", n - 1)).collect();
    assert_eq!(bodies(&run), want);
    // Oracle: "/metrics … first/last line: go_goroutines 24", and the file
    // num-goroutine-leaky.go1.24.4.http.-metrics.txt.
    assert_eq!(
        metrics(&mut run),
        "# HELP go_goroutines Number of goroutines that currently exist.\n\
         # TYPE go_goroutines gauge\n\
         go_goroutines 23\n"
    );
}

#[test]
fn leaky_after_the_load_matches_go() {
    // Oracle num-goroutine-leaky, snapshots "after 20 hits" and "100 ms later"
    // (NumGoroutine 22 with the harness's).
    let run = oracle_run("leaky", 2.05);
    assert_eq!(
        table(&run),
        rows(&[
            "20  [sleep]         time.Sleep time.go:338                                  main.handler.func1 main.go:13                 main.handler main.go:12",
            " 1  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           main.main main.go:30                          -",
        ])
    );
    assert_eq!(run.sim.num_goroutine(), 22 - 1);
}

#[test]
fn safe_bodies_and_503s_like_real_go() {
    // Oracle num-goroutine-safe: responses 200: 10 ("goroutines: 5" … "goroutines: 14"),
    // then 503: 10 ("busy, try again later"); go_goroutines 14 afterwards.
    let mut run = oracle_run("safe", 2.5);
    let mut want: Vec<String> = (5..=14).map(|n| format!("200:\"goroutines: {}\"", n - 1)).collect();
    want.extend((0..10).map(|_| "503:\"busy, try again later\"".to_string()));
    assert_eq!(bodies(&run), want);
    assert!(metrics(&mut run).ends_with("\ngo_goroutines 13\n"));
}

#[test]
fn safe_after_the_load_matches_go() {
    // Oracle num-goroutine-safe, snapshots "after 20 hits" and "100 ms later".
    let run = oracle_run("safe", 2.05);
    assert_eq!(
        table(&run),
        rows(&[
            "10  [sleep]         time.Sleep time.go:338                                  main.handler.func1 main.go:19                 main.handler main.go:17",
            " 1  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           main.main main.go:40                          -",
        ])
    );
    assert_eq!(run.sim.num_goroutine(), 12 - 1);
}

#[test]
fn the_chart_rises_for_leaky_and_stays_flat_for_safe() {
    // Default knobs: 10 req/s for 1 minute. Sample the count every 10 s.
    let at = |run: &Run, s: u64| {
        run.samples().iter().find(|x| x.at == Time(s * 1_000_000_000)).map(|x| x.goroutines).unwrap()
    };
    let mut leaky = Run::new(common::ideal(RunConfig::defaults("num-goroutine", "leaky").unwrap())).unwrap();
    leaky.advance_to(Time(6 * 60 * 1_000_000_000 + 500_000_000));
    // +10 per second while the load lasts: at t (s) the sleepers of requests 0..=10t.
    for s in [10, 20, 30, 40, 50] {
        assert_eq!(at(&leaky, s), 1 + 10 * s as usize + 1, "leaky at {s}s");
    }
    // The load ends at 60 s with 600 sleepers; they only wake 5 minutes after they
    // started, between 300 s and 360 s: at 330 s those of requests 301..=599 remain.
    assert_eq!(at(&leaky, 120), 1 + 600);
    assert_eq!(at(&leaky, 330), 1 + 299);
    assert_eq!(leaky.sim.num_goroutine(), 1, "all awake and gone by 6 minutes");

    let mut safe = Run::new(common::ideal(RunConfig::defaults("num-goroutine", "safe").unwrap())).unwrap();
    safe.advance_to(Time(6 * 60 * 1_000_000_000 + 500_000_000));
    for s in [10, 20, 30, 40, 50, 120] {
        assert_eq!(at(&safe, s), 1 + 10, "safe at {s}s: capped by the 10 slots");
    }
    let peak = safe.samples().iter().map(|x| x.goroutines).max().unwrap();
    assert_eq!(peak, 11);
    let ok = safe.server.clients.borrow().iter().filter(|c| c.status == Some(200)).count();
    assert_eq!(ok, 10, "the slots free up only after 5 minutes, after the load");
    assert_eq!(safe.sim.num_goroutine(), 1);
}

#[test]
fn both_variants_build_with_default_knobs() {
    for v in ["leaky", "safe"] {
        let mut run = Run::new(common::ideal(RunConfig::defaults("num-goroutine", v).unwrap()))
            .unwrap_or_else(|e| panic!("{v}: {e}"));
        run.advance_to(Time(1_000_000_000));
        assert!(run.sim.num_goroutine() >= 1, "{v}");
    }
}
