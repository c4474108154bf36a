//! Two dumps compared stack by stack, as `go tool pprof -diff_base` does: a
//! stack is its functions, files and lines (as a traceback shows them), and
//! each stack's change in count is reported, largest growth first.

use rustc_hash::FxHashMap;

use crate::group::visible;
use crate::{group, Dump, Group, Grouping};

/// One stack's change between the base dump and the current one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Goroutines with this stack in the base dump.
    pub base: u64,
    /// Goroutines with this stack now.
    pub now: u64,
    /// The first group of the current dump with this stack, if it has one.
    pub now_group: Option<usize>,
    /// The first group of the base dump with this stack, if it has one.
    pub base_group: Option<usize>,
}

impl Change {
    /// `now - base`, saturated to the range of `i64`.
    pub fn delta(&self) -> i64 {
        let d = i128::from(self.now) - i128::from(self.base);
        d.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }
}

/// The comparison of two dumps.
#[derive(Clone, Debug)]
pub struct Diff {
    /// The base dump's groups ([`Grouping::IgnoreArgs`]).
    pub base_groups: Vec<Group>,
    /// The current dump's groups.
    pub now_groups: Vec<Group>,
    /// Every stack of either dump, largest growth first; stacks that shrank
    /// last, most shrunk at the end; equal changes by their count now.
    pub changes: Vec<Change>,
}

/// A stack as text, so that stacks of two dumps (two symbol tables) compare.
fn stack_key(dump: &Dump, g: &Group) -> Vec<(String, String, u32)> {
    visible(dump, &g.frames)
        .into_iter()
        .map(|f| (dump.name(f.function).to_string(), dump.name(f.file).to_string(), f.line))
        .collect()
}

/// Compares `now` against `base`: text with text, a protobuf profile with
/// another, or any mix (the stacks are compared by function, file and line).
///
/// ```
/// let one = "goroutine 1 [chan send]:\nmain.f()\n\t/m.go:3 +0x1\n";
/// let three = format!("{one}\n{}\n{}", one.replace(" 1 ", " 2 "), one.replace(" 1 ", " 3 "));
/// let d = dumpread::diff(&dumpread::parse(one.as_bytes()).unwrap(), &dumpread::parse(three.as_bytes()).unwrap());
/// assert_eq!(d.changes[0].delta(), 2);
/// ```
pub fn diff(base: &Dump, now: &Dump) -> Diff {
    let base_groups = group(base, Grouping::IgnoreArgs);
    let now_groups = group(now, Grouping::IgnoreArgs);
    let mut index: FxHashMap<Vec<(String, String, u32)>, usize> = FxHashMap::default();
    let mut changes: Vec<Change> = Vec::new();
    for (i, g) in now_groups.iter().enumerate() {
        let k = stack_key(now, g);
        match index.get(&k) {
            Some(&c) => changes[c].now = changes[c].now.saturating_add(g.count),
            None => {
                index.insert(k, changes.len());
                changes.push(Change { base: 0, now: g.count, now_group: Some(i), base_group: None });
            }
        }
    }
    for (i, g) in base_groups.iter().enumerate() {
        let k = stack_key(base, g);
        match index.get(&k) {
            Some(&c) => {
                let ch = &mut changes[c];
                ch.base = ch.base.saturating_add(g.count);
                ch.base_group.get_or_insert(i);
            }
            None => {
                index.insert(k, changes.len());
                changes.push(Change { base: g.count, now: 0, now_group: None, base_group: Some(i) });
            }
        }
    }
    // Stable: equal changes keep the order above (current dump's largest groups first).
    changes.sort_by(|a, b| b.delta().cmp(&a.delta()).then(b.now.cmp(&a.now)));
    Diff { base_groups, now_groups, changes }
}
