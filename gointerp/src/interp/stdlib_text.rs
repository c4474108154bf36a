//! `strings` and `strconv`: the functions `check/stdlib.rs` declares, with Go's
//! results and Go's error texts (`strconv.Atoi: parsing "x": invalid syntax`), and
//! `strings.Builder`, whose zero value is shared like a `sync.Mutex`'s (copying a
//! used Builder is a run-time error in Go; here the copy writes to the same text).

use super::slices::SliceV;
use std::cell::RefCell;
use std::rc::Rc;

use sim_runtime::G;

use super::host::HostValue;
use super::ints::IntKind;
use super::{GoError, Program, Res, StdCall, Value};

/// The Go type name of a `strings.Builder` value.
pub(super) const BUILDER: &str = "strings.Builder";

/// The zero `strings.Builder`.
pub(super) fn builder_zero() -> Value {
    Value::Host(Rc::new(HostValue { type_name: BUILDER, data: Box::new(RefCell::new(String::new())) }))
}

fn builder(v: Option<&Value>) -> Option<&RefCell<String>> {
    match v {
        Some(Value::Host(h)) if h.type_name == BUILDER => h.data.downcast_ref(),
        _ => None,
    }
}

fn text(v: Option<&Value>) -> Option<&str> {
    match v {
        Some(Value::Str(s)) => Some(s),
        _ => None,
    }
}

fn int(v: Option<&Value>) -> Option<i64> {
    super::ints::index_of(v?)
}

fn str_val(s: impl Into<Rc<str>>) -> Value {
    Value::Str(s.into())
}

fn slice(items: Vec<Value>) -> Value {
    Value::Slice(SliceV::new(items))
}

fn pair(v: Value, err: Option<String>) -> Value {
    let err = err.map_or(Value::Nil, |e| Value::Error(Rc::new(GoError::Text(e))));
    Value::Tuple(Rc::new(vec![v, err]))
}

/// `unicode.ToUpper`/`ToLower` rune by rune: a rune whose case mapping is more than
/// one rune (`ß`) stays as it is, as in Go.
fn map_case(s: &str, upper: bool) -> String {
    s.chars()
        .map(|c| {
            let mut m: Vec<char> = if upper { c.to_uppercase().collect() } else { c.to_lowercase().collect() };
            if m.len() == 1 {
                m.pop().unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// `strings.Split`: an empty separator splits after each UTF-8 sequence.
fn split(s: &str, sep: &str) -> Vec<Value> {
    if sep.is_empty() {
        return s.chars().map(|c| str_val(c.to_string())).collect();
    }
    s.split(sep).map(str_val).collect()
}

/// `strconv.Quote`: Go's escapes, `\u`/`\U` for runes that are not printable.
pub(super) fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if (c as u32) < 0x20 || c == '\x7f' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_control() || matches!(c as u32, 0x80..=0x9f | 0xad | 0x2028 | 0x2029 | 0xfeff) => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `strconv.ParseInt(s, base, bitSize)` with `fname` in its errors (`Atoi`, `ParseInt`).
fn parse_int(fname: &str, s: &str, base: i64, bits: i64) -> Result<i64, String> {
    let syntax = || format!("strconv.{fname}: parsing {}: invalid syntax", go_quote(s));
    let range = || format!("strconv.{fname}: parsing {}: value out of range", go_quote(s));
    if base != 0 && !(2..=36).contains(&base) {
        return Err(format!("strconv.{fname}: parsing {}: invalid base {base}", go_quote(s)));
    }
    let bits = if bits == 0 { 64 } else { bits };
    if !(1..=64).contains(&bits) {
        return Err(format!("strconv.{fname}: parsing {}: invalid bit size {bits}", go_quote(s)));
    }
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let Some(n) = digits_value(body, base) else { return Err(syntax()) };
    let limit: u128 = 1u128 << (bits - 1);
    if (!neg && n >= limit) || (neg && n > limit) {
        return Err(range());
    }
    Ok(if neg { (n as i128).wrapping_neg() as i64 } else { n as i64 })
}

/// The value of the digits of an integer without its sign, as `strconv` reads them in
/// `base` (0: by prefix, with underscores); `None` for a syntax error. Saturates.
fn digits_value(body: &str, base: i64) -> Option<u128> {
    let (base, digits, underscores) = match base {
        0 => {
            let lower = body.to_ascii_lowercase();
            if lower.starts_with("0x") {
                (16, &body[2..], true)
            } else if lower.starts_with("0b") {
                (2, &body[2..], true)
            } else if lower.starts_with("0o") {
                (8, &body[2..], true)
            } else if body.len() > 1 && body.starts_with('0') {
                (8, &body[1..], true)
            } else {
                (10, body, true)
            }
        }
        b => (b as u32, body, false),
    };
    if digits.is_empty() && !(underscores && body.len() > 1 && base == 8 && !body[1..].is_empty()) {
        return None;
    }
    let mut n: u128 = 0;
    let mut prev_underscore = false;
    for (i, ch) in digits.chars().enumerate() {
        if ch == '_' && underscores {
            if prev_underscore || i == 0 && digits.len() == body.len() {
                return None;
            }
            prev_underscore = true;
            continue;
        }
        prev_underscore = false;
        let d = ch.to_digit(base)?;
        n = n.saturating_mul(base as u128).saturating_add(d as u128);
    }
    if prev_underscore {
        return None;
    }
    Some(n)
}

/// `strconv.ParseUint`.
fn parse_uint(s: &str, base: i64, bits: i64) -> Result<u64, (u64, String)> {
    let err = |why: &str, v: u64| (v, format!("strconv.ParseUint: parsing {}: {why}", go_quote(s)));
    if base != 0 && !(2..=36).contains(&base) {
        return Err(err(&format!("invalid base {base}"), 0));
    }
    let bits = if bits == 0 { 64 } else { bits };
    if !(1..=64).contains(&bits) {
        return Err(err(&format!("invalid bit size {bits}"), 0));
    }
    if s.starts_with(['+', '-']) {
        return Err(err("invalid syntax", 0));
    }
    let Some(n) = digits_value(s, base) else { return Err(err("invalid syntax", 0)) };
    let max = if bits == 64 { u64::MAX } else { (1u64 << bits) - 1 };
    if n > max as u128 {
        return Err(err("value out of range", max));
    }
    Ok(n as u64)
}

/// `strconv.FormatInt(i, base)`.
fn format_int(i: i64, base: u32) -> String {
    let digits = format_uint(i.unsigned_abs(), base);
    if i < 0 {
        return format!("-{digits}");
    }
    digits
}

/// `strconv.FormatUint`.
fn format_uint(mut n: u64, base: u32) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(std::char::from_digit((n % base as u64) as u32, base).unwrap_or('?'));
        n /= base as u64;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

impl Program {
    /// A call of `strings` or `strconv`, or `None` when `c` is something else.
    pub(super) async fn std_text(&self, g: &G, c: &StdCall<'_>) -> Option<Res<Value>> {
        let a = |i: usize| c.args.get(i);
        let s = |i: usize| text(a(i));
        let unsupported = || Some(self.unsupported(c.pos, &format!("{}.{}", c.callee.0, c.callee.1)));
        let v = match (c.callee.0.as_str(), c.callee.1.as_str()) {
            ("strings", f) => {
                let v = match (f, s(0), s(1)) {
                    ("Contains", Some(x), Some(y)) => Value::Bool(x.contains(y)),
                    ("HasPrefix", Some(x), Some(y)) => Value::Bool(x.starts_with(y)),
                    ("HasSuffix", Some(x), Some(y)) => Value::Bool(x.ends_with(y)),
                    ("Index", Some(x), Some(y)) => Value::Int(x.find(y).map_or(-1, |i| i as i64)),
                    ("Split", Some(x), Some(y)) => slice(split(x, y)),
                    ("Repeat", Some(x), _) => match int(a(1)) {
                        Some(n) if n < 0 => {
                            g.at(c.pos.line);
                            return Some(self.raise(g, "strings: negative Repeat count").await);
                        }
                        Some(n) if (x.len() as u128) * (n as u128) > 1 << 30 => {
                            g.at(c.pos.line);
                            return Some(self.raise(g, "strings: Repeat output length overflow").await);
                        }
                        Some(n) => str_val(x.repeat(n as usize)),
                        None => return unsupported(),
                    },
                    ("Replace", Some(x), Some(old)) => match (s(2), int(a(3))) {
                        (Some(new), Some(n)) if n < 0 => str_val(x.replace(old, new)),
                        (Some(new), Some(n)) => str_val(x.replacen(old, new, n as usize)),
                        _ => return unsupported(),
                    },
                    ("ReplaceAll", Some(x), Some(old)) => match s(2) {
                        Some(new) => str_val(x.replace(old, new)),
                        None => return unsupported(),
                    },
                    ("ToLower", Some(x), _) => str_val(map_case(x, false)),
                    ("ToUpper", Some(x), _) => str_val(map_case(x, true)),
                    ("TrimSpace", Some(x), _) => str_val(x.trim()),
                    ("TrimPrefix", Some(x), Some(p)) => str_val(x.strip_prefix(p).unwrap_or(x)),
                    ("TrimSuffix", Some(x), Some(p)) => str_val(x.strip_suffix(p).unwrap_or(x)),
                    ("EqualFold", Some(x), Some(y)) => Value::Bool(map_case(x, false) == map_case(y, false)),
                    ("Join", _, Some(sep)) => match a(0) {
                        Some(Value::Slice(items)) => {
                            let parts: Option<Vec<String>> =
                                items.borrow().iter().map(|v| text(Some(v)).map(str::to_string)).collect();
                            match parts {
                                Some(p) => str_val(p.join(sep)),
                                None => return unsupported(),
                            }
                        }
                        _ => return unsupported(),
                    },
                    _ => return unsupported(),
                };
                v
            }
            ("(strings.Builder)", m) => {
                let recv = match c.recv.as_ref() {
                    Some(Value::Ptr(p)) => Some(p.borrow().clone()),
                    other => other.cloned(),
                };
                let Some(b) = builder(recv.as_ref()) else { return unsupported() };
                match (m, s(0)) {
                    ("WriteString", Some(x)) => {
                        b.borrow_mut().push_str(x);
                        Value::Tuple(Rc::new(vec![Value::Int(x.len() as i64), Value::Nil]))
                    }
                    ("String", _) => str_val(b.borrow().as_str()),
                    ("Len", _) => Value::Int(b.borrow().len() as i64),
                    _ => return unsupported(),
                }
            }
            ("strconv", f) => match (f, a(0)) {
                ("Itoa", Some(Value::Int(n))) => str_val(n.to_string()),
                ("FormatInt", Some(Value::Int(n))) => match int(a(1)) {
                    Some(base @ 2..=36) => str_val(format_int(*n, base as u32)),
                    Some(_) => {
                        g.at(c.pos.line);
                        return Some(self.raise(g, "strconv: illegal AppendInt/FormatInt base").await);
                    }
                    None => return unsupported(),
                },
                ("ParseUint", Some(Value::Str(x))) => match (int(a(1)), int(a(2))) {
                    (Some(base), Some(bits)) => match parse_uint(x, base, bits) {
                        Ok(n) => pair(Value::Sized(n as i64, IntKind::U64), None),
                        Err((v, e)) => pair(Value::Sized(v as i64, IntKind::U64), Some(e)),
                    },
                    _ => return unsupported(),
                },
                ("FormatUint", Some(Value::Sized(n, _))) => match int(a(1)) {
                    Some(base @ 2..=36) => str_val(format_uint(*n as u64, base as u32)),
                    Some(_) => {
                        g.at(c.pos.line);
                        return Some(self.raise(g, "strconv: illegal AppendInt/FormatInt base").await);
                    }
                    None => return unsupported(),
                },
                ("Atoi", Some(Value::Str(x))) => match parse_int("Atoi", x, 10, 64) {
                    Ok(n) => pair(Value::Int(n), None),
                    // Out of range, Atoi returns the nearest int, as ParseInt does.
                    Err(e) if e.ends_with("value out of range") => {
                        pair(Value::Int(if x.starts_with('-') { i64::MIN } else { i64::MAX }), Some(e))
                    }
                    Err(e) => pair(Value::Int(0), Some(e)),
                },
                ("ParseInt", Some(Value::Str(x))) => match (int(a(1)), int(a(2))) {
                    (Some(base), Some(bits)) => match parse_int("ParseInt", x, base, bits) {
                        Ok(n) => pair(Value::Int(n), None),
                        Err(e) if e.ends_with("value out of range") => {
                            let bits = if bits == 0 { 64 } else { bits.clamp(1, 64) };
                            let max = ((1u128 << (bits - 1)) - 1) as i64;
                            pair(Value::Int(if x.starts_with('-') { -max - 1 } else { max }), Some(e))
                        }
                        Err(e) => pair(Value::Int(0), Some(e)),
                    },
                    _ => return unsupported(),
                },
                ("ParseBool", Some(Value::Str(x))) => match &**x {
                    "1" | "t" | "T" | "true" | "TRUE" | "True" => pair(Value::Bool(true), None),
                    "0" | "f" | "F" | "false" | "FALSE" | "False" => pair(Value::Bool(false), None),
                    _ => pair(
                        Value::Bool(false),
                        Some(format!("strconv.ParseBool: parsing {}: invalid syntax", go_quote(x))),
                    ),
                },
                ("FormatBool", Some(Value::Bool(b))) => str_val(b.to_string()),
                ("Quote", Some(Value::Str(x))) => str_val(go_quote(x)),
                _ => return unsupported(),
            },
            _ => return None,
        };
        Some(Ok(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_int_reads_and_refuses_as_go_does() {
        assert_eq!(parse_int("Atoi", "42", 10, 64), Ok(42));
        assert_eq!(parse_int("Atoi", "-9223372036854775808", 10, 64), Ok(i64::MIN));
        assert_eq!(
            parse_int("Atoi", "9223372036854775808", 10, 64),
            Err("strconv.Atoi: parsing \"9223372036854775808\": value out of range".into())
        );
        assert_eq!(parse_int("Atoi", "4x", 10, 64), Err("strconv.Atoi: parsing \"4x\": invalid syntax".into()));
        assert_eq!(parse_int("Atoi", "", 10, 64), Err("strconv.Atoi: parsing \"\": invalid syntax".into()));
        assert_eq!(parse_int("ParseInt", "0x1f", 0, 64), Ok(31));
        assert_eq!(parse_int("ParseInt", "1_000", 0, 64), Ok(1000));
        assert_eq!(parse_int("ParseInt", "017", 0, 64), Ok(15));
        assert_eq!(parse_int("ParseInt", "0", 0, 64), Ok(0));
        assert_eq!(
            parse_int("ParseInt", "128", 10, 8),
            Err("strconv.ParseInt: parsing \"128\": value out of range".into())
        );
        assert_eq!(format_int(-255, 16), "-ff");
    }

    #[test]
    fn quote_escapes_as_go_does() {
        assert_eq!(go_quote("a\"b\\\n\t\x01é"), "\"a\\\"b\\\\\\n\\t\\x01é\"");
    }
}
