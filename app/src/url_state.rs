//! What the page's URL says: lesson, variant, instant, seed, open panel, compare and embed
//! modes, and the lesson's knobs. Parsing never fails and never panics: a value that does not
//! make sense becomes a [`Notice`] for the learner, and the default takes its place.
//!
//! ```
//! use app::url_state::{parse_query, Panel};
//!
//! let parsed = parse_query("?lesson=unbounded-send&variant=safe&rate=200&t=2s&panel=debug2");
//! assert!(parsed.notices.is_empty());
//! assert_eq!(parsed.state.variant, "safe");
//! assert_eq!(parsed.state.panel, Some(Panel::Debug2));
//! assert_eq!(parsed.state.knobs["rate"], "200");
//! assert_eq!(parsed.state.to_query(), "?lesson=unbounded-send&variant=safe&rate=200&t=2s&panel=debug2");
//! ```

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::fmt;

use crate::catalog::{self, DEFAULT_LESSON};
use crate::duration::GoDuration;
use crate::i18n::Lang;

/// A view that the URL can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The dump as `/debug/pprof/goroutine?debug=1` prints it: grouped by stack, with counts.
    Debug1,
    /// The dump as `?debug=2` prints it: every goroutine with its wait reason.
    Debug2,
    /// The leaked goroutines as `go.uber.org/goleak` reports them.
    Goleak,
    /// The goroutine table.
    Goroutines,
    /// The channels with their buffers and queues.
    Channels,
    /// The `NumGoroutine` chart.
    Chart,
    /// Go 1.26's `/debug/pprof/goroutineleak?debug=2`: only the goroutines that can never
    /// wake up, marked `(leaked)`.
    Leak,
}

impl Panel {
    /// Every panel, in the order the page lists them.
    pub const ALL: [Panel; 7] =
        [Panel::Debug1, Panel::Debug2, Panel::Goleak, Panel::Leak, Panel::Goroutines, Panel::Channels, Panel::Chart];

    /// The name used in URLs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Panel::Debug1 => "debug1",
            Panel::Debug2 => "debug2",
            Panel::Goleak => "goleak",
            Panel::Goroutines => "goroutines",
            Panel::Channels => "channels",
            Panel::Chart => "chart",
            Panel::Leak => "goroutineleak",
        }
    }

    /// The panel with this URL name.
    pub fn from_name(name: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|panel| panel.as_str() == name)
    }
}

impl fmt::Display for Panel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything the URL fixes about the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlState {
    /// The overview of all lessons (the site root: a query with no parameter at all) instead
    /// of a lesson.
    pub home: bool,
    /// The "Your dump" page (`page=your-dump`) instead of a lesson: a learner's own dump.
    pub your_dump: bool,
    /// The lesson's id, always one of [`catalog::LESSONS`].
    pub lesson: &'static str,
    /// The variant shown (in compare mode: the one listed first): one of the lesson's
    /// variant ids (`leaky`, `safe`, `leaky-noctx`, `review-3`, …).
    pub variant: String,
    /// The virtual instant to show; never negative.
    pub t: GoDuration,
    /// The seed of the simulated load; `None` means the lesson's own default.
    pub seed: Option<u64>,
    /// The panel to open; `None` means the lesson's own choice.
    pub panel: Option<Panel>,
    /// Leaky and safe side by side.
    pub compare: bool,
    /// The compact layout for an `<iframe>`, without site navigation.
    pub embed: bool,
    /// Deliberately panic after mounting, so that tests can check the error panel.
    pub crash: bool,
    /// In embed mode, the origin of the page allowed to send commands by `postMessage`
    /// (besides this page's own origin).
    pub parent_origin: Option<String>,
    /// The language the URL names (`lang=de|en`); `None`: the browser's preference decides.
    pub lang: Option<Lang>,
    /// Every other parameter, as the lesson's knobs: the lesson validates names and values.
    pub knobs: BTreeMap<String, String>,
}

impl Default for UrlState {
    fn default() -> Self {
        UrlState::for_lesson(DEFAULT_LESSON.id)
    }
}

/// A parameter that could not be used, told in a full sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The parameter's name as it appeared in the URL.
    pub param: String,
    /// What was wrong and what the page does instead.
    pub message: String,
}

/// The result of reading a URL's query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedUrl {
    /// The state, with defaults wherever a value was missing or unusable.
    pub state: UrlState,
    /// One notice per unusable parameter, in URL order.
    pub notices: Vec<Notice>,
}

/// Parameter names the page itself owns; every other name is a knob.
const RESERVED: [&str; 11] =
    ["page", "lesson", "variant", "t", "seed", "panel", "compare", "embed", "crash", "parent_origin", "lang"];

/// The pages a URL's `page` parameter can name besides the lessons.
pub const PAGES: [&str; 1] = ["your-dump"];

/// The latest instant a URL may ask for: replaying further would keep the page busy for
/// minutes.
pub const MAX_T: GoDuration = GoDuration::from_secs(24 * 3600);

/// Longest piece of a bad value quoted back in a notice.
const QUOTE_LIMIT: usize = 40;

/// Longest error of a parser quoted in a notice.
const ERROR_LIMIT: usize = 120;

impl UrlState {
    /// The default state of the lesson `id`. An unknown `id` gives the default lesson.
    pub fn for_lesson(id: &str) -> UrlState {
        UrlState {
            home: false,
            your_dump: false,
            lesson: catalog::lesson(id).unwrap_or(DEFAULT_LESSON).id,
            variant: default_variant(catalog::lesson(id).unwrap_or(DEFAULT_LESSON).id).to_owned(),
            t: GoDuration::ZERO,
            seed: None,
            panel: None,
            compare: false,
            embed: false,
            crash: false,
            parent_origin: None,
            lang: None,
            knobs: BTreeMap::new(),
        }
    }

    /// The query string (with its leading `?`) that [`parse_query`] reads back as this state.
    /// Values equal to their default are left out, except `lesson` and `variant`, which are
    /// always written so that a shared link says plainly what it shows.
    pub fn to_query(&self) -> String {
        let lang = self.lang.map_or_else(String::new, |l| format!("lang={}", l.code()));
        if self.home {
            return format!("?{lang}");
        }
        if self.your_dump {
            return if lang.is_empty() { String::from("?page=your-dump") } else { format!("?page=your-dump&{lang}") };
        }
        let mut pairs: Vec<(&str, String)> =
            vec![("lesson", self.lesson.to_owned()), ("variant", self.variant.clone())];
        for (name, value) in &self.knobs {
            pairs.push((name, value.clone()));
        }
        if let Some(seed) = self.seed {
            pairs.push(("seed", seed.to_string()));
        }
        if self.t != GoDuration::ZERO {
            pairs.push(("t", self.t.to_string()));
        }
        if let Some(panel) = self.panel {
            pairs.push(("panel", panel.as_str().to_owned()));
        }
        for (name, on) in [("compare", self.compare), ("embed", self.embed), ("crash", self.crash)] {
            if on {
                pairs.push((name, "1".to_owned()));
            }
        }
        if let Some(origin) = &self.parent_origin {
            pairs.push(("parent_origin", origin.clone()));
        }
        if let Some(l) = self.lang {
            pairs.push(("lang", l.code().to_owned()));
        }
        let mut query = String::from("?");
        for (i, (name, value)) in pairs.iter().enumerate() {
            if i > 0 {
                query.push('&');
            }
            query.push_str(&encode_component(name));
            query.push('=');
            query.push_str(&encode_component(value));
        }
        query
    }
}

/// The language a query's first `lang` parameter names, if it names one the page has.
pub fn lang_of_query(query: &str) -> Option<Lang> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query
        .split('&')
        .find_map(|p| p.split_once('=').filter(|(n, _)| decode_component(n) == "lang"))
        .and_then(|(_, v)| Lang::from_code(&decode_component(v)))
}

/// Reads a URL query (with or without its leading `?`). Never panics, whatever the input.
pub fn parse_query(query: &str) -> ParsedUrl {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut notices = Vec::new();
    let mut seen: Vec<&'static str> = Vec::new();
    let mut raw: BTreeMap<&'static str, String> = BTreeMap::new();
    let mut knobs = BTreeMap::new();

    for piece in query.split('&').filter(|piece| !piece.is_empty()) {
        let (name, value) = match piece.split_once('=') {
            Some((name, value)) => (decode_component(name), decode_component(value)),
            None => (decode_component(piece), String::new()),
        };
        if name.is_empty() {
            notices.push(Notice {
                param: String::new(),
                message: t!("A parameter without a name ({0}) was ignored.", quoted(piece)),
            });
            continue;
        }
        if let Some(&reserved) = RESERVED.iter().find(|&&r| r == name) {
            if seen.contains(&reserved) {
                notices.push(Notice {
                    param: name,
                    message: t!("The parameter {0} appears more than once; the first value is used.", reserved),
                });
            } else {
                seen.push(reserved);
                raw.insert(reserved, value);
            }
            continue;
        }
        match knobs.entry(name) {
            Entry::Occupied(entry) => notices.push(Notice {
                message: t!("The knob {0} appears more than once; the first value is used.", quoted(entry.key())),
                param: entry.key().clone(),
            }),
            Entry::Vacant(entry) => {
                entry.insert(value);
            }
        }
    }

    let home = query.split('&').all(|p| p.is_empty() || p.split_once('=').map_or(p, |(n, _)| n) == "lang");
    let mut state = UrlState { home, ..UrlState::default() };
    // Reserved parameters are checked in a fixed order so that notices read the same for the
    // same URL, whatever order its parameters came in.
    for name in RESERVED {
        let Some(value) = raw.get(name) else { continue };
        let mut notice = |message: String| notices.push(Notice { param: name.to_owned(), message });
        match name {
            "page" => match value.as_str() {
                "your-dump" => state.your_dump = true,
                _ => notice(t!(
                    "There is no page {0}; the pages are the lessons and {1}. Showing a lesson.",
                    quoted(value),
                    PAGES.join(", ")
                )),
            },
            "lesson" => match catalog::lesson(value) {
                Some(entry) => {
                    state.lesson = entry.id;
                    state.variant = default_variant(entry.id).to_owned();
                }
                None => notice(t!(
                    "There is no lesson {0}; showing \"{1}\" instead.",
                    quoted(value),
                    crate::i18n::tr(DEFAULT_LESSON.title)
                )),
            },
            "variant" => {
                let ids = variant_ids(state.lesson);
                if ids.iter().any(|id| id == value) {
                    state.variant = value.clone();
                } else {
                    notice(t!(
                        "This lesson has no variant {0}; its variants are {1}. Showing {2}.",
                        quoted(value),
                        ids.join(", "),
                        state.variant
                    ));
                }
            }
            "t" => match value.parse::<GoDuration>() {
                Ok(t) if t.is_negative() => {
                    notice(t!("The instant t={0} lies before the start; starting at 0s.", quoted(value)))
                }
                Ok(t) if t > MAX_T => notice(t!(
                    "The instant t={0} is out of range: the page shows at most {1} of a run; starting at 0s.",
                    quoted(value),
                    MAX_T
                )),
                Ok(t) => state.t = t,
                // Go's error quotes the whole value, a non-ASCII character as up to 16
                // characters of escapes; when that is long, the shortened quote must do.
                Err(err) if err.to_string().len() <= ERROR_LIMIT => notice(t!(
                    "The instant t={0} is not a Go duration such as 2s, 1m30s or 250ms ({1}); starting at 0s.",
                    quoted(value),
                    err
                )),
                Err(_) => notice(t!(
                    "The instant t={0} is not a Go duration such as 2s, 1m30s or 250ms; starting at 0s.",
                    quoted(value)
                )),
            },
            "seed" => match value.parse::<u64>() {
                Ok(seed) => state.seed = Some(seed),
                Err(_) => notice(t!(
                    "The seed {0} is not a whole number from 0 to {1}; using the lesson's own seed.",
                    quoted(value),
                    u64::MAX
                )),
            },
            "panel" => match Panel::from_name(value) {
                Some(panel) => state.panel = Some(panel),
                None => notice(t!(
                    "There is no panel {0}; the panels are {1}.",
                    quoted(value),
                    Panel::ALL.map(Panel::as_str).join(", ")
                )),
            },
            "compare" | "embed" | "crash" => {
                let flag = match name {
                    "compare" => &mut state.compare,
                    "embed" => &mut state.embed,
                    _ => &mut state.crash,
                };
                match value.as_str() {
                    "0" => *flag = false,
                    "1" => *flag = true,
                    _ => notice(t!("The parameter {0}={1} must be 0 or 1; it stays off.", name, quoted(value))),
                }
            }
            "parent_origin" => {
                let ok = (value.starts_with("https://") || value.starts_with("http://"))
                    && !value.split_once("//").map_or("", |(_, rest)| rest).contains('/')
                    && value.len() > "http://".len();
                if ok {
                    state.parent_origin = Some(value.clone());
                } else {
                    notice(t!(
                        "The parent_origin {0} is not an origin such as https://wiki.example.com; commands from other pages stay ignored.",
                        quoted(value)
                    ));
                }
            }
            "lang" => match Lang::from_code(value) {
                Some(l) => state.lang = Some(l),
                None => notice(t!(
                    "There is no language {0}; the page speaks en and de. Using the browser's preference.",
                    quoted(value)
                )),
            },
            _ => unreachable!("every reserved name has a case"),
        }
    }
    state.knobs = knobs;
    ParsedUrl { state, notices }
}

/// The variant ids of lesson `id`, leaky first.
pub fn variant_ids(id: &str) -> Vec<&'static str> {
    lessons::lesson(id).map(|l| l.variants.iter().map(|v| v.id).collect()).unwrap_or_default()
}

/// The variant a lesson opens with.
pub fn default_variant(id: &str) -> &'static str {
    variant_ids(id).first().copied().unwrap_or("leaky")
}

/// A value quoted for a notice, shortened if long, so that garbage cannot flood the page.
fn quoted(value: &str) -> String {
    let mut shown: String = value.chars().take(QUOTE_LIMIT).collect();
    if value.chars().nth(QUOTE_LIMIT).is_some() {
        shown.push('\u{2026}');
    }
    format!("\"{shown}\"")
}

/// Decodes one `application/x-www-form-urlencoded` component as browsers' `URLSearchParams`
/// does: `+` is a space, `%XX` a byte, a `%` not followed by two hex digits stays as it is,
/// and bytes that are not UTF-8 become U+FFFD.
pub fn decode_component(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (bytes.get(i + 1).and_then(hex_value), bytes.get(i + 2).and_then(hex_value)) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(byte: &u8) -> Option<u8> {
    (*byte as char).to_digit(16).map(|digit| digit as u8)
}

/// Percent-encodes everything but unreserved characters (RFC 3986), so that any value survives
/// a round trip through [`decode_component`].
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(query: &str) -> Vec<String> {
        parse_query(query).notices.into_iter().map(|notice| notice.message).collect()
    }

    #[test]
    fn empty_query_is_the_overview() {
        for query in ["", "?", "&&", "?&"] {
            let parsed = parse_query(query);
            assert_eq!(parsed.state, UrlState { home: true, ..UrlState::default() }, "{query:?}");
            assert!(parsed.notices.is_empty(), "{query:?}");
            assert_eq!(parsed.state.to_query(), "?");
        }
        assert_eq!(UrlState::default().lesson, "unbounded-send");
        assert!(!UrlState::default().home);
        for query in ["?lesson=upstream", "?embed=1", "?t=2s", "?rate=3"] {
            assert!(!parse_query(query).state.home, "{query}");
        }
    }

    #[test]
    fn reads_every_parameter() {
        let parsed = parse_query(
            "?lesson=upstream&variant=safe&t=1m30s&seed=42&panel=goleak&compare=1&embed=1&rate=200&timeout=5s",
        );
        assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
        let state = parsed.state;
        assert_eq!(state.lesson, "upstream");
        assert_eq!(state.variant, "safe");
        assert_eq!(state.t, GoDuration::from_secs(90));
        assert_eq!(state.seed, Some(42));
        assert_eq!(state.panel, Some(Panel::Goleak));
        assert!(state.compare && state.embed && !state.crash);
        assert_eq!(
            state.knobs.into_iter().collect::<Vec<_>>(),
            [("rate".to_owned(), "200".to_owned()), ("timeout".to_owned(), "5s".to_owned())]
        );
    }

    #[test]
    fn the_your_dump_page() {
        let parsed = parse_query("?page=your-dump");
        assert!(parsed.notices.is_empty());
        assert!(parsed.state.your_dump && !parsed.state.home);
        assert_eq!(parsed.state.to_query(), "?page=your-dump");
        let parsed = parse_query("?page=your-dumps");
        assert!(!parsed.state.your_dump && !parsed.state.home);
        assert_eq!(
            messages("?page=your-dumps"),
            ["There is no page \"your-dumps\"; the pages are the lessons and your-dump. Showing a lesson."]
        );
        assert_eq!(parsed.notices[0].param, "page");
        // Other parameters keep their notices on that page.
        let parsed = parse_query("?page=your-dump&t=soon");
        assert!(parsed.state.your_dump);
        assert_eq!(parsed.notices.len(), 1);
    }

    #[test]
    fn every_lesson_and_panel_is_accepted() {
        for entry in catalog::LESSONS {
            assert_eq!(parse_query(&format!("lesson={}", entry.id)).state.lesson, entry.id);
        }
        for panel in Panel::ALL {
            assert_eq!(parse_query(&format!("panel={panel}")).state.panel, Some(panel));
        }
    }

    #[test]
    fn the_issue_example_reads_back_unchanged() {
        let query = "?lesson=unbounded-send&variant=leaky&rate=200&t=2s&panel=debug2";
        let parsed = parse_query(query);
        assert!(parsed.notices.is_empty());
        assert_eq!(parsed.state.to_query(), query);
    }

    #[test]
    fn invalid_values_fall_back_with_a_notice() {
        let parsed =
            parse_query("lesson=nope&variant=leakier&t=2days&seed=-1&panel=debug3&compare=yes&embed=&rate=fast");
        let mut expected = UrlState::default();
        // Knob values are the lesson's to validate, so "fast" is kept as it is.
        expected.knobs.insert("rate".to_owned(), "fast".to_owned());
        assert_eq!(parsed.state, expected);
        assert_eq!(
            parsed.notices.iter().map(|notice| notice.message.as_str()).collect::<Vec<_>>(),
            [
                "There is no lesson \"nope\"; showing \"Unbounded channel sends\" instead.",
                "This lesson has no variant \"leakier\"; its variants are leaky, safe. Showing leaky.",
                "The instant t=\"2days\" is not a Go duration such as 2s, 1m30s or 250ms \
                 (time: unknown unit \"days\" in duration \"2days\"); starting at 0s.",
                "The seed \"-1\" is not a whole number from 0 to 18446744073709551615; using the lesson's own seed.",
                "There is no panel \"debug3\"; the panels are debug1, debug2, goleak, goroutineleak, goroutines, channels, chart.",
                "The parameter compare=\"yes\" must be 0 or 1; it stays off.",
                "The parameter embed=\"\" must be 0 or 1; it stays off.",
            ]
        );
        assert_eq!(
            parsed.notices.iter().map(|notice| notice.param.as_str()).collect::<Vec<_>>(),
            ["lesson", "variant", "t", "seed", "panel", "compare", "embed"]
        );
    }

    #[test]
    fn negative_and_huge_instants() {
        assert_eq!(messages("t=-2s"), ["The instant t=\"-2s\" lies before the start; starting at 0s."]);
        assert_eq!(parse_query("t=0").state.t, GoDuration::ZERO);
        assert_eq!(parse_query("t=24h").state.t, GoDuration::from_secs(24 * 3600));
        assert_eq!(
            messages("t=1000h"),
            ["The instant t=\"1000h\" is out of range: the page shows at most 24h0m0s of a run; starting at 0s."]
        );
        assert_eq!(parse_query("t=2562048h").notices.len(), 1);
    }

    #[test]
    fn seeds_cover_the_whole_u64_range() {
        assert_eq!(parse_query("seed=0").state.seed, Some(0));
        assert_eq!(parse_query("seed=18446744073709551615").state.seed, Some(u64::MAX));
        assert_eq!(parse_query("seed=18446744073709551616").state.seed, None);
        assert_eq!(parse_query("seed=%2B7").state.seed, Some(7));
        // In a query, "+" stands for a space.
        assert_eq!(parse_query("seed=+7").state.seed, None);
        assert_eq!(parse_query("seed=0x10").state.seed, None);
    }

    #[test]
    fn parent_origin_must_be_an_origin() {
        assert_eq!(
            parse_query("embed=1&parent_origin=https://wiki.example.com").state.parent_origin.as_deref(),
            Some("https://wiki.example.com")
        );
        for bad in ["javascript:alert(1)", "https://a.example/path", "wiki", ""] {
            let parsed = parse_query(&format!("parent_origin={}", encode_component(bad)));
            assert_eq!(parsed.state.parent_origin, None, "{bad}");
            assert_eq!(parsed.notices.len(), 1, "{bad}");
        }
    }

    #[test]
    fn lesson_specific_variants_are_accepted() {
        assert_eq!(parse_query("lesson=upstream&variant=leaky-noctx").state.variant, "leaky-noctx");
        assert_eq!(parse_query("lesson=review&variant=review-3").state.variant, "review-3");
        let parsed = parse_query("lesson=review&variant=safe");
        assert_eq!(parsed.state.variant, "review-1");
        assert_eq!(parsed.notices.len(), 1);
    }

    #[test]
    fn repeated_parameters_keep_the_first_value() {
        let parsed = parse_query("variant=safe&variant=leaky&rate=1&rate=2");
        assert_eq!(parsed.state.variant, "safe");
        assert_eq!(parsed.state.knobs["rate"], "1");
        assert_eq!(
            parsed.notices.iter().map(|notice| notice.message.as_str()).collect::<Vec<_>>(),
            [
                "The parameter variant appears more than once; the first value is used.",
                "The knob \"rate\" appears more than once; the first value is used.",
            ]
        );
    }

    #[test]
    fn decodes_like_url_search_params() {
        assert_eq!(decode_component("a+b%20c"), "a b c");
        assert_eq!(decode_component("1.5%C2%B5s"), "1.5µs");
        assert_eq!(decode_component("1.5µs"), "1.5µs");
        assert_eq!(decode_component("%"), "%");
        assert_eq!(decode_component("%4"), "%4");
        assert_eq!(decode_component("%zz"), "%zz");
        assert_eq!(decode_component("%e2%82"), "\u{FFFD}");
        assert_eq!(parse_query("t=1.5%C2%B5s").state.t, GoDuration::from_nanos(1_500));
        assert_eq!(parse_query("%6Cesson=pprof").state.lesson, "pprof");
    }

    #[test]
    fn serialization_round_trips() {
        let mut state = UrlState::for_lesson("workers");
        state.variant = "safe".to_owned();
        state.t = GoDuration::from_nanos(1_500);
        state.seed = Some(u64::MAX);
        state.panel = Some(Panel::Chart);
        state.compare = true;
        state.embed = true;
        state.knobs.insert("note".to_owned(), "a&b=c d+é%".to_owned());
        state.knobs.insert("workers".to_owned(), "2".to_owned());
        let query = state.to_query();
        assert_eq!(
            query,
            "?lesson=workers&variant=safe&note=a%26b%3Dc%20d%2B%C3%A9%25&workers=2\
             &seed=18446744073709551615&t=1.5%C2%B5s&panel=chart&compare=1&embed=1"
        );
        let parsed = parse_query(&query);
        assert!(parsed.notices.is_empty());
        assert_eq!(parsed.state, state);
        assert_eq!(UrlState::for_lesson("review").to_query(), "?lesson=review&variant=review-1");
    }

    #[test]
    fn nameless_parameters_are_ignored() {
        assert_eq!(messages("=5&lesson=pprof"), ["A parameter without a name (\"=5\") was ignored."]);
        assert_eq!(parse_query("=5&lesson=pprof").state.lesson, "pprof");
    }

    #[test]
    fn long_values_are_shortened_in_notices() {
        let long = "x".repeat(10_000);
        let notices = messages(&format!("lesson={long}"));
        assert_eq!(notices.len(), 1);
        assert!(notices[0].len() < 120, "{}", notices[0]);
        assert!(notices[0].contains('\u{2026}'));
    }

    #[test]
    fn a_long_bad_instant_is_quoted_short() {
        // Found by the property test: Go's error quoted the whole value into the notice.
        let notices = messages(&format!("t={}", "x".repeat(5_000)));
        assert_eq!(notices.len(), 1);
        assert!(notices[0].len() < 150, "{}", notices[0]);
        assert_eq!(
            messages("t=5x"),
            ["The instant t=\"5x\" is not a Go duration such as 2s, 1m30s or 250ms \
              (time: unknown unit \"x\" in duration \"5x\"); starting at 0s."]
        );
    }

    #[test]
    fn never_panics_on_garbage() {
        let mut inputs: Vec<String> = [
            "%",
            "%%",
            "%%%",
            "=",
            "==",
            "&=&",
            "?=?",
            "lesson",
            "lesson=",
            "t",
            "t=",
            "t=%",
            "t=.",
            "t=-",
            "t=1e9s",
            "t=µ",
            "t=9999999999999999999999h",
            "seed=",
            "seed=1.5",
            "panel=",
            "compare=%31",
            "embed=%FF",
            "%FF%FE=%00",
            "lesson=%00%00",
            "\u{0}=\u{0}",
            "💥=💥",
            "t=%C2",
            "t=%C2%B5",
            "t=1%C2s",
            "?&?&?",
            "+=+",
            "a=b=c",
            "&&&&lesson=review&&&",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        inputs.push("a=".repeat(5_000));
        inputs.push("%".repeat(5_000));
        inputs.push(format!("t={}s", "9".repeat(1_000)));
        // Every printable ASCII byte and a few multi-byte characters, in a cheap deterministic shuffle.
        let alphabet: Vec<char> = (0x20u8..0x7f).map(char::from).chain(['µ', 'μ', 'é', '\u{FFFD}']).collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..500 {
            let mut text = String::new();
            for _ in 0..(state % 40) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            inputs.push(text);
        }
        for input in &inputs {
            let parsed = parse_query(input);
            // Whatever came in, what goes out reads back as the same state without complaint.
            let again = parse_query(&parsed.state.to_query());
            assert_eq!(again.state, parsed.state, "{input:?}");
            assert!(again.notices.is_empty(), "{input:?}: {:?}", again.notices);
        }
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;
        use proptest::test_runner::{Config, RngSeed};

        /// A fixed seed unless `PROPTEST_RNG_SEED` is set; `PROPTEST_CASES` raises the
        /// count from 256 for longer fuzzing.
        fn config() -> Config {
            let mut c = Config { failure_persistence: None, ..Config::default() };
            if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
                c.rng_seed = RngSeed::Fixed(0x1EAC_1AB0);
            }
            c
        }

        /// Arbitrary bytes as a query component: some raw, some `%XX`, some broken escapes.
        fn escaped_bytes() -> impl Strategy<Value = String> {
            prop::collection::vec(any::<u8>(), 0..24).prop_map(|bytes| {
                let mut out = String::new();
                for (i, b) in bytes.iter().enumerate() {
                    match i % 4 {
                        0 if b.is_ascii_graphic() => out.push(*b as char),
                        1 => out.push_str(&format!("%{b:02x}")),
                        2 if *b < 16 => out.push_str(&format!("%{b:x}")),
                        _ => out.push_str(&format!("%{b:02X}")),
                    }
                }
                out
            })
        }

        fn name() -> impl Strategy<Value = String> {
            prop_oneof![
                4 => prop::sample::select(vec![
                    "lesson", "variant", "t", "seed", "panel", "compare", "embed", "crash", "parent_origin", "rate",
                    "duration", "buffer", "log_cost", "upstream", "%74", "lesso%6E", "",
                ])
                .prop_map(str::to_string),
                1 => escaped_bytes(),
                1 => any::<String>(),
            ]
        }

        fn value() -> impl Strategy<Value = String> {
            prop_oneof![
                4 => prop::sample::select(vec![
                    "unbounded-send", "upstream", "workers", "pprof", "num-goroutine", "review", "leaky", "safe",
                    "leaky-noctx", "review-3", "debug1", "chart", "0", "1", "2s", "1m30s", "24h", "24h0m0.000000001s",
                    "1e400h", "-1s", "-0", "+5s", "NaN", "inf", "1e999", "18446744073709551615",
                    "18446744073709551616", "99999999999999999999999999", "9223372036854775807ns",
                    "9223372036854775808ns9223372036854775808ns", "https://wiki.example.com", "http://", "%", "%zz",
                    "%C2%B5s", "1.5%C2%B5s", "+", "",
                ])
                .prop_map(str::to_string),
                2 => escaped_bytes(),
                1 => "[-+]?[0-9]{1,40}(\\.[0-9]{0,30})?(ns|us|ms|s|m|h|d|e[0-9]{1,3}h)?",
                1 => any::<String>(),
            ]
        }

        /// Queries with repeated keys, empty pieces and pieces without `=`.
        fn query() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                8 => (name(), value()).prop_map(|(n, v)| format!("{n}={v}")),
                1 => name(),
                1 => Just(String::new()),
            ];
            (prop_oneof![Just(""), Just("?")], prop::collection::vec(piece, 0..10))
                .prop_map(|(q, pieces)| format!("{q}{}", pieces.join("&")))
        }

        proptest! {
            #![proptest_config(config())]

            #[test]
            fn any_query_gives_a_state_that_reads_back_unchanged(text in prop_oneof![query(), any::<String>()]) {
                let parsed = parse_query(&text);
                prop_assert!(catalog::lesson(parsed.state.lesson).is_some());
                prop_assert!(variant_ids(parsed.state.lesson).contains(&parsed.state.variant.as_str()));
                prop_assert!(!parsed.state.t.is_negative() && parsed.state.t <= MAX_T);
                for notice in &parsed.notices {
                    prop_assert!(notice.message.ends_with('.'), "{:?}", notice);
                    // A quoted bad value is cut short: garbage cannot flood the page.
                    prop_assert!(notice.message.chars().count() < 400, "{:?}", notice);
                }
                let again = parse_query(&parsed.state.to_query());
                prop_assert_eq!(&again.state, &parsed.state);
                prop_assert!(again.notices.is_empty(), "{:?}", again.notices);
                // The knobs go to the lesson as the page hands them over: a value or an
                // error that names the knob, quoted short.
                let lesson = lessons::lesson(parsed.state.lesson).unwrap();
                let mut knobs = lessons::Knobs::defaults(&lesson.knobs);
                for (name, value) in &parsed.state.knobs {
                    if let Err(e) = knobs.set(&lesson.knobs, name, value) {
                        prop_assert!(e.to_string().chars().count() < 800, "{e}");
                        // The page words it in its own language, as short.
                        let shown = crate::components::knob_error_text(&e);
                        prop_assert!(shown.chars().count() < 800, "{shown}");
                    }
                }
            }

            #[test]
            fn decoding_what_was_encoded_gives_it_back(text in any::<String>()) {
                prop_assert_eq!(decode_component(&encode_component(&text)), text);
            }
        }
    }
}
