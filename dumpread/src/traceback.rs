//! Go's traceback text: `debug=2`, `runtime.Stack(buf, true)`, panic and
//! SIGQUIT traces; and goleak's report, which embeds the same stacks.
//!
//! A goroutine is a header line, then frames (a call line and a tab-indented
//! `file:line` line each), then optionally `created by`; a blank line ends it.
//! Text around the goroutines (a panic's message, `SIGQUIT: quit`, register
//! dumps, `exit status 2`) becomes [`Note`]s. Inside a goroutine the grammar is
//! strict, so a cut or damaged dump fails at the line where it goes wrong.

use crate::{text, Ancestor, Creator, Dump, Format, Frame, Note, ParseError, Record, State, Sym};

/// What the next line of an open goroutine must be.
enum Expect {
    /// A call, `created by`, an elision or ancestor marker, or the end.
    Call,
    /// The `file:line` of the call just read.
    File { function: Sym, args: Sym, creator: Option<Option<u64>>, call_line: usize },
}

/// The goroutine being read.
struct Open {
    rec: Record,
    expect: Expect,
    /// Frames now go to the last ancestor, not the goroutine.
    in_ancestor: bool,
    /// Whether any frame or `created by` has been read (a header alone expects a call).
    any: bool,
}

struct Reader {
    dump: Dump,
    open: Option<Open>,
}

/// A goroutine's header: its id, state and (Go 1.26, GODEBUG=tracebacklabels=1) labels.
pub(crate) type Header = (u64, State, Vec<(String, String)>);

/// Reads `goroutine 7 [chan send, 3 minutes]:`, also with Go 1.23's
/// `gp=0x… m=… mp=…` between the id and the brackets (GOTRACEBACK=system)
/// and Go 1.26's ` labels:{"k": "v"}` at the end of the brackets.
pub(crate) fn header(line: &str) -> Option<Header> {
    let rest = line.strip_prefix("goroutine ")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let id = rest[..digits].parse().ok()?;
    let rest = &rest[digits..];
    let open = rest.find('[')?;
    if !rest[..open].trim().split(' ').all(|t| t.is_empty() || t.contains('=')) {
        return None;
    }
    let mut body = rest[open + 1..].strip_suffix("]:")?;
    let mut labels = Vec::new();
    if let Some(at) = body.find(" labels:{") {
        labels = crate::debug1::labels(&body[at + " labels:".len()..])?;
        labels.sort();
        body = &body[..at];
    }
    Some((id, State::parse(body)?, labels))
}

/// Splits `main.f(0x1, {0x2, 0x3})` into the function and its arguments.
fn call(line: &str) -> Option<(&str, &str)> {
    let body = line.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let function = &body[..open];
    // Spaces only inside a type, as in the compiler's `type:.eq.[2]interface {}`:
    // a sentence that happens to end in `)` is not a call.
    let spaced = function.contains(' ') && function.replace(" {", "{").contains(' ');
    if function.is_empty() || function.starts_with(char::is_whitespace) || spaced {
        return None;
    }
    Some((function, &body[open + 1..]))
}

/// Reads a frame's location line, `\t/app/main.go:31 +0x2c` (also with the
/// `fp=… sp=… pc=…` that GOTRACEBACK=system adds, or no `+0x…` for inlined calls).
fn location(line: &str) -> Option<(&str, u32)> {
    let body = line.strip_prefix('\t')?;
    let end = [" +0x", " fp=", " pc="].iter().filter_map(|m| body.find(m)).min().unwrap_or(body.len());
    let (file, num) = body[..end].trim_end().rsplit_once(':')?;
    if file.is_empty() {
        return None;
    }
    Some((file, num.parse().ok()?))
}

/// `created by main.start in goroutine 1` or Go 1.20's `created by main.start`.
fn created_by(line: &str) -> Option<(&str, Option<u64>)> {
    let rest = line.strip_prefix("created by ")?;
    match rest.rsplit_once(" in goroutine ") {
        Some((f, n)) => Some((f, Some(n.parse().ok()?))),
        None => Some((rest, None)),
    }
}

/// `...additional frames elided...` (up to Go 1.20) or `...12 frames elided...` (Go 1.21 on).
fn elision(line: &str) -> bool {
    line.starts_with("...") && line.ends_with("elided...")
}

/// `[originating from goroutine 5]:`.
fn ancestor(line: &str) -> Option<u64> {
    line.strip_prefix("[originating from goroutine ")?.strip_suffix("]:")?.parse().ok()
}

impl Reader {
    fn new(format: Format) -> Reader {
        Reader { dump: Dump::new(format), open: None }
    }

    fn start(&mut self, line_no: usize, (id, state, labels): Header) -> Result<(), ParseError> {
        self.finish(line_no)?;
        self.open = Some(Open {
            rec: Record {
                count: 1,
                goroutine: Some(id),
                state: Some(state),
                frames: Vec::new(),
                elided: false,
                created_by: None,
                ancestors: Vec::new(),
                labels,
                line: line_no,
            },
            expect: Expect::Call,
            in_ancestor: false,
            any: false,
        });
        Ok(())
    }

    /// Closes the open goroutine; `line_no` is the line that closes it.
    fn finish(&mut self, line_no: usize) -> Result<(), ParseError> {
        if let Some(open) = self.open.take() {
            if let Expect::File { function, call_line, .. } = open.expect {
                return Err(ParseError::at(
                    line_no,
                    text!(
                        "goroutine {0}: `{1}` on line {2} has no `file:line` line after it; is the dump cut short?",
                        open.rec.goroutine.unwrap_or(0),
                        self.dump.name(function),
                        call_line
                    ),
                ));
            }
            self.dump.records.push(open.rec);
        }
        Ok(())
    }

    fn note(&mut self, line_no: usize, text: &str) {
        self.dump.notes.push(Note { line: line_no, text: text.to_string() });
    }

    /// Reads one line; `line` has no line break.
    fn line(&mut self, line_no: usize, line: &str) -> Result<(), ParseError> {
        if line.trim().is_empty() {
            return self.finish(line_no);
        }
        if line.starts_with("goroutine ") {
            return match header(line) {
                Some(h) => self.start(line_no, h),
                None => Err(ParseError::at(
                    line_no,
                    text!("`{0}` is not a goroutine header like `goroutine 7 [chan send]:`", clip(line)),
                )),
            };
        }
        let Some(open) = self.open.as_mut() else {
            if location(line).is_some() {
                return Err(ParseError::at(
                    line_no,
                    text!("a frame's `file:line` line outside any goroutine; is a goroutine header missing above it?"),
                ));
            }
            self.note(line_no, line);
            return Ok(());
        };
        let id = open.rec.goroutine.unwrap_or(0);
        match open.expect {
            Expect::File { function, args, creator, .. } => {
                let Some((file, num)) = location(line) else {
                    return Err(ParseError::at(
                        line_no,
                        text!(
                            "goroutine {0}: expected the `file:line` of `{1}` (a tab, then a path and a line number), \
                             found `{2}`",
                            id,
                            self.dump.symbols.get(function),
                            clip(line)
                        ),
                    ));
                };
                let file = self.dump.symbols.intern(file);
                match creator {
                    Some(parent) => open.rec.created_by = Some(Creator { function, parent, file, line: num }),
                    None => {
                        let frame = Frame { function, args, file, line: num };
                        match open.rec.ancestors.last_mut() {
                            Some(a) if open.in_ancestor => a.frames.push(frame),
                            _ => open.rec.frames.push(frame),
                        }
                    }
                }
                open.expect = Expect::Call;
                open.any = true;
                Ok(())
            }
            Expect::Call => {
                if let Some((function, parent)) = created_by(line) {
                    let function = self.dump.symbols.intern(function);
                    let args = self.dump.symbols.intern("");
                    open.expect = Expect::File { function, args, creator: Some(parent), call_line: line_no };
                } else if let Some((function, args)) = call(line) {
                    let function = self.dump.symbols.intern(function);
                    let args = self.dump.symbols.intern(args);
                    open.expect = Expect::File { function, args, creator: None, call_line: line_no };
                } else if elision(line) {
                    open.rec.elided = true;
                } else if let Some(g) = ancestor(line) {
                    open.rec.ancestors.push(Ancestor { goroutine: g, frames: Vec::new() });
                    open.in_ancestor = true;
                } else if line.trim() == "goroutine running on other thread; stack unavailable" {
                    open.any = true;
                } else if !open.any || line.starts_with('\t') || !line.contains(' ') {
                    // Right after a header, or where the next call should be, a
                    // line that is none of the above is damage, not commentary.
                    return Err(ParseError::at(
                        line_no,
                        text!(
                            "goroutine {0}: expected a call like `main.f(...)`, a `created by` line or a blank line, \
                             found `{1}`",
                            id,
                            clip(line)
                        ),
                    ));
                } else {
                    // Text straight after a complete stack, such as `exit status 2`.
                    self.finish(line_no)?;
                    self.note(line_no, line);
                }
                Ok(())
            }
        }
    }

    /// Closes the input. A goroutine cut off by the end is left out and the
    /// cut is reported in [`Dump::truncated`]: Go itself cuts a debug=2 dump at
    /// 64 MiB, and the goroutines before the cut are worth reading.
    fn end(mut self, last_line: usize) -> Result<Dump, ParseError> {
        if let Err(e) = self.finish(last_line) {
            self.dump.truncated = Some(e);
        }
        Ok(self.dump)
    }
}

/// At most 80 characters of `line`, for messages.
pub(crate) fn clip(line: &str) -> String {
    let mut chars = line.chars();
    let head: String = chars.by_ref().take(80).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// Splits text into numbered lines without their `\n` or `\r\n`.
pub(crate) fn numbered(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n').enumerate().map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
}

pub(crate) fn parse(text: &str) -> Result<Dump, ParseError> {
    let mut st = Stepper::new(text);
    st.step(text, usize::MAX)?;
    st.finish()
}

/// A traceback read a slice of lines at a time, so that a page can read a
/// dump of tens of megabytes without blocking a frame.
pub(crate) struct Stepper {
    reader: Reader,
    /// The byte where the next line starts; past the end when done.
    pos: usize,
    /// The number of the last line read.
    line: usize,
    /// Spaces every non-blank line starts with (a dump pasted from a chat or an
    /// issue comes indented), removed before reading.
    indent: usize,
}

/// The number of spaces every non-blank line of `text` starts with.
fn common_indent(text: &str) -> usize {
    text.split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.bytes().take_while(|&b| b == b' ').count())
        .min()
        .unwrap_or(0)
}

impl Stepper {
    pub(crate) fn new(text: &str) -> Stepper {
        Stepper { reader: Reader::new(Format::Traceback), pos: 0, line: 0, indent: common_indent(text) }
    }

    /// Reads up to `max_lines` more lines of `text` (always the same text);
    /// `true` once the whole text is read. Lines are split as `str::split('\n')`
    /// splits them, so the numbers match what an editor shows.
    pub(crate) fn step(&mut self, text: &str, max_lines: usize) -> Result<bool, ParseError> {
        for _ in 0..max_lines {
            if self.pos > text.len() {
                return Ok(true);
            }
            let rest = &text[self.pos..];
            let (raw, next) = match rest.find('\n') {
                Some(i) => (&rest[..i], self.pos + i + 1),
                None => (rest, text.len() + 1),
            };
            self.pos = next;
            self.line += 1;
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            // Only spaces were counted, and a blank line may be shorter.
            let raw = raw.get(self.indent.min(raw.len())..).unwrap_or(raw);
            match self.reader.line(self.line, raw) {
                // The last line does not read: the input stops inside a
                // goroutine (or inside a line, as Go ends every line with a
                // line break). That goroutine is left out, as at any other cut.
                Err(e) if next > text.len() => {
                    self.reader.open = None;
                    self.reader.dump.truncated = Some(e);
                }
                other => other?,
            }
        }
        Ok(self.pos > text.len())
    }

    /// How far it has read, in bytes.
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    pub(crate) fn finish(self) -> Result<Dump, ParseError> {
        let last = self.line;
        self.reader.end(last)
    }
}

/// goleak's `found unexpected goroutines:` report: `[Goroutine 7 in state
/// chan send, with main.f on top of the stack:` then the stack (goleak ≤ 1.2
/// also repeats the `goroutine 7 [...]:` header), the next goroutine after a
/// space, and a closing `]`. `go test` indents the message; the indentation is
/// ignored.
pub(crate) fn parse_goleak(text: &str) -> Result<Dump, ParseError> {
    let mut r = Reader::new(Format::Goleak);
    let mut last = 0;
    for (n, raw) in numbered(text) {
        last = n;
        let line = raw.trim_start_matches(' ');
        let line = line.strip_prefix('[').unwrap_or(line);
        if let Some((id, state)) = goleak_head(line) {
            r.start(n, (id, state, Vec::new()))?;
            continue;
        }
        if line.trim() == "]" {
            r.finish(n)?;
            continue;
        }
        if let Some((id, state, labels)) = header(line) {
            // goleak ≤ 1.2 repeats the header; its state is the same one.
            if let Some(open) = r.open.as_mut() {
                if open.rec.goroutine == Some(id) && !open.any {
                    open.rec.state = Some(state);
                    open.rec.labels = labels;
                    continue;
                }
            }
        }
        // The last frame of the last goroutine is followed by `]` on the same line
        // in no goleak version; a `]` alone closes the list (handled above).
        r.line(n, line)?;
    }
    r.end(last)
}

fn goleak_head(line: &str) -> Option<(u64, State)> {
    let rest = line.strip_prefix("Goroutine ")?;
    let (id, rest) = rest.split_once(" in state ")?;
    let rest = rest.strip_suffix(" on top of the stack:")?;
    let (state, _top) = rest.rsplit_once(", with ")?;
    Some((id.parse().ok()?, State::parse(state)?))
}
