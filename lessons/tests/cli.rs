//! The `leaklab` command line, driven through `lessons::cli::main_with` (no
//! process spawned) and once through the built binary.

use std::path::PathBuf;
use std::process::Command;

use lessons::cli::main_with;
use lessons::{lessons, Run, RunConfig};
use sim_runtime::{DumpKind, Duration, Time};

/// What one invocation printed and returned.
struct Out {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Out {
    fn text(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }
}

fn cli<S: AsRef<str>>(args: &[S]) -> Out {
    let args: Vec<String> = args.iter().map(|s| s.as_ref().to_string()).collect();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = main_with(&args, &mut stdout, &mut stderr);
    Out { code, stdout, stderr: String::from_utf8(stderr).expect("stderr is UTF-8") }
}

/// Runs `args` and expects success with nothing on standard error.
fn ok<S: AsRef<str> + std::fmt::Debug>(args: &[S]) -> String {
    let out = cli(args);
    assert_eq!(out.code, 0, "leaklab {args:?} failed: {}", out.stderr);
    assert_eq!(out.stderr, "", "leaklab {args:?} wrote to stderr");
    out.text()
}

/// The run the CLI makes for unbounded-send leaky with its defaults, at the end of the load.
fn direct_run(events: bool) -> Run {
    let mut cfg = RunConfig::defaults("unbounded-send", "leaky").unwrap();
    if events {
        cfg.events = usize::MAX;
    }
    let mut run = Run::new(cfg).unwrap();
    let end = run.load_end;
    run.advance_to(end);
    run
}

const LEAKY: &[&str] = &["run", "unbounded-send", "--variant", "leaky"];

/// `leaklab run unbounded-send --variant leaky` followed by `extra`.
fn leaky(extra: &[&str]) -> Vec<String> {
    LEAKY.iter().chain(extra).map(|s| s.to_string()).collect()
}

/// A fresh directory for files this test writes.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("leaklab-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn list_names_every_lesson_variant_and_knob() {
    let text = ok(&["list"]);
    for l in lessons() {
        assert!(text.contains(&format!("{}: {}", l.id, l.title)), "list misses lesson {}", l.id);
        for v in &l.variants {
            assert!(text.contains(v.id), "list misses variant {} of {}", v.id, l.id);
        }
        for k in &l.knobs {
            let line = format!("--{}", k.name);
            assert!(text.contains(&line), "list misses knob {} of {}", k.name, l.id);
            assert!(text.contains(&k.range_text()), "list misses the range of {}", k.name);
        }
    }
    assert!(text.contains("--seed") && text.contains("default 1"));
    assert!(text.contains("--at") && text.contains("the end of the load"));
    let line = text.lines().find(|l| l.trim_start().starts_with("--log_cost")).unwrap();
    assert!(line.contains("default 50ms") && line.contains("a Go duration from 1ms to 10s"), "{line}");

    // One lesson only.
    let one = ok(&["list", "unbounded-send"]);
    assert!(one.contains("--buffer") && !one.contains("upstream:"));
}

#[test]
fn debug1_is_exactly_the_dump_of_the_same_run() {
    let text = ok(&leaky(&["--report", "debug1"]));
    assert!(text.starts_with("goroutine profile: total "), "{text}");
    assert_eq!(text, direct_run(false).dump(DumpKind::Debug1));
}

#[test]
fn every_text_report_matches_the_run_api() {
    let run = direct_run(false);
    let kinds = [
        ("debug2", DumpKind::Debug2),
        ("goleak", DumpKind::Goleak),
        ("leak1", DumpKind::Leak1),
        ("leak2", DumpKind::Leak2),
    ];
    for (name, kind) in kinds {
        assert_eq!(ok(&leaky(&["--report", name])), run.dump(kind), "--report {name}");
    }
    assert_eq!(ok(&leaky(&["--report", "summary"])), run.summary());
    assert_eq!(ok(&leaky(&["--report", "metrics"])), run.metrics_csv());

    let run = direct_run(true);
    let expected: String = run.sim.drain_events().iter().map(|e| run.sim.format_event(e) + "\n").collect();
    let events = ok(&leaky(&["--report", "events"]));
    assert!(events.lines().count() > 400, "one event a line, many of them");
    assert_eq!(events, expected);
}

#[test]
fn metrics_has_a_header_and_a_row_per_100ms() {
    let text = ok(&leaky(&["--report", "metrics"]));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("time_s,goroutines,memory_bytes,heap_bytes,gc_cycles"));
    let rows: Vec<&str> = lines.collect();
    // 0s, 100ms, …, 2s: the default load lasts 2s.
    assert_eq!(rows.len(), 21, "{text}");
    for (i, row) in rows.iter().enumerate() {
        let cols: Vec<&str> = row.split(',').collect();
        assert_eq!(cols.len(), 5, "{row}");
        assert_eq!(cols[0], format!("{:.3}", i as f64 / 10.0));
        cols[1].parse::<usize>().unwrap();
        cols[2].parse::<u64>().unwrap();
    }
    let at_1s = ok(&leaky(&["--report", "metrics", "--at", "1s"]));
    assert_eq!(at_1s.lines().count(), 1 + 11);
}

#[test]
fn at_moves_the_reported_instant() {
    let end = ok(&leaky(&["--report", "debug1"]));
    let at_1s = ok(&leaky(&["--report", "debug1", "--at", "1s"]));
    assert_ne!(end, at_1s);
    assert_eq!(ok(&leaky(&["--report", "debug1", "--at", "2s"])), end, "the default is the end of the load");
    let mut run = Run::new(RunConfig::defaults("unbounded-send", "leaky").unwrap()).unwrap();
    run.advance_to(Time(Duration::from_secs(1).0));
    assert_eq!(at_1s, run.dump(DumpKind::Debug1));
    assert!(ok(&leaky(&["--report", "summary", "--at=1500ms"])).contains("virtual time: 1.5s"));
}

#[test]
fn same_seed_same_bytes() {
    for report in ["summary", "debug2", "metrics", "events"] {
        let args = leaky(&["--report", report, "--arrivals", "poisson", "--seed", "7"]);
        assert_eq!(cli(&args).stdout, cli(&args).stdout, "--report {report}");
    }
    let s7 = ok(&leaky(&["--report", "metrics", "--arrivals", "poisson", "--seed", "7"]));
    let s8 = ok(&leaky(&["--report", "metrics", "--arrivals", "poisson", "--seed=8"]));
    assert_ne!(s7, s8, "Poisson arrivals follow the seed");
}

#[test]
fn knobs_take_both_spellings_and_both_flag_forms() {
    let base = ok(&leaky(&["--report", "summary", "--log_cost", "20ms", "--buffer", "10"]));
    assert!(base.contains("log_cost=20ms") && base.contains("buffer=10"), "{base}");
    assert_eq!(ok(&leaky(&["--report", "summary", "--log-cost=20ms", "--buffer=10"])), base);
    assert_eq!(
        ok(&["run", "--report=summary", "unbounded-send", "--buffer", "10", "--log-cost", "20ms", "--variant=leaky"]),
        base
    );
    assert_ne!(ok(&leaky(&["--report", "summary"])), base);
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let reports = "use one of summary, debug1, debug2, goleak, leak1, leak2, pprof, metrics, events";
    let cases: &[(&[&str], &str)] = &[
        (&[], "leaklab: missing command; use list, run, analyze or check"),
        (&["frobnicate"], "leaklab: unknown command \"frobnicate\"; use list, run, analyze or check"),
        (&["run"], "leaklab: run: missing the lesson; use one of unbounded-send, upstream"),
        (&["run", "nope", "--variant", "leaky"], "leaklab: unknown lesson \"nope\"; use one of unbounded-send"),
        (&["list", "nope"], "leaklab: unknown lesson \"nope\"; use one of unbounded-send"),
        (
            &["run", "unbounded-send", "--report", "summary"],
            "leaklab: run: --variant is required; use one of leaky, safe",
        ),
        (
            &["run", "unbounded-send", "--variant", "sloppy", "--report", "summary"],
            "leaklab: --variant: lesson unbounded-send has no variant \"sloppy\"; use one of leaky, safe",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky"],
            "leaklab: run: --report is required; use one of summary, debug1",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "html"],
            "leaklab: --report: \"html\" is not valid; ",
        ),
        (&["run", "unbounded-send", "--variant", "leaky", "--report"], "leaklab: --report: missing value; "),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--bogus", "1"],
            "leaklab: --bogus: unknown knob \"bogus\"; this lesson has: rate, duration, arrivals, burst, give_up, \
             mem_limit, gogc, timer_slack, buffer, log_cost",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--log_cost", "1h"],
            "leaklab: --log_cost: \"1h\" is not valid; use a Go duration from 1ms to 10s",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--log-cost", "fast"],
            "leaklab: --log_cost: \"fast\" is not valid; use a Go duration from 1ms to 10s",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--rate=-3"],
            "leaklab: --rate: \"-3\" is not valid; use a number from 0 to 2000",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--buffer", "--at", "1s"],
            "leaklab: --buffer: missing value; use a whole number from 0 to 100000",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--at", "soon"],
            "leaklab: --at: \"soon\" is not valid; use a Go duration from 0s to 24h0m0s",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--at", "-1s"],
            "leaklab: --at: \"-1s\" is not valid; use a Go duration from 0s to 24h0m0s",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--seed", "x"],
            "leaklab: --seed: \"x\" is not valid; use a whole number from 0 to 18446744073709551615",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--seed"],
            "leaklab: --seed: missing value; use a whole number from 0 to 18446744073709551615",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--report", "pprof"],
            "leaklab: --report pprof writes a binary profile; add --out FILE",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--gogc", "lots"],
            "leaklab: --gogc: \"lots\" is not valid; use one of off, 25, 50, 100, 200, 400, 800",
        ),
        (
            &["run", "unbounded-send", "--variant", "leaky", "--timer_slack", "exact"],
            "leaklab: --timer_slack: \"exact\" is not valid; use one of realistic, ideal",
        ),
        (&["run", "unbounded-send", "extra", "--variant", "leaky"], "leaklab: run: unexpected argument \"extra\""),
        (&["run", "unbounded-send", "-variant", "leaky"], "leaklab: unknown flag \"-variant\"; flags start with --"),
    ];
    for (args, want) in cases {
        let out = cli(args);
        assert_eq!(out.code, 2, "leaklab {args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "leaklab {args:?} wrote to stdout");
        assert!(out.stderr.starts_with(want), "leaklab {args:?}:\n got {}\nwant {want}…", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "leaklab {args:?}: {}", out.stderr);
        assert!(out.stderr.ends_with('\n'));
    }
    let out = cli(&leaky(&["--report", "html"]));
    assert!(out.stderr.trim_end().ends_with(reports), "{}", out.stderr);
}

#[test]
fn unsimulated_variants_are_reported_not_run() {
    // While lessons are being written, Run::new refuses them; the CLI says so.
    for l in lessons() {
        for v in &l.variants {
            let Err(e) = Run::new(RunConfig::defaults(l.id, v.id).unwrap()) else { continue };
            let out = cli(&["run", l.id, "--variant", v.id, "--report", "summary"]);
            assert_eq!(out.code, 2);
            assert_eq!(out.stderr, format!("leaklab: run {}: {e}\n", l.id));
        }
    }
}

#[test]
fn help_prints_usage() {
    for args in [&["--help"][..], &["-h"], &["help"], &["run", "--help"], &["run", "unbounded-send", "-h"]] {
        let text = ok(args);
        assert!(text.starts_with("leaklab: "), "{text}");
        assert!(text.contains("Usage:") && text.contains("--report summary|debug1|debug2|goleak"), "{text}");
    }
    assert!(ok(&["run", "unbounded-send", "--help"]).contains("--log_cost"), "help on a lesson lists its knobs");
}

#[test]
fn strange_input_never_panics() {
    let weird: &[&[&str]] = &[
        &[""],
        &["--"],
        &["-"],
        &["--="],
        &["run", ""],
        &["run", "unbounded-send", "--"],
        &["run", "unbounded-send", "--="],
        &["run", "unbounded-send", "--variant="],
        &["run", "unbounded-send", "--variant=leaky", "--report=summary", "--rate="],
        &["run", "unbounded-send", "--variant=leaky", "--report=summary", "--at=99999999999999999999h"],
        &["run", "unbounded-send", "--variant=leaky", "--report=summary", "--seed=99999999999999999999"],
        &["run", "unbounded-send", "--variant=leaky", "--report=summary", "--duration=1h", "--rate=0"],
        &["run", "unbounded-send", "--variant=leaky", "--report=summary", "--out="],
        &["run", "unbounded-send", "--variant=leaky", "--report=summary", "--ラテ=1"],
        &["run", "unbounded-send", "--variant=leaky", "--report=summary", "--rate", "NaN"],
        &["run", "unbounded-send", "--variant=leaky", "--report=summary", "--rate", "1e999"],
        &["run", "unbounded-send", "--variant=leaky", "--report=summary", "--at", "0"],
        &["list", "--"],
    ];
    for args in weird {
        let out = cli(args);
        assert!(out.code == 0 || out.code == 2, "leaklab {args:?}: {} {}", out.code, out.stderr);
        if out.code == 2 {
            assert!(out.stderr.starts_with("leaklab: ") && out.stderr.lines().count() == 1, "{}", out.stderr);
        }
    }
}

#[test]
fn a_dead_process_is_summarized_and_still_dumped() {
    // 4 MiB is what the runtime and binary take alone: the process is killed at once.
    let summary = ok(&leaky(&["--report", "summary", "--mem_limit", "4"]));
    assert!(summary.contains("the process ended: OOMKilled"), "{summary}");
    let out = cli(&leaky(&["--report", "debug1", "--mem_limit", "4"]));
    assert_eq!(out.code, 0);
    assert!(out.text().starts_with("goroutine profile: total "));
    assert!(out.stderr.starts_with("leaklab: note: the simulated process ended at 0s: killed"), "{}", out.stderr);
}

#[test]
fn out_writes_text_reports_to_a_file() {
    let dir = temp_dir("out");
    let file = dir.join("debug1.txt");
    let out = cli(&leaky(&["--report", "debug1", "--out", file.to_str().unwrap()]));
    assert_eq!((out.code, out.stdout.len(), out.stderr.as_str()), (0, 0, ""));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), direct_run(false).dump(DumpKind::Debug1));
    let missing = dir.join("no/such/dir/x.txt");
    let out = cli(&leaky(&["--report", "debug1", "--out", missing.to_str().unwrap()]));
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("leaklab: --out: cannot write "), "{}", out.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pprof_writes_a_profile_go_tool_pprof_opens() {
    let dir = temp_dir("pprof");
    let file = dir.join("leaky.pb.gz");
    let out = cli(&leaky(&["--report", "pprof", "--out", file.to_str().unwrap()]));
    assert_eq!((out.code, out.stdout.len(), out.stderr.as_str()), (0, 0, ""));
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..2], &[0x1f, 0x8b], "gzip");
    assert_eq!(bytes, direct_run(false).profile());
    assert_eq!(cli(&leaky(&["--report", "pprof", "--out", "-"])).stdout, bytes, "--out - is standard output");

    let go_present = Command::new("go").arg("version").output().is_ok_and(|o| o.status.success());
    if !go_present {
        if std::env::var("LEAKLAB_REQUIRE_GO").as_deref() == Ok("1") {
            panic!("LEAKLAB_REQUIRE_GO=1 but go is not installed");
        }
        eprintln!("skipped: go not installed");
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let top = Command::new("go")
        .args(["tool", "pprof", "-top", "-symbolize=none"])
        .arg(&file)
        .env("PPROF_TMPDIR", &dir)
        .env("HOME", &dir)
        .output()
        .expect("go tool pprof runs");
    let stdout = String::from_utf8_lossy(&top.stdout);
    let stderr = String::from_utf8_lossy(&top.stderr);
    assert!(top.status.success(), "go tool pprof failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("Type: goroutine"), "{stdout}\n{stderr}");
    assert!(stdout.contains("main.logMessage"), "{stdout}");
    // As for a real server's profile: the mapping names the executable.
    assert!(stdout.starts_with("File: server\nBuild ID: "), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_binary_exits_2_with_one_line_on_a_bad_flag() {
    let out = Command::new(env!("CARGO_BIN_EXE_leaklab"))
        .args(["run", "unbounded-send", "--variant", "leaky", "--report", "summary", "--buffer", "lots"])
        .output()
        .expect("leaklab runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "leaklab: --buffer: \"lots\" is not valid; use a whole number from 0 to 100000\n"
    );
}

// ---------------------------------------------------------------------------
// analyze

/// A real dump of the lessons' oracle, by file name.
fn oracle_dump(name: &str) -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/oracle/dumps/").to_string() + name
}

#[test]
fn analyze_prints_a_line_per_group_with_the_suspects_sentence_and_lesson() {
    let text = ok(&["analyze", &oracle_dump("unbounded-send-leaky.go1.24.4.t2s.debug2.txt")]);
    expect_test::expect![[r#"
        goroutine traceback (debug=2): 267 goroutines in 6 groups, 1 suspect
        260  chan send  main.logMessage                       These 260 goroutines have been blocked for less than a minute sending on a channel at main.logMessage (leaklab/oracle/unbounded-send-leaky/main.go:28); a send that no receiver takes never returns, so each of them and everything it references stays in memory. Lesson: leaklab run unbounded-send --variant leaky --at 2s --report debug2
          2  sleep      main.leakyHandler
          2  IO wait    (std) internal/poll.runtime_pollWait
          1  running    leaklab/oracle/harness.snapshot
          1  IO wait    main.main
          1  sleep      main.logWriter
    "#]]
    .assert_eq(&text);
    // Filters: by wait reason, by package, and only the program's own code.
    let chans = ok(&["analyze", &oracle_dump("unbounded-send-leaky.go1.24.4.t2s.debug2.txt"), "--state", "chan"]);
    assert_eq!(chans.lines().count(), 2, "{chans}");
    let own = ok(&["analyze", "--own", &oracle_dump("unbounded-send-leaky.go1.24.4.t2s.debug2.txt")]);
    assert!(!own.contains("(std)") && own.lines().count() == 6, "{own}");
    let pkg = ok(&["analyze", &oracle_dump("unbounded-send-leaky.go1.24.4.t2s.debug2.txt"), "--package=net/http"]);
    assert_eq!(pkg.lines().count(), 4, "{pkg}");
}

#[test]
fn analyze_with_a_base_prints_each_stacks_change_largest_growth_first() {
    // Two protobuf profiles of the upstream lesson in real Go 1.24: at 2 s the
    // requests are in flight, at 8 s only the leaked senders are left.
    let text = ok(&[
        "analyze",
        &oracle_dump("upstream-leaky.go1.24.4.t8s.debug0.pb.gz"),
        "--base",
        &oracle_dump("upstream-leaky.go1.24.4.t2s.debug0.pb.gz"),
    ]);
    expect_test::expect![[r#"
        102 goroutines → 22 goroutines: -80 (protobuf goroutine profile → protobuf goroutine profile)
        +20  20  (chan send)  main.leakyHandler.func1
         +0   1  -            leaklab/oracle/harness.snapshot
         +0   1  -            main.main
        -20   0  -            (std) internal/poll.runtime_pollWait
        -20   0  -            (std) internal/poll.runtime_pollWait
        -20   0  (select)     (std) net/http.(*persistConn).writeLoop
        -20   0  (select)     main.fetchUpstream
        -20   0  (select)     main.leakyHandler
    "#]]
    .assert_eq(&text);
}

#[test]
fn analyze_reads_back_the_simulations_own_dumps() {
    let dir = temp_dir("analyze");
    // Under load, so that collections run and time the waits (see RESULTS-gc.md).
    let at = ["--rate", "200", "--duration", "30s", "--at", "2m", "--out"];
    for (report, file) in [("debug2", "pprof.txt"), ("pprof", "pprof.pb.gz"), ("goleak", "pprof.goleak")] {
        let path = dir.join(file);
        let args: Vec<String> = ["run", "pprof", "--variant", "leaky", "--report", report]
            .iter()
            .chain(&at)
            .map(|s| s.to_string())
            .chain([path.display().to_string()])
            .collect();
        ok(&args);
        let text = ok(&["analyze".to_string(), path.display().to_string()]);
        let first = text.lines().nth(1).unwrap_or_default();
        assert!(first.starts_with("6000  ") && first.contains("main.leakHandler.func1"), "{report}: {text}");
    }
    // debug=2 has wait times, so its sleepers are suspects and name their lesson.
    let text = ok(&["analyze".to_string(), dir.join("pprof.txt").display().to_string()]);
    let line = text.lines().nth(1).unwrap();
    assert!(line.starts_with("6000  sleep, 1 min  "), "{text}");
    assert!(
        line.contains(
            "These 6000 goroutines have been sleeping for up to 1 minute at main.leakHandler.func1 (/app/main.go:12)"
        ),
        "{text}"
    );
    assert!(
        text.contains("Lesson: leaklab run pprof --variant leaky --rate 200 --duration 30s --at 2m --report debug2"),
        "{text}"
    );
}

#[test]
fn analyze_names_the_line_of_a_damaged_dump() {
    let dir = temp_dir("analyze-bad");
    let cut = dir.join("cut.txt");
    std::fs::write(&cut, "goroutine 7 [chan send]:\nmain.f(0x1)\n").unwrap();
    let out = cli(&["analyze", &cut.display().to_string()]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        format!(
            "leaklab: {}: line 3: goroutine 7: `main.f` on line 2 has no `file:line` line after it; is the dump cut short?\n",
            cut.display()
        )
    );
    // Cut inside its second goroutine, as Go cuts a debug=2 dump at 64 MiB: the
    // first goroutine is read and a note names the line of the cut.
    let two = dir.join("two.txt");
    std::fs::write(
        &two,
        "goroutine 7 [chan send]:\nmain.f(0x1)\n\t/app/main.go:31 +0x2c\n\ngoroutine 8 [chan send]:\nmain.f(0x1)\n",
    )
    .unwrap();
    let out = cli(&["analyze", &two.display().to_string()]);
    assert_eq!(out.code, 0);
    assert!(
        out.text().starts_with("goroutine traceback (debug=2): 1 goroutine in 1 group, 0 suspects\n"),
        "{}",
        out.text()
    );
    assert_eq!(
        out.stderr,
        format!(
            "leaklab: note: {}: line 7: goroutine 8: `main.f` on line 6 has no `file:line` line after it; is the dump cut short?; the 1 goroutine before it is read\n",
            two.display()
        )
    );
    let missing = cli(&["analyze", "/nonexistent/dump.txt"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.starts_with("leaklab: cannot read /nonexistent/dump.txt: "), "{}", missing.stderr);
    for (args, msg) in [
        (vec!["analyze"], "leaklab: analyze: missing the dump's file name (leaklab --help for usage)\n"),
        (vec!["analyze", "a", "b"], "leaklab: analyze: unexpected argument \"b\"; give one dump (and --base FILE)\n"),
        (vec!["analyze", "a", "--exact=yes"], "leaklab: --exact takes no value (found \"yes\"); write --exact alone\n"),
        (vec!["analyze", "a", "--min_minutes", "x"], "leaklab: --min_minutes: \"x\" is not valid; use a whole number of minutes\n"),
        (
            vec!["analyze", "a", "--color"],
            "leaklab: analyze: unknown flag --color; use --base, --state, --function, --package, --min_minutes, --exact, --own\n",
        ),
    ] {
        let out = cli(&args);
        assert_eq!((out.code, out.stderr.as_str()), (2, msg), "{args:?}");
    }
}

/// A broken program of `gointerp/tests/check`, copied into a fresh directory as
/// `main.go`, and what real Go 1.24 printed about it (`go build`, then `go vet`).
fn broken_program(name: &str) -> (PathBuf, String) {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../gointerp/tests/check");
    let dir = temp_dir(&format!("check-{name}"));
    let path = dir.join("main.go");
    std::fs::copy(fixtures.join(format!("{name}.go")), &path).unwrap();
    let recorded = std::fs::read_to_string(fixtures.join(format!("{name}.go124.txt"))).unwrap();
    (path, recorded)
}

/// The section of a recorded Go run that `leaklab check` prints: `go build`'s output
/// when the build failed, else `go vet`'s, without the commands and exit statuses.
fn go_said(recorded: &str) -> String {
    let (build, vet) = recorded.split_once("$ go vet\n").unwrap();
    let section = if build.trim_end().ends_with("exit 0") { vet } else { build };
    section.lines().filter(|l| !l.starts_with("$ ") && !l.starts_with("exit ")).map(|l| format!("{l}\n")).collect()
}

#[test]
fn check_prints_build_errors_as_go_build_does() {
    let (path, recorded) = broken_program("several");
    let shown = path.display().to_string();
    let out = cli(&["check", shown.as_str()]);
    assert_eq!(out.code, 1);
    assert_eq!(out.text(), "", "findings go to standard error");
    assert_eq!(out.stderr, go_said(&recorded).replace("./main.go", &shown));
    assert!(out.stderr.starts_with("# command-line-arguments\n"), "{}", out.stderr);
}

#[test]
fn check_prints_vet_findings_as_go_vet_does() {
    let (path, recorded) = broken_program("lostcancel_path");
    let shown = path.display().to_string();
    let out = cli(&["check", shown.as_str()]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, go_said(&recorded).replace("./main.go", &shown));
    assert!(out.stderr.starts_with("# command-line-arguments\n# [command-line-arguments]\n"), "{}", out.stderr);
}

#[test]
fn check_is_silent_about_a_lesson_listing() {
    let dir = temp_dir("check-clean");
    let path = dir.join("main.go");
    let listing = lessons::run::render_listing(&RunConfig::defaults("workers", "safe").unwrap()).unwrap();
    std::fs::write(&path, listing.text).unwrap();
    let out = cli(&["check", path.to_str().unwrap()]);
    assert_eq!((out.code, out.text(), out.stderr), (0, String::new(), String::new()));
}

#[test]
fn check_rejects_bad_arguments() {
    for (args, msg) in [
        (vec!["check"], "leaklab: check: missing the Go file to check\n"),
        (vec!["check", "a.go", "b.go"], "leaklab: check: unexpected argument \"b.go\"; check takes one file\n"),
        (vec!["check", "--strict"], "leaklab: check: unknown flag \"--strict\"\n"),
    ] {
        let out = cli(&args);
        assert_eq!((out.code, out.stderr.as_str()), (2, msg), "leaklab {args:?}");
    }
    let out = cli(&["check", "/nonexistent/leaklab/main.go"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("leaklab: check: cannot read /nonexistent/leaklab/main.go: "), "{}", out.stderr);
}
