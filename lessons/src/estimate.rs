//! How much memory a run will need, told from its knobs before it starts: the
//! CLI prints it before a run of gigabytes, and the page can refuse a run that
//! would not fit in its WebAssembly memory.
//!
//! The goroutine count comes from each lesson's program: how many goroutines a
//! request starts and how long each lives (for the length of the handler, for a
//! fixed time, or for ever), and for the queues that drain at a fixed pace, how
//! far arrivals outrun the drain. The bytes come from the simulator's own cost
//! of a goroutine and of a request's record, measured natively (see
//! [`BYTES_PER_GOROUTINE`]).
//!
//! ```
//! use lessons::{estimate, RunConfig};
//! use sim_runtime::{Duration, Time};
//!
//! let mut cfg = RunConfig::defaults("unbounded-send", "leaky").unwrap();
//! let specs = cfg.lesson.knobs.clone();
//! cfg.knobs.set(&specs, "rate", "2000").unwrap();
//! cfg.knobs.set(&specs, "duration", "10m").unwrap();
//! let e = estimate::estimate(&cfg, Time(Duration::from_mins(10).0));
//! // 2000 requests a second for 600 s, less one written every 50 ms (and the timer's
//! // lateness, about 0.37 ms a sleep with realistic slack) and the 100 buffered.
//! assert!((1_187_900..1_188_100).contains(&e.goroutines), "{}", e.goroutines);
//! assert!(e.bytes > 1 << 30);
//! ```

use std::fmt;

use sim_runtime::{Duration, Time};

use crate::run::RunConfig;

/// The simulator's bytes per live goroutine in a lesson: the goroutine's record,
/// frames, future and wait record, and the state its handler captured (the log
/// message, the request's context), with the allocator's overhead. `cargo bench -p
/// sim-runtime` counts 601 live bytes for a bare goroutine parked on a channel send
/// with three frames; a lesson's costs more. Measured natively (mimalloc) as peak RSS:
/// unbounded-send leaky at 2,000 requests/s for 10 minutes holds 1,187,939 goroutines
/// and 1,200,000 request records in 1,632,304 KiB, the safe variant the same records
/// and 59 goroutines in 299,392 KiB, an idle run 11,264 KiB.
pub const BYTES_PER_GOROUTINE: u64 = 1_150;

/// The simulator's bytes per request sent: the virtual client's record
/// (`ClientRecord`, with its response body) and the connection's state (measured
/// as above: (299,392 − 11,264) KiB for 1,200,000 requests).
pub const BYTES_PER_REQUEST: u64 = 250;

/// What a run holds before its first request, natively: the program and its
/// tables, the lesson, the listing (the peak RSS of a run without load).
pub const BASE_BYTES: u64 = 11 << 20;

/// What the simulated process counts for its runtime and binary (`Run::new`).
const SIMULATED_STATIC_BYTES: u64 = 4 << 20;

/// The least a goroutine costs the simulated process: a 2 KiB stack and its `g`.
const SIMULATED_GOROUTINE_BYTES: u64 = 2048 + sim_runtime::GOROUTINE_STRUCT_BYTES;

/// What a run will hold at its fullest up to a given instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryEstimate {
    /// The most goroutines alive at once.
    pub goroutines: u64,
    /// When that many are alive.
    pub peak_at: Time,
    /// The requests the virtual clients send by then.
    pub requests: u64,
    /// The simulator's memory for that: goroutines, request records, the base.
    pub bytes: u64,
}

impl fmt::Display for MemoryEstimate {
    /// `this run will hold about 2.3 GiB (1,187,939 goroutines at 10m0s)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "this run will hold about {} ({} goroutines at {})",
            format_bytes(self.bytes),
            group_digits(self.goroutines),
            self.peak_at
        )
    }
}

/// `1.5 GiB`, `300 MiB`, `12 KiB`: one decimal below 10 of a unit, none above.
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

/// `1187939` as `1,187,939`: [`crate::lang::int`] in English.
pub fn group_digits(n: u64) -> String {
    crate::lang::int(crate::lang::Lang::En, n)
}

/// Goroutines that each request keeps for a while: `per_request` of them, alive
/// from `from` to `until` after the request arrives (`None`: for ever).
struct Hold {
    per_request: f64,
    from: f64,
    until: Option<f64>,
}

/// Goroutines queued behind a consumer that takes one every `every` seconds, after
/// `room` of them fit without waiting: `per_request` goroutines per waiting request.
struct Queue {
    per_request: f64,
    every: f64,
    room: f64,
}

/// A lesson's program, as far as memory goes.
struct Model {
    /// Goroutines the program always has (main, the accept loop, its workers).
    base: f64,
    holds: Vec<Hold>,
    queue: Option<Queue>,
    /// When the server stops taking requests, if before the load ends.
    stop: Option<f64>,
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

impl Model {
    fn hold(mut self, per_request: f64, from: f64, until: Option<f64>) -> Model {
        self.holds.push(Hold { per_request, from, until });
        self
    }

    /// The model of `cfg`'s lesson and variant.
    fn of(cfg: &RunConfig) -> Model {
        let k = &cfg.knobs;
        let dur = |name: &str| k.dur(name).map(secs);
        let new = |base: f64| Model { base, holds: Vec::new(), queue: None, stop: None };
        // Every request holds its connection's goroutine and the background read
        // while its handler runs.
        let conn = 2.0;
        match (cfg.lesson.id, cfg.variant.as_str()) {
            ("unbounded-send", variant) => {
                // The handler sleeps 10 ms; its `go func()` logs. In the safe variant
                // that goroutine gives up when the request's context ends (10 ms).
                let m = new(2.0).hold(conn, 0.0, Some(0.010));
                if variant == "safe" {
                    m.hold(1.0, 0.0, Some(0.010))
                } else {
                    // The writer's sleep per entry, and how late each one wakes.
                    let cost = dur("log_cost").unwrap_or(0.05);
                    let slack = k
                        .get("timer_slack")
                        .to_string()
                        .parse::<sim_runtime::TimerSlack>()
                        .unwrap_or_default()
                        .mean_lateness(sim_runtime::Duration((cost * 1e9) as u64));
                    let every = cost + slack as f64 / 1e9;
                    // One in the writer's hands, `buffer` in the channel.
                    let room = k.int("buffer") as f64 + 1.0;
                    Model { queue: Some(Queue { per_request: 1.0, every, room }), ..m }
                }
            }
            ("upstream", variant) => {
                let latency = dur("upstream").map(|l| l + dur("upstream_jitter").unwrap_or(0.0) / 2.0);
                let ctx = dur("ctx_timeout").unwrap_or(5.0);
                let client = dur("client_timeout").unwrap_or(3.0);
                let answered = |limit: f64| latency.map_or(limit, |l| l.min(limit));
                // conn, background read, the fetching goroutine, and the upstream
                // connection's readLoop and writeLoop.
                let m = new(1.0);
                match variant {
                    "safe" => m.hold(conn + 3.0, 0.0, Some(answered(client.min(ctx)))),
                    "leaky-noctx" => {
                        // client.Do waits for the upstream as long as it takes; then
                        // the send has nobody to receive it if the handler timed out.
                        let m = m.hold(conn, 0.0, Some(answered(ctx)));
                        let m = m.hold(2.0, 0.0, latency);
                        match latency {
                            Some(l) if l <= ctx => m.hold(1.0, 0.0, Some(l)),
                            _ => m.hold(1.0, 0.0, None),
                        }
                    }
                    _ => {
                        // With the context, client.Do returns when it ends; the send
                        // then blocks for ever unless the upstream answered first.
                        let m = m.hold(conn + 2.0, 0.0, Some(answered(ctx)));
                        match latency {
                            Some(l) if l <= ctx => m.hold(1.0, 0.0, Some(l)),
                            _ => m.hold(1.0, 0.0, None),
                        }
                    }
                }
            }
            ("workers", _) => {
                // Handlers wait in the unbounded queue while every worker is busy.
                let workers = k.int("workers").max(1) as f64;
                let cost = dur("task_cost").unwrap_or(0.1).max(1e-9);
                // After the shutdown, connections are refused.
                let m = new(3.0 + workers);
                Model {
                    queue: Some(Queue { per_request: conn, every: cost / workers, room: workers }),
                    stop: dur("shutdown_at"),
                    ..m
                }
            }
            ("pprof", "leaky") => new(1.0).hold(1.0, 0.0, Some(dur("sleep").unwrap_or(600.0))),
            ("pprof", _) => new(1.0),
            ("num-goroutine", "leaky") => new(1.0).hold(1.0, 0.0, Some(300.0)),
            // At most 10 background jobs (the `slots` channel).
            ("num-goroutine", _) => new(11.0),
            ("review", variant) => match variant {
                // The lookup (2 s) outlives the handler's 1 s timeout; its send blocks for ever.
                "review-1" => new(1.0).hold(conn, 0.0, Some(1.0)).hold(1.0, 0.0, None),
                // Three mirrors answer into a buffer with room for all: "eu" and "us"
                // after 200 ms, which is when the handler returns, "asia" after 400 ms.
                "review-2" => new(1.0).hold(conn + 2.0, 0.0, Some(0.2)).hold(1.0, 0.0, Some(0.4)),
                // A receive on a channel nobody closes.
                "review-3" => new(1.0).hold(1.0, 0.0, None),
                "review-4" => new(2.0),
                // After the first request without `page`, every request waits for the mutex.
                "review-5" => new(1.0).hold(conn, 0.0, None),
                // A 2 s handler with a ticker goroutine that ends with it.
                "review-6" => new(1.0).hold(conn + 1.0, 0.0, Some(2.0)),
                _ => new(1.0),
            },
            _ => new(1.0),
        }
    }
}

/// The requests a uniform (or, on average, Poisson) load has sent by `t` seconds.
fn sent(rate: f64, burst: f64, load_end: f64, t: f64) -> f64 {
    if t < 0.0 {
        return 0.0;
    }
    rate * t.min(load_end) * burst
}

/// Estimates the memory of `cfg`'s run up to `until`, without running it.
pub fn estimate(cfg: &RunConfig, until: Time) -> MemoryEstimate {
    let k = &cfg.knobs;
    let rate = k.float("rate").max(0.0);
    let burst = k.int("burst").max(1) as f64;
    let model = Model::of(cfg);
    let duration = k.dur("duration").map_or(0.0, secs);
    let load_end = model.stop.map_or(duration, |s| s.min(duration));
    let until_s = until.0 as f64 / 1e9;

    let alive = |t: f64| -> f64 {
        let mut n = model.base;
        for h in &model.holds {
            let started = sent(rate, burst, load_end, t - h.from);
            let ended = h.until.map_or(0.0, |u| sent(rate, burst, load_end, t - u));
            n += h.per_request * (started - ended).max(0.0);
        }
        if let Some(q) = &model.queue {
            let taken = t / q.every;
            n += q.per_request * (sent(rate, burst, load_end, t) - taken - q.room).max(0.0);
        }
        n
    };
    // The count is piecewise linear in time with corners where the load ends and
    // where a hold begins or ends, so its maximum is at one of those instants.
    let mut corners = vec![0.0, until_s, load_end];
    for h in &model.holds {
        corners.push(h.from);
        corners.extend(h.until);
        corners.push(load_end + h.from);
        corners.extend(h.until.map(|u| load_end + u));
    }
    let (mut peak, mut peak_at) = (0.0f64, 0.0f64);
    for t in corners.into_iter().filter(|t| t.is_finite() && *t >= 0.0 && *t <= until_s) {
        let n = alive(t);
        if n > peak {
            (peak, peak_at) = (n, t);
        }
    }
    let mut goroutines = peak.round() as u64;
    let limit = k.int("mem_limit").max(0) as u64 * 1024 * 1024;
    if limit > 0 {
        // The simulated process is killed once its own estimate passes the limit,
        // and each goroutine costs it at least a stack and a `g`.
        let cap = limit.saturating_sub(SIMULATED_STATIC_BYTES) / SIMULATED_GOROUTINE_BYTES + 1;
        goroutines = goroutines.min(cap);
    }
    let requests = sent(rate, burst, load_end, until_s).ceil() as u64;
    let bytes = BASE_BYTES
        .saturating_add(goroutines.saturating_mul(BYTES_PER_GOROUTINE))
        .saturating_add(requests.saturating_mul(BYTES_PER_REQUEST));
    MemoryEstimate { goroutines, peak_at: Time((peak_at * 1e9).round() as u64), requests, bytes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_like_the_issue() {
        assert_eq!(group_digits(1_187_939), "1,187,939");
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000), "1,000");
        assert_eq!(format_bytes(2_469_606_195), "2.3 GiB");
        assert_eq!(format_bytes(300 << 20), "300 MiB");
        assert_eq!(format_bytes(512), "512 B");
        assert_eq!(format_bytes(u64::MAX), "16777216 TiB");
    }
}
