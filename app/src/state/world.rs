//! The sessions of the page, kept in the simulation's own heap ([`crate::heap`]) with
//! checkpoints along the run, so that going back in time restores the nearest checkpoint and
//! replays only from there.
//!
//! The world is the only way in: every call runs inside the simulation's heap and its result
//! comes out as a copy ([`Detach`]); the sessions themselves never leave it. One world lives
//! per thread: making a new one forgets the previous world's memory.

use std::cell::{Cell, RefCell};
use std::ptr::NonNull;

use lessons::RunConfig;
use sim_runtime::Time;

use super::session::{Session, View};
use crate::heap::{self, Checkpoint, Restoring, Taking};

/// Checkpoints may hold at most this many bytes; past it, every other one is dropped.
const MAX_HELD: usize = 512 << 20;

/// A value that can leave the simulation's heap as a deep copy (plain owned data only: no
/// `Rc`, no references into the simulation).
pub trait Detach {
    /// A copy allocated wherever the caller allocates.
    fn detach(&self) -> Self;
}

macro_rules! detach_by_clone {
    ($($t:ty),* $(,)?) => { $(impl Detach for $t { fn detach(&self) -> Self { self.clone() } })* };
}

detach_by_clone!(
    (),
    bool,
    usize,
    u64,
    Time,
    String,
    Vec<u8>,
    Vec<usize>,
    Vec<Vec<(u64, usize, u64, usize)>>,
    sim_runtime::DumpCursor
);

impl Detach for View {
    fn detach(&self) -> Self {
        self.deep_copy()
    }
}

impl Detach for Vec<View> {
    fn detach(&self) -> Self {
        self.iter().map(View::deep_copy).collect()
    }
}

impl<T: Detach> Detach for Option<T> {
    fn detach(&self) -> Self {
        self.as_ref().map(T::detach)
    }
}

impl<T: Detach> Detach for Result<T, String> {
    fn detach(&self) -> Self {
        match self {
            Ok(v) => Ok(v.detach()),
            Err(e) => Err(e.clone()),
        }
    }
}

impl<A: Detach, B: Detach> Detach for (A, B) {
    fn detach(&self) -> Self {
        (self.0.detach(), self.1.detach())
    }
}

thread_local! {
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    static WARM: Cell<bool> = const { Cell::new(false) };
}

/// A checkpoint and its instant.
struct Mark {
    at: Time,
    checkpoint: Checkpoint,
}

/// The page's sessions (one, or two in compare mode, on one clock) and their checkpoints.
pub struct World {
    root: NonNull<Vec<Session>>,
    generation: u64,
    /// Sorted by instant; the first is at zero.
    marks: Vec<Mark>,
    /// A checkpoint being taken a slice at a time ([`World::mark_step`]), of this instant.
    /// Any other use of the world abandons it (the heap may change).
    taking: RefCell<Option<(Time, Taking)>>,
    /// A checkpoint being restored a slice at a time ([`World::restore_step`]): which, and
    /// how far. Any other use of the world finishes it first, so nothing ever sees a heap
    /// half restored.
    restoring: Cell<Option<(usize, Restoring)>>,
    /// Bumped by everything that may move the sessions (a write, a restore).
    version: Cell<u64>,
}

impl World {
    /// Starts a session for each of `configs` at virtual time zero.
    pub fn new(configs: &[RunConfig]) -> Result<World, String> {
        let Some(first) = configs.first() else {
            return Err("nothing to run".to_string());
        };
        warm_up(first);
        // SAFETY: a new generation: every older world on this thread stops being usable.
        unsafe { heap::reset() };
        let generation = GENERATION.with(|g| {
            g.set(g.get() + 1);
            g.get()
        });
        let made = heap::inside(|| -> Result<NonNull<Vec<Session>>, String> {
            // Cloned inside, so that no session points at memory outside its heap.
            let sessions = configs.iter().map(|c| Session::new(c.clone())).collect::<Result<Vec<_>, _>>()?;
            Ok(NonNull::from(Box::leak(Box::new(sessions))))
        });
        let root = match made {
            Ok(root) => root,
            Err(e) => {
                let message = heap::outside(|| e.detach());
                drop(e);
                return Err(message);
            }
        };
        let mut world = World {
            root,
            generation,
            marks: Vec::new(),
            taking: RefCell::new(None),
            restoring: Cell::new(None),
            version: Cell::new(0),
        };
        world.mark();
        Ok(world)
    }

    fn check(&self) {
        let current = GENERATION.with(Cell::get);
        assert_eq!(self.generation, current, "a newer world replaced this one");
    }

    /// Before any use of the heap: a restore under way is finished, a checkpoint being taken
    /// is abandoned.
    fn settle(&self) {
        self.check();
        self.taking.replace(None);
        if let Some((i, mut at)) = self.restoring.take() {
            // SAFETY: `restoring` names a checkpoint of this generation, restored from the
            // first step on with nothing else using the heap (every use comes through here).
            unsafe { heap::restore_step(&self.marks[i].checkpoint, &mut at, || true) };
        }
    }

    /// Whether a checkpoint is being restored a slice at a time.
    pub fn restoring(&self) -> bool {
        self.restoring.get().is_some()
    }

    /// Whether a checkpoint is being taken a slice at a time.
    pub fn taking(&self) -> bool {
        self.taking.borrow().is_some()
    }

    /// Runs `f` on the sessions inside their heap; its result comes out as a copy.
    pub fn read<R: Detach>(&self, f: impl FnOnce(&[Session]) -> R) -> R {
        self.settle();
        // SAFETY: the root is valid in every state of this generation's heap.
        let result = heap::inside(|| f(unsafe { self.root.as_ref() }));
        let out = heap::outside(|| result.detach());
        drop(result);
        out
    }

    /// Runs `f` on the sessions with its allocations outside their heap, so that what it
    /// returns needs no copy and a checkpoint being taken goes on (a restore under way is
    /// finished first). Only for looking: `f` must change nothing the sessions hold, not even
    /// a cache (views, counts and samples are made so).
    pub fn peek<R>(&self, f: impl FnOnce(&[Session]) -> R) -> R {
        self.check();
        if self.restoring.get().is_some() {
            let taking = self.taking.replace(None);
            self.settle();
            self.taking.replace(taking);
        }
        // SAFETY: the root is valid in every state of this generation's heap, which nothing
        // here changes.
        heap::outside(|| f(unsafe { self.root.as_ref() }))
    }

    /// Which world and which state of its sessions: equal versions, equal sessions.
    pub fn version(&self) -> (u64, u64) {
        (self.generation, self.version.get())
    }

    /// Runs `f` on the sessions, which it may change, inside their heap.
    pub fn write<R: Detach>(&mut self, f: impl FnOnce(&mut Vec<Session>) -> R) -> R {
        self.settle();
        self.version.set(self.version.get() + 1);
        // SAFETY: as in `read`; `&mut self` makes the access unique.
        let result = heap::inside(|| f(unsafe { self.root.as_mut() }));
        let out = heap::outside(|| result.detach());
        drop(result);
        out
    }

    /// The virtual instant (the first session's). While a checkpoint is being restored or
    /// taken, its instant, without finishing or abandoning it.
    pub fn now(&self) -> Time {
        if let Some((i, _)) = self.restoring.get() {
            return self.marks[i].at;
        }
        if let Some((at, _)) = &*self.taking.borrow() {
            return *at;
        }
        self.read(|s| s.first().map_or(Time(0), Session::now))
    }

    /// Takes a checkpoint at this instant, unless there is one already.
    pub fn mark(&mut self) {
        self.mark_begin();
        self.mark_step(|| true);
    }

    /// Starts taking a checkpoint at this instant (unless there is one already), to be
    /// finished by [`World::mark_step`] before the world is used again.
    pub fn mark_begin(&mut self) {
        self.settle();
        let at = self.now();
        let i = self.marks.partition_point(|m| m.at < at);
        if self.marks.get(i).is_some_and(|m| m.at == at) {
            return;
        }
        let taking = Checkpoint::begin(i.checked_sub(1).map(|p| &self.marks[p].checkpoint));
        self.taking.replace(Some((at, taking)));
    }

    /// Copies the checkpoint being taken while `more()` says so; returns whether none is
    /// being taken any more (this one is finished, or there was none).
    pub fn mark_step(&mut self, more: impl FnMut() -> bool) -> bool {
        self.check();
        let Some((at, mut taking)) = self.taking.replace(None) else { return true };
        if !taking.step(more) {
            self.taking.replace(Some((at, taking)));
            return false;
        }
        let i = self.marks.partition_point(|m| m.at < at);
        self.marks.insert(i, Mark { at, checkpoint: taking.finish() });
        if self.held_bytes() > MAX_HELD {
            // Thin out evenly, keeping zero: jumps get slower, memory stays bounded.
            let mut k = 0;
            self.marks.retain(|_| {
                k += 1;
                k % 2 == 1
            });
        }
        true
    }

    /// Whether there is a checkpoint in `(after, upto]`.
    pub fn marked_between(&self, after: Time, upto: Time) -> bool {
        let i = self.marks.partition_point(|m| m.at <= after);
        self.marks.get(i).is_some_and(|m| m.at <= upto)
    }

    /// How many checkpoints there are.
    pub fn marks(&self) -> usize {
        self.marks.len()
    }

    /// Bytes the checkpoints hold (pages shared between them counted once).
    pub fn held_bytes(&self) -> usize {
        Checkpoint::held_bytes(self.marks.iter().map(|m| &m.checkpoint))
    }

    /// Puts the sessions back to the latest checkpoint at or before `t`; returns its instant.
    pub fn restore_before(&mut self, t: Time) -> Time {
        let at = self.restore_begin(t);
        self.restore_step(|| true);
        at
    }

    /// Starts putting the sessions back to the latest checkpoint at or before `t`, a slice
    /// at a time ([`World::restore_step`]; any use of the world finishes it). Returns its
    /// instant.
    pub fn restore_begin(&mut self, t: Time) -> Time {
        self.restore_index(self.marks.partition_point(|m| m.at <= t).max(1) - 1)
    }

    /// Writes back the checkpoint being restored while `more()` says so; returns whether
    /// none is being restored any more.
    pub fn restore_step(&mut self, more: impl FnMut() -> bool) -> bool {
        self.check();
        let Some((i, mut at)) = self.restoring.take() else { return true };
        // SAFETY: as in `settle`.
        if unsafe { heap::restore_step(&self.marks[i].checkpoint, &mut at, more) } {
            return true;
        }
        self.restoring.set(Some((i, at)));
        false
    }

    fn restore_index(&mut self, i: usize) -> Time {
        self.settle();
        self.version.set(self.version.get() + 1);
        // The checkpoint belongs to this generation, whose only pointer from outside (the
        // root) existed when it was taken; nothing else from inside is held outside.
        self.restoring.set(Some((i, Restoring::default())));
        self.marks[i].at
    }

    /// The first step of [`World::step_back_from`] done a slice at a time: restores the
    /// latest checkpoint before `t` and returns its index, for [`World::step_back_slice`].
    pub fn step_back_begin(&mut self, t: Time) -> usize {
        let i = self.marks.partition_point(|m| m.at < t).max(1) - 1;
        self.restore_index(i);
        i
    }

    /// Replays from checkpoint `i` (restored) toward the last event before `t` while
    /// `more()` says so; `stepped` says whether this checkpoint's replay has stepped yet.
    pub fn step_back_slice(&mut self, t: Time, i: usize, stepped: bool, mut more: impl FnMut() -> bool) -> BackStep {
        if !self.restore_step(&mut more) {
            return BackStep::More { stepped };
        }
        let (now_stepped, done) = self.write(|s| match s.first_mut() {
            Some(first) => first.step_while_before_until(t, more),
            None => (false, true),
        });
        if !done {
            return BackStep::More { stepped: stepped || now_stepped };
        }
        if stepped || now_stepped || i == 0 {
            // Landed (from zero, no event before `t` means zero is the answer): the others
            // follow the first session's clock.
            self.write(|s| {
                if let Some(now) = s.first().map(Session::now) {
                    for other in s.iter_mut().skip(1) {
                        other.advance_toward(now, || true);
                    }
                }
            });
            return BackStep::Landed;
        }
        // No event between this checkpoint and `t`: try the one before.
        self.restore_index(i - 1);
        BackStep::Retry(i - 1)
    }

    /// Steps back one event: lands every session on the last instant before `t` at which
    /// something happened (the first session's events; the others follow its clock), from
    /// the latest checkpoint that has such an event after it.
    pub fn step_back_from(&mut self, t: Time) {
        let (mut i, mut stepped) = (self.step_back_begin(t), false);
        loop {
            match self.step_back_slice(t, i, stepped, || true) {
                BackStep::More { stepped: s } => stepped = s,
                BackStep::Landed => return,
                BackStep::Retry(j) => (i, stepped) = (j, false),
            }
        }
    }
}

/// What a slice of stepping back did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackStep {
    /// Not there yet; whether the replay from the current checkpoint has stepped.
    More { stepped: bool },
    /// On the last event before the instant.
    Landed,
    /// Nothing happened after this checkpoint: replaying from checkpoint `i`, restored.
    Retry(usize),
}

/// Runs one session briefly on the system heap, so that anything the simulation initialises
/// lazily and keeps globally (the current thread's handle, which the executor asks for) is
/// initialised outside the simulation's heap, which is reset and restored underneath it.
fn warm_up(config: &RunConfig) {
    if WARM.with(|w| w.replace(true)) {
        return;
    }
    let _ = std::thread::current();
    if let Ok(mut s) = Session::new(config.clone()) {
        s.advance(sim_runtime::Duration::from_millis(1500));
        let _ = s.view();
        let _ = s.dump(sim_runtime::DumpKind::Debug1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim_runtime::DumpKind;

    fn world(lesson: &str, variants: &[&str]) -> World {
        let configs: Vec<RunConfig> = variants.iter().map(|v| RunConfig::defaults(lesson, v).unwrap()).collect();
        World::new(&configs).unwrap()
    }

    fn fresh(lesson: &str, variant: &str, t: Time) -> (View, String) {
        let mut s = Session::new(RunConfig::defaults(lesson, variant).unwrap()).unwrap();
        s.seek(t).unwrap();
        (s.view(), s.dump(DumpKind::Debug2))
    }

    fn advance(w: &mut World, t: Time) {
        w.write(|s| {
            for x in s.iter_mut() {
                x.advance_toward(t, || true);
            }
        });
    }

    #[test]
    fn going_back_by_checkpoint_shows_exactly_what_a_fresh_run_shows() {
        let mut w = world("upstream", &["leaky"]);
        for sec in 1..=8 {
            advance(&mut w, Time(sec * 1_000_000_000));
            w.mark();
        }
        assert_eq!(w.marks(), 9);
        let t = Time(3_500_000_000);
        assert_eq!(w.restore_before(t), Time(3_000_000_000));
        advance(&mut w, t);
        let here = w.read(|s| (s[0].view(), s[0].dump(DumpKind::Debug2)));
        assert_eq!(here, fresh("upstream", "leaky", t));
        // And forward again from there, past the checkpoints, to where the run had been.
        let end = Time(8_000_000_000);
        advance(&mut w, end);
        let there = w.read(|s| (s[0].view(), s[0].dump(DumpKind::Debug2)));
        assert_eq!(there, fresh("upstream", "leaky", end));
    }

    #[test]
    fn a_large_leaking_run_restores_exactly_and_shares_unchanged_pages() {
        let mut w = world("unbounded-send", &["leaky"]);
        for sec in [10, 20, 30] {
            advance(&mut w, Time(sec * 1_000_000_000));
            w.mark();
        }
        let t = Time(25_000_000_000);
        w.restore_before(t);
        advance(&mut w, t);
        let here = w.read(|s| (s[0].view(), s[0].dump(DumpKind::Debug2)));
        let expected = fresh("unbounded-send", "leaky", t);
        assert_eq!(here.0.goroutines, expected.0.goroutines);
        assert_eq!(here, expected);
        let copied: usize = w.marks.iter().map(|m| m.checkpoint.copied_bytes()).sum();
        assert!(w.held_bytes() <= copied);
        assert!(w.held_bytes() < w.marks.iter().map(|m| m.checkpoint.heap_bytes()).sum::<usize>());
    }

    /// A `more` that allows `n` pages per step.
    fn pages(n: usize) -> impl FnMut() -> bool {
        let mut k = 0;
        move || {
            k += 1;
            k <= n
        }
    }

    #[test]
    fn checkpoints_taken_and_restored_in_slices_are_exact() {
        let mut w = world("unbounded-send", &["leaky"]);
        advance(&mut w, Time(10_000_000_000));
        w.mark_begin();
        let mut steps = 0;
        while !w.mark_step(pages(1)) {
            steps += 1;
            assert!(w.taking());
            assert_eq!(w.now(), Time(10_000_000_000), "the instant, without abandoning the checkpoint");
        }
        assert!(steps > 3, "{steps} steps");
        assert_eq!(w.marks(), 2);
        advance(&mut w, Time(20_000_000_000));
        let t = Time(15_000_000_000);
        assert_eq!(w.restore_begin(t), Time(10_000_000_000));
        let mut steps = 0;
        while !w.restore_step(pages(1)) {
            steps += 1;
            assert!(w.restoring());
            assert_eq!(w.now(), Time(10_000_000_000));
        }
        assert!(steps > 3, "{steps} steps");
        advance(&mut w, t);
        let here = w.read(|s| (s[0].view(), s[0].dump(DumpKind::Debug2)));
        assert_eq!(here, fresh("unbounded-send", "leaky", t));
    }

    #[test]
    fn using_the_world_abandons_a_checkpoint_being_taken_and_finishes_a_restore() {
        let mut w = world("upstream", &["leaky"]);
        advance(&mut w, Time(3_000_000_000));
        w.mark_begin();
        assert!(!w.mark_step(pages(1)));
        // A view allocates in the heap: the pages copied so far may no longer be the heap's.
        let _ = w.read(|s| s[0].view());
        assert!(!w.taking());
        assert!(w.mark_step(pages(1)), "nothing left to take");
        assert_eq!(w.marks(), 1, "the abandoned checkpoint was not kept");
        w.mark();
        advance(&mut w, Time(6_000_000_000));
        w.restore_begin(Time(4_000_000_000));
        assert!(!w.restore_step(pages(1)));
        // Reading in the middle of a restore sees the whole checkpoint, never half of one.
        let view = w.read(|s| s[0].view());
        assert!(!w.restoring());
        assert_eq!(view, fresh("upstream", "leaky", Time(3_000_000_000)).0);
    }

    #[test]
    fn compare_mode_sessions_come_back_together() {
        let mut w = world("upstream", &["leaky", "safe"]);
        advance(&mut w, Time(4_000_000_000));
        w.mark();
        advance(&mut w, Time(9_000_000_000));
        w.restore_before(Time(6_000_000_000));
        advance(&mut w, Time(6_000_000_000));
        let views = w.read(|s| s.iter().map(Session::view).collect::<Vec<_>>());
        assert_eq!(views[0], fresh("upstream", "leaky", Time(6_000_000_000)).0);
        assert_eq!(views[1], fresh("upstream", "safe", Time(6_000_000_000)).0);
    }

    #[test]
    fn stepping_back_lands_on_the_previous_event_from_a_checkpoint() {
        let mut w = world("upstream", &["leaky"]);
        advance(&mut w, Time(5_000_000_000));
        w.mark();
        w.write(|s| s[0].step());
        let after = w.now();
        w.write(|s| s[0].step());
        let later = w.now();
        assert!(later > after);
        w.step_back_from(later);
        assert_eq!(w.now(), after);
        let expected = {
            let mut s = Session::new(RunConfig::defaults("upstream", "leaky").unwrap()).unwrap();
            s.step_back_from(later).unwrap();
            s.dump(DumpKind::Debug2)
        };
        assert_eq!(w.read(|s| s[0].dump(DumpKind::Debug2)), expected);
    }

    #[test]
    fn a_new_world_replaces_the_old_one() {
        let old = world("upstream", &["leaky"]);
        let new = world("workers", &["leaky"]);
        assert_eq!(new.now(), Time(0));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| old.now()));
        assert!(result.is_err(), "the old world refuses to be used");
    }

    #[test]
    fn a_bad_configuration_is_an_error_not_a_crash() {
        let mut cfg = RunConfig::defaults("upstream", "leaky").unwrap();
        cfg.variant = "no-such-variant".to_string();
        assert!(World::new(&[cfg]).is_err());
    }
}
