//! The "Your dump" page's model: the filters over the groups the worker sent
//! ([`crate::dump_protocol`]), and how counts, minutes and changes read. Plain Rust, tested
//! natively; the component only renders it.
//!
//! ```
//! use app::dump_protocol::GroupRow;
//! use app::state::your_dump::{Filter, delta};
//!
//! let g = GroupRow { count: 40, state: "chan send, 14 min".into(), longest: 14, ..Default::default() };
//! let f = Filter { state: "chan".into(), min_minutes: "10".into(), ..Default::default() };
//! assert!(f.parsed().0.matches(&g));
//! assert_eq!(delta(23), "+23");
//! ```

use crate::dump_i18n::{num, tx, tx1};
use crate::dump_protocol::GroupRow;

/// What the filter fields hold, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// A frame's function contains this text.
    pub function: String,
    /// A frame's package is this one, or one under it (`net` matches `net/http`).
    pub package: String,
    /// The state column (wait reason, `(leaked)`, minutes) contains this text.
    pub state: String,
    /// The longest wait is at least this many minutes: a whole number, or empty.
    pub min_minutes: String,
    /// Only groups with a frame of the program's own code.
    pub own_code: bool,
}

/// A [`Filter`] whose fields have been read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    function: String,
    package: String,
    state: String,
    min_minutes: u32,
    own_code: bool,
}

impl Filter {
    /// The query, and the sentence that says why the minutes field cannot be read (the other
    /// fields still apply then).
    pub fn parsed(&self) -> (Query, Option<String>) {
        let m = self.min_minutes.trim();
        let (min_minutes, problem) = match m.parse::<u32>() {
            _ if m.is_empty() => (0, None),
            Ok(n) => (n, None),
            Err(_) => {
                let shown: String = m.chars().take(20).collect();
                (
                    0,
                    Some(tx1(
                        "The minimum wait \"{0}\" is not a whole number of minutes, such as 10; it is not applied.",
                        &[&shown],
                    )),
                )
            }
        };
        let query = Query {
            function: self.function.trim().to_string(),
            package: self.package.trim().trim_end_matches('/').to_string(),
            state: self.state.trim().to_string(),
            min_minutes,
            own_code: self.own_code,
        };
        (query, problem)
    }
}

impl Query {
    /// Whether group `g` passes.
    pub fn matches(&self, g: &GroupRow) -> bool {
        let pkg =
            |p: &str| p == self.package || p.strip_prefix(self.package.as_str()).is_some_and(|r| r.starts_with('/'));
        (self.function.is_empty() || g.frames.iter().any(|f| f.function.contains(self.function.as_str())))
            && (self.package.is_empty() || g.frames.iter().any(|f| pkg(&f.package)))
            && (self.state.is_empty() || g.state.contains(self.state.as_str()))
            && g.longest >= self.min_minutes
            && (!self.own_code || g.frames.iter().any(|f| !f.std))
    }

    /// The indices of `rows` that pass, in order.
    pub fn select<'a, T: 'a>(
        &self,
        rows: impl IntoIterator<Item = &'a T>,
        group: impl Fn(&T) -> &GroupRow,
    ) -> Vec<u32> {
        rows.into_iter().enumerate().filter(|(_, r)| self.matches(group(r))).map(|(i, _)| i as u32).collect()
    }
}

/// A change in count as `go tool pprof -diff_base` shows it: `+23`, `-4`, `0`.
pub fn delta(d: i64) -> String {
    match d {
        1.. => format!("+{}", num(d.unsigned_abs())),
        0 => "0".to_string(),
        _ => format!("-{}", num(d.unsigned_abs())),
    }
}

/// How long a group's goroutines have waited: `3 under a minute · 5990 for 14 min`; empty
/// for a format that prints no waits. The texts here are in the page's language
/// ([`crate::dump_i18n`]).
pub fn minutes_text(minutes: &[(u32, u64)]) -> String {
    minutes
        .iter()
        .map(|&(m, c)| match m {
            0 => tx1("{0} under a minute", &[&num(c)]),
            m => tx1("{0} for {1} min", &[&num(c), &num(m.into())]),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `1 goroutine`, `40 goroutines`.
pub fn goroutines(n: u64) -> String {
    if n == 1 {
        tx("1 goroutine").to_string()
    } else {
        tx1("{0} goroutines", &[&num(n)])
    }
}

/// `3 of 7 groups`, `1 of 1 group`: how many of the groups (or, with `stacks`, of the diff's
/// stacks) the filters let through.
pub fn shown_of(shown: usize, all: usize, stacks: bool) -> String {
    let (shown, all_n) = (num(shown as u64), all as u64);
    match (stacks, all_n) {
        (false, 1) => tx1("{0} of 1 group", &[&shown]),
        (false, _) => tx1("{0} of {1} groups", &[&shown, &num(all_n)]),
        (true, 1) => tx1("{0} of 1 stack", &[&shown]),
        (true, _) => tx1("{0} of {1} stacks", &[&shown, &num(all_n)]),
    }
}

/// Whether a `#…` fragment carries a dump for the page (`#dump=…`): the packed text.
pub fn packed_dump(hash: &str) -> Option<&str> {
    hash.strip_prefix('#').unwrap_or(hash).strip_prefix("dump=").filter(|p| !p.is_empty())
}

/// The share link for `packed`, on the site at `page` (origin and path).
pub fn share_link(page: &str, packed: &str) -> String {
    format!("{page}?page=your-dump#dump={packed}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dump_protocol::FrameRow;

    fn group() -> GroupRow {
        let frame = |function: &str, package: &str, std| FrameRow {
            function: function.into(),
            location: "x.go:1".into(),
            package: package.into(),
            std,
        };
        GroupRow {
            count: 7,
            state: "select, 3 min".into(),
            function: "github.com/acme/svc.(*Pool).get".into(),
            own: true,
            longest: 3,
            minutes: vec![(0, 2), (3, 5)],
            suspect: None,
            frames: vec![
                frame("github.com/acme/svc.(*Pool).get", "github.com/acme/svc", false),
                frame("net/http.(*conn).serve", "net/http", true),
            ],
        }
    }

    fn passes(f: Filter) -> bool {
        let (q, problem) = f.parsed();
        assert_eq!(problem, None);
        q.matches(&group())
    }

    #[test]
    fn each_filter() {
        assert!(passes(Filter::default()));
        assert!(passes(Filter { function: "Pool".into(), ..Default::default() }));
        assert!(!passes(Filter { function: "pool".into(), ..Default::default() }));
        for p in ["net/http", "net", "github.com/acme/svc", "github.com/acme", " net/ "] {
            assert!(passes(Filter { package: p.into(), ..Default::default() }), "{p}");
        }
        for p in ["ne", "net/htt", "main", "github.com/acm"] {
            assert!(!passes(Filter { package: p.into(), ..Default::default() }), "{p}");
        }
        assert!(passes(Filter { state: "select".into(), ..Default::default() }));
        assert!(!passes(Filter { state: "chan".into(), ..Default::default() }));
        assert!(passes(Filter { min_minutes: "3".into(), ..Default::default() }));
        assert!(!passes(Filter { min_minutes: "4".into(), ..Default::default() }));
        assert!(passes(Filter { own_code: true, ..Default::default() }));
        let mut std_only = group();
        std_only.frames.remove(0);
        assert!(!Filter { own_code: true, ..Default::default() }.parsed().0.matches(&std_only));
    }

    #[test]
    fn bad_minutes_say_so() {
        for bad in ["ten", "-1", "1.5", "99999999999"] {
            let (q, err) = Filter { min_minutes: bad.into(), state: "select".into(), ..Default::default() }.parsed();
            let err = err.unwrap();
            assert!(err.contains(bad) && err.ends_with("it is not applied."), "{err}");
            // The other fields still apply.
            assert!(q.matches(&group()));
            assert!(!Filter { min_minutes: bad.into(), state: "chan".into(), ..Default::default() }
                .parsed()
                .0
                .matches(&group()));
        }
        assert_eq!(Filter { min_minutes: " 5 ".into(), ..Default::default() }.parsed().1, None);
    }

    #[test]
    fn select_keeps_order() {
        let mut other = group();
        other.state = "chan send".into();
        let rows = [group(), other, group()];
        let q = Filter { state: "select".into(), ..Default::default() }.parsed().0;
        assert_eq!(q.select(&rows, |g| g), [0, 2]);
    }

    #[test]
    fn texts() {
        assert_eq!((delta(23), delta(0), delta(-4)), ("+23".into(), "0".into(), "-4".into()));
        assert_eq!(minutes_text(&[(0, 2), (14, 5990)]), "2 under a minute · 5990 for 14 min");
        assert_eq!(minutes_text(&[]), "");
        assert_eq!((goroutines(1), goroutines(3)), ("1 goroutine".into(), "3 goroutines".into()));
        assert_eq!((shown_of(0, 1, false), shown_of(2, 7, true)), ("0 of 1 group".into(), "2 of 7 stacks".into()));
        crate::dump_i18n::set_lang(crate::dump_i18n::Lang::De);
        let de = (delta(6000), delta(-1200), minutes_text(&[(14, 5990)]), goroutines(1), goroutines(6000));
        let shown = (shown_of(1, 1, false), shown_of(1200, 1200, false), shown_of(3, 1, true));
        crate::dump_i18n::set_lang(crate::dump_i18n::Lang::En);
        assert_eq!(
            de,
            (
                "+6.000".into(),
                "-1.200".into(),
                "5.990 seit 14 min".into(),
                "1 Goroutine".into(),
                "6.000 Goroutinen".into()
            )
        );
        assert_eq!(shown, ("1 von 1 Gruppe".into(), "1.200 von 1.200 Gruppen".into(), "3 von 1 Stack".into()));
        assert_eq!(packed_dump("#dump=abc"), Some("abc"));
        assert_eq!(packed_dump("#dump="), None);
        assert_eq!(packed_dump("#main"), None);
        assert_eq!(
            share_link("https://x.example/leaklab/", "abc"),
            "https://x.example/leaklab/?page=your-dump#dump=abc"
        );
    }
}
