//! Go's `strconv.FormatFloat(f, fmt, prec, 64)` and `strconv.ParseFloat(s, 64)` on
//! Rust's digit generation: Rust's `{:e}` gives the shortest digits that read back
//! as `f` (Go's shortest too), `{:.*e}` and `{:.*}` correctly rounded digits (ties to
//! even, as Go's exact conversion); the layout — where `%g` switches to an exponent,
//! `e+06` with at least two exponent digits, `+Inf`, `-0` — is Go's `ftoa.go`.

/// A decimal: the significant digits (no trailing zeros; none for zero) and where
/// the decimal point goes (`dp` digits from the left), as Go's `decimalSlice`.
struct Decimal {
    d: Vec<u8>,
    dp: i32,
}

impl Decimal {
    /// From Rust's exponent form `d.ddde±x` of a non-negative finite number.
    fn from_exp(text: &str) -> Decimal {
        let (mant, exp) = text.split_once('e').unwrap_or((text, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let mut d: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
        while d.last() == Some(&b'0') {
            d.pop();
        }
        if d.is_empty() {
            return Decimal { d, dp: 0 };
        }
        Decimal { d, dp: exp + 1 }
    }

    /// The shortest digits of `f` (finite, non-negative); of two shortest candidates
    /// equally near `f`, the even one, as Go's (`1e15 + 0.25` is `1.0000000000000002e+15`
    /// in Go, where Rust's `{:e}` ends in 3): the correctly rounded digits of that length,
    /// when they read back as `f`.
    fn shortest(f: f64) -> Decimal {
        let d = Decimal::from_exp(&format!("{f:e}"));
        if d.d.len() > 1 {
            let near = format!("{:.*e}", d.d.len() - 1, f);
            if near.parse::<f64>() == Ok(f) {
                return Decimal::from_exp(&near);
            }
        }
        d
    }

    /// `f` rounded to `n` (at least one) significant digits.
    fn significant(f: f64, n: usize) -> Decimal {
        Decimal::from_exp(&format!("{:.*e}", n - 1, f))
    }
}

/// `strconv.FormatFloat(f, 'b', …)`: `-?mantissa p±exponent`, the mantissa an integer.
fn fmt_b(neg: bool, mant: u64, exp: i64) -> String {
    let exp = exp - 52;
    format!("{}{mant}p{}{exp}", if neg { "-" } else { "" }, if exp >= 0 { "+" } else { "" })
}

/// `strconv.FormatFloat(f, 'x', prec, 64)`: `-?0x1.hhhp±dd`, Go's `fmtX` step for step
/// (rounding to `prec` hex digits half to even, at least two exponent digits).
fn fmt_x(prec: i32, fmt: char, neg: bool, mut mant: u64, mut exp: i64) -> String {
    if mant == 0 {
        exp = 0;
    }
    mant <<= 60 - 52;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let hex = |d: u64| {
        let c = std::char::from_digit(d as u32, 16).unwrap_or('0');
        if fmt == 'X' {
            c.to_ascii_uppercase()
        } else {
            c
        }
    };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push('0');
    out.push(fmt);
    out.push(if (mant >> 60) & 1 == 1 { '1' } else { '0' });
    mant <<= 4;
    if prec < 0 && mant != 0 {
        out.push('.');
        while mant != 0 {
            out.push(hex((mant >> 60) & 15));
            mant <<= 4;
        }
    } else if prec > 0 {
        out.push('.');
        for _ in 0..prec {
            out.push(hex((mant >> 60) & 15));
            mant <<= 4;
        }
    }
    out.push(if fmt == 'X' { 'P' } else { 'p' });
    out.push(if exp < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exp.abs()));
    out
}

/// `strconv.FormatFloat(f, fmt, prec, 64)` for the formats `e`, `E`, `f`, `g`, `G`
/// (`prec < 0`: the shortest digits that read back as `f`); `None` for another format.
pub fn format_float(f: f64, fmt: char, prec: i32) -> Option<String> {
    if !matches!(fmt, 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X') {
        return None;
    }
    if f.is_nan() {
        return Some("NaN".into());
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { "+Inf" } else { "-Inf" }.into());
    }
    let neg = f.is_sign_negative();
    if matches!(fmt, 'b' | 'x' | 'X') {
        let bits = f.to_bits();
        let mut exp = ((bits >> 52) & 0x7ff) as i64;
        let mut mant = bits & ((1 << 52) - 1);
        if exp == 0 {
            exp += 1;
        } else {
            mant |= 1 << 52;
        }
        exp -= 1023;
        return Some(if fmt == 'b' { fmt_b(neg, mant, exp) } else { fmt_x(prec, fmt, neg, mant, exp) });
    }
    let a = f.abs();
    let sign = if neg { "-" } else { "" };
    let shortest = prec < 0;
    if fmt == 'f' && !shortest {
        // Rounded at `prec` digits after the point: exactly Rust's fixed notation.
        return Some(format!("{sign}{:.*}", prec as usize, a));
    }
    let mut prec = prec;
    let digs = if shortest {
        Decimal::shortest(a)
    } else {
        match fmt {
            'e' | 'E' => Decimal::significant(a, prec as usize + 1),
            _ => {
                if prec == 0 {
                    prec = 1;
                }
                Decimal::significant(a, prec as usize)
            }
        }
    };
    let nd = digs.d.len() as i32;
    if shortest {
        prec = match fmt {
            'e' | 'E' => (nd - 1).max(0),
            'f' => (nd - digs.dp).max(0),
            _ => nd,
        };
    }
    let mut out = String::from(sign);
    match fmt {
        'e' | 'E' => fmt_e(&mut out, &digs, prec, fmt),
        'f' => fmt_f(&mut out, &digs, prec),
        _ => {
            let mut eprec = prec;
            if eprec > nd && nd >= digs.dp {
                eprec = nd;
            }
            // %e is used if the exponent from the conversion is less than -4 or
            // greater than or equal to the precision; 6 for the shortest digits.
            if shortest {
                eprec = 6;
            }
            let exp = digs.dp - 1;
            if exp < -4 || exp >= eprec {
                if prec > nd {
                    prec = nd;
                }
                fmt_e(&mut out, &digs, prec - 1, if fmt == 'g' { 'e' } else { 'E' });
            } else {
                if prec > digs.dp {
                    prec = nd;
                }
                fmt_f(&mut out, &digs, (prec - digs.dp).max(0));
            }
        }
    }
    Some(out)
}

/// `d.ddde±dd`.
fn fmt_e(out: &mut String, d: &Decimal, prec: i32, fmt: char) {
    out.push(d.d.first().map_or('0', |&c| c as char));
    if prec > 0 {
        out.push('.');
        for i in 1..=prec as usize {
            out.push(d.d.get(i).map_or('0', |&c| c as char));
        }
    }
    out.push(fmt);
    let exp = if d.d.is_empty() { 0 } else { d.dp - 1 };
    out.push(if exp < 0 { '-' } else { '+' });
    let exp = exp.abs();
    if exp < 10 {
        out.push('0');
    }
    out.push_str(&exp.to_string());
}

/// `ddd.ddd`, `prec` digits after the point.
fn fmt_f(out: &mut String, d: &Decimal, prec: i32) {
    if d.dp > 0 {
        for i in 0..d.dp as usize {
            out.push(d.d.get(i).map_or('0', |&c| c as char));
        }
    } else {
        out.push('0');
    }
    if prec > 0 {
        out.push('.');
        for i in 1..=prec {
            let j = d.dp + i - 1;
            out.push(if j >= 0 { d.d.get(j as usize).map_or('0', |&c| c as char) } else { '0' });
        }
    }
}

/// The built-in `max` (or `min`) of two floats: NaN if either is, and `-0` below `0`.
pub fn min_max(max: bool, x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && y == 0.0 {
        let (nx, ny) = (x.is_sign_negative(), y.is_sign_negative());
        let neg = if max { nx && ny } else { nx || ny };
        return if neg { -0.0 } else { 0.0 };
    }
    if (x > y) == max {
        x
    } else {
        y
    }
}

/// `math.Max` (or `math.Min`): as the built-in, except that an infinity in the
/// direction asked for wins even over NaN.
pub fn math_max(max: bool, x: f64, y: f64) -> f64 {
    let inf = if max { f64::INFINITY } else { f64::NEG_INFINITY };
    if x == inf || y == inf {
        return inf;
    }
    min_max(max, x, y)
}

/// Why `strconv.ParseFloat` refused a text.
#[derive(Debug, PartialEq)]
pub enum ParseError {
    /// `invalid syntax`: the value is 0.
    Syntax,
    /// `value out of range`: the value is ±Inf.
    Range(f64),
}

/// `strconv.ParseFloat(s, 64)`: Go's syntax of floating-point literals (underscores
/// between digits, hexadecimal mantissas with a `p` exponent), `inf`, `infinity` and
/// `nan` in any case, a sign before all but `nan`.
pub fn parse_float(s: &str) -> Result<f64, ParseError> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(if neg { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if lower == "nan" && body.len() == s.len() {
        return Ok(f64::NAN);
    }
    if body.contains('_') && !underscores_ok(body) {
        return Err(ParseError::Syntax);
    }
    let body: String = body.chars().filter(|&c| c != '_').collect();
    let v = if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        parse_hex(hex).ok_or(ParseError::Syntax)?
    } else {
        // Rust reads the same decimal syntax, plus words Go reads above or not at all.
        let decimal = body.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'));
        if !decimal || body.starts_with(['+', '-']) || !body.bytes().any(|c| c.is_ascii_digit()) {
            return Err(ParseError::Syntax);
        }
        body.parse::<f64>().map_err(|_| ParseError::Syntax)?
    };
    let v = if neg { -v } else { v };
    if v.is_infinite() {
        return Err(ParseError::Range(v));
    }
    Ok(v)
}

/// Go's `underscoreOK`: underscores only between digits, or after a base prefix.
fn underscores_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    // `saw` is the previous character class: '^' start, '0' digit or prefix, '_', '!' other.
    let mut saw = b'^';
    let hex = b.len() >= 2 && b[0] == b'0' && (b[1] | 0x20) == b'x';
    if hex {
        i = 2;
        saw = b'0';
    }
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() || (hex && c.is_ascii_hexdigit()) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

/// A hexadecimal mantissa (`1.8`) and its binary exponent (`p-2`), which Go requires.
fn parse_hex(s: &str) -> Option<f64> {
    let (mant, exp) = s.split_once(['p', 'P'])?;
    let exp: i32 = exp.parse().ok()?;
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut m: u128 = 0;
    let mut shift = exp;
    let mut sticky = false;
    for (i, c) in int.chars().chain(frac.chars()).enumerate() {
        let v = c.to_digit(16)? as u128;
        if m >> 120 == 0 {
            m = m * 16 + v;
            if i >= int.len() {
                shift -= 4;
            }
        } else {
            sticky |= v != 0;
            if i < int.len() {
                shift += 4;
            }
        }
    }
    if sticky {
        m |= 1;
    }
    let mut v = m as f64;
    // Exact powers of two, a step at a time so that no step overflows early.
    let mut e = shift;
    while e > 0 {
        let step = e.min(1000);
        v *= 2f64.powi(step);
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(1000);
        v /= 2f64.powi(step);
        e += step;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_go_does() {
        let cases: &[(f64, char, i32, &str)] = &[
            (1e21, 'g', -1, "1e+21"),
            (1e20, 'g', -1, "1e+20"),
            (100000.0, 'g', -1, "100000"),
            (1e6, 'g', -1, "1e+06"),
            (0.0001, 'g', -1, "0.0001"),
            (0.00001, 'g', -1, "1e-05"),
            (0.1 + 0.2, 'g', -1, "0.30000000000000004"),
            (1e15 + 0.25, 'g', -1, "1.0000000000000002e+15"),
            (1e15 + 0.375, 'g', -1, "1.0000000000000004e+15"),
            (-0.0, 'g', -1, "-0"),
            (0.0, 'e', 6, "0.000000e+00"),
            (0.0, 'g', -1, "0"),
            (1.0, 'g', 3, "1"),
            (2.46913, 'g', 3, "2.47"),
            (12345678.9, 'g', 3, "1.23e+07"),
            (12345678.9, 'g', 8, "12345679"),
            (1e100, 'e', -1, "1e+100"),
            (5e-324, 'g', -1, "5e-324"),
            (2.5, 'f', 0, "2"),
            (-0.04, 'f', 1, "-0.0"),
            (1e21, 'f', -1, "1000000000000000000000"),
            (123456789.0, 'E', 3, "1.235E+08"),
            (f64::NAN, 'g', -1, "NaN"),
            (f64::NEG_INFINITY, 'f', 2, "-Inf"),
        ];
        for &(f, fmt, prec, want) in cases {
            assert_eq!(format_float(f, fmt, prec).as_deref(), Some(want), "{f} {fmt} {prec}");
        }
        // Real Go 1.24.4's strconv.FormatFloat (tests/run/float_hex.go has more).
        assert_eq!(format_float(1.0, 'x', -1).as_deref(), Some("0x1p+00"));
        assert_eq!(format_float(0.1, 'X', 3).as_deref(), Some("0X1.99AP-04"));
        assert_eq!(format_float(-1.5, 'b', -1).as_deref(), Some("-6755399441055744p-52"));
        assert_eq!(format_float(1.0, 'q', -1), None);
    }

    #[test]
    fn parses_as_go_does() {
        assert_eq!(parse_float("1_0.5"), Ok(10.5));
        assert_eq!(parse_float("0x1p-2"), Ok(0.25));
        assert_eq!(parse_float("0x1.8p1"), Ok(3.0));
        assert_eq!(parse_float("-Infinity"), Ok(f64::NEG_INFINITY));
        assert!(parse_float("NaN").unwrap().is_nan());
        assert_eq!(parse_float("+nan"), Err(ParseError::Syntax));
        assert_eq!(parse_float("1e400"), Err(ParseError::Range(f64::INFINITY)));
        assert_eq!(parse_float("-1e400"), Err(ParseError::Range(f64::NEG_INFINITY)));
        assert_eq!(parse_float("1e-400"), Ok(0.0));
        for bad in ["", "--5", " 1", "x", "1e", "_1", "1__0", "1_", "0x1", "e5", "."] {
            assert_eq!(parse_float(bad), Err(ParseError::Syntax), "{bad:?}");
        }
    }
}
