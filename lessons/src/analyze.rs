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

use crate::lang::{count, Lang};
use dumpread::text::{Count, Text};
use dumpread::{diff, group, origin, suspects, text, Change, Dump, Group, Grouping, Origin, Pattern, Query, Suspect};

/// German for every template the analysis says (its own and `dumpread`'s `text!`s):
/// English<TAB>German, the same `{0}`, `{1}` placeholders. `lessons/tests/analyze_lang.rs`
/// checks that every template has exactly one line and every line is used.
static GERMAN: &str = include_str!("../content/analyze.de.tsv");

/// The lessons' own texts (titles) in German, as the page and `leaklab list` show them.
static LESSON_TEXTS: &str = include_str!("../content/lessons.de.tsv");

fn lookup(table: &'static str, en: &str) -> Option<&'static str> {
    table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.split_once('\t').filter(|(k, _)| *k == en).map(|(_, v)| v))
}

/// A template of the analysis in `lang` (English when the table has no line for it).
pub fn tr(lang: Lang, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::De => lookup(GERMAN, en).unwrap_or(en),
    }
}

/// A [`Text`] (a suspect's reason, a dump's kind) in `lang`.
///
/// ```
/// use lessons::analyze::say;
/// use lessons::lang::Lang;
/// let t = dumpread::text!("These {0} goroutines have", 12u64);
/// assert_eq!(say(Lang::De, &t), "Diese 12 Goroutinen sind");
/// assert_eq!(say(Lang::En, &t), "These 12 goroutines have");
/// ```
pub fn say(lang: Lang, t: &Text) -> String {
    t.render_with(&|en| tr(lang, en), &|n| count(lang, n))
}

/// A lesson's title (or another of the lessons' own texts) in `lang`.
pub fn lesson_text(lang: Lang, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::De => lookup(LESSON_TEXTS, en).unwrap_or(en),
    }
}

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

/// The group's wait reason with `(leaked)` and its longest wait, for a
/// column; in formats without wait reasons, the one its frames imply, in
/// parentheses (`(chan send)`), or `-`.
fn state_column(dump: &Dump, g: &Group) -> String {
    let mut s = match (&g.reason, dumpread::blocked_in(dump, g)) {
        (Some(r), _) => r.clone(),
        (None, Some(p)) => format!("({})", p.reason()),
        (None, None) => "-".to_string(),
    };
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
fn function_column(dump: &Dump, g: &Group, lang: Lang) -> String {
    match g.own_frame(dump) {
        Some(f) => dump.name(f.function).to_string(),
        None => match g.top_frame(dump) {
            Some(f) if origin(dump.name(f.function)) == Origin::Std => format!("(std) {}", dump.name(f.function)),
            Some(f) => dump.name(f.function).to_string(),
            None => say(lang, &text!("(no frames)")),
        },
    }
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

/// `1 goroutine`, `12 goroutines`.
fn goroutines(n: u64) -> Text {
    if n == 1 {
        text!("1 goroutine")
    } else {
        text!("{0} goroutines", Count(n))
    }
}

/// One group as the page and the CLI show it: the columns, the suspect and
/// its lesson, the frames marked by origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The index of the group in [`Analysis::groups`].
    pub group: usize,
    /// How many goroutines.
    pub count: u64,
    /// The wait reason with `(leaked)` and the longest wait: `chan send, 14 min`;
    /// `(chan send)` where the format prints none but the frames tell.
    pub state: String,
    /// The innermost function of the program's own code, or `(std) F` when
    /// the whole stack is the standard library's.
    pub function: String,
    /// Why the group looks like a leak, and the lesson that shows the pattern.
    pub suspect: Option<(Suspect, LessonLink)>,
    /// The frames, innermost first, as a traceback shows them.
    pub frames: Vec<FrameRow>,
}

/// A frame of a [`Row`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameRow {
    /// The function.
    pub function: String,
    /// `file:line`.
    pub location: String,
    /// Whether it is the standard library's (shown dimmed) or the program's.
    pub origin: Origin,
}

/// A dump with its groups and suspects, read once; the page keeps one and
/// asks it for the rows a filter lets through.
///
/// ```
/// let text = "goroutine 3 [chan send, 12 minutes]:\nmain.f()\n\t/app/main.go:9 +0x1d\n";
/// let a = lessons::analyze::Analysis::new(dumpread::parse(text.as_bytes()).unwrap(), Default::default());
/// let rows = a.rows(&Default::default());
/// assert_eq!((rows[0].count, rows[0].state.as_str(), rows[0].function.as_str()), (1, "chan send, 12 min", "main.f"));
/// ```
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The dump.
    pub dump: Dump,
    /// Its groups, largest first.
    pub groups: Vec<Group>,
    /// The groups that look like leaks.
    pub suspects: Vec<Suspect>,
    /// The language of the rows' and headline's sentences.
    pub lang: Lang,
}

impl Analysis {
    /// Groups `dump` and finds its suspects.
    pub fn new(dump: Dump, how: Grouping) -> Analysis {
        let groups = group(&dump, how);
        let suspects = suspects(&dump, &groups);
        Analysis { dump, groups, suspects, lang: Lang::En }
    }

    /// The same analysis, speaking `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Analysis {
        self.lang = lang;
        self
    }

    /// The row of group `i`.
    pub fn row(&self, i: usize) -> Row {
        row(&self.dump, &self.groups[i], i, &self.suspects, self.lang)
    }

    /// The rows of the groups that pass `query`, largest first.
    pub fn rows(&self, query: &Query) -> Vec<Row> {
        (0..self.groups.len()).filter(|&i| query.matches(&self.dump, &self.groups[i])).map(|i| self.row(i)).collect()
    }

    /// The first line of the CLI's report: what the dump is, its size, its suspects.
    pub fn headline(&self) -> String {
        let n = self.groups.len() as u64;
        let groups = if n == 1 { text!("1 group") } else { text!("{0} groups", Count(n)) };
        let m = self.suspects.len() as u64;
        let suspects = if m == 1 { text!("1 suspect") } else { text!("{0} suspects", Count(m)) };
        let t = text!(
            "{0}: {1} in {2}, {3}",
            self.dump.description(),
            goroutines(self.dump.goroutines()),
            groups,
            suspects
        );
        say(self.lang, &t)
    }
}

fn row(dump: &Dump, g: &Group, i: usize, found: &[Suspect], lang: Lang) -> Row {
    let frames = g
        .frames
        .iter()
        .map(|f| {
            let function = dump.name(f.function);
            FrameRow {
                function: function.to_string(),
                location: format!("{}:{}", dump.name(f.file), f.line),
                origin: origin(function),
            }
        })
        .collect();
    Row {
        group: i,
        count: g.count,
        state: state_column(dump, g),
        function: function_column(dump, g, lang),
        suspect: found.iter().find(|s| s.group == i).map(|s| {
            let mut s = s.clone();
            if lang != Lang::En {
                s.reason = say(lang, &s.text);
            }
            let link = lesson_for(s.pattern);
            (s, link)
        }),
        frames,
    }
}

fn cells(r: &Row, lang: Lang) -> Vec<String> {
    let mut cells = vec![r.state.clone(), r.function.clone()];
    if let Some((s, link)) = &r.suspect {
        cells.push(say(lang, &text!("{0} Lesson: {1}", s.reason.as_str(), link.command())));
    }
    cells
}

/// What `leaklab analyze FILE` prints: a line on the dump, then one line per
/// group that passes `query` (count, wait reason, innermost function of the
/// program's own code, and a suspect's sentence with its lesson).
pub fn report(dump: &Dump, query: &Query, how: Grouping) -> String {
    report_in(dump, query, how, Lang::En)
}

/// [`report`] in `lang`.
pub fn report_in(dump: &Dump, query: &Query, how: Grouping, lang: Lang) -> String {
    let a = Analysis::new(dump.clone(), how).in_lang(lang);
    let mut out = a.headline();
    out.push('\n');
    let rows: Vec<Vec<String>> = a
        .rows(query)
        .iter()
        .map(|r| {
            let mut line = vec![count(lang, r.count)];
            line.extend(cells(r, lang));
            line
        })
        .collect();
    out.push_str(&table(&rows, 1));
    out
}

/// One stack's change between two dumps, as the page and the CLI show it.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffRow {
    /// The counts before and now.
    pub change: Change,
    /// The stack's row: from the current dump, or from the base dump when the
    /// stack is gone (then `row.group` indexes the base dump's groups, and
    /// there is no suspect).
    pub row: Row,
}

/// Each stack's change from `base` to `now` that passes `query`, largest
/// growth first, with the current dump's suspects.
pub fn diff_rows(base: &Dump, now: &Dump, query: &Query) -> Vec<DiffRow> {
    diff_rows_in(base, now, query, Lang::En)
}

/// [`diff_rows`] in `lang`.
pub fn diff_rows_in(base: &Dump, now: &Dump, query: &Query, lang: Lang) -> Vec<DiffRow> {
    let d = diff(base, now);
    let found = suspects(now, &d.now_groups);
    let mut rows = Vec::new();
    for c in &d.changes {
        let (dump, groups, i, found) = match (c.now_group, c.base_group) {
            (Some(i), _) => (now, &d.now_groups, i, &found[..]),
            (None, Some(i)) => (base, &d.base_groups, i, &[][..]),
            (None, None) => continue,
        };
        if query.matches(dump, &groups[i]) {
            rows.push(DiffRow { change: c.clone(), row: row(dump, &groups[i], i, found, lang) });
        }
    }
    rows
}

/// What `leaklab analyze FILE --base BASE` prints: a line on both dumps, then
/// [`diff_rows`] one a line (change, count now, wait reason, function, suspect).
pub fn diff_report(base: &Dump, now: &Dump, query: &Query) -> String {
    diff_report_in(base, now, query, Lang::En)
}

/// A change in a count, with its sign: `+6000`, `-3`, `+0`; in German `+6.000`.
fn signed(lang: Lang, change: i128) -> String {
    let sign = if change < 0 { '-' } else { '+' };
    format!("{sign}{}", count(lang, u64::try_from(change.unsigned_abs()).unwrap_or(u64::MAX)))
}

/// The first line of a comparison: `40 goroutines → 6040 goroutines: +6000 (… → …)`.
pub fn diff_headline(base: &Dump, now: &Dump, lang: Lang) -> String {
    let change = i128::from(now.goroutines()) - i128::from(base.goroutines());
    let t = text!(
        "{0} → {1}: {2} ({3} → {4})",
        goroutines(base.goroutines()),
        goroutines(now.goroutines()),
        signed(lang, change),
        base.description(),
        now.description()
    );
    say(lang, &t)
}

/// [`diff_report`] in `lang`.
pub fn diff_report_in(base: &Dump, now: &Dump, query: &Query, lang: Lang) -> String {
    let mut out = diff_headline(base, now, lang);
    out.push('\n');
    let rows: Vec<Vec<String>> = diff_rows_in(base, now, query, lang)
        .iter()
        .map(|d| {
            let mut line = vec![signed(lang, d.change.delta().into()), count(lang, d.change.now)];
            line.extend(cells(&d.row, lang));
            line
        })
        .collect();
    out.push_str(&table(&rows, 2));
    out
}
