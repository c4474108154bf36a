//! The lessons, their variants and knobs, as the registry (`content/<id>/lesson.toml`, read
//! by `lessondata` in build.rs) describes them.

use sim_runtime::Duration;

use crate::knobs::{common_knobs, KnobKind, KnobSpec};

/// One variant of a lesson's Go program.
#[derive(Clone, Debug)]
pub struct Variant {
    /// `leaky`, `safe`, `leaky-noctx`, `review-1`, …
    pub id: &'static str,
    /// A short label for the toggle.
    pub label: &'static str,
    /// The Go listing with `{{knob}}` placeholders.
    pub template: &'static str,
    /// This variant's own request path, if it differs from the lesson's.
    pub path: Option<&'static str>,
    /// This variant's own request queries, if they differ from the lesson's.
    pub queries: Option<&'static [&'static str]>,
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
    /// The query of the k-th request, cycled (empty: no query).
    pub queries: &'static [&'static str],
}

impl Lesson {
    /// The narrative in Markdown (its first line is the `# Title`). A function rather than
    /// a field, so that a program that never reads it (the browser app renders it at build
    /// time) does not carry it.
    pub fn narrative(&self) -> &'static str {
        narrative_of(self.id)
    }

    /// Extra Markdown shown after running (the review's answers), if any.
    pub fn answers(&self) -> Option<&'static str> {
        answers_of(self.id)
    }

    /// The variant called `id`.
    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id == id)
    }

    /// The path the virtual clients of `variant` request.
    pub fn request_path(&self, variant: &str) -> &'static str {
        self.variant(variant).and_then(|v| v.path).unwrap_or(self.path)
    }

    /// The queries of `variant`'s requests, the k-th request's at `k % len` (empty: none).
    pub fn request_queries(&self, variant: &str) -> &'static [&'static str] {
        self.variant(variant).and_then(|v| v.queries).unwrap_or(self.queries)
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

// The registry (`content/<id>/lesson.toml`), turned into `lessons()`, `narrative_of` and
// `answers_of` by build.rs.
include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The lesson called `id`.
pub fn lesson(id: &str) -> Option<Lesson> {
    lessons().into_iter().find(|l| l.id == id)
}
