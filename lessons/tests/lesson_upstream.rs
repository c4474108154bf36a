//! Lesson 2 against real Go: an upstream that hangs, 10 requests/s for 2 s.
//!
//! Reference: `lessons/oracle/dumps/upstream-*.go1.24.4.t8s.*` and the
//! go1.19.8 t2s dumps: while calls are in flight each request has a handler in
//! `select`, a background read, a goroutine in `persistConn.roundTrip`, and the
//! connection's readLoop and writeLoop; at t=8s what remains differs by variant.

mod common;

use lessons::{Run, RunConfig};
use sim_runtime::Time;

fn run_at(variant: &str, secs: f64) -> Run {
    let mut run = Run::new(common::ideal(RunConfig::defaults("upstream", variant).unwrap())).unwrap();
    run.advance_to(Time((secs * 1e9) as u64));
    run
}

fn groups(run: &Run) -> Vec<(usize, String, String, u32)> {
    run.sim
        .snapshot()
        .groups
        .iter()
        .map(|g| {
            let f = g.frames.iter().find(|f| f.func.starts_with("main.") || f.func.starts_with("net/http")).unwrap();
            (g.goids.len(), g.state.clone(), f.func.clone(), f.line)
        })
        .collect()
}

#[test]
fn in_flight_calls_hold_five_goroutines_each() {
    for v in ["leaky", "safe", "leaky-noctx"] {
        let run = run_at(v, 2.0);
        assert_eq!(run.sim.num_goroutine(), 101, "{v}: 20 × 5 + main");
        let g = groups(&run);
        assert!(g.contains(&(20, "select".into(), "net/http.(*persistConn).roundTrip".into(), 2826)), "{v} {g:?}");
        assert!(g.contains(&(20, "select".into(), "net/http.(*persistConn).writeLoop".into(), 2590)), "{v} {g:?}");
        assert!(g.contains(&(20, "IO wait".into(), "net/http.(*persistConn).Read".into(), 2122)), "{v} {g:?}");
        assert!(g.contains(&(20, "IO wait".into(), "net/http.(*connReader).backgroundRead".into(), 690)), "{v} {g:?}");
    }
}

/// Oracle t=8s, leaky: 20 goroutines in [chan send] at main.go:42 — the context
/// made client.Do return; the unbuffered send after it is what leaks.
#[test]
fn leaky_leaks_at_the_unbuffered_send_not_in_client_do() {
    let run = run_at("leaky", 8.0);
    assert_eq!(
        groups(&run),
        vec![
            (20, "chan send".into(), "main.leakyHandler.func1".into(), 42),
            (1, "IO wait".into(), "net/http.(*Server).Serve".into(), 3424)
        ]
    );
    assert_eq!(run.sim.leaked_goroutines().len(), 20, "nothing can ever receive from responseCh");
    let clients = run.server.clients.borrow();
    assert!(clients.iter().all(|c| c.status == Some(504)));
}

/// Oracle t=8s, leaky-noctx: total 62 with the writer — 20 stuck in client.Do
/// (persistConn.roundTrip, [select]) plus each connection's readLoop and writeLoop.
#[test]
fn without_a_context_client_do_itself_hangs() {
    let run = run_at("leaky-noctx", 8.0);
    assert_eq!(run.sim.num_goroutine(), 61);
    let g = groups(&run);
    assert!(g.contains(&(20, "select".into(), "net/http.(*persistConn).roundTrip".into(), 2826)), "{g:?}");
    let dump = run.dump(sim_runtime::DumpKind::Debug2);
    assert!(dump.contains("net/http.(*Client).Do(...)\n\t/usr/local/go/src/net/http/client.go:587\nmain.fetchUpstream()\n\t/app/main.go:22 +0x"), "{dump}");
    // Waiting on the network is stuck, not leaked in Go 1.26's sense.
    assert!(run.sim.leaked_goroutines().is_empty());
}

/// Oracle t=8s, safe: nothing but the server. Client.Timeout (3 s) ends each call,
/// and the handler, still waiting (5 s), receives the error.
#[test]
fn safe_cleans_up() {
    let run = run_at("safe", 8.0);
    assert_eq!(run.sim.num_goroutine(), 1);
    let clients = run.server.clients.borrow();
    assert_eq!(clients.len(), 20);
    for c in clients.iter() {
        assert_eq!(c.status, Some(200));
        assert_eq!(
            c.body,
            "error: upstream call failed: Get \"http://slow-upstream.internal/data\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)\n"
        );
        assert_eq!(c.done.unwrap().0 - c.sent.0, 3_000_000_000);
    }
}

/// A fast upstream: calls succeed, and two idle connections stay for reuse.
#[test]
fn fast_upstream_keeps_two_idle_connections() {
    let mut cfg = common::ideal(RunConfig::defaults("upstream", "leaky").unwrap());
    // 250 ms at 10 requests/s: about three calls at a time, so three connections.
    cfg.knobs.set(&cfg.lesson.knobs.clone(), "upstream", "250ms").unwrap();
    let mut run = Run::new(cfg).unwrap();
    run.advance_to(Time(5_000_000_000));
    assert_eq!(run.sim.num_goroutine(), 1 + 2 * 2, "main + readLoop/writeLoop of two idle connections");
    assert!(run.server.clients.borrow().iter().all(|c| c.status == Some(200)));
    run.advance_to(Time(100_000_000_000));
    assert_eq!(run.sim.num_goroutine(), 1, "idle connections close after 90 s");
}

/// Random upstream latency comes from its own stream: the arrivals stay the same, and the
/// same seed gives the same latencies; error statuses are passed on, not failures.
#[test]
fn jittery_upstream_and_error_statuses() {
    let run_with = |knobs: &[(&str, &str)], seed: u64| {
        let mut cfg = common::ideal(RunConfig::defaults("upstream", "safe").unwrap());
        let specs = cfg.lesson.knobs.clone();
        for (k, v) in knobs {
            cfg.knobs.set(&specs, k, v).unwrap();
        }
        cfg.seed = seed;
        let mut run = Run::new(cfg).unwrap();
        run.advance_to(Time(10_000_000_000));
        let clients = run.server.clients.borrow().clone();
        clients
    };
    let a = run_with(&[("upstream", "1s"), ("upstream_jitter", "4s")], 7);
    let b = run_with(&[("upstream", "1s"), ("upstream_jitter", "4s")], 7);
    assert_eq!(a, b, "same seed, same latencies");
    let sent: Vec<_> = a.iter().map(|c| c.sent).collect();
    let plain = run_with(&[("upstream", "1s")], 7);
    assert_eq!(sent, plain.iter().map(|c| c.sent).collect::<Vec<_>>(), "arrivals do not depend on the upstream");
    let latencies: std::collections::BTreeSet<u64> = a.iter().map(|c| c.done.unwrap().0 - c.sent.0).collect();
    assert!(latencies.len() > 5, "latencies vary: {latencies:?}");
    // Above the client's 3 s Timeout the call fails; below it the body arrives.
    assert!(a.iter().any(|c| c.body.contains("Client.Timeout exceeded")));
    assert!(a.iter().any(|c| c.body == "upstream data\n"));
    let errors = run_with(&[("upstream", "100ms"), ("upstream_status", "503")], 1);
    assert!(errors.iter().all(|c| c.status == Some(200) && c.body == "upstream error 503\n"));
}

/// A dump with what differs between any two real runs taken out: goroutine
/// ids, argument words and PC offsets, the build's paths, and the line numbers
/// of standard-library files other than the profile writer's (the simulation
/// prints Go 1.24's net/http and runtime lines; the goroutineleak profile is
/// Go 1.26's). The leaked goroutines are sorted: their order is allgs order.
fn normalized(dump: &str, drop: &[&str]) -> String {
    let mut blocks: Vec<String> = dump
        .trim_end()
        .split("\n\n")
        .filter(|b| !drop.iter().any(|d| b.contains(d)))
        .map(|b| {
            b.lines()
                .map(|l| {
                    let l = l
                        .replace("/usr/local/go/src/", "")
                        .replace("leaklab/oracle/upstream-leaky-leakprofile/", "/app/");
                    let l = match l.split_once(" +0x") {
                        Some((head, _)) => head.to_string(),
                        None => l,
                    };
                    let mut out = String::new();
                    let mut rest = l.as_str();
                    // Hex words become 0x_.
                    while let Some(i) = rest.find("0x") {
                        out.push_str(&rest[..i]);
                        out.push_str("0x_");
                        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
                    }
                    out.push_str(rest);
                    if let Some(i) = out.find("goroutine ") {
                        let tail = out[i + 10..].trim_start_matches(|c: char| c.is_ascii_digit()).to_string();
                        out = format!("{}goroutine N{tail}", &out[..i]);
                    }
                    let keep_line = out.starts_with("\t/app/") || out.contains("pprof/pprof.go:");
                    if out.starts_with('\t') && !keep_line {
                        if let Some((file, _)) = out.rsplit_once(':') {
                            out = format!("{file}:_");
                        }
                    }
                    out
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    let first = blocks.remove(0);
    blocks.sort();
    blocks.insert(0, first);
    blocks.join("\n\n")
}

/// Go 1.26's `/debug/pprof/goroutineleak?debug=2` on the leaky listing, once
/// every handler has timed out (`lessons/oracle/dumps/upstream-leaky-leakprofile.
/// go1.26.10.http.goroutineleak.debug2.txt`, GOEXPERIMENT=goroutineleakprofile):
/// every goroutine, the writer first (pprof's `writeGoroutineLeak` at Go 1.26's
/// lines), the 20 senders `[chan send (leaked)]` with no minutes, main's accept
/// loop as it is. Left out of the comparison: the oracle harness's own goroutine,
/// and the profile request's background read (real Go: started, in `IO wait`;
/// the simulation: not yet started). debug=1 counts the leaked ones only.
#[test]
fn the_goroutineleak_profile_reads_as_go_1_26s() {
    let run = run_at("leaky", 7.0);
    let real = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/oracle/dumps/upstream-leaky-leakprofile.go1.26.10.http.{name}.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let bg = "net/http.(*connReader).startBackgroundRead";
    let sim = run.dump(sim_runtime::DumpKind::Leak2);
    let go = real("goroutineleak.debug2");
    assert_eq!(normalized(&sim, &[bg]), normalized(&go, &[bg, "leaklab/oracle/harness."]));
    assert_eq!(sim.matches(" [chan send (leaked)]:\n").count(), 20);
    assert!(sim.ends_with(" +0x54\n") || sim.ends_with('\n') && !sim.ends_with("\n\n"));
    // debug=1: the count profile of the leaked goroutines only, one stack.
    let sim1 = run.dump(sim_runtime::DumpKind::Leak1);
    let go1 = real("goroutineleak.debug1");
    let shape = |d: &str| {
        d.lines()
            .map(|l| {
                let words: Vec<&str> = l.split(['\t', ' ']).collect();
                words.iter().map(|w| if w.starts_with("0x") { "0x_" } else { w }).collect::<Vec<_>>().join(" ")
            })
            .map(|l| l.replace("leaklab/oracle/upstream-leaky-leakprofile/", "/app/"))
            .map(|l| match l.split_once("+0x") {
                Some((head, tail)) => format!("{head}+0x_{}", &tail[tail.find(' ').unwrap_or(tail.len())..]),
                None => l,
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(shape(&sim1), shape(&go1));
    assert!(go1.starts_with("goroutineleak profile: total 20\n20 @ "));
}
