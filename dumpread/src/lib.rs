//! Reads the goroutine dumps real Go prints, groups their goroutines the way
//! panicparse does, names the groups that look like leaks, and diffs two dumps
//! the way `go tool pprof -diff_base` does.
//!
//! It reads:
//! - `debug=2` text and everything else Go's traceback printer writes:
//!   `runtime.Stack(buf, true)`, a panic or `fatal error` trace, a SIGQUIT
//!   dump (`GOTRACEBACK=all` or `system`), Go 1.19 to 1.26 forms (with and
//!   without `in goroutine N`, `, N minutes`, `, locked to thread`, Go 1.26's
//!   `(leaked)`, `...additional frames elided...`, ancestors);
//! - `debug=1` text (`goroutine profile: total N`, Go 1.26's `goroutineleak
//!   profile: total N`);
//! - the gzipped protobuf profile (`/debug/pprof/goroutine` with no `debug`);
//! - goleak's `found unexpected goroutines` report.
//!
//! Damage gets a [`ParseError`] naming the line; a dump cut inside a goroutine
//! (Go cuts debug=2 at 64 MiB) reads up to the cut, which [`Dump::truncated`]
//! names. Gzipped text reads like the text. [`Incremental`] reads a large
//! traceback a slice of lines at a time.
//!
//! Nothing here touches the network, the file system or a clock: the page can
//! run it on production data.
//!
//! ```
//! let text = "goroutine 7 [chan send, 3 minutes]:\n\
//!             main.worker(0xc000012345)\n\
//!             \t/app/main.go:31 +0x2c\n\
//!             created by main.start in goroutine 1\n\
//!             \t/app/main.go:20 +0x3d\n";
//! let dump = dumpread::parse(text.as_bytes()).unwrap();
//! let rec = &dump.records[0];
//! assert_eq!(rec.goroutine, Some(7));
//! let state = rec.state.as_ref().unwrap();
//! assert_eq!((state.reason.as_str(), state.minutes), ("chan send", Some(3)));
//! assert_eq!(dump.name(rec.frames[0].function), "main.worker");
//! ```

#![warn(missing_docs)]

mod debug1;
mod diff;
mod group;
mod profile;
pub mod share;
mod suspect;
pub mod text;
mod traceback;

use std::fmt;

use rustc_hash::FxHashMap;

pub use diff::{diff, Change, Diff};
pub use group::{group, origin, Group, Grouping, Origin, Query};
pub use suspect::{blocked_in, suspects, Pattern, Suspect};

/// An interned string of a [`Dump`]: a function name, a file, an argument list.
///
/// Read it with [`Dump::name`]. Dumps repeat the same few hundred names a
/// hundred thousand times; interning keeps a large dump small and makes
/// grouping compare numbers instead of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

/// The strings of one dump.
#[derive(Clone, Debug, Default)]
pub struct Symbols {
    texts: Vec<Box<str>>,
    index: FxHashMap<Box<str>, u32>,
}

impl Symbols {
    /// The symbol of `text`, added if new.
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(&i) = self.index.get(text) {
            return Sym(i);
        }
        let i = u32::try_from(self.texts.len()).expect("fewer than 4 billion distinct strings");
        self.texts.push(text.into());
        self.index.insert(text.into(), i);
        Sym(i)
    }

    /// The text of `sym`; the empty string for a symbol of another dump that is out of range.
    pub fn get(&self, sym: Sym) -> &str {
        self.texts.get(sym.0 as usize).map_or("", |s| s)
    }

    /// The symbol of `text` if this dump has it.
    pub fn find(&self, text: &str) -> Option<Sym> {
        self.index.get(text).map(|&i| Sym(i))
    }
}

/// Which kind of text or file a dump was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Go's traceback text: `debug=2`, `runtime.Stack`, a panic or SIGQUIT trace.
    Traceback,
    /// `debug=1`: one record per distinct stack with its count.
    Debug1,
    /// The gzipped protobuf profile.
    Profile,
    /// goleak's report.
    Goleak,
}

impl Format {
    /// What the format is called: `goroutine traceback (debug=2)`, as a [`text::Text`].
    pub fn text(self) -> text::Text {
        match self {
            Format::Traceback => text!("goroutine traceback (debug=2)"),
            Format::Debug1 => text!("goroutine profile (debug=1)"),
            Format::Profile => text!("protobuf goroutine profile"),
            Format::Goleak => text!("goleak report"),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

/// A goroutine's state as its header prints it: `[chan send, 3 minutes, locked to thread]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    /// The status or wait reason: `running`, `chan send`, `select (no cases)`, `IO wait`.
    pub reason: String,
    /// `, N minutes`: how long it has been waiting, printed from one minute on.
    pub minutes: Option<u32>,
    /// `, locked to thread`.
    pub locked_to_thread: bool,
    /// Go 1.26's ` (leaked)`: the goroutineleak profile proved it can never run again.
    pub leaked: bool,
    /// Any other part of the brackets, such as Go 1.25's `synctest bubble 1`, kept verbatim.
    pub extra: Vec<String>,
}

impl State {
    /// Reads the text between a header's brackets.
    pub fn parse(text: &str) -> Option<State> {
        let mut parts = text.split(", ");
        let mut reason = parts.next()?.trim().to_string();
        if reason.is_empty() {
            return None;
        }
        let leaked = reason.ends_with(" (leaked)");
        if leaked {
            reason.truncate(reason.len() - " (leaked)".len());
        }
        let mut state = State { reason, minutes: None, locked_to_thread: false, leaked, extra: Vec::new() };
        for part in parts {
            if let Some(n) = part.strip_suffix(" minutes").and_then(|n| n.parse().ok()) {
                state.minutes = Some(n);
            } else if part == "locked to thread" {
                state.locked_to_thread = true;
            } else {
                state.extra.push(part.to_string());
            }
        }
        Some(state)
    }
}

impl fmt::Display for State {
    /// The bracket content again, as Go prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)?;
        if self.leaked {
            f.write_str(" (leaked)")?;
        }
        if let Some(m) = self.minutes {
            write!(f, ", {m} minutes")?;
        }
        if self.locked_to_thread {
            f.write_str(", locked to thread")?;
        }
        for e in &self.extra {
            write!(f, ", {e}")?;
        }
        Ok(())
    }
}

/// One frame of a stack, innermost first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    /// The function: `main.worker.func1`, `net/http.(*conn).serve`.
    pub function: Sym,
    /// The argument list between the parentheses, `0xc000012345, {0x1, 0x2}` or `...`;
    /// empty for formats that print none.
    pub args: Sym,
    /// The source file as printed (`/app/main.go`, `net/http/server.go` with `-trimpath`).
    pub file: Sym,
    /// The line in `file`.
    pub line: u32,
}

/// The `created by` line of a goroutine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Creator {
    /// The function whose `go` statement started the goroutine.
    pub function: Sym,
    /// `in goroutine N` (Go 1.21 on): the goroutine that ran that `go` statement.
    pub parent: Option<u64>,
    /// The file of the `go` statement.
    pub file: Sym,
    /// Its line.
    pub line: u32,
}

/// An ancestor's stack, printed with `GODEBUG=tracebackancestors=N`:
/// `[originating from goroutine N]:` and the frames it had when it ran `go`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ancestor {
    /// The ancestor's id.
    pub goroutine: u64,
    /// Its frames at the `go` statement, innermost first.
    pub frames: Vec<Frame>,
}

/// One goroutine (traceback, goleak) or one stack with its count (debug=1, protobuf).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// How many goroutines: 1 in a traceback, the sample's count in a profile.
    pub count: u64,
    /// The goroutine's id, when the format prints it.
    pub goroutine: Option<u64>,
    /// Its state, when the format prints it (debug=1 and the protobuf profile do not).
    pub state: Option<State>,
    /// The frames, innermost first, as printed.
    pub frames: Vec<Frame>,
    /// `...additional frames elided...`: the stack was deeper than Go prints (100 frames).
    pub elided: bool,
    /// The `created by` line, absent for `main` and runtime goroutines.
    pub created_by: Option<Creator>,
    /// Ancestors' stacks (`tracebackancestors`), nearest first.
    pub ancestors: Vec<Ancestor>,
    /// pprof labels (`# labels:` in debug=1, sample labels in the protobuf profile,
    /// `labels:{…}` in Go 1.26 headers with GODEBUG=tracebacklabels=1), sorted by key.
    pub labels: Vec<(String, String)>,
    /// The line of the input where the record starts (1-based); 0 for the protobuf profile.
    pub line: usize,
}

/// A line of text around the goroutines that is not part of any: a panic's
/// message, `SIGQUIT: quit`, `exit status 2`, a register dump.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The line number, 1-based.
    pub line: usize,
    /// The text.
    pub text: String,
}

/// A parsed dump.
#[derive(Clone, Debug)]
pub struct Dump {
    /// What the input was.
    pub format: Format,
    /// `goroutine profile: total N` or the sum of the protobuf profile's counts.
    pub total: Option<u64>,
    /// The input was Go 1.26's goroutineleak profile: every goroutine in it leaked.
    pub leak_profile: bool,
    /// The goroutines or stacks, in the input's order.
    pub records: Vec<Record>,
    /// Text outside the goroutines, in order.
    pub notes: Vec<Note>,
    /// The input ends inside a goroutine (Go cuts debug=2 at 64 MiB; a paste
    /// or a download may stop early): where, and why; that goroutine is left out.
    pub truncated: Option<ParseError>,
    /// The interned strings the records refer to.
    pub symbols: Symbols,
}

impl Dump {
    fn new(format: Format) -> Dump {
        Dump {
            format,
            total: None,
            leak_profile: false,
            records: Vec::new(),
            notes: Vec::new(),
            truncated: None,
            symbols: Symbols::default(),
        }
    }

    /// The text of `sym`.
    pub fn name(&self, sym: Sym) -> &str {
        self.symbols.get(sym)
    }

    /// What the input was, in words: `goroutine traceback (debug=2)`,
    /// `goroutineleak profile (debug=1)`, `protobuf goroutine profile`.
    pub fn describe(&self) -> String {
        self.description().to_string()
    }

    /// [`Dump::describe`] as a [`text::Text`].
    pub fn description(&self) -> text::Text {
        match (self.leak_profile, self.format) {
            (true, Format::Debug1) => text!("goroutineleak profile (debug=1)"),
            (true, Format::Profile) => text!("protobuf goroutineleak profile"),
            (_, f) => f.text(),
        }
    }

    /// How many goroutines the dump holds: the sum of the records' counts.
    pub fn goroutines(&self) -> u64 {
        self.records.iter().fold(0u64, |a, r| a.saturating_add(r.count))
    }
}

/// Why a dump could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The 1-based line of the input where reading stopped; `None` for binary input.
    pub line: Option<usize>,
    /// What was wrong, a sentence without the line number; what it quotes of the input
    /// stays as the input has it.
    pub message: text::Text,
}

impl ParseError {
    fn at(line: usize, message: text::Text) -> ParseError {
        ParseError { line: Some(line), message }
    }

    fn binary(message: text::Text) -> ParseError {
        ParseError { line: None, message }
    }

    /// The message with its line, `line 9: …`, for a reader to translate.
    pub fn text(&self) -> text::Text {
        match self.line {
            Some(l) => text!("line {0}: {1}", l, self.message.clone()),
            None => self.message.clone(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for ParseError {}

/// Reads a dump in any of the formats this crate knows, telling them apart by
/// their first bytes: gzip's magic number (a protobuf profile, or gzipped
/// text), a `goroutine profile:` header, goleak's `found unexpected
/// goroutines`, or else Go's traceback text.
pub fn parse(input: &[u8]) -> Result<Dump, ParseError> {
    if input.starts_with(&[0x1f, 0x8b]) {
        return profile::parse_gzip(input);
    }
    let text = match std::str::from_utf8(input) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + input[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
            return Err(ParseError::at(
                line,
                text!("the input is neither text (it is not UTF-8 here) nor a gzipped protobuf profile"),
            ));
        }
    };
    parse_text(text)
}

/// Reads a text dump: debug=1, goleak's report, or a traceback.
pub fn parse_text(text: &str) -> Result<Dump, ParseError> {
    match text_format(text) {
        Format::Debug1 => debug1::parse(text),
        Format::Goleak => traceback::parse_goleak(text),
        _ => some_goroutine(traceback::parse(text)?),
    }
}

/// Which text format `text` is, from its first line and goleak's phrase.
fn text_format(text: &str) -> Format {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if debug1::is_header(first) {
        Format::Debug1
    } else if text.contains("found unexpected goroutines:") {
        Format::Goleak
    } else {
        Format::Traceback
    }
}

/// A traceback without a single goroutine is not a dump at all (or one cut
/// inside its first goroutine: then that is the error).
fn some_goroutine(mut dump: Dump) -> Result<Dump, ParseError> {
    if dump.records.is_empty() {
        if let Some(cut) = dump.truncated.take() {
            return Err(cut);
        }
        return Err(ParseError::at(
            1,
            text!(
                "no goroutine found: a dump has lines like `goroutine 1 [running]:` or starts with `goroutine \
                 profile: total N`"
            ),
        ));
    }
    Ok(dump)
}

/// Reads a dump a slice at a time, for a page that must not block a frame on
/// tens of megabytes: call [`Incremental::step`] once per frame until it
/// says it is done, then [`Incremental::finish`]. Tracebacks (the large
/// format) are read `max_lines` lines per step; the other formats, small or
/// binary, in the first step.
///
/// ```
/// let text = "goroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1d\n".repeat(1000);
/// let mut reading = dumpread::Incremental::new(text.into_bytes());
/// let mut steps = 1;
/// while !reading.step(500).unwrap() {
///     steps += 1;
/// }
/// assert_eq!((steps, reading.finish().unwrap().records.len()), (7, 1000));
/// ```
pub struct Incremental {
    reading: Reading,
}

/// Where an [`Incremental`] read is.
enum Reading {
    /// A traceback, read a slice of lines per step.
    Traceback { text: String, stepper: Box<traceback::Stepper> },
    /// Any other format, read whole in the first step.
    Whole(Vec<u8>),
    /// Done.
    Read(Dump),
    /// Stopped at an error.
    Failed(ParseError),
}

impl Incremental {
    /// Prepares to read `input`; nothing is read yet.
    pub fn new(input: Vec<u8>) -> Incremental {
        let reading = match String::from_utf8(input) {
            Ok(text) if text_format(&text) == Format::Traceback => {
                Reading::Traceback { stepper: Box::new(traceback::Stepper::new(&text)), text }
            }
            Ok(text) => Reading::Whole(text.into_bytes()),
            Err(e) => Reading::Whole(e.into_bytes()),
        };
        Incremental { reading }
    }

    /// Reads up to `max_lines` more lines; `Ok(true)` once everything is read.
    pub fn step(&mut self, max_lines: usize) -> Result<bool, ParseError> {
        let result = match &mut self.reading {
            Reading::Traceback { text, stepper } => stepper.step(text, max_lines),
            Reading::Whole(bytes) => parse(bytes).map(|d| {
                self.reading = Reading::Read(d);
                true
            }),
            Reading::Read(_) => Ok(true),
            Reading::Failed(e) => Err(e.clone()),
        };
        if let Err(e) = &result {
            self.reading = Reading::Failed(e.clone());
        }
        result
    }

    /// The share of the input read so far, from 0 to 1.
    pub fn progress(&self) -> f64 {
        match &self.reading {
            // The last line ends one past the last byte: a text ending in a
            // line break has an empty last line still to read.
            Reading::Traceback { text, stepper } => (stepper.position() as f64 / (text.len() + 1) as f64).min(1.0),
            Reading::Whole(_) => 0.0,
            Reading::Read(_) | Reading::Failed(_) => 1.0,
        }
    }

    /// The dump; reads whatever [`Incremental::step`] has not read yet first.
    pub fn finish(mut self) -> Result<Dump, ParseError> {
        while !self.step(usize::MAX)? {}
        match self.reading {
            Reading::Traceback { stepper, .. } => some_goroutine(stepper.finish()?),
            Reading::Read(d) => Ok(d),
            Reading::Failed(e) => Err(e),
            Reading::Whole(bytes) => parse(&bytes),
        }
    }
}

/// The package of a Go function name: `net/http` for `net/http.(*conn).serve`,
/// `main` for `main.main.func1`.
///
/// ```
/// assert_eq!(dumpread::package("net/http.(*conn).serve"), "net/http");
/// assert_eq!(dumpread::package("main.worker.func1"), "main");
/// assert_eq!(dumpread::package("github.com/acme/svc/store.(*DB).Query"), "github.com/acme/svc/store");
/// ```
pub fn package(function: &str) -> &str {
    let slash = function.rfind('/').map_or(0, |i| i + 1);
    match function[slash..].find('.') {
        Some(dot) => &function[..slash + dot],
        None => function,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_every_version() {
        let state = |text: &str| traceback::header(text).map(|(id, s, _)| (id, s.to_string(), s));
        let (id, text, s) = state("goroutine 7 [chan send (leaked), 3 minutes, locked to thread]:").unwrap();
        assert_eq!(
            (id, s.reason.as_str(), s.leaked, s.minutes, s.locked_to_thread),
            (7, "chan send", true, Some(3), true)
        );
        assert_eq!(text, "chan send (leaked), 3 minutes, locked to thread");
        let (_, _, s) = state("goroutine 18 gp=0xc000102380 m=nil [select (no cases)]:").unwrap();
        assert_eq!(s.reason, "select (no cases)");
        let (_, text, s) = state("goroutine 9 [chan receive (durable), synctest bubble 1]:").unwrap();
        assert_eq!(
            (s.reason.as_str(), s.extra.as_slice()),
            ("chan receive (durable)", &["synctest bubble 1".to_string()][..])
        );
        assert_eq!(text, "chan receive (durable), synctest bubble 1");
        let (_, _, labels) =
            traceback::header(r#"goroutine 12 [chan send (leaked) labels:{"handler": "/report", "a": "b, c"}]:"#)
                .unwrap();
        assert_eq!(labels, [("a".to_string(), "b, c".to_string()), ("handler".to_string(), "/report".to_string())]);
        let text =
            "goroutine 5 [chan send]:\ntype:.eq.[2]interface {}(0x1)\n\t<autogenerated>:1 +0x2a\nexit status 2\n";
        let dump = traceback::parse(text).unwrap();
        assert_eq!(dump.name(dump.records[0].frames[0].function), "type:.eq.[2]interface {}");
        assert_eq!(dump.notes[0].text, "exit status 2");
        for bad in ["goroutine x [running]:", "goroutine 7 [running]", "goroutine 7 junk [running]:", "goroutine 7 []:"]
        {
            assert!(state(bad).is_none(), "{bad}");
        }
    }
}
