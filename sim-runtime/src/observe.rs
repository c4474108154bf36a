//! Dumps as an observing goroutine would print them, without disturbing the run.
//!
//! A dump served by `net/http/pprof` is printed by a connection goroutine that
//! runs the pprof handler, next to the background-read goroutine net/http starts
//! for that connection. Running those goroutines for real would use up goroutine
//! ids and registry slots and so change everything printed after it. Instead they
//! are inserted for the length of the dump, exactly where Go would put them (the
//! next ids, the most recently freed slots), and removed again: looking at the
//! simulation never changes it.

use crate::dump::DumpKind;
use crate::funcs::{FuncId, Loc};
use crate::goroutine::{CreatedBy, GRec, Goid};
use crate::sim::{Inner, State};

/// The goroutine that prints a dump, and the one it started just before.
#[derive(Clone, Debug)]
pub struct Observer {
    /// Its frames, from its start function (first) to the innermost call (last).
    pub stack: Vec<Loc>,
    /// Where it was created (`net/http.(*Server).Serve` in the accept goroutine).
    pub created_by: Option<(Loc, Goid)>,
    /// A goroutine it created that has not run yet: `(start wrapper, entry, go
    /// statement)`, such as net/http's `startBackgroundRead.gowrap2`.
    pub unstarted_child: Option<(FuncId, FuncId, Loc)>,
    /// The word its frames print for a `D` in their argument templates (a
    /// sleeper's duration elsewhere): for the pprof handler, the length of the
    /// profile's name (`goroutine`, `goroutineleak`).
    pub word: u64,
}

struct Saved {
    next_goid: Goid,
    current: Option<u32>,
    taken: Vec<(u32, bool)>,
}

fn insert(st: &mut State, rec: GRec) -> (u32, bool) {
    match st.free.pop() {
        Some(slot) => {
            st.slots[slot as usize] = Some(rec);
            (slot, true)
        }
        None => {
            st.slots.push(Some(rec));
            ((st.slots.len() - 1) as u32, false)
        }
    }
}

fn rec(goid: Goid, stack: Vec<Loc>, created_by: Option<CreatedBy>, started: bool, start_as: FuncId) -> GRec {
    GRec {
        goid,
        created_by,
        stack,
        wait: None,
        blocked_on: Vec::new(),
        refs: Vec::new(),
        stack_bytes: 0,
        heap_bytes: 0,
        sleep_arg: 0,
        started,
        start_as,
        gc_since: None,
    }
}

fn enter(st: &mut State, obs: &Observer) -> Saved {
    let next_goid = st.peek_goid();
    let saved_current = st.current;
    let goid = st.take_goid();
    let created_by = obs.created_by.map(|(loc, parent)| CreatedBy { loc, parent });
    let entry = obs.stack.first().map(|l| l.func).unwrap_or(FuncId(0));
    let mut writer = rec(goid, obs.stack.clone(), created_by, true, entry);
    writer.sleep_arg = obs.word;
    let mut taken = vec![insert(st, writer)];
    st.current = Some(taken[0].0);
    st.live += 1;
    if let Some((wrapper, entry, at)) = obs.unstarted_child {
        let child = st.take_goid();
        let cb = CreatedBy { loc: at, parent: goid };
        let r = rec(child, vec![Loc { func: entry, line: at.line }], Some(cb), false, wrapper);
        taken.push(insert(st, r));
        st.live += 1;
    }
    Saved { next_goid, current: saved_current, taken }
}

fn leave(st: &mut State, saved: Saved) {
    for (slot, reused) in saved.taken.into_iter().rev() {
        st.slots[slot as usize] = None;
        st.live -= 1;
        if reused {
            st.free.push(slot);
        } else {
            st.slots.pop();
        }
    }
    st.current = saved.current;
    st.restore_goid(saved.next_goid);
}

impl Inner {
    pub(crate) fn observed<R>(&self, obs: &Observer, f: impl FnOnce(&Inner) -> R) -> R {
        let saved = enter(&mut self.st.borrow_mut(), obs);
        let r = f(self);
        leave(&mut self.st.borrow_mut(), saved);
        r
    }
}

impl crate::Sim {
    /// The dump `obs` would print at this instant, as if it were running.
    pub fn dump_observed(&self, kind: DumpKind, obs: &Observer) -> String {
        self.inner().observed(obs, |inner| crate::dump_inner(inner, kind))
    }

    /// [`crate::Sim::dump_part`] of the dump `obs` would print at this instant.
    pub fn dump_observed_part(
        &self,
        kind: DumpKind,
        obs: &Observer,
        cursor: &mut crate::DumpCursor,
        budget: usize,
        out: &mut String,
    ) {
        self.inner().observed(obs, |inner| crate::part_inner(inner, kind, cursor, budget, out));
    }

    /// The gzipped protobuf profile `obs` would serve at this instant.
    #[cfg(feature = "gzip")]
    pub fn profile_observed(&self, obs: &Observer) -> Vec<u8> {
        crate::pprof::gzip(&self.profile_observed_raw(obs))
    }

    /// [`Sim::profile_observed`]'s protobuf before it is gzipped.
    pub fn profile_observed_raw(&self, obs: &Observer) -> Vec<u8> {
        self.inner().observed(obs, crate::profile_inner)
    }
}
