//! A deterministic, single-threaded Go runtime in miniature.
//!
//! `sim-runtime` simulates the Go concurrency that web servers use — goroutines,
//! channels, `select`, timers, `context`, `sync.WaitGroup` and `sync.Mutex` — on a
//! virtual clock, and prints what Go prints about them: goroutine dumps
//! (`/debug/pprof/goroutine?debug=1` and `?debug=2`), goleak reports, Go 1.26's
//! goroutineleak profile and the protobuf profile `go tool pprof` reads.
//!
//! Goroutines are futures on an [`async_executor::LocalExecutor`]. The clock moves
//! only when no goroutine is runnable, and then jumps to the next timer. Every
//! random choice comes from one seed, so the same seed and inputs give the same
//! event log and the same dump bytes, natively and in WebAssembly.
//!
//! Garbage-collection cycles run when Go's runtime would start them (the heap's
//! pacer and [`Gogc`], sysmon's two-minute period, [`Sim::gc`] for `runtime.GC()`),
//! because they decide the `, N minutes` of a dump header; see [`GcCycle`]. Timers
//! fire exactly on time unless [`SimBuilder::timer_slack`] asks for
//! [`TimerSlack::Realistic`], the lateness measured on real Go.
//!
//! ```
//! use sim_runtime::{Chan, Duration, FuncSpec, Sim, DumpKind, sleep};
//!
//! let sim = Sim::new(1);
//! let main_fn = sim.func(FuncSpec::new("main.main", "/app/main.go", 5));
//! let worker = sim.func(FuncSpec::new("main.main.func1", "/app/main.go", 7));
//! sim.go_main(main_fn, move |g| async move {
//!     let ch: Chan<i32> = Chan::make(&g, "ch", 0, 8);
//!     let tx = ch.clone();
//!     g.go(7, worker, move |g| async move {
//!         g.at(8);
//!         tx.send(&g, 42).await; // nobody receives: parks in `chan send`
//!     });
//!     g.at(11);
//!     sleep(&g, Duration::from_secs(300)).await;
//! });
//! sim.advance(Duration::from_secs(61));
//! // Go times a wait from a garbage collection, not from the park: none ran yet.
//! assert!(sim.dump(DumpKind::Debug2).contains("goroutine 6 [chan send]:\n"));
//! sim.gc(); // runtime.GC(), twice: the second times what the first saw blocked
//! sim.gc();
//! sim.advance(Duration::from_secs(60));
//! let dump = sim.dump(DumpKind::Debug2);
//! assert!(dump.contains("goroutine 6 [chan send, 1 minutes]:\nmain.main.func1()\n\t/app/main.go:8 +0x"));
//! ```

#![warn(missing_docs)]

mod chan;
mod context;
mod dump;
mod events;
mod funcs;
mod gc;
mod goroutine;
mod leak;
mod observe;
pub mod pprof;
mod rng;
mod rwmutex;
mod select;
mod sim;
mod slack;
mod snapshot;
mod sync;
mod time;
mod timer;

pub use chan::{Chan, Recv, Send};
pub use context::{CancelFunc, Context, CtxErr};
pub use dump::{DumpCursor, DumpKind};
pub use events::{Event, EventKind};
pub use funcs::{lines, Args, FuncId, FuncSpec, Loc, Std, GOROOT_SRC};
pub use gc::{GcCycle, GcTrigger, Gogc, GogcError, HeapModel, FORCE_GC_PERIOD, HEAP_MINIMUM, SWEEP_MIN_HEAP_DISTANCE};
pub use goroutine::{CreatedBy, Goid, PrimId, Status, WaitReason};
pub use observe::Observer;
pub use rng::Rng;
pub use rwmutex::RwMutex;
pub use select::{RecvHandle, Select, SelectFut};
pub use sim::{Never, Outcome, RunState, Sim, SimBuilder, SimHandle, G, GOROUTINE_STRUCT_BYTES};
pub use slack::{TimerSlack, TimerSlackError};
pub use snapshot::{ChannelSnapshot, FrameSnapshot, GroupSnapshot, Snapshot, SnapshotJob};
pub use sync::{Lock, Mutex, WaitGroup, WgWait};
pub use time::{Duration, Time};
pub use timer::{after, sleep, Sleep, Ticker, Timer};

impl Sim {
    /// Prints a dump of this instant as seen from outside any goroutine.
    pub fn dump(&self, kind: DumpKind) -> String {
        dump_inner(self.inner(), kind)
    }

    /// The gzipped protobuf goroutine profile (`?debug=0`) that `go tool pprof` reads.
    #[cfg(feature = "gzip")]
    pub fn profile(&self) -> Vec<u8> {
        pprof::gzip(&self.profile_raw())
    }

    /// [`Sim::profile`]'s protobuf before it is gzipped ([`pprof::gzip`]).
    pub fn profile_raw(&self) -> Vec<u8> {
        profile_inner(self.inner())
    }

    /// Appends at most `budget` more goroutines of a debug=2 or goleak dump (as [`Sim::dump`]
    /// prints it) to `out`, so that a dump of a million goroutines can be printed a little
    /// at a time; the parts, in order, are `dump(kind)`'s bytes while the run does not move.
    /// Debug=1 and goroutineleak's debug=1 are grouped about `budget` goroutines per part and
    /// printed whole by the last; goroutineleak's debug=2 is printed whole by the first.
    pub fn dump_part(&self, kind: DumpKind, cursor: &mut DumpCursor, budget: usize, out: &mut String) {
        part_inner(self.inner(), kind, cursor, budget, out);
    }

    /// Which goroutines are leaked now (nothing can ever wake them), by id.
    pub fn leaked_goroutines(&self) -> Vec<Goid> {
        let inner = self.inner();
        let st = inner.st.borrow();
        let flags = leak::leaked(&st);
        st.slots.iter().zip(flags).filter_map(|(r, l)| r.as_ref().filter(|_| l).map(|r| r.goid)).collect()
    }
}

impl G {
    /// Prints a dump from inside this goroutine, which appears first and `[running]`,
    /// as in a dump served by `net/http/pprof`.
    pub fn dump(&self, kind: DumpKind) -> String {
        dump_inner(&self.inner, kind)
    }

    /// The gzipped protobuf goroutine profile, taken from inside this goroutine.
    #[cfg(feature = "gzip")]
    pub fn profile(&self) -> Vec<u8> {
        pprof::gzip(&profile_inner(&self.inner))
    }
}

pub(crate) fn dump_inner(inner: &sim::Inner, kind: DumpKind) -> String {
    let st = inner.st.borrow();
    let funcs = inner.funcs.borrow();
    let std = &inner.std;
    match kind {
        DumpKind::Debug1 => dump::debug1(&st, &funcs, std),
        DumpKind::Debug2 => dump::debug2(&st, &funcs, std),
        DumpKind::Goleak => dump::goleak(&st, &funcs, std),
        DumpKind::Leak1 => dump::leak1(&st, &funcs, std, &leak::leaked(&st)),
        DumpKind::Leak2 => dump::leak2(&st, &funcs, std, &leak::leaked(&st)),
    }
}

pub(crate) fn part_inner(inner: &sim::Inner, kind: DumpKind, cursor: &mut DumpCursor, budget: usize, out: &mut String) {
    match kind {
        DumpKind::Debug2 | DumpKind::Goleak => {
            let st = inner.st.borrow();
            let funcs = inner.funcs.borrow();
            dump::write_part(out, &st, &funcs, &inner.std, kind, cursor, budget);
        }
        DumpKind::Debug1 | DumpKind::Leak1 => {
            let st = inner.st.borrow();
            let funcs = inner.funcs.borrow();
            dump::write_grouped_part(out, &st, &funcs, &inner.std, kind, cursor, budget);
        }
        _ if !cursor.done => {
            out.push_str(&dump_inner(inner, kind));
            cursor.done = true;
        }
        _ => {}
    }
}

/// The wall-clock instant the virtual clock's zero stands for in profiles:
/// 2024-01-01T00:00:00Z, fixed so that profiles are reproducible.
pub const PROFILE_EPOCH_NANOS: i64 = 1_704_067_200_000_000_000;

pub(crate) fn profile_inner(inner: &sim::Inner) -> Vec<u8> {
    let st = inner.st.borrow();
    let funcs = inner.funcs.borrow();
    dump::profile_raw(&st, &funcs, &inner.std, PROFILE_EPOCH_NANOS + st.now.0 as i64)
}
