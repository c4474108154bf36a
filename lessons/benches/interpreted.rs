//! Prints how fast the interpreter runs a lesson's own Go listing against the lesson's
//! hand-written simulation: unbounded-send, both variants, 200 req/s for 10 virtual
//! minutes (the budget: about one wall second, and at least 0.8 of the
//! hand-written speed); then every other listing the interpreter runs, one virtual
//! minute of its lesson's default load each.
//!
//! Run with `cargo bench -p lessons --bench interpreted` (`LEAKLAB_QUICK=1`: one minute;
//! `LEAKLAB_PROFILE=lesson/variant`: only that listing interpreted, five times, for `perf`
//! or `valgrind --tool=callgrind`; with `LEAKLAB_HAND=1` its hand-written simulation).

use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use lessons::{Engine, Run, RunConfig};
use sim_runtime::{Duration, Time};

/// The best wall seconds of three runs of `variant` for `minutes` with `engine` (the
/// machine may be shared), and the goroutines left.
fn time(variant: &str, minutes: u64, engine: Engine) -> (f64, usize) {
    time_lesson("unbounded-send", variant, minutes, engine)
}

fn time_lesson(lesson: &str, variant: &str, minutes: u64, engine: Engine) -> (f64, usize) {
    let runs: Vec<(f64, usize)> = (0..3).map(|_| once(lesson, variant, minutes, engine.clone())).collect();
    let best = runs.iter().map(|r| r.0).fold(f64::INFINITY, f64::min);
    (best, runs[0].1)
}

fn once(lesson: &str, variant: &str, minutes: u64, engine: Engine) -> (f64, usize) {
    let mut cfg = RunConfig::defaults(lesson, variant).unwrap();
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
    if let Ok(which) = std::env::var("LEAKLAB_PROFILE") {
        let (lesson, variant) = which.split_once('/').expect("LEAKLAB_PROFILE=lesson/variant");
        let hand = std::env::var_os("LEAKLAB_HAND").is_some();
        let (engine, what) =
            if hand { (Engine::HandWritten, "hand-written") } else { (Engine::Interpreted, "interpreted") };
        for _ in 0..5 {
            let (wall, g) = once(lesson, variant, minutes, engine.clone());
            println!("{lesson} {variant} {what}, {minutes} virtual min: {wall:.3} s wall ({g} goroutines at the end)");
        }
        return;
    }
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
    // Every other lesson's every variant, from the catalog.
    for lesson in lessons::lessons().iter().filter(|l| l.id != "unbounded-send") {
        for variant in lesson.variants.iter().map(|v| v.id) {
            let lesson = lesson.id;
            let (hand, _) = time_lesson(lesson, variant, 1, Engine::HandWritten);
            let (interp, g) = time_lesson(lesson, variant, 1, Engine::Interpreted);
            println!(
                "{lesson:>15} {variant:<9} 1 virtual min: hand-written {:.0} virtual s/s, interpreted {:.0} virtual s/s: ratio {:.2} ({g} goroutines at the end)",
                60.0 / hand,
                60.0 / interp,
                hand / interp,
            );
        }
    }
}
