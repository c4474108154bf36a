//! Leak reasoning in the spirit of Go 1.26's goroutineleak profile: a goroutine is
//! leaked when it waits on primitives that no live goroutine, no global variable
//! and no pending timer can reach any more, so nothing can ever wake it.
//!
//! Goroutines stuck behind a *global* channel (a full `logCh`) are not leaked in
//! this sense: some code could still drain the channel. The lessons teach the
//! difference: such goroutines pile up just the same, but only a dump and a
//! trend show them.

use std::cmp::Reverse;

use crate::goroutine::PrimId;
use crate::sim::{State, TimerAction};

/// One flag per registry slot: true for a leaked goroutine.
/// `from` and `to` as one sortable u64.
fn pair(from: u32, to: u32) -> u64 {
    (u64::from(from) << 32) | u64::from(to)
}

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
    // Adjacency lists as sorted pairs, found by binary search: a hash map of vectors costs an
    // allocation per context (every request's, for as long as the run lasts) on every call.
    // A pair is one u64 (`from << 32 | to`), so that this sort is the same code as every
    // other u64 sort in the page's wasm.
    let mut edges: Vec<u64> = st.ctx_edges.iter().map(|&(a, b)| pair(a.0, b.0)).collect();
    edges.sort_unstable();
    // Goroutines that are not waiting on a primitive are live: running, runnable,
    // sleeping (a timer wakes them) or waiting on the network.
    let mut live = vec![false; n];
    let mut waiting_on: Vec<u64> = Vec::new();
    for (slot, rec) in st.slots.iter().enumerate() {
        let Some(rec) = rec else { continue };
        let blocked = match rec.wait {
            Some((reason, _)) => !(reason.is_timed() || reason.is_external()),
            None => false,
        };
        if blocked {
            waiting_on.extend(rec.blocked_on.iter().map(|p| pair(p.0, slot as u32)));
        } else {
            live[slot] = true;
            for &p in &rec.refs {
                mark(p, &mut reach, &mut work);
            }
        }
    }
    waiting_on.sort_unstable();
    // Each primitive is marked, and so taken from `work`, once.
    let of = |pairs: &[u64], p: PrimId| {
        let from = pairs.partition_point(|&e| ((e >> 32) as u32) < p.0);
        let to = from + pairs[from..].partition_point(|&e| (e >> 32) as u32 == p.0);
        (from, to)
    };
    while let Some(p) = work.pop() {
        let (from, to) = of(&edges, p);
        for &e in &edges[from..to] {
            mark(PrimId(e as u32), &mut reach, &mut work);
        }
        let (from, to) = of(&waiting_on, p);
        for &e in &waiting_on[from..to] {
            let s = e as u32 as usize;
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
    st.slots
        .iter()
        .enumerate()
        .map(|(slot, rec)| match rec {
            Some(rec) => !live[slot] && !matches!(rec.wait, Some((r, _)) if r.is_external()),
            None => false,
        })
        .collect()
}
