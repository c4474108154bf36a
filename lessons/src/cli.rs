//! The `leaklab` command line: lists the lessons, runs one on the virtual clock
//! and prints a report of one virtual instant — the same bytes the app shows.
//!
//! The binary is a thin wrapper around [`main_with`], so tests drive the whole
//! command without spawning a process.
//!
//! ```
//! let args: Vec<String> = ["run", "unbounded-send", "--variant", "leaky", "--report", "debug1"]
//!     .iter()
//!     .map(|s| s.to_string())
//!     .collect();
//! let (mut out, mut err) = (Vec::new(), Vec::new());
//! assert_eq!(lessons::cli::main_with(&args, &mut out, &mut err), 0);
//! assert!(String::from_utf8(out).unwrap().starts_with("goroutine profile: total "));
//! ```

use std::fmt::Write as _;
use std::io::{self, Write};
use std::time::Duration as StdDuration;

use sim_runtime::{DumpKind, Duration, Outcome, Time};

use crate::catalog::{lesson, lessons, Lesson};
use crate::knobs::Knobs;
use crate::lang::Lang;
use crate::run::{Run, RunConfig};

/// What `leaklab --help` prints (`content/usage.txt`).
pub const USAGE: &str = include_str!("../content/usage.txt");

/// `leaklab --help` in German (`content/usage.de.txt`): the same commands and flags.
pub const USAGE_DE: &str = include_str!("../content/usage.de.txt");

/// The reports `--report` accepts.
pub const REPORTS: &[&str] = &["summary", "debug1", "debug2", "goleak", "leak1", "leak2", "pprof", "metrics", "events"];

/// The flags of `run` besides the lesson's knobs.
const RUN_FLAGS: &[&str] = &["variant", "source", "path", "query", "report", "seed", "at", "out", "progress"];

/// The flags of `run` that take no value, so that the argument after them is not theirs.
const SWITCHES: &[&str] = &["progress"];

/// Above this estimate (see [`crate::estimate`]) `run` says how much memory it will hold.
pub const ESTIMATE_NOTICE_BYTES: u64 = 1 << 30;

/// How long a run goes before it shows progress.
pub const PROGRESS_AFTER: StdDuration = StdDuration::from_millis(1500);

/// The least time between two progress lines.
pub const PROGRESS_EVERY: StdDuration = StdDuration::from_millis(250);

/// The latest instant `--at` accepts.
pub const MAX_AT: Duration = Duration(24 * Duration::HOUR.0);

/// Why the command stops early.
enum Fail {
    /// Bad arguments: one line on standard error, exit status 2.
    Usage(String),
    /// The report could not be written: exit status 1.
    Io(String),
    /// The reader of standard output went away: exit status 1, nothing to say.
    Closed,
    /// `check` found errors and has printed them: exit status 1.
    Findings,
}

type Res<T> = Result<T, Fail>;

fn usage_err<T>(msg: impl Into<String>) -> Res<T> {
    Err(Fail::Usage(msg.into()))
}

/// What `leaklab` takes from its surroundings besides its arguments and output
/// streams. Tests pass a fake clock, so that progress lines are the same every time.
pub struct Host<'a> {
    /// Whether standard error is a terminal: progress is shown there unasked,
    /// rewriting one line.
    pub stderr_is_terminal: bool,
    /// The wall-clock time since the command started.
    pub elapsed: &'a mut dyn FnMut() -> StdDuration,
    /// Above this estimate of a run's memory, `run` says how much it will hold
    /// before it starts ([`ESTIMATE_NOTICE_BYTES`] unless a test wants it lower).
    pub notice_above_bytes: u64,
}

/// Runs `leaklab` with `args` (without the program name), writing the report
/// to `stdout` and errors to `stderr`; returns the exit status: 0 on success,
/// 2 for bad arguments (one line on `stderr` starting `leaklab: `), 1 when the
/// output cannot be written. Standard error counts as not a terminal, so
/// progress shows only with `--progress`.
pub fn main_with(args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let start = std::time::Instant::now();
    let mut elapsed = move || start.elapsed();
    let mut host = Host { stderr_is_terminal: false, elapsed: &mut elapsed, notice_above_bytes: ESTIMATE_NOTICE_BYTES };
    main_with_host(args, stdout, stderr, &mut host)
}

/// As [`main_with`], with the surroundings given.
pub fn main_with_host(args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write, host: &mut Host<'_>) -> i32 {
    let code = match dispatch(args, stdout, stderr, host) {
        Ok(()) => 0,
        Err(Fail::Usage(msg)) => {
            let _ = writeln!(stderr, "leaklab: {msg}");
            2
        }
        Err(Fail::Io(msg)) => {
            let _ = writeln!(stderr, "leaklab: {msg}");
            1
        }
        Err(Fail::Closed | Fail::Findings) => 1,
    };
    let _ = stderr.flush();
    code
}

fn dispatch(args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write, host: &mut Host<'_>) -> Res<()> {
    let args = &take_lang_flag(args)?;
    let help = args.iter().any(|a| a == "--help" || a == "-h") || args.first().is_some_and(|a| a == "help");
    if help {
        let mut text = match lang() {
            Lang::En => USAGE,
            Lang::De => USAGE_DE,
        }
        .to_string();
        // `leaklab run <lesson> --help` and `leaklab list <lesson> --help` add the lesson's knobs.
        if let Some(l) = args.get(1).and_then(|id| lesson(id)) {
            text.push('\n');
            list_lesson(&mut text, &l);
        }
        return emit(stdout, text.as_bytes());
    }
    match args.first().map(String::as_str) {
        None => usage_err(msg("missing command; use list, run, analyze or check (leaklab --help for usage)")),
        Some("list") => list(&args[1..], stdout),
        Some("run") => run(&args[1..], stdout, stderr, host),
        Some("analyze") => analyze(&args[1..], stdout, stderr),
        Some("check") => check(&args[1..], stderr),
        Some(other) => usage_err(msg1(
            "unknown command {0}; use list, run, analyze or check (leaklab --help for usage)",
            &[&format!("{other:?}")],
        )),
    }
}

/// Writes `bytes` to standard output.
fn emit(stdout: &mut dyn Write, bytes: &[u8]) -> Res<()> {
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        // The reader went away (`leaklab ... | head`): nothing more to say.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(Fail::Closed),
        Err(e) => Err(Fail::Io(msg1("cannot write standard output: {0}", &[&io_text(&e)]))),
    }
}

fn lesson_ids() -> String {
    lessons().iter().map(|l| l.id).collect::<Vec<_>>().join(", ")
}

fn find_lesson(id: &str) -> Res<Lesson> {
    lesson(id)
        .ok_or_else(|| Fail::Usage(msg1("unknown lesson {0}; use one of {1}", &[&format!("{id:?}"), &lesson_ids()])))
}

// ---------------------------------------------------------------------------
// check

/// `leaklab check FILE.go`: the findings on standard error as the Go toolchain prints
/// them — `go build`'s errors under `# command-line-arguments`, or, for a program that
/// builds, `go vet`'s under `# command-line-arguments` and `# [command-line-arguments]`.
fn check(args: &[String], stderr: &mut dyn Write) -> Res<()> {
    let path = match args {
        [] => return usage_err(msg("check: missing the Go file to check")),
        [p] if p.starts_with('-') && p.len() > 1 => return usage_err(msg1("check: unknown flag {0}", &[&q(p)])),
        [p] => p,
        [_, extra, ..] => return usage_err(msg1("check: unexpected argument {0}; check takes one file", &[&q(extra)])),
    };
    let src = read_source(path, "check:")?;
    let report = gointerp::check(&src);
    if report.is_clean() {
        return Ok(());
    }
    print_findings(&report, path, stderr)
}

fn read_source(path: &str, what: &str) -> Res<String> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Ok(s),
            Err(_) => usage_err(msg1("{0} {1} is not UTF-8 text", &[&what, &path])),
        },
        Err(e) => usage_err(msg1("{0} cannot read {1}: {2}", &[&what, &path, &io_text(&e)])),
    }
}

/// Go names a file in the current directory ./main.go, others as given.
fn shown_path(path: &str) -> String {
    if path.contains('/') {
        path.to_string()
    } else {
        format!("./{path}")
    }
}

/// The findings on standard error as `go build` or `go vet` prints them; exit status 1.
fn print_findings(report: &gointerp::Report, path: &str, stderr: &mut dyn Write) -> Res<()> {
    let mut text = String::from("# command-line-arguments\n");
    if report.build.is_empty() {
        text.push_str("# [command-line-arguments]\n");
    }
    text.push_str(&report.render_path(&shown_path(path)));
    match stderr.write_all(text.as_bytes()) {
        Ok(()) => Err(Fail::Findings),
        Err(e) => Err(Fail::Io(msg1("cannot write standard error: {0}", &[&io_text(&e)]))),
    }
}

// ---------------------------------------------------------------------------
// list

fn list(args: &[String], stdout: &mut dyn Write) -> Res<()> {
    let mut chosen = Vec::new();
    for a in args {
        if a.starts_with('-') && a.len() > 1 {
            return usage_err(msg1("list: unknown flag {0}; list takes only lesson ids", &[&format!("{a:?}")]));
        }
        chosen.push(find_lesson(a)?);
    }
    let all = chosen.is_empty();
    if all {
        chosen = lessons();
    }
    let mut out = String::new();
    if all {
        out.push_str(msg("Lessons (leaklab run <lesson> --variant <id> [--<knob> <value>]... --report <kind>):"));
        out.push_str("\n\n");
    }
    for l in &chosen {
        list_lesson(&mut out, l);
        out.push('\n');
    }
    list_common(&mut out);
    emit(stdout, out.as_bytes())
}

fn list_lesson(out: &mut String, l: &Lesson) {
    let _ = writeln!(out, "{}: {}", l.id, tr(l.title));
    let variants: Vec<String> = l
        .variants
        .iter()
        .map(|v| {
            if lang() == Lang::En && v.label.eq_ignore_ascii_case(v.id) {
                v.id.to_string()
            } else {
                format!("{} ({})", v.id, tr(v.label))
            }
        })
        .collect();
    let variants = if variants.is_empty() { msg("(none yet)").to_string() } else { variants.join(", ") };
    let _ = writeln!(out, "  {}: {variants}", msg("variants (--variant)"));
    let _ = writeln!(out, "  {}:", msg("knobs"));
    let width = l.knobs.iter().map(|k| k.name.len()).max().unwrap_or(0);
    for k in &l.knobs {
        let unit = if k.unit.is_empty() { String::new() } else { msg1(", in {0}", &[&tr(k.unit)]) };
        let _ = writeln!(
            out,
            "    --{:<width$}  {}{unit}; {}",
            k.name,
            tr(k.label),
            msg1("default {0}; {1}", &[&k.default, &range_text(k.kind)]),
            width = width
        );
    }
}

fn list_common(out: &mut String) {
    let _ = writeln!(out, "{}", msg("Flags of every lesson:"));
    let _ =
        writeln!(out, "    --seed    {}", msg1("The seed of every random choice; default 1; {0}", &[&seed_range()]));
    let _ = writeln!(
        out,
        "    --at      {}",
        msg1("The virtual instant reported on; default: the end of the load (the duration knob); {0}", &[&at_range()])
    );
    let _ = writeln!(out, "    --report  {}", msg1("One of {0}", &[&REPORTS.join(", ")]));
    let _ = writeln!(out, "    --out     {}", msg("Write the report to this file (required for --report pprof)"));
    let _ = writeln!(
        out,
        "    --lang    {}",
        msg("The language of these texts: en or de; default: LC_ALL, LC_MESSAGES, LANG, else en")
    );
}

fn seed_range() -> String {
    msg1("a whole number from {0} to {1}", &[&0, &u64::MAX])
}

fn at_range() -> String {
    msg1("a Go duration from {0} to {1}", &[&"0s", &MAX_AT])
}

/// A knob's accepted values, in the current language (as `KnobKind::range_text`).
fn range_text(kind: crate::KnobKind) -> String {
    use crate::decimal::format_shortest;
    use crate::KnobKind;
    match kind {
        KnobKind::Int { min, max } => msg1("a whole number from {0} to {1}", &[&min, &max]),
        KnobKind::Float { min, max } => {
            msg1("a number from {0} to {1}", &[&decimal(&format_shortest(min)), &decimal(&format_shortest(max))])
        }
        KnobKind::Duration { min, max } => msg1("a Go duration from {0} to {1}", &[&min, &max]),
        KnobKind::DurationOrNever { min, max } => msg1("a Go duration from {0} to {1}, or never", &[&min, &max]),
        KnobKind::DurationOrHang { min, max } => msg1("a Go duration from {0} to {1}, or hang", &[&min, &max]),
        KnobKind::Choice(words) => msg1("one of {0}", &[&words.join(", ")]),
    }
}

// ---------------------------------------------------------------------------
// language

thread_local! {
    static LANG: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// The current language.
pub fn lang() -> Lang {
    LANG.with(std::cell::Cell::get)
}

/// Sets the language (the binary does, from the environment; `--lang` overrides it).
pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// The language the environment asks for, with POSIX's precedence: `LC_ALL`, then
/// `LC_MESSAGES`, then `LANG` (the first that is set and not empty decides); `de_DE.UTF-8`,
/// `de_AT`, `de` are German, anything else English.
pub fn lang_from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| var(k).filter(|v| !v.is_empty()));
    match value {
        Some(v) if v.split(['_', '.', '@', '-']).next() == Some("de") => Lang::De,
        _ => Lang::En,
    }
}

/// Takes `--lang en|de` (or `--lang=de`) out of the arguments and sets the language.
fn take_lang_flag(args: &[String]) -> Res<Vec<String>> {
    let mut out = Vec::with_capacity(args.len());
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = if a == "--lang" {
            it.next().map(String::as_str)
        } else if let Some(v) = a.strip_prefix("--lang=") {
            Some(v)
        } else {
            out.push(a.clone());
            continue;
        };
        match value {
            Some("en") => set_lang(Lang::En),
            Some("de") => set_lang(Lang::De),
            Some(v) => {
                return usage_err(msg1("--lang: {0} is not a language of leaklab; use en or de", &[&format!("{v:?}")]))
            }
            None => return usage_err(msg("--lang: missing the language (en or de)")),
        }
    }
    Ok(out)
}

/// German for the lessons' own texts (titles, variants, knobs): the page's table.
static LESSON_TEXTS: &str = include_str!("../content/lessons.de.tsv");
/// German for the command line's own messages: English<TAB>German, `{0}`… placeholders.
static CLI_TEXTS: &str = include_str!("../content/cli.de.tsv");

fn lookup(table: &'static str, en: &str) -> Option<&'static str> {
    table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.split_once('\t').filter(|(k, _)| *k == en).map(|(_, v)| v))
}

/// A lesson's text in the current language.
fn tr(en: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::De => lookup(LESSON_TEXTS, en).unwrap_or(en),
    }
}

/// One of the command line's messages in the current language.
fn msg(en: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::De => lookup(CLI_TEXTS, en).unwrap_or(en),
    }
}

/// [`msg`] with its placeholders `{0}`, `{1}`… filled, in one pass (a value that itself
/// contains `{1}` stays as it is).
fn msg1(en: &'static str, args: &[&dyn std::fmt::Display]) -> String {
    let template = msg(en);
    let mut text = String::with_capacity(template.len() + 16 * args.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after
            .find('}')
            .and_then(|close| after[..close].parse::<usize>().ok().map(|i| (i, close)))
            .and_then(|(i, close)| args.get(i).map(|a| (a, close)));
        match arg {
            Some((a, close)) => {
                let _ = write!(text, "{a}");
                rest = &after[close + 1..];
            }
            None => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

/// Why a file or stream could not be read or written, in the current language: in English the
/// system's own message; in German the common kinds in leaklab's words (the system's message
/// is English), any other by its error number.
fn io_text(e: &io::Error) -> String {
    if lang() == Lang::En {
        return e.to_string();
    }
    let words = match e.kind() {
        io::ErrorKind::NotFound => msg("no such file or directory"),
        io::ErrorKind::PermissionDenied => msg("permission denied"),
        io::ErrorKind::IsADirectory => msg("it is a directory"),
        io::ErrorKind::NotADirectory => msg("a part of the path is not a directory"),
        io::ErrorKind::StorageFull => msg("no space left on the device"),
        io::ErrorKind::ReadOnlyFilesystem => msg("the file system is read-only"),
        io::ErrorKind::BrokenPipe => msg("the reader has gone away"),
        _ => {
            return match e.raw_os_error() {
                Some(n) => msg1("the system reports error {0}", &[&n]),
                None => msg("an input or output error").to_string(),
            }
        }
    };
    words.to_string()
}

/// A value from the command line quoted back in a message, as `{:?}` quotes it.
fn q(text: &str) -> String {
    format!("{text:?}")
}

/// `1187939` as the current language groups digits: `1,187,939`, in German `1.187.939`.
fn int(n: u64) -> String {
    crate::lang::int(lang(), n)
}

/// A Go duration such as `2.5s` or `1m30s` in prose: unchanged in English, `2,5 s` in
/// German (a decimal comma, and a space before a lone unit), as the page writes it.
fn duration(go: &dyn std::fmt::Display) -> String {
    let go = go.to_string();
    match lang() {
        Lang::En => go,
        Lang::De => {
            let unit_at = go.find(|c: char| c.is_alphabetic() || c == '\u{b5}' || c == '\u{3bc}').unwrap_or(go.len());
            let (num, unit) = go.split_at(unit_at);
            let lone_unit = !num.is_empty() && unit.chars().all(|c| c.is_alphabetic() || c == '\u{b5}');
            if lone_unit {
                format!("{} {unit}", num.replace('.', ","))
            } else {
                go.replace('.', ",")
            }
        }
    }
}

/// Seconds with one decimal and the unit: `4.1s`, in German `4,1 s`.
fn seconds(x: f64) -> String {
    duration(&format!("{x:.1}s"))
}

/// A number printed with a `.` decimal point, as the current language writes it.
fn decimal(text: &str) -> String {
    match lang() {
        Lang::En => text.to_string(),
        Lang::De => text.replace('.', ","),
    }
}

// ---------------------------------------------------------------------------
// run

/// One `--name value` (or `--name=value`) of the command line; `value` is
/// `None` when the flag ends the line or another flag follows it.
struct Flag<'a> {
    name: &'a str,
    value: Option<&'a str>,
    /// Written `--name=value`: the value cannot be a positional argument.
    inline: bool,
}

impl Flag<'_> {
    fn value(&self, accepted: &str) -> Res<&str> {
        self.value.ok_or_else(|| Fail::Usage(msg1("--{0}: missing value; use {1}", &[&self.name, &accepted])))
    }
}

fn split_args(args: &[String]) -> Res<(Vec<&str>, Vec<Flag<'_>>)> {
    let mut positional = Vec::new();
    let mut flags = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        i += 1;
        if let Some(body) = a.strip_prefix("--") {
            if let Some((name, value)) = body.split_once('=') {
                flags.push(Flag { name, value: Some(value), inline: true });
            } else if SWITCHES.contains(&body) {
                flags.push(Flag { name: body, value: None, inline: false });
            } else {
                let value = args.get(i).map(String::as_str).filter(|v| !v.starts_with("--"));
                if value.is_some() {
                    i += 1;
                }
                flags.push(Flag { name: body, value, inline: false });
            }
        } else if a.starts_with('-') && a.len() > 1 {
            return usage_err(msg1("unknown flag {0}; flags start with -- (leaklab --help for usage)", &[&q(a)]));
        } else {
            positional.push(a);
        }
    }
    Ok((positional, flags))
}

/// The reports, as `--report` spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    /// `summary`: requests, goroutines by state and line, how the process ended.
    Summary,
    /// `debug1`, `debug2`, `goleak`, `leak1`, `leak2`: a goroutine dump.
    Dump(DumpKind),
    /// `pprof`: the gzipped protobuf profile.
    Pprof,
    /// `metrics`: the samples as CSV.
    Metrics,
    /// `events`: the event log.
    Events,
}

fn parse_report(text: &str) -> Option<Report> {
    Some(match text {
        "summary" => Report::Summary,
        "debug1" => Report::Dump(DumpKind::Debug1),
        "debug2" => Report::Dump(DumpKind::Debug2),
        "goleak" => Report::Dump(DumpKind::Goleak),
        "leak1" => Report::Dump(DumpKind::Leak1),
        "leak2" => Report::Dump(DumpKind::Leak2),
        "pprof" => Report::Pprof,
        "metrics" => Report::Metrics,
        "events" => Report::Events,
        _ => return None,
    })
}

/// What `leaklab run …` asks for, read from its arguments but not yet run.
#[derive(Clone, Debug)]
pub struct RunPlan {
    /// The lesson, variant, knobs and seed.
    pub config: RunConfig,
    /// The instant to report on; `None` for the end of the load.
    pub at: Option<Duration>,
    /// What to print.
    pub report: Report,
    /// Where to write it; `None` or `-` for standard output.
    pub out: Option<String>,
    /// `--progress`: show progress on standard error even when it is not a terminal.
    pub progress: bool,
    /// `--source FILE.go`: the program to interpret instead of the lesson's simulation.
    pub source: Option<String>,
}

/// The lesson a `--source` program without one runs as: the common knobs and the
/// upstream lesson's, path `/`.
fn source_lesson(file: &str) -> Lesson {
    let upstream = lesson("upstream").expect("the catalog has the upstream lesson");
    let file: &'static str = Box::leak(file.to_string().into_boxed_str());
    Lesson {
        id: "source",
        title: "your program",
        variants: vec![crate::catalog::Variant { id: file, label: file, template: "", path: None, queries: None }],
        knobs: upstream.knobs,
        path: "/",
        queries: &[],
    }
}

/// Reads the arguments of `leaklab run` (those after `run`) without running
/// anything. Any input gives a plan or the one-line message `leaklab` prints for
/// it (without the `leaklab: ` prefix), which names the bad argument and what it
/// accepts; none panics.
///
/// ```
/// let args: Vec<String> = ["unbounded-send", "--variant", "leaky", "--rate", "fast"]
///     .iter()
///     .map(|s| s.to_string())
///     .collect();
/// let err = lessons::cli::parse_run(&args).unwrap_err();
/// assert_eq!(err, "--rate: \"fast\" is not valid; use a number from 0 to 2000");
/// ```
pub fn parse_run(args: &[String]) -> Result<RunPlan, String> {
    parse_run_args(args).map_err(|e| match e {
        Fail::Usage(msg) | Fail::Io(msg) => msg,
        Fail::Closed | Fail::Findings => String::new(),
    })
}

fn parse_run_args(args: &[String]) -> Res<RunPlan> {
    let (positional, flags) = split_args(args)?;
    let source = match flags.iter().find(|f| f.name == "source") {
        Some(f) => Some(f.value(msg("a Go file"))?.to_string()),
        None => None,
    };
    let l = match positional.as_slice() {
        [] if source.is_some() => source_lesson(source.as_deref().unwrap_or("main.go")),
        [] => return usage_err(msg1("run: missing the lesson; use one of {0}", &[&lesson_ids()])),
        [id] => find_lesson(id)?,
        [_, extra, ..] => {
            return usage_err(msg1("run: unexpected argument {0}; flags start with -- (leaklab --help)", &[&q(extra)]))
        }
    };
    let variant_ids = l.variants.iter().map(|v| v.id).collect::<Vec<_>>().join(", ");
    let report_names = msg1("one of {0}", &[&REPORTS.join(", ")]);

    let mut config: Option<RunConfig> = None;
    let mut knobs = Knobs::defaults(&l.knobs);
    let mut seed = 1u64;
    let mut at: Option<Duration> = None;
    let mut report: Option<Report> = None;
    let mut out: Option<&str> = None;
    let mut progress = false;
    let mut path: Option<&'static str> = None;
    let mut query: Vec<&str> = Vec::new();
    for f in &flags {
        match f.name {
            "source" => {}
            "path" => {
                let v = f.value(msg("a path such as /log"))?;
                if !v.starts_with('/') {
                    return usage_err(invalid("--path", v, msg("a path such as /log")));
                }
                // Once per command.
                path = Some(Box::leak(v.to_string().into_boxed_str()));
            }
            "query" => query.push(f.value(msg("a query such as task=resize"))?),
            "variant" => {
                let v = f.value(&msg1("one of {0}", &[&variant_ids]))?;
                if l.variant(v).is_none() {
                    return usage_err(msg1(
                        "--variant: lesson {0} has no variant {1}; use one of {2}",
                        &[&l.id, &q(v), &variant_ids],
                    ));
                }
                config = Some(RunConfig::defaults(l.id, v).map_err(|e| Fail::Usage(format!("--variant: {e}")))?);
            }
            "seed" => {
                let v = f.value(&seed_range())?;
                seed = v.trim().parse().map_err(|_| Fail::Usage(invalid("--seed", v, &seed_range())))?;
            }
            "at" => {
                let v = f.value(&at_range())?;
                let d = match Duration::parse(v) {
                    Ok(d) if d <= MAX_AT => d,
                    _ => return usage_err(invalid("--at", v, &at_range())),
                };
                at = Some(d);
            }
            "report" => {
                let v = f.value(&report_names)?;
                report =
                    Some(parse_report(v.trim()).ok_or_else(|| Fail::Usage(invalid("--report", v, &report_names)))?);
            }
            "out" => {
                let v = f.value(msg("a file name, or - for standard output"))?;
                if v.is_empty() {
                    return usage_err(msg("--out: the file name is empty; use a file name, or - for standard output"));
                }
                out = Some(v);
            }
            "progress" => {
                if let Some(v) = f.value {
                    return usage_err(msg1("--progress takes no value (got {0}); write just --progress", &[&q(v)]));
                }
                progress = true;
            }
            name => {
                let knob = name.replace('-', "_");
                // An unknown knob is refused whatever its value, so its value is not asked for.
                let v = match l.knobs.iter().find(|k| k.name == knob) {
                    Some(spec) => f.value(&range_text(spec.kind))?,
                    None => "",
                };
                knobs.set(&l.knobs, &knob, v).map_err(|e| Fail::Usage(knob_error(name, &e)))?;
            }
        }
    }
    if source.is_none() && (path.is_some() || !query.is_empty()) {
        return usage_err(msg("--path and --query need --source: a lesson's own program serves its own path"));
    }
    let config = match (config, &source) {
        (Some(c), _) => Some(c),
        (None, Some(file)) => {
            let variant = l.variants.first().map_or(file.as_str(), |v| v.id).to_string();
            let knobs = Knobs::defaults(&l.knobs);
            Some(RunConfig { lesson: l.clone(), variant, knobs, seed: 1, events: 0, query: None })
        }
        (None, None) => None,
    };
    let Some(mut config) = config else {
        return usage_err(msg1("run: --variant is required; use one of {0}", &[&variant_ids]));
    };
    if let Some(p) = path {
        config.lesson.path = p;
    }
    if !query.is_empty() {
        config.query = Some(query.join("&"));
    }
    let Some(report) = report else {
        return usage_err(msg1("run: --report is required; use {0}", &[&report_names]));
    };
    if report == Report::Pprof && out.is_none() {
        return usage_err(msg(
            "--report pprof writes a binary profile; add --out FILE (or --out - for standard output)",
        ));
    }
    config.knobs = knobs;
    config.seed = seed;
    config.events = if report == Report::Events { usize::MAX } else { 0 };
    Ok(RunPlan { config, at, report, out: out.map(str::to_string), progress, source })
}

fn run(args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write, host: &mut Host<'_>) -> Res<()> {
    let plan = parse_run_args(args)?;
    let lesson_id = plan.config.lesson.id;
    let mut run = match &plan.source {
        None => Run::new(plan.config).map_err(|e| Fail::Usage(format!("run {lesson_id}: {e}")))?,
        Some(path) => {
            let src = read_source(path, "run: --source")?;
            let report = gointerp::check(&src);
            if !report.build.is_empty() {
                return print_findings(&report, path, stderr);
            }
            // `go run` does not vet: a program with only vet findings runs, as with Go.
            if !report.is_clean() {
                let text =
                    format!("leaklab: {}\n{}", msg("go vet would report:"), report.render_path(&shown_path(path)));
                let _ = stderr.write_all(text.as_bytes());
                let _ = stderr.flush();
            }
            match Run::with_engine(plan.config, crate::run::Engine::Source(src)) {
                Ok(run) => run,
                Err(e) => return Err(Fail::Io(format!("run --source {path}: {}", e.trim_end()))),
            }
        }
    };
    let at = plan.at.map_or(run.load_end, |d| Time(d.0));
    let estimate = run.estimate(at);
    if estimate.bytes > host.notice_above_bytes {
        let _ = writeln!(stderr, "leaklab: {}", estimate_text(&estimate));
        let _ = stderr.flush();
    }
    let mut meter = Progress::new(host, plan.progress, at);
    run.advance_to_with(at, |r| meter.update(r, stderr));
    meter.finish(&run, stderr);
    // An interpreted program that did something Leak Lab cannot run stopped there.
    if let Some(e) = run.program_error() {
        let shown = plan.source.as_deref().map_or("./main.go".to_string(), shown_path);
        let e = e.replacen("./main.go", &shown, 1);
        return Err(Fail::Io(msg1("{0} (the program stopped there at {1})", &[&e, &duration(&run.now())])));
    }

    let report = plan.report;
    let bytes = match report {
        Report::Summary => run.summary().into_bytes(),
        Report::Dump(kind) => run.dump(kind).into_bytes(),
        Report::Pprof => run.profile(),
        Report::Metrics => run.metrics_csv().into_bytes(),
        Report::Events => {
            let mut text = String::new();
            for e in run.sim.drain_events() {
                text.push_str(&run.sim.format_event(&e));
                text.push('\n');
            }
            text.into_bytes()
        }
    };
    match plan.out.as_deref() {
        None | Some("-") => emit(stdout, &bytes)?,
        Some(path) => std::fs::write(path, &bytes)
            .map_err(|e| Fail::Io(msg1("--out: cannot write {0}: {1}", &[&path, &io_text(&e)])))?,
    }
    // The summary says how the process ended; other reports stay exactly what
    // the server would serve, so the note goes to standard error.
    if report != Report::Summary {
        if let Some(o) = run.sim.outcome() {
            let note = msg1("note: the simulated process ended at {0}: {1}", &[&duration(&run.now()), &describe(&o)]);
            let _ = writeln!(stderr, "leaklab: {note}");
        }
    }
    Ok(())
}

/// The progress of a long run on standard error: nothing for the first
/// [`PROGRESS_AFTER`], then a line at most every [`PROGRESS_EVERY`] with the
/// virtual time reached, the goroutines, the wall time so far and an estimate of
/// the time left, and a last line at the end. On a terminal the line is
/// rewritten in place; otherwise (`--progress`) each is a line of its own.
struct Progress<'h, 'a> {
    host: &'h mut Host<'a>,
    /// `--progress` was given.
    asked: bool,
    target: Time,
    last: Option<StdDuration>,
}

impl<'h, 'a> Progress<'h, 'a> {
    fn new(host: &'h mut Host<'a>, asked: bool, target: Time) -> Self {
        Progress { host, asked, target, last: None }
    }

    fn on(&self) -> bool {
        self.asked || self.host.stderr_is_terminal
    }

    fn update(&mut self, run: &Run, stderr: &mut dyn Write) {
        if !self.on() {
            return;
        }
        let elapsed = (self.host.elapsed)();
        if elapsed < PROGRESS_AFTER || self.last.is_some_and(|l| elapsed < l + PROGRESS_EVERY) {
            return;
        }
        self.last = Some(elapsed);
        self.show(run, elapsed, stderr);
    }

    fn show(&self, run: &Run, elapsed: StdDuration, stderr: &mut dyn Write) {
        let ended = run.sim.outcome().is_some();
        let line = progress_line(run.now(), self.target, run.sim.num_goroutine(), elapsed, ended);
        if self.host.stderr_is_terminal {
            let _ = write!(stderr, "\r{line}\x1b[K");
        } else {
            let _ = writeln!(stderr, "{line}");
        }
        let _ = stderr.flush();
    }

    fn finish(&mut self, run: &Run, stderr: &mut dyn Write) {
        if self.last.is_none() {
            return;
        }
        let elapsed = (self.host.elapsed)();
        self.show(run, elapsed, stderr);
        if self.host.stderr_is_terminal {
            let _ = writeln!(stderr);
        }
    }
}

/// `leaklab: 3m12s of 10m0s virtual (32%), 380,123 goroutines, 4.1s elapsed, about 8.7s left`;
/// `ended` when the simulated process is gone before the target (a deadlock, an OOM kill).
pub fn progress_line(now: Time, target: Time, goroutines: usize, elapsed: StdDuration, ended: bool) -> String {
    let done = if target.0 == 0 { 1.0 } else { (now.0 as f64 / target.0 as f64).min(1.0) };
    let wall = elapsed.as_secs_f64();
    let left = if ended && now < target {
        msg("the simulated process ended").to_string()
    } else if now >= target {
        msg("done").to_string()
    } else if now.0 == 0 {
        msg("time left unknown").to_string()
    } else {
        // Linear in virtual time: a lesson's load costs about the same every second.
        msg1("about {0} left", &[&seconds(wall * (1.0 - done) / done)])
    };
    let goroutines = match goroutines {
        1 => msg("1 goroutine").to_string(),
        n => msg1("{0} goroutines", &[&int(n as u64)]),
    };
    let line = msg1(
        "{0} of {1} virtual ({2}%), {3}, {4} elapsed, {5}",
        &[&duration(&now), &duration(&target), &((done * 100.0).floor() as u32), &goroutines, &seconds(wall), &left],
    );
    format!("leaklab: {line}")
}

/// One line on how the process ended, in the current language; what Go prints (`panic: …`,
/// `fatal error: …`) stays Go's.
fn describe(o: &Outcome) -> String {
    match o {
        Outcome::Exited => msg("main returned (exit status 0)").to_string(),
        Outcome::Deadlock { .. } => {
            msg1("{0} (exit status {1})", &[&"fatal error: all goroutines are asleep - deadlock!", &2])
        }
        Outcome::Panic { goroutine, message, fatal, .. } => {
            let kind = if *fatal { "fatal error" } else { "panic" };
            msg1("{0}: {1} in goroutine {2} (exit status {3})", &[&kind, message, goroutine, &2])
        }
        Outcome::Exit { code } => msg1("the program called os.Exit (exit status {0})", &[code]),
        Outcome::OutOfMemory { bytes, limit } => msg1(
            "killed: estimated memory {0} KiB passed the limit of {1} KiB (exit status 137)",
            &[&int(*bytes / 1024), &int(*limit / 1024)],
        ),
    }
}

/// `this run will hold about 2.3 GiB (1,187,939 goroutines at 10m0s)` in the current language
/// (`MemoryEstimate`'s `Display` is the English).
fn estimate_text(e: &crate::estimate::MemoryEstimate) -> String {
    msg1(
        "this run will hold about {0} ({1} goroutines at {2})",
        &[&decimal(&crate::estimate::format_bytes(e.bytes)), &int(e.goroutines), &duration(&e.peak_at)],
    )
}

/// `--rate: "x" is not valid; use a number from 0 to 2000` in the current language; `flag`
/// is the flag as written (`--log-cost` names the knob `log_cost`).
fn knob_error(flag: &str, e: &crate::KnobError) -> String {
    match e {
        crate::KnobError::Invalid { knob, value, kind } => {
            msg1("{0}: {1} is not valid; use {2}", &[&format!("--{knob}"), value, &range_text(*kind)])
        }
        crate::KnobError::Unknown { name, known } => {
            let others = RUN_FLAGS.iter().map(|f| format!("--{f}")).collect::<Vec<_>>().join(", ");
            msg1(
                "--{0}: unknown knob {1}; this lesson has: {2} (other flags: {3})",
                &[&flag, name, &known.join(", "), &others],
            )
        }
    }
}

/// `FLAG: "value" is not valid; use WHAT` in the current language.
fn invalid(flag: &str, value: &str, what: &str) -> String {
    msg1("{0}: {1} is not valid; use {2}", &[&flag, &q(value), &what])
}

// ---------------------------------------------------------------------------
// analyze

/// The flags of `analyze` that take no value.
const ANALYZE_SWITCHES: &[&str] = &["exact", "own"];

/// The flags of `analyze` that take one.
const ANALYZE_FLAGS: &[&str] = &["base", "state", "function", "package", "min_minutes"];

/// Reads and parses a dump file; a failure names the file and the line, and
/// so does the note on a dump that was cut short (its goroutines before the
/// cut are read).
fn read_dump(path: &str, stderr: &mut dyn Write) -> Res<dumpread::Dump> {
    let bytes = std::fs::read(path).map_err(|e| Fail::Io(msg1("cannot read {0}: {1}", &[&path, &io_text(&e)])))?;
    let say = |e: &dumpread::ParseError| crate::analyze::say(lang(), &e.text());
    let dump = dumpread::parse(&bytes).map_err(|e| Fail::Io(format!("{path}: {}", say(&e))))?;
    if let Some(cut) = &dump.truncated {
        let note = match dump.goroutines() {
            1 => msg1("note: {0}: {1}; the 1 goroutine before it is read", &[&path, &say(cut)]),
            n => msg1("note: {0}: {1}; the {2} goroutines before it are read", &[&path, &say(cut), &int(n)]),
        };
        let _ = writeln!(stderr, "leaklab: {note}");
    }
    Ok(dump)
}

fn analyze(args: &[String], stdout: &mut dyn Write, stderr: &mut dyn Write) -> Res<()> {
    let (mut positional, flags) = split_args(args)?;
    let mut base = None;
    let mut query = dumpread::Query::default();
    let mut how = dumpread::Grouping::IgnoreArgs;
    for f in &flags {
        let name = f.name.replace('-', "_");
        if ANALYZE_SWITCHES.contains(&name.as_str()) {
            // `--own FILE` reads FILE as the dump, not as the switch's value.
            match (f.value, f.inline) {
                (Some(v), false) => positional.push(v),
                (Some(v), true) => {
                    return usage_err(msg1("--{0} takes no value (found {1}); write --{0} alone", &[&name, &q(v)]))
                }
                (None, _) => {}
            }
            match name.as_str() {
                "exact" => how = dumpread::Grouping::Exact,
                _ => query.own_code = true,
            }
            continue;
        }
        match name.as_str() {
            "base" => base = Some(f.value(msg("an earlier dump's file name"))?),
            "state" => query.state = Some(f.value(msg("a part of a wait reason, such as chan or select"))?.to_string()),
            "function" => query.function = Some(f.value(msg("a part of a function name"))?.to_string()),
            "package" => query.package = Some(f.value(msg("a package path such as main or net/http"))?.to_string()),
            "min_minutes" => {
                let minutes = msg("a whole number of minutes");
                let v = f.value(minutes)?;
                query.min_minutes =
                    Some(v.trim().parse().map_err(|_| Fail::Usage(invalid("--min_minutes", v, minutes)))?);
            }
            other => {
                let known: Vec<String> =
                    ANALYZE_FLAGS.iter().chain(ANALYZE_SWITCHES).map(|f| format!("--{f}")).collect();
                return usage_err(msg1("analyze: unknown flag --{0}; use {1}", &[&other, &known.join(", ")]));
            }
        }
    }
    let path = match positional.as_slice() {
        [] => return usage_err(msg("analyze: missing the dump's file name (leaklab --help for usage)")),
        [path] => *path,
        [_, extra, ..] => {
            return usage_err(msg1("analyze: unexpected argument {0}; give one dump (and --base FILE)", &[&q(extra)]))
        }
    };
    let now = read_dump(path, stderr)?;
    let lang = lang();
    let text = match base {
        Some(b) => crate::analyze::diff_report_in(&read_dump(b, stderr)?, &now, &query, lang),
        None => crate::analyze::report_in(&now, &query, how, lang),
    };
    emit(stdout, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::MemoryEstimate;

    #[test]
    fn the_estimate_is_worded_in_the_language_with_its_numbers() {
        let e = MemoryEstimate {
            goroutines: 1_188_029,
            peak_at: Time(Duration::from_mins(10).0),
            requests: 1_200_000,
            bytes: 1_700_000_000,
        };
        assert_eq!(estimate_text(&e), e.to_string());
        set_lang(Lang::De);
        let de = estimate_text(&e);
        let half = estimate_text(&MemoryEstimate { peak_at: Time(2_500 * Duration::MILLISECOND.0), ..e });
        set_lang(Lang::En);
        assert_eq!(de, "Dieser Lauf belegt etwa 1,6 GiB (1.188.029 Goroutinen nach 10m0s)");
        assert_eq!(half, "Dieser Lauf belegt etwa 1,6 GiB (1.188.029 Goroutinen nach 2,5 s)");
    }

    #[test]
    fn placeholders_are_filled_once() {
        // A value that itself reads `{1}` is not filled again.
        assert_eq!(
            msg1("unknown lesson {0}; use one of {1}", &[&"\"{1}\"", &"a, b"]),
            "unknown lesson \"{1}\"; use one of a, b"
        );
        set_lang(Lang::De);
        let de = msg1("{0}: {1} is not valid; use {2}", &[&"--at", &"\"{0}\"", &"x"]);
        set_lang(Lang::En);
        assert_eq!(de, "--at: \"{0}\" ist ungültig; nimm x");
    }
}
