//! `fmt`'s format strings as Go reads them: the flags `-`, `+`, `#`, `0` and space, a
//! width and a precision, the verbs `v`, `d`, `s`, `q`, `x`, `X`, `o`, `O`, `b`, `c`,
//! `U`, `t`, `T` and `w`, and Go's own notes for what does not fit: `%!d(string=hi)`
//! for a wrong type, `%!d(MISSING)`, `%!(EXTRA int=1)`, `%!(NOVERB)`.
//!
//! Floats print by `e`, `E`, `f`, `F`, `g`, `G` and `v` as fmt's `fmtFloat` lays out
//! `strconv.FormatFloat` (`crate::float`). What the interpreter cannot print as Go
//! does (`%x` of a float, `%#v`) is `None`: the call then stops the program as
//! something Leak Lab cannot run yet.

use super::ints::int_of;
use super::stdlib_text::go_quote;
use super::{Program, Value};
use crate::check::types::{Basic, ChanDir, Type};

#[derive(Default, Clone, Copy)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    zero: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

impl Spec {
    /// Pads `text` to the width: spaces, or zeros after the sign with `0`.
    fn pad(&self, text: String, numeric: bool) -> String {
        let Some(w) = self.width else { return text };
        let n = text.chars().count();
        if n >= w {
            return text;
        }
        let fill = w - n;
        if self.minus {
            return text + &" ".repeat(fill);
        }
        if self.zero && numeric && self.prec.is_none() {
            let sign = text.starts_with(['-', '+', ' ']);
            let (s, rest) = text.split_at(if sign { 1 } else { 0 });
            return format!("{s}{}{rest}", "0".repeat(fill));
        }
        if self.zero && !numeric {
            return "0".repeat(fill) + &text;
        }
        " ".repeat(fill) + &text
    }
}

/// A float by `verb`, padded, as fmt's `fmtFloat`: `%v` is the shortest `%g`, `%e`
/// and `%f` six digits by default; a sign only when negative or asked for (`+`, or
/// a space), zeros after the sign with `0`, never zeros around `Inf` or `NaN`, and
/// `NaN` without a sign unless one is asked for.
fn format_float_verb(spec: &Spec, verb: char, f: f64) -> Option<String> {
    let (fmt, prec) = match verb {
        'v' => ('g', -1),
        'g' | 'G' | 'x' | 'X' | 'b' => (verb, -1),
        'F' => ('f', 6),
        _ => (verb, 6),
    };
    if spec.sharp {
        return None;
    }
    // `%+v` is fmt's plusV, which asks for field names, not for a sign.
    let spec = &Spec { plus: spec.plus && verb != 'v', ..*spec };
    let prec = spec.prec.map_or(prec, |p| p as i32);
    let s = crate::float::format_float(f, fmt, prec)?;
    let mut num = if s.starts_with(['-', '+']) { s } else { format!("+{s}") };
    if spec.space && num.starts_with('+') && !spec.plus {
        num.replace_range(0..1, " ");
    }
    let spaces = |text: String| Spec { zero: false, ..*spec }.pad(text, false);
    let special = num.as_bytes()[1];
    if special == b'I' || special == b'N' {
        if special == b'N' && !spec.space && !spec.plus {
            num.remove(0);
        }
        return Some(spaces(num));
    }
    let zeros = spec.zero && !spec.minus;
    if spec.plus || !num.starts_with('+') {
        if let (true, Some(w)) = (zeros, spec.width) {
            if w > num.len() {
                return Some(format!("{}{}{}", &num[..1], "0".repeat(w - num.len()), &num[1..]));
            }
        }
        return Some(spaces(num));
    }
    let rest = num[1..].to_string();
    if let (true, Some(w)) = (zeros, spec.width) {
        if w > rest.len() {
            return Some(format!("{}{rest}", "0".repeat(w - rest.len())));
        }
    }
    Some(spaces(rest))
}

impl Program {
    /// The Go type of `v` for `%T` and for `%!verb(type=value)`: the static type when
    /// it is not an interface, else what `v` holds.
    fn dynamic_type_name(&self, t: Option<&Type>, v: &Value) -> String {
        if let Some(t) = t {
            if !self.checker.types.is_interface(t) {
                return self.go_type_name(t);
            }
        }
        match v {
            Value::Int(_) => "int",
            Value::Sized(_, k) => k.name(),
            Value::Float(_) => "float64",
            Value::Bool(_) => "bool",
            Value::Str(_) => "string",
            Value::Error(e) => match &**e {
                super::GoError::Ctx(sim_runtime::CtxErr::DeadlineExceeded) => "context.deadlineExceededError",
                super::GoError::Ctx(_) => "*errors.errorString",
                super::GoError::Text(_) => "*errors.errorString",
                super::GoError::Wrap(..) => "*fmt.wrapError",
            },
            Value::Ctx(_) => "*context.cancelCtx",
            Value::Time(_) => "time.Time",
            Value::Host(h) => h.type_name,
            Value::Nil => "<nil>",
            _ => "?",
        }
        .to_string()
    }

    /// A type as `%T` prints it: `main.result`, `*http.Client`, `[]string`.
    pub(super) fn go_type_name(&self, t: &Type) -> String {
        let types = &self.checker.types;
        match t {
            Type::Named(i) => {
                let n = &types.named[*i];
                if n.pkg.is_empty() {
                    n.name.clone()
                } else if n.pkg == "main" {
                    format!("main.{}", n.name)
                } else {
                    format!("{}.{}", n.pkg_name, n.name)
                }
            }
            Type::Basic(b) => match b {
                Basic::UntypedInt => "int".into(),
                Basic::UntypedFloat => "float64".into(),
                Basic::UntypedString => "string".into(),
                Basic::UntypedBool => "bool".into(),
                Basic::UntypedRune => "int32".into(),
                Basic::Byte => "uint8".into(),
                Basic::Rune => "int32".into(),
                b => b.name().into(),
            },
            Type::Pointer(x) => format!("*{}", self.go_type_name(x)),
            Type::Slice(x) => format!("[]{}", self.go_type_name(x)),
            Type::Map(k, v) => format!("map[{}]{}", self.go_type_name(k), self.go_type_name(v)),
            Type::Chan(d, x) => {
                let dir = match d {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                };
                format!("{dir}{}", self.go_type_name(x))
            }
            t => types.display(t, None),
        }
    }

    /// Whether `t` is a slice of bytes (`[]byte`, or a type defined on it).
    fn is_bytes(&self, t: Option<&Type>) -> bool {
        matches!(t.map(|t| self.checker.types.under(t)), Some(Type::Slice(e)) if matches!(**e, Type::Basic(Basic::Uint8 | Basic::Byte)))
    }

    /// `%!verb(type=value)`: what Go prints for an operand the verb does not fit.
    fn bad_verb(&self, verb: char, t: Option<&Type>, v: &Value) -> Option<String> {
        if matches!(v, Value::Nil) {
            return Some(format!("%!{verb}(<nil>)"));
        }
        Some(format!("%!{verb}({}={})", self.dynamic_type_name(t, v), self.format_typed(t, v)?))
    }

    /// An integer in `base`, with the sign, `#` prefix and precision Go gives it.
    fn format_integer(&self, spec: &Spec, i: i128, verb: char) -> String {
        let abs = i.unsigned_abs();
        let mut digits = match verb {
            'd' => abs.to_string(),
            'x' => format!("{abs:x}"),
            'X' => format!("{abs:X}"),
            'o' | 'O' => format!("{abs:o}"),
            _ => format!("{abs:b}"),
        };
        if let Some(p) = spec.prec {
            if p == 0 && i == 0 {
                digits.clear();
            }
            while digits.len() < p {
                digits.insert(0, '0');
            }
        }
        let prefix = match verb {
            'x' if spec.sharp => "0x",
            'X' if spec.sharp => "0X",
            'o' if spec.sharp && !digits.starts_with('0') => "0",
            'O' => "0o",
            'b' if spec.sharp => "0b",
            _ => "",
        };
        let sign = if i < 0 {
            "-"
        } else if spec.plus {
            "+"
        } else if spec.space {
            " "
        } else {
            ""
        };
        format!("{sign}{prefix}{digits}")
    }

    /// One operand formatted by `verb`, before padding; `None` for what the
    /// interpreter cannot format.
    fn format_operand(&self, spec: &Spec, verb: char, t: Option<&Type>, v: &Value) -> Option<(String, bool)> {
        let is_duration = t.is_some_and(|t| {
            matches!(t, Type::Named(i) if {
                let n = &self.checker.types.named[*i];
                n.pkg == "time" && n.name == "Duration"
            })
        });
        let truncate = |s: String| match spec.prec {
            Some(p) => s.chars().take(p).collect(),
            None => s,
        };
        // An array by a verb other than `%v`/`%T`: element by element, as a slice's.
        if let (Value::Array(items), false) = (v, matches!(verb, 'v' | 'T' | 'w')) {
            let elems = Value::Slice(super::slices::SliceV::new(items.borrow().to_vec()));
            return self.format_operand(spec, verb, None, &elems);
        }
        if let (Some(name), 'v' | 's' | 'q') = (self.signal_name(t, v), verb) {
            // A signal formats by its String method.
            return self.format_operand(spec, verb, None, &Value::Str(name.into()));
        }
        Some(match (verb, v) {
            ('T', _) => (self.dynamic_type_name(t, v), false),
            ('v' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'x' | 'X' | 'b', Value::Float(f)) => {
                (format_float_verb(spec, verb, *f)?, false)
            }
            // A slice of floats: each element by the verb, padded on its own.
            ('e' | 'E' | 'f' | 'F' | 'g' | 'G', Value::Slice(items)) if !items.borrow().is_empty() => {
                let parts: Option<Vec<String>> = items
                    .borrow()
                    .iter()
                    .map(|v| match v {
                        Value::Float(f) => format_float_verb(spec, verb, *f),
                        _ => None,
                    })
                    .collect();
                (format!("[{}]", parts?.join(" ")), false)
            }
            ('v', Value::Struct(_) | Value::Ptr(_)) if spec.plus => (self.format_struct(t, v, true)?, false),
            ('v', Value::Int(_) | Value::Sized(..))
                if !is_duration && (spec.plus || spec.space || spec.prec.is_some()) =>
            {
                (self.format_integer(spec, int_of(v)?, 'd'), true)
            }
            ('v', Value::Int(_) | Value::Sized(..)) if !is_duration => (self.format_typed(t, v)?, true),
            // A []byte: `%s` and `%q` as the string of its bytes, `%x` its bytes in hex.
            ('s' | 'q' | 'x' | 'X', Value::Slice(_)) if self.is_bytes(t) => {
                let bytes = super::bytes_of(v)?;
                let text = String::from_utf8_lossy(&bytes).into_owned();
                if verb == 'x' || verb == 'X' {
                    let hex: Vec<String> = bytes
                        .iter()
                        .map(|b| if verb == 'x' { format!("{b:02x}") } else { format!("{b:02X}") })
                        .collect();
                    (hex.join(if spec.space { " " } else { "" }), false)
                } else {
                    return self.format_operand(spec, verb, None, &Value::Str(text.into()));
                }
            }
            // A slice of strings by `%s` or `%q`: each element.
            ('s' | 'q', Value::Slice(items))
                if spec.width.is_none()
                    && !items.borrow().is_empty()
                    && items.borrow().iter().all(|x| matches!(x, Value::Str(_))) =>
            {
                let parts: Option<Vec<String>> =
                    items.borrow().iter().map(|x| Some(self.format_operand(spec, verb, None, x)?.0)).collect();
                (format!("[{}]", parts?.join(" ")), false)
            }
            // A slice of integers by an integer verb: each element, padded on its own.
            ('d' | 'x' | 'X' | 'o' | 'O' | 'b' | 'c' | 'q' | 'U', Value::Slice(items))
                if !items.borrow().is_empty() && spec.width.is_none() =>
            {
                let parts: Option<Vec<String>> = items
                    .borrow()
                    .iter()
                    .map(|x| match x {
                        Value::Int(_) | Value::Sized(..) => Some(self.format_operand(spec, verb, None, x)?.0),
                        _ => None,
                    })
                    .collect();
                (format!("[{}]", parts?.join(" ")), false)
            }
            ('v' | 'w', _) => (self.format_typed(t, v)?, false),
            ('s', Value::Error(e)) => (truncate(e.message()), false),
            ('s', Value::Int(i)) if is_duration => (truncate(super::duration_string(*i)), false),
            ('s', Value::Str(s)) => (truncate(s.to_string()), false),
            ('s', Value::Slice(_)) => (self.format_typed(t, v)?, false),
            ('q', Value::Str(s)) => (go_quote(s), false),
            ('q', Value::Error(e)) => (go_quote(&e.message()), false),
            ('q', Value::Int(_) | Value::Sized(..)) if !is_duration => {
                match int_of(v).and_then(|i| u32::try_from(i).ok()).and_then(char::from_u32) {
                    Some(c) => {
                        let q = go_quote(&c.to_string());
                        let inner = &q[1..q.len() - 1];
                        (
                            format!(
                                "'{}'",
                                if c == '\'' {
                                    "\\'"
                                } else if c == '"' {
                                    "\""
                                } else {
                                    inner
                                }
                            ),
                            false,
                        )
                    }
                    None => ("'\u{fffd}'".to_string(), false),
                }
            }
            ('x' | 'X', Value::Str(s)) => {
                let hex: String = s
                    .bytes()
                    .map(|b| if verb == 'x' { format!("{b:02x}") } else { format!("{b:02X}") })
                    .collect::<Vec<_>>()
                    .join(if spec.space { " " } else { "" });
                (hex, false)
            }
            ('d' | 'x' | 'X' | 'o' | 'O' | 'b', Value::Int(_) | Value::Sized(..)) => {
                (self.format_integer(spec, int_of(v)?, verb), true)
            }
            ('c', Value::Int(_) | Value::Sized(..)) => {
                let c = int_of(v).and_then(|i| u32::try_from(i).ok()).and_then(char::from_u32);
                (c.unwrap_or('\u{fffd}').to_string(), false)
            }
            ('U', Value::Int(_) | Value::Sized(..)) => {
                let i = int_of(v)?;
                let u = if i < 0 { format!("U+{:X}", i as i64 as u64) } else { format!("U+{i:04X}") };
                match u32::try_from(i).ok().and_then(char::from_u32) {
                    Some(c) if spec.sharp => (format!("{u} '{c}'"), false),
                    _ => (u, false),
                }
            }
            ('t', Value::Bool(b)) => (b.to_string(), false),
            ('e' | 'E' | 'f' | 'F' | 'g' | 'G', Value::Int(_) | Value::Sized(..) | Value::Str(_) | Value::Bool(_)) => {
                (self.bad_verb(verb, t, v)?, false)
            }
            ('e' | 'E' | 'f' | 'F' | 'g' | 'G', _) => return None,
            ('p', _) => return None,
            _ => (self.bad_verb(verb, t, v)?, false),
        })
    }

    /// `fmt.Sprintf(format, args...)` with the operands' static types.
    pub(super) fn go_sprintf(&self, format: &str, types: &[Option<Type>], args: &[Value]) -> Option<String> {
        // Room for the usual result at once: it is built a character at a time.
        let mut out = String::with_capacity(format.len() + 24 * args.len());
        let mut chars = format.chars().peekable();
        let mut n = 0;
        while let Some(ch) = chars.next() {
            if ch != '%' {
                out.push(ch);
                continue;
            }
            let mut spec = Spec::default();
            while let Some(f) = chars.next_if(|c| matches!(c, '-' | '+' | '#' | '0' | ' ')) {
                match f {
                    '-' => spec.minus = true,
                    '+' => spec.plus = true,
                    '#' => spec.sharp = true,
                    '0' => spec.zero = true,
                    _ => spec.space = true,
                }
            }
            if chars.peek() == Some(&'*') || chars.peek() == Some(&'[') {
                return None;
            }
            let digits = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                let mut v: Option<usize> = None;
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                    v = Some(v.unwrap_or(0).saturating_mul(10).saturating_add(d as usize));
                    chars.next();
                }
                v
            };
            spec.width = digits(&mut chars);
            if chars.next_if_eq(&'.').is_some() {
                if chars.peek() == Some(&'*') {
                    return None;
                }
                spec.prec = Some(digits(&mut chars).unwrap_or(0));
            }
            // Go refuses a width or precision past a million (`%!(BADWIDTH)`, with
            // its own way of reading on); here such a format is not run.
            if spec.width.max(spec.prec).is_some_and(|n| n > 1_000_000) {
                return None;
            }
            let Some(verb) = chars.next() else {
                out.push_str("%!(NOVERB)");
                break;
            };
            if verb == '%' {
                out.push('%');
                continue;
            }
            let Some(v) = args.get(n) else {
                out.push_str(&format!("%!{verb}(MISSING)"));
                continue;
            };
            let t = types.get(n).and_then(|t| t.as_ref());
            n += 1;
            let (text, numeric) = self.format_operand(&spec, verb, t, v)?;
            out.push_str(&spec.pad(text, numeric));
        }
        if n < args.len() {
            out.push_str("%!(EXTRA ");
            let extra: Option<Vec<String>> = args[n..]
                .iter()
                .zip(types[n..].iter())
                .map(|(v, t)| match v {
                    Value::Nil => Some("<nil>".to_string()),
                    v => {
                        Some(format!("{}={}", self.dynamic_type_name(t.as_ref(), v), self.format_typed(t.as_ref(), v)?))
                    }
                })
                .collect();
            out.push_str(&extra?.join(", "));
            out.push(')');
        }
        Some(out)
    }
}
