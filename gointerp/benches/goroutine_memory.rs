//! Prints the memory one interpreted goroutine keeps while it is parked on a channel
//! send with a three-frame stack (`main.main.func1` → `main.relay` → `main.deliver`),
//! measured by a counting allocator as the difference between two runs. The issue's
//! target is at most 1 KiB per goroutine. For comparison it also prints a goroutine
//! parked in `time.Sleep` inside a function, and the same three frames written by hand
//! on `sim-runtime` (what the runtime itself keeps per goroutine: the floor under
//! the interpreter's figure).
//!
//! `cargo bench -p gointerp --bench goroutine_memory` (`LEAKLAB_SIZES=1`: also the
//! live allocations per goroutine by size, to see where the bytes go).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

/// Live allocations by size (the last slot counts every larger one).
const SIZES: usize = 4096;
static BY_SIZE: [AtomicIsize; SIZES] = [const { AtomicIsize::new(0) }; SIZES];

fn count(size: usize, n: isize) {
    LIVE.fetch_add(size as isize * n, Ordering::Relaxed);
    BY_SIZE[size.min(SIZES - 1)].fetch_add(n, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size(), 1);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(layout.size(), -1);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(layout.size(), -1);
        count(new_size, 1);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn send_program(n: usize) -> String {
    format!(
        "package main\n\nimport \"time\"\n\nvar ch = make(chan int)\n\n\
func deliver(v int) {{\n\tfor i := 0; i < 1; i++ {{\n\t\tch <- v\n\t}}\n}}\n\n\
func relay(v int) {{\n\tfor i := 0; i < 1; i++ {{\n\t\tdeliver(v)\n\t}}\n}}\n\n\
func main() {{\n\tfor i := 0; i < {n}; i++ {{\n\t\tgo func() {{\n\t\t\trelay(i)\n\t\t}}()\n\t}}\n\ttime.Sleep(time.Hour)\n}}\n"
    )
}

fn sleep_program(n: usize) -> String {
    format!(
        "package main\n\nimport \"time\"\n\nfunc wait() {{\n\ttime.Sleep(time.Hour)\n}}\n\n\
func main() {{\n\tfor i := 0; i < {n}; i++ {{\n\t\tgo func() {{\n\t\t\twait()\n\t\t}}()\n\t}}\n\ttime.Sleep(time.Hour)\n}}\n"
    )
}

/// What is live while a run's goroutines are parked (at its end): bytes, goroutines,
/// and allocations by size.
struct Live {
    bytes: isize,
    goroutines: usize,
    by_size: Vec<isize>,
}

fn by_size() -> Vec<isize> {
    BY_SIZE.iter().map(|a| a.load(Ordering::Relaxed)).collect()
}

fn measure(run: impl FnOnce() -> (isize, usize, Vec<isize>)) -> Live {
    let before = LIVE.load(Ordering::Relaxed);
    let sizes_before = by_size();
    let (live, goroutines, sizes) = run();
    Live { bytes: live - before, goroutines, by_size: sizes.iter().zip(sizes_before).map(|(a, b)| a - b).collect() }
}

fn interpreted(src: String) -> Live {
    measure(|| {
        gointerp::interp::run_observed(&src, 1, sim_runtime::Duration::from_secs(60), |sim| {
            (LIVE.load(Ordering::Relaxed), sim.num_goroutine(), by_size())
        })
        .expect("the program runs")
    })
}

/// `n` goroutines with the send program's three frames, written directly on the runtime.
fn hand_written(n: usize) -> Live {
    use sim_runtime::{Chan, Duration, FuncSpec, Sim, Time};
    measure(|| {
        let sim = Sim::new(1);
        let h = sim.handle();
        let main_fn = h.func(FuncSpec::new("main.main", "/app/main.go", 19));
        let func1 = h.func(FuncSpec::new("main.main.func1", "/app/main.go", 21));
        let relay = h.func(FuncSpec::new("main.relay", "/app/main.go", 13));
        let deliver = h.func(FuncSpec::new("main.deliver", "/app/main.go", 7));
        let ch: Chan<i64> = Chan::new(&h, "ch", 0, 8);
        h.go_main(main_fn, move |g| async move {
            for i in 0..n {
                let ch = ch.clone();
                g.go(21, func1, move |g| async move {
                    g.enter(22, relay);
                    g.enter(15, deliver);
                    g.at(9);
                    ch.send(&g, i as i64).await;
                    g.leave();
                    g.leave();
                });
            }
            sim_runtime::sleep(&g, Duration::from_secs(3600)).await;
        });
        sim.run(Time(Duration::from_secs(60).0));
        (LIVE.load(Ordering::Relaxed), sim.num_goroutine(), by_size())
    })
}

/// The bytes per goroutine between runs with 100 and 2,100 of them.
fn per_goroutine(what: &str, target: &str, run: impl Fn(usize) -> Live) {
    let (a, b) = (run(100), run(2100));
    let n = (b.goroutines - a.goroutines) as f64;
    println!("{what}: {:.0} bytes each{target}", (b.bytes - a.bytes) as f64 / n);
    if std::env::var_os("LEAKLAB_SIZES").is_some() {
        for (size, (x, y)) in a.by_size.iter().zip(&b.by_size).enumerate() {
            let per = (y - x) as f64 / n;
            if per.abs() >= 0.5 {
                println!("  {per:5.2} allocations of {size} bytes");
            }
        }
    }
}

fn main() {
    per_goroutine("interpreted goroutine parked on a send, three frames", " (target 1024)", |n| {
        interpreted(send_program(n))
    });
    per_goroutine("interpreted goroutine parked in time.Sleep, two frames", "", |n| interpreted(sleep_program(n)));
    per_goroutine(
        "hand-written goroutine parked on a send, three frames",
        " (the floor: the runtime's records and one small future)",
        hand_written,
    );
}
