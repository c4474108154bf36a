//! Knobs: the lesson parameters a learner turns, shared by the CLI flags and the
//! app's URL parameters (`rate`, `duration`, `buffer`, `log_cost`, …).

use std::collections::BTreeMap;
use std::fmt;

use sim_runtime::Duration;

use crate::decimal::{format_shortest, parse_f64};

/// What values a knob takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KnobKind {
    /// A whole number in `min..=max`.
    Int {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// A decimal number in `min..=max`.
    Float {
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
    },
    /// A Go duration in `min..=max`.
    Duration {
        /// Shortest accepted value.
        min: Duration,
        /// Longest accepted value.
        max: Duration,
    },
    /// A Go duration in `min..=max`, or `never`.
    DurationOrNever {
        /// Shortest accepted value.
        min: Duration,
        /// Longest accepted value.
        max: Duration,
    },
    /// A Go duration in `min..=max`, or `hang` (the upstream never answers).
    DurationOrHang {
        /// Shortest accepted value.
        min: Duration,
        /// Longest accepted value.
        max: Duration,
    },
    /// One of a fixed set of words.
    Choice(&'static [&'static str]),
}

/// A knob's declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct KnobSpec {
    /// The name in URLs and CLI flags.
    pub name: &'static str,
    /// What it means, for help texts and labels.
    pub label: &'static str,
    /// The unit shown next to the value.
    pub unit: &'static str,
    /// The default, written as a user would write it.
    pub default: &'static str,
    /// Accepted values.
    pub kind: KnobKind,
}

/// A knob's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KnobValue {
    /// A whole number.
    Int(i64),
    /// A decimal number.
    Float(f64),
    /// A duration.
    Dur(Duration),
    /// `never`.
    Never,
    /// `hang`.
    Hang,
    /// A choice, by index into the word list.
    Choice(&'static str),
}

impl fmt::Display for KnobValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KnobValue::Int(n) => write!(f, "{n}"),
            // As `write!(f, "{x}")`, without the standard library's float printing (see `decimal`).
            KnobValue::Float(x) => f.write_str(&format_shortest(*x)),
            KnobValue::Dur(d) => write!(f, "{d}"),
            KnobValue::Never => f.write_str("never"),
            KnobValue::Hang => f.write_str("hang"),
            KnobValue::Choice(w) => f.write_str(w),
        }
    }
}

impl KnobKind {
    /// The accepted values, as English error messages and help texts state them.
    pub fn range_text(&self) -> String {
        match *self {
            KnobKind::Int { min, max } => format!("a whole number from {min} to {max}"),
            KnobKind::Float { min, max } => {
                format!("a number from {} to {}", format_shortest(min), format_shortest(max))
            }
            KnobKind::Duration { min, max } => format!("a Go duration from {min} to {max}"),
            KnobKind::DurationOrNever { min, max } => format!("a Go duration from {min} to {max}, or never"),
            KnobKind::DurationOrHang { min, max } => format!("a Go duration from {min} to {max}, or hang"),
            KnobKind::Choice(words) => format!("one of {}", words.join(", ")),
        }
    }
}

/// Why a knob could not be set: the facts, so that a caller can say it in its own language;
/// `Display` says it in English (`rate: "x" is not valid; use a number from 0 to 2000`).
#[derive(Clone, Debug, PartialEq)]
pub enum KnobError {
    /// The knob exists, the value is not one it accepts.
    Invalid {
        /// The knob's name.
        knob: &'static str,
        /// The value as given, trimmed, quoted as `{:?}` does and cut after 40 characters (`…`).
        value: String,
        /// What the knob accepts.
        kind: KnobKind,
    },
    /// The lesson has no knob of that name.
    Unknown {
        /// The name as given, quoted and cut short as [`KnobError::Invalid`]'s value.
        name: String,
        /// The lesson's knobs, in declaration order.
        known: Vec<&'static str>,
    },
}

impl fmt::Display for KnobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KnobError::Invalid { knob, value, kind } => {
                write!(f, "{knob}: {value} is not valid; use {}", kind.range_text())
            }
            KnobError::Unknown { name, known } => {
                write!(f, "unknown knob {name}; this lesson has: {}", known.join(", "))
            }
        }
    }
}

impl std::error::Error for KnobError {}

impl KnobSpec {
    /// The accepted range, as English error messages and help texts state it.
    pub fn range_text(&self) -> String {
        self.kind.range_text()
    }

    /// Parses `text`; the error names the knob and the accepted range.
    pub fn parse(&self, text: &str) -> Result<KnobValue, KnobError> {
        let t = text.trim();
        let bad = || KnobError::Invalid { knob: self.name, value: quoted(t), kind: self.kind };
        let dur_in = |min: Duration, max: Duration| -> Result<KnobValue, KnobError> {
            let d = Duration::parse(t).map_err(|_| bad())?;
            if d < min || d > max {
                return Err(bad());
            }
            Ok(KnobValue::Dur(d))
        };
        match self.kind {
            KnobKind::Int { min, max } => match t.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(KnobValue::Int(n)),
                _ => Err(bad()),
            },
            // As `t.parse::<f64>()`, without the standard library's tables (see `decimal`).
            KnobKind::Float { min, max } => match parse_f64(t) {
                Some(x) if x.is_finite() && x >= min && x <= max => Ok(KnobValue::Float(x)),
                _ => Err(bad()),
            },
            KnobKind::Duration { min, max } => dur_in(min, max),
            KnobKind::DurationOrNever { min, max } => {
                if t == "never" {
                    Ok(KnobValue::Never)
                } else {
                    dur_in(min, max)
                }
            }
            KnobKind::DurationOrHang { min, max } => {
                if t == "hang" {
                    Ok(KnobValue::Hang)
                } else {
                    dur_in(min, max)
                }
            }
            KnobKind::Choice(words) => words.iter().find(|w| **w == t).map(|w| KnobValue::Choice(w)).ok_or_else(bad),
        }
    }

    /// The default value.
    pub fn default_value(&self) -> KnobValue {
        self.parse(self.default).unwrap_or_else(|e| panic!("knob {} has an invalid default: {e}", self.name))
    }
}

/// Longest piece of a bad value quoted back in an error.
const QUOTE_LIMIT: usize = 40;

/// `text` quoted as `{:?}` does, cut after [`QUOTE_LIMIT`] characters (with `…`), so
/// that a long bad value from a URL cannot flood the page with its error.
fn quoted(text: &str) -> String {
    let mut shown: String = text.chars().take(QUOTE_LIMIT).collect();
    if text.chars().nth(QUOTE_LIMIT).is_some() {
        shown.push('\u{2026}');
    }
    format!("{shown:?}")
}

/// The `GOGC` settings a run can choose: Go accepts any percentage, a lesson
/// offers these (each parses as a [`sim_runtime::Gogc`]).
pub const GOGC_CHOICES: &[&str] = &["off", "25", "50", "100", "200", "400", "800"];

/// The knobs every lesson has: the load and the process.
pub fn common_knobs() -> Vec<KnobSpec> {
    vec![
        KnobSpec {
            name: "rate",
            label: "Request rate",
            unit: "requests/s",
            default: "200",
            kind: KnobKind::Float { min: 0.0, max: 2000.0 },
        },
        KnobSpec {
            name: "duration",
            label: "Load duration",
            unit: "",
            default: "2s",
            kind: KnobKind::Duration { min: Duration(0), max: Duration::HOUR },
        },
        KnobSpec {
            name: "arrivals",
            label: "Arrivals",
            unit: "",
            default: "uniform",
            kind: KnobKind::Choice(&["uniform", "poisson"]),
        },
        KnobSpec {
            name: "burst",
            label: "Requests per arrival",
            unit: "",
            default: "1",
            kind: KnobKind::Int { min: 1, max: 100 },
        },
        KnobSpec {
            name: "give_up",
            label: "Client gives up after",
            unit: "",
            default: "never",
            kind: KnobKind::DurationOrNever { min: Duration::MILLISECOND, max: Duration::HOUR },
        },
        KnobSpec {
            name: "mem_limit",
            label: "Memory limit (MiB, 0 for none)",
            unit: "",
            default: "0",
            kind: KnobKind::Int { min: 0, max: 65536 },
        },
        KnobSpec {
            name: "gogc",
            label: "GOGC (heap growth before a collection)",
            unit: "%",
            default: "100",
            kind: KnobKind::Choice(GOGC_CHOICES),
        },
        KnobSpec {
            name: "timer_slack",
            label: "Timer slack",
            unit: "",
            default: "realistic",
            kind: KnobKind::Choice(&["realistic", "ideal"]),
        },
    ]
}

/// The knob values of one run, by name, in a stable order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Knobs {
    values: BTreeMap<&'static str, KnobValue>,
}

impl Knobs {
    /// Every knob at its default.
    pub fn defaults(specs: &[KnobSpec]) -> Knobs {
        // Inserted one by one rather than collected: `collect` sorts first, and that sort's code
        // would be in the page's wasm for this one map.
        let mut values = BTreeMap::new();
        for s in specs {
            values.insert(s.name, s.default_value());
        }
        Knobs { values }
    }

    /// Sets `name` from text; unknown names and bad values are errors.
    pub fn set(&mut self, specs: &[KnobSpec], name: &str, text: &str) -> Result<(), KnobError> {
        let spec = specs
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| KnobError::Unknown { name: quoted(name), known: specs.iter().map(|s| s.name).collect() })?;
        let v = spec.parse(text)?;
        self.values.insert(spec.name, v);
        Ok(())
    }

    /// The value of `name` (which must be declared).
    pub fn get(&self, name: &str) -> KnobValue {
        *self.values.get(name).unwrap_or_else(|| panic!("knob {name} is not declared"))
    }

    /// A whole-number knob.
    pub fn int(&self, name: &str) -> i64 {
        match self.get(name) {
            KnobValue::Int(n) => n,
            v => panic!("knob {name} is not a whole number: {v}"),
        }
    }

    /// A number knob.
    pub fn float(&self, name: &str) -> f64 {
        match self.get(name) {
            KnobValue::Float(x) => x,
            KnobValue::Int(n) => n as f64,
            v => panic!("knob {name} is not a number: {v}"),
        }
    }

    /// A duration knob (`None` for `never` or `hang`).
    pub fn dur(&self, name: &str) -> Option<Duration> {
        match self.get(name) {
            KnobValue::Dur(d) => Some(d),
            _ => None,
        }
    }

    /// Every value, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, KnobValue)> + '_ {
        self.values.iter().map(|(k, v)| (*k, *v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_name_the_knob_and_range() {
        let specs = common_knobs();
        let mut k = Knobs::defaults(&specs);
        assert_eq!(
            k.set(&specs, "rate", "-3").unwrap_err().to_string(),
            "rate: \"-3\" is not valid; use a number from 0 to 2000"
        );
        assert_eq!(
            k.set(&specs, "rate", "NaN").unwrap_err().to_string(),
            "rate: \"NaN\" is not valid; use a number from 0 to 2000"
        );
        assert!(k.set(&specs, "duration", "5 parsecs").unwrap_err().to_string().starts_with("duration:"));
        assert!(k.set(&specs, "duration", "2h").unwrap_err().to_string().contains("from 0s to 1h0m0s"));
        assert!(k.set(&specs, "bogus", "1").unwrap_err().to_string().starts_with("unknown knob \"bogus\""));
        k.set(&specs, "give_up", "never").unwrap();
        assert_eq!(k.dur("give_up"), None);
        k.set(&specs, "give_up", "3s").unwrap();
        assert_eq!(k.dur("give_up"), Some(Duration::from_secs(3)));
        k.set(&specs, "rate", "12.5").unwrap();
        assert_eq!(k.float("rate"), 12.5);
    }

    #[test]
    fn long_bad_values_are_quoted_short() {
        let specs = common_knobs();
        let mut k = Knobs::defaults(&specs);
        let long = "9".repeat(10_000);
        let e = k.set(&specs, "rate", &long).unwrap_err().to_string();
        assert_eq!(e, format!("rate: \"{}\u{2026}\" is not valid; use a number from 0 to 2000", "9".repeat(40)));
        let e = k.set(&specs, &long, "1").unwrap_err().to_string();
        assert!(e.len() < 150, "{e}");
    }

    #[test]
    fn errors_carry_the_facts_for_other_languages() {
        let specs = common_knobs();
        let mut k = Knobs::defaults(&specs);
        assert_eq!(
            k.set(&specs, "burst", " 0 ").unwrap_err(),
            KnobError::Invalid { knob: "burst", value: "\"0\"".into(), kind: KnobKind::Int { min: 1, max: 100 } }
        );
        match k.set(&specs, "bogus", "1").unwrap_err() {
            KnobError::Unknown { name, known } => {
                assert_eq!(name, "\"bogus\"");
                assert_eq!(known, specs.iter().map(|s| s.name).collect::<Vec<_>>());
            }
            e => panic!("{e:?}"),
        }
        let e = k.set(&specs, "bogus", "1").unwrap_err().to_string();
        assert_eq!(e, "unknown knob \"bogus\"; this lesson has: rate, duration, arrivals, burst, give_up, mem_limit, gogc, timer_slack");
    }
}
