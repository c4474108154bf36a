//! Time travel's costs, natively: checkpoints taken along a 10-minute run of `unbounded-send`
//! leaky at 200 requests/s (as the page takes them, one per ~150 ms of simulation work), the
//! memory they hold, and jumps back (restore + replay). Prints what it measured.
//!
//! `cargo bench -p app --bench checkpoints`

use std::time::Instant;

use app::state::world::World;
use lessons::RunConfig;
use sim_runtime::Time;

const SECOND: u64 = 1_000_000_000;
const MARK_EVERY_MS: f64 = 150.0;

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let mut cfg = RunConfig::defaults("unbounded-send", "leaky").expect("lesson");
    let specs = cfg.lesson.knobs.clone();
    cfg.knobs.set(&specs, "duration", "10m").expect("knob");
    let mut world = World::new(&[cfg]).expect("world");

    let (mut work, mut since_mark, mut marking, mut worst_mark) = (0.0, 0.0, 0.0, 0.0f64);
    let mut t = 0;
    while t < 600 * SECOND {
        t += SECOND / 5;
        let start = Instant::now();
        world.write(|s| {
            s[0].advance_toward(Time(t), || true);
        });
        let took = ms(start);
        work += took;
        since_mark += took;
        if since_mark >= MARK_EVERY_MS {
            let start = Instant::now();
            world.mark();
            let took = ms(start);
            marking += took;
            worst_mark = worst_mark.max(took);
            since_mark = 0.0;
        }
    }
    let goroutines = world.read(|s| s[0].run().sim.num_goroutine());
    println!("unbounded-send leaky, 200 req/s, 10 virtual minutes: {goroutines} goroutines at the end");
    println!(
        "  simulation {work:.0} ms; {} checkpoints taken in {marking:.0} ms (worst {worst_mark:.1} ms)",
        world.marks()
    );
    println!(
        "  simulation heap {:.1} MiB; checkpoints hold {:.1} MiB (pages shared between them counted once)",
        app::heap::owned_bytes() as f64 / 1048576.0,
        world.held_bytes() as f64 / 1048576.0
    );
    let mut worst = 0.0f64;
    let mut line = Vec::new();
    for back in [599, 540, 450, 300, 60, 1] {
        let start = Instant::now();
        let at = world.restore_before(Time(back * SECOND));
        let restore = ms(start);
        world.write(|s| {
            s[0].advance_toward(Time(back * SECOND), || true);
        });
        let view = world.read(|s| s[0].view());
        let total = ms(start);
        worst = worst.max(total);
        line.push(format!(
            "to {back}s from the checkpoint at {:.1}s: {total:.0} ms (restore {restore:.0} ms, {} goroutines)",
            at.0 as f64 / 1e9,
            view.goroutines
        ));
    }
    println!("  jumps back (restore + replay + view), one after another:");
    for l in line {
        println!("    {l}");
    }
    println!("  worst {worst:.0} ms");
}
