//! Go's integer types at run time. `int` and `int64` (and `time.Duration`) are
//! [`Value::Int`]; every other integer type is [`Value::Sized`]: its value wrapped to
//! the type's width and kept in an `i64` (sign-extended for the signed types,
//! zero-extended for the unsigned ones; a `uint64`'s bits as they are). Arithmetic
//! wraps as Go's does, `/` and `%` of unsigned types are unsigned, `>>` is arithmetic
//! for signed and logical for unsigned types, shift counts of a type's width or more
//! shift everything out, and a negative count or a zero divisor is a run-time panic.

use super::slices::SliceV;
use super::Value;
use crate::check::types::Basic;

/// An integer type other than `int`/`int64`, as a value carries it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(missing_docs)]
pub enum IntKind {
    I8,
    I16,
    I32,
    U8,
    U16,
    U32,
    U64,
    Uint,
    Uintptr,
}

impl IntKind {
    /// The kind of a basic integer type; `None` for `int`, `int64` and untyped
    /// integers (an untyped rune is a `rune`).
    pub fn of(b: Basic) -> Option<IntKind> {
        Some(match b {
            Basic::Int8 => IntKind::I8,
            Basic::Int16 => IntKind::I16,
            Basic::Int32 | Basic::Rune | Basic::UntypedRune => IntKind::I32,
            Basic::Uint8 | Basic::Byte => IntKind::U8,
            Basic::Uint16 => IntKind::U16,
            Basic::Uint32 => IntKind::U32,
            Basic::Uint64 => IntKind::U64,
            Basic::Uint => IntKind::Uint,
            Basic::Uintptr => IntKind::Uintptr,
            _ => return None,
        })
    }

    /// A signed type (`int8`, `int16`, `int32`).
    pub fn signed(self) -> bool {
        matches!(self, IntKind::I8 | IntKind::I16 | IntKind::I32)
    }

    /// The type's width in bits.
    pub fn bits(self) -> u32 {
        match self {
            IntKind::I8 | IntKind::U8 => 8,
            IntKind::I16 | IntKind::U16 => 16,
            IntKind::I32 | IntKind::U32 => 32,
            _ => 64,
        }
    }

    /// The type's name, as `%T` of a value in an interface prints it.
    pub fn name(self) -> &'static str {
        match self {
            IntKind::I8 => "int8",
            IntKind::I16 => "int16",
            IntKind::I32 => "int32",
            IntKind::U8 => "uint8",
            IntKind::U16 => "uint16",
            IntKind::U32 => "uint32",
            IntKind::U64 => "uint64",
            IntKind::Uint => "uint",
            IntKind::Uintptr => "uintptr",
        }
    }

    /// `bits` truncated to the type's width, as the type holds it.
    pub fn wrap(self, bits: i64) -> i64 {
        match self {
            IntKind::I8 => bits as i8 as i64,
            IntKind::I16 => bits as i16 as i64,
            IntKind::I32 => bits as i32 as i64,
            IntKind::U8 => bits as u8 as i64,
            IntKind::U16 => bits as u16 as i64,
            IntKind::U32 => bits as u32 as i64,
            _ => bits,
        }
    }
}

/// The value of an integer of kind `k` (`None`: `int`/`int64`) with `bits`, wrapped.
pub fn int_value(k: Option<IntKind>, bits: i64) -> Value {
    match k {
        None => Value::Int(bits),
        Some(k) => Value::Sized(k.wrap(bits), k),
    }
}

/// An integer value's mathematical value (a `uint64` above `MaxInt64` too).
pub fn int_of(v: &Value) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i as i128),
        Value::Sized(b, k) if !k.signed() => Some(*b as u64 as i128),
        Value::Sized(b, _) => Some(*b as i128),
        _ => None,
    }
}

/// An integer value as an index or a size: its value if an `i64` holds it.
pub fn index_of(v: &Value) -> Option<i64> {
    int_of(v).and_then(|i| i64::try_from(i).ok())
}

/// Whether `v` is an integer zero (a divisor that panics).
pub fn is_zero(v: &Value) -> bool {
    matches!(v, Value::Int(0) | Value::Sized(0, _))
}

/// Whether `v`, a shift count, is negative (which panics).
pub fn negative(v: &Value) -> bool {
    int_of(v).is_some_and(|i| i < 0)
}

/// The run-time panic of `x op r` where the right operand `r` makes one: a zero
/// divisor or a negative shift count.
pub fn panics(op: &str, r: &Value) -> Option<&'static str> {
    match op {
        "/" | "%" if is_zero(r) => Some("runtime error: integer divide by zero"),
        "<<" | ">>" if negative(r) => Some("runtime error: negative shift amount"),
        _ => None,
    }
}

/// `x << n` or `x >> n` on `x`'s bits (of kind `k`) by a count that is not negative.
fn shift(op: &str, x: i64, k: Option<IntKind>, n: i128) -> Value {
    let n = n.min(64) as u32;
    let bits = match (op, k) {
        ("<<", _) => x.checked_shl(n).unwrap_or(0),
        // Unsigned: logical, on the zero-extended bits.
        (_, Some(k)) if !k.signed() => (x as u64).checked_shr(n).unwrap_or(0) as i64,
        // Signed (sign-extended bits): arithmetic.
        _ => x >> n.min(63),
    };
    int_value(k, bits)
}

/// A binary operator on two integers of which at least one is a [`Value::Sized`]
/// (or a shift by one), as Go computes it; `None` for an operator integers do not
/// have, a zero divisor or a negative shift count (which the caller panics on).
pub fn binary_ints(op: &str, l: &Value, r: &Value) -> Option<Value> {
    let (x, kx) = match l {
        Value::Int(i) => (*i, None),
        Value::Sized(b, k) => (*b, Some(*k)),
        _ => return None,
    };
    if op == "<<" || op == ">>" {
        let n = int_of(r)?;
        if n < 0 {
            return None;
        }
        return Some(shift(op, x, kx, n));
    }
    let (y, ky) = match r {
        Value::Int(i) => (*i, None),
        Value::Sized(b, k) => (*b, Some(*k)),
        _ => return None,
    };
    // One type on both sides (the checker saw to it); an untyped constant that
    // kept `int`'s form takes the other side's.
    let k = kx.or(ky);
    let unsigned = k.is_some_and(|k| !k.signed());
    Some(match op {
        "+" => int_value(k, x.wrapping_add(y)),
        "-" => int_value(k, x.wrapping_sub(y)),
        "*" => int_value(k, x.wrapping_mul(y)),
        "/" | "%" if y == 0 => return None,
        "/" if unsigned => int_value(k, ((x as u64) / (y as u64)) as i64),
        "%" if unsigned => int_value(k, ((x as u64) % (y as u64)) as i64),
        "/" => int_value(k, x.wrapping_div(y)),
        "%" => int_value(k, x.wrapping_rem(y)),
        "&" => int_value(k, x & y),
        "|" => int_value(k, x | y),
        "^" => int_value(k, x ^ y),
        "&^" => int_value(k, x & !y),
        "==" => Value::Bool(x == y),
        "!=" => Value::Bool(x != y),
        _ => {
            let ord = if unsigned { (x as u64).cmp(&(y as u64)) } else { x.cmp(&y) };
            Value::Bool(match op {
                "<" => ord.is_lt(),
                "<=" => ord.is_le(),
                ">" => ord.is_gt(),
                ">=" => ord.is_ge(),
                _ => return None,
            })
        }
    })
}

/// A unary operator (`-`, `^`, `+`) on an integer.
pub fn unary_int(op: &str, v: &Value) -> Option<Value> {
    let (x, k) = match v {
        Value::Int(i) => (*i, None),
        Value::Sized(b, k) => (*b, Some(*k)),
        _ => return None,
    };
    Some(match op {
        "-" => int_value(k, x.wrapping_neg()),
        "^" => int_value(k, !x),
        "+" => v.clone(),
        _ => return None,
    })
}

/// `x++` or `x--` on an integer.
pub fn inc_dec(op: &str, v: &Value) -> Option<Value> {
    let (x, k) = match v {
        Value::Int(i) => (*i, None),
        Value::Sized(b, k) => (*b, Some(*k)),
        _ => return None,
    };
    Some(int_value(k, if op == "++" { x.wrapping_add(1) } else { x.wrapping_sub(1) }))
}

/// The conversion of an integer or float to the integer type of kind `k`, as Go
/// computes it on amd64: integers are truncated or extended; a float goes toward
/// zero (out of range as CVTTSD2SQ leaves it; a `uint64` above `MaxInt64` by Go's
/// own two-step sequence).
pub fn convert_to_int(k: Option<IntKind>, v: &Value) -> Option<Value> {
    match v {
        Value::Int(i) => Some(int_value(k, *i)),
        Value::Sized(b, _) => Some(int_value(k, *b)),
        Value::Float(f) => {
            let big = 9_223_372_036_854_775_808.0;
            let bits = match k {
                Some(IntKind::U64 | IntKind::Uint | IntKind::Uintptr) if *f >= big => {
                    super::float_to_int(f - big) ^ i64::MIN
                }
                _ => super::float_to_int(*f),
            };
            Some(int_value(k, bits))
        }
        _ => None,
    }
}

/// An integer as a float64 (a `uint64` by its unsigned value).
pub fn to_float(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Sized(b, k) if !k.signed() => Some(*b as u64 as f64),
        Value::Sized(b, _) => Some(*b as f64),
        _ => None,
    }
}

/// `string(r)` of an integer: its rune's UTF-8, or U+FFFD for what is no rune.
pub fn rune_string(v: &Value) -> Option<String> {
    let i = int_of(v)?;
    let c = u32::try_from(i).ok().and_then(char::from_u32).unwrap_or('\u{fffd}');
    Some(c.to_string())
}

/// A `[]byte` holding the bytes of `s`.
pub fn bytes_value(s: &[u8]) -> Value {
    let items = s.iter().map(|b| Value::Sized(*b as i64, IntKind::U8)).collect();
    Value::Slice(SliceV::new(items))
}

/// The bytes of a `[]byte` (or of the string the interpreter used to keep one as).
pub fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Str(s) => Some(s.as_bytes().to_vec()),
        Value::Slice(items) => items
            .borrow()
            .iter()
            .map(|b| match b {
                Value::Sized(b, _) => Some(*b as u8),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(v: Value) -> (i128, Option<IntKind>) {
        let k = match v {
            Value::Sized(_, k) => Some(k),
            _ => None,
        };
        (int_of(&v).unwrap(), k)
    }

    #[test]
    fn arithmetic_wraps_at_the_width() {
        let u8v = |x| Value::Sized(x, IntKind::U8);
        assert_eq!(bits(binary_ints("+", &u8v(250), &u8v(10)).unwrap()), (4, Some(IntKind::U8)));
        let i8v = |x| Value::Sized(x, IntKind::I8);
        assert_eq!(bits(binary_ints("/", &i8v(-128), &i8v(-1)).unwrap()).0, -128);
        let max = Value::Sized(-1, IntKind::U64);
        assert_eq!(bits(binary_ints("/", &max, &Value::Sized(3, IntKind::U64)).unwrap()).0, 6148914691236517205);
        assert_eq!(bits(binary_ints(">>", &max, &Value::Int(1)).unwrap()).0, i64::MAX as i128);
        assert_eq!(bits(binary_ints(">>", &Value::Int(-5), &Value::Sized(70, IntKind::Uint)).unwrap()).0, -1);
        assert!(binary_ints("<<", &Value::Int(1), &Value::Int(-1)).is_none());
        assert!(matches!(binary_ints(">", &max, &Value::Sized(1, IntKind::U64)), Some(Value::Bool(true))));
    }

    #[test]
    fn conversions_truncate_and_extend() {
        assert_eq!(bits(convert_to_int(Some(IntKind::U8), &Value::Int(-5)).unwrap()).0, 251);
        assert_eq!(bits(convert_to_int(Some(IntKind::I8), &Value::Int(295)).unwrap()).0, 39);
        assert_eq!(bits(convert_to_int(None, &Value::Sized(-1, IntKind::U64)).unwrap()).0, -1);
        assert_eq!(
            bits(convert_to_int(Some(IntKind::U64), &Value::Float(1.5e19)).unwrap()).0,
            15_000_000_000_000_000_000
        );
    }
}
