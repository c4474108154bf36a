//! Go's `time.Duration` text format: parsing as `time.ParseDuration` does and printing as
//! `Duration.String()` does, so the virtual clock and the `t` URL parameter read exactly like Go.
//!
//! ```
//! use app::duration::GoDuration;
//!
//! let d: GoDuration = "1m30s".parse().unwrap();
//! assert_eq!(d.as_nanos(), 90_000_000_000);
//! assert_eq!(d.to_string(), "1m30s");
//! assert_eq!(GoDuration::from_nanos(1_500).to_string(), "1.5µs");
//! ```

use std::fmt;
use std::str::FromStr;

/// A span of time in nanoseconds, printed and parsed the way Go's `time.Duration` is.
///
/// Like Go's, it is a signed 64-bit count of nanoseconds, so it spans about ±292 years.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoDuration(i64);

const NANOSECOND: u64 = 1;
const MICROSECOND: u64 = 1_000 * NANOSECOND;
const MILLISECOND: u64 = 1_000 * MICROSECOND;
const SECOND: u64 = 1_000 * MILLISECOND;
const MINUTE: u64 = 60 * SECOND;
const HOUR: u64 = 60 * MINUTE;

/// The magnitude of `i64::MIN`, the largest magnitude a parsed duration may reach.
const MAX_MAGNITUDE: u64 = 1 << 63;

impl GoDuration {
    /// No time at all; Go prints it as `0s`.
    pub const ZERO: GoDuration = GoDuration(0);

    /// A duration of `nanos` nanoseconds.
    pub const fn from_nanos(nanos: i64) -> Self {
        GoDuration(nanos)
    }

    /// A duration of `millis` milliseconds, saturating at the representable range.
    pub const fn from_millis(millis: i64) -> Self {
        GoDuration(millis.saturating_mul(MILLISECOND as i64))
    }

    /// A duration of `secs` seconds, saturating at the representable range.
    pub const fn from_secs(secs: i64) -> Self {
        GoDuration(secs.saturating_mul(SECOND as i64))
    }

    /// The duration as a count of nanoseconds.
    pub const fn as_nanos(self) -> i64 {
        self.0
    }

    /// Whether the duration is below zero.
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }
}

/// Why a text is not a Go duration; the message matches what Go's `time.ParseDuration` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDurationError {
    message: String,
}

impl ParseDurationError {
    fn invalid(orig: &str) -> Self {
        ParseDurationError { message: format!("time: invalid duration {}", quote(orig)) }
    }
}

impl fmt::Display for ParseDurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseDurationError {}

/// Quotes as Go's `time` package does in its errors (`time.quote`, Go 1.24): `"` and `\`
/// escaped with a backslash, control characters and every byte of a non-ASCII character as
/// `\xNN`, everything else as it is.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c.is_ascii() && c >= ' ' {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        } else {
            let mut bytes = [0u8; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
    }
    out.push('"');
    out
}

fn unit_nanos(unit: &[u8]) -> Option<u64> {
    Some(match unit {
        b"ns" => NANOSECOND,
        // Go accepts both the micro sign (U+00B5) and the Greek small letter mu (U+03BC).
        // In UTF-8 those are 0xC2 0xB5 and 0xCE 0xBC.
        b"us" | b"\xC2\xB5s" | b"\xCE\xBCs" => MICROSECOND,
        b"ms" => MILLISECOND,
        b"s" => SECOND,
        b"m" => MINUTE,
        b"h" => HOUR,
        _ => return None,
    })
}

/// Consumes leading ASCII digits; `None` when the number overflows `1 << 63`.
fn leading_int(s: &[u8]) -> Option<(u64, &[u8])> {
    let mut x: u64 = 0;
    let mut i = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        if x > MAX_MAGNITUDE / 10 {
            return None;
        }
        x = x * 10 + u64::from(s[i] - b'0');
        if x > MAX_MAGNITUDE {
            return None;
        }
        i += 1;
    }
    Some((x, &s[i..]))
}

/// Consumes leading ASCII digits of a fraction. Past 63 bits it stops adding precision
/// instead of failing, as Go's `leadingFraction` does.
fn leading_fraction(s: &[u8]) -> (u64, f64, &[u8]) {
    let mut x: u64 = 0;
    let mut scale = 1.0_f64;
    let mut overflow = false;
    let mut i = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        if !overflow {
            if x > (MAX_MAGNITUDE - 1) / 10 {
                overflow = true;
            } else {
                let y = x * 10 + u64::from(s[i] - b'0');
                if y > MAX_MAGNITUDE {
                    overflow = true;
                } else {
                    x = y;
                    scale *= 10.0;
                }
            }
        }
        i += 1;
    }
    (x, scale, &s[i..])
}

impl FromStr for GoDuration {
    type Err = ParseDurationError;

    /// Parses like Go's `time.ParseDuration`: a sign, then one or more decimal numbers, each
    /// with an optional fraction and a unit (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`), as in `1h2m`,
    /// `1.5s` or `-250ms`. A bare `0` is allowed.
    fn from_str(orig: &str) -> Result<Self, Self::Err> {
        let mut s = orig.as_bytes();
        let mut neg = false;
        if let Some(&c) = s.first() {
            if c == b'-' || c == b'+' {
                neg = c == b'-';
                s = &s[1..];
            }
        }
        if s == b"0" {
            return Ok(GoDuration::ZERO);
        }
        if s.is_empty() {
            return Err(ParseDurationError::invalid(orig));
        }
        let mut total: u64 = 0;
        while !s.is_empty() {
            if !(s[0] == b'.' || s[0].is_ascii_digit()) {
                return Err(ParseDurationError::invalid(orig));
            }
            let before = s.len();
            let (mut v, rest) = leading_int(s).ok_or_else(|| ParseDurationError::invalid(orig))?;
            s = rest;
            let pre = before != s.len();

            let mut post = false;
            let (mut f, mut scale) = (0_u64, 1.0_f64);
            if s.first() == Some(&b'.') {
                s = &s[1..];
                let before = s.len();
                let (frac, sc, rest) = leading_fraction(s);
                f = frac;
                scale = sc;
                s = rest;
                post = before != s.len();
            }
            if !pre && !post {
                // No digits at all, as in ".s" or "-.s".
                return Err(ParseDurationError::invalid(orig));
            }

            let unit_len = s.iter().position(|&c| c == b'.' || c.is_ascii_digit()).unwrap_or(s.len());
            if unit_len == 0 {
                return Err(ParseDurationError { message: format!("time: missing unit in duration {}", quote(orig)) });
            }
            let (unit_text, rest) = s.split_at(unit_len);
            s = rest;
            let Some(unit) = unit_nanos(unit_text) else {
                return Err(ParseDurationError {
                    message: format!(
                        "time: unknown unit {} in duration {}",
                        quote(&String::from_utf8_lossy(unit_text)),
                        quote(orig)
                    ),
                });
            };
            if v > MAX_MAGNITUDE / unit {
                return Err(ParseDurationError::invalid(orig));
            }
            v *= unit;
            if f > 0 {
                // Go uses float64 here too: it is exact to the nanosecond for fractions of hours.
                v += (f as f64 * (unit as f64 / scale)) as u64;
                if v > MAX_MAGNITUDE {
                    return Err(ParseDurationError::invalid(orig));
                }
            }
            // Go adds in uint64, which wraps: `9223372036854775808ns` twice is 0 there.
            total = total.wrapping_add(v);
            if total > MAX_MAGNITUDE {
                return Err(ParseDurationError::invalid(orig));
            }
        }
        if neg {
            // `total` is at most 1 << 63, whose negation is exactly i64::MIN.
            return Ok(GoDuration((total as i64).wrapping_neg()));
        }
        if total > MAX_MAGNITUDE - 1 {
            return Err(ParseDurationError::invalid(orig));
        }
        Ok(GoDuration(total as i64))
    }
}

/// Writes the fraction `v / 10^prec` as ".12345" without trailing zeros (and without the point
/// when the fraction is zero), returning `v / 10^prec`. This is Go's `fmtFrac`.
fn push_frac(out: &mut Vec<u8>, mut v: u64, prec: u32) -> u64 {
    let mut digits = Vec::new();
    let mut printed = false;
    for _ in 0..prec {
        let digit = (v % 10) as u8;
        printed = printed || digit != 0;
        if printed {
            digits.push(b'0' + digit);
        }
        v /= 10;
    }
    if printed {
        digits.push(b'.');
    }
    // The digits were collected least significant first; `out` is built back to front too.
    out.extend(digits);
    v
}

/// Writes `v` in decimal, back to front (Go's `fmtInt`).
fn push_int(out: &mut Vec<u8>, mut v: u64) {
    if v == 0 {
        out.push(b'0');
        return;
    }
    while v > 0 {
        out.push(b'0' + (v % 10) as u8);
        v /= 10;
    }
}

impl fmt::Display for GoDuration {
    /// Prints like Go's `Duration.String()`: `0s`, `250ms`, `1.5µs`, `2m0s`, `1h2m3.5s`.
    /// Below one second the largest fitting unit is used; from one second up, `h`, `m` and `s`
    /// with leading zero units omitted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Built back to front, as Go fills its buffer from the end, then reversed once.
        let mut rev: Vec<u8> = Vec::with_capacity(32);
        let neg = self.0 < 0;
        let mut u = self.0.unsigned_abs();
        if u < SECOND {
            rev.push(b's');
            let prec = if u == 0 {
                return f.write_str("0s");
            } else if u < MICROSECOND {
                rev.push(b'n');
                0
            } else if u < MILLISECOND {
                // "µ" (U+00B5) is 0xC2 0xB5 in UTF-8; pushed in reverse byte order.
                rev.extend_from_slice(&[0xB5, 0xC2]);
                3
            } else {
                rev.push(b'm');
                6
            };
            u = push_frac(&mut rev, u, prec);
            push_int(&mut rev, u);
        } else {
            rev.push(b's');
            u = push_frac(&mut rev, u, 9);
            push_int(&mut rev, u % 60);
            u /= 60;
            if u > 0 {
                rev.push(b'm');
                push_int(&mut rev, u % 60);
                u /= 60;
                if u > 0 {
                    rev.push(b'h');
                    push_int(&mut rev, u);
                }
            }
        }
        if neg {
            rev.push(b'-');
        }
        rev.reverse();
        // Only ASCII and the complete two-byte "µ" were written, so this is valid UTF-8.
        f.write_str(&String::from_utf8_lossy(&rev))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: i64 = 1;
    const US: i64 = 1_000;
    const MS: i64 = 1_000_000;
    const S: i64 = 1_000_000_000;
    const M: i64 = 60 * S;
    const H: i64 = 60 * M;

    /// The cases of Go's `durationTests` (src/time/time_test.go) for `Duration.String()`.
    #[test]
    fn formats_like_go() {
        let cases: &[(&str, i64)] = &[
            ("0s", 0),
            ("1ns", NS),
            ("1.1µs", 1_100 * NS),
            ("2.2ms", 2_200 * US),
            ("3.3s", 3_300 * MS),
            ("4m5s", 4 * M + 5 * S),
            ("4m5.001s", 4 * M + 5_001 * MS),
            ("5h6m7.001s", 5 * H + 6 * M + 7_001 * MS),
            ("8m0.000000001s", 8 * M + NS),
            ("2562047h47m16.854775807s", i64::MAX),
            ("-2562047h47m16.854775808s", i64::MIN),
            // Further outputs named in the Go documentation and in the brief.
            ("1h15m30.918273645s", H + 15 * M + 30 * S + 918_273_645 * NS),
            ("1.5s", 1_500 * MS),
            ("2m0s", 2 * M),
            ("1h2m3.5s", H + 2 * M + 3_500 * MS),
            ("250ms", 250 * MS),
            ("1.5µs", 1_500 * NS),
            ("1h0m0s", H),
            ("-1.5s", -1_500 * MS),
            ("999ns", 999 * NS),
            ("1µs", US),
            ("999.999999ms", S - 1),
            ("1s", S),
            ("59.999999999s", M - 1),
        ];
        for &(want, nanos) in cases {
            assert_eq!(GoDuration::from_nanos(nanos).to_string(), want, "formatting {nanos}ns");
        }
    }

    /// The valid cases of Go's `parseDurationTests`.
    #[test]
    fn parses_like_go() {
        let cases: &[(&str, i64)] = &[
            ("0", 0),
            ("5s", 5 * S),
            ("30s", 30 * S),
            ("1478s", 1478 * S),
            ("-5s", -5 * S),
            ("+5s", 5 * S),
            ("-0", 0),
            ("+0", 0),
            ("5.0s", 5 * S),
            ("5.6s", 5 * S + 600 * MS),
            ("5.s", 5 * S),
            (".5s", 500 * MS),
            ("1.0s", S),
            ("1.00s", S),
            ("1.004s", S + 4 * MS),
            ("1.0040s", S + 4 * MS),
            ("100.00100s", 100 * S + MS),
            ("10ns", 10 * NS),
            ("11us", 11 * US),
            ("12µs", 12 * US),
            ("12μs", 12 * US),
            ("13ms", 13 * MS),
            ("14s", 14 * S),
            ("15m", 15 * M),
            ("16h", 16 * H),
            ("3h30m", 3 * H + 30 * M),
            ("10.5s4m", 4 * M + 10 * S + 500 * MS),
            ("-2m3.4s", -(2 * M + 3 * S + 400 * MS)),
            ("1h2m3s4ms5us6ns", H + 2 * M + 3 * S + 4 * MS + 5 * US + 6 * NS),
            ("39h9m14.425s", 39 * H + 9 * M + 14 * S + 425 * MS),
            ("52763797000ns", 52763797000 * NS),
            ("0.3333333333333333333h", 20 * M),
            ("9007199254740993ns", (1 << 53) + NS),
            ("9223372036854775807ns", i64::MAX),
            ("9223372036854775.807us", i64::MAX),
            ("9223372036s854ms775us807ns", i64::MAX),
            ("-9223372036854775808ns", i64::MIN),
            ("-9223372036854775.808us", i64::MIN),
            ("-9223372036s854ms775us808ns", i64::MIN),
            ("-2562047h47m16.854775808s", i64::MIN),
            ("0.100000000000000000000h", 6 * M),
            ("0.830103483285477580700h", 49 * M + 48 * S + 372_539_827 * NS),
            // From the brief.
            ("2s", 2 * S),
            ("1m30s", 90 * S),
            ("250ms", 250 * MS),
        ];
        for &(text, want) in cases {
            assert_eq!(text.parse::<GoDuration>(), Ok(GoDuration::from_nanos(want)), "parsing {text:?}");
        }
    }

    /// The invalid cases of Go's `parseDurationErrorTests`, with Go's messages.
    #[test]
    fn rejects_like_go() {
        let cases: &[(&str, &str)] = &[
            ("", r#"time: invalid duration """#),
            ("3", r#"time: missing unit in duration "3""#),
            ("-", r#"time: invalid duration "-""#),
            ("s", r#"time: invalid duration "s""#),
            (".", r#"time: invalid duration ".""#),
            ("-.", r#"time: invalid duration "-.""#),
            (".s", r#"time: invalid duration ".s""#),
            ("+.s", r#"time: invalid duration "+.s""#),
            ("1d", r#"time: unknown unit "d" in duration "1d""#),
            ("1.5 s", r#"time: unknown unit " s" in duration "1.5 s""#),
            ("\u{0}", r#"time: invalid duration "\x00""#),
            ("1\ts", r#"time: unknown unit "\x09s" in duration "1\x09s""#),
            ("9223372036854775810ns", r#"time: invalid duration "9223372036854775810ns""#),
            ("9223372036854775808ns", r#"time: invalid duration "9223372036854775808ns""#),
            ("-9223372036854775809ns", r#"time: invalid duration "-9223372036854775809ns""#),
            ("9223372036854776us", r#"time: invalid duration "9223372036854776us""#),
            ("3000000h", r#"time: invalid duration "3000000h""#),
            ("9223372036854775.808us", r#"time: invalid duration "9223372036854775.808us""#),
            ("9223372036854ms775us808ns", r#"time: invalid duration "9223372036854ms775us808ns""#),
        ];
        for &(text, message) in cases {
            let err = text.parse::<GoDuration>().expect_err(text);
            assert_eq!(err.to_string(), message, "parsing {text:?}");
        }
    }

    #[test]
    fn round_trips_every_printed_form() {
        let samples = [0, 1, 999, 1_000, 1_500, 250 * MS, S, 90 * S, H + 2 * M + 3_500 * MS, i64::MAX, i64::MIN, -7];
        for nanos in samples {
            let d = GoDuration::from_nanos(nanos);
            assert_eq!(d.to_string().parse::<GoDuration>(), Ok(d), "round trip of {d}");
        }
    }

    #[test]
    fn never_panics_on_garbage() {
        let mut garbage: Vec<String> = [
            "",
            "-",
            "+",
            "..",
            "1..5s",
            "1e3s",
            "∞",
            "µ",
            "1µ",
            "0.99999999999999999999999999999h",
            "-+1s",
            "1s-1s",
            "1ss",
            "\u{FFFD}s",
            "1\u{0}s",
            ".9999999999999999999999999999999999ns",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        garbage.push("9".repeat(400));
        garbage.push(format!("{}s", "1.".repeat(100)));
        for text in &garbage {
            let _ = text.parse::<GoDuration>();
        }
    }

    /// Real Go 1.24.4's answers to a few thousand texts (made by
    /// `sim-runtime/tests/go/parse_duration.go`): the same value, or the same error text.
    #[test]
    fn agrees_with_real_go_on_the_recorded_corpus() {
        let go = include_str!("../../sim-runtime/tests/go/parse-duration.go1.24.4.tsv");
        let mut checked = 0;
        for line in go.lines() {
            let mut cols = line.splitn(3, '\t');
            let (Some(input), Some(kind), Some(answer)) = (cols.next(), cols.next(), cols.next()) else {
                panic!("malformed fixture line {line:?}");
            };
            let ours = input.parse::<GoDuration>();
            match kind {
                "ok" => assert_eq!(ours, Ok(GoDuration::from_nanos(answer.parse().unwrap())), "{input:?}"),
                _ => assert_eq!(ours.map_err(|e| e.to_string()), Err(answer.to_string()), "{input:?}"),
            }
            checked += 1;
        }
        assert!(checked > 3000, "the fixture has only {checked} lines");
    }

    #[test]
    fn sums_wrap_as_in_go_instead_of_overflowing() {
        // This overflowed (a panic in debug builds) before the sum wrapped as Go's does.
        let text = "9223372036854775808ns9223372036854775808ns";
        assert_eq!(text.parse::<GoDuration>(), Ok(GoDuration::ZERO));
        assert_eq!(format!("-{text}").parse::<GoDuration>(), Ok(GoDuration::ZERO));
    }

    #[test]
    fn quotes_like_go_time_errors() {
        // As Go 1.24 prints them: DEL stays as it is, U+FFFD is three bytes.
        assert_eq!(quote("1µs\t\"\\\u{7f}\u{FFFD}"), "\"1\\xc2\\xb5s\\x09\\\"\\\\\u{7f}\\xef\\xbf\\xbd\"");
    }

    mod properties {
        use super::super::GoDuration;
        use proptest::prelude::*;
        use proptest::test_runner::{Config, RngSeed};

        /// A fixed seed unless `PROPTEST_RNG_SEED` is set; `PROPTEST_CASES` raises the
        /// count from 256 for longer fuzzing.
        fn config() -> Config {
            let mut c = Config { failure_persistence: None, ..Config::default() };
            if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
                c.rng_seed = RngSeed::Fixed(0x1EAC_1AB0);
            }
            c
        }

        fn durationish() -> impl Strategy<Value = String> {
            let piece =
                ("[0-9]{0,22}", prop_oneof![Just(String::new()), "\\.[0-9]{0,22}"], "(ns|us|µs|μs|ms|s|m|h|x|µ| |)");
            ("[-+ ]?", prop::collection::vec(piece.prop_map(|(i, f, u)| format!("{i}{f}{u}")), 1..6))
                .prop_map(|(sign, pieces)| format!("{sign}{}", pieces.concat()))
        }

        proptest! {
            #![proptest_config(config())]

            #[test]
            fn any_text_is_a_value_or_an_error(text in any::<String>()) {
                if let Err(e) = text.parse::<GoDuration>() {
                    prop_assert!(e.to_string().starts_with("time: "));
                }
            }

            #[test]
            fn durationish_text_reads_back_after_printing(text in durationish()) {
                if let Ok(d) = text.parse::<GoDuration>() {
                    prop_assert_eq!(d.to_string().parse::<GoDuration>(), Ok(d));
                }
            }

            #[test]
            fn every_duration_prints_and_reads_back(ns in any::<i64>()) {
                let d = GoDuration::from_nanos(ns);
                prop_assert_eq!(d.to_string().parse::<GoDuration>(), Ok(d));
            }
        }
    }

    #[test]
    fn constructors_saturate() {
        assert_eq!(GoDuration::from_secs(2).to_string(), "2s");
        assert_eq!(GoDuration::from_millis(250).to_string(), "250ms");
        assert_eq!(GoDuration::from_secs(i64::MAX), GoDuration::from_nanos(i64::MAX));
        assert!(GoDuration::from_secs(-1).is_negative());
    }
}
