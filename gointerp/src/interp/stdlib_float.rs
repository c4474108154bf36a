//! `math`, `strconv.FormatFloat`/`ParseFloat` and `time.Duration`'s float methods:
//! functions whose results are exact (or correctly rounded, as `Sqrt`), and `Pow`, `Exp`,
//! `Log`, `Log2`, `Log10` by Go's own algorithms (`gomath.rs`), so that all are Go's to
//! the bit.

use std::rc::Rc;

use sim_runtime::G;

use super::stdlib_text::go_quote;
use super::{GoError, Program, Res, StdCall, Value};
use crate::float::{format_float, math_max, parse_float, ParseError};

fn float(v: Option<&Value>) -> Option<f64> {
    match v {
        Some(Value::Float(f)) => Some(*f),
        _ => None,
    }
}

fn int(v: Option<&Value>) -> Option<i64> {
    super::ints::index_of(v?)
}

/// `time.ParseDuration` with Go's errors: the syntax and arithmetic are
/// `sim_runtime::Duration::parse`'s (held to real Go's answers), the sign and the
/// texts of the errors Go's own.
fn parse_duration(orig: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", time_quote(orig));
    let (neg, s) = match orig.as_bytes().first() {
        Some(b'-') => (true, &orig[1..]),
        Some(b'+') => (false, &orig[1..]),
        _ => (false, orig),
    };
    if s.starts_with(|c: char| c.is_whitespace()) || s.starts_with(['+', '-']) {
        return Err(invalid());
    }
    let unknown = |unit: &str| format!("time: unknown unit {} in duration {}", time_quote(unit), time_quote(orig));
    // The parser ignores white space at the end; Go reads it as part of the last unit.
    let trimmed = s.trim_end();
    // The first unit Go does not know, reading the numbers and units in turn.
    let last_unit = || {
        let mut rest = s;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
            let end = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
            let unit = &rest[..end];
            if !matches!(unit, "ns" | "us" | "µs" | "μs" | "ms" | "s" | "m" | "h") || end == rest.len() {
                return (!unit.is_empty()).then_some(unit);
            }
            rest = &rest[end..];
        }
    };
    match sim_runtime::Duration::parse(trimmed) {
        Err(msg) if msg.starts_with("missing unit") && trimmed.len() == s.len() => {
            Err(format!("time: missing unit in duration {}", time_quote(orig)))
        }
        Err(msg) if !msg.starts_with("missing unit") && !msg.starts_with("unknown unit") => Err(invalid()),
        Ok(d) if trimmed.len() == s.len() => Ok(if neg { (d.0 as i64).wrapping_neg() } else { d.0 as i64 }),
        _ => Err(last_unit().map_or_else(invalid, unknown)),
    }
}

/// The `time` package's own quoting in its errors: `"` and `\` escaped, bytes
/// that are not printable ASCII as `\xNN`.
fn time_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if (c as u32) >= 0x80 || c < ' ' {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// `Duration.Truncate`: toward zero to a multiple of `m`.
fn duration_truncate(d: i64, m: i64) -> i64 {
    if m <= 0 {
        return d;
    }
    d - d % m
}

/// `Duration.Round`: to the nearest multiple of `m`, halfway away from zero, and the
/// largest (or smallest) Duration where that overflows, as Go's.
fn duration_round(d: i64, m: i64) -> i64 {
    if m <= 0 {
        return d;
    }
    let less_than_half = |x: i64, y: i64| (x as u64).wrapping_add(x as u64) < y as u64;
    let mut r = d % m;
    if d < 0 {
        r = -r;
        if less_than_half(r, m) {
            return d + r;
        }
        return d.checked_sub(m).map(|x| x + r).filter(|&d1| d1 < d).unwrap_or(i64::MIN);
    }
    if less_than_half(r, m) {
        return d - r;
    }
    d.checked_add(m - r).filter(|&d1| d1 > d).unwrap_or(i64::MAX)
}

impl Program {
    /// A call of `math`, a float function of `strconv` or a float method of
    /// `time.Duration`; `None` when `c` is none of them.
    pub(super) async fn std_float(&self, _g: &G, c: &StdCall<'_>) -> Option<Res<Value>> {
        let a = |i: usize| c.args.get(i);
        let x = float(a(0));
        let unsupported = || Some(self.unsupported(c.pos, &format!("{}.{}", c.callee.0, c.callee.1)));
        let v = match (c.callee.0.as_str(), c.callee.1.as_str()) {
            ("math", "NaN") => Value::Float(f64::NAN),
            ("math", f) => {
                let Some(x) = x.or_else(|| int(a(0)).map(|n| n as f64)) else { return unsupported() };
                let y = float(a(1));
                let v = match (f, y) {
                    ("Sqrt", _) => x.sqrt(),
                    ("Floor", _) => x.floor(),
                    ("Ceil", _) => x.ceil(),
                    ("Trunc", _) => x.trunc(),
                    // Half away from zero, as Go's Round.
                    ("Round", _) => x.round(),
                    ("Abs", _) => x.abs(),
                    ("Max", Some(y)) => math_max(true, x, y),
                    ("Min", Some(y)) => math_max(false, x, y),
                    // The exact remainder, with the sign of x, as Go's Mod.
                    ("Mod", Some(y)) => x % y,
                    ("Copysign", Some(y)) => x.copysign(y),
                    // Go's own algorithms, to the bit (`gomath.rs`).
                    ("Pow", Some(y)) => crate::gomath::pow(x, y),
                    ("Exp", _) => crate::gomath::exp(x),
                    ("Log", _) => crate::gomath::log(x),
                    ("Log2", _) => crate::gomath::log2(x),
                    ("Log10", _) => crate::gomath::log10(x),
                    ("Ldexp", _) => match int(a(1)) {
                        Some(e) => crate::gomath::ldexp(x, e),
                        None => return unsupported(),
                    },
                    ("Frexp", _) => {
                        let (frac, e) = crate::gomath::frexp(x);
                        return Some(Ok(Value::Tuple(Rc::new(vec![Value::Float(frac), Value::Int(e)]))));
                    }
                    ("Signbit", _) => return Some(Ok(Value::Bool(x.is_sign_negative()))),
                    ("IsNaN", _) => return Some(Ok(Value::Bool(x.is_nan()))),
                    ("IsInf", _) => {
                        let sign = int(a(1)).unwrap_or(0);
                        let is = (sign >= 0 && x == f64::INFINITY) || (sign <= 0 && x == f64::NEG_INFINITY);
                        return Some(Ok(Value::Bool(is)));
                    }
                    // `math.Inf(sign)` reads its argument as an int: `x` is it.
                    ("Inf", _) => {
                        if x >= 0.0 {
                            f64::INFINITY
                        } else {
                            f64::NEG_INFINITY
                        }
                    }
                    _ => return unsupported(),
                };
                Value::Float(v)
            }
            ("strconv", "FormatFloat") => {
                let (Some(x), Some(fmt), Some(prec), Some(64)) = (x, int(a(1)), int(a(2)), int(a(3))) else {
                    return unsupported();
                };
                let fmt = char::from_u32(fmt as u32).unwrap_or('?');
                match format_float(x, fmt, prec.clamp(-1, 1 << 20) as i32) {
                    Some(s) => Value::Str(s.into()),
                    // Go prints `%` and the format for one it does not know.
                    None if !matches!(fmt, 'b' | 'x' | 'X') => Value::Str(format!("%{fmt}").into()),
                    None => return unsupported(),
                }
            }
            ("time", "ParseDuration") => {
                let Some(Value::Str(s)) = a(0) else { return unsupported() };
                let (d, e) = match parse_duration(s) {
                    Ok(d) => (d, Value::Nil),
                    Err(msg) => (0, Value::Error(Rc::new(GoError::Text(msg)))),
                };
                Value::Tuple(Rc::new(vec![Value::Int(d), e]))
            }
            ("strconv", "ParseFloat") => {
                let (Some(Value::Str(s)), Some(64)) = (a(0), int(a(1))) else { return unsupported() };
                let err = |why: &str| {
                    Value::Error(Rc::new(GoError::Text(format!("strconv.ParseFloat: parsing {}: {why}", go_quote(s)))))
                };
                let (v, e) = match parse_float(s) {
                    Ok(v) => (v, Value::Nil),
                    Err(ParseError::Syntax) => (0.0, err("invalid syntax")),
                    Err(ParseError::Range(v)) => (v, err("value out of range")),
                };
                Value::Tuple(Rc::new(vec![Value::Float(v), e]))
            }
            ("(time.Duration)", m) => {
                let Some(Value::Int(d)) = c.recv.as_ref() else { return unsupported() };
                let d = *d;
                // Go's own arithmetic: whole units, then the rest in nanoseconds.
                let part = |unit: i64| (d / unit) as f64 + (d % unit) as f64 / unit as f64;
                match m {
                    "Seconds" => Value::Float(part(1_000_000_000)),
                    "Minutes" => Value::Float(part(60_000_000_000)),
                    "Hours" => Value::Float(part(3_600_000_000_000)),
                    "Milliseconds" => Value::Int(d / 1_000_000),
                    "Microseconds" => Value::Int(d / 1_000),
                    "Nanoseconds" => Value::Int(d),
                    "Round" | "Truncate" => {
                        let Some(unit) = int(c.args.first()) else { return unsupported() };
                        Value::Int(if m == "Round" { duration_round(d, unit) } else { duration_truncate(d, unit) })
                    }
                    "Abs" => Value::Int(if d == i64::MIN { i64::MAX } else { d.abs() }),
                    "String" => Value::Str(super::duration_string(d).into()),
                    _ => return unsupported(),
                }
            }
            _ => return None,
        };
        Some(Ok(v))
    }
}
