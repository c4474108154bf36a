//! Lesson 4 against real Go: `/leak` hit 20 times at 10 requests/s.
//!
//! Reference: `lessons/oracle/results-go1.24.4.txt`, scenarios pprof-leaky and
//! pprof-safe, and the dumps the load generator fetched from the real server,
//! `lessons/oracle/dumps/pprof-*.go1.24.4.http.goroutine.debug{1,2}.txt`. The
//! harness's snapshot process has one goroutine more than a plain server (its
//! orchestrator): real `runtime.NumGoroutine()` is the simulated one plus 1.

mod common;
use common::{norm, table};
use lessons::{Run, RunConfig};
use sim_runtime::{DumpKind, Time};

fn run_at(variant: &str, secs: f64) -> Run {
    let mut run = Run::new(common::ideal(RunConfig::defaults("pprof", variant).unwrap())).unwrap();
    run.advance_to(Time((secs * 1e9) as u64));
    run
}

fn rows(expected: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = expected.iter().map(|r| norm(r)).collect();
    v.sort();
    v
}

#[test]
fn leaky_after_the_load_matches_go() {
    // Oracle pprof-leaky, snapshot "after 20 hits and the profile fetches" (t=1.911s):
    // 20 sleepers at the time.Sleep line, created by main.leakHandler at the go line.
    let run = run_at("leaky", 2.5);
    assert_eq!(
        table(&run),
        rows(&[
            "20  [sleep]         time.Sleep time.go:338                                  main.leakHandler.func1 main.go:12             main.leakHandler main.go:11",
            " 1  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           main.main main.go:20                          -",
        ])
    );
    assert_eq!(run.sim.num_goroutine(), 21);
    assert!(run
        .server
        .clients
        .borrow()
        .iter()
        .all(|c| c.status == Some(200) && c.body == "started a background goroutine\n"));
}

#[test]
fn leaky_grows_by_one_per_hit() {
    // Oracle pprof-leaky, snapshot "t=1s" (t=1.001s): 10 sleepers, while the 11th
    // request (sent at t=1.000s) was still being accepted ([runnable] gowrap3). On the
    // virtual clock the 11th hit is served at 1.000s exactly, so at 1.05s there are 11.
    let run = run_at("leaky", 1.05);
    assert_eq!(
        table(&run),
        rows(&[
            "11  [sleep]         time.Sleep time.go:338                                  main.leakHandler.func1 main.go:12             main.leakHandler main.go:11",
            " 1  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           main.main main.go:20                          -",
        ])
    );
    let run = run_at("leaky", 9.0 * 60.0);
    let samples: Vec<usize> = run.samples().iter().map(|s| s.goroutines).collect();
    assert!(samples.windows(2).all(|w| w[1] >= w[0]), "never falls while the sleepers sleep");
    assert_eq!(run.sim.num_goroutine(), 21, "still there after 9 minutes");
    // They wake after 10 minutes.
    let run = run_at("leaky", 10.0 * 60.0 + 2.0);
    assert_eq!(run.sim.num_goroutine(), 1);
}

#[test]
fn the_served_dumps_read_like_real_ones() {
    let run = run_at("leaky", 2.5);
    // pprof-leaky.go1.24.4.http.goroutine.debug1.txt: "goroutine profile: total 24",
    // then "20 @ …" with time.Sleep at runtime/time.go:338 and main.leakHandler.func1
    // at main.go:12. The real server also had the harness's goroutine (24 = 23 + 1).
    let d1 = run.dump(DumpKind::Debug1);
    assert!(d1.starts_with("goroutine profile: total 23\n20 @ "), "{d1}");
    // The total counts the profile request's own two goroutines; NumGoroutine does not.
    assert_eq!(run.sim.num_goroutine(), 21);
    assert_eq!(run.profile_request_goroutines(), 2);
    let group = d1.split("\n\n").next().unwrap();
    assert!(group.contains("\ttime.Sleep+0x"), "{group}");
    assert!(group.contains("runtime/time.go:338"), "{group}");
    assert!(group.contains("\tmain.leakHandler.func1+0x"), "{group}");
    assert!(group.contains("/app/main.go:12"), "{group}");
    // debug=2: "goroutine N [sleep]:" / "time.Sleep(0x8bb2c97000)" / "main.leakHandler.func1()"
    // / "created by main.leakHandler in goroutine M" at main.go:11.
    let d2 = run.dump(DumpKind::Debug2);
    assert!(d2.contains(" [sleep]:\ntime.Sleep(0x8bb2c97000)\n"), "10 minutes in nanoseconds");
    assert!(d2.contains("\nmain.leakHandler.func1()\n\t/app/main.go:12 +0x"));
    assert!(d2.contains("\ncreated by main.leakHandler in goroutine "));
    // Minutes come from garbage collections, and 20 hits never fill the 4 MiB
    // minimum heap: a quiet server never collects, so its headers never say how
    // long (oracle gc-minutes, snapshot t62s: 20 × "[sleep]", NumGC 0).
    let run = run_at("leaky", 4.5 * 60.0);
    let d2 = run.dump(DumpKind::Debug2);
    assert_eq!(d2.matches(" [sleep]:\n").count(), 20, "asleep since 0–1.9 s, never timed");
    assert!(!d2.contains("minutes"), "{d2}");
    assert_eq!(run.sim.gc_count(), 0);
}

#[test]
fn safe_levels_off() {
    // Oracle pprof-safe, snapshot "after 20 hits and the profile fetches": only main
    // (NumGoroutine 2 with the harness's).
    let run = run_at("safe", 2.5);
    assert_eq!(
        table(&run),
        rows(&[" 1  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           main.main main.go:26                          -"])
    );
    assert_eq!(run.sim.num_goroutine(), 2 - 1);
    // The goroutine ends with its request: nothing ever accumulates.
    let peak = run.samples().iter().map(|s| s.goroutines).max().unwrap();
    assert_eq!(peak, 1, "each hit's goroutines are gone within the instant");
    assert!(run.server.clients.borrow().iter().all(|c| c.status == Some(200)));
}

#[test]
fn safe_goroutines_start_and_end_with_their_request() {
    // Every hit started its goroutine (conn + background read + func1 per request),
    // and every one of them has exited: main alone remains.
    let run = run_at("safe", 2.5);
    assert_eq!(run.sim.totals(), (1 + 20 * 3, 20 * 3));
    assert!(run.sim.leaked_goroutines().is_empty());
    // The select the goroutine waits in is the listing's (main.go:15).
    assert!(run.listing.text.lines().nth(14).unwrap().contains("select { // the work ends"));
}

#[test]
fn both_variants_build_with_default_knobs() {
    for v in ["leaky", "safe"] {
        let mut run =
            Run::new(common::ideal(RunConfig::defaults("pprof", v).unwrap())).unwrap_or_else(|e| panic!("{v}: {e}"));
        run.advance_to(Time(1_000_000_000));
        assert!(run.sim.num_goroutine() >= 1, "{v}");
    }
}
