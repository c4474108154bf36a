//! Groups goroutines with identical stacks, as panicparse does: the same wait
//! reason, the same frames (function, file, line; optionally the arguments)
//! and the same `created by` location make one group.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::{package, Creator, Dump, Frame};

/// How strictly stacks must match to share a group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Grouping {
    /// Functions, files and lines must match; arguments (pointers, mostly) may differ.
    #[default]
    IgnoreArgs,
    /// The arguments must match too.
    Exact,
}

/// Where a function comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Go's standard library, the runtime included.
    Std,
    /// Everything else: the program's own packages and its dependencies.
    User,
}

/// The top-level directories of Go's standard library (Go 1.19 to 1.26). A
/// package whose import path starts with one of them is the standard
/// library's; `vendor/` and `cmd/` hold the toolchain's own copies.
const STD_ROOTS: &[&str] = &[
    "archive",
    "bufio",
    "bytes",
    "cmd",
    "cmp",
    "compress",
    "container",
    "context",
    "crypto",
    "database",
    "debug",
    "embed",
    "encoding",
    "errors",
    "expvar",
    "flag",
    "fmt",
    "go",
    "hash",
    "html",
    "image",
    "index",
    "internal",
    "io",
    "iter",
    "log",
    "maps",
    "math",
    "mime",
    "net",
    "os",
    "path",
    "plugin",
    "reflect",
    "regexp",
    "runtime",
    "slices",
    "sort",
    "strconv",
    "strings",
    "structs",
    "sync",
    "syscall",
    "testing",
    "text",
    "time",
    "unicode",
    "unique",
    "unsafe",
    "vendor",
    "weak",
];

/// Whether `function` belongs to the standard library or to the program.
///
/// ```
/// use dumpread::{origin, Origin};
/// assert_eq!(origin("net/http.(*conn).serve"), Origin::Std);
/// assert_eq!(origin("main.handler.func1"), Origin::User);
/// assert_eq!(origin("github.com/acme/svc.(*Pool).get"), Origin::User);
/// ```
pub fn origin(function: &str) -> Origin {
    let pkg = package(function);
    let root = pkg.split('/').next().unwrap_or(pkg);
    if STD_ROOTS.contains(&root) {
        Origin::Std
    } else {
        Origin::User
    }
}

/// Whether Go's traceback hides `function` (an unexported runtime function or
/// `runtime.goexit`) where the protobuf profile lists it.
fn hidden_runtime(function: &str) -> bool {
    let name = function.strip_prefix("runtime.").or_else(|| function.strip_prefix("internal/runtime/"));
    match name {
        Some(rest) => rest == "goexit" || !rest.starts_with(|c: char| c.is_ascii_uppercase()),
        None => false,
    }
}

/// The frames a traceback would show: Go's traceback hides unexported
/// runtime functions (`runtime.gopark`, `runtime.chansend1`, `runtime.main`,
/// `runtime.goexit`) where debug=1 keeps `runtime.main` and the protobuf
/// profile keeps them all; a stack of nothing else (a runtime goroutine in a
/// SIGQUIT dump) is kept whole.
pub(crate) fn visible(dump: &Dump, frames: &[Frame]) -> Vec<Frame> {
    let shown: Vec<Frame> = frames.iter().copied().filter(|f| !hidden_runtime(dump.name(f.function))).collect();
    if shown.is_empty() {
        frames.to_vec()
    } else {
        shown
    }
}

/// Goroutines with the same stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// How many goroutines.
    pub count: u64,
    /// The wait reason or status they share, `None` in formats without one (debug=1, protobuf).
    pub reason: Option<String>,
    /// Whether they are marked `(leaked)` (Go 1.26) or come from a goroutineleak profile.
    pub leaked: bool,
    /// How many are locked to their thread.
    pub locked_to_thread: u64,
    /// How many have waited how many whole minutes; goroutines that waited
    /// less than a minute (Go prints no minutes then) count under 0.
    pub minutes: BTreeMap<u32, u64>,
    /// The frames, innermost first, of the group's first goroutine.
    pub frames: Vec<Frame>,
    /// Its `created by` (with the first goroutine's parent).
    pub created_by: Option<Creator>,
    /// The stack was deeper than Go prints.
    pub elided: bool,
    /// Indices into [`Dump::records`] of the group's records, in input order.
    pub records: Vec<usize>,
}

impl Group {
    /// The longest wait in whole minutes (0 when all waited less than a minute).
    pub fn longest_minutes(&self) -> u32 {
        self.minutes.keys().next_back().copied().unwrap_or(0)
    }

    /// The innermost frame outside the standard library, or `None` when the
    /// whole stack is the standard library's (net/http's own goroutines).
    pub fn own_frame(&self, dump: &Dump) -> Option<Frame> {
        self.frames.iter().copied().find(|f| origin(dump.name(f.function)) == Origin::User)
    }

    /// The innermost frame as a traceback shows it.
    pub fn top_frame(&self, dump: &Dump) -> Option<Frame> {
        visible(dump, &self.frames).first().copied()
    }

    /// The group's goroutine ids, when the format has them.
    pub fn goroutines<'a>(&'a self, dump: &'a Dump) -> impl Iterator<Item = u64> + 'a {
        self.records.iter().filter_map(move |&i| dump.records[i].goroutine)
    }
}

/// The key a group is found by: wait reason, leaked, elided, creator, frames.
fn key(dump: &Dump, rec: &crate::Record, reason: u32, how: Grouping, out: &mut Vec<u32>) {
    out.clear();
    let leaked = dump.leak_profile || rec.state.as_ref().is_some_and(|s| s.leaked);
    out.extend([reason, u32::from(leaked), u32::from(rec.elided)]);
    match rec.created_by {
        Some(c) => out.extend([c.function.0, c.file.0, c.line]),
        None => out.extend([u32::MAX; 3]),
    }
    // `visible`, without allocating: this runs once per goroutine.
    let hidden = |f: &Frame| hidden_runtime(dump.name(f.function));
    let any_shown = rec.frames.iter().any(|f| !hidden(f));
    for f in rec.frames.iter().filter(|f| !any_shown || !hidden(f)) {
        out.extend([f.function.0, f.file.0, f.line]);
        if how == Grouping::Exact {
            out.push(f.args.0);
        }
    }
}

/// Groups the goroutines of `dump`, largest group first (ties in input order).
///
/// ```
/// let text = "goroutine 1 [select]:\nmain.a(0x1)\n\t/m.go:3 +0x1\n\n\
///             goroutine 2 [select, 4 minutes]:\nmain.a(0x2)\n\t/m.go:3 +0x1\n";
/// let dump = dumpread::parse(text.as_bytes()).unwrap();
/// let groups = dumpread::group(&dump, dumpread::Grouping::IgnoreArgs);
/// assert_eq!((groups.len(), groups[0].count, groups[0].longest_minutes()), (1, 2, 4));
/// assert_eq!(dumpread::group(&dump, dumpread::Grouping::Exact).len(), 2);
/// ```
pub fn group(dump: &Dump, how: Grouping) -> Vec<Group> {
    let mut reasons: FxHashMap<&str, u32> = FxHashMap::default();
    let mut index: FxHashMap<Vec<u32>, usize> = FxHashMap::default();
    let mut groups: Vec<Group> = Vec::new();
    let mut k = Vec::new();
    for (i, rec) in dump.records.iter().enumerate() {
        let reason_text = rec.state.as_ref().map(|s| s.reason.as_str());
        let next = reasons.len() as u32;
        let reason = reason_text.map_or(u32::MAX, |r| *reasons.entry(r).or_insert(next));
        key(dump, rec, reason, how, &mut k);
        let g = match index.get(&k) {
            Some(&g) => g,
            None => {
                index.insert(k.clone(), groups.len());
                groups.push(Group {
                    count: 0,
                    reason: reason_text.map(str::to_string),
                    leaked: dump.leak_profile || rec.state.as_ref().is_some_and(|s| s.leaked),
                    locked_to_thread: 0,
                    minutes: BTreeMap::new(),
                    frames: rec.frames.clone(),
                    created_by: rec.created_by,
                    elided: rec.elided,
                    records: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[g];
        g.count = g.count.saturating_add(rec.count);
        g.records.push(i);
        if let Some(s) = &rec.state {
            *g.minutes.entry(s.minutes.unwrap_or(0)).or_insert(0) += rec.count;
            if s.locked_to_thread {
                g.locked_to_thread += rec.count;
            }
        }
    }
    // A stable sort keeps input order among equal counts.
    groups.sort_by_key(|g| std::cmp::Reverse(g.count));
    groups
}

/// A filter over groups; every field set must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// A frame's function contains this text.
    pub function: Option<String>,
    /// A frame's package is exactly this (`net/http`, `main`).
    pub package: Option<String>,
    /// The wait reason contains this text (`chan`, `select`).
    pub state: Option<String>,
    /// The longest wait is at least this many minutes.
    pub min_minutes: Option<u32>,
    /// The stack has a frame outside the standard library.
    pub own_code: bool,
}

impl Query {
    /// Whether `g` (a group of `dump`) passes the filter.
    pub fn matches(&self, dump: &Dump, g: &Group) -> bool {
        let names = || g.frames.iter().map(|f| dump.name(f.function));
        self.function.as_ref().is_none_or(|t| names().any(|n| n.contains(t.as_str())))
            && self.package.as_ref().is_none_or(|p| names().any(|n| package(n) == p))
            && self.state.as_ref().is_none_or(|s| g.reason.as_ref().is_some_and(|r| r.contains(s.as_str())))
            && self.min_minutes.is_none_or(|m| g.longest_minutes() >= m)
            && (!self.own_code || g.own_frame(dump).is_some())
    }
}
