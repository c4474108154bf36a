//! Garbage-collection cycles, scheduled as Go's runtime schedules them.
//!
//! The collector matters to a goroutine dump for one reason: the `, N minutes` in
//! a header is not measured from the moment a goroutine parked. Go's `markroot`
//! (mgcmark.go) sets `gp.waitsince = work.tstart` the first time a collection
//! scans the goroutine while it is blocked, and `execute` clears it when the
//! goroutine runs again; `goroutineheader` (traceback.go) prints
//! `(now - waitsince) / 1 min` when that is at least 1. `work.tstart` is written
//! by `gcMark` at mark termination, after the stacks were scanned, so during a
//! cycle's scan it still holds the *previous* cycle's time, and during the first
//! cycle of a process it is 0, which leaves `waitsince` unset. Hence:
//! - a process that has collected fewer than two times shows no minutes at all;
//! - a goroutine is timed from the cycle *before* the first one that saw it
//!   blocked, so a dump can say "3 minutes" for a goroutine parked for 2.8, and
//!   "3 minutes" for one parked for five if the collections came late.
//!
//! `lessons/oracle/gc-minutes` measured exactly this on Go 1.24.4 and 1.19.8.
//!
//! Three things start a cycle, as in Go 1.24 (and, for these rules, 1.19):
//! - **the heap** (`gcTriggerHeap`): the bytes allocated since the last cycle on
//!   top of the heap it marked reach the trigger the pacer (mgcpacer.go) derives
//!   from the heap goal: `goal = marked + (marked + stacks + globals) * GOGC/100`
//!   (the stacks the last cycle scanned), at least 4 MiB × GOGC/100; the trigger
//!   is the goal less a runway (Go measures it from scan and allocation rates;
//!   here a constant share of the scan work, [`HeapModel::runway_percent`]),
//!   kept between 45/64 and 61/64 of the way from the marked heap to the goal,
//!   and after a cycle never less than 1 MiB above the marked heap: `commit`
//!   runs at mark termination while the sweep is still under way and keeps
//!   that `sweepMinHeapDistance` of growth for the sweeper, raising the goal
//!   with it. With GOGC=25 or 50 and a heap of a few MiB, this minimum, not
//!   GOGC, spaces the cycles (real Go: every 1.15–1.5 s at 200 requests a second);
//! - **time** (`gcTriggerTime`): sysmon forces a cycle once more than
//!   `forcegcperiod` (2 minutes) has passed since the last one ended, but only if
//!   there was a last one and GOGC is not off. Sysmon checks every few
//!   milliseconds while the process works; once every P is idle it sleeps until
//!   the next timer, but at most a minute, so an idle process is collected at
//!   the first of those wake-ups after the two minutes, up to a minute late;
//! - **`runtime.GC()`** (`gcTriggerCycle`), whenever a program calls it.
//!
//! A cycle takes no virtual time: marking takes milliseconds in a real process.
//! Every goroutine blocked at the cycle's instant counts as scanned blocked.

use crate::time::{Duration, Time};

/// Go's `forcegcperiod`: the longest time between two collections (proc.go).
pub const FORCE_GC_PERIOD: Duration = Duration(120_000_000_000);

/// How long sysmon sleeps at most while every P is idle (`forcegcperiod / 2`).
pub const SYSMON_IDLE_SLEEP: Duration = Duration(60_000_000_000);

/// How long after the process's last work sysmon's deep sleep begins. It was
/// polling every 20 µs (network wake-ups reset its delay), so this is small:
/// on real servers the periodic cycle of an idle process ended 60.000–60.004 s
/// after its last response (`lessons/oracle/RESULTS-gc.md`).
pub const SYSMON_DELAY: Duration = Duration(1_000_000);

/// Go's `defaultHeapMinimum`: the smallest heap goal at GOGC=100 (4 MiB).
pub const HEAP_MINIMUM: u64 = 4 << 20;

/// Go's `sweepMinHeapDistance` (mgc.go): after a cycle, the heap may grow at
/// least this much before the next one, so that the sweeper has room.
pub const SWEEP_MIN_HEAP_DISTANCE: u64 = 1 << 20;

/// The `GOGC` setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Gogc {
    /// `GOGC=N`: the heap may grow by N% of the live heap before the next cycle.
    Percent(u32),
    /// `GOGC=off`: no cycle starts unless the program calls `runtime.GC()`.
    Off,
}

impl Default for Gogc {
    fn default() -> Self {
        Gogc::Percent(100)
    }
}

/// A `GOGC` value that is neither `off` nor a whole number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GogcError(pub String);

impl std::fmt::Display for GogcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GOGC must be off or a whole number of percent (like 100), not {:?}", self.0)
    }
}

impl std::error::Error for GogcError {}

impl std::str::FromStr for Gogc {
    type Err = GogcError;
    /// Parses `off` or a percentage as Go's `readGOGC` accepts them; a negative
    /// number means off there too.
    fn from_str(s: &str) -> Result<Gogc, GogcError> {
        if s == "off" {
            return Ok(Gogc::Off);
        }
        match s.parse::<i64>() {
            Ok(n) if n < 0 => Ok(Gogc::Off),
            Ok(n) if n <= u32::MAX as i64 => Ok(Gogc::Percent(n as u32)),
            _ => Err(GogcError(s.to_string())),
        }
    }
}

impl std::fmt::Display for Gogc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Gogc::Percent(n) => write!(f, "{n}"),
            Gogc::Off => f.write_str("off"),
        }
    }
}

/// What started a cycle, named after Go's `gcTriggerKind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum GcTrigger {
    /// The heap reached the pacer's trigger (`gcTriggerHeap`).
    Heap,
    /// Sysmon forced it two minutes after the last one (`gcTriggerTime`).
    Periodic,
    /// The program called `runtime.GC()` (`gcTriggerCycle`).
    Explicit,
}

impl GcTrigger {
    /// A short name for the event log and charts.
    pub fn as_str(self) -> &'static str {
        match self {
            GcTrigger::Heap => "heap",
            GcTrigger::Periodic => "periodic",
            GcTrigger::Explicit => "runtime.GC",
        }
    }
}

/// One garbage-collection cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct GcCycle {
    /// The cycle's number, from 1 (`gc N` in `GODEBUG=gctrace=1`).
    pub n: u32,
    /// When it ran. Goroutines the *next* cycle finds blocked are timed from here.
    pub at: Time,
    /// What started it.
    pub trigger: GcTrigger,
    /// The heap the pacer counted when the cycle started, in bytes.
    pub heap_before: u64,
    /// The heap the cycle found live, in bytes.
    pub heap_marked: u64,
    /// The heap goal it set for the next cycle, in bytes (`None` with GOGC=off).
    pub next_goal: Option<u64>,
    /// How many blocked goroutines it gave a wait start (`waitsince`): those it
    /// saw blocked for the first time in their current wait, timed from the
    /// previous cycle. Always 0 in the first cycle.
    pub timed: usize,
}

/// The heap model's constants, measured on real servers (see
/// `lessons/oracle/RESULTS-gc.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeapModel {
    /// The live heap of the program before any goroutine of its own: the
    /// runtime's and the standard library's objects.
    pub base: u64,
    /// The live heap each goroutine holds besides what it was given with
    /// [`crate::G::set_heap_bytes`]: its `g`, and for a parked one its `sudog`
    /// or timer.
    pub per_goroutine: u64,
    /// Bytes the pacer counts beyond the objects once a cycle has run: Go's
    /// `heapLive` charges a span's free slots to the heap when a P caches it,
    /// so the unused rest of the spans cached for each size class counts as
    /// allocated.
    pub span_slop: u64,
    /// The same before the first cycle, when every span a P caches is fresh
    /// (measured larger: see `lessons/oracle/RESULTS-gc.md`).
    pub first_cycle_slop: u64,
    /// The share of the garbage the pacer counts before the first cycle, in
    /// percent (100 after it). Fitted: on real servers the first cycle came as
    /// if the heap had grown about 5% slower than `MemStats.TotalAlloc` says.
    pub first_cycle_garbage_percent: u64,
    /// Global variables the collector scans (part of the goal).
    pub globals: u64,
    /// The runway the pacer keeps below the goal after a cycle, in percent of
    /// the scan work (marked heap, stacks, globals): Go's
    /// `consMark × (1 − 0.25) / 0.25`, which it measures from the allocation
    /// and scan rates of past cycles and the simulation takes as constant.
    pub runway_percent: u64,
    /// The stack bytes a collection scans per goroutine (part of the goal).
    pub stack_scan_per_goroutine: u64,
}

impl Default for HeapModel {
    /// Only what the program holds: each goroutine's `g` and what it was given.
    fn default() -> Self {
        HeapModel {
            base: 0,
            per_goroutine: crate::sim::GOROUTINE_STRUCT_BYTES,
            span_slop: 0,
            first_cycle_slop: 0,
            first_cycle_garbage_percent: 100,
            globals: 0,
            stack_scan_per_goroutine: 0,
            runway_percent: 0,
        }
    }
}

/// The collector's state inside the simulation.
#[derive(Debug)]
pub(crate) struct GcState {
    pub gogc: Gogc,
    pub model: HeapModel,
    pub cycles: Vec<GcCycle>,
    /// Go's `work.tstart`: the instant of the last cycle's mark termination
    /// (`None` before the first cycle ends, where Go holds 0).
    pub tstart: Option<Time>,
    /// The heap the last cycle marked live (`heapMarked`; 0 before the first).
    pub marked: u64,
    /// The stack bytes the last cycle scanned (`lastStackScan`; 0 before the
    /// first): the goal and runway use it until the next cycle.
    pub stack_scan: u64,
    /// Garbage allocated since the last cycle: bytes that are dead already but
    /// still count until the next cycle finds them.
    pub garbage: u64,
    /// The instant the process last did anything (ran a goroutine or fired a
    /// timer): sysmon's deep sleep starts from there.
    pub last_active: Time,
    /// Whether a heap cycle is being started (keeps a cycle from starting
    /// another from inside itself).
    pub in_cycle: bool,
}

impl GcState {
    pub fn new(gogc: Gogc, model: HeapModel) -> GcState {
        GcState {
            gogc,
            model,
            cycles: Vec::new(),
            tstart: None,
            marked: 0,
            stack_scan: 0,
            garbage: 0,
            last_active: Time(0),
            in_cycle: false,
        }
    }

    /// The heap goal after a cycle that marked `marked` and scanned
    /// `stack_scan` bytes of stack (Go's `gcPercentHeapGoal`).
    pub fn goal(&self, marked: u64, stack_scan: u64) -> Option<u64> {
        let Gogc::Percent(p) = self.gogc else { return None };
        let scan = marked + self.model.globals + stack_scan;
        let goal = marked + scan * p as u64 / 100;
        Some(goal.max(HEAP_MINIMUM * p as u64 / 100))
    }

    /// The goal a cycle sets: [`GcState::goal`], raised to the sweep distance
    /// (1 MiB above the marked heap), as Go's `heapGoalInternal` does while the
    /// sweep that `commit` saw under way keeps its minimum
    /// (`sweepDistMinTrigger`, which is also the smallest trigger).
    pub fn goal_after_cycle(&self, marked: u64, stack_scan: u64) -> Option<u64> {
        Some(self.goal(marked, stack_scan)?.max(marked + SWEEP_MIN_HEAP_DISTANCE))
    }

    /// The heap size at which the next cycle starts (`gcControllerState.trigger`):
    /// the goal less the runway, between 45/64 and 61/64 of the way from the
    /// marked heap to the goal (the upper bound is the goal less 4 MiB when that
    /// is higher), and after a cycle at least the sweep distance. Before the
    /// first cycle there is no sweep and no runway.
    pub fn trigger(&self) -> Option<u64> {
        let marked = self.marked;
        let (goal, sweep, runway) = if self.cycles.is_empty() {
            (self.goal(marked, 0)?, 0, 0)
        } else {
            let scan = marked + self.stack_scan + self.model.globals;
            let runway = scan * self.model.runway_percent / 100;
            (self.goal_after_cycle(marked, self.stack_scan)?, marked + SWEEP_MIN_HEAP_DISTANCE, runway)
        };
        if marked >= goal {
            return Some(goal);
        }
        let min_trigger = sweep.max(marked).max((goal - marked) / 64 * 45 + marked);
        let mut max_trigger = (goal - marked) / 64 * 61 + marked;
        if goal > HEAP_MINIMUM && goal - HEAP_MINIMUM > max_trigger {
            max_trigger = goal - HEAP_MINIMUM;
        }
        let max_trigger = max_trigger.max(min_trigger);
        Some(goal.saturating_sub(runway).clamp(min_trigger, max_trigger))
    }

    /// The bytes the pacer counts beyond the heap's objects now: the
    /// garbage not yet collected and the span slop.
    pub fn uncollected(&self) -> u64 {
        if self.cycles.is_empty() {
            self.garbage * self.model.first_cycle_garbage_percent / 100 + self.model.first_cycle_slop
        } else {
            self.garbage + self.model.span_slop
        }
    }

    /// When sysmon forces the next cycle, if the process stays idle from
    /// `last_active` on: the first of its wake-ups more than two minutes after
    /// the last cycle. While the process is busy, [`GcState::periodic_due`]
    /// applies instead.
    pub fn next_periodic_when_idle(&self) -> Option<Time> {
        let due = self.periodic_after()?;
        let a = self.last_active;
        let step = SYSMON_IDLE_SLEEP.0 + SYSMON_DELAY.0;
        // Wake-ups at a + k·step for k ≥ 1; the first one strictly after `due`.
        let k = if due.0 < a.0 { 1 } else { (due.0 - a.0) / step + 1 };
        Some(Time(a.0 + k.max(1) * step))
    }

    /// The instant after which a periodic cycle is due, if one can be.
    pub fn periodic_after(&self) -> Option<Time> {
        if self.gogc == Gogc::Off {
            return None;
        }
        self.cycles.last().map(|c| c.at.after(FORCE_GC_PERIOD))
    }

    /// Whether a busy process at `now` has passed the two minutes: sysmon, which
    /// polls every few milliseconds while Ps are running, starts the cycle now.
    pub fn periodic_due(&self, now: Time) -> bool {
        self.periodic_after().is_some_and(|due| now > due)
    }
}
