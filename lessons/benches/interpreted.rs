//! Prints how fast the interpreter runs a lesson's own Go listing against the lesson's
//! hand-written simulation: unbounded-send, both variants, 200 req/s for 10 virtual
//! minutes (the budget: about one wall second, and at least 0.8 of the
//! hand-written speed).
//!
//! Run with `cargo bench -p lessons --bench interpreted` (`LEAKLAB_QUICK=1`: one minute).

use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use lessons::{Engine, Run, RunConfig};
use sim_runtime::{Duration, Time};

/// The best wall seconds of three runs of `variant` for `minutes` with `engine` (the
/// machine may be shared), and the goroutines left.
fn time(variant: &str, minutes: u64, engine: Engine) -> (f64, usize) {
    let runs: Vec<(f64, usize)> = (0..3).map(|_| once(variant, minutes, engine.clone())).collect();
    let best = runs.iter().map(|r| r.0).fold(f64::INFINITY, f64::min);
    (best, runs[0].1)
}

fn once(variant: &str, minutes: u64, engine: Engine) -> (f64, usize) {
    let mut cfg = RunConfig::defaults("unbounded-send", variant).unwrap();
    let specs = cfg.lesson.knobs.clone();
    cfg.knobs.set(&specs, "duration", &format!("{minutes}m")).unwrap();
    let t = Instant::now();
    let mut run = Run::with_engine(cfg, engine).unwrap();
    run.advance_to(Time(Duration::from_mins(minutes).0));
    assert!(run.program_error().is_none(), "{:?}", run.program_error());
    (t.elapsed().as_secs_f64(), run.sim.num_goroutine())
}

fn main() {
    let quick = std::env::args().any(|a| a == "--test") || std::env::var_os("LEAKLAB_QUICK").is_some();
    let minutes = if quick { 1 } else { 10 };
    let virt = (minutes * 60) as f64;
    for variant in ["leaky", "safe"] {
        let (hand, g1) = time(variant, minutes, Engine::HandWritten);
        let (interp, g2) = time(variant, minutes, Engine::Interpreted);
        assert_eq!(g1, g2, "both runs end with the same goroutines");
        println!(
            "unbounded-send {variant:<5} {minutes} virtual min at 200 req/s: hand-written {:.3} s wall ({:.0} virtual s/s), interpreted {:.3} s wall ({:.0} virtual s/s): ratio {:.2} ({g2} goroutines at the end)",
            hand,
            virt / hand,
            interp,
            virt / interp,
            hand / interp,
        );
    }
}
