//! Timer slack: how late real timers fire.
//!
//! A real `time.Sleep(25 * time.Millisecond)` on Linux returns a few hundred
//! microseconds late: the runtime's netpoller waits with millisecond resolution,
//! the kernel adds its own timer slack, and a woken goroutine waits for a P. A
//! loop that sleeps and then works drifts by that much every round, so over a
//! few seconds a slow consumer falls entries behind an ideal clock. With
//! [`TimerSlack::Realistic`] every timer the program arms (sleeps, `time.After`,
//! `Timer`, `Ticker` ticks, context deadlines) fires late by an amount drawn from
//! a distribution measured on real Go 1.24 and 1.19 on Linux; with
//! [`TimerSlack::Ideal`] timers fire exactly on time, for exact arithmetic.
//!
//! The draws come from their own random stream (`timer_slack`), so switching the
//! knob changes no other random choice (arrivals, `select`). Tickers stay on
//! their schedule as Go's do: each tick is late, but the next tick is due one
//! period after the previous one was due, not after it fired.
//!
//! The measurements (`lessons/oracle/timer-slack/`, four runs per version on an
//! otherwise busy 2-core machine, idle process): one-shot timers of 1 ms fired
//! 76–110 µs late at the 10th percentile, 92–137 µs at the median, 119–230 µs
//! at the 90th; timers of 10 ms and more 136–276 µs, 193–402 µs and 250–650 µs,
//! with rare outliers of several milliseconds; ticker ticks were late by a
//! near-uniform 0–1 ms against their schedule. A process whose Ps are all busy
//! spinning is 10–20 ms late instead; the simulated servers are not CPU-bound,
//! so the model is the idle one.

use crate::rng::Rng;
use crate::time::Duration;

/// How timers keep time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum TimerSlack {
    /// Every timer fires exactly when it is due.
    #[default]
    Ideal,
    /// Timers fire late, as measured on real Go on Linux.
    Realistic,
}

impl TimerSlack {
    /// The knob's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            TimerSlack::Ideal => "ideal",
            TimerSlack::Realistic => "realistic",
        }
    }
}

/// A timer-slack setting that is neither `ideal` nor `realistic`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimerSlackError(pub String);

impl std::fmt::Display for TimerSlackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "timer slack must be realistic or ideal, not {:?}", self.0)
    }
}

impl std::error::Error for TimerSlackError {}

impl std::str::FromStr for TimerSlack {
    type Err = TimerSlackError;
    fn from_str(s: &str) -> Result<TimerSlack, TimerSlackError> {
        match s {
            "ideal" => Ok(TimerSlack::Ideal),
            "realistic" => Ok(TimerSlack::Realistic),
            _ => Err(TimerSlackError(s.to_string())),
        }
    }
}

impl std::fmt::Display for TimerSlack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of timer is being armed: tickers are late differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimerKind {
    /// A sleep, `time.After`, a `Timer` or a context deadline, armed for `d`.
    OneShot(Duration),
    /// One tick of a `Ticker`.
    Tick,
}

/// The lateness model and its random stream.
#[derive(Clone, Debug)]
pub(crate) struct Slack {
    mode: TimerSlack,
    rng: Rng,
}

impl TimerSlack {
    /// How late a one-shot timer of `d` fires on average in `mode`, in nanoseconds: what a
    /// loop of `time.Sleep(d)` loses per round (for estimates; runs draw their own).
    pub fn mean_lateness(self, d: crate::Duration) -> u64 {
        if self == TimerSlack::Ideal {
            return 0;
        }
        let (lo, hi, tail) = spread(TimerKind::OneShot(d));
        (0.9 * (lo + hi) as f64 / 2.0 + 0.1 * (hi + tail) as f64 / 2.0) as u64
    }
}

/// One-shot timers shorter than this use the short-timer distribution.
const SHORT: u64 = 5_000_000;

/// A kind of timer's lateness: the 10th and 90th percentiles of the body, and the tail's end.
fn spread(kind: TimerKind) -> (u64, u64, u64) {
    match kind {
        TimerKind::OneShot(d) if d.0 < SHORT => (80_000, 150_000, 1_000_000),
        TimerKind::OneShot(_) => (180_000, 380_000, 2_000_000),
        TimerKind::Tick => (30_000, 1_050_000, 1_050_000),
    }
}

impl Slack {
    pub fn new(mode: TimerSlack, seed: u64) -> Slack {
        Slack { mode, rng: Rng::new(seed, "timer_slack") }
    }

    /// How late a timer of `kind` fires, in nanoseconds. Ideal timers draw
    /// nothing, so their stream stays untouched.
    pub fn draw(&mut self, kind: TimerKind) -> u64 {
        if self.mode == TimerSlack::Ideal {
            return 0;
        }
        // Nine in ten timers fall in the measured body (10th to 90th
        // percentile, drawn uniformly); the rest are the tail above it.
        let (lo, hi, tail) = spread(kind);
        let u = self.rng.unit_f64();
        let ns = if u < 0.9 {
            lo as f64 + (hi - lo) as f64 * (u / 0.9)
        } else {
            hi as f64 + (tail - hi) as f64 * ((u - 0.9) / 0.1)
        };
        ns as u64
    }
}
