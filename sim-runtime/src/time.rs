//! Virtual time: instants since the start of a simulation and Go-style durations.
//!
//! Durations print and parse exactly as Go's `time.Duration` does, because the
//! learner reads them next to Go code (`50ms`, `2m0s`, `1h2m3.5s`).

use std::fmt;

/// A virtual instant: nanoseconds since the simulation started.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Time(pub u64);

/// A span of virtual time in nanoseconds, printed like Go's `time.Duration`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Duration(pub u64);

impl Duration {
    /// One nanosecond.
    pub const NANOSECOND: Duration = Duration(1);
    /// One microsecond.
    pub const MICROSECOND: Duration = Duration(1_000);
    /// One millisecond.
    pub const MILLISECOND: Duration = Duration(1_000_000);
    /// One second.
    pub const SECOND: Duration = Duration(1_000_000_000);
    /// One minute.
    pub const MINUTE: Duration = Duration(60_000_000_000);
    /// One hour.
    pub const HOUR: Duration = Duration(3_600_000_000_000);

    /// `n` milliseconds.
    pub const fn from_millis(n: u64) -> Duration {
        Duration(n * 1_000_000)
    }
    /// `n` seconds.
    pub const fn from_secs(n: u64) -> Duration {
        Duration(n * 1_000_000_000)
    }
    /// `n` minutes.
    pub const fn from_mins(n: u64) -> Duration {
        Duration(n * 60_000_000_000)
    }
    /// The length in nanoseconds.
    pub const fn as_nanos(self) -> u64 {
        self.0
    }
    /// The length in seconds, as a float (for rates and charts).
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1e9
    }

    /// Parses Go's duration syntax (`time.ParseDuration`): a sequence of decimal
    /// numbers with optional fraction and a unit, such as `300ms`, `1.5h` or `2h45m`.
    /// Negative durations are refused: virtual time only moves forward. Surrounding
    /// white space is ignored (a command line or a form may add it). Otherwise the
    /// arithmetic is Go's, step for step, so a fraction such as `0.3333333333333333333h`
    /// gives Go's nanoseconds; `tests/go/parse-duration.go1.24.4.tsv` holds real Go's
    /// answers to a few thousand texts, and the tests compare.
    ///
    /// ```
    /// use sim_runtime::Duration;
    /// assert_eq!(Duration::parse("1m30s").unwrap(), Duration::from_secs(90));
    /// assert_eq!(Duration::parse("50ms").unwrap().to_string(), "50ms");
    /// assert!(Duration::parse("5 parsecs").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Duration, String> {
        let orig = s;
        let err = || format!("invalid duration {orig:?} (use Go syntax such as 50ms, 2s, 1m30s)");
        let range = || format!("duration {orig:?} is out of range");
        let mut s = s.trim();
        if let Some(rest) = s.strip_prefix('+') {
            s = rest;
        }
        if s.starts_with('-') {
            return Err(format!("negative duration {orig:?} is not allowed"));
        }
        if s == "0" {
            return Ok(Duration(0));
        }
        if s.is_empty() {
            return Err(err());
        }
        // Go's bound: magnitudes up to 1 << 63 are carried, the sign decides at the end.
        const MAX: u64 = 1 << 63;
        let mut total: u64 = 0;
        while !s.is_empty() {
            if !s.starts_with(|c: char| c == '.' || c.is_ascii_digit()) {
                return Err(err());
            }
            let int_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            let int_part = &s[..int_end];
            s = &s[int_end..];
            let mut v = leading_int(int_part).ok_or_else(range)?;
            let mut frac_part = "";
            if let Some(rest) = s.strip_prefix('.') {
                let fe = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
                frac_part = &rest[..fe];
                s = &rest[fe..];
            }
            if int_part.is_empty() && frac_part.is_empty() {
                return Err(err());
            }
            let unit_end = s.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(s.len());
            let unit = &s[..unit_end];
            s = &s[unit_end..];
            let scale: u64 = match unit {
                "ns" => 1,
                "us" | "µs" | "μs" => 1_000,
                "ms" => 1_000_000,
                "s" => 1_000_000_000,
                "m" => 60_000_000_000,
                "h" => 3_600_000_000_000,
                "" => return Err(format!("missing unit in duration {orig:?}")),
                _ => return Err(format!("unknown unit {unit:?} in duration {orig:?}")),
            };
            if v > MAX / scale {
                return Err(range());
            }
            v *= scale;
            let (f, f_scale) = leading_fraction(frac_part);
            if f > 0 {
                // Go computes the fraction in float64, so this does too: the same
                // nanoseconds for every input, and no overflow (the added part is
                // below `scale`, and `v` is at most 1 << 63).
                v += (f as f64 * (scale as f64 / f_scale)) as u64;
                if v > MAX {
                    return Err(range());
                }
            }
            // Go adds in uint64, which wraps: `9223372036854775808ns` twice is 0 there.
            total = total.wrapping_add(v);
            if total > MAX {
                return Err(range());
            }
        }
        if total > i64::MAX as u64 {
            return Err(range());
        }
        Ok(Duration(total))
    }
}

impl Duration {
    /// Go's `d.Round(m)`: the multiple of `m` nearest to `d`, halfway values away from zero;
    /// `d` itself when `m` is zero.
    ///
    /// ```
    /// use sim_runtime::Duration;
    /// let d = Duration(62_273_999_860);
    /// assert_eq!(d.round(Duration::from_millis(1)).to_string(), "1m2.274s");
    /// assert_eq!(Duration(1_500_000).round(Duration::from_millis(1)).to_string(), "2ms");
    /// ```
    pub fn round(self, m: Duration) -> Duration {
        if m.0 == 0 {
            return self;
        }
        let r = self.0 % m.0;
        let down = self.0 - r;
        if r + r < m.0 {
            Duration(down)
        } else {
            Duration(down.saturating_add(m.0))
        }
    }
}

/// The value of a run of ASCII digits, or `None` past 1 << 63 (Go's `leadingInt`).
fn leading_int(digits: &str) -> Option<u64> {
    const MAX: u64 = 1 << 63;
    let mut x: u64 = 0;
    for b in digits.bytes() {
        if x > MAX / 10 {
            return None;
        }
        x = x * 10 + u64::from(b - b'0');
        if x > MAX {
            return None;
        }
    }
    Some(x)
}

/// The digits of a fraction as a whole number and the power of ten it is to be
/// divided by. Past 63 bits further digits are dropped, not an error (Go's
/// `leadingFraction`).
fn leading_fraction(digits: &str) -> (u64, f64) {
    const MAX: u64 = 1 << 63;
    let (mut x, mut scale) = (0u64, 1.0f64);
    for b in digits.bytes() {
        if x > (MAX - 1) / 10 {
            break;
        }
        let y = x * 10 + u64::from(b - b'0');
        if y > MAX {
            break;
        }
        x = y;
        scale *= 10.0;
    }
    (x, scale)
}

impl fmt::Display for Duration {
    /// Formats exactly as Go's `time.Duration.String`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&go_duration_string(self.0))
    }
}

fn fmt_frac(buf: &mut Vec<u8>, mut v: u64, prec: usize) -> u64 {
    // Mirrors fmtFrac in Go's time/time.go: prints the fraction, omitting trailing zeros.
    let mut digits = Vec::new();
    let mut print = false;
    for _ in 0..prec {
        let d = v % 10;
        print = print || d != 0;
        if print {
            digits.push(b'0' + d as u8);
        }
        v /= 10;
    }
    if print {
        digits.push(b'.');
    }
    digits.reverse();
    buf.extend_from_slice(&digits);
    v
}

fn go_duration_string(u: u64) -> String {
    if u == 0 {
        return "0s".to_string();
    }
    let mut out: Vec<u8> = Vec::new();
    if u < 1_000_000_000 {
        let (prec, unit): (usize, &str) = if u < 1_000 {
            return format!("{u}ns");
        } else if u < 1_000_000 {
            (3, "µs")
        } else {
            (6, "ms")
        };
        let mut frac = Vec::new();
        let int = fmt_frac(&mut frac, u, prec);
        out.extend_from_slice(int.to_string().as_bytes());
        out.extend_from_slice(&frac);
        out.extend_from_slice(unit.as_bytes());
        return String::from_utf8(out).unwrap_or_default();
    }
    let mut frac = Vec::new();
    let mut v = fmt_frac(&mut frac, u, 9);
    let secs = v % 60;
    v /= 60;
    let mut s = String::new();
    if v > 0 {
        let mins = v % 60;
        v /= 60;
        if v > 0 {
            s.push_str(&format!("{v}h"));
        }
        s.push_str(&format!("{mins}m"));
    }
    s.push_str(&secs.to_string());
    s.push_str(std::str::from_utf8(&frac).unwrap_or(""));
    s.push('s');
    s
}

impl Time {
    /// The instant `d` after `self`.
    pub fn after(self, d: Duration) -> Time {
        Time(self.0.saturating_add(d.0))
    }
    /// The time elapsed since the start, as a duration.
    pub fn since_start(self) -> Duration {
        Duration(self.0)
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Duration(self.0).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_strings_match_go() {
        // Expected values from Go's time.Duration.String documentation and tests.
        let cases: &[(u64, &str)] = &[
            (0, "0s"),
            (1, "1ns"),
            (1_100, "1.1µs"),
            (2_200_000, "2.2ms"),
            (3_300_000_000, "3.3s"),
            (4 * 60_000_000_000 + 5_000_000_000, "4m5s"),
            (4 * 60_000_000_000 + 5_001_000_000, "4m5.001s"),
            (5 * 3_600_000_000_000 + 6 * 60_000_000_000 + 7_001_000_000, "5h6m7.001s"),
            (8 * 60_000_000_000 + 1, "8m0.000000001s"),
            (50_000_000, "50ms"),
            (120_000_000_000, "2m0s"),
            (600_000_000_000, "10m0s"),
            (1_000, "1µs"),
        ];
        for &(n, want) in cases {
            assert_eq!(Duration(n).to_string(), want, "Duration({n})");
        }
    }

    #[test]
    fn parse_accepts_go_syntax_and_rejects_garbage() {
        assert_eq!(Duration::parse("50ms"), Ok(Duration::from_millis(50)));
        assert_eq!(Duration::parse("1.5s"), Ok(Duration(1_500_000_000)));
        assert_eq!(Duration::parse("2h45m"), Ok(Duration(2 * 3_600_000_000_000 + 45 * 60_000_000_000)));
        assert_eq!(Duration::parse("10m"), Ok(Duration::from_mins(10)));
        assert_eq!(Duration::parse("0"), Ok(Duration(0)));
        assert_eq!(Duration::parse("1µs"), Ok(Duration(1_000)));
        assert_eq!(Duration::parse(".5s"), Ok(Duration(500_000_000)));
        for bad in ["", "5", "abc", "-1s", "5 s", "1x", "ms", "999999999999h", "."] {
            assert!(Duration::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn parse_round_trips_go_strings() {
        for n in [1u64, 999, 1_500, 2_000_000, 1_000_000_000, 61_000_000_000, 3_723_500_000_000] {
            let s = Duration(n).to_string();
            assert_eq!(Duration::parse(&s), Ok(Duration(n)), "{s}");
        }
    }
}
