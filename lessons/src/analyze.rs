//! A learner's own goroutine dump, read with [`dumpread`]: which lesson
//! teaches each suspect's pattern (and at which instant it shows), and the
//! report `leaklab analyze` prints.
//!
//! ```
//! let mut cfg = lessons::RunConfig::defaults("pprof", "leaky").unwrap();
//! // Under load, so that collections run: only they give Go's dumps wait minutes.
//! for (k, v) in [("rate", "200"), ("duration", "30s")] {
//!     cfg.knobs.set(&cfg.lesson.knobs, k, v).unwrap();
//! }
//! let text = lessons::Run::new(cfg)
//!     .map(|mut run| {
//!         run.advance_to(sim_runtime::Time(sim_runtime::Duration::parse("2m").unwrap().0));
//!         run.dump(sim_runtime::DumpKind::Debug2)
//!     })
//!     .unwrap();
//! let dump = dumpread::parse(text.as_bytes()).unwrap();
//! let report = lessons::analyze::report(&dump, &Default::default(), dumpread::Grouping::IgnoreArgs);
//! assert!(report.contains("These 6000 goroutines have been sleeping for up to 1 minute"), "{report}");
//! assert!(report.contains("at main.leakHandler.func1 (/app/main.go:12)"), "{report}");
//! ```

use std::fmt::Write as _;

use dumpread::{diff, group, origin, suspects, Dump, Group, Grouping, Origin, Pattern, Query, Suspect};

/// The lesson that teaches a pattern, opened where it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LessonLink {
    /// The lesson's id.
    pub lesson: &'static str,
    /// The variant that shows the pattern.
    pub variant: &'static str,
    /// The virtual instant, a Go duration: late enough for Go to print wait minutes.
    pub at: &'static str,
    /// Knobs the run needs besides the lesson's defaults, by URL name. Wait
    /// minutes come from garbage collections, and a lesson's default load of a
    /// few dozen requests never fills the heap enough for one; patterns that
    /// are told apart by their minutes link to a busier run.
    pub knobs: &'static [(&'static str, &'static str)],
    /// The page's panel to open: `debug1` or `debug2`.
    pub panel: &'static str,
    /// The `leaklab run --report` that shows the pattern: the panel's dump, or
    /// `leak2` (Go 1.26's goroutineleak profile) for proven leaks.
    pub report: &'static str,
}

impl LessonLink {
    /// The page's URL query for it.
    ///
    /// ```
    /// let l = lessons::analyze::lesson_for(dumpread::Pattern::Sleep);
    /// assert_eq!(l.query(), "?lesson=pprof&variant=leaky&rate=200&duration=30s&t=2m&panel=debug2");
    /// ```
    pub fn query(&self) -> String {
        let knobs: String = self.knobs.iter().map(|(k, v)| format!("&{k}={v}")).collect();
        format!("?lesson={}&variant={}{knobs}&t={}&panel={}", self.lesson, self.variant, self.at, self.panel)
    }

    /// The `leaklab` command that prints the same dump.
    pub fn command(&self) -> String {
        let knobs: String = self.knobs.iter().map(|(k, v)| format!(" --{k} {v}")).collect();
        format!(
            "leaklab run {} --variant {}{knobs} --at {} --report {}",
            self.lesson, self.variant, self.at, self.report
        )
    }
}

/// The lesson for each pattern. Every link is checked by the tests: the
/// lesson's dump at that instant, read back, has a suspect of that pattern
/// (for `Select`, which no lesson leaks, a goroutine of the program's code
/// waiting in `select`).
pub fn lesson_for(p: Pattern) -> LessonLink {
    // 200 requests/s for 30 s: the heap triggers a collection every few
    // seconds, so by 2 minutes the goroutines parked early read `1 minutes`.
    const BUSY: &[(&str, &str)] = &[("rate", "200"), ("duration", "30s")];
    const DEFAULTS: &[(&str, &str)] = &[];
    let (lesson, variant, at, panel, knobs) = match p {
        Pattern::Leaked => ("upstream", "leaky", "8s", "debug2", DEFAULTS),
        Pattern::RoundTrip => ("upstream", "leaky-noctx", "2m", "debug2", BUSY),
        Pattern::ChanSend => ("unbounded-send", "leaky", "2s", "debug2", DEFAULTS),
        Pattern::ChanReceive => ("review", "review-3", "2m", "debug2", BUSY),
        Pattern::Select => ("upstream", "leaky", "2s", "debug2", DEFAULTS),
        Pattern::Sync => ("review", "review-5", "2m", "debug2", BUSY),
        Pattern::Sleep => ("pprof", "leaky", "2m", "debug2", BUSY),
        Pattern::Parked => ("unbounded-send", "leaky", "2s", "debug1", DEFAULTS),
    };
    let report = if p == Pattern::Leaked { "leak2" } else { panel };
    LessonLink { lesson, variant, at, panel, report, knobs }
}

/// The group's wait reason with `(leaked)` and its longest wait, for a column.
fn state_column(g: &Group) -> String {
    let mut s = g.reason.clone().unwrap_or_else(|| "-".to_string());
    if g.leaked {
        s.push_str(" (leaked)");
    }
    match g.longest_minutes() {
        0 => {}
        m => {
            let _ = write!(s, ", {m} min");
        }
    }
    s
}

/// The innermost function of the program's own code, or the innermost one
/// marked `(std)` when the whole stack is the standard library's.
fn function_column(dump: &Dump, g: &Group) -> String {
    match g.own_frame(dump) {
        Some(f) => dump.name(f.function).to_string(),
        None => match g.top_frame(dump) {
            Some(f) if origin(dump.name(f.function)) == Origin::Std => format!("(std) {}", dump.name(f.function)),
            Some(f) => dump.name(f.function).to_string(),
            None => "(no frames)".to_string(),
        },
    }
}

fn suspect_text(s: &Suspect) -> String {
    let l = lesson_for(s.pattern);
    format!("{} Lesson: {}", s.reason, l.command())
}

/// One line per row: the columns padded to the widest, the first `numeric`
/// aligned right, the last left as is.
fn table(rows: &[Vec<String>], numeric: usize) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> =
        (0..cols).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|t| t.chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let pad = width[c].saturating_sub(cell.chars().count());
            if c < numeric {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else if c + 1 == r.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
            if c + 1 < r.len() {
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What `leaklab analyze FILE` prints: a line on the dump, then one line per
/// group that passes `query` (count, wait reason, innermost function of the
/// program's own code, and a suspect's sentence with its lesson).
pub fn report(dump: &Dump, query: &Query, how: Grouping) -> String {
    let groups = group(dump, how);
    let found = suspects(dump, &groups);
    let mut out = format!(
        "{}: {} in {}, {}\n",
        dump.format,
        plural(dump.goroutines(), "goroutine", "goroutines"),
        plural(groups.len() as u64, "group", "groups"),
        plural(found.len() as u64, "suspect", "suspects")
    );
    let mut rows = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if !query.matches(dump, g) {
            continue;
        }
        let mut row = vec![g.count.to_string(), state_column(g), function_column(dump, g)];
        if let Some(s) = found.iter().find(|s| s.group == i) {
            row.push(suspect_text(s));
        }
        rows.push(row);
    }
    out.push_str(&table(&rows, 1));
    out
}

/// What `leaklab analyze FILE --base BASE` prints: each stack's change in
/// count from `base` to `now`, largest growth first, with the current dump's
/// suspects.
pub fn diff_report(base: &Dump, now: &Dump, query: &Query) -> String {
    let d = diff(base, now);
    let found = suspects(now, &d.now_groups);
    let change = i128::from(now.goroutines()) - i128::from(base.goroutines());
    let mut out = format!(
        "{} → {}: {change:+} ({} → {})\n",
        plural(base.goroutines(), "goroutine", "goroutines"),
        plural(now.goroutines(), "goroutine", "goroutines"),
        base.format,
        now.format
    );
    let mut rows = Vec::new();
    for c in &d.changes {
        let (dump, g) = match (c.now_group, c.base_group) {
            (Some(i), _) => (now, &d.now_groups[i]),
            (None, Some(i)) => (base, &d.base_groups[i]),
            (None, None) => continue,
        };
        if !query.matches(dump, g) {
            continue;
        }
        let mut row = vec![format!("{:+}", c.delta()), c.now.to_string(), state_column(g), function_column(dump, g)];
        if let Some(s) = c.now_group.and_then(|i| found.iter().find(|s| s.group == i)) {
            row.push(suspect_text(s));
        }
        rows.push(row);
    }
    out.push_str(&table(&rows, 2));
    out
}
