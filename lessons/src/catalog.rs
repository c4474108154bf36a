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

/// What separates the listings in the file [`supply_listings`] reads (`sitetext::listings`
/// writes it): each is this byte, `lesson/variant`, a line break, then the listing (no Go
/// listing holds this byte).
pub const LISTING_MARK: char = '\u{1}';

thread_local! {
    /// The listings supplied at run time (`fetched-listings`): (lesson, variant, text).
    static SUPPLIED: std::cell::RefCell<Vec<(&'static str, &'static str, &'static str)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The listing of `lesson`'s `variant` as supplied by [`supply_listings`]; empty before (a
/// run built from it then fails at its first snippet, naming it, and shows no listing).
#[cfg_attr(not(feature = "fetched-listings"), allow(dead_code))]
fn fetched(lesson: &str, variant: &str) -> &'static str {
    SUPPLIED.with(|s| s.borrow().iter().find(|(l, v, _)| *l == lesson && *v == variant).map_or("", |e| e.2))
}

/// Takes the lessons' listings from `file` (see [`LISTING_MARK`]; what the page fetches as
/// `text/listings.txt`), keeping them for the rest of the process. Returns how many there were.
pub fn supply_listings(file: &str) -> Result<usize, String> {
    let mut got = Vec::new();
    for record in file.split(LISTING_MARK).skip(1) {
        let (name, text) = record.split_once('\n').ok_or("a listing without its name line")?;
        let (lesson, variant) = name.split_once('/').ok_or_else(|| format!("{name:?} is not lesson/variant"))?;
        let leak = |s: &str| &*Box::leak(s.to_string().into_boxed_str());
        got.push((leak(lesson), leak(variant), leak(text)));
    }
    if got.is_empty() {
        return Err("no listings in the file".to_string());
    }
    let n = got.len();
    SUPPLIED.with(|s| s.borrow_mut().extend(got));
    Ok(n)
}

/// Every listing supplied so far, as (lesson, variant, text).
pub fn fetched_for_tests() -> Vec<(&'static str, &'static str, &'static str)> {
    SUPPLIED.with(|s| s.borrow().clone())
}

/// Whether [`supply_listings`] has been given the listings (always true without
/// `fetched-listings`, where every listing is compiled in).
pub fn listings_supplied() -> bool {
    !cfg!(feature = "fetched-listings") || SUPPLIED.with(|s| !s.borrow().is_empty())
}

/// The lesson called `id`.
pub fn lesson(id: &str) -> Option<Lesson> {
    lessons().into_iter().find(|l| l.id == id)
}
