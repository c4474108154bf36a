//! The lessons' text as the page shows it: Go listings highlighted and narratives rendered at
//! build time (`app/build.rs`, with syntect and pulldown-cmark), and the lines in which two
//! variants of a listing differ.
//!
//! **Invariant:** the highlighted listing has the same lines as
//! [`lessons::run::render_listing`] for the same knob values, so a line number in a dump is
//! the line with that number on screen.

use std::borrow::Cow;
use std::collections::BTreeSet;

use lessons::listing::go_duration_expr;
use lessons::{KnobValue, RunConfig};

/// What a piece of a Go listing is, as far as its colour goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// `func`, `go`, `select`, `chan`, `return`, the channel operator `<-`, …
    Keyword,
    /// A string literal, quotes included.
    String,
    /// A comment.
    Comment,
    /// A number literal.
    Number,
    /// A predeclared type: `string`, `int`, `error`, …
    Type,
    /// The name of a declared or called function.
    Function,
    /// `nil`, `true`, `false`.
    Constant,
    /// Everything else: names, operators, punctuation, blanks.
    Plain,
    /// A knob's value, put where the template has `{{name}}`.
    Knob,
}

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

// LISTINGS, NARRATIVES and ANSWERS, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/lesson_text.rs"));

/// The listing of `lesson`'s `variant`, highlighted line by line, with every knob's value as
/// `knob_exprs` writes it (see [`knob_exprs`]); a knob it does not know stays `{{name}}`.
/// `None` if there is no such listing.
///
/// ```
/// let lines = app::highlight::highlighted("unbounded-send", "leaky", &|_| None).unwrap();
/// assert_eq!(lines[0][0].text, "package");
/// ```
pub fn highlighted(lesson: &str, variant: &str, knob_exprs: &dyn Fn(&str) -> Option<String>) -> Option<Vec<Vec<Span>>> {
    let (_, _, lines) = LISTINGS.iter().find(|(l, v, _)| *l == lesson && *v == variant)?;
    let span = |&(class, text): &(Class, &'static str)| match class {
        Class::Knob => Span {
            class,
            text: Cow::Owned(knob_exprs(text).unwrap_or_else(|| format!("{{{{{text}}}}}"))),
            knob: Some(text),
        },
        _ => Span { class, text: Cow::Borrowed(text), knob: None },
    };
    Some(lines.iter().map(|line| line.iter().map(span).collect()).collect())
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

/// The 1-based numbers of the lines of `this` that differ from `other`: those outside a longest
/// common subsequence of their lines. These are what the listing marks when a learner switches
/// from one variant to the other.
///
/// The alignment is similar's Myers diff, which is a shortest edit script and so keeps a longest
/// common subsequence. (similar 2.7's `Algorithm::Lcs` is not used: on `a c x d` against
/// `a b c d` it keeps only `a d`.)
///
/// ```
/// let changed = app::highlight::changed_lines("a\nb\nc\n", "a\nc\n");
/// assert_eq!(changed.into_iter().collect::<Vec<_>>(), vec![2]);
/// ```
pub fn changed_lines(this: &str, other: &str) -> BTreeSet<u32> {
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

/// `lesson`'s narrative as HTML, without its `# Title` line.
pub fn narrative_html(lesson: &str) -> Option<&'static str> {
    NARRATIVES.iter().find(|(l, _)| *l == lesson).map(|(_, html)| *html)
}

/// `lesson`'s answers as HTML (only the review has some), without their `# Answers` line.
pub fn answers_html(lesson: &str) -> Option<&'static str> {
    ANSWERS.iter().find(|(l, _)| *l == lesson).map(|(_, html)| *html)
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

    #[test]
    fn changed_lines_follow_a_longest_common_subsequence() {
        let ids = |set: BTreeSet<u32>| set.into_iter().collect::<Vec<_>>();
        assert_eq!(ids(changed_lines("a\nb\nc\nd\n", "a\nc\nx\nd")), vec![2]);
        assert_eq!(ids(changed_lines("a\nc\nx\nd", "a\nb\nc\nd\n")), vec![3]);
        assert_eq!(ids(changed_lines("same\n", "same\n")), Vec::<u32>::new());
        assert_eq!(ids(changed_lines("new\nnew\n", "")), vec![1, 2]);
        assert_eq!(ids(changed_lines("", "old\n")), Vec::<u32>::new());
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
                    let changed = changed_lines(this.template, other.template);
                    assert_eq!(a.len() - changed.len(), lcs_len(&a, &b), "{} {} {}", lesson.id, this.id, other.id);
                    assert!(changed.iter().all(|&n| n >= 1 && n as usize <= a.len()));
                    if this.id == other.id {
                        assert!(changed.is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn the_safe_logger_marks_its_select() {
        let text = |variant| {
            lessons::run::render_listing(&RunConfig::defaults("unbounded-send", variant).unwrap()).unwrap().text
        };
        let (leaky, safe) = (text("leaky"), text("safe"));
        let safe_changed = changed_lines(&safe, &leaky);
        let line = |n: u32| safe.lines().nth(n as usize - 1).unwrap().trim();
        let marked: Vec<&str> = safe_changed.iter().map(|&n| line(n)).collect();
        for expected in ["\"context\"", "select {", "case logCh <- msg:", "case <-ctx.Done():"] {
            assert!(marked.contains(&expected), "{expected:?} not in {marked:?}");
        }
        // What both variants share is not marked: the writer and its comments.
        assert!(!marked.iter().any(|l| l.contains("logWriter") || l.contains("slow log storage")));
        let leaky_changed = changed_lines(&leaky, &safe);
        let marked: Vec<&str> =
            leaky_changed.iter().map(|&n| leaky.lines().nth(n as usize - 1).unwrap().trim()).collect();
        assert!(marked.contains(&"logCh <- msg"), "{marked:?}");
        assert!(!marked.iter().any(|l| l.contains("select")), "{marked:?}");
    }

    #[test]
    fn every_lesson_has_a_narrative_without_title_or_scripts() {
        for lesson in lessons::lessons() {
            let html = narrative_html(lesson.id).unwrap_or_else(|| panic!("{} has no narrative", lesson.id));
            assert!(html.contains("<p>"), "{}", lesson.id);
            assert!(!html.contains("<script") && !html.contains("<h1"), "{}", lesson.id);
            let title_line = lesson.narrative().lines().next().unwrap().trim_start_matches("# ");
            assert!(!html.contains(title_line), "{} still shows its title", lesson.id);
            assert_eq!(answers_html(lesson.id).is_some(), lesson.answers().is_some(), "{}", lesson.id);
        }
        let answers = answers_html("review").unwrap();
        assert!(answers.contains("<table>") && answers.contains("<p>") && !answers.contains("<script"));
        assert!(!answers.contains("<h1"));
        assert!(narrative_html("nope").is_none());
    }
}
