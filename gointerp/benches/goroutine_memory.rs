//! Prints the memory one interpreted goroutine keeps while it is parked on a channel
//! send with a three-frame stack (`main.main.func1` → `main.relay` → `main.deliver`),
//! measured by a counting allocator as the difference between two runs. The issue's
//! target is at most 1 KiB per goroutine.
//!
//! `cargo bench -p gointerp --bench goroutine_memory`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn program(n: usize) -> String {
    format!(
        "package main\n\nimport \"time\"\n\nvar ch = make(chan int)\n\n\
func deliver(v int) {{\n\tfor i := 0; i < 1; i++ {{\n\t\tch <- v\n\t}}\n}}\n\n\
func relay(v int) {{\n\tfor i := 0; i < 1; i++ {{\n\t\tdeliver(v)\n\t}}\n}}\n\n\
func main() {{\n\tfor i := 0; i < {n}; i++ {{\n\t\tgo func() {{\n\t\t\trelay(i)\n\t\t}}()\n\t}}\n\ttime.Sleep(time.Hour)\n}}\n"
    )
}

/// Live bytes and goroutines while `n` goroutines are parked (at the end of the run).
fn live_with(n: usize) -> (isize, usize) {
    let src = program(n);
    let before = LIVE.load(Ordering::Relaxed);
    let result = gointerp::interp::run_observed(&src, 1, sim_runtime::Duration::from_secs(60), |sim| {
        (LIVE.load(Ordering::Relaxed), sim.num_goroutine())
    });
    let (live, goroutines) = result.expect("the program runs");
    (live - before, goroutines)
}

fn main() {
    let (a, ga) = live_with(100);
    let (b, gb) = live_with(2100);
    let per = (b - a) as f64 / (gb - ga) as f64;
    println!("interpreted goroutine parked on a send, three frames: {per:.0} bytes each (target 1024)");
}
