//! `leaklab run`'s standard error during a long run: the memory estimate before
//! it starts and the progress lines, driven with a fake clock so that the lines
//! are the same every time. Standard output stays byte for byte the same.

use std::time::Duration as StdDuration;

use expect_test::expect;
use lessons::cli::{main_with, main_with_host, progress_line, Host, ESTIMATE_NOTICE_BYTES};
use lessons::RunConfig;
use sim_runtime::{Duration, Time};

/// Runs `args` with a clock that moves `tick` each time it is read.
fn with_clock(args: &[&str], terminal: bool, notice_above: u64, tick: StdDuration) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let mut now = StdDuration::ZERO;
    let mut elapsed = move || {
        now += tick;
        now
    };
    let mut host = Host { stderr_is_terminal: terminal, elapsed: &mut elapsed, notice_above_bytes: notice_above };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = main_with_host(&args, &mut out, &mut err, &mut host);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

const RUN: &[&str] = &["run", "unbounded-send", "--variant", "leaky", "--duration", "5s", "--report", "summary"];

fn plain(args: &[&str]) -> String {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(main_with(&args, &mut out, &mut err), 0);
    assert!(err.is_empty());
    String::from_utf8(out).unwrap()
}

#[test]
fn progress_shows_after_a_second_and_a_half_at_most_four_times_a_second() {
    let args: Vec<&str> = RUN.iter().copied().chain(["--progress"]).collect();
    // Each 100 ms sample reads the clock once; let each read take 50 ms.
    let (code, out, err) = with_clock(&args, false, ESTIMATE_NOTICE_BYTES, StdDuration::from_millis(50));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, plain(RUN), "standard output is the same with --progress");
    expect![[r#"
        leaklab: 2.9s of 5s virtual (57%), 431 goroutines, 1.5s elapsed, about 1.1s left
        leaklab: 3.4s of 5s virtual (68%), 521 goroutines, 1.8s elapsed, about 0.8s left
        leaklab: 3.9s of 5s virtual (78%), 611 goroutines, 2.0s elapsed, about 0.6s left
        leaklab: 4.4s of 5s virtual (88%), 701 goroutines, 2.2s elapsed, about 0.3s left
        leaklab: 4.9s of 5s virtual (98%), 791 goroutines, 2.5s elapsed, about 0.1s left
        leaklab: 5s of 5s virtual (100%), 806 goroutines, 2.6s elapsed, done
    "#]]
    .assert_eq(&err);
}

#[test]
fn a_quick_run_shows_no_progress() {
    let args: Vec<&str> = RUN.iter().copied().chain(["--progress"]).collect();
    let (code, out, err) = with_clock(&args, true, ESTIMATE_NOTICE_BYTES, StdDuration::from_micros(100));
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, plain(RUN));
}

#[test]
fn on_a_terminal_progress_shows_unasked_and_rewrites_one_line() {
    let (code, out, err) = with_clock(RUN, true, ESTIMATE_NOTICE_BYTES, StdDuration::from_millis(50));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, plain(RUN));
    assert!(err.starts_with("\rleaklab: 2.9s of 5s virtual (57%)"), "{err:?}");
    assert_eq!(err.matches('\r').count(), 6, "{err:?}");
    assert_eq!(err.matches("\x1b[K").count(), 6, "{err:?}");
    assert!(err.ends_with("done\x1b[K\n"), "{err:?}");
    // Not a terminal and not asked: nothing.
    let (_, _, err) = with_clock(RUN, false, ESTIMATE_NOTICE_BYTES, StdDuration::from_millis(50));
    assert_eq!(err, "");
}

#[test]
fn progress_takes_no_value_and_leaves_the_next_argument_alone() {
    let (code, _, err) = with_clock(
        &["run", "--progress", "unbounded-send", "--variant", "leaky", "--report", "summary"],
        false,
        ESTIMATE_NOTICE_BYTES,
        StdDuration::ZERO,
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let (code, _, err) = with_clock(
        &["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--progress=yes"],
        false,
        ESTIMATE_NOTICE_BYTES,
        StdDuration::ZERO,
    );
    assert_eq!(code, 2);
    assert_eq!(err, "leaklab: --progress takes no value (got \"yes\"); write just --progress\n");
}

#[test]
fn a_big_run_says_how_much_memory_it_will_hold_first() {
    // The notice threshold is lowered so that a small run shows the notice.
    let (code, out, err) = with_clock(RUN, false, 1 << 20, StdDuration::ZERO);
    assert_eq!(code, 0);
    assert_eq!(out, plain(RUN));
    expect![[r#"
        leaklab: this run will hold about 12 MiB (806 goroutines at 5s)
    "#]]
    .assert_eq(&err);
}

#[test]
fn the_estimate_of_the_issue_run() {
    let mut cfg = RunConfig::defaults("unbounded-send", "leaky").unwrap();
    let specs = cfg.lesson.knobs.clone();
    cfg.knobs.set(&specs, "rate", "2000").unwrap();
    cfg.knobs.set(&specs, "duration", "10m").unwrap();
    let e = lessons::estimate::estimate(&cfg, Time(Duration::from_mins(10).0));
    assert!(e.bytes > ESTIMATE_NOTICE_BYTES);
    expect!["this run will hold about 1.6 GiB (1,188,029 goroutines at 10m0s)"].assert_eq(&e.to_string());
    // A memory limit kills the simulated process long before: far fewer goroutines.
    cfg.knobs.set(&specs, "mem_limit", "64").unwrap();
    let e = lessons::estimate::estimate(&cfg, Time(Duration::from_mins(10).0));
    assert!(e.goroutines < 30_000, "{e}");
}

#[test]
fn progress_lines_read_plainly() {
    let s = Duration::SECOND.0;
    assert_eq!(
        progress_line(Time(192 * s), Time(600 * s), 380_123, StdDuration::from_millis(4_100), false),
        "leaklab: 3m12s of 10m0s virtual (32%), 380,123 goroutines, 4.1s elapsed, about 8.7s left"
    );
    assert_eq!(
        progress_line(Time(0), Time(600 * s), 3, StdDuration::from_secs(2), false),
        "leaklab: 0s of 10m0s virtual (0%), 3 goroutines, 2.0s elapsed, time left unknown"
    );
    assert_eq!(
        progress_line(Time(0), Time(0), 3, StdDuration::from_secs(2), false),
        "leaklab: 0s of 0s virtual (100%), 3 goroutines, 2.0s elapsed, done"
    );
    assert_eq!(
        progress_line(Time(3 * s), Time(600 * s), 7, StdDuration::from_secs(2), true),
        "leaklab: 3s of 10m0s virtual (0%), 7 goroutines, 2.0s elapsed, the simulated process ended"
    );
}
