//! Prints how fast lessons simulate: the 10-minute unbounded-send run the issue
//! budgets at one second of wall time, and virtual seconds per wall second for
//! every lesson and variant with default knobs.
//!
//! Run with `cargo bench -p lessons`.

use std::time::Instant;

// The same allocator as the leaklab binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use lessons::{lessons, Run, RunConfig};
use sim_runtime::{Duration, Time};

fn main() {
    let quick = std::env::args().any(|a| a == "--test") || std::env::var_os("LEAKLAB_QUICK").is_some();
    let minutes = if quick { 1 } else { 10 };

    let mut cfg = RunConfig::defaults("unbounded-send", "leaky").unwrap();
    let specs = cfg.lesson.knobs.clone();
    cfg.knobs.set(&specs, "duration", &format!("{minutes}m")).unwrap();
    let t = Instant::now();
    let mut run = Run::new(cfg).unwrap();
    run.advance_to(Time(Duration::from_mins(minutes).0));
    let wall = t.elapsed().as_secs_f64();
    let sent = run.server.clients.borrow().len();
    println!(
        "unbounded-send leaky, 200 req/s for {minutes} virtual minutes: {sent} requests, {} goroutines left, {:.3} s wall ({:.0} virtual s per wall s)",
        run.sim.num_goroutine(),
        wall,
        (minutes * 60) as f64 / wall
    );

    for l in lessons() {
        for v in &l.variants {
            // Load for the whole span, so that every lesson works all the time.
            let span = Duration::from_mins(if quick { 1 } else { 10 });
            let mut cfg = RunConfig::defaults(l.id, v.id).unwrap();
            let specs = cfg.lesson.knobs.clone();
            cfg.knobs.set(&specs, "duration", &span.to_string()).unwrap();
            if specs.iter().any(|k| k.name == "shutdown_at") {
                // Keep the server up for the whole span instead of its default shutdown.
                cfg.knobs.set(&specs, "shutdown_at", "never").unwrap();
            }
            let t = Instant::now();
            let mut run = Run::new(cfg).unwrap();
            run.advance_to(Time(span.0));
            let wall = t.elapsed().as_secs_f64();
            println!(
                "{:>15} {:<12} {:>10.0} virtual s per wall s ({} virtual, {:.1} ms wall, {} goroutines at the end)",
                l.id,
                v.id,
                span.as_secs_f64() / wall,
                span,
                wall * 1e3,
                run.sim.num_goroutine()
            );
        }
    }
}
