//! Leak reasoning in the spirit of Go 1.26's goroutineleak profile: a goroutine is
//! leaked when it waits on primitives that no live goroutine, no global variable
//! and no pending timer can reach any more, so nothing can ever wake it.
//!
//! Goroutines stuck behind a *global* channel (a full `logCh`) are not leaked in
//! this sense: some code could still drain the channel. The lessons teach the
//! difference: such goroutines pile up just the same, but only a dump and a
//! trend show them.
//!
//! The pass can be done a slice at a time ([`LeakPass::step`]), so that a page never spends
//! more than a few milliseconds on it at once; the process must not move between two steps.

use std::cmp::Reverse;

use crate::goroutine::PrimId;
use crate::sim::{State, TimerAction};

/// One flag per registry slot: true for a leaked goroutine.
pub(crate) fn leaked(st: &State) -> Vec<bool> {
    let mut pass = LeakPass::new(st);
    pass.step(st, &mut || true);
    pass.finish()
}

/// How many items a step handles between two questions to `more()`.
pub(crate) const TICK: usize = 1024;

/// Where a [`LeakPass`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Marking what timers can reach (globals are marked by `new`).
    Timers,
    /// Counting each context's cancellation edges.
    EdgeCount,
    /// Turning the counts into where each context's edges start.
    EdgeSums,
    /// Placing the edges.
    EdgeFill,
    /// Goroutines that are not blocked on a primitive are live; counting the others per
    /// primitive.
    Slots,
    /// Turning the counts into where each primitive's waiters start.
    WaitSums,
    /// Placing the waiters.
    WaitFill,
    /// Following references from everything reached.
    Walk,
    /// The flags.
    Flags,
    Done,
}

/// The reachability pass, resumable. Adjacency is kept as compressed rows indexed by primitive
/// id (ids are dense): `start[p]` ends the row of `p` (it starts where the row of `p - 1`
/// ends), so that no list is allocated per primitive and nothing is sorted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LeakPass {
    phase: Phase,
    /// The next item of the phase.
    i: usize,
    reach: Vec<u64>,
    work: Vec<PrimId>,
    edge_end: Vec<u32>,
    edge_to: Vec<u32>,
    wait_end: Vec<u32>,
    wait_slot: Vec<u32>,
    /// `(primitive, slot)` for each primitive a blocked goroutine waits on.
    pairs: Vec<(u32, u32)>,
    /// The waiters of the primitive being followed still to visit (indices into `wait_slot`).
    row: std::ops::Range<usize>,
    /// The running total of the prefix sums.
    total: u32,
    live: Vec<bool>,
    leaked: Vec<bool>,
}

/// Sets `p`'s bit; true when it was not set.
fn set(reach: &mut Vec<u64>, p: PrimId) -> bool {
    let (w, b) = (p.0 as usize / 64, p.0 % 64);
    if w >= reach.len() {
        reach.resize(w + 1, 0);
    }
    let fresh = reach[w] & (1 << b) == 0;
    reach[w] |= 1 << b;
    fresh
}

/// The row of `p` in compressed rows ending at `end`.
fn row(end: &[u32], p: PrimId) -> std::ops::Range<usize> {
    let p = p.0 as usize;
    if p >= end.len() {
        return 0..0;
    }
    let from = if p == 0 { 0 } else { end[p - 1] as usize };
    from..end[p] as usize
}

impl LeakPass {
    pub(crate) fn new(st: &State) -> LeakPass {
        let prims = st.prim_count() + 1;
        let mut pass = LeakPass {
            phase: Phase::Timers,
            i: 0,
            reach: vec![0; prims / 64 + 1],
            work: Vec::new(),
            edge_end: Vec::new(),
            edge_to: Vec::new(),
            wait_end: Vec::new(),
            wait_slot: Vec::new(),
            pairs: Vec::new(),
            row: 0..0,
            total: 0,
            live: vec![false; st.slots.len()],
            leaked: Vec::new(),
        };
        for &p in &st.globals {
            pass.mark(p);
        }
        pass
    }

    /// A pass that is already complete, with no flags (a placeholder).
    pub(crate) fn empty() -> LeakPass {
        LeakPass {
            phase: Phase::Done,
            i: 0,
            reach: Vec::new(),
            work: Vec::new(),
            edge_end: Vec::new(),
            edge_to: Vec::new(),
            wait_end: Vec::new(),
            wait_slot: Vec::new(),
            pairs: Vec::new(),
            row: 0..0,
            total: 0,
            live: Vec::new(),
            leaked: Vec::new(),
        }
    }

    fn mark(&mut self, p: PrimId) {
        if set(&mut self.reach, p) {
            self.work.push(p);
        }
    }

    /// Whether the pass is complete.
    pub(crate) fn done(&self) -> bool {
        self.phase == Phase::Done
    }

    /// Goes on while `more()` says so (asked every [`TICK`] items); returns whether the pass
    /// is complete. `st` must be the state `new` saw, unchanged.
    pub(crate) fn step(&mut self, st: &State, more: &mut dyn FnMut() -> bool) -> bool {
        let prims = st.prim_count() + 1;
        loop {
            if self.phase == Phase::Done {
                return true;
            }
            if !more() {
                return false;
            }
            let end = self.i + TICK;
            match self.phase {
                Phase::Timers => {
                    let timers = st.timers.as_slice();
                    for Reverse(t) in &timers[self.i.min(timers.len())..end.min(timers.len())] {
                        if let TimerAction::Fire(target) = &t.action {
                            if target.is_current(t.seq) {
                                if let Some(p) = target.prim() {
                                    self.mark(p);
                                }
                            }
                        }
                    }
                    self.advance(end, timers.len(), Phase::EdgeCount);
                    if self.phase == Phase::EdgeCount {
                        self.edge_end = vec![0; prims];
                    }
                }
                Phase::EdgeCount => {
                    let edges = &st.ctx_edges;
                    for &(from, _) in &edges[self.i..end.min(edges.len())] {
                        if let Some(n) = self.edge_end.get_mut(from.0 as usize) {
                            *n += 1;
                        }
                    }
                    self.advance(end, edges.len(), Phase::EdgeSums);
                }
                Phase::EdgeSums => {
                    // Each count becomes where its row starts; the fill moves it on to where
                    // the row ends.
                    sums(&mut self.edge_end, self.i, end, &mut self.total);
                    self.advance(end, prims, Phase::EdgeFill);
                    if self.phase == Phase::EdgeFill {
                        self.edge_to = vec![0; self.total as usize];
                        self.total = 0;
                    }
                }
                Phase::EdgeFill => {
                    let edges = &st.ctx_edges;
                    for &(from, to) in &edges[self.i..end.min(edges.len())] {
                        if let Some(at) = self.edge_end.get_mut(from.0 as usize) {
                            self.edge_to[*at as usize] = to.0;
                            *at += 1;
                        }
                    }
                    self.advance(end, edges.len(), Phase::Slots);
                    if self.phase == Phase::Slots {
                        self.wait_end = vec![0; prims];
                    }
                }
                Phase::Slots => {
                    // Goroutines that are not waiting on a primitive are live: running,
                    // runnable, sleeping (a timer wakes them) or waiting on the network.
                    let n = st.slots.len();
                    for slot in self.i..end.min(n) {
                        let Some(rec) = &st.slots[slot] else { continue };
                        if blocked(rec) {
                            for p in &rec.blocked_on {
                                if let Some(c) = self.wait_end.get_mut(p.0 as usize) {
                                    *c += 1;
                                    self.pairs.push((p.0, slot as u32));
                                }
                            }
                        } else {
                            self.live[slot] = true;
                            for &p in &rec.refs {
                                self.mark(p);
                            }
                        }
                    }
                    self.advance(end, n, Phase::WaitSums);
                }
                Phase::WaitSums => {
                    sums(&mut self.wait_end, self.i, end, &mut self.total);
                    self.advance(end, prims, Phase::WaitFill);
                    if self.phase == Phase::WaitFill {
                        self.wait_slot = vec![0; self.total as usize];
                        self.total = 0;
                    }
                }
                Phase::WaitFill => {
                    // From the pairs rather than the records again: one pass over a vector
                    // instead of a memory access per goroutine.
                    let n = self.pairs.len();
                    for &(p, slot) in &self.pairs[self.i..end.min(n)] {
                        let at = &mut self.wait_end[p as usize];
                        self.wait_slot[*at as usize] = slot;
                        *at += 1;
                    }
                    self.advance(end, n, Phase::Walk);
                    if self.phase == Phase::Walk {
                        self.pairs = Vec::new();
                    }
                }
                Phase::Walk => {
                    // Each primitive is marked, and so taken from `work`, once; a row of waiters
                    // (a million goroutines behind one channel) is followed a tick at a time.
                    let mut budget = TICK;
                    while budget > 0 {
                        if self.row.is_empty() {
                            let Some(p) = self.work.pop() else {
                                self.phase = Phase::Flags;
                                self.i = 0;
                                self.leaked = Vec::with_capacity(st.slots.len());
                                break;
                            };
                            for e in row(&self.edge_end, p) {
                                let to = PrimId(self.edge_to[e]);
                                self.mark(to);
                            }
                            self.row = row(&self.wait_end, p);
                            budget -= 1;
                        }
                        let take = self.row.len().min(budget);
                        let part = self.row.start..self.row.start + take;
                        self.row.start += take;
                        budget -= take;
                        for w in part {
                            let s = self.wait_slot[w] as usize;
                            if !self.live[s] {
                                self.live[s] = true;
                                if let Some(rec) = &st.slots[s] {
                                    for &q in &rec.refs {
                                        self.mark(q);
                                    }
                                }
                            }
                        }
                    }
                }
                Phase::Flags => {
                    let n = st.slots.len();
                    for slot in self.i..end.min(n) {
                        self.leaked.push(match &st.slots[slot] {
                            Some(rec) => !self.live[slot] && !matches!(rec.wait, Some((r, _)) if r.is_external()),
                            None => false,
                        });
                    }
                    self.advance(end, n, Phase::Done);
                }
                Phase::Done => {}
            }
        }
    }

    /// Moves the phase's cursor to `end`, or on to `next` once it passes `len`.
    fn advance(&mut self, end: usize, len: usize, next: Phase) {
        if end >= len {
            self.phase = next;
            self.i = 0;
        } else {
            self.i = end;
        }
    }

    /// The flags, one per registry slot (the pass is complete).
    pub(crate) fn finish(self) -> Vec<bool> {
        assert!(self.done(), "the leak pass finished before its end");
        self.leaked
    }
}

/// Blocked on a primitive (not sleeping, not waiting on the network).
fn blocked(rec: &crate::goroutine::GRec) -> bool {
    match rec.wait {
        Some((reason, _)) => !(reason.is_timed() || reason.is_external()),
        None => false,
    }
}

/// Exclusive prefix sums over `v[from..to]`, carrying `total` (the sum of the counts before
/// `from`) on: afterwards `v[p]` is where `p`'s row starts.
fn sums(v: &mut [u32], from: usize, to: usize, total: &mut u32) {
    let n = v.len();
    for x in &mut v[from.min(n)..to.min(n)] {
        let count = *x;
        *x = *total;
        *total += count;
    }
}
