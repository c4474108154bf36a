//! Decimal text to and from `f64`, exactly as the standard library does it, without its
//! tables.
//!
//! The standard library's float parser carries a 10 KiB table of powers of five for its fast
//! Eisel-Lemire path, and its float printing (Grisu with a Dragon4 fallback) more tables and
//! code; in the browser build they were 5% of the download, for the one number knob there is
//! (`rate`) and a few chart coordinates. The functions here accept and write the same texts,
//! bit for bit (the tests compare them with the standard library on many inputs), by exact
//! integer arithmetic instead:
//!
//! - [`parse_f64`] is `text.parse::<f64>().ok()`: the correctly rounded `f64` (ties to even);
//! - [`format_shortest`] is `format!("{x}")`: the shortest digits that read back as `x`;
//! - [`format_fixed`] is `format!("{x:.digits$}")`: `x` rounded to `digits` decimals.

use std::cmp::Ordering;

/// Parses `text` as `text.parse::<f64>().ok()` does: an optional sign, then `inf`,
/// `infinity` or `nan` in any case, or decimal digits with an optional `.` and an optional
/// exponent (`e` or `E`, an optional sign, digits). Nothing else, not even blanks.
///
/// ```
/// use lessons::decimal::parse_f64;
/// assert_eq!(parse_f64("200"), Some(200.0));
/// assert_eq!(parse_f64("0.1"), Some(0.1));
/// assert_eq!(parse_f64("-2.5e-3"), Some(-0.0025));
/// assert_eq!(parse_f64("1e400"), Some(f64::INFINITY));
/// assert_eq!(parse_f64("1e"), None);
/// assert_eq!(parse_f64(" 1"), None);
/// ```
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if body.is_empty() {
        return None;
    }
    let magnitude = match Decimal::parse(body.as_bytes()) {
        Some(decimal) => decimal.to_f64(),
        None if body.eq_ignore_ascii_case("nan") => f64::NAN,
        None if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") => f64::INFINITY,
        None => return None,
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Writes `x` as `format!("{x}")` does: the fewest significant digits that read back as `x`
/// (the closest such, ties away from zero), never with an exponent; `-0`, `inf`, `NaN`.
///
/// ```
/// use lessons::decimal::format_shortest;
/// assert_eq!(format_shortest(200.0), "200");
/// assert_eq!(format_shortest(0.1), "0.1");
/// assert_eq!(format_shortest(1e21), "1000000000000000000000");
/// assert_eq!(format_shortest(-0.0), "-0");
/// ```
pub fn format_shortest(x: f64) -> String {
    if !x.is_finite() || x == 0.0 {
        return special(x, 0);
    }
    let (digits, exponent) = exact_digits(x);
    let reads_back = |digits: &[u8], exponent: i64| {
        Decimal { digits: digits.to_vec(), exponent, truncated: false }.to_f64() == x.abs()
    };
    // The shortest digits are found among the first `n` digits of `x`, and one more unit in
    // their last place; the exact digits themselves always read back.
    let (mut best, mut best_exponent) = (digits.clone(), exponent);
    for n in 1..digits.len() {
        let (down, rest) = digits.split_at(n);
        let (up, up_exponent) = increment(down, exponent);
        let (down_ok, up_ok) = (reads_back(down, exponent), reads_back(&up, up_exponent));
        // Both read back: the closer one, and up on a tie (when `rest` is 5000…).
        if up_ok && (!down_ok || rest[0] >= 5) {
            (best, best_exponent) = (up, up_exponent);
            break;
        }
        if down_ok {
            best = down.to_vec();
            break;
        }
    }
    while best.last() == Some(&0) {
        best.pop();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    format!("{sign}{}", positional(&best, best_exponent, 0))
}

/// Writes `x` as `format!("{x:.digits$}")` does: rounded to `digits` decimals, ties to even;
/// negative numbers keep their sign even when they round to zero (`-0.0`).
///
/// ```
/// use lessons::decimal::format_fixed;
/// assert_eq!(format_fixed(56.25, 1), "56.2");
/// assert_eq!(format_fixed(0.05, 1), "0.1"); // 0.05 is a little more than 1/20
/// assert_eq!(format_fixed(2.5, 0), "2");
/// assert_eq!(format_fixed(-0.04, 1), "-0.0");
/// ```
pub fn format_fixed(x: f64, digits: usize) -> String {
    if !x.is_finite() || x == 0.0 {
        return special(x, digits);
    }
    let (mantissa, exp2) = decode(x);
    // |x| × 10^digits = mantissa × 10^digits × 2^exp2, rounded to a whole number.
    let mut scaled = Big::from_u64(mantissa);
    scaled.mul_pow10(digits as u32);
    let whole = if exp2 >= 0 {
        scaled.shl(exp2 as u32);
        scaled
    } else {
        let shift = exp2.unsigned_abs() as u32;
        let (mut whole, half, below) = (scaled.clone(), scaled.bit(shift - 1), scaled.any_below(shift - 1));
        whole.shr(shift);
        if half && (below || whole.bit(0)) {
            whole.add_one();
        }
        whole
    };
    let decimal = whole.to_digits();
    let exponent = decimal.len() as i64 - digits as i64;
    let sign = if x < 0.0 { "-" } else { "" };
    format!("{sign}{}", positional(&decimal, exponent, digits))
}

/// `NaN`, `inf`, `-inf`, `0` and `-0`, with `digits` zero decimals for the zeros.
fn special(x: f64, digits: usize) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    format!("{sign}{}", positional(&[], 1, digits))
}

/// The number `0.d₁d₂… × 10^exponent` written out in full, with at least `min_decimals`
/// decimals (zeros).
fn positional(digits: &[u8], exponent: i64, min_decimals: usize) -> String {
    let digit = |d: &u8| char::from(b'0' + d);
    let mut out = String::new();
    if exponent <= 0 {
        out.push('0');
        out.push('.');
        out.extend(std::iter::repeat_n('0', exponent.unsigned_abs() as usize));
        out.extend(digits.iter().map(digit));
    } else {
        let int = exponent as usize;
        out.extend(digits.iter().take(int).map(digit));
        out.extend(std::iter::repeat_n('0', int.saturating_sub(digits.len())));
        if digits.len() > int {
            out.push('.');
            out.extend(digits[int..].iter().map(digit));
        }
    }
    let decimals = out.find('.').map_or(0, |dot| out.len() - dot - 1);
    if decimals < min_decimals {
        if decimals == 0 {
            out.push('.');
        }
        out.extend(std::iter::repeat_n('0', min_decimals - decimals));
    }
    out
}

/// `|x| = mantissa × 2^exp2` for a finite `x`.
fn decode(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let (biased, fraction) = ((bits >> 52) & 0x7ff, bits & ((1 << 52) - 1));
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased as i64 - 1075)
    }
}

/// The exact decimal digits of a finite, non-zero `x`: `|x| = 0.d₁d₂… × 10^exponent`, without
/// leading or trailing zeros.
fn exact_digits(x: f64) -> (Vec<u8>, i64) {
    let (mantissa, exp2) = decode(x);
    let mut n = Big::from_u64(mantissa);
    // m × 2^-k = m × 5^k × 10^-k.
    let exp10 = if exp2 >= 0 {
        n.shl(exp2 as u32);
        0
    } else {
        n.mul_pow5(exp2.unsigned_abs() as u32);
        exp2
    };
    let mut digits = n.to_digits();
    let exponent = digits.len() as i64 + exp10;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    (digits, exponent)
}

/// `0.d₁…dₙ × 10^exponent` plus one unit in its last place.
fn increment(digits: &[u8], exponent: i64) -> (Vec<u8>, i64) {
    let mut up = digits.to_vec();
    for d in up.iter_mut().rev() {
        if *d < 9 {
            *d += 1;
            return (up, exponent);
        }
        *d = 0;
    }
    // 99…9 became 100…0.
    up.insert(0, 1);
    (up, exponent + 1)
}

/// How many significant digits are kept. A number halfway between two `f64`s has at most
/// 767 significant digits, so the digits after these only matter as "some were not zero".
const MAX_DIGITS: usize = 800;

/// A non-negative decimal number: `0.d₁d₂d₃… × 10^exponent`, plus a little more if
/// `truncated`.
struct Decimal {
    /// The significant digits (0 to 9), without leading or trailing zeros; empty for zero.
    digits: Vec<u8>,
    /// The power of ten of the digits read as a fraction `0.d₁d₂…`.
    exponent: i64,
    /// Whether digits other than zero were dropped after [`MAX_DIGITS`].
    truncated: bool,
}

impl Decimal {
    /// Reads `digits[.digits][(e|E)[sign]digits]`, with at least one digit before the
    /// exponent; `None` if `text` is anything else.
    fn parse(text: &[u8]) -> Option<Decimal> {
        let mut d = Decimal { digits: Vec::new(), exponent: 0, truncated: false };
        let mut i = 0;
        let mut seen_digit = false;
        let mut in_fraction = false;
        while i < text.len() {
            match text[i] {
                c @ b'0'..=b'9' => {
                    seen_digit = true;
                    if c == b'0' && d.digits.is_empty() {
                        // A leading zero: none before the point, 0.0x is 0.x × 10^-1 after it.
                        if in_fraction {
                            d.exponent -= 1;
                        }
                        i += 1;
                        continue;
                    }
                    if !in_fraction {
                        d.exponent += 1;
                    }
                    if d.digits.len() < MAX_DIGITS {
                        d.digits.push(c - b'0');
                    } else if c != b'0' {
                        d.truncated = true;
                    }
                }
                b'.' if !in_fraction => in_fraction = true,
                _ => break,
            }
            i += 1;
        }
        if !seen_digit {
            return None;
        }
        if i < text.len() {
            if text[i] != b'e' && text[i] != b'E' {
                return None;
            }
            i += 1;
            let negative = match text.get(i) {
                Some(b'-') => {
                    i += 1;
                    true
                }
                Some(b'+') => {
                    i += 1;
                    false
                }
                _ => false,
            };
            if i == text.len() {
                return None;
            }
            let mut e: i64 = 0;
            for &c in &text[i..] {
                if !c.is_ascii_digit() {
                    return None;
                }
                // Beyond this the number is zero or infinite anyway.
                e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
            }
            d.exponent += if negative { -e } else { e };
        }
        while d.digits.last() == Some(&0) {
            d.digits.pop();
        }
        Some(d)
    }

    /// The nearest `f64`, ties to even.
    fn to_f64(&self) -> f64 {
        let n = self.digits.len() as i64;
        if n == 0 || self.exponent < -324 {
            // Zero, or below 10^-325: less than half the smallest subnormal.
            return 0.0;
        }
        if self.exponent > 310 {
            return f64::INFINITY;
        }
        // The digits as a whole number, times 10^exp10.
        let exp10 = self.exponent - n;
        if n <= 15 && !self.truncated && (-22..=22).contains(&exp10) {
            // Both operands are exact `f64`s, so one correctly rounded operation is the
            // correctly rounded result (Clinger's fast path).
            let whole = self.digits.iter().fold(0_u64, |acc, &d| acc * 10 + u64::from(d)) as f64;
            let scale = (0..exp10.unsigned_abs()).fold(1.0_f64, |acc, _| acc * 10.0);
            return if exp10 < 0 { whole / scale } else { whole * scale };
        }
        let mut num = Big::default();
        for &d in &self.digits {
            num.mul_add(10, u32::from(d));
        }
        let mut den = Big::from(1);
        if exp10 >= 0 {
            num.mul_pow10(exp10 as u32);
        } else {
            den.mul_pow10(exp10.unsigned_abs() as u32);
        }
        // Scale by 2^-e2 so that 2^52 <= num / den < 2^53.
        let mut e2 = i64::from(num.bits()) - i64::from(den.bits()) - 53;
        if e2 > 0 {
            den.shl(e2 as u32);
        } else {
            num.shl(e2.unsigned_abs() as u32);
        }
        let mut top = den.clone();
        top.shl(53);
        if num >= top {
            den.shl(1);
            e2 += 1;
        }
        if e2 < -1074 {
            // A subnormal: fewer bits of mantissa.
            den.shl((-1074 - e2) as u32);
            e2 = -1074;
        }
        // The quotient, below 2^53, by long division; `num` keeps the remainder.
        let mut q = 0_u64;
        let mut d = den.clone();
        d.shl(53);
        for bit in (0..=53).rev() {
            if num >= d {
                num.sub(&d);
                q |= 1 << bit;
            }
            d.shr(1);
        }
        num.shl(1);
        let round_up = match num.cmp(&den) {
            Ordering::Greater => true,
            Ordering::Equal => self.truncated || q & 1 == 1,
            Ordering::Less => false,
        };
        if round_up {
            q += 1;
            if q == 1 << 53 {
                q >>= 1;
                e2 += 1;
            }
        }
        if q >= 1 << 52 {
            let biased = e2 + 1075;
            if biased >= 2047 {
                return f64::INFINITY;
            }
            f64::from_bits(((biased as u64) << 52) | (q - (1 << 52)))
        } else {
            f64::from_bits(q)
        }
    }
}

/// A natural number: 32-bit limbs, least significant first, without zero limbs at the top.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Big(Vec<u32>);

impl From<u32> for Big {
    fn from(n: u32) -> Big {
        Big(if n == 0 { Vec::new() } else { vec![n] })
    }
}

impl Big {
    fn from_u64(n: u64) -> Big {
        let mut big = Big(vec![n as u32, (n >> 32) as u32]);
        big.trim();
        big
    }

    /// Drops zero limbs at the top.
    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// `self = self * m + a`.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// `self *= 10^e`.
    fn mul_pow10(&mut self, mut e: u32) {
        while e >= 9 {
            self.mul_add(1_000_000_000, 0);
            e -= 9;
        }
        self.mul_add(10_u32.pow(e), 0);
    }

    /// `self *= 5^e`.
    fn mul_pow5(&mut self, mut e: u32) {
        while e >= 13 {
            self.mul_add(1_220_703_125, 0);
            e -= 13;
        }
        self.mul_add(5_u32.pow(e), 0);
    }

    /// `self = self / 2^bits`, rounded down.
    fn shr(&mut self, bits: u32) {
        let limbs = ((bits / 32) as usize).min(self.0.len());
        self.0.drain(..limbs);
        let shift = bits % 32;
        if shift > 0 {
            for i in 0..self.0.len() {
                let next = self.0.get(i + 1).copied().unwrap_or(0);
                self.0[i] = (self.0[i] >> shift) | (next << (32 - shift));
            }
        }
        self.trim();
    }

    /// Bit `i` (0 is the lowest).
    fn bit(&self, i: u32) -> bool {
        self.0.get((i / 32) as usize).is_some_and(|limb| limb >> (i % 32) & 1 == 1)
    }

    /// Whether any of the bits below bit `i` is set.
    fn any_below(&self, i: u32) -> bool {
        let (limbs, rest) = ((i / 32) as usize, i % 32);
        self.0.iter().take(limbs).any(|&l| l != 0)
            || (rest > 0 && self.0.get(limbs).is_some_and(|&l| l & ((1 << rest) - 1) != 0))
    }

    /// `self += 1`.
    fn add_one(&mut self) {
        for limb in &mut self.0 {
            let (v, carry) = limb.overflowing_add(1);
            *limb = v;
            if !carry {
                return;
            }
        }
        self.0.push(1);
    }

    /// The decimal digits, most significant first; `[0]` for zero.
    fn to_digits(&self) -> Vec<u8> {
        let mut n = self.clone();
        let mut chunks = Vec::new(); // base 10^9, least significant first
        while !n.0.is_empty() {
            let mut rest = 0_u64;
            for limb in n.0.iter_mut().rev() {
                let v = (rest << 32) | u64::from(*limb);
                *limb = (v / 1_000_000_000) as u32;
                rest = v % 1_000_000_000;
            }
            n.trim();
            chunks.push(rest as u32);
        }
        let mut digits = Vec::with_capacity(chunks.len() * 9);
        for (i, chunk) in chunks.iter().rev().enumerate() {
            let text = chunk.to_string();
            if i > 0 {
                digits.extend(std::iter::repeat_n(0, 9 - text.len()));
            }
            digits.extend(text.bytes().map(|b| b - b'0'));
        }
        if digits.is_empty() {
            digits.push(0);
        }
        digits
    }

    /// `self *= 2^bits`.
    fn shl(&mut self, bits: u32) {
        if self.0.is_empty() {
            return;
        }
        let shift = bits % 32;
        if shift > 0 {
            let mut carry = 0_u32;
            for limb in &mut self.0 {
                let v = (u64::from(*limb) << shift) | u64::from(carry);
                *limb = v as u32;
                carry = (v >> 32) as u32;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, (bits / 32) as usize));
    }

    /// The number of bits, without leading zeros.
    fn bits(&self) -> u32 {
        self.0.last().map_or(0, |top| 32 * self.0.len() as u32 - top.leading_zeros())
    }

    /// `self -= other`, which is at most `self`.
    fn sub(&mut self, other: &Big) {
        let mut borrow = false;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let (v, b1) = limb.overflowing_sub(other.0.get(i).copied().unwrap_or(0));
            let (v, b2) = v.overflowing_sub(u32::from(borrow));
            *limb = v;
            borrow = b1 || b2;
        }
        self.trim();
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `str::parse` says, as bits (every NaN it returns is the same NaN).
    fn std_bits(text: &str) -> Option<u64> {
        text.parse::<f64>().ok().map(f64::to_bits)
    }

    fn check(text: &str) {
        assert_eq!(parse_f64(text).map(f64::to_bits), std_bits(text), "{text:?}");
    }

    /// A xorshift generator: the tests need many inputs, not good randomness.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Texts at the edges of the grammar and of `f64`.
    #[rustfmt::skip]
    const CHOSEN: &[&str] = &[
        "", "+", "-", ".", "e", "e1", ".e1", "1e", "1e+", "1e-", "1.", ".5", "-.5", "+.5", "1.e3", "1..2", "1.2.3",
        "0", "-0", "+0", "00", "0.0", "-0.0e5", "007", "0.007", "1_000", " 1", "1 ", "0x10", "1e1.5", "1e+-1",
        "inf", "-inf", "+inf", "INF", "Infinity", "-infinity", "infinit", "infinityy", "nan", "NaN", "-nan",
        "+NAN", "nan1", "in", "200", "2000", "2000.0000000000001", "1999.9999999999999999999", "0.1", "0.2",
        "0.3", "1e22", "1e23", "9007199254740993", "9007199254740992.5", "1.7976931348623157e308",
        "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "2.2250738585072011e-308",
        "2.2250738585072014e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "2.4703282292062328e-325", "1e-324", "5e-324", "1e-400", "1e400",
        "1e99999999999999999999999", "1e-99999999999999999999999", "0e99999999999999999999",
        "123456789012345678901234567890", "0.000000000000000000000000000000001",
    ];

    #[test]
    fn agrees_with_std_on_chosen_texts() {
        for text in CHOSEN {
            check(text);
        }
        check(&format!("1{}", "0".repeat(400)));
        check(&format!("0.{}1", "0".repeat(400)));
        check(&format!("1.{}1", "0".repeat(900)));
        check(&format!("{}e-300", "9".repeat(1000)));
    }

    #[test]
    fn agrees_with_std_on_short_random_texts() {
        const ALPHABET: &[u8] = b"0123456789012345678901234567890123456789..eE+-0a";
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..300_000 {
            let len = rng.below(14) as usize;
            let text: String = (0..len).map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize] as char).collect();
            check(&text);
        }
    }

    #[test]
    fn agrees_with_std_on_printed_floats() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for i in 0..40_000 {
            let x = match i % 3 {
                0 => f64::from_bits(rng.next()),
                // Numbers a rate knob takes.
                1 => (rng.below(2_000_000_000) as f64) / 10f64.powi(rng.below(12) as i32),
                _ => f64::from_bits(rng.below(1 << 60)), // small ones and subnormals
            };
            if !x.is_finite() {
                continue;
            }
            check(&format!("{x}"));
            check(&format!("{x:e}"));
            let digits = rng.below(25) as usize;
            check(&format!("{x:.digits$}"));
            check(&format!("{x:.digits$e}"));
        }
    }

    /// `x`'s exact decimal expansion, `(integer digits, 1075 fraction digits)`.
    fn exact(x: f64) -> (Vec<u8>, Vec<u8>) {
        let text = format!("{x:.1075}");
        let (int, frac) = text.split_once('.').unwrap();
        (int.bytes().map(|b| b - b'0').collect(), frac.bytes().map(|b| b - b'0').collect())
    }

    /// The decimal text of the point halfway between two adjacent positive `f64`s.
    fn halfway(a: f64, b: f64) -> String {
        let ((ia, fa), (ib, fb)) = (exact(a), exact(b));
        let width = ia.len().max(ib.len());
        let pad = |v: Vec<u8>| [vec![0; width - v.len()], v].concat();
        let (x, y) = ([pad(ia), fa].concat(), [pad(ib), fb].concat());
        // Sum, then halve (one more digit: the sum may be odd).
        let mut sum = vec![0_u8; x.len() + 1];
        let mut carry = 0;
        for i in (0..x.len()).rev() {
            let s = x[i] + y[i] + carry;
            sum[i + 1] = s % 10;
            carry = s / 10;
        }
        sum[0] = carry;
        sum.push(0);
        let mut half = Vec::with_capacity(sum.len());
        let mut rest = 0;
        for d in sum {
            let v = rest * 10 + d;
            half.push(v / 2);
            rest = v % 2;
        }
        let digits: String = half.iter().map(|d| char::from(b'0' + d)).collect();
        let (int, frac) = digits.split_at(width + 1);
        format!("{int}.{frac}")
    }

    #[test]
    fn agrees_with_std_halfway_between_floats_and_next_to_it() {
        let mut rng = Rng(0x853c_49e6_748f_ea9b);
        for i in 0..1_500 {
            let bits = match i % 3 {
                0 => rng.below(0x7fef_ffff_ffff_ffff),
                1 => rng.below(1 << 54), // subnormals and the smallest normals
                _ => 0x3ff0_0000_0000_0000 + rng.below(1 << 55), // 1 to 2^8 or so
            };
            let (a, b) = (f64::from_bits(bits), f64::from_bits(bits + 1));
            let mid = halfway(a, b);
            check(&mid);
            check(&format!("{mid}{}1", "0".repeat(rng.below(900) as usize)));
            let below = mid.trim_end_matches('0');
            let below = format!("{}4{}", &below[..below.len() - 1], "9".repeat(rng.below(900) as usize));
            check(&below);
        }
    }

    /// Finite and special values of every kind: random bits, numbers a knob or a chart takes,
    /// subnormals, powers of two and ten (every `extremes`th) and their neighbours.
    fn samples(random: usize, extremes: usize) -> Vec<f64> {
        let mut rng = Rng(0x5851_f42d_4c95_7f2d);
        let mut xs = vec![0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, f64::MAX, f64::MIN_POSITIVE, 5e-324];
        for e in (-1074..=1023).step_by(extremes) {
            let p = 2f64.powi(e);
            xs.extend([p, f64::from_bits(p.to_bits() + 1), f64::from_bits(p.to_bits().saturating_sub(1))]);
        }
        for e in (-325..=308).step_by(extremes) {
            let p: f64 = format!("1e{e}").parse().unwrap();
            xs.extend([p, f64::from_bits(p.to_bits() + 1), f64::from_bits(p.to_bits().saturating_sub(1))]);
        }
        for i in 0..random {
            xs.push(match i % 4 {
                0 => f64::from_bits(rng.next()),
                1 => (rng.below(2_000_000_000) as f64) / 10f64.powi(rng.below(12) as i32),
                2 => f64::from_bits(rng.below(1 << 60)),
                _ => 56.0 + (rng.below(1 << 20) as f64 / (1 << 20) as f64) * 520.0,
            });
        }
        xs.retain(|x| !x.is_nan() || x.to_bits() == f64::NAN.to_bits());
        xs
    }

    #[test]
    fn shortest_agrees_with_display() {
        for x in samples(6_000, 8) {
            assert_eq!(format_shortest(x), format!("{x}"), "{x:e} ({:#x})", x.to_bits());
            assert_eq!(format_shortest(-x), format!("{}", -x), "{:e}", -x);
        }
    }

    #[test]
    fn fixed_agrees_with_precision() {
        let mut rng = Rng(0xda94_2042_e4dd_58b5);
        for x in samples(60_000, 1) {
            let digits = rng.below(20) as usize;
            assert_eq!(format_fixed(x, digits), format!("{x:.digits$}"), "{x:e} .{digits}");
            assert_eq!(format_fixed(x, 1), format!("{x:.1}"), "{x:e} .1");
        }
        // Ties: odd multiples of a power of two.
        for _ in 0..100_000 {
            let x = (2 * rng.below(1 << 20) + 1) as f64 / 2f64.powi(rng.below(30) as i32 + 1);
            let x = if rng.below(2) == 0 { x } else { -x };
            let digits = rng.below(12) as usize;
            assert_eq!(format_fixed(x, digits), format!("{x:.digits$}"), "{x:e} .{digits}");
        }
    }
}
