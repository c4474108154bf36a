//! One consistent view of the process at an instant, from the registry. Tables,
//! badges, charts and dumps in the UI all read the same snapshot.

use rustc_hash::FxHashMap as HashMap;

use crate::funcs::Loc;
use crate::goroutine::{Goid, PrimId, Status};
use crate::sim::Inner;
use crate::time::Time;

/// What makes groups one for the UI: visible frames, state, leaked, creator.
type VisibleKey = (Vec<Loc>, &'static str, bool, Option<Loc>);

/// A raw group key: the whole stack, state, leaked, creator.
type GroupKey<'a> = (&'a [Loc], &'static str, bool, Option<Loc>);

/// A raw group: its first slot, its members, the earliest park and the earliest
/// collection stamp.
type RawGroup = (u32, Vec<Goid>, Option<Time>, Option<Time>);

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
        let st = inner.st.borrow();
        let funcs = inner.funcs.borrow();
        let leaked = crate::leak::leaked(&st);
        // Group by the raw stack (no allocation per goroutine); goroutines whose raw
        // stacks differ only in hidden runtime frames are merged afterwards.
        let mut key_of: HashMap<GroupKey<'_>, usize> = HashMap::default();
        let mut raw: Vec<RawGroup> = Vec::new();
        let earliest = |a: Option<Time>, b: Option<Time>| match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        for (slot, rec) in st.slots.iter().enumerate() {
            let Some(rec) = rec else { continue };
            let status = st.status(slot as u32);
            let since = match status {
                Status::Waiting { since, .. } => Some(since),
                _ => None,
            };
            let timed = since.and(rec.gc_since);
            let key = (rec.stack.as_slice(), status.label(), leaked[slot], rec.created_by.map(|c| c.loc));
            match key_of.get(&key) {
                Some(&i) => {
                    let g = &mut raw[i];
                    g.1.push(rec.goid);
                    g.2 = earliest(g.2, since);
                    g.3 = earliest(g.3, timed);
                }
                None => {
                    key_of.insert(key, raw.len());
                    raw.push((slot as u32, vec![rec.goid], since, timed));
                }
            }
        }
        let mut merged: HashMap<VisibleKey, usize> = HashMap::default();
        let mut groups: Vec<GroupSnapshot> = Vec::new();
        for (slot, goids, since, timed) in raw {
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
