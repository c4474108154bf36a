//! `debug=1` text: `goroutine profile: total N`, then per distinct stack a
//! line `COUNT @ PC PC …`, optional `# labels: {…}`, and one `#\tPC\tfunc+0xOFF\tfile:line`
//! line per frame, innermost first; a blank line between stacks.

use crate::text::Count;
use crate::traceback::{clip, numbered};
use crate::{text, Dump, Format, Frame, ParseError, Record};

/// Whether `line` is a count profile's header (`NAME profile: total N`).
pub(crate) fn is_header(line: &str) -> bool {
    line.split_once(" profile: total ").is_some_and(|(name, _)| !name.contains(' '))
}

pub(crate) fn parse(text: &str) -> Result<Dump, ParseError> {
    let mut dump = Dump::new(Format::Debug1);
    let mut lines = numbered(text).skip_while(|(_, l)| l.trim().is_empty());
    let (n, head) = lines.next().unwrap_or((1, ""));
    let (name, total) = head.trim().split_once(" profile: total ").unwrap_or(("", ""));
    match name {
        "goroutine" => {}
        "goroutineleak" => dump.leak_profile = true,
        other => {
            return Err(ParseError::at(
                n,
                text!("this is a {0} profile; Leak Lab reads goroutine and goroutineleak profiles", other),
            ))
        }
    }
    dump.total = Some(
        total
            .trim()
            .parse()
            .map_err(|_| ParseError::at(n, text!("the total in `{0}` is not a whole number", clip(head))))?,
    );
    let mut open: Option<Record> = None;
    for (n, line) in lines {
        if line.trim().is_empty() {
            if let Some(rec) = open.take() {
                dump.records.push(rec);
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("# labels: ") {
            let Some(rec) = open.as_mut() else {
                return Err(ParseError::at(n, text!("a `# labels:` line before any `COUNT @ …` line")));
            };
            rec.labels = labels(rest).ok_or_else(|| {
                ParseError::at(n, text!("cannot read the labels `{0}`; expected {\"key\":\"value\", …}", clip(rest)))
            })?;
            rec.labels.sort();
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            let Some(rec) = open.as_mut() else {
                return Err(ParseError::at(n, text!("a frame line before any `COUNT @ …` line")));
            };
            let fields: Vec<&str> = rest.split('\t').filter(|f| !f.is_empty()).collect();
            match fields.as_slice() {
                // An address Go could not symbolize.
                [pc] if pc.starts_with("0x") => {}
                [pc, func, loc] if pc.starts_with("0x") => {
                    let function = func.rsplit_once("+0x").map_or(*func, |(f, _)| f);
                    let Some((file, num)) = loc.rsplit_once(':') else {
                        return Err(ParseError::at(n, text!("`{0}` has no `:line` after the file", clip(loc))));
                    };
                    let num = num
                        .trim()
                        .parse()
                        .map_err(|_| ParseError::at(n, text!("the line number in `{0}` is not a number", clip(loc))))?;
                    let frame = Frame {
                        function: dump.symbols.intern(function),
                        args: dump.symbols.intern(""),
                        file: dump.symbols.intern(file),
                        line: num,
                    };
                    rec.frames.push(frame);
                }
                _ => {
                    return Err(ParseError::at(
                        n,
                        text!(
                            "expected a frame like `#\\t0x4a1b2c\\tmain.f+0x2c\\t/app/main.go:31`, found `{0}`",
                            clip(line)
                        ),
                    ))
                }
            }
            continue;
        }
        let Some((count, pcs)) = line.split_once(" @") else {
            return Err(ParseError::at(
                n,
                text!("expected `COUNT @ 0x… 0x…` or a `#` frame line, found `{0}`", clip(line)),
            ));
        };
        let count = count
            .trim()
            .parse()
            .map_err(|_| ParseError::at(n, text!("the count `{0}` is not a whole number", clip(count))))?;
        if !pcs.split_whitespace().all(|pc| pc.starts_with("0x")) {
            return Err(ParseError::at(n, text!("the addresses in `{0}` are not all hexadecimal", clip(line))));
        }
        if let Some(rec) = open.take() {
            dump.records.push(rec);
        }
        open = Some(Record {
            count,
            goroutine: None,
            state: None,
            frames: Vec::new(),
            elided: false,
            created_by: None,
            ancestors: Vec::new(),
            labels: Vec::new(),
            line: n,
        });
    }
    if let Some(rec) = open.take() {
        dump.records.push(rec);
    }
    let sum = dump.goroutines();
    if dump.total.is_some_and(|t| t < sum) {
        return Err(ParseError::at(
            n,
            match dump.total.unwrap_or(0) {
                1 => text!("the header says 1 goroutine but the stacks below add up to {0}", Count(sum)),
                t => text!("the header says {0} goroutines but the stacks below add up to {1}", Count(t), Count(sum)),
            },
        ));
    }
    Ok(dump)
}

/// Reads `{"key":"value", "k2":"v2"}` (debug=1) or `{"key": "value"}` (Go 1.26's headers).
pub(crate) fn labels(text: &str) -> Option<Vec<(String, String)>> {
    let body = text.trim().strip_prefix('{')?.strip_suffix('}')?;
    let mut out = Vec::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        let (key, after) = quoted(rest)?;
        let after = after.trim_start().strip_prefix(':')?;
        let (value, after) = quoted(after.trim_start())?;
        out.push((key, value));
        rest = after.trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    Some(out)
}

/// A Go-quoted string at the start of `text` and what follows it.
fn quoted(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}
