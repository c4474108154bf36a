//! The gzipped protobuf goroutine profile (`profile.proto`), decoded by hand:
//! only the fields a goroutine profile uses are read, the rest skipped.

use std::io::Read;

use rustc_hash::FxHashMap;

use crate::{Dump, Format, Frame, ParseError, Record};

/// Profiles larger than this once unpacked are refused: a goroutine profile of
/// a million goroutines with distinct stacks stays far below it, and a
/// crafted gzip stream cannot make the page allocate without bound.
const MAX_UNPACKED: u64 = 1 << 30;

pub(crate) fn parse_gzip(input: &[u8]) -> Result<Dump, ParseError> {
    let mut raw = Vec::new();
    flate2::read::MultiGzDecoder::new(input)
        .take(MAX_UNPACKED + 1)
        .read_to_end(&mut raw)
        .map_err(|e| ParseError::binary(format!("the gzip data cannot be unpacked ({e}); is the file cut short?")))?;
    if raw.len() as u64 > MAX_UNPACKED {
        return Err(ParseError::binary("the profile unpacks to more than 1 GiB; Leak Lab stops there"));
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

    fn err(&self, msg: &str) -> ParseError {
        ParseError::binary(format!("the protobuf profile is damaged: {msg} in a {} at byte {}", self.what, self.pos))
    }

    fn varint(&mut self) -> Result<u64, ParseError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let Some(&b) = self.buf.get(self.pos) else {
                return Err(self.err("a number runs past the end"));
            };
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("a number is longer than 10 bytes"))
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
                    return Err(self.err("a fixed-size field runs past the end"));
                }
                self.pos += n;
                Value::Fixed
            }
            2 => {
                let len = self.varint()?;
                let len = usize::try_from(len).ok().filter(|&l| l <= self.buf.len() - self.pos);
                let Some(len) = len else {
                    return Err(self.err("a field's length runs past the end"));
                };
                let bytes = &self.buf[self.pos..self.pos + len];
                self.pos += len;
                Value::Bytes(bytes)
            }
            _ => return Err(self.err(&format!("wire type {kind} is not protobuf's"))),
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
            return Err(ParseError::binary(format!("the protobuf profile is damaged: a fixed-size number in a {what}")))
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
                    return Err(ParseError::binary(format!(
                        "the protobuf profile has a location with id {id} twice or id 0"
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
                    return Err(ParseError::binary(format!(
                        "the protobuf profile has a function with id {id} twice or id 0"
                    )));
                }
            }
            6 => strings.push(b),
            _ => {}
        }
    }
    if strings.first().is_some_and(|s| !s.is_empty()) {
        return Err(ParseError::binary("the protobuf profile is damaged: its string table does not start with \"\""));
    }
    let string = |i: u64| -> Result<&str, ParseError> {
        let bytes = usize::try_from(i).ok().and_then(|i| strings.get(i)).ok_or_else(|| {
            ParseError::binary(format!("the protobuf profile refers to string {i}, past its {} strings", strings.len()))
        })?;
        std::str::from_utf8(bytes)
            .map_err(|_| ParseError::binary(format!("the protobuf profile's string {i} is not UTF-8")))
    };
    let types = sample_types.iter().map(|&(t, u)| Ok((string(t)?, string(u)?))).collect::<Result<Vec<_>, _>>()?;
    // Go 1.26's goroutineleak profile counts `goroutineleak`, every one of them leaked.
    let Some(index) = types.iter().position(|&(t, u)| (t == "goroutine" || t == "goroutineleak") && u == "count")
    else {
        let names: Vec<String> = types.iter().map(|(t, u)| format!("{t}/{u}")).collect();
        return Err(ParseError::binary(format!(
            "this profile counts {}, not goroutines; open a goroutine profile (/debug/pprof/goroutine)",
            if names.is_empty() { "nothing".to_string() } else { names.join(", ") }
        )));
    };
    let mut dump = Dump::new(Format::Profile);
    dump.leak_profile = types[index].0 == "goroutineleak";
    let empty = dump.symbols.intern("");
    for s in &samples {
        let Some(&count) = s.values.get(index) else {
            return Err(ParseError::binary("the protobuf profile has a sample without a value for each sample type"));
        };
        let mut frames = Vec::new();
        for id in &s.locations {
            let Some(lines) = locations.get(id) else {
                return Err(ParseError::binary(format!(
                    "the protobuf profile's sample refers to location {id}, which it lacks"
                )));
            };
            for &(fid, line) in lines {
                let Some(f) = functions.get(&fid) else {
                    return Err(ParseError::binary(format!(
                        "the protobuf profile's location {id} refers to function {fid}, which it lacks"
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
