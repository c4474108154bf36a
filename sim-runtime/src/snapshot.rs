//! One consistent view of the process at an instant, from the registry. Tables,
//! badges, charts and dumps in the UI all read the same snapshot.

use rustc_hash::FxHashMap as HashMap;

use crate::funcs::Loc;
use crate::goroutine::{Goid, PrimId, Status};
use crate::leak::{LeakPass, TICK};
use crate::sim::Inner;
use crate::time::Time;

/// What makes groups one for the UI: visible frames, state, leaked, creator.
type VisibleKey = (Vec<Loc>, &'static str, bool, Option<Loc>);

/// A raw group key: the whole stack, state, leaked, creator.
type GroupKey<'a> = (&'a [Loc], &'static str, bool, Option<Loc>);

/// A channel as the UI shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ChannelSnapshot {
    /// Identity.
    pub id: PrimId,
    /// The Go variable's name.
    pub name: String,
    /// `cap(ch)`.
    pub cap: usize,
    /// `len(ch)`.
    pub len: usize,
    /// Whether it was closed.
    pub closed: bool,
    /// Goroutines queued to send, in FIFO order.
    pub senders: Vec<Goid>,
    /// Goroutines queued to receive, in FIFO order.
    pub receivers: Vec<Goid>,
}

/// A frame as the UI shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct FrameSnapshot {
    /// The function name Go prints.
    pub func: String,
    /// The file.
    pub file: String,
    /// The line.
    pub line: u32,
}

/// A group of goroutines with identical visible stacks and state, as panicparse
/// groups a dump.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct GroupSnapshot {
    /// Go's header text for the state (`chan send`, `sleep`, `running`).
    pub state: String,
    /// Visible frames, innermost first.
    pub frames: Vec<FrameSnapshot>,
    /// `created by` function, if any.
    pub created_by: Option<String>,
    /// Member goroutine ids in registry order.
    pub goids: Vec<Goid>,
    /// The earliest instant any member started waiting.
    pub waiting_since: Option<Time>,
    /// The earliest wait start a garbage collection gave a member (Go's
    /// `waitsince`): what the dump's `, N minutes` counts from, which can be
    /// later or earlier than `waiting_since`, or absent when no collection has
    /// timed the wait yet.
    pub timed_since: Option<Time>,
    /// Whether the members are leaked (nothing can ever wake them).
    pub leaked: bool,
}

/// The whole process at one instant.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Snapshot {
    /// The virtual instant.
    pub now: Time,
    /// `runtime.NumGoroutine()`.
    pub num_goroutine: usize,
    /// The memory estimate in bytes.
    pub memory_bytes: u64,
    /// Goroutine groups, largest first, then by first goroutine id.
    pub groups: Vec<GroupSnapshot>,
    /// Observed channels, in creation order.
    pub channels: Vec<ChannelSnapshot>,
}

impl Snapshot {
    pub(crate) fn capture(inner: &Inner) -> Snapshot {
        let mut job = SnapshotJob::new(inner);
        loop {
            if let Some(snap) = job.step(inner, &mut || true) {
                return snap;
            }
        }
    }
}

/// A raw group: its key (the whole stack, state, leaked, creator), its first slot, its
/// members, the earliest park and the earliest collection stamp.
struct Raw {
    stack: Vec<Loc>,
    state: &'static str,
    leaked: bool,
    creator: Option<Loc>,
    first: u32,
    goids: Vec<Goid>,
    since: Option<Time>,
    timed: Option<Time>,
}

impl Raw {
    fn is(&self, key: &GroupKey<'_>) -> bool {
        self.stack.as_slice() == key.0 && self.state == key.1 && self.leaked == key.2 && self.creator == key.3
    }
}

/// A [`Snapshot`] taken a slice of goroutines at a time ([`crate::Sim::snapshot_step`]), so
/// that a page showing a million goroutines never spends more than a few milliseconds on it
/// at once. The process must not move between two steps (the caller starts afresh if it
/// did); the snapshot is then exactly the one [`crate::Sim::snapshot`] takes.
pub struct SnapshotJob {
    leak: LeakPass,
    leaked: Vec<bool>,
    /// The next registry slot to group.
    slot: usize,
    raw: Vec<Raw>,
    /// Raw groups by their key's hash.
    by_hash: HashMap<u64, Vec<usize>>,
    /// The raw group the previous goroutine joined: most goroutines join the same one as the
    /// goroutine before them, and comparing with it is cheaper than hashing.
    last: Option<usize>,
}

fn earliest(a: Option<Time>, b: Option<Time>) -> Option<Time> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl SnapshotJob {
    pub(crate) fn new(inner: &Inner) -> SnapshotJob {
        let st = inner.st.borrow();
        SnapshotJob {
            leak: LeakPass::new(&st),
            leaked: Vec::new(),
            slot: 0,
            raw: Vec::new(),
            by_hash: HashMap::default(),
            last: None,
        }
    }

    /// Goes on while `more()` says so (asked every thousand goroutines or so); the snapshot
    /// once it is complete.
    pub(crate) fn step(&mut self, inner: &Inner, more: &mut dyn FnMut() -> bool) -> Option<Snapshot> {
        let st = inner.st.borrow();
        if !self.leak.done() {
            if !self.leak.step(&st, more) {
                return None;
            }
            self.leaked = std::mem::replace(&mut self.leak, LeakPass::empty()).finish();
        }
        // Group by the raw stack (no allocation per goroutine); goroutines whose raw stacks
        // differ only in hidden runtime frames are merged afterwards.
        while self.slot < st.slots.len() {
            if !more() {
                return None;
            }
            let end = (self.slot + TICK).min(st.slots.len());
            for slot in self.slot..end {
                let Some(rec) = &st.slots[slot] else { continue };
                let status = st.status(slot as u32);
                let since = match status {
                    Status::Waiting { since, .. } => Some(since),
                    _ => None,
                };
                let timed = since.and(rec.gc_since);
                let key = (rec.stack.as_slice(), status.label(), self.leaked[slot], rec.created_by.map(|c| c.loc));
                let found = match self.last {
                    Some(i) if self.raw[i].is(&key) => Some(i),
                    _ => {
                        let h = hash(&key);
                        let found =
                            self.by_hash.get(&h).and_then(|c| c.iter().copied().find(|&i| self.raw[i].is(&key)));
                        if found.is_none() {
                            self.by_hash.entry(h).or_default().push(self.raw.len());
                        }
                        found
                    }
                };
                match found {
                    Some(i) => {
                        let g = &mut self.raw[i];
                        g.goids.push(rec.goid);
                        g.since = earliest(g.since, since);
                        g.timed = earliest(g.timed, timed);
                        self.last = Some(i);
                    }
                    None => {
                        self.last = Some(self.raw.len());
                        self.raw.push(Raw {
                            stack: key.0.to_vec(),
                            state: key.1,
                            leaked: key.2,
                            creator: key.3,
                            first: slot as u32,
                            goids: vec![rec.goid],
                            since,
                            timed,
                        });
                    }
                }
            }
            self.slot = end;
        }
        drop(st);
        Some(self.finish(inner))
    }

    fn finish(&mut self, inner: &Inner) -> Snapshot {
        let st = inner.st.borrow();
        let funcs = inner.funcs.borrow();
        let leaked = &self.leaked;
        let mut merged: HashMap<VisibleKey, usize> = HashMap::default();
        let mut groups: Vec<GroupSnapshot> = Vec::new();
        for Raw { first: slot, goids, since, timed, .. } in std::mem::take(&mut self.raw) {
            let rec = st.rec(slot);
            let status = st.status(slot);
            let visible: Vec<Loc> = rec
                .stack
                .iter()
                .rev()
                .copied()
                .filter(|l| {
                    let n = &funcs.get(l.func).spec.name;
                    n.contains('.') && !n.starts_with("runtime.")
                })
                .collect();
            let key = (visible, status.label(), leaked[slot as usize], rec.created_by.map(|c| c.loc));
            if let Some(&i) = merged.get(&key) {
                let g: &mut GroupSnapshot = &mut groups[i];
                g.goids.extend(goids);
                g.goids.sort_unstable();
                g.waiting_since = earliest(g.waiting_since, since);
                g.timed_since = earliest(g.timed_since, timed);
                continue;
            }
            let frames = key
                .0
                .iter()
                .map(|l| {
                    let f = funcs.get(l.func);
                    FrameSnapshot { func: f.spec.name.clone(), file: f.spec.file.clone(), line: l.line }
                })
                .collect();
            groups.push(GroupSnapshot {
                state: status.label().to_string(),
                frames,
                created_by: rec.created_by.map(|c| funcs.get(c.loc.func).spec.name.clone()),
                goids,
                waiting_since: since,
                timed_since: timed,
                leaked: leaked[slot as usize],
            });
            merged.insert(key, groups.len() - 1);
        }
        // No two groups share a goroutine, so the order is total and an unstable sort (less code
        // in the page's wasm than a stable one) gives the same result.
        groups.sort_unstable_by(|a, b| b.goids.len().cmp(&a.goids.len()).then(a.goids[0].cmp(&b.goids[0])));
        let channels = st.channels.iter().filter_map(|c| c.upgrade()).map(|c| c.observe(inner)).collect();
        Snapshot { now: st.now, num_goroutine: st.live, memory_bytes: st.memory_bytes(), groups, channels }
    }
}

fn hash(key: &GroupKey<'_>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    key.hash(&mut h);
    h.finish()
}
