//! The simulation: executor, virtual clock, goroutine registry, timers and outcomes.

use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context as TaskCx, Poll, Waker};

use async_executor::LocalExecutor;

use crate::events::{Event, EventKind, EventLog};
use crate::funcs::{FuncId, FuncSpec, FuncTable, Loc, Std};
use crate::gc::{GcCycle, GcState, GcTrigger, Gogc, HeapModel};
use crate::goroutine::{CreatedBy, GRec, Goid, PrimId, Status, WaitReason};
use crate::rng::Rng;
use crate::slack::{Slack, TimerKind, TimerSlack};
use crate::time::{Duration, Time};

/// Why a run ended for good, as Go or the platform would report it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Outcome {
    /// `main` returned; the process exited with status 0.
    Exited,
    /// `fatal error: all goroutines are asleep - deadlock!` followed by the stacks.
    Deadlock {
        /// What the Go program prints to standard error, ending with `exit status 2`.
        text: String,
    },
    /// A Go panic in a goroutine (`panic: send on closed channel`), or a fatal
    /// error one raised (`fatal error: sync: unlock of unlocked mutex`).
    Panic {
        /// The goroutine that panicked.
        goroutine: Goid,
        /// The panic value as Go prints it after `panic: ` (or `fatal error: `).
        message: String,
        /// What the Go program prints to standard error, ending with `exit status 2`.
        text: String,
        /// A fatal error rather than a panic: `recover` cannot stop it, and Go
        /// prints every goroutine's stack, not only the one that raised it.
        fatal: bool,
    },
    /// `os.Exit(code)` with a non-zero code (`log.Fatal` exits 1): the process ends
    /// at once, without running deferred calls; `go run` prints `exit status N`.
    /// (`os.Exit(0)` ends the run as [`Outcome::Exited`].)
    Exit {
        /// The status, 1 to 255 as a process sees it (Go passes it to `exit(2)`).
        code: i32,
    },
    /// The estimated memory passed the configured limit and the process was killed,
    /// as a container runtime's OOM killer would (Kubernetes: `OOMKilled`, exit code 137).
    OutOfMemory {
        /// The estimate at the moment of the kill.
        bytes: u64,
        /// The configured limit.
        limit: u64,
    },
}

impl Outcome {
    /// The exit status the process ends with.
    pub fn exit_code(&self) -> i32 {
        match self {
            Outcome::Exited => 0,
            Outcome::Deadlock { .. } | Outcome::Panic { .. } => 2,
            Outcome::Exit { code } => *code,
            Outcome::OutOfMemory { .. } => 137,
        }
    }
}

impl std::fmt::Display for Outcome {
    /// One line, as an operator would describe how the process ended.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Exited => f.write_str("main returned: exit status 0"),
            Outcome::Deadlock { .. } => {
                f.write_str("fatal error: all goroutines are asleep - deadlock! (exit status 2)")
            }
            Outcome::Panic { goroutine, message, fatal, .. } => {
                let kind = if *fatal { "fatal error" } else { "panic" };
                write!(f, "{kind}: {message} in goroutine {goroutine} (exit status 2)")
            }
            Outcome::Exit { code } => write!(f, "os.Exit: exit status {code}"),
            Outcome::OutOfMemory { bytes, limit } => write!(
                f,
                "OOMKilled: estimated memory {} KiB passed the limit of {} KiB (exit code 137)",
                bytes / 1024,
                limit / 1024
            ),
        }
    }
}

/// What a call that moves the simulation reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunState {
    /// There is more to do: a goroutine is runnable or a timer is pending.
    Active,
    /// Nothing will happen until something outside the process acts (a client
    /// connects): every goroutine is parked and no timer is pending, but at least
    /// one goroutine waits on the network, so this is not a deadlock.
    Idle,
    /// The run is over.
    Ended(Outcome),
}

/// Builds a [`Sim`].
#[derive(Clone, Debug)]
pub struct SimBuilder {
    seed: u64,
    memory_limit: Option<u64>,
    event_capacity: usize,
    first_user_goid: Goid,
    gogc: Gogc,
    heap: HeapModel,
    timer_slack: TimerSlack,
    executable: Option<(String, String)>,
}

impl Default for SimBuilder {
    fn default() -> Self {
        SimBuilder {
            seed: 1,
            memory_limit: None,
            event_capacity: 0,
            first_user_goid: 6,
            gogc: Gogc::default(),
            heap: HeapModel::default(),
            timer_slack: TimerSlack::Ideal,
            executable: None,
        }
    }
}

impl SimBuilder {
    /// The seed of every random choice (`select`, arrivals).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// End the run as an out-of-memory kill when the estimate passes `bytes`.
    pub fn memory_limit(mut self, bytes: Option<u64>) -> Self {
        self.memory_limit = bytes;
        self
    }
    /// Keep the last `n` events (0: keep none; `usize::MAX`: keep all).
    pub fn events(mut self, n: usize) -> Self {
        self.event_capacity = n;
        self
    }
    /// The id of the first goroutine after `main`. Go's runtime starts a few hidden
    /// goroutines of its own (GC helpers, finalizers) before user code runs, which is
    /// why user goroutines in real dumps start at a small number above 1.
    pub fn first_user_goid(mut self, goid: Goid) -> Self {
        self.first_user_goid = goid.max(2);
        self
    }
    /// `GOGC` (default 100): how far the heap may grow before the next collection,
    /// or off.
    pub fn gogc(mut self, gogc: Gogc) -> Self {
        self.gogc = gogc;
        self
    }
    /// The heap model's constants (default: all zero, so that only what the
    /// program allocates counts).
    pub fn heap_model(mut self, model: HeapModel) -> Self {
        self.heap = model;
        self
    }
    /// Whether timers fire late as real ones do (default: ideal, exactly on time).
    pub fn timer_slack(mut self, slack: TimerSlack) -> Self {
        self.timer_slack = slack;
        self
    }
    /// The program's executable and build ID, which the protobuf profile's
    /// mapping names (`go tool pprof` prints them as `File:` and `Build ID:`).
    /// Without one, the mapping is anonymous.
    pub fn executable(mut self, file: impl Into<String>, build_id: impl Into<String>) -> Self {
        self.executable = Some((file.into(), build_id.into()));
        self
    }
    /// Creates the simulation.
    pub fn build(self) -> Sim {
        let ex = Rc::new(LocalExecutor::new());
        let mut funcs = FuncTable::default();
        let std = Std::register(&mut funcs);
        let inner = Rc::new(Inner {
            ex: Rc::downgrade(&ex),
            std,
            funcs: RefCell::new(funcs),
            st: RefCell::new(State {
                now: Time(0),
                seed: self.seed,
                select_rng: Rng::new(self.seed, "select"),
                slots: Vec::new(),
                free: Vec::new(),
                spare: Vec::new(),
                live: 0,
                next_goid: 1,
                first_user_goid: self.first_user_goid,
                current: None,
                runnable: 0,
                timers: BinaryHeap::new(),
                timer_seq: 0,
                next_prim: 1,
                globals: Vec::new(),
                ctx_edges: Vec::new(),
                channels: Vec::new(),
                channels_pruned_at: 64,
                events: EventLog::new(self.event_capacity),
                outcome: None,
                memory_limit: self.memory_limit,
                static_bytes: 0,
                goroutine_bytes: 0,
                chan_bytes: Rc::new(Cell::new(0)),
                spawned_total: 0,
                exited_total: 0,
                stack_total: 0,
                gc: GcState::new(self.gogc, self.heap),
                slack: Slack::new(self.timer_slack, self.seed),
                executable: self.executable,
            }),
        });
        Sim { ex, inner }
    }
}

/// A deterministic simulation of a Go process.
///
/// Goroutines are futures on an [`async_executor::LocalExecutor`]. The clock only
/// moves when no goroutine is runnable, and then jumps to the next timer, the rule of
/// Go's playground and of `testing/synctest`.
pub struct Sim {
    // Field order matters: the executor must drop first, so that goroutine futures
    // (which hold `Rc<Inner>`) are gone before the state they point at.
    ex: Rc<LocalExecutor<'static>>,
    inner: Rc<Inner>,
}

pub(crate) struct Inner {
    ex: Weak<LocalExecutor<'static>>,
    pub(crate) std: Std,
    pub(crate) funcs: RefCell<FuncTable>,
    pub(crate) st: RefCell<State>,
}

pub(crate) enum TimerAction {
    /// Wakes a sleeping goroutine.
    Wake(Rc<Waiter>),
    /// Delivers the time on a timer's channel (time.After, Timer, Ticker) or
    /// cancels a context whose deadline passed.
    Fire(Rc<dyn TimerTarget>),
    /// Runs code outside any goroutine (virtual clients, the upstream's network).
    Call(Box<dyn FnOnce()>),
}

/// Something a timer acts on when it fires.
pub(crate) trait TimerTarget {
    /// Called when the timer fires (at `now`; it was due at `due`); returns the
    /// instant the next tick is due, for a ticker.
    fn fire(&self, inner: &Inner, now: Time, due: Time, seq: u64) -> Option<Time>;
    /// The primitive the timer keeps reachable, for leak reasoning.
    fn prim(&self) -> Option<PrimId>;
    /// Whether this entry still matters: the timer was not stopped or reset since
    /// it was armed, and something can still observe it (Go 1.23 collects timers
    /// nobody references).
    fn is_current(&self, seq: u64) -> bool;
}

pub(crate) struct TimerEntry {
    /// When it fires: the instant it is due plus its slack.
    pub when: Time,
    /// When it is due (a ticker's next tick is due one period after this).
    pub due: Time,
    pub seq: u64,
    pub action: TimerAction,
}

impl PartialEq for TimerEntry {
    fn eq(&self, other: &Self) -> bool {
        (self.when, self.seq) == (other.when, other.seq)
    }
}
impl Eq for TimerEntry {}
impl PartialOrd for TimerEntry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TimerEntry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.when, self.seq).cmp(&(other.when, other.seq))
    }
}

/// A channel as the observer sees it, registered weakly so that dropped channels vanish.
pub(crate) trait ChanObserve {
    fn observe(&self, inner: &Inner) -> crate::snapshot::ChannelSnapshot;
}

pub(crate) struct State {
    pub now: Time,
    pub seed: u64,
    pub select_rng: Rng,
    /// `allgs`: dead slots are reused last-in first-out, as Go reuses `g`s from its
    /// free list, so dumps list goroutines in the same order real Go does.
    pub slots: Vec<Option<GRec>>,
    pub free: Vec<u32>,
    /// Vectors of exited goroutines, kept for the next ones.
    pub spare: Vec<SpareVecs>,
    pub live: usize,
    next_goid: Goid,
    first_user_goid: Goid,
    pub current: Option<u32>,
    pub runnable: usize,
    pub timers: BinaryHeap<Reverse<TimerEntry>>,
    timer_seq: u64,
    next_prim: u32,
    pub globals: Vec<PrimId>,
    /// Cancellation edges between contexts: parent's Done → child's Done.
    pub ctx_edges: Vec<(PrimId, PrimId)>,
    pub channels: Vec<Weak<dyn ChanObserve>>,
    channels_pruned_at: usize,
    pub events: EventLog,
    pub outcome: Option<Outcome>,
    memory_limit: Option<u64>,
    pub static_bytes: u64,
    pub goroutine_bytes: u64,
    /// Shared with channels so that a dropped channel can give its buffer back
    /// without borrowing the state.
    pub chan_bytes: Rc<Cell<u64>>,
    pub spawned_total: u64,
    pub exited_total: u64,
    /// The stack bytes of live goroutines (part of `goroutine_bytes`, but not heap).
    pub stack_total: u64,
    pub gc: GcState,
    pub slack: Slack,
    /// The executable's path and build ID, for the profile's mapping.
    pub executable: Option<(String, String)>,
}

/// A goroutine record's reusable vectors: stack, blocked-on and refs.
pub(crate) type SpareVecs = (Vec<Loc>, Vec<PrimId>, Vec<PrimId>);

/// A parked goroutine's link to whatever will wake it: Go's `sudog`, shared by all
/// the cases of a `select`.
pub(crate) struct Waiter {
    pub slot: u32,
    pub goid: Goid,
    /// The case that completed, or -1 while waiting.
    pub fired: Cell<i32>,
    /// Set when the wait ended because a channel was closed.
    pub closed: Cell<bool>,
    pub waker: RefCell<Option<Waker>>,
}

impl Waiter {
    pub fn is_waiting(&self) -> bool {
        self.fired.get() < 0
    }
}

impl State {
    pub(crate) fn rec(&self, slot: u32) -> &GRec {
        self.slots[slot as usize].as_ref().expect("live goroutine slot")
    }
    pub(crate) fn rec_mut(&mut self, slot: u32) -> &mut GRec {
        self.slots[slot as usize].as_mut().expect("live goroutine slot")
    }

    /// The id the next goroutine will get.
    pub(crate) fn peek_goid(&self) -> Goid {
        if self.next_goid < self.first_user_goid && self.next_goid > 1 {
            self.first_user_goid
        } else {
            self.next_goid
        }
    }

    /// Hands out the next goroutine id.
    pub(crate) fn take_goid(&mut self) -> Goid {
        let g = self.peek_goid();
        self.next_goid = g + 1;
        g
    }

    /// Rewinds the id counter (after an observation).
    pub(crate) fn restore_goid(&mut self, next: Goid) {
        self.next_goid = next;
    }

    /// How many primitive ids have been handed out.
    pub(crate) fn prim_count(&self) -> usize {
        self.next_prim as usize
    }

    pub(crate) fn new_prim(&mut self) -> PrimId {
        let p = PrimId(self.next_prim);
        self.next_prim += 1;
        p
    }

    pub(crate) fn push_event(&mut self, kind: EventKind) {
        if self.events.enabled() {
            let at = self.now;
            self.events.push(Event { at, kind });
        }
    }

    /// Arms a timer that fires exactly at `when` (code outside the program: the
    /// virtual clients and network, whose timing the load schedule defines).
    pub(crate) fn add_timer(&mut self, when: Time, action: TimerAction) -> u64 {
        self.timer_seq += 1;
        let seq = self.timer_seq;
        self.timers.push(Reverse(TimerEntry { when, due: when, seq, action }));
        seq
    }

    /// Arms one of the program's timers, due at `due`; it fires late by the
    /// timer slack.
    pub(crate) fn add_program_timer(&mut self, due: Time, kind: TimerKind, action: TimerAction) -> u64 {
        self.timer_seq += 1;
        let seq = self.timer_seq;
        let when = due.after(crate::time::Duration(self.slack.draw(kind)));
        self.timers.push(Reverse(TimerEntry { when, due, seq, action }));
        seq
    }

    /// The heap's live objects as the simulation estimates them: the program's
    /// base heap, every goroutine's `g` and the heap it keeps alive, channel buffers.
    pub(crate) fn heap_objects(&self) -> u64 {
        let live = self.live as u64;
        let given = self.goroutine_bytes.saturating_sub(self.stack_total + live * GOROUTINE_STRUCT_BYTES);
        self.gc.model.base + live * self.gc.model.per_goroutine + given + self.chan_bytes.get()
    }

    /// The heap the pacer counts: what the last cycle marked, what grew since,
    /// and the garbage allocated since (dead, but not yet found dead).
    pub(crate) fn heap_live(&self) -> u64 {
        self.heap_objects().max(self.gc.marked) + self.gc.uncollected()
    }

    /// Starts a collection if the heap has reached the pacer's trigger.
    pub(crate) fn maybe_heap_gc(&mut self) {
        if self.gc.in_cycle {
            return;
        }
        if let Some(trigger) = self.gc.trigger() {
            if self.heap_live() >= trigger {
                self.gc_cycle(GcTrigger::Heap);
            }
        }
    }

    /// Runs one collection cycle at this instant: every goroutine blocked now
    /// and not yet timed in this wait is timed from the previous cycle (Go's
    /// `markroot` setting `gp.waitsince = work.tstart` before this cycle's mark
    /// termination updates `work.tstart`), and the pacer sets the next goal.
    pub(crate) fn gc_cycle(&mut self, trigger: GcTrigger) {
        self.gc.in_cycle = true;
        let now = self.now;
        let heap_before = self.heap_live();
        let mut timed = 0;
        if let Some(tstart) = self.gc.tstart {
            for rec in self.slots.iter_mut().flatten() {
                if rec.wait.is_some() && rec.gc_since.is_none() {
                    rec.gc_since = Some(tstart);
                    timed += 1;
                }
            }
        }
        self.gc.tstart = Some(now);
        let marked = self.heap_objects();
        self.gc.marked = marked;
        self.gc.garbage = 0;
        let stack_scan = self.live as u64 * self.gc.model.stack_scan_per_goroutine;
        self.gc.stack_scan = stack_scan;
        let next_goal = self.gc.goal_after_cycle(marked, stack_scan);
        let cycle = GcCycle {
            n: self.gc.cycles.len() as u32 + 1,
            at: now,
            trigger,
            heap_before,
            heap_marked: marked,
            next_goal,
            timed,
        };
        self.gc.cycles.push(cycle);
        self.gc.last_active = now;
        self.push_event(EventKind::Gc(cycle));
        self.gc.in_cycle = false;
    }

    /// Counts `bytes` of garbage: allocated and dropped by the program.
    pub(crate) fn alloc(&mut self, bytes: u64) {
        self.gc.garbage += bytes;
        self.maybe_heap_gc();
    }

    pub(crate) fn register_channel(&mut self, ch: Weak<dyn ChanObserve>) {
        self.channels.push(ch);
        if self.channels.len() >= self.channels_pruned_at * 2 {
            self.channels.retain(|c| c.strong_count() > 0);
            self.channels_pruned_at = self.channels.len().max(64);
        }
    }

    /// Records that goroutine `slot` refers to `p` (created it, used it, or was given it).
    pub(crate) fn touch(&mut self, slot: u32, p: PrimId) {
        let refs = &mut self.rec_mut(slot).refs;
        if !refs.contains(&p) {
            refs.push(p);
        }
    }

    /// Parks goroutine `slot`: pushes the runtime frames of the blocking call and
    /// records the wait.
    pub(crate) fn park(&mut self, slot: u32, reason: WaitReason, frames: &[Loc], on: &[PrimId]) {
        let now = self.now;
        let rec = self.rec_mut(slot);
        rec.stack.extend_from_slice(frames);
        rec.wait = Some((reason, now));
        rec.blocked_on.clear();
        rec.blocked_on.extend_from_slice(on);
        let goid = rec.goid;
        let at = rec.stack[rec.stack.len() - 1 - frames.len()];
        self.runnable -= 1;
        self.push_event(EventKind::Blocked { goid, reason, at });
    }

    /// Makes a parked goroutine runnable (its frames stay until it resumes).
    pub(crate) fn ready(&mut self, slot: u32) {
        let rec = self.rec_mut(slot);
        if rec.wait.take().is_some() {
            rec.blocked_on.clear();
            let goid = rec.goid;
            self.runnable += 1;
            self.push_event(EventKind::Woke { goid });
        }
    }

    /// Drops the runtime frames a blocking call pushed, once the goroutine runs again.
    pub(crate) fn unpark(&mut self, slot: u32, nframes: usize) {
        let rec = self.rec_mut(slot);
        let n = rec.stack.len() - nframes;
        rec.stack.truncate(n);
    }

    /// Wakes the goroutine behind `w` for case `case`.
    pub(crate) fn fire(&mut self, w: &Waiter, case: i32) {
        debug_assert!(w.is_waiting());
        w.fired.set(case);
        self.ready(w.slot);
        if let Some(wk) = w.waker.borrow_mut().take() {
            wk.wake();
        }
    }

    pub(crate) fn memory_bytes(&self) -> u64 {
        self.static_bytes + self.goroutine_bytes + self.chan_bytes.get()
    }

    fn check_memory(&mut self) {
        if let (Some(limit), None) = (self.memory_limit, &self.outcome) {
            let bytes = self.memory_bytes();
            if bytes > limit {
                self.push_event(EventKind::OutOfMemory { bytes, limit });
                self.outcome = Some(Outcome::OutOfMemory { bytes, limit });
            }
        }
    }

    pub(crate) fn status(&self, slot: u32) -> Status {
        let rec = self.rec(slot);
        if self.current == Some(slot) {
            Status::Running
        } else if let Some((reason, since)) = rec.wait {
            Status::Waiting { reason, since }
        } else {
            Status::Runnable
        }
    }
}

impl Inner {
    pub(crate) fn spawn_goroutine<F, Fut>(
        self: &Rc<Self>,
        entry: FuncId,
        created_by: Option<CreatedBy>,
        goid: Option<Goid>,
        start_as: Option<FuncId>,
        body: F,
    ) -> Goid
    where
        F: FnOnce(G) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        let decl = self.funcs.borrow().get(entry).spec.decl_line;
        let (slot, goid) = {
            let mut st = self.st.borrow_mut();
            let goid = match goid {
                Some(g) => {
                    st.next_goid = st.next_goid.max(g + 1);
                    g
                }
                None => st.take_goid(),
            };
            let stack_bytes = 2048;
            // Reuse the vectors of an exited goroutine: spawning then allocates
            // nothing for the registry, which keeps goroutine churn cheap.
            let (mut stack, blocked_on, refs) = st.spare.pop().unwrap_or_default();
            stack.push(Loc { func: entry, line: decl });
            let rec = GRec {
                goid,
                created_by,
                stack,
                wait: None,
                blocked_on,
                refs,
                stack_bytes,
                heap_bytes: 0,
                sleep_arg: 0,
                started: false,
                start_as: start_as.unwrap_or(entry),
                gc_since: None,
            };
            let slot = match st.free.pop() {
                Some(slot) => {
                    st.slots[slot as usize] = Some(rec);
                    slot
                }
                None => {
                    st.slots.push(Some(rec));
                    (st.slots.len() - 1) as u32
                }
            };
            st.live += 1;
            st.runnable += 1;
            st.spawned_total += 1;
            st.goroutine_bytes += stack_bytes as u64 + GOROUTINE_STRUCT_BYTES;
            st.stack_total += stack_bytes as u64;
            st.push_event(EventKind::Spawned { goid, entry, parent: created_by.map(|c| c.parent) });
            st.check_memory();
            st.maybe_heap_gc();
            (slot, goid)
        };
        let g = G { inner: self.clone(), slot, goid };
        // Boxed, so that every goroutine is the same task type: one copy of the executor's
        // task code instead of one per goroutine body, which keeps the WebAssembly small.
        let body: Pin<Box<dyn Future<Output = ()>>> = Box::pin(body(g));
        let fut = GoFuture { inner: self.clone(), slot, body };
        if let Some(ex) = self.ex.upgrade() {
            ex.spawn(fut).detach();
        }
        goid
    }

    fn exit(&self, slot: u32) {
        let mut st = self.st.borrow_mut();
        let rec = st.slots[slot as usize].take().expect("exiting goroutine is live");
        st.live -= 1;
        st.runnable -= 1;
        st.exited_total += 1;
        st.goroutine_bytes -= rec.stack_bytes as u64 + GOROUTINE_STRUCT_BYTES + rec.heap_bytes as u64;
        st.stack_total -= rec.stack_bytes as u64;
        st.free.push(slot);
        st.push_event(EventKind::Exited { goid: rec.goid });
        if rec.goid == 1 && st.outcome.is_none() {
            st.outcome = Some(Outcome::Exited);
        }
        if st.spare.len() < 1024 {
            let GRec { mut stack, mut blocked_on, mut refs, .. } = rec;
            stack.clear();
            blocked_on.clear();
            refs.clear();
            st.spare.push((stack, blocked_on, refs));
        }
    }

    /// Ends the run with a Go panic raised by goroutine `slot`.
    pub(crate) fn go_panic(&self, slot: u32, message: &str) {
        self.go_panic_in(slot, message, &[]);
    }

    /// Ends the run with a Go panic raised by goroutine `slot` inside the
    /// standard-library frames `top` (outermost first), such as
    /// `sync.(*WaitGroup).Add`.
    pub(crate) fn go_panic_in(&self, slot: u32, message: &str, top: &[crate::funcs::Loc]) {
        self.go_panic_signal(slot, message, top, None);
    }

    /// [`Inner::go_panic_in`], for a panic raised by a signal: with Go's
    /// `[signal SIGSEGV: ... addr=0x… pc=0x…]` line, `fault` being the faulting address.
    fn go_panic_signal(&self, slot: u32, message: &str, top: &[crate::funcs::Loc], fault: Option<u64>) {
        let text = {
            let mut st = self.st.borrow_mut();
            let depth = st.rec(slot).stack.len();
            st.rec_mut(slot).stack.extend_from_slice(top);
            let funcs = self.funcs.borrow();
            let mut text = format!("panic: {message}\n");
            if let Some(addr) = fault {
                // The program counter of the faulting instruction: inside the innermost frame.
                let pc = st.rec(slot).stack.last().map_or(0, |&loc| funcs.get(loc.func).entry + funcs.ret_off(loc) - 5);
                text.push_str(&format!(
                    "[signal SIGSEGV: segmentation violation code=0x1 addr={addr:#x} pc={pc:#x}]\n"
                ));
            }
            text.push('\n');
            crate::dump::write_goroutine(&mut text, &st, &funcs, &self.std, slot, None, true);
            text.push_str("exit status 2\n");
            st.rec_mut(slot).stack.truncate(depth);
            text
        };
        let mut st = self.st.borrow_mut();
        if st.outcome.is_none() {
            let goroutine = st.rec(slot).goid;
            st.push_event(EventKind::Panicked { goid: goroutine, message: message.to_string() });
            st.outcome = Some(Outcome::Panic { goroutine, message: message.to_string(), text, fatal: false });
        }
    }

    /// Ends the process with a fatal error raised by the goroutine in `slot`
    /// inside the runtime or standard-library frames `top` (outermost first):
    /// `fatal error: {message}`, then every goroutine, that one first.
    pub(crate) fn go_fatal(&self, slot: u32, message: &str, top: &[crate::funcs::Loc]) {
        let text = {
            let mut st = self.st.borrow_mut();
            let depth = st.rec(slot).stack.len();
            st.rec_mut(slot).stack.extend_from_slice(top);
            let current = st.current.replace(slot);
            let funcs = self.funcs.borrow();
            let mut text = format!("fatal error: {message}\n\n");
            crate::dump::write_all_goroutines(&mut text, &st, &funcs, &self.std, false);
            text.push_str("exit status 2\n");
            st.current = current;
            st.rec_mut(slot).stack.truncate(depth);
            text
        };
        let mut st = self.st.borrow_mut();
        if st.outcome.is_none() {
            let goroutine = st.rec(slot).goid;
            st.push_event(EventKind::Panicked { goid: goroutine, message: format!("fatal error: {message}") });
            st.outcome = Some(Outcome::Panic { goroutine, message: message.to_string(), text, fatal: true });
        }
    }
}

/// The `g` struct and bookkeeping Go allocates per goroutine besides its stack.
pub const GOROUTINE_STRUCT_BYTES: u64 = 432;

/// Wraps a goroutine's body: marks it running while polled, and removes it from
/// the registry when it returns.
struct GoFuture<F> {
    inner: Rc<Inner>,
    slot: u32,
    body: F,
}

impl<F: Future<Output = ()>> Future for GoFuture<F> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut TaskCx<'_>) -> Poll<()> {
        // SAFETY: `body` is structurally pinned: it is never moved out of `self`.
        let this = unsafe { self.get_unchecked_mut() };
        {
            let mut st = this.inner.st.borrow_mut();
            if st.outcome.is_some() {
                // The process is gone (exit, panic, kill): no goroutine runs again.
                return Poll::Pending;
            }
            st.current = Some(this.slot);
            let rec = st.rec_mut(this.slot);
            rec.started = true;
            // Go's `execute` clears `waitsince`: the next wait is timed afresh.
            rec.gc_since = None;
        }
        let body = unsafe { Pin::new_unchecked(&mut this.body) };
        let r = body.poll(cx);
        this.inner.st.borrow_mut().current = None;
        if r.is_ready() {
            this.inner.exit(this.slot);
        }
        r
    }
}

/// The handle a simulated goroutine's code uses: its identity and its stack.
#[derive(Clone)]
pub struct G {
    pub(crate) inner: Rc<Inner>,
    pub(crate) slot: u32,
    pub(crate) goid: Goid,
}

impl G {
    /// This goroutine's id.
    pub fn id(&self) -> Goid {
        self.goid
    }

    /// Sets the line the innermost frame is executing: call it before each blocking
    /// operation so that dumps point at the right line of the listing.
    pub fn at(&self, line: u32) -> &Self {
        let mut st = self.inner.st.borrow_mut();
        if let Some(top) = st.rec_mut(self.slot).stack.last_mut() {
            top.line = line;
        }
        self
    }

    /// The line the innermost frame is executing.
    pub fn line(&self) -> u32 {
        self.inner.st.borrow().rec(self.slot).stack.last().map_or(0, |l| l.line)
    }

    /// Enters a call: the current frame is at `line` (the call site) and `func`
    /// becomes the innermost frame. Pair with [`G::leave`].
    pub fn enter(&self, line: u32, func: FuncId) -> &Self {
        let decl = self.inner.funcs.borrow().get(func).spec.decl_line;
        let mut st = self.inner.st.borrow_mut();
        let stack = &mut st.rec_mut(self.slot).stack;
        if let Some(top) = stack.last_mut() {
            top.line = line;
        }
        stack.push(Loc { func, line: decl });
        self
    }

    /// Returns from the innermost call.
    pub fn leave(&self) -> &Self {
        let mut st = self.inner.st.borrow_mut();
        let stack = &mut st.rec_mut(self.slot).stack;
        if stack.len() > 1 {
            stack.pop();
        }
        self
    }

    /// Starts a goroutine running `func` from a `go` statement at `line` of the
    /// current function, like Go's `go f()`. Returns the new goroutine's id.
    pub fn go<F, Fut>(&self, line: u32, func: FuncId, body: F) -> Goid
    where
        F: FnOnce(G) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        let loc = {
            let mut st = self.inner.st.borrow_mut();
            let top = st.rec_mut(self.slot).stack.last_mut().expect("a goroutine has a frame");
            top.line = line;
            *top
        };
        self.inner.spawn_goroutine(func, Some(CreatedBy { loc, parent: self.goid }), None, None, body)
    }

    /// Like [`G::go`] for `go f(args)` or `go x.method()`, which Go compiles into a
    /// wrapper closure (`gowrapN`): until the new goroutine first runs, dumps show
    /// `wrapper` instead of `func`.
    pub fn go_via<F, Fut>(&self, line: u32, wrapper: FuncId, func: FuncId, body: F) -> Goid
    where
        F: FnOnce(G) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        let loc = {
            let mut st = self.inner.st.borrow_mut();
            let top = st.rec_mut(self.slot).stack.last_mut().expect("a goroutine has a frame");
            top.line = line;
            *top
        };
        self.inner.spawn_goroutine(func, Some(CreatedBy { loc, parent: self.goid }), None, Some(wrapper), body)
    }

    /// Records that this goroutine holds a reference to `p`, so that leak reasoning
    /// knows a live goroutine can still reach it.
    pub fn hold(&self, p: PrimId) {
        self.inner.st.borrow_mut().touch(self.slot, p);
    }

    /// Forgets a reference recorded by [`G::hold`] or by using a primitive.
    pub fn release(&self, p: PrimId) {
        self.inner.st.borrow_mut().rec_mut(self.slot).refs.retain(|&q| q != p);
    }

    /// Sets the heap bytes this goroutine keeps alive, for the memory estimate.
    pub fn set_heap_bytes(&self, bytes: u32) {
        let mut st = self.inner.st.borrow_mut();
        let rec = st.rec_mut(self.slot);
        let old = rec.heap_bytes;
        rec.heap_bytes = bytes;
        st.goroutine_bytes = st.goroutine_bytes + bytes as u64 - old as u64;
        st.check_memory();
        st.maybe_heap_gc();
    }

    /// Sets the estimated stack size (Go grows stacks by doubling from 2 KiB).
    pub fn set_stack_bytes(&self, bytes: u32) {
        let mut st = self.inner.st.borrow_mut();
        let rec = st.rec_mut(self.slot);
        let old = rec.stack_bytes;
        rec.stack_bytes = bytes;
        st.goroutine_bytes = st.goroutine_bytes + bytes as u64 - old as u64;
        st.stack_total = st.stack_total + bytes as u64 - old as u64;
        st.check_memory();
    }

    /// Raises a Go panic in this goroutine: the run ends with [`Outcome::Panic`].
    /// Await the returned future; it never completes.
    pub fn panic(&self, message: &str) -> Never {
        self.inner.go_panic(self.slot, message);
        Never
    }

    /// A nil pointer dereference at address `addr` (the offset of the field read
    /// through the nil pointer): Go's `panic: runtime error: invalid memory address or
    /// nil pointer dereference` with its `[signal SIGSEGV: ...]` line.
    pub fn panic_nil_deref(&self, addr: u64) -> Never {
        let message = "runtime error: invalid memory address or nil pointer dereference";
        self.inner.go_panic_signal(self.slot, message, &[], Some(addr));
        Never
    }

    /// `os.Exit(code)`: the run ends now with [`Outcome::Exit`] (or [`Outcome::Exited`]
    /// for 0); other goroutines vanish mid-step and deferred calls do not run. As a
    /// process sees it, the status is `code & 0xff`.
    pub fn exit(&self, code: i32) -> Never {
        let mut st = self.inner.st.borrow_mut();
        if st.outcome.is_none() {
            let code = code & 0xff;
            st.outcome = Some(if code == 0 { Outcome::Exited } else { Outcome::Exit { code } });
        }
        Never
    }

    /// Counts `bytes` the goroutine allocates and drops (request buffers,
    /// formatted strings): garbage that moves the collector's pacer toward the
    /// next heap-triggered cycle.
    pub fn alloc(&self, bytes: u64) {
        self.inner.st.borrow_mut().alloc(bytes);
    }

    /// `runtime.GC()`: runs a collection cycle now.
    pub fn gc(&self) {
        self.inner.st.borrow_mut().gc_cycle(GcTrigger::Explicit);
    }

    /// The simulation this goroutine belongs to.
    pub fn sim(&self) -> SimHandle {
        SimHandle { inner: self.inner.clone() }
    }

    /// The current virtual time.
    pub fn now(&self) -> Time {
        self.inner.st.borrow().now
    }

    /// `runtime.NumGoroutine()` as this goroutine would see it.
    pub fn num_goroutine(&self) -> usize {
        self.inner.st.borrow().live
    }

    pub(crate) fn waiter(&self) -> Rc<Waiter> {
        Rc::new(Waiter {
            slot: self.slot,
            goid: self.goid,
            fired: Cell::new(-1),
            closed: Cell::new(false),
            waker: RefCell::new(None),
        })
    }
}

/// A future that never completes: what a goroutine awaits after it panicked or
/// blocked forever.
pub struct Never;

impl Future for Never {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _cx: &mut TaskCx<'_>) -> Poll<()> {
        Poll::Pending
    }
}

/// A cheap handle to the simulation for code that is not a goroutine: the load
/// generator, the upstream's network, and goroutines that need to register things.
#[derive(Clone)]
pub struct SimHandle {
    pub(crate) inner: Rc<Inner>,
}

impl SimHandle {
    /// The current virtual time.
    pub fn now(&self) -> Time {
        self.inner.st.borrow().now
    }
    /// Registers a function so that stacks can name it.
    pub fn func(&self, spec: FuncSpec) -> FuncId {
        self.inner.funcs.borrow_mut().intern(spec)
    }
    /// Runs `f` outside any goroutine at instant `at` (or now, if `at` has passed).
    pub fn call_at(&self, at: Time, f: impl FnOnce() + 'static) {
        let mut st = self.inner.st.borrow_mut();
        let at = at.max(st.now);
        st.add_timer(at, TimerAction::Call(Box::new(f)));
    }
    /// A fresh random stream derived from the seed, independent of the others.
    pub fn rng(&self, stream: &str) -> Rng {
        Rng::new(self.inner.st.borrow().seed, stream)
    }
    /// Counts garbage allocated by code outside goroutines on the program's
    /// behalf (see [`G::alloc`]).
    pub fn alloc(&self, bytes: u64) {
        self.inner.st.borrow_mut().alloc(bytes);
    }
    /// `runtime.GC()` called by the program now.
    pub fn gc(&self) {
        self.inner.st.borrow_mut().gc_cycle(GcTrigger::Explicit);
    }
    /// Adds bytes to the process's static memory estimate (globals, runtime).
    pub fn add_static_bytes(&self, bytes: u64) {
        self.inner.st.borrow_mut().static_bytes += bytes;
    }
    /// Marks a primitive as reachable from a global variable.
    pub fn global(&self, p: PrimId) {
        self.inner.st.borrow_mut().globals.push(p);
    }
    /// Starts `main` (goroutine 1) in function `func`.
    pub fn go_main<F, Fut>(&self, func: FuncId, body: F) -> Goid
    where
        F: FnOnce(G) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        self.inner.spawn_goroutine(func, None, Some(1), None, body)
    }
    /// Starts a goroutine that the runtime creates on the program's behalf, running
    /// `func`: the one `time.AfterFunc` runs its function in (`creator` is then
    /// `time.goFunc` at its `go` statement). Its dump says `created by` `creator` with
    /// no parent goroutine (Go's goid 0), as Go prints such goroutines.
    pub fn go_from_runtime<F, Fut>(&self, creator: Loc, func: FuncId, body: F) -> Goid
    where
        F: FnOnce(G) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        self.inner.spawn_goroutine(func, Some(CreatedBy { loc: creator, parent: 0 }), None, None, body)
    }
    /// Starts a goroutine that no simulated goroutine created (for tests).
    pub fn go_root<F, Fut>(&self, func: FuncId, body: F) -> Goid
    where
        F: FnOnce(G) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        self.inner.spawn_goroutine(func, None, None, None, body)
    }
    /// The outcome, once the run is over.
    pub fn outcome(&self) -> Option<Outcome> {
        self.inner.st.borrow().outcome.clone()
    }
    /// The runtime and standard-library functions, for code that builds stacks
    /// through them (the virtual network parks in `internal/poll.runtime_pollWait`).
    pub fn std(&self) -> Std {
        self.inner.std
    }
}

impl Sim {
    /// A builder with seed 1, no memory limit and no event log.
    pub fn builder() -> SimBuilder {
        SimBuilder::default()
    }

    /// A simulation with the given seed and defaults otherwise.
    pub fn new(seed: u64) -> Sim {
        SimBuilder::default().seed(seed).build()
    }

    /// A handle for registering functions, starting `main` and scheduling outside code.
    pub fn handle(&self) -> SimHandle {
        SimHandle { inner: self.inner.clone() }
    }

    /// Registers a function so that stacks can name it.
    pub fn func(&self, spec: FuncSpec) -> FuncId {
        self.inner.funcs.borrow_mut().intern(spec)
    }

    /// Starts `main` (goroutine 1).
    pub fn go_main<F, Fut>(&self, func: FuncId, body: F) -> Goid
    where
        F: FnOnce(G) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        self.handle().go_main(func, body)
    }

    /// The current virtual time.
    pub fn now(&self) -> Time {
        self.inner.st.borrow().now
    }

    /// The outcome, once the run is over.
    pub fn outcome(&self) -> Option<Outcome> {
        self.inner.st.borrow().outcome.clone()
    }

    /// `runtime.NumGoroutine()`: every live goroutine, `main` included.
    pub fn num_goroutine(&self) -> usize {
        self.inner.st.borrow().live
    }

    /// The estimated memory of the process in bytes: goroutine stacks and structs,
    /// the heap they keep alive, channel buffers and static data.
    pub fn memory_bytes(&self) -> u64 {
        self.inner.st.borrow().memory_bytes()
    }

    /// Goroutines created and exited since the start.
    pub fn totals(&self) -> (u64, u64) {
        let st = self.inner.st.borrow();
        (st.spawned_total, st.exited_total)
    }

    /// `runtime.GC()` called by the program now (a test, or code standing in
    /// for the program, can start a cycle at an instant of its choosing).
    pub fn gc(&self) {
        self.inner.st.borrow_mut().gc_cycle(GcTrigger::Explicit);
    }

    /// Every collection cycle so far, oldest first.
    pub fn gc_cycles(&self) -> Vec<GcCycle> {
        self.inner.st.borrow().gc.cycles.clone()
    }

    /// How many collection cycles have run.
    pub fn gc_count(&self) -> usize {
        self.inner.st.borrow().gc.cycles.len()
    }

    /// The heap the collector's pacer counts now, in bytes: live objects plus
    /// garbage not yet collected.
    pub fn heap_live(&self) -> u64 {
        self.inner.st.borrow().heap_live()
    }

    /// The heap size at which the next heap-triggered cycle starts (`None` with GOGC=off).
    pub fn heap_trigger(&self) -> Option<u64> {
        let st = self.inner.st.borrow();
        st.gc.trigger()
    }

    /// Takes the events recorded since the last call.
    pub fn drain_events(&self) -> Vec<Event> {
        self.inner.st.borrow_mut().events.drain()
    }

    /// Formats an event as one line of the event log.
    pub fn format_event(&self, e: &Event) -> String {
        e.format(&self.inner.funcs.borrow())
    }

    /// Runs every runnable goroutine until none is left, without moving the clock.
    /// Returns how many polls were made.
    fn run_ready(&self) -> usize {
        let mut n = 0;
        loop {
            if self.inner.st.borrow().outcome.is_some() {
                return n;
            }
            if !self.ex.try_tick() {
                return n;
            }
            n += 1;
        }
    }

    /// Pops timer entries that can no longer do anything (stopped timers, channels
    /// nobody holds), so that the head of the heap is a real next event.
    fn prune_dead_timers(&self) {
        let mut st = self.inner.st.borrow_mut();
        while let Some(Reverse(top)) = st.timers.peek() {
            let dead = match &top.action {
                TimerAction::Fire(t) => !t.is_current(top.seq),
                TimerAction::Wake(w) => !w.is_waiting(),
                TimerAction::Call(_) => false,
            };
            if dead {
                st.timers.pop();
            } else {
                break;
            }
        }
    }

    /// The instant of the next timer, if any.
    pub fn next_timer(&self) -> Option<Time> {
        self.prune_dead_timers();
        self.inner.st.borrow().timers.peek().map(|Reverse(t)| t.when)
    }

    /// Fires every timer due at the current instant.
    fn fire_due_timers(&self) {
        loop {
            let entry = {
                let mut st = self.inner.st.borrow_mut();
                let now = st.now;
                match st.timers.peek() {
                    Some(Reverse(t)) if t.when <= now => st.timers.pop().map(|Reverse(t)| t),
                    _ => None,
                }
            };
            let Some(entry) = entry else { return };
            match entry.action {
                TimerAction::Wake(w) => {
                    if w.is_waiting() {
                        let mut st = self.inner.st.borrow_mut();
                        st.fire(&w, 0);
                    }
                }
                TimerAction::Fire(t) => {
                    if t.is_current(entry.seq) {
                        let now = self.now();
                        if let Some(due) = t.fire(&self.inner, now, entry.due, entry.seq) {
                            let mut st = self.inner.st.borrow_mut();
                            // A ticker re-arms under the same sequence number so
                            // that Stop and Reset still recognise it.
                            let when = due.after(Duration(st.slack.draw(TimerKind::Tick)));
                            st.timers.push(Reverse(TimerEntry {
                                when,
                                due,
                                seq: entry.seq,
                                action: TimerAction::Fire(t),
                            }));
                        }
                    }
                }
                TimerAction::Call(f) => f(),
            }
        }
    }

    /// Processes the current instant: runs what is runnable, fires due timers, and
    /// repeats until nothing more happens at this instant.
    fn settle(&self) {
        let mut active = false;
        loop {
            active |= self.run_ready() > 0;
            if self.inner.st.borrow().outcome.is_some() {
                return;
            }
            let now = self.now();
            let due = self.next_timer().is_some_and(|t| t <= now);
            if !due {
                break;
            }
            active = true;
            self.fire_due_timers();
        }
        if active {
            let mut st = self.inner.st.borrow_mut();
            let now = st.now;
            st.gc.last_active = now;
            // A busy process: sysmon polls every few milliseconds and starts the
            // periodic cycle as soon as the two minutes have passed.
            if st.gc.periodic_due(now) {
                st.gc_cycle(GcTrigger::Periodic);
            }
        }
    }

    /// When sysmon forces the next collection if nothing happens before.
    fn next_periodic_gc(&self) -> Option<Time> {
        self.inner.st.borrow().gc.next_periodic_when_idle()
    }

    /// Moves the clock to `t`, a periodic collection's instant, and runs it.
    fn periodic_gc_at(&self, t: Time) {
        self.set_now(t);
        self.inner.st.borrow_mut().gc_cycle(GcTrigger::Periodic);
    }

    fn check_end(&self) -> RunState {
        let st = self.inner.st.borrow();
        if let Some(o) = &st.outcome {
            return RunState::Ended(o.clone());
        }
        drop(st);
        if self.next_timer().is_some() || self.inner.st.borrow().runnable > 0 {
            return RunState::Active;
        }
        let st = self.inner.st.borrow();
        let external = st.slots.iter().flatten().any(|r| matches!(r.wait, Some((reason, _)) if reason.is_external()));
        if external || st.live == 0 {
            return RunState::Idle;
        }
        drop(st);
        // Nothing is runnable, no timer is pending, nobody waits on the network:
        // every goroutine is asleep for good. Go reports this when main is among them.
        let text = {
            let st = self.inner.st.borrow();
            let funcs = self.inner.funcs.borrow();
            let mut text = String::from("fatal error: all goroutines are asleep - deadlock!\n\n");
            crate::dump::write_all_goroutines(&mut text, &st, &funcs, &self.inner.std, false);
            text.push_str("exit status 2\n");
            text
        };
        let mut st = self.inner.st.borrow_mut();
        st.push_event(EventKind::Deadlock);
        let o = Outcome::Deadlock { text };
        st.outcome = Some(o.clone());
        RunState::Ended(o)
    }

    /// Runs until nothing more can happen before instant `until`, then sets the
    /// clock to `until` (if the run did not end first).
    pub fn run_until(&self, until: Time) -> RunState {
        loop {
            self.settle();
            if let Some(o) = self.outcome() {
                return RunState::Ended(o);
            }
            let timer = self.next_timer();
            if let Some(p) = self.next_periodic_gc() {
                if p <= until && timer.is_none_or(|t| p < t) {
                    self.periodic_gc_at(p);
                    continue;
                }
            }
            match timer {
                Some(t) if t <= until => {
                    self.set_now(t);
                }
                _ => {
                    if self.now() < until {
                        self.set_now(until);
                    }
                    return self.check_end();
                }
            }
        }
    }

    /// Advances the clock by `d`, running everything due on the way.
    pub fn advance(&self, d: Duration) -> RunState {
        let until = self.now().after(d);
        self.run_until(until)
    }

    /// Runs until the simulation ends or goes idle, but never past `limit`.
    pub fn run(&self, limit: Time) -> RunState {
        loop {
            let st = self.step();
            if st != RunState::Active || self.now() >= limit {
                return st;
            }
        }
    }

    /// Steps to the next event: runs what is runnable now, or else moves the clock
    /// to the next timer and processes that instant.
    pub fn step(&self) -> RunState {
        if self.inner.st.borrow().runnable > 0 {
            self.settle();
            return self.check_end();
        }
        let now = self.now();
        if self.next_timer().is_some_and(|t| t <= now) {
            self.settle();
            return self.check_end();
        }
        let timer = self.next_timer();
        if let (Some(p), Some(t)) = (self.next_periodic_gc(), timer) {
            if p < t {
                // Stepping while timers are pending: the collection is the next event.
                self.periodic_gc_at(p);
                return self.check_end();
            }
        }
        match timer {
            Some(t) => {
                self.set_now(t);
                self.settle();
                self.check_end()
            }
            None => self.check_end(),
        }
    }

    fn set_now(&self, t: Time) {
        let mut st = self.inner.st.borrow_mut();
        debug_assert!(t >= st.now);
        st.now = t;
    }

    /// A consistent view of every goroutine and channel at this instant.
    pub fn snapshot(&self) -> crate::snapshot::Snapshot {
        crate::snapshot::Snapshot::capture(&self.inner)
    }

    /// Starts a [`Sim::snapshot`] to be taken a slice at a time ([`Sim::snapshot_step`]).
    pub fn snapshot_job(&self) -> crate::snapshot::SnapshotJob {
        crate::snapshot::SnapshotJob::new(&self.inner)
    }

    /// Goes on with `job` while `more()` says so (it is asked every thousand goroutines or
    /// so); the snapshot once it is complete. The process must not have moved since
    /// [`Sim::snapshot_job`]: then the snapshot is exactly [`Sim::snapshot`]'s.
    pub fn snapshot_step(
        &self,
        job: &mut crate::snapshot::SnapshotJob,
        more: &mut dyn FnMut() -> bool,
    ) -> Option<crate::snapshot::Snapshot> {
        job.step(&self.inner, more)
    }

    pub(crate) fn inner(&self) -> &Rc<Inner> {
        &self.inner
    }
}

/// Helper for futures that park once: remembers the waker across spurious polls.
pub(crate) fn set_waker(w: &Waiter, cx: &TaskCx<'_>) {
    let mut slot = w.waker.borrow_mut();
    match &*slot {
        Some(old) if old.will_wake(cx.waker()) => {}
        _ => *slot = Some(cx.waker().clone()),
    }
}

/// Re-exported so that sibling modules can name the queue type used in channels.
pub(crate) type Queue<T> = VecDeque<T>;
