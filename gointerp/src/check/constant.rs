//! Go's exact untyped constants, as `go/constant` keeps them: integers of any size and
//! floating-point constants as exact rationals, converted to a type's representation
//! (an `int64`, a `float64`) only where they get one.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Go's checker refuses an integer constant wider than this many bits
/// (`constant multiplication overflow`).
pub const INT_BITS: u64 = 512;

/// The largest constant shift count Go accepts (`invalid shift count`).
pub const SHIFT_BOUND: u64 = 1023 - 1 + 52;

/// Leak Lab's own bound on a floating-point constant's numerator and denominator: Go keeps
/// such constants as floats of 512 bits with any exponent; exact rationals beyond this
/// size are refused rather than rounded.
pub const RAT_BITS: u64 = 1 << 16;

/// A decimal exponent beyond this is refused (see [`RAT_BITS`]).
const MAX_DEC_EXP: i64 = 4000;

/// An integer literal's value (`0x`, `0b`, `0o`, `0` octal, `_` separators).
pub fn parse_int(raw: &str) -> Option<BigInt> {
    let digits = raw.replace('_', "");
    let (radix, body) = if let Some(h) = digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")) {
        (16, h)
    } else if let Some(b) = digits.strip_prefix("0b").or_else(|| digits.strip_prefix("0B")) {
        (2, b)
    } else if let Some(o) = digits.strip_prefix("0o").or_else(|| digits.strip_prefix("0O")) {
        (8, o)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits.as_str())
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    BigInt::parse_bytes(body.as_bytes(), radix)
}

/// A decimal floating-point literal's exact value (`1.5e-3`, `.5`, `1e400`), or why not.
pub fn parse_float(raw: &str) -> Result<BigRational, String> {
    let s = raw.replace('_', "");
    let bad = || format!("invalid floating-point literal {raw}");
    let (mant, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], s[i + 1..].parse::<i64>().map_err(|_| bad())?),
        None => (s.as_str(), 0),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    if (int.is_empty() && frac.is_empty()) || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let digits = format!("{int}{frac}");
    let n = BigInt::parse_bytes(digits.as_bytes(), 10).ok_or_else(bad)?;
    let e = exp - frac.len() as i64;
    if n.is_zero() {
        return Ok(BigRational::zero());
    }
    if e.abs() > MAX_DEC_EXP {
        return Err(format!("Leak Lab does not run constants with decimal exponents beyond ±{MAX_DEC_EXP}"));
    }
    let p = num_traits::pow(BigInt::from(10), e.unsigned_abs() as usize);
    Ok(if e >= 0 { BigRational::from_integer(n * p) } else { BigRational::new(n, p) })
}

/// A hexadecimal floating-point literal's exact value (`0x1p-2`, `0x1.8p1`, `0x.8p0`).
pub fn parse_hex_float(raw: &str) -> Result<BigRational, String> {
    let s = raw.replace('_', "");
    let bad = || format!("invalid floating-point literal {raw}");
    let body = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")).ok_or_else(bad)?;
    let i = body.find(['p', 'P']).ok_or_else(|| "hexadecimal mantissa requires a 'p' exponent".to_string())?;
    let exp = body[i + 1..].parse::<i64>().map_err(|_| bad())?;
    let (int, frac) = body[..i].split_once('.').unwrap_or((&body[..i], ""));
    if (int.is_empty() && frac.is_empty()) || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let n = BigInt::parse_bytes(format!("{int}{frac}").as_bytes(), 16).ok_or_else(bad)?;
    let e = exp - 4 * frac.len() as i64;
    if n.is_zero() {
        return Ok(BigRational::zero());
    }
    if e.unsigned_abs() > RAT_BITS {
        return Err(format!("Leak Lab does not run constants with binary exponents beyond ±{RAT_BITS}"));
    }
    let p = num_traits::pow(BigInt::from(2), e.unsigned_abs() as usize);
    Ok(if e >= 0 { BigRational::from_integer(n * p) } else { BigRational::new(n, p) })
}

/// Whether a rational is within Leak Lab's bound on constants' size.
pub fn rat_fits(r: &BigRational) -> bool {
    r.numer().bits() <= RAT_BITS && r.denom().bits() <= RAT_BITS
}

/// The nearest `float64` (round half to even); `±Inf` beyond its range.
pub fn to_f64(r: &BigRational) -> f64 {
    let n = r.numer().abs();
    let d = r.denom().clone();
    if n.is_zero() {
        return 0.0;
    }
    let sign = if r.is_negative() { -1.0 } else { 1.0 };
    // 2**e <= n/d < 2**(e+1)
    let mut e = n.bits() as i64 - d.bits() as i64;
    let below = if e >= 0 { n < (&d << e as usize) } else { (&n << (-e) as usize) < d };
    if below {
        e -= 1;
    }
    if e > 1023 {
        return sign * f64::INFINITY;
    }
    // The last bit a float64 keeps: 53 bits, or fewer below the normal range.
    let lsb = (e - 52).max(-1074);
    if e < -1076 {
        return sign * 0.0;
    }
    let (num, den) = if lsb >= 0 { (n, d << lsb as usize) } else { (n << (-lsb) as usize, d) };
    let (mut q, rem) = num.div_rem(&den);
    let twice: BigInt = rem << 1usize;
    if twice > den || (twice == den && q.is_odd()) {
        q += 1;
    }
    // q < 2**53 + 1: exact as a float64; scaling by powers of two is exact while the
    // result is representable (a rounded-up 2**1024 becomes +Inf).
    let q = q.to_u64().unwrap_or(u64::MAX) as f64;
    let pow2 = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    let v = if lsb >= -1022 { q * pow2(lsb) } else { q * pow2(-52) * pow2(lsb + 52) };
    sign * v
}

/// The value a `float64` constant holds: `r` rounded to a `float64`, or `None` when it
/// overflows one.
pub fn round_f64(r: &BigRational) -> Option<BigRational> {
    let f = to_f64(r);
    if !f.is_finite() {
        return None;
    }
    // A rational without negative zero: constants are exact numbers.
    Some(BigRational::from_float(f).unwrap_or_else(BigRational::zero))
}

/// An exact rational from an integer.
pub fn from_int(i: &BigInt) -> BigRational {
    BigRational::from_integer(i.clone())
}

/// A floating-point constant as `go/constant` prints it: `%.6g` of its `float64` (every
/// digit when that would hide a fraction), and out of `float64`'s range an approximate
/// mantissa and decimal exponent (`1e+400`).
pub fn float_text(r: &BigRational) -> String {
    let f = to_f64(r);
    if f.is_finite() && (f == 0.0) == r.is_zero() {
        let s = crate::float::format_float(f, 'g', 6).unwrap_or_default();
        return if !r.is_integer() && !s.contains('.') {
            crate::float::format_float(f, 'g', -1).unwrap_or_default()
        } else {
            s
        };
    }
    // r = mant * 2**exp with 0.5 <= |mant| < 1, as big.Float's MantExp.
    let a = r.abs();
    let mut exp = a.numer().bits() as i64 - a.denom().bits() as i64;
    let two = BigInt::from(2);
    let scale = |e: i64| {
        let p = num_traits::pow(two.clone(), e.unsigned_abs() as usize);
        if e >= 0 {
            BigRational::new(BigInt::one(), p)
        } else {
            BigRational::from_integer(p)
        }
    };
    let half = BigRational::new(BigInt::one(), two.clone());
    let mut mant = &a * scale(exp);
    while mant >= BigRational::one() {
        exp += 1;
        mant = &a * scale(exp);
    }
    while mant < half {
        exp -= 1;
        mant = &a * scale(exp);
    }
    let mut m = to_f64(&mant);
    if r.is_negative() {
        m = -m;
    }
    let d = exp as f64 * (std::f64::consts::LN_2 / std::f64::consts::LN_10);
    let mut e = d as i64;
    m *= 10f64.powf(d - e as f64);
    let am = m.abs();
    if am < 1.0 - 0.5e-6 {
        m *= 10.0;
        e -= 1;
    } else if am >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    let ms = crate::float::format_float(m, 'g', 6).unwrap_or_default();
    format!("{ms}e{}{}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// Truncated integer division and remainder, as Go's `/` and `%` on integers.
pub fn div_rem(x: &BigInt, y: &BigInt) -> (BigInt, BigInt) {
    x.div_rem(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> BigRational {
        parse_float(s).unwrap()
    }

    #[test]
    fn literals_are_exact() {
        assert_eq!(f("0.1") + f("0.2"), f("0.3"));
        assert_eq!(f("1e400") / f("1e399"), f("10"));
        assert_eq!(f(".5"), BigRational::new(1.into(), 2.into()));
        assert_eq!(f("1_000.5e-1"), f("100.05"));
        assert!(parse_float("1e").is_err());
        assert!(parse_float("1e99999").is_err());
        assert_eq!(parse_hex_float("0x1p-2"), Ok(f("0.25")));
        assert_eq!(parse_hex_float("0x1.8p1"), Ok(f("3")));
        assert_eq!(parse_hex_float("0X.8P0"), Ok(f("0.5")));
        assert_eq!(parse_hex_float("0x_1FFFp-16"), Ok(f("0.1249847412109375")));
        assert!(parse_hex_float("0x1.8").is_err());
        assert_eq!(parse_int("0x_ff"), Some(255.into()));
        assert_eq!(parse_int("0o17"), Some(15.into()));
        assert_eq!(parse_int("017"), Some(15.into()));
        assert_eq!(parse_int("0b101"), Some(5.into()));
        assert_eq!(parse_int("18446744073709551616").map(|i| i.bits()), Some(65));
        assert_eq!(parse_int("09"), None);
    }

    #[test]
    fn floats_round_to_nearest() {
        assert_eq!(to_f64(&f("0.1")), 0.1);
        assert_eq!(to_f64(&(f("0.1") + f("0.2"))), 0.3);
        assert_eq!(to_f64(&f("1.7976931348623157e308")), f64::MAX);
        assert_eq!(to_f64(&f("1e400")), f64::INFINITY);
        assert_eq!(to_f64(&f("4.9e-324")), 5e-324);
        assert_eq!(to_f64(&f("1e-400")), 0.0);
        let third = f("1") / f("3");
        assert_eq!(third.clone() * BigRational::from_integer(3.into()), f("1"));
        assert_eq!(round_f64(&f("0.1")).map(|r| to_f64(&r)), Some(0.1));
        assert_eq!(round_f64(&f("1e400")), None);
    }

    #[test]
    fn rounding_matches_rusts_correctly_rounded_parser() {
        let mut cases: Vec<String> = [
            "1000000000000000.3",
            "0.1",
            "0.3",
            "2.5e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327e-324",
            "4.9406564584124654e-324",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "9007199254740993",
            "9007199254740995",
            "123456789012345678901234567890",
            "0.000000000000000000000000000001234567",
            "3.14159265358979323846264338327950288419716939937510582097494459",
            "1e-1074",
            "1e300",
            "5e-325",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = x % 100_000_000_000_000_000;
            let exp = (x >> 40) as i64 % 700 - 350;
            cases.push(format!("{digits}e{exp}"));
            cases.push(format!("0.{digits}{}", x % 1000));
        }
        for s in cases {
            assert_eq!(to_f64(&f(&s)), s.parse::<f64>().unwrap(), "{s}");
            assert_eq!(to_f64(&-f(&s)), -s.parse::<f64>().unwrap(), "-{s}");
        }
        assert_eq!(to_f64(&(f("1e15") + f("0.3"))), 1e15 + 0.25);
    }

    #[test]
    fn text_is_go_constants() {
        assert_eq!(float_text(&f("1e400")), "1e+400");
        assert_eq!(float_text(&-f("1e401")), "-1e+401");
        assert_eq!(float_text(&f("2.5e-350")), "2.5e-350");
        assert_eq!(float_text(&f("2.5")), "2.5");
        assert_eq!(float_text(&f("1e20")), "1e+20");
        assert_eq!(float_text(&f("1234567.5")), "1.23457e+06");
        assert_eq!(float_text(&f("1000000.5")), "1.0000005e+06");
    }
}
