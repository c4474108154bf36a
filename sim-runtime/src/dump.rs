//! Goroutine dumps in Go's exact formats: `/debug/pprof/goroutine?debug=2` (every
//! goroutine), `?debug=1` (grouped by stack, tab-aligned as Go's `text/tabwriter`
//! does), goleak's report, Go 1.26's goroutineleak profile, and the protobuf profile.

use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write;

use crate::funcs::{lines, Args, FuncTable, Loc, Std};
use crate::goroutine::GRec;
use crate::leak::LeakPass;
use crate::pprof::{ProfileFrame, ProfileSample};
use crate::sim::State;
use crate::time::Duration;

/// Which dump to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DumpKind {
    /// `/debug/pprof/goroutine?debug=1`
    Debug1,
    /// `/debug/pprof/goroutine?debug=2`
    Debug2,
    /// goleak's `found unexpected goroutines` report.
    Goleak,
    /// Go 1.26's `/debug/pprof/goroutineleak?debug=1`.
    Leak1,
    /// Go 1.26's `/debug/pprof/goroutineleak?debug=2`.
    Leak2,
}

/// One frame ready for printing, innermost first.
pub(crate) struct PFrame {
    pub loc: Loc,
    /// The return PC Go records for this frame (a fake PC for a frame whose
    /// callee was inlined into it).
    pub pc: u64,
    /// The entry of the physical function this frame's code lives in.
    pub entry: u64,
    /// The frame was inlined into the next one.
    pub inlined: bool,
    /// The offset printed after `+` in debug=2 (physical frames only).
    pub off2: u64,
}

/// The frames of `rec`, innermost first, including runtime frames and the
/// goroutine's bottom (`runtime.main` for main, then `runtime.goexit`).
pub(crate) fn frames(rec: &GRec, funcs: &FuncTable, std: &Std) -> Vec<PFrame> {
    if !rec.started {
        // Not yet scheduled: Go records only `runtime.goexit` (entry + 1).
        let entry = funcs.get(std.goexit).entry;
        return vec![PFrame {
            loc: Loc { func: std.goexit, line: lines::GOEXIT },
            pc: entry + 1,
            entry,
            inlined: false,
            off2: 1,
        }];
    }
    let mut locs: Vec<Loc> = rec.stack.iter().rev().copied().collect();
    if rec.goid == 1 {
        locs.push(Loc { func: std.runtime_main, line: lines::RUNTIME_MAIN });
    }
    locs.push(Loc { func: std.goexit, line: lines::GOEXIT });
    let mut out = Vec::with_capacity(locs.len());
    let mut i = 0;
    while i < locs.len() {
        // A run: inlined frames followed by the physical frame they were inlined into.
        let mut j = i;
        while j + 1 < locs.len() && funcs.get(locs[j].func).spec.inlined {
            j += 1;
        }
        let entry = funcs.get(locs[j].func).entry;
        let ret = entry + funcs.ret_off(locs[i]);
        for (k, &loc) in locs.iter().enumerate().take(j + 1).skip(i) {
            let pc = if k == i { ret } else { entry + funcs.mark_off(loc) + 1 };
            out.push(PFrame { loc, pc, entry, inlined: k < j, off2: ret - entry });
        }
        i = j + 1;
    }
    out
}

/// Whether Go's traceback shows a frame of this function in `runtime.Stack`.
fn show_frame(name: &str) -> bool {
    if !name.contains('.') {
        return false;
    }
    match name.strip_prefix("runtime.") {
        Some(rest) => rest.starts_with(|c: char| c.is_ascii_uppercase()) || name == "runtime.gopanic",
        None => true,
    }
}

fn pointer(goid: u64, idx: u64) -> u64 {
    0xc000_000000 + ((goid.wrapping_mul(0x2f1) + idx * 0x48) % 0x7_ffff) * 0x10 + 0x8
}

fn write_args(out: &mut String, args: &Args, rec: &GRec, depth: u64) {
    match args {
        Args::None => out.push_str("()"),
        Args::Words(tpl) => {
            out.push('(');
            let mut idx = depth * 3;
            let bytes = tpl.as_bytes();
            let mut k = 0;
            while k < bytes.len() {
                let c = bytes[k] as char;
                let starts_token = k == 0 || !(bytes[k - 1] as char).is_ascii_alphanumeric();
                let ends = |n: usize| n >= bytes.len() || !(bytes[n] as char).is_ascii_alphanumeric();
                if starts_token && c == 'P' && ends(k + 1) {
                    let _ = write!(out, "{:#x}", pointer(rec.goid, idx));
                    idx += 1;
                    k += 1;
                } else if starts_token && c == 'D' && ends(k + 1) {
                    let _ = write!(out, "{:#x}", rec.sleep_arg);
                    k += 1;
                } else {
                    out.push(c);
                    k += 1;
                }
            }
            out.push(')');
        }
    }
}

/// The bracket content of a goroutine's header: `chan send, 3 minutes`.
/// `leaked` is `Some` in the goroutineleak profile: Go 1.26 prints it after a
/// collection of its own, so a waiting goroutine that no collection had seen yet
/// is timed from the one before (as that collection's `markroot` would stamp
/// it), and a leaked one (`_Gleaked`, not `_Gwaiting`) shows ` (leaked)` and
/// never any minutes (traceback.go's `goroutineheader`).
pub(crate) fn state_text(st: &State, slot: u32, leaked: Option<bool>) -> String {
    let status = st.status(slot);
    let mut s = status.label().to_string();
    if leaked == Some(true) {
        s.push_str(" (leaked)");
        return s;
    }
    // Go times a wait from the first collection that saw it (`gp.waitsince`),
    // not from the park: without a collection there are no minutes at all.
    let rec = st.rec(slot);
    let since = match leaked {
        Some(_) if rec.wait.is_some() => rec.gc_since.or(st.gc.tstart),
        _ => rec.gc_since,
    };
    if let (crate::goroutine::Status::Waiting { .. }, Some(since)) = (status, since) {
        let mins = (st.now.0 - since.0) / Duration::MINUTE.0;
        if mins >= 1 {
            let _ = write!(s, ", {mins} minutes");
        }
    }
    s
}

/// The stack part of a debug=2 entry (frames and `created by`), without the header.
fn write_stack(out: &mut String, st: &State, funcs: &FuncTable, std: &Std, slot: u32) {
    let rec = st.rec(slot);
    if !rec.started {
        // Created but never scheduled: Go shows the start function (or its
        // wrapper) at the `go` statement and, unusually, `runtime.goexit`.
        let start = funcs.get(rec.start_as);
        let line = rec.created_by.map_or(start.spec.decl_line, |c| c.loc.line);
        let goexit = funcs.get(std.goexit);
        let _ = writeln!(out, "{}()\n\t{}:{}", start.spec.name, start.spec.file, line);
        let _ = writeln!(out, "runtime.goexit({{}})\n\t{}:{} +0x1", goexit.spec.file, lines::GOEXIT);
    } else {
        write_frames(out, funcs, std, rec);
    }
    write_created_by(out, funcs, rec);
}

fn write_frames(out: &mut String, funcs: &FuncTable, std: &Std, rec: &GRec) {
    for (depth, f) in frames(rec, funcs, std).into_iter().enumerate() {
        let info = funcs.get(f.loc.func);
        let name = if f.loc.func == std.gopanic { "panic" } else { info.spec.name.as_str() };
        if !show_frame(&info.spec.name) {
            continue;
        }
        out.push_str(name);
        if f.inlined {
            out.push_str("(...)");
            let _ = writeln!(out, "\n\t{}:{}", info.spec.file, f.loc.line);
        } else {
            write_args(out, &info.spec.args, rec, depth as u64);
            let _ = writeln!(out, "\n\t{}:{} +{:#x}", info.spec.file, f.loc.line, f.off2);
        }
    }
}

fn write_created_by(out: &mut String, funcs: &FuncTable, rec: &GRec) {
    if let Some(cb) = rec.created_by {
        let info = funcs.get(cb.loc.func);
        let off = funcs.ret_off(cb.loc);
        let _ = write!(out, "created by {}", info.spec.name);
        if cb.parent != 0 {
            // A goroutine the runtime started (`time.goFunc`'s) has no parent: Go
            // prints no `in goroutine 0`.
            let _ = write!(out, " in goroutine {}", cb.parent);
        }
        let _ = writeln!(out, "\n\t{}:{} +{:#x}", info.spec.file, cb.loc.line, off);
    }
}

/// Writes one goroutine as `runtime.Stack` prints it: header, frames, `created by`.
pub(crate) fn write_goroutine(
    out: &mut String,
    st: &State,
    funcs: &FuncTable,
    std: &Std,
    slot: u32,
    leaked: Option<bool>,
    _panicking: bool,
) {
    let rec = st.rec(slot);
    let _ = writeln!(out, "goroutine {} [{}]:", rec.goid, state_text(st, slot, leaked));
    write_stack(out, st, funcs, std, slot);
}

/// Every goroutine, the running one first, separated by blank lines (debug=2).
pub(crate) fn write_all_goroutines(out: &mut String, st: &State, funcs: &FuncTable, std: &Std, _leak: bool) {
    write_part(out, st, funcs, std, DumpKind::Debug2, &mut DumpCursor::default(), usize::MAX);
}

/// `?debug=2`.
pub(crate) fn debug2(st: &State, funcs: &FuncTable, std: &Std) -> String {
    let mut out = String::with_capacity(st.live * 256);
    write_all_goroutines(&mut out, st, funcs, std, false);
    out
}

/// How far a per-goroutine dump (debug=2 or goleak) printed in parts has got: see
/// [`crate::Sim::dump_part`]. The parts, in order, are the dump's bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DumpCursor {
    /// The next slot to look at; `None` before the part that starts the dump.
    next: Option<usize>,
    /// Goroutines written so far.
    pub written: usize,
    /// Whether the dump is complete.
    pub done: bool,
    /// A grouped dump (debug=1, goroutineleak) being grouped a part at a time.
    group: Option<Box<GroupJob>>,
}

/// The prefix of goleak's report, before its first goroutine.
const GOLEAK_HEAD: &str = "goleak: Errors on successful test run: found unexpected goroutines:\n[";

/// Writes at most `budget` (at least one) more goroutines of a per-goroutine dump into `out` and moves
/// `cursor` on; `cursor.done` once the dump is complete. Debug=2 prints the running goroutine
/// first, then the others by slot, separated by blank lines; goleak prints every goroutine but
/// the test's own, `main` and the signal handler's, in one bracketed list. Other kinds are
/// printed whole.
pub(crate) fn write_part(
    out: &mut String,
    st: &State,
    funcs: &FuncTable,
    std: &Std,
    kind: DumpKind,
    cursor: &mut DumpCursor,
    budget: usize,
) {
    if cursor.done {
        return;
    }
    let goleak = kind == DumpKind::Goleak;
    let stop_at = cursor.written.saturating_add(budget.max(1));
    let emit = |out: &mut String, cursor: &mut DumpCursor, slot: u32| {
        if goleak {
            let rec = st.rec(slot);
            let top = frames(rec, funcs, std)
                .iter()
                .map(|f| funcs.get(f.loc.func).spec.name.as_str())
                .find(|n| show_frame(n))
                .unwrap_or("")
                .to_string();
            // goleak's built-in filter: the standard library's signal-handling goroutine.
            if top == "os/signal.signal_recv" || top == "os/signal.loop" {
                return;
            }
            out.push_str(if cursor.written == 0 { GOLEAK_HEAD } else { " " });
            let _ = writeln!(
                out,
                "Goroutine {} in state {}, with {} on top of the stack:",
                rec.goid,
                state_text(st, slot, None),
                top
            );
            write_stack(out, st, funcs, std, slot);
        } else {
            if cursor.written > 0 {
                out.push('\n');
            }
            write_goroutine(out, st, funcs, std, slot, None, false);
        }
        cursor.written += 1;
    };
    let mut slot = match cursor.next {
        Some(s) => s,
        None => {
            if let (Some(cur), false) = (st.current, goleak) {
                emit(out, cursor, cur);
            }
            0
        }
    };
    while slot < st.slots.len() && cursor.written < stop_at {
        if let Some(rec) = &st.slots[slot] {
            let skip = Some(slot as u32) == st.current || (goleak && rec.goid == 1);
            if !skip {
                emit(out, cursor, slot as u32);
            }
        }
        slot += 1;
    }
    cursor.next = Some(slot);
    if slot >= st.slots.len() {
        cursor.done = true;
        if goleak && cursor.written > 0 {
            out.push_str("]\n");
        }
    }
}

/// The goroutineleak profile with debug=2: after its leak-finding collection,
/// Go 1.26's `writeGoroutineLeak` prints every goroutine as `runtime.Stack`
/// does (the writer first), the leaked ones marked ` (leaked)`.
pub(crate) fn leak2(st: &State, funcs: &FuncTable, std: &Std, leaked: &[bool]) -> String {
    let mut out = String::with_capacity(st.live * 256);
    let mut first = true;
    let mut emit = |out: &mut String, slot: u32| {
        if !first {
            out.push('\n');
        }
        first = false;
        write_goroutine(out, st, funcs, std, slot, Some(leaked[slot as usize]), false);
    };
    if let Some(cur) = st.current {
        emit(&mut out, cur);
    }
    for (slot, rec) in st.slots.iter().enumerate() {
        if rec.is_some() && Some(slot as u32) != st.current {
            emit(&mut out, slot as u32);
        }
    }
    out
}

/// Groups goroutines by identical PC stacks: (return PCs, one member slot, count).
fn group(st: &State, funcs: &FuncTable, std: &Std, leaked: Option<Vec<bool>>) -> Vec<(Vec<u64>, u32, u64)> {
    let mut job = GroupJob::new(leaked);
    job.step(st, funcs, std, usize::MAX);
    job.finish()
}

/// Groups about `budget` more goroutines of a debug=1 or goroutineleak dump (the leak pass
/// first, for goroutineleak) and moves `cursor` on; the whole dump goes into `out` with the
/// last part, when `cursor.done`.
pub(crate) fn write_grouped_part(
    out: &mut String,
    st: &State,
    funcs: &FuncTable,
    std: &Std,
    kind: DumpKind,
    cursor: &mut DumpCursor,
    budget: usize,
) {
    if cursor.done {
        return;
    }
    let leak = kind == DumpKind::Leak1;
    let job =
        cursor.group.get_or_insert_with(|| Box::new(if leak { GroupJob::leaked(st) } else { GroupJob::new(None) }));
    // A part of a grouped dump prints nothing until the last, so the budget is a fixed amount
    // of work rather than what printing the caller's budget of goroutines would cost.
    let _ = budget;
    let done = job.step(st, funcs, std, GROUP_PART);
    cursor.written = job.slot;
    if !done {
        return;
    }
    let groups = cursor.group.take().map(|j| j.finish()).unwrap_or_default();
    write_count_profile(out, if leak { "goroutineleak" } else { "goroutine" }, groups, st, funcs, std);
    cursor.done = true;
}

/// Goroutines (or, during the leak pass, items of its work) grouped per part of a grouped dump.
const GROUP_PART: usize = 32 * crate::leak::TICK;

/// The grouping of a grouped dump, resumable: for goroutineleak, first the leak pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GroupJob {
    /// The leak pass still to finish (goroutineleak only).
    leak: Option<LeakPass>,
    /// Only these slots are grouped (goroutineleak: the leaked ones).
    include: Option<Vec<bool>>,
    /// The next slot.
    slot: usize,
    /// (return PCs, one member slot, count).
    groups: Vec<(Vec<u64>, u32, u64)>,
    /// The stack each group was found by (empty for a group no other goroutine may join).
    stacks: Vec<Vec<crate::funcs::Loc>>,
    /// Groups by their stack's hash.
    by_hash: HashMap<u64, Vec<usize>>,
    /// The group the previous goroutine joined: most goroutines join the same one as the
    /// goroutine before them, and comparing is cheaper than hashing.
    last: Option<usize>,
}

fn stack_hash(stack: &[crate::funcs::Loc]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    stack.hash(&mut h);
    h.finish()
}

impl GroupJob {
    fn new(include: Option<Vec<bool>>) -> GroupJob {
        GroupJob {
            leak: None,
            include,
            slot: 0,
            groups: Vec::new(),
            stacks: Vec::new(),
            by_hash: HashMap::default(),
            last: None,
        }
    }

    /// The goroutineleak profile's: the leaked goroutines, once the leak pass is done.
    fn leaked(st: &State) -> GroupJob {
        GroupJob { leak: Some(LeakPass::new(st)), ..GroupJob::new(Some(Vec::new())) }
    }

    /// Goes on for about `budget` goroutines; returns whether the grouping is complete.
    fn step(&mut self, st: &State, funcs: &FuncTable, std: &Std, budget: usize) -> bool {
        if let Some(pass) = &mut self.leak {
            let mut ticks = budget / crate::leak::TICK + 1;
            let done = pass.step(st, &mut || {
                ticks = ticks.saturating_sub(1);
                ticks > 0
            });
            if !done {
                return false;
            }
            self.include = self.leak.take().map(LeakPass::finish);
            return false;
        }
        let end = self.slot.saturating_add(budget).min(st.slots.len());
        for slot in self.slot..end {
            let Some(rec) = &st.slots[slot] else { continue };
            if self.include.as_ref().is_some_and(|inc| !inc[slot]) {
                continue;
            }
            // Goroutines with the same frames have the same PCs; main differs by its bottom.
            let joins = rec.goid != 1 && rec.started;
            if joins {
                let stack = rec.stack.as_slice();
                let found = match self.last {
                    Some(i) if self.stacks[i] == stack => Some(i),
                    _ => self
                        .by_hash
                        .get(&stack_hash(stack))
                        .and_then(|c| c.iter().copied().find(|&i| self.stacks[i] == stack)),
                };
                if let Some(i) = found {
                    self.groups[i].2 += 1;
                    self.last = Some(i);
                    continue;
                }
            }
            let pcs: Vec<u64> = frames(rec, funcs, std).iter().map(|f| f.pc).collect();
            if joins {
                self.by_hash.entry(stack_hash(&rec.stack)).or_default().push(self.groups.len());
                self.stacks.push(rec.stack.clone());
                self.last = Some(self.groups.len());
            } else {
                self.stacks.push(Vec::new());
            }
            self.groups.push((pcs, slot as u32, 1));
        }
        self.slot = end;
        end >= st.slots.len()
    }

    /// The groups, those with equal PCs merged.
    fn finish(self) -> Vec<(Vec<u64>, u32, u64)> {
        // Different frame lists can still give equal PCs; merge those as Go's keys would.
        let mut merged: HashMap<Vec<u64>, usize> = HashMap::default();
        let mut out: Vec<(Vec<u64>, u32, u64)> = Vec::new();
        for (pcs, slot, n) in self.groups {
            match merged.get(&pcs) {
                Some(&i) => out[i].2 += n,
                None => {
                    merged.insert(pcs.clone(), out.len());
                    out.push((pcs, slot, n));
                }
            }
        }
        out
    }
}

/// Go's `text/tabwriter` with minwidth 1, tabwidth 8, padding 1 and tab padding,
/// applied to one block of lines that all have the same number of cells. The last
/// cell of each line is not aligned.
fn tab_block(out: &mut String, rows: &[Vec<String>]) {
    let ncols = rows.first().map_or(0, |r| r.len().saturating_sub(1));
    let widths: Vec<usize> = (0..ncols)
        .map(|c| {
            let w = rows.iter().map(|r| r[c].chars().count() + 1).max().unwrap_or(1).max(1);
            w.div_ceil(8) * 8
        })
        .collect();
    for r in rows {
        for (c, cell) in r.iter().enumerate() {
            out.push_str(cell);
            if c < ncols {
                let n = widths[c] - cell.chars().count();
                for _ in 0..n.div_ceil(8) {
                    out.push('\t');
                }
            }
        }
        out.push('\n');
    }
}

fn write_count_profile(
    out: &mut String,
    header: &str,
    mut groups: Vec<(Vec<u64>, u32, u64)>,
    st: &State,
    funcs: &FuncTable,
    std: &Std,
) {
    let total: u64 = groups.iter().map(|g| g.2).sum();
    let _ = writeln!(out, "{header} profile: total {total}");
    let keyed: Vec<(String, usize)> = groups
        .iter()
        .enumerate()
        .map(|(i, (pcs, _, _))| {
            let mut k = String::from("@");
            for pc in pcs {
                let _ = write!(k, " {pc:#x}");
            }
            (k, i)
        })
        .collect();
    let mut order: Vec<usize> = (0..groups.len()).collect();
    // Each group's stack is its own, so the order is total: an unstable sort gives the same.
    order.sort_unstable_by(|&a, &b| groups[b].2.cmp(&groups[a].2).then_with(|| keyed[a].0.cmp(&keyed[b].0)));
    for i in order {
        let (_, slot, count) = std::mem::take(&mut groups[i]);
        let _ = writeln!(out, "{count} {}", keyed[i].0);
        let rec = st.rec(slot);
        let fr = frames(rec, funcs, std);
        let mut rows = Vec::new();
        let mut show = false;
        for f in &fr {
            let info = funcs.get(f.loc.func);
            let name = info.spec.name.as_str();
            if name == "runtime.goexit" || (!show && name.starts_with("runtime.")) {
                continue;
            }
            show = true;
            let pc = f.pc - 1;
            rows.push(vec![
                "#".to_string(),
                format!("{pc:#x}"),
                format!("{name}+{:#x}", pc - f.entry),
                format!("{}:{}", info.spec.file, f.loc.line),
            ]);
        }
        if rows.is_empty() {
            // Go prints every frame when hiding runtime frames would leave none,
            // except `runtime.goexit`, which it never prints.
            for f in &fr {
                let info = funcs.get(f.loc.func);
                if info.spec.name == "runtime.goexit" {
                    continue;
                }
                let pc = f.pc - 1;
                rows.push(vec![
                    "#".to_string(),
                    format!("{pc:#x}"),
                    format!("{}+{:#x}", info.spec.name, pc - f.entry),
                    format!("{}:{}", info.spec.file, f.loc.line),
                ]);
            }
        }
        tab_block(out, &rows);
        out.push('\n');
    }
}

/// `?debug=1`.
pub(crate) fn debug1(st: &State, funcs: &FuncTable, std: &Std) -> String {
    let mut out = String::new();
    let groups = group(st, funcs, std, None);
    write_count_profile(&mut out, "goroutine", groups, st, funcs, std);
    out
}

/// The goroutineleak profile with debug=1.
pub(crate) fn leak1(st: &State, funcs: &FuncTable, std: &Std, leaked: &[bool]) -> String {
    let mut out = String::new();
    let groups = group(st, funcs, std, Some(leaked.to_vec()));
    write_count_profile(&mut out, "goroutineleak", groups, st, funcs, std);
    out
}

/// goleak's report, as `VerifyTestMain` prints it, for every goroutine but the
/// running one and `main`; empty when there is none.
pub(crate) fn goleak(st: &State, funcs: &FuncTable, std: &Std) -> String {
    let mut out = String::new();
    write_part(&mut out, st, funcs, std, DumpKind::Goleak, &mut DumpCursor::default(), usize::MAX);
    out
}

/// The goroutine profile's protobuf (not gzipped), one sample per distinct stack.
pub(crate) fn profile_raw(st: &State, funcs: &FuncTable, std: &Std, time_nanos: i64) -> Vec<u8> {
    let groups = group(st, funcs, std, None);
    let mut samples = Vec::with_capacity(groups.len());
    for (_, slot, count) in &groups {
        let rec = st.rec(*slot);
        let fr = frames(rec, funcs, std);
        let frames: Vec<ProfileFrame<'_>> = fr
            .iter()
            .filter(|f| funcs.get(f.loc.func).spec.name != "runtime.goexit")
            .map(|f| {
                let info = funcs.get(f.loc.func);
                ProfileFrame {
                    function: info.spec.name.as_str(),
                    file: info.spec.file.as_str(),
                    line: f.loc.line,
                    pc: f.pc - 1,
                    inlined: f.inlined,
                }
            })
            .collect();
        samples.push(ProfileSample { frames, count: *count, labels: Vec::new() });
    }
    let exe = st.executable.as_ref().map(|(file, build_id)| crate::pprof::Executable { file, build_id });
    crate::pprof::encode_goroutine_profile_raw_of(&samples, time_nanos, exe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabwriter_matches_go_alignment() {
        // From Go 1.19's real dump: a 20-character name gets two tabs in a 32-wide column.
        let rows = vec![
            vec!["#".into(), "0x66ae53".into(), "main.logMessage+0x53".into(), "oracle/main.go:54".into()],
            vec!["#".into(), "0x66ae14".into(), "main.leakyLogHandler.func1+0x14".into(), "oracle/main.go:65".into()],
        ];
        let mut out = String::new();
        tab_block(&mut out, &rows);
        assert_eq!(
            out,
            "#\t0x66ae53\tmain.logMessage+0x53\t\toracle/main.go:54\n#\t0x66ae14\tmain.leakyLogHandler.func1+0x14\toracle/main.go:65\n"
        );
    }

    #[test]
    fn runtime_frames_are_hidden_except_exported_ones() {
        assert!(!show_frame("runtime.gopark"));
        assert!(!show_frame("runtime.goexit"));
        assert!(show_frame("runtime.Gosched"));
        assert!(show_frame("runtime/pprof.writeGoroutineStacks"));
        assert!(show_frame("time.Sleep"));
        assert!(show_frame("main.main"));
    }
}
