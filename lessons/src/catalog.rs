//! The lessons, their variants and knobs.

use sim_runtime::Duration;

use crate::knobs::{common_knobs, KnobKind, KnobSpec};
use crate::scenarios;

macro_rules! content {
    ($lesson:literal, $file:literal) => {
        include_str!(concat!("../content/", $lesson, "/", $file))
    };
}

/// One variant of a lesson's Go program.
#[derive(Clone, Debug)]
pub struct Variant {
    /// `leaky`, `safe`, `leaky-noctx`, `review-1`, …
    pub id: &'static str,
    /// A short label for the toggle.
    pub label: &'static str,
    /// The Go listing with `{{knob}}` placeholders.
    pub template: &'static str,
}

/// A lesson.
#[derive(Clone, Debug)]
pub struct Lesson {
    /// The id used in URLs and on the command line.
    pub id: &'static str,
    /// The title.
    pub title: &'static str,
    /// The variants, the leaky one first.
    pub variants: Vec<Variant>,
    /// Every knob: the load's and the lesson's own.
    pub knobs: Vec<KnobSpec>,
    /// The path the virtual clients request.
    pub path: &'static str,
}

impl Lesson {
    /// The narrative in Markdown (its first line is the `# Title`). A function rather than
    /// a field, so that a program that never reads it (the browser app renders it at build
    /// time) does not carry it.
    pub fn narrative(&self) -> &'static str {
        match self.id {
            "unbounded-send" => content!("unbounded-send", "lesson.md"),
            "upstream" => content!("upstream", "lesson.md"),
            "workers" => content!("workers", "lesson.md"),
            "pprof" => content!("pprof", "lesson.md"),
            "num-goroutine" => content!("num-goroutine", "lesson.md"),
            "review" => content!("review", "lesson.md"),
            _ => "",
        }
    }

    /// Extra Markdown shown after running (the review's answers), if any.
    pub fn answers(&self) -> Option<&'static str> {
        (self.id == "review").then_some(content!("review", "answers.md"))
    }

    /// The variant called `id`.
    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id == id)
    }
}

fn with_defaults(overrides: &[(&str, &'static str)], own: Vec<KnobSpec>) -> Vec<KnobSpec> {
    let mut k = common_knobs();
    for spec in &mut k {
        if let Some((_, d)) = overrides.iter().find(|(n, _)| *n == spec.name) {
            spec.default = d;
        }
    }
    k.extend(own);
    k
}

fn dur(name: &'static str, label: &'static str, default: &'static str, min: Duration, max: Duration) -> KnobSpec {
    KnobSpec { name, label, unit: "", default, kind: KnobKind::Duration { min, max } }
}

/// Every lesson, in teaching order.
pub fn lessons() -> Vec<Lesson> {
    let ms = Duration::MILLISECOND;
    vec![
        Lesson {
            id: "unbounded-send",
            title: "Unbounded channel sends",
            variants: vec![
                Variant { id: "leaky", label: "Leaky", template: content!("unbounded-send", "leaky.go") },
                Variant { id: "safe", label: "Safe", template: content!("unbounded-send", "safe.go") },
            ],
            knobs: with_defaults(
                &[("rate", "200"), ("duration", "2s")],
                vec![
                    KnobSpec {
                        name: "buffer",
                        label: "logCh buffer",
                        unit: "entries",
                        default: "100",
                        kind: KnobKind::Int { min: 0, max: 100_000 },
                    },
                    dur("log_cost", "Time to write one log entry", "50ms", ms, Duration::from_secs(10)),
                ],
            ),
            path: "/log",
        },
        Lesson {
            id: "upstream",
            title: "Unresponsive upstream",
            variants: vec![
                Variant { id: "leaky", label: "Leaky", template: content!("upstream", "leaky.go") },
                Variant { id: "safe", label: "Safe", template: content!("upstream", "safe.go") },
                Variant {
                    id: "leaky-noctx",
                    label: "Leaky, no context",
                    template: content!("upstream", "leaky-noctx.go"),
                },
            ],
            knobs: with_defaults(
                &[("rate", "10"), ("duration", "2s")],
                vec![
                    KnobSpec {
                        name: "upstream",
                        label: "Upstream latency",
                        unit: "",
                        default: "hang",
                        kind: KnobKind::DurationOrHang { min: Duration(0), max: Duration::HOUR },
                    },
                    dur(
                        "upstream_jitter",
                        "Random extra upstream latency, up to",
                        "0s",
                        Duration(0),
                        Duration::from_mins(10),
                    ),
                    KnobSpec {
                        name: "upstream_status",
                        label: "Upstream's HTTP status",
                        unit: "",
                        default: "200",
                        kind: KnobKind::Int { min: 100, max: 599 },
                    },
                    dur("ctx_timeout", "Handler's context timeout", "5s", ms, Duration::from_mins(10)),
                    dur("client_timeout", "http.Client Timeout", "3s", ms, Duration::from_mins(10)),
                ],
            ),
            path: "/api",
        },
        Lesson {
            id: "workers",
            title: "Workers without a stop",
            variants: vec![
                Variant { id: "leaky", label: "Leaky", template: content!("workers", "leaky.go") },
                Variant { id: "safe", label: "Safe", template: content!("workers", "safe.go") },
            ],
            knobs: with_defaults(
                &[("rate", "30"), ("duration", "2s")],
                vec![
                    KnobSpec {
                        name: "workers",
                        label: "Workers",
                        unit: "goroutines",
                        default: "2",
                        kind: KnobKind::Int { min: 1, max: 64 },
                    },
                    dur("task_cost", "Time per task", "100ms", ms, Duration::from_secs(60)),
                    KnobSpec {
                        name: "shutdown_at",
                        label: "Server shuts down at",
                        unit: "",
                        default: "2s",
                        kind: KnobKind::DurationOrNever { min: Duration(0), max: Duration::HOUR },
                    },
                ],
            ),
            path: "/queue",
        },
        Lesson {
            id: "pprof",
            title: "Finding leaks with pprof",
            variants: vec![
                Variant { id: "leaky", label: "Leaky", template: content!("pprof", "leaky.go") },
                Variant { id: "safe", label: "Safe", template: content!("pprof", "safe.go") },
            ],
            knobs: with_defaults(
                &[("rate", "10"), ("duration", "2s")],
                vec![dur("sleep", "How long each spawned goroutine sleeps", "10m", ms, Duration::HOUR)],
            ),
            path: "/leak",
        },
        Lesson {
            id: "num-goroutine",
            title: "Watching NumGoroutine",
            variants: vec![
                Variant { id: "leaky", label: "Leaky", template: content!("num-goroutine", "leaky.go") },
                Variant { id: "safe", label: "Safe", template: content!("num-goroutine", "safe.go") },
            ],
            knobs: with_defaults(&[("rate", "10"), ("duration", "1m")], vec![]),
            path: "/",
        },
        Lesson {
            id: "review",
            title: "Review checklist",
            variants: scenarios::review::variants(),
            knobs: with_defaults(&[("rate", "10"), ("duration", "5s")], vec![]),
            path: "/",
        },
    ]
}

/// The lesson called `id`.
pub fn lesson(id: &str) -> Option<Lesson> {
    lessons().into_iter().find(|l| l.id == id)
}
