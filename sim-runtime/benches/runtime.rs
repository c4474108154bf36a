//! Prints what the runtime costs: goroutine cycles per second, bytes per parked
//! goroutine, and the time of a `debug=1` dump of 100,000 parked goroutines.
//!
//! Run with `cargo bench -p sim-runtime`. Figures, not pass/fail: the README and
//! the issue notes quote them.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use sim_runtime::{Chan, DumpKind, Duration, FuncSpec, Sim, Time};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

/// Counts live bytes on top of mimalloc, the allocator the leaklab binary uses.
static INNER: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size(), Ordering::Relaxed);
        unsafe { INNER.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { INNER.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        LIVE.fetch_add(n, Ordering::Relaxed);
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { INNER.realloc(p, l, n) }
    }
}

#[global_allocator]
static A: Counting = Counting;

/// spawn → block → wake → exit: main starts a batch of goroutines that each block
/// receiving on an unbuffered channel, then wakes them one by one with a send.
fn cycles(total: u64) -> f64 {
    let sim = Sim::new(1);
    let main = sim.func(FuncSpec::new("main.main", "/app/main.go", 1));
    let worker = sim.func(FuncSpec::new("main.main.func1", "/app/main.go", 4));
    sim.go_main(main, move |g| async move {
        let ch: Chan<u64> = Chan::make(&g, "ch", 0, 8);
        let batch = 1000;
        for _ in 0..total / batch {
            for _ in 0..batch {
                let rx = ch.clone();
                g.go(4, worker, move |g| async move {
                    g.at(5);
                    rx.recv(&g).await;
                });
            }
            // Let the batch run and park.
            sim_runtime::sleep(&g, Duration(1)).await;
            for i in 0..batch {
                ch.send(&g, i).await;
            }
            sim_runtime::sleep(&g, Duration(1)).await;
        }
    });
    let t = Instant::now();
    sim.run(Time(u64::MAX));
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(sim.totals().1, total + 1, "every goroutine exited");
    total as f64 / secs
}

/// Bytes per goroutine parked on a channel send with a three-frame stack.
fn bytes_per_parked(n: usize) -> (f64, Sim) {
    let sim = Sim::new(1);
    let main = sim.func(FuncSpec::new("main.main", "/app/main.go", 1));
    let handler = sim.func(FuncSpec::new("main.handler", "/app/main.go", 10));
    let f1 = sim.func(FuncSpec::new("main.handler.func1", "/app/main.go", 11));
    let log = sim.func(FuncSpec::new("main.logMessage", "/app/main.go", 20).inlined());
    let sync = sim.func(FuncSpec::new("main.send", "/app/main.go", 30));
    let log_ch: Chan<u64> = Chan::new(&sim.handle(), "logCh", 0, 16);
    sim.handle().global(log_ch.id().unwrap());
    sim.go_main(main, move |g| async move {
        g.enter(3, handler);
        for i in 0..n as u64 {
            let tx = log_ch.clone();
            g.go(11, f1, move |g| async move {
                g.enter(12, log);
                g.enter(21, sync);
                g.at(31);
                tx.send(&g, i).await;
            });
        }
        g.leave();
        sim_runtime::sleep(&g, Duration::from_mins(60)).await;
    });
    // Warm up the registry's growth so that the measurement is per goroutine.
    let before = LIVE.load(Ordering::Relaxed);
    sim.run_until(Time(Duration::from_secs(1).0));
    let after = LIVE.load(Ordering::Relaxed);
    ((after - before) as f64 / n as f64, sim)
}

fn main() {
    // `cargo test --benches` runs this too; keep that quick.
    let quick = std::env::args().any(|a| a == "--test") || std::env::var_os("LEAKLAB_QUICK").is_some();
    let n_cycles = if quick { 20_000 } else { 2_000_000 };
    let rate = cycles(n_cycles);
    println!("spawn→block→wake→exit cycles per second: {rate:.0} ({n_cycles} cycles)");

    let n = if quick { 10_000 } else { 100_000 };
    let (per, sim) = bytes_per_parked(n);
    println!("bytes per goroutine parked on a chan send with a three-frame stack: {per:.0} ({n} goroutines)");
    assert_eq!(sim.num_goroutine(), n + 1);

    let mut best = f64::MAX;
    let mut len = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let dump = sim.dump(DumpKind::Debug1);
        best = best.min(t.elapsed().as_secs_f64());
        len = dump.len();
    }
    println!("debug=1 dump with {n} parked goroutines: {:.1} ms (best of 5, {len} bytes)", best * 1e3);
    let t = Instant::now();
    let d2 = sim.dump(DumpKind::Debug2);
    println!("debug=2 dump with {n} parked goroutines: {:.1} ms ({} bytes)", t.elapsed().as_secs_f64() * 1e3, d2.len());
    let t = Instant::now();
    let leaked = sim.leaked_goroutines();
    println!(
        "leak analysis with {n} parked goroutines: {:.1} ms ({} leaked)",
        t.elapsed().as_secs_f64() * 1e3,
        leaked.len()
    );
    let t = Instant::now();
    let snap = sim.snapshot();
    println!(
        "snapshot with {n} parked goroutines: {:.1} ms ({} groups)",
        t.elapsed().as_secs_f64() * 1e3,
        snap.groups.len()
    );
}
