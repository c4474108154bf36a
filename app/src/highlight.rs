//! The lessons' text as the page shows it: Go listings highlighted and narratives rendered at
//! build time (`app/build.rs`, with syntect and pulldown-cmark), and the lines in which two
//! variants of a listing differ (found at build time too, with similar).
//!
//! **Invariant:** the highlighted listing has the same lines as
//! [`lessons::run::render_listing`] for the same knob values, so a line number in a dump is
//! the line with that number on screen.

use std::borrow::Cow;
use std::collections::BTreeSet;

use lessons::listing::go_duration_expr;
use lessons::{KnobValue, RunConfig};

pub use crate::token_class::Class;

impl Class {
    /// The CSS class of spans of this class (`public/style.css`).
    pub fn css(self) -> &'static str {
        match self {
            Class::Keyword => "tok-keyword",
            Class::String => "tok-string",
            Class::Comment => "tok-comment",
            Class::Number => "tok-number",
            Class::Type => "tok-type",
            Class::Function => "tok-function",
            Class::Constant => "tok-constant",
            Class::Plain => "tok-plain",
            Class::Knob => "tok-knob",
        }
    }
}

/// One piece of a highlighted line.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// How it is coloured.
    pub class: Class,
    /// The Go source of the piece; for a knob, the knob's value as a Go expression.
    pub text: Cow<'static, str>,
    /// For [`Class::Knob`], the knob's name.
    pub knob: Option<&'static str>,
}

// LISTINGS, CHANGED and QUIZ, written by build.rs.
/// One question of the review's quiz, as build.rs reads it from `lessons/content/review`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuizEntry {
    /// The program (variant) asked about.
    pub variant: &'static str,
    /// Whether it leaks.
    pub leaky: bool,
    /// The 1-based line its leaked goroutines wait on; 0 for a safe program.
    pub line: u32,
    /// Their wait reason; empty for a safe program.
    pub wait_reason: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/lesson_text.rs"));

/// The review's quiz, one entry per program.
pub fn quiz() -> &'static [QuizEntry] {
    QUIZ
}

/// The listing of `lesson`'s `variant`, highlighted line by line, with every knob's value as
/// `knob_exprs` writes it (see [`knob_exprs`]); a knob it does not know stays `{{name}}`.
/// `None` if there is no such listing.
///
/// ```
/// let lines = app::highlight::highlighted("unbounded-send", "leaky", &|_| None).unwrap();
/// assert_eq!(lines[0][0].text, "package");
/// ```
pub fn highlighted(lesson: &str, variant: &str, knob_exprs: &dyn Fn(&str) -> Option<String>) -> Option<Vec<Vec<Span>>> {
    let (_, _, runs) = LISTINGS.iter().find(|(l, v, _)| *l == lesson && *v == variant)?;
    let template = lessons::lesson(lesson)?.variant(variant)?.template;
    let span = |class, text: &'static str| match class {
        Class::Knob => {
            // The placeholder `{{name}}`.
            let name = &text[2..text.len() - 2];
            Span { class, text: Cow::Owned(knob_exprs(name).unwrap_or_else(|| text.to_string())), knob: Some(name) }
        }
        _ => Span { class, text: Cow::Borrowed(text), knob: None },
    };
    let mut runs = runs.iter().copied();
    let line = |mut rest: &'static str| {
        let mut spans = Vec::new();
        // A marker and a length per span; `\n`, which is no marker, ends the line.
        while let Some(class) = runs.next().and_then(Class::of_marker) {
            let (text, tail) = rest.split_at(usize::from(runs.next().unwrap_or(0)));
            spans.push(span(class, text));
            rest = tail;
        }
        spans
    };
    Some(template.lines().map(line).collect())
}

/// A knob's value as the listing shows it, exactly as [`lessons::run::render_listing`] writes
/// it: a duration as a Go expression (`50 * time.Millisecond`), anything else as typed.
pub fn knob_expr(value: KnobValue) -> String {
    match value {
        KnobValue::Dur(d) => go_duration_expr(d),
        other => other.to_string(),
    }
}

/// The knob values of `cfg`, for [`highlighted`].
pub fn knob_exprs(cfg: &RunConfig) -> impl Fn(&str) -> Option<String> + 'static {
    let knobs = cfg.knobs.clone();
    move |name| knobs.iter().find(|(k, _)| *k == name).map(|(_, v)| knob_expr(v))
}

/// The text of a highlighted listing, one `\n` after each line.
pub fn plain_text(lines: &[Vec<Span>]) -> String {
    let mut out = String::new();
    for line in lines {
        line.iter().for_each(|s| out.push_str(&s.text));
        out.push('\n');
    }
    out
}

/// The 1-based numbers of the lines of `lesson`'s `variant` that differ from its `other`
/// variant: those outside a longest common subsequence of their lines, as similar's Myers diff
/// aligns them (computed by build.rs). These are what the listing marks when a learner switches
/// from one variant to the other. They hold for any knob values, the same in both variants;
/// none for a variant compared with itself or one that does not exist.
///
/// ```
/// let changed = app::highlight::changed_lines("unbounded-send", "safe", "leaky");
/// assert!(changed.contains(&30)); // select {
/// ```
pub fn changed_lines(lesson: &str, variant: &str, other: &str) -> BTreeSet<u32> {
    CHANGED
        .iter()
        .find(|(l, v, o, _)| *l == lesson && *v == variant && *o == other)
        .map(|(_, _, _, lines)| {
            // Inserted, not collected: `collect` would bring a sort's code into the wasm.
            let mut set = BTreeSet::new();
            for &n in lines.iter() {
                set.insert(u32::from(n));
            }
            set
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use lessons::{KnobKind, RunConfig};

    use super::*;

    fn every_variant() -> Vec<(&'static str, &'static str)> {
        lessons::lessons().iter().flat_map(|l| l.variants.iter().map(|v| (l.id, v.id))).collect()
    }

    /// Sets every knob to a valid value other than its default, in the unit a learner might use.
    fn changed_knobs(cfg: &mut RunConfig) {
        let specs = cfg.lesson.knobs.clone();
        for spec in &specs {
            let text = match spec.kind {
                KnobKind::Int { min, max } => (min + 1).min(max).to_string(),
                KnobKind::Float { max, .. } => (max / 3.0).to_string(),
                KnobKind::Duration { .. } | KnobKind::DurationOrNever { .. } | KnobKind::DurationOrHang { .. } => {
                    "1500ms".to_string()
                }
                KnobKind::Choice(words) => words[words.len() - 1].to_string(),
            };
            cfg.knobs.set(&specs, spec.name, &text).unwrap();
        }
    }

    fn check_same_lines(cfg: &RunConfig) {
        let rendered = lessons::run::render_listing(cfg).unwrap().text;
        let lines = highlighted(cfg.lesson.id, &cfg.variant, &knob_exprs(cfg)).unwrap();
        let ours: Vec<String> = lines.iter().map(|l| l.iter().map(|s| s.text.as_ref()).collect()).collect();
        let theirs: Vec<&str> = rendered.lines().collect();
        assert_eq!(ours, theirs, "{} {}", cfg.lesson.id, cfg.variant);
        assert_eq!(plain_text(&lines), rendered);
    }

    #[test]
    fn every_listing_has_the_lines_of_the_rendered_listing() {
        let all = every_variant();
        assert!(all.len() >= 15, "{all:?}");
        for (lesson, variant) in all {
            let mut cfg = RunConfig::defaults(lesson, variant).unwrap();
            check_same_lines(&cfg);
            changed_knobs(&mut cfg);
            check_same_lines(&cfg);
        }
    }

    #[test]
    fn knobs_are_single_spans_with_their_values() {
        let mut cfg = RunConfig::defaults("unbounded-send", "safe").unwrap();
        cfg.knobs.set(&cfg.lesson.knobs.clone(), "log_cost", "2s").unwrap();
        let lines = highlighted("unbounded-send", "safe", &knob_exprs(&cfg)).unwrap();
        let knobs: Vec<(usize, &str, &str)> = lines
            .iter()
            .enumerate()
            .flat_map(|(i, l)| l.iter().filter_map(move |s| Some((i + 1, s.knob?, s.text.as_ref()))))
            .collect();
        assert_eq!(
            knobs,
            vec![(12, "buffer", "100"), (22, "log_cost", "2 * time.Second"), (34, "log_cost", "2 * time.Second")]
        );
        assert!(lines.iter().flatten().all(|s| (s.class == Class::Knob) == s.knob.is_some()));
        // A knob the caller does not know stays a visible placeholder.
        let unknown = highlighted("unbounded-send", "safe", &|_| None).unwrap();
        assert_eq!(unknown[11].iter().find(|s| s.knob.is_some()).unwrap().text, "{{buffer}}");
        assert!(highlighted("unbounded-send", "nope", &|_| None).is_none());
        assert!(highlighted("nope", "leaky", &|_| None).is_none());
    }

    /// The class of every span whose text is `text`, on the 1-based `line`.
    fn classes(lines: &[Vec<Span>], line: usize, text: &str) -> Vec<Class> {
        lines[line - 1].iter().filter(|s| s.text.trim() == text).map(|s| s.class).collect()
    }

    #[test]
    fn go_keywords_comments_and_literals_get_their_classes() {
        let safe = highlighted("unbounded-send", "safe", &|_| None).unwrap();
        assert_eq!(classes(&safe, 1, "package"), [Class::Keyword]);
        assert_eq!(classes(&safe, 12, "var"), [Class::Keyword]);
        assert_eq!(classes(&safe, 12, "chan"), [Class::Keyword]);
        assert_eq!(classes(&safe, 12, "string"), [Class::Type]);
        assert_eq!(classes(&safe, 12, "make"), [Class::Function]);
        assert_eq!(classes(&safe, 15, "go"), [Class::Keyword]);
        assert_eq!(classes(&safe, 20, "func"), [Class::Keyword]);
        assert_eq!(classes(&safe, 20, "logWriter"), [Class::Function]);
        assert_eq!(classes(&safe, 30, "select"), [Class::Keyword]);
        assert_eq!(classes(&safe, 31, "case"), [Class::Keyword]);
        assert_eq!(classes(&safe, 31, "<-"), [Class::Keyword]);
        assert_eq!(classes(&safe, 11, "// logCh queues log lines for one background writer."), [Class::Comment]);
        assert_eq!(classes(&safe, 22, "// slow log storage"), [Class::Comment]);
        assert_eq!(classes(&safe, 23, "\"logged: %s\""), [Class::String]);
        assert_eq!(classes(&safe, 44, "10"), [Class::Number]);
        let upstream = highlighted("upstream", "leaky", &|_| None).unwrap();
        assert_eq!(classes(&upstream, 17, "return"), [Class::Keyword]);
        assert_eq!(classes(&upstream, 15, "nil"), [Class::Constant]);
        // Every line of every listing comes out, blanks and all.
        for (lesson, variant) in every_variant() {
            let lines = highlighted(lesson, variant, &|_| None).unwrap();
            assert!(lines.iter().flatten().all(|s| !s.text.is_empty() && !s.text.contains('\n')));
        }
    }

    /// The lines of `this` outside similar's Myers alignment with `other`: how the page found
    /// them at run time before build.rs did.
    fn diffed_lines(this: &str, other: &str) -> BTreeSet<u32> {
        let old: Vec<&str> = other.lines().collect();
        let new: Vec<&str> = this.lines().collect();
        let mut changed = BTreeSet::new();
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new) {
            if let similar::DiffOp::Insert { new_index, new_len, .. }
            | similar::DiffOp::Replace { new_index, new_len, .. } = op
            {
                changed.extend((new_index..new_index + new_len).map(|i| i as u32 + 1));
            }
        }
        changed
    }

    /// The length of a longest common subsequence, by the textbook table.
    fn lcs_len(a: &[&str], b: &[&str]) -> usize {
        let mut t = vec![vec![0; b.len() + 1]; a.len() + 1];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                t[i][j] = if a[i] == b[j] { t[i + 1][j + 1] + 1 } else { t[i + 1][j].max(t[i][j + 1]) };
            }
        }
        t[0][0]
    }

    #[test]
    fn unchanged_lines_are_a_longest_common_subsequence_in_every_lesson() {
        for lesson in lessons::lessons() {
            for this in &lesson.variants {
                for other in &lesson.variants {
                    let (a, b): (Vec<&str>, Vec<&str>) =
                        (this.template.lines().collect(), other.template.lines().collect());
                    let changed = changed_lines(lesson.id, this.id, other.id);
                    assert_eq!(a.len() - changed.len(), lcs_len(&a, &b), "{} {} {}", lesson.id, this.id, other.id);
                    assert!(changed.iter().all(|&n| n >= 1 && n as usize <= a.len()));
                    if this.id == other.id {
                        assert!(changed.is_empty());
                    }
                }
            }
        }
        assert!(changed_lines("unbounded-send", "nope", "leaky").is_empty());
        assert!(changed_lines("nope", "safe", "leaky").is_empty());
    }

    /// The lines found at build time are those a diff of the listings as shown finds, with
    /// the default knob values and with others.
    #[test]
    fn changed_lines_are_those_of_the_rendered_listings() {
        for lesson in lessons::lessons() {
            for this in &lesson.variants {
                for other in lesson.variants.iter().filter(|o| o.id != this.id) {
                    let mut cfgs = [this.id, other.id].map(|v| RunConfig::defaults(lesson.id, v).unwrap());
                    for changed in [false, true] {
                        if changed {
                            cfgs.iter_mut().for_each(changed_knobs);
                        }
                        let [a, b] = &cfgs;
                        let (a, b) = (
                            lessons::run::render_listing(a).unwrap().text,
                            lessons::run::render_listing(b).unwrap().text,
                        );
                        assert_eq!(
                            changed_lines(lesson.id, this.id, other.id),
                            diffed_lines(&a, &b),
                            "{} {} {} (knobs changed: {changed})",
                            lesson.id,
                            this.id,
                            other.id
                        );
                    }
                }
            }
        }
        // similar's Myers alignment keeps a longest common subsequence.
        let ids = |set: BTreeSet<u32>| set.into_iter().collect::<Vec<_>>();
        assert_eq!(ids(diffed_lines("a\nb\nc\nd\n", "a\nc\nx\nd")), vec![2]);
        assert_eq!(ids(diffed_lines("a\nc\nx\nd", "a\nb\nc\nd\n")), vec![3]);
    }

    #[test]
    fn the_safe_logger_marks_its_select() {
        let text = |variant| {
            lessons::run::render_listing(&RunConfig::defaults("unbounded-send", variant).unwrap()).unwrap().text
        };
        let (leaky, safe) = (text("leaky"), text("safe"));
        let safe_changed = changed_lines("unbounded-send", "safe", "leaky");
        let line = |n: u32| safe.lines().nth(n as usize - 1).unwrap().trim();
        let marked: Vec<&str> = safe_changed.iter().map(|&n| line(n)).collect();
        for expected in ["\"context\"", "select {", "case logCh <- msg:", "case <-ctx.Done():"] {
            assert!(marked.contains(&expected), "{expected:?} not in {marked:?}");
        }
        // What both variants share is not marked: the writer and its comments.
        assert!(!marked.iter().any(|l| l.contains("logWriter") || l.contains("slow log storage")));
        let leaky_changed = changed_lines("unbounded-send", "leaky", "safe");
        let marked: Vec<&str> =
            leaky_changed.iter().map(|&n| leaky.lines().nth(n as usize - 1).unwrap().trim()).collect();
        assert!(marked.contains(&"logCh <- msg"), "{marked:?}");
        assert!(!marked.iter().any(|l| l.contains("select")), "{marked:?}");
    }
}
