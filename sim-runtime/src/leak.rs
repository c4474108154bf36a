//! Leak reasoning in the spirit of Go 1.26's goroutineleak profile: a goroutine is
//! leaked when it waits on primitives that no live goroutine, no global variable
//! and no pending timer can reach any more, so nothing can ever wake it.
//!
//! Goroutines stuck behind a *global* channel (a full `logCh`) are not leaked in
//! this sense: some code could still drain the channel. The lessons teach the
//! difference: such goroutines pile up just the same, but only a dump and a
//! trend show them.

use rustc_hash::FxHashMap as HashMap;
use std::cmp::Reverse;

use crate::goroutine::PrimId;
use crate::sim::{State, TimerAction};

/// One flag per registry slot: true for a leaked goroutine.
pub(crate) fn leaked(st: &State) -> Vec<bool> {
    let n = st.slots.len();
    // Primitive ids are dense, so reachability is a bit set indexed by id.
    let mut reach: Vec<u64> = vec![0; st.prim_count() / 64 + 1];
    let mut work: Vec<PrimId> = Vec::new();
    let mark = |p: PrimId, reach: &mut Vec<u64>, work: &mut Vec<PrimId>| {
        let (w, b) = (p.0 as usize / 64, p.0 % 64);
        if w >= reach.len() {
            reach.resize(w + 1, 0);
        }
        if reach[w] & (1 << b) == 0 {
            reach[w] |= 1 << b;
            work.push(p);
        }
    };
    for &p in &st.globals {
        mark(p, &mut reach, &mut work);
    }
    for Reverse(t) in st.timers.iter() {
        if let TimerAction::Fire(target) = &t.action {
            if target.is_current(t.seq) {
                if let Some(p) = target.prim() {
                    mark(p, &mut reach, &mut work);
                }
            }
        }
    }
    let mut edges: HashMap<PrimId, Vec<PrimId>> = HashMap::default();
    for &(a, b) in &st.ctx_edges {
        edges.entry(a).or_default().push(b);
    }
    // Goroutines that are not waiting on a primitive are live: running, runnable,
    // sleeping (a timer wakes them) or waiting on the network.
    let mut live = vec![false; n];
    let mut waiting_on: HashMap<PrimId, Vec<usize>> = HashMap::default();
    for (slot, rec) in st.slots.iter().enumerate() {
        let Some(rec) = rec else { continue };
        let blocked = match rec.wait {
            Some((reason, _)) => !(reason.is_timed() || reason.is_external()),
            None => false,
        };
        if blocked {
            for &p in &rec.blocked_on {
                waiting_on.entry(p).or_default().push(slot);
            }
        } else {
            live[slot] = true;
            for &p in &rec.refs {
                mark(p, &mut reach, &mut work);
            }
        }
    }
    while let Some(p) = work.pop() {
        if let Some(children) = edges.get(&p) {
            for &c in children {
                mark(c, &mut reach, &mut work);
            }
        }
        if let Some(slots) = waiting_on.remove(&p) {
            for s in slots {
                if !live[s] {
                    live[s] = true;
                    if let Some(rec) = &st.slots[s] {
                        for &q in &rec.refs {
                            mark(q, &mut reach, &mut work);
                        }
                    }
                }
            }
        }
    }
    st.slots
        .iter()
        .enumerate()
        .map(|(slot, rec)| match rec {
            Some(rec) => !live[slot] && !matches!(rec.wait, Some((r, _)) if r.is_external()),
            None => false,
        })
        .collect()
}
