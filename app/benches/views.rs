//! What a view refresh, a checkpoint and a restore cost at a large process, natively:
//! `unbounded-send` leaky at 2000 requests/s, at 1m, 5m and 10m (~120,000, ~600,000 and
//! ~1,200,000 goroutines). Prints what it measured.
//!
//! `cargo bench -p app --bench views` (`LEAKLAB_VIEWS_AT=60,300` picks the instants, seconds)

use std::time::Instant;

use app::state::world::World;
use lessons::RunConfig;
use sim_runtime::Time;

const SECOND: u64 = 1_000_000_000;

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let mut cfg = RunConfig::defaults("unbounded-send", "leaky").expect("lesson");
    let specs = cfg.lesson.knobs.clone();
    cfg.knobs.set(&specs, "duration", "10m").expect("knob");
    cfg.knobs.set(&specs, "rate", "2000").expect("knob");
    let at: Vec<u64> = std::env::var("LEAKLAB_VIEWS_AT")
        .unwrap_or_else(|_| "60,300,600".to_string())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let mut world = World::new(&[cfg]).expect("world");
    for sec in at {
        let start = Instant::now();
        world.write(|s| {
            s[0].advance_toward(Time(sec * SECOND), || true);
        });
        let run = ms(start);
        let start = Instant::now();
        let view = world.peek(|s| s[0].view());
        let view_ms = ms(start);
        let start = Instant::now();
        let leaked = world.read(|s| s[0].run().sim.leaked_goroutines().len());
        let leak_ms = ms(start);
        let start = Instant::now();
        world.mark();
        let mark_ms = ms(start);
        let start = Instant::now();
        world.write(|s| {
            s[0].advance_toward(Time(sec * SECOND + SECOND / 100), || true);
        });
        world.mark();
        let remark_ms = ms(start);
        let start = Instant::now();
        world.restore_before(Time(sec * SECOND));
        let restore_ms = ms(start);
        println!(
            "{sec}s: {} goroutines ({leaked} leaked), {} groups; ran {run:.0} ms; view {view_ms:.1} ms \
             (leak pass alone {leak_ms:.1} ms); checkpoint {mark_ms:.1} ms, 10 ms later {remark_ms:.1} ms; \
             restore {restore_ms:.1} ms; heap {:.0} MiB",
            view.goroutines,
            view.groups.len(),
            app::heap::owned_bytes() as f64 / 1048576.0
        );
    }
}
