//! Lesson 3 against real Go: the task queue under 30 requests/s for 2 s, shut down by
//! an interrupt.
//!
//! Reference: `lessons/oracle/results-go1.24.4.txt`, scenarios workers-leaky and
//! workers-safe: 60 requests at 30 req/s, uniformly spaced, 2 workers, 100 ms per
//! task, SIGINT at t=2s. The tables below are that file's snapshot tables, row for
//! row, without the harness goroutine that takes the snapshot (`[running]`
//! `harness.Start`, the part the `/debug/pprof/goroutine` request plays here), so
//! real `runtime.NumGoroutine()` is the simulated one plus 1.
//!
//! Real timers overshoot by up to ~1 ms per sleep: the workers' 100 ms tasks drift
//! ~20 ms behind the virtual clock over 2 s, so the real "t=2s" snapshot (the
//! 40th task had not started yet; "processing"=40) matches virtual t=1.99 s, where
//! the 41st task (virtual 2.000 s) has not started either.

mod common;
use common::{norm, table};
use lessons::{Run, RunConfig};
use sim_runtime::{DumpKind, Outcome, RunState, Time};

/// The state of os/signal's goroutine, as real Go prints it.
const SIGNAL_STATE: &str = "[syscall]";
/// The frame of `wg.Wait()`'s semaphore, as Go 1.24.4 prints it.
const WG_SEMA: &str = "sync.runtime_SemacquireWaitGroup sema.go:110";

fn config(variant: &str, knobs: &[(&str, &str)]) -> RunConfig {
    let mut cfg = common::ideal(RunConfig::defaults("workers", variant).unwrap());
    for (k, v) in knobs {
        cfg.knobs.set(&cfg.lesson.knobs, k, v).unwrap();
    }
    cfg
}

/// The oracle's load: as the defaults, with the interrupt at 2 s.
fn oracle_run(variant: &str, secs: f64) -> Run {
    let mut run = Run::new(config(variant, &[("shutdown_at", "2s")])).unwrap();
    run.advance_to(Time((secs * 1e9) as u64));
    run
}

fn rows(expected: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = expected.iter().map(|r| norm(r)).collect();
    v.sort();
    v
}

fn signal_row() -> String {
    format!("1 {SIGNAL_STATE} os/signal.signal_recv sigqueue.go:152 - os/signal.Notify.func1.1 signal.go:152")
}

#[test]
fn leaky_under_load_matches_go() {
    // Oracle workers-leaky, snapshot "t=2s" (NumGoroutine 46 with the harness's).
    let run = oracle_run("leaky", 1.99);
    let mut want = rows(&[
        "20  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           -                                             net/http.(*connReader).startBackgroundRead server.go:686",
        "20  [chan send]     main.queueHandler main.go:33                            main.queueHandler main.go:33                  net/http.(*Server).Serve server.go:3454",
        " 2  [sleep]         time.Sleep time.go:338                                  main.worker main.go:24                        main.main main.go:40",
        " 1  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           main.main.func1 main.go:46                    main.main main.go:45",
        " 1  [chan receive]  main.main main.go:53                                    main.main main.go:53                          -",
    ]);
    want.push(signal_row());
    want.sort();
    assert_eq!(table(&run), want);
    assert_eq!(run.sim.num_goroutine(), 46 - 1);
    let done = run.server.clients.borrow().iter().filter(|c| c.status == Some(200)).count();
    assert_eq!(done, 40, "oracle: \"processing\"=40 log lines at t=2s");
}

#[test]
fn leaky_shutdown_waits_for_the_queued_handlers() {
    // Oracle workers-leaky, snapshot "after all responses" (t=2.96s): the last handler
    // has returned; main is in Shutdown's poll loop; both workers busy.
    let run = oracle_run("leaky", 2.95);
    let mut want = rows(&[
        " 2  [sleep]         time.Sleep time.go:338                                  main.worker main.go:24                        main.main main.go:40",
        " 1  [select]        net/http.(*Server).Shutdown server.go:3169              main.main main.go:54                          -",
    ]);
    want.push(signal_row());
    want.sort();
    assert_eq!(table(&run), want);
    let clients = run.server.clients.borrow();
    assert_eq!(clients.len(), 60);
    assert!(clients.iter().all(|c| c.status == Some(200)), "oracle: responses 200: 60");
    let last = clients.iter().filter_map(|c| c.done).max().unwrap();
    // Real Go: last response at t=2.959s (~26 ms of timer drift over 29 tasks).
    assert_eq!(last, Time(2_933_333_333));
}

#[test]
fn leaky_workers_outlive_shutdown() {
    // Oracle workers-leaky, snapshots "when main logs that it stopped" (t=3.064s) and
    // "0.5 s after the stop line": 2 workers in [chan receive] at main.go:22. The
    // harness holds main inside log.Println there; here main returns and the process
    // exits, which leaves the workers exactly where the oracle shows them.
    let mut run = Run::new(config("leaky", &[("shutdown_at", "2s")])).unwrap();
    let st = run.advance_to(Time(4_000_000_000));
    assert_eq!(st, RunState::Ended(Outcome::Exited));
    // Shutdown polls at 1, 2, 4, … 500 ms (+ up to 10 % jitter) after the signal:
    // it sees no connection left at 2.0 s + 1011 ms at the earliest.
    let exit = run.now();
    assert!(exit >= Time(3_011_000_000) && exit <= Time(3_113_000_000), "main returned at {exit}");
    let mut want = rows(&[
        " 2  [chan receive]  main.worker main.go:22                                  main.worker main.go:22                        main.main main.go:40",
    ]);
    want.push(signal_row());
    want.sort();
    assert_eq!(table(&run), want);
    let goleak = run.dump(DumpKind::Goleak);
    assert_eq!(goleak.matches("in state chan receive, with main.worker on top of the stack").count(), 2, "{goleak}");
}

#[test]
fn safe_under_load_matches_go() {
    // Oracle workers-safe, snapshot "t=2s" (NumGoroutine 46 with the harness's).
    let run = oracle_run("safe", 1.99);
    let mut want = rows(&[
        "20  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           -                                             net/http.(*connReader).startBackgroundRead server.go:686",
        "20  [select]        main.queueHandler main.go:41                            main.queueHandler main.go:41                  net/http.(*Server).Serve server.go:3454",
        " 2  [sleep]         time.Sleep time.go:338                                  main.worker main.go:29                        main.main main.go:51",
        " 1  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           main.main.func1 main.go:57                    main.main main.go:56",
        " 1  [chan receive]  main.main main.go:64                                    main.main main.go:64                          -",
    ]);
    want.push(signal_row());
    want.sort();
    assert_eq!(table(&run), want);
    assert_eq!(run.sim.num_goroutine(), 46 - 1);
}

#[test]
fn safe_shutdown_drains_then_stops_the_workers() {
    // A Go 1.24.4 run of the oracle program with a snapshot at t=2.5s (SIGINT at 2s):
    // 10 handlers still waiting, main in Shutdown's select at main.go:67.
    let run = oracle_run("safe", 2.49);
    let mut want = rows(&[
        "10  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           -                                             net/http.(*connReader).startBackgroundRead server.go:686",
        "10  [select]        main.queueHandler main.go:41                            main.queueHandler main.go:41                  net/http.(*Server).Serve server.go:3454",
        " 2  [sleep]         time.Sleep time.go:338                                  main.worker main.go:29                        main.main main.go:51",
        " 1  [select]        net/http.(*Server).Shutdown server.go:3169              main.main main.go:67                          -",
    ]);
    want.push(signal_row());
    want.sort();
    assert_eq!(table(&run), want);

    // Oracle workers-safe, "after all responses" (t=2.956s): 2 workers on their last
    // tasks, main in Shutdown.
    let run = oracle_run("safe", 2.95);
    let mut want = rows(&[
        " 2  [sleep]         time.Sleep time.go:338                                  main.worker main.go:29                        main.main main.go:51",
        " 1  [select]        net/http.(*Server).Shutdown server.go:3169              main.main main.go:67                          -",
    ]);
    want.push(signal_row());
    want.sort();
    assert_eq!(table(&run), want);

    // Oracle workers-safe, "when main logs that it stopped": nothing left but main
    // (held by the harness there; returned here) and os/signal's goroutine.
    let mut run = Run::new(config("safe", &[("shutdown_at", "2s")])).unwrap();
    assert_eq!(run.advance_to(Time(4_000_000_000)), RunState::Ended(Outcome::Exited));
    assert_eq!(table(&run), vec![signal_row()]);
    assert_eq!(run.sim.num_goroutine(), 1);
}

#[test]
fn safe_main_waits_for_the_workers() {
    // A Go 1.24.4 run with SIGINT at 2.97 s, after the last response: Shutdown returns
    // at once, stopWorkers is closed, and main waits in wg.Wait() (main.go:71) while
    // both workers finish their last task ([sync.WaitGroup.Wait], Go 1.24's reason).
    let mut run = Run::new(config("safe", &[("shutdown_at", "2970ms")])).unwrap();
    run.advance_to(Time(2_990_000_000));
    let mut want = rows(&[
        " 2  [sleep]         time.Sleep time.go:338                                  main.worker main.go:29                        main.main main.go:51",
    ]);
    want.push(norm(&format!("1 [sync.WaitGroup.Wait] {WG_SEMA} main.main main.go:71 -")));
    want.push(signal_row());
    want.sort();
    assert_eq!(table(&run), want);
    // The workers finish at 3.000 s and 3.033 s; then wg.Wait returns and main exits.
    assert_eq!(run.advance_to(Time(4_000_000_000)), RunState::Ended(Outcome::Exited));
    assert_eq!(run.now(), Time(3_033_333_333));
    assert_eq!(table(&run), vec![signal_row()]);
}

#[test]
fn default_knobs_leaky_keeps_its_workers_safe_does_not() {
    // Defaults: 30 req/s for 2 s, SIGINT at 2 s as in the oracle run. Shutdown waits
    // for the queued handlers (its poll interval doubling from 1 ms), so main returns
    // at 3.091 s; the real run logged "server stopped" at 3.064 s and 3.083 s.
    let mut leaky = Run::new(common::ideal(RunConfig::defaults("workers", "leaky").unwrap())).unwrap();
    assert_eq!(leaky.advance_to(Time(10_000_000_000)), RunState::Ended(Outcome::Exited));
    // Both workers are back on <-taskQueue, stranded.
    assert_eq!(leaky.now(), Time(3_091_417_994));
    let workers: usize = leaky
        .sim
        .snapshot()
        .groups
        .iter()
        .filter(|g| g.frames.iter().any(|f| f.func == "main.worker"))
        .map(|g| g.goids.len())
        .sum();
    assert_eq!(workers, 2);
    assert_eq!(leaky.sim.num_goroutine(), 3, "2 workers + os/signal's goroutine");

    let mut safe = Run::new(common::ideal(RunConfig::defaults("workers", "safe").unwrap())).unwrap();
    assert_eq!(safe.advance_to(Time(10_000_000_000)), RunState::Ended(Outcome::Exited));
    assert_eq!(safe.now(), Time(3_091_417_994), "the workers were idle: wg.Wait() returns at once");
    assert_eq!(safe.sim.num_goroutine(), 1, "only os/signal's goroutine");
    // goleak's defaults ignore os/signal's goroutine (isStdLibGoroutine); sim-runtime's
    // goleak report still lists it, and nothing else.
    let goleak = safe.dump(DumpKind::Goleak);
    assert!(!goleak.contains("main.worker"), "{goleak}");
}

#[test]
fn never_shutting_down_leaves_the_server_idle() {
    let mut run = Run::new(config("leaky", &[("shutdown_at", "never")])).unwrap();
    assert_eq!(run.advance_to(Time(60_000_000_000)), RunState::Idle);
    let mut want = rows(&[
        " 2  [chan receive]  main.worker main.go:22                                  main.worker main.go:22                        main.main main.go:40",
        " 1  [IO wait]       internal/poll.runtime_pollWait netpoll.go:351           main.main.func1 main.go:46                    main.main main.go:45",
        " 1  [chan receive]  main.main main.go:53                                    main.main main.go:53                          -",
    ]);
    want.push(signal_row());
    want.sort();
    assert_eq!(table(&run), want);
    assert!(run.sim.leaked_goroutines().is_empty(), "taskQueue is global, stop is held by os/signal");
}

#[test]
fn more_workers_drain_faster() {
    // 4 workers handle 40 tasks/s, more than the 30 req/s offered: nobody queues.
    let mut run = Run::new(config("leaky", &[("workers", "4"), ("shutdown_at", "never")])).unwrap();
    run.advance_to(Time(1_990_000_000));
    let queued: usize =
        run.sim.snapshot().groups.iter().filter(|g| g.state == "chan send").map(|g| g.goids.len()).sum();
    assert_eq!(queued, 0);
}

#[test]
fn both_variants_build_with_default_knobs() {
    for v in ["leaky", "safe"] {
        let mut run =
            Run::new(common::ideal(RunConfig::defaults("workers", v).unwrap())).unwrap_or_else(|e| panic!("{v}: {e}"));
        run.advance_to(Time(1_000_000_000));
        assert!(run.sim.num_goroutine() > 5, "{v}");
    }
}
