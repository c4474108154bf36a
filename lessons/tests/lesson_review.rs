//! Lesson 6 against real Go: the six review handlers under the oracle's loads.
//!
//! Reference: `lessons/oracle/results-go1.24.4.txt`, scenarios review-1 … review-6
//! (20 requests at 10 req/s; review-4: 400 at 200 req/s; review-5: clients give up
//! after 3 s), and `lessons/content/review/answers.md` for the verdicts. The tables
//! are the oracle's snapshot tables without the harness goroutine that takes the
//! snapshot, so real `runtime.NumGoroutine()` is the simulated one plus 1.

use std::collections::BTreeMap;

mod common;
use common::{norm, table};
use lessons::{Run, RunConfig};
use sim_runtime::Time;

/// The innermost visible frame of a goroutine blocked in `mu.Lock()` as sim-runtime
/// draws it (Go 1.23's `sync` frames). Go 1.24.4 prints
/// `internal/sync.runtime_SemacquireMutex sema.go:95` (then `internal/sync.(*Mutex).lockSlow`,
/// `internal/sync.(*Mutex).Lock(...)`, `sync.(*Mutex).Lock(...)`).
const MUTEX_TOP: &str = "internal/sync.runtime_SemacquireMutex sema.go:95";

fn config(variant: &str, knobs: &[(&str, &str)]) -> RunConfig {
    let mut cfg = common::ideal(RunConfig::defaults("review", variant).unwrap());
    for (k, v) in knobs {
        cfg.knobs.set(&cfg.lesson.knobs, k, v).unwrap();
    }
    cfg
}

/// The oracle's load for `variant`.
fn oracle_run(variant: &str, secs: f64) -> Run {
    let knobs: &[(&str, &str)] = match variant {
        "review-4" => &[("rate", "200"), ("duration", "2s")],
        "review-5" => &[("duration", "2s"), ("give_up", "3s")],
        _ => &[("duration", "2s")],
    };
    let mut run = Run::new(config(variant, knobs)).unwrap();
    run.advance_to(Time((secs * 1e9) as u64));
    run
}

fn default_run(variant: &str, secs: f64) -> Run {
    let mut run = Run::new(common::ideal(RunConfig::defaults("review", variant).unwrap())).unwrap();
    run.advance_to(Time((secs * 1e9) as u64));
    run
}

fn rows(expected: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = expected.iter().map(|r| norm(r)).collect();
    v.sort();
    v
}

fn statuses(run: &Run) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for c in run.server.clients.borrow().iter() {
        let k = if c.gave_up { "gave up".to_string() } else { c.status.map_or("pending".into(), |s| s.to_string()) };
        *m.entry(k).or_default() += 1;
    }
    m
}

fn status_list(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

fn main_row(line: u32) -> String {
    format!("1 [IO wait] internal/poll.runtime_pollWait netpoll.go:351 main.main main.go:{line} -")
}

fn with_main(line: u32, expected: &[&str]) -> Vec<String> {
    let mut v = rows(expected);
    v.push(main_row(line));
    v.sort();
    v
}

#[test]
fn review_1_leaks_at_the_send_after_the_timeout() {
    // Oracle review-1, snapshot "t=2.55s": lookups of requests 0–5 done and stuck in
    // the send, 6–19 still asleep in lookupUser (inlined), handlers 16–19 still waiting.
    let run = oracle_run("review-1", 2.55);
    assert_eq!(
        table(&run),
        with_main(
            33,
            &[
                "14  [sleep]         time.Sleep time.go:338                                  main.lookupUser(...) main.go:12               main.userHandler main.go:19",
                " 6  [chan send]     main.userHandler.func1 main.go:20                       main.userHandler.func1 main.go:20             main.userHandler main.go:19",
                " 4  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           -                                             net/http.(*connReader).startBackgroundRead server.go:686",
                " 4  [select]        main.userHandler main.go:23                             main.userHandler main.go:23                   net/http.(*Server).Serve server.go:3454",
            ]
        )
    );
    assert_eq!(run.sim.num_goroutine(), 30 - 1);
    // Oracle "after all responses" (t=2.902s): 10 in the send, 10 asleep.
    let run = oracle_run("review-1", 2.95);
    assert_eq!(
        table(&run),
        with_main(
            33,
            &[
                "10  [chan send]     main.userHandler.func1 main.go:20                       main.userHandler.func1 main.go:20             main.userHandler main.go:19",
                "10  [sleep]         time.Sleep time.go:338                                  main.lookupUser(...) main.go:12               main.userHandler main.go:19",
            ]
        )
    );
    assert_eq!(statuses(&run), status_list(&[("504", 20)]), "oracle: responses 504: 20");
    assert!(run.server.clients.borrow().iter().all(|c| c.body == "lookup timed out\n"));
    // Oracle "t=6s": all 20 stuck in the send, forever.
    let run = oracle_run("review-1", 6.0);
    assert_eq!(
        table(&run),
        with_main(
            33,
            &["20  [chan send]     main.userHandler.func1 main.go:20                       main.userHandler.func1 main.go:20             main.userHandler main.go:19"]
        )
    );
    assert_eq!(run.sim.leaked_goroutines().len(), 20, "nobody holds `result` any more");
}

#[test]
fn review_2_buffer_lets_every_mirror_finish() {
    // Oracle review-2, snapshot "t=1.05s".
    let run = oracle_run("review-2", 1.05);
    assert_eq!(
        table(&run),
        with_main(
            29,
            &[
                " 8  [sleep]         time.Sleep time.go:338                                  main.fetchFrom(...) main.go:12                main.downloadHandler main.go:20",
                " 2  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           -                                             net/http.(*connReader).startBackgroundRead server.go:686",
                " 2  [chan receive]  main.downloadHandler main.go:24                         main.downloadHandler main.go:24               net/http.(*Server).Serve server.go:3454",
            ]
        )
    );
    // Oracle "after all responses" (t=2.105s): the two "asia" fetches of requests 18
    // and 19 still running, after their handlers answered.
    let run = oracle_run("review-2", 2.15);
    assert_eq!(
        table(&run),
        with_main(
            29,
            &[" 2  [sleep]         time.Sleep time.go:338                                  main.fetchFrom(...) main.go:12                main.downloadHandler main.go:20"]
        )
    );
    assert_eq!(statuses(&run), status_list(&[("200", 20)]));
    assert!(run.server.clients.borrow().iter().all(|c| c.body.starts_with("file from ")));
    // Oracle "t=4s": nothing left.
    let run = oracle_run("review-2", 4.0);
    assert_eq!(table(&run), vec![main_row(29)]);
}

#[test]
fn review_3_counter_waits_for_a_close_that_never_comes() {
    // Oracle review-3, snapshots "after all responses" and "t=4s".
    for secs in [1.95, 4.0] {
        let run = oracle_run("review-3", secs);
        assert_eq!(
            table(&run),
            with_main(
                28,
                &["20  [chan receive]  main.wordsHandler.func1 main.go:14                      main.wordsHandler.func1 main.go:14            main.wordsHandler main.go:12"]
            )
        );
        assert_eq!(run.sim.num_goroutine(), 22 - 1);
    }
    let run = oracle_run("review-3", 4.0);
    assert_eq!(statuses(&run), status_list(&[("200", 20)]));
    assert_eq!(run.sim.leaked_goroutines().len(), 20);
}

#[test]
fn review_4_drops_instead_of_blocking() {
    // Oracle review-4, snapshots "t=1s" and "after all responses" (t=1.996s): one
    // writer asleep in its 20 ms write; no handler ever waits.
    for secs in [1.0025, 1.999] {
        let run = oracle_run("review-4", secs);
        assert_eq!(
            table(&run),
            with_main(
                33,
                &[" 1  [sleep]         time.Sleep time.go:338                                  main.auditWriter main.go:15                   main.main main.go:31"]
            )
        );
    }
    let run = oracle_run("review-4", 1.999);
    assert_eq!(statuses(&run), status_list(&[("200", 400)]));
    assert!(run.server.clients.borrow().iter().all(|c| c.body == "deleted 42\n"));
    // The queue is full: 64 entries waiting. The writer has taken 100 (one per 20 ms,
    // at 0, 20, …, 1980 ms), so 164 were accepted and 236 dropped. Real Go logged 97
    // and dropped 238 (162 accepted): each real 20 ms sleep overshoots by ~0.6 ms.
    let audit = run.sim.snapshot().channels.into_iter().find(|c| c.name == "audit").unwrap();
    assert_eq!((audit.len, audit.cap), (64, 64));
    // The writer drains the queue after the load and waits on it, as intended.
    let run = oracle_run("review-4", 4.0);
    assert_eq!(
        table(&run),
        with_main(
            33,
            &[" 1  [chan receive]  main.auditWriter main.go:14                             main.auditWriter main.go:14                   main.main main.go:31"]
        )
    );
}

#[test]
fn review_5_lock_left_held_blocks_every_later_request() {
    // Oracle review-5, snapshots "after all responses or client timeouts (3 s)"
    // (t=4.902s) and "100 ms later": 17 request goroutines in [sync.Mutex.Lock] at
    // main.go:16; the clients gave up, so their connections' background reads are gone.
    let run = oracle_run("review-5", 5.0);
    let mut want = rows(&[]);
    want.push(norm(&format!(
        "17 [sync.Mutex.Lock] {MUTEX_TOP} main.visitHandler main.go:16 net/http.(*Server).Serve server.go:3454"
    )));
    want.push(main_row(30));
    want.sort();
    assert_eq!(table(&run), want);
    assert_eq!(run.sim.num_goroutine(), 19 - 1);
    // Oracle: responses 200: 2, 400: 1, and 17 client timeouts.
    assert_eq!(statuses(&run), status_list(&[("200", 2), ("400", 1), ("gave up", 17)]));
    let clients = run.server.clients.borrow();
    assert_eq!(clients[0].body, "home: 1 visits\n");
    assert_eq!(clients[1].body, "about: 1 visits\n");
    assert_eq!(clients[2].body, "missing page\n");
}

#[test]
fn review_6_ticker_goroutine_ends_with_its_request() {
    // Oracle review-6, snapshot "t=2s" (t=2.001s, when request 0's 2 s handler had not
    // returned yet on the real clock; virtual 1.99 s is the same moment).
    let run = oracle_run("review-6", 1.99);
    assert_eq!(
        table(&run),
        with_main(
            32,
            &[
                "20  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           -                                             net/http.(*connReader).startBackgroundRead server.go:686",
                "20  [select]        main.reportHandler.func1 main.go:17                     main.reportHandler.func1 main.go:17           main.reportHandler main.go:13",
                "20  [sleep]         time.Sleep time.go:338                                  main.reportHandler main.go:26                 net/http.(*Server).Serve server.go:3454",
            ]
        )
    );
    assert_eq!(run.sim.num_goroutine(), 62 - 1);
    // Oracle "after all responses" and "t=4.5s": nothing left.
    let run = oracle_run("review-6", 4.5);
    assert_eq!(table(&run), vec![main_row(32)]);
    assert_eq!(statuses(&run), status_list(&[("200", 20)]));
}

#[test]
fn leaky_reviews_grow_and_safe_ones_level_off() {
    // Default knobs: 10 req/s for 5 s (50 requests); look 3 s after the load, when
    // the leaky ones still hold a goroutine per request and the safe ones are back to
    // where they started.
    let grows = |v: &str| {
        let run = default_run(v, 8.0);
        let s = run.samples();
        let at = |secs: u64| s.iter().find(|x| x.at == Time(secs * 1_000_000_000)).unwrap().goroutines;
        assert!(at(3) < at(4) && at(4) < at(5), "{v} grows with the load: {} {} {}", at(3), at(4), at(5));
        run
    };
    let run = grows("review-1");
    assert_eq!(run.sim.num_goroutine(), 1 + 50, "every lookup stuck in its send");
    let run = grows("review-3");
    assert_eq!(run.sim.num_goroutine(), 1 + 50, "every counter stuck in its range");
    let run = grows("review-5");
    // Requests 0 and 1 succeed, 2 leaves the lock held, 3–49 block in mu.Lock(); their
    // clients never give up here, so each keeps its background read too.
    assert_eq!(run.sim.num_goroutine(), 1 + 47 * 2);

    for (v, baseline) in [("review-2", 1), ("review-4", 2), ("review-6", 1)] {
        let run = default_run(v, 8.0);
        assert_eq!(run.sim.num_goroutine(), baseline, "{v} back to baseline after the load");
        let peak = run.samples().iter().map(|s| s.goroutines).max().unwrap();
        assert!(peak <= 80, "{v} peak {peak}");
        assert!(run.sim.leaked_goroutines().is_empty(), "{v}");
    }
}

#[test]
fn every_review_variant_builds_with_default_knobs() {
    let lesson = lessons::lesson("review").unwrap();
    let ids: Vec<&str> = lesson.variants.iter().map(|v| v.id).collect();
    assert_eq!(ids, ["review-1", "review-2", "review-3", "review-4", "review-5", "review-6"]);
    for v in &lesson.variants {
        assert!(!v.label.is_empty());
        let mut run = Run::new(common::ideal(RunConfig::defaults("review", v.id).unwrap()))
            .unwrap_or_else(|e| panic!("{}: {e}", v.id));
        run.advance_to(Time(1_000_000_000));
        assert!(run.sim.num_goroutine() >= 1, "{}", v.id);
    }
}

/// The quiz's answers are what the runs show: a leaky program leaves goroutines parked on
/// the quiz's line with the quiz's wait reason, a safe one leaves none in its own code.
#[test]
fn the_quiz_answers_match_the_runs() {
    let parked = |run: &Run| -> Vec<(u32, String, usize)> {
        let snap = run.sim.snapshot();
        snap.groups
            .iter()
            .filter(|g| g.state != "running" && g.state != "runnable")
            .filter_map(|g| {
                g.frames.iter().find(|f| f.file == "/app/main.go").map(|f| (f.line, g.state.clone(), g.goids.len()))
            })
            .collect()
    };
    for item in lessons::quiz::review() {
        // What waits before the first request (main, long-lived helpers) is no answer.
        let before = parked(&oracle_run(item.variant, 0.0));
        let run = oracle_run(item.variant, 6.0);
        let parked: Vec<_> = parked(&run).into_iter().filter(|p| !before.contains(p)).collect();
        match (item.snippet, item.wait_reason) {
            (Some(snippet), Some(reason)) => {
                let line = run.listing.line(snippet).unwrap();
                assert!(
                    parked.iter().any(|(l, s, _)| *l == line && s == reason),
                    "{}: expected goroutines parked on line {line} in [{reason}], found {parked:?}",
                    item.variant
                );
            }
            // A safe program may start one long-lived helper (review-4's auditWriter, once),
            // but nothing that grows with the requests.
            _ => assert!(
                parked.iter().map(|p| p.2).sum::<usize>() <= 1,
                "{}: a safe program left {parked:?}",
                item.variant
            ),
        }
    }
}
