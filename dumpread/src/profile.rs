//! The gzipped protobuf goroutine profile (`profile.proto`), decoded by hand:
//! only the fields a goroutine profile uses are read, the rest skipped.

use std::io::Read;

use rustc_hash::FxHashMap;

use crate::text::{Count, Text};
use crate::{text, Dump, Format, Frame, ParseError, Record};

/// Profiles larger than this once unpacked are refused: a goroutine profile of
/// a million goroutines with distinct stacks stays far below it, and a
/// crafted gzip stream cannot make the page allocate without bound.
const MAX_UNPACKED: u64 = 1 << 30;

pub(crate) fn parse_gzip(input: &[u8]) -> Result<Dump, ParseError> {
    let mut raw = Vec::new();
    flate2::read::MultiGzDecoder::new(input)
        .take(MAX_UNPACKED + 1)
        .read_to_end(&mut raw)
        .map_err(|e| ParseError::binary(gzip_error(&e)))?;
    if raw.len() as u64 > MAX_UNPACKED {
        return Err(ParseError::binary(text!("the profile unpacks to more than 1 GiB; Leak Lab stops there")));
    }
    // A gzipped text dump (`goroutines.txt.gz`) rather than a profile: text
    // that names goroutines the way every text format does.
    if let Ok(text) = std::str::from_utf8(&raw) {
        let t = text.trim_start();
        if t.starts_with("goroutine") || t.contains("\ngoroutine ") || t.contains("found unexpected goroutines:") {
            return crate::parse_text(text);
        }
    }
    parse_proto(&raw)
}

/// Why gzip data could not be unpacked, in this crate's own words (the decoder's English
/// stays out of the sentence, so that a reader can translate all of it).
fn gzip_error(e: &std::io::Error) -> Text {
    let what = e.to_string();
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        text!("the gzip data stops before its end; is the file cut short?")
    } else if what.contains("header") {
        text!("the gzip header is damaged; is this really a .gz file?")
    } else if what.contains("checksum") {
        text!("the gzip data unpacks, but its checksum does not match: the file is damaged")
    } else {
        text!("the gzip data is damaged and cannot be unpacked; is the file cut short or changed?")
    }
}

/// A protobuf wire-format reader over one message.
struct Wire<'a> {
    buf: &'a [u8],
    pos: usize,
    /// The message being read, for error messages.
    what: &'static str,
}

/// One field's value.
enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed,
}

impl<'a> Wire<'a> {
    fn new(buf: &'a [u8], what: &'static str) -> Wire<'a> {
        Wire { buf, pos: 0, what }
    }

    fn err(&self, msg: Text) -> ParseError {
        ParseError::binary(text!("the protobuf profile is damaged: {0} in a {1} at byte {2}", msg, self.what, self.pos))
    }

    fn varint(&mut self) -> Result<u64, ParseError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let Some(&b) = self.buf.get(self.pos) else {
                return Err(self.err(text!("a number runs past the end")));
            };
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err(text!("a number is longer than 10 bytes")))
    }

    fn next(&mut self) -> Result<Option<(u64, Value<'a>)>, ParseError> {
        if self.pos >= self.buf.len() {
            return Ok(None);
        }
        let key = self.varint()?;
        let (field, kind) = (key >> 3, key & 7);
        let value = match kind {
            0 => Value::Varint(self.varint()?),
            1 | 5 => {
                let n = if kind == 1 { 8 } else { 4 };
                if self.buf.len() - self.pos < n {
                    return Err(self.err(text!("a fixed-size field runs past the end")));
                }
                self.pos += n;
                Value::Fixed
            }
            2 => {
                let len = self.varint()?;
                let len = usize::try_from(len).ok().filter(|&l| l <= self.buf.len() - self.pos);
                let Some(len) = len else {
                    return Err(self.err(text!("a field's length runs past the end")));
                };
                let bytes = &self.buf[self.pos..self.pos + len];
                self.pos += len;
                Value::Bytes(bytes)
            }
            _ => return Err(self.err(text!("wire type {0} is not protobuf's", kind))),
        };
        Ok(Some((field, value)))
    }
}

/// Appends a repeated integer field, packed or not.
fn push_ints(out: &mut Vec<u64>, v: Value<'_>, what: &'static str) -> Result<(), ParseError> {
    match v {
        Value::Varint(n) => out.push(n),
        Value::Bytes(b) => {
            let mut w = Wire::new(b, what);
            while w.pos < b.len() {
                out.push(w.varint()?);
            }
        }
        Value::Fixed => {
            return Err(ParseError::binary(text!(
                "the protobuf profile is damaged: a fixed-size number in a {0}",
                what
            )))
        }
    }
    Ok(())
}

fn int(v: Value<'_>) -> u64 {
    match v {
        Value::Varint(n) => n,
        _ => 0,
    }
}

struct Sample {
    locations: Vec<u64>,
    values: Vec<u64>,
    labels: Vec<(u64, u64)>,
}

struct Function {
    name: u64,
    file: u64,
}

fn parse_proto(buf: &[u8]) -> Result<Dump, ParseError> {
    let mut strings: Vec<&[u8]> = Vec::new();
    let mut samples = Vec::new();
    let mut sample_types: Vec<(u64, u64)> = Vec::new();
    let mut locations: FxHashMap<u64, Vec<(u64, u64)>> = FxHashMap::default();
    let mut functions: FxHashMap<u64, Function> = FxHashMap::default();
    let mut w = Wire::new(buf, "Profile");
    while let Some((field, v)) = w.next()? {
        let Value::Bytes(b) = v else { continue };
        match field {
            1 => {
                let mut m = Wire::new(b, "ValueType");
                let (mut t, mut u) = (0, 0);
                while let Some((f, v)) = m.next()? {
                    match f {
                        1 => t = int(v),
                        2 => u = int(v),
                        _ => {}
                    }
                }
                sample_types.push((t, u));
            }
            2 => {
                let mut m = Wire::new(b, "Sample");
                let mut s = Sample { locations: Vec::new(), values: Vec::new(), labels: Vec::new() };
                while let Some((f, v)) = m.next()? {
                    match f {
                        1 => push_ints(&mut s.locations, v, "Sample")?,
                        2 => push_ints(&mut s.values, v, "Sample")?,
                        3 => {
                            if let Value::Bytes(lb) = v {
                                let mut l = Wire::new(lb, "Label");
                                let (mut k, mut s2) = (0, 0);
                                while let Some((f, v)) = l.next()? {
                                    match f {
                                        1 => k = int(v),
                                        2 => s2 = int(v),
                                        _ => {}
                                    }
                                }
                                s.labels.push((k, s2));
                            }
                        }
                        _ => {}
                    }
                }
                samples.push(s);
            }
            4 => {
                let mut m = Wire::new(b, "Location");
                let (mut id, mut lines) = (0, Vec::new());
                while let Some((f, v)) = m.next()? {
                    match (f, v) {
                        (1, v) => id = int(v),
                        (4, Value::Bytes(lb)) => {
                            let mut l = Wire::new(lb, "Line");
                            let (mut func, mut line) = (0, 0);
                            while let Some((f, v)) = l.next()? {
                                match f {
                                    1 => func = int(v),
                                    2 => line = int(v),
                                    _ => {}
                                }
                            }
                            lines.push((func, line));
                        }
                        _ => {}
                    }
                }
                if id == 0 || locations.insert(id, lines).is_some() {
                    return Err(ParseError::binary(text!(
                        "the protobuf profile has a location with id {0} twice or id 0",
                        id
                    )));
                }
            }
            5 => {
                let mut m = Wire::new(b, "Function");
                let (mut id, mut f) = (0, Function { name: 0, file: 0 });
                while let Some((field, v)) = m.next()? {
                    match field {
                        1 => id = int(v),
                        2 => f.name = int(v),
                        4 => f.file = int(v),
                        _ => {}
                    }
                }
                if id == 0 || functions.insert(id, f).is_some() {
                    return Err(ParseError::binary(text!(
                        "the protobuf profile has a function with id {0} twice or id 0",
                        id
                    )));
                }
            }
            6 => strings.push(b),
            _ => {}
        }
    }
    if strings.first().is_some_and(|s| !s.is_empty()) {
        return Err(ParseError::binary(text!(
            "the protobuf profile is damaged: its string table does not start with \"\""
        )));
    }
    let string = |i: u64| -> Result<&str, ParseError> {
        let bytes = usize::try_from(i).ok().and_then(|i| strings.get(i)).ok_or_else(|| {
            ParseError::binary(match strings.len() {
                1 => text!("the protobuf profile refers to string {0}, past its 1 string", i),
                n => text!("the protobuf profile refers to string {0}, past its {1} strings", i, Count(n as u64)),
            })
        })?;
        std::str::from_utf8(bytes)
            .map_err(|_| ParseError::binary(text!("the protobuf profile's string {0} is not UTF-8", i)))
    };
    let types = sample_types.iter().map(|&(t, u)| Ok((string(t)?, string(u)?))).collect::<Result<Vec<_>, _>>()?;
    // Go 1.26's goroutineleak profile counts `goroutineleak`, every one of them leaked.
    let Some(index) = types.iter().position(|&(t, u)| (t == "goroutine" || t == "goroutineleak") && u == "count")
    else {
        let names: Vec<String> = types.iter().map(|(t, u)| format!("{t}/{u}")).collect();
        return Err(ParseError::binary(if names.is_empty() {
            text!("this profile counts nothing, not goroutines; open a goroutine profile (/debug/pprof/goroutine)")
        } else {
            text!(
                "this profile counts {0}, not goroutines; open a goroutine profile (/debug/pprof/goroutine)",
                names.join(", ")
            )
        }));
    };
    let mut dump = Dump::new(Format::Profile);
    dump.leak_profile = types[index].0 == "goroutineleak";
    let empty = dump.symbols.intern("");
    for s in &samples {
        let Some(&count) = s.values.get(index) else {
            return Err(ParseError::binary(text!(
                "the protobuf profile has a sample without a value for each sample type"
            )));
        };
        let mut frames = Vec::new();
        for id in &s.locations {
            let Some(lines) = locations.get(id) else {
                return Err(ParseError::binary(text!(
                    "the protobuf profile's sample refers to location {0}, which it lacks",
                    *id
                )));
            };
            for &(fid, line) in lines {
                let Some(f) = functions.get(&fid) else {
                    return Err(ParseError::binary(text!(
                        "the protobuf profile's location {0} refers to function {1}, which it lacks",
                        *id,
                        fid
                    )));
                };
                let name = string(f.name)?;
                if name == "runtime.goexit" {
                    continue;
                }
                frames.push(Frame {
                    function: dump.symbols.intern(name),
                    args: empty,
                    file: dump.symbols.intern(string(f.file)?),
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                });
            }
        }
        let mut labels = s
            .labels
            .iter()
            .map(|&(k, v)| Ok((string(k)?.to_string(), string(v)?.to_string())))
            .collect::<Result<Vec<_>, ParseError>>()?;
        labels.sort();
        dump.records.push(Record {
            count,
            goroutine: None,
            state: None,
            frames,
            elided: false,
            created_by: None,
            ancestors: Vec::new(),
            labels,
            line: 0,
        });
    }
    dump.total = Some(dump.goroutines());
    Ok(dump)
}
