//! The page's two languages, English and German.
//!
//! Every text a learner reads is a `t!` key (its English), translated in `app/i18n/de.tsv`;
//! `build.rs` turns that file into the tables below and checks it against the keys the code
//! uses (see `app/i18n/gen.rs`). Reading a text reads the language signal, so a view that
//! shows `move || t!(…)` follows the switch without rebuilding anything else.
//!
//! What Go prints (dumps, wait reasons, panics, listings) is never translated.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

/// A language of the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// German.
    De,
}

impl Lang {
    /// Both, in the order the switch lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// The code in URLs and `<html lang>`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The language a `lang` URL value names (`en`, `de`, in any case).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            _ => None,
        }
    }

    /// The first of a browser's preferred languages (`navigator.languages`, such as
    /// `de-AT`, `en-US`) that the page has; English if none.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter().find_map(|tag| Lang::from_code(tag.split(['-', '_']).next().unwrap_or(""))).unwrap_or_default()
    }

    /// The language's own name, as the switch shows it.
    pub const fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
        }
    }
}

thread_local! {
    /// Tells the reactive views that the language changed.
    static CHANGED: ArcTrigger = ArcTrigger::new();
}

/// The language itself, readable even from the panic hook (no signal to borrow).
static CURRENT: AtomicBool = AtomicBool::new(false);

/// The current language (tracked: a reactive closure that reads it follows the switch).
#[inline(never)]
pub fn lang() -> Lang {
    CHANGED.with(|c| c.track());
    lang_untracked()
}

/// The current language, untracked.
pub fn lang_untracked() -> Lang {
    if CURRENT.load(Ordering::Relaxed) {
        Lang::De
    } else {
        Lang::En
    }
}

/// Switches the page's language.
pub fn set_lang(lang: Lang) {
    if lang_untracked() != lang {
        CURRENT.store(lang == Lang::De, Ordering::Relaxed);
        CHANGED.with(|c| c.notify());
    }
}

/// What a link of the page adds to keep a language chosen in the URL: `&lang=de`, or nothing
/// while the language comes from the browser.
pub fn lang_param() -> String {
    CHANGED.with(|c| c.track());
    IN_URL.with(|u| u.get()).map_or_else(String::new, |l| format!("&lang={}", l.code()))
}

thread_local! {
    static IN_URL: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Records the language the URL names (`lang=`), which links keep.
pub fn set_url_lang(lang: Option<Lang>) {
    IN_URL.with(|u| u.set(lang));
}

/// The interface's texts of one language, in `t!`'s order, and (German) the lessons' in
/// `LESSON_EN`'s. (Natively the compiled-in tables serve; only the tests read a loaded file.)
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
struct Texts {
    ui: &'static [&'static str],
    lessons: &'static [&'static str],
}

thread_local! {
    /// Each language's texts, English first. Natively they are compiled in (`EN`, `DE`,
    /// `LESSON_DE`); the browser fetches the language the learner reads (`text/<lang>/ui.txt`)
    /// before the page renders, and the other one only if the learner switches to it.
    static LOADED: [std::cell::Cell<Option<&'static Texts>>; 2] =
        const { [std::cell::Cell::new(None), std::cell::Cell::new(None)] };
}

/// The file that holds `lang`'s texts.
pub fn ui_file(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "text/en/ui.txt",
        Lang::De => "text/de/ui.txt",
    }
}

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::De => 1,
    }
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn loaded_texts(lang: Lang) -> Option<&'static Texts> {
    LOADED.with(|l| l[slot(lang)].get())
}

/// Whether `lang`'s texts are there (see [`load`]).
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_variables))]
pub fn loaded(lang: Lang) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    return true;
    #[cfg(target_arch = "wasm32")]
    loaded_texts(lang).is_some()
}

/// Takes `lang`'s texts from its [`ui_file`]: one text per line, first the interface's in
/// `t!`'s order, then (German only) the lessons' in `LESSON_EN`'s, a line break within a
/// text written `\\n`. A file of another length is refused.
pub fn load(lang: Lang, file: &str) -> Result<(), String> {
    let lines: Vec<&'static str> = file
        .strip_suffix('\n')
        .unwrap_or(file)
        .split('\n')
        .map(|l| &*Box::leak(l.replace("\\n", "\n").into_boxed_str()))
        .collect();
    let want = TEXTS + if lang == Lang::De { LESSON_EN.len() } else { 0 };
    if lines.len() != want {
        return Err(format!("{} has {} texts, the page {want}", ui_file(lang), lines.len()));
    }
    let (ui, lessons) = Box::leak(lines.into_boxed_slice()).split_at(TEXTS);
    LOADED.with(|l| l[slot(lang)].set(Some(Box::leak(Box::new(Texts { ui, lessons })))));
    Ok(())
}

/// Fetches `lang`'s texts (its [`ui_file`]) and takes them ([`load`]); `done` says whether
/// that worked.
pub fn fetch(lang: Lang, done: impl FnOnce(Result<(), String>) + 'static) {
    crate::browser::fetch_text(ui_file(lang), move |text| done(text.and_then(|t| load(lang, &t))));
}

/// Text number `i` in the current language (what `t!` expands to). Untracked: switching
/// the language re-renders the page (see `components::App`), so no view has to follow it
/// itself, and each of the many call sites stays one small call. In the browser, before any
/// texts are there (the page renders only after), it is empty.
#[inline(never)]
pub fn text(i: usize) -> &'static str {
    #[cfg(not(target_arch = "wasm32"))]
    return match lang_untracked() {
        Lang::En => EN[i],
        Lang::De => DE[i],
    };
    #[cfg(target_arch = "wasm32")]
    [lang_untracked(), Lang::En, Lang::De].into_iter().find_map(loaded_texts).map_or("", |t| t.ui[i])
}

/// `template` with `{0}`, `{1}`, … replaced by `args` (what `t!` with arguments expands to).
#[inline(never)]
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}').and_then(|j| after[..j].parse::<usize>().ok().map(|n| (j, n))) {
            Some((j, n)) if n < args.len() => {
                use std::fmt::Write as _;
                let _ = write!(out, "{}", args[n]);
                rest = &after[j + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A text of the lessons crate (a lesson's title or summary, a knob's label, a variant's
/// name) in the current language. `lessons/content/lessons.de.tsv` has them all (a test checks).
#[inline(never)]
pub fn tr(en: &'static str) -> &'static str {
    match lang_untracked() {
        Lang::En => en,
        Lang::De => LESSON_EN.binary_search(&en).map_or(en, |i| lesson_de(i).unwrap_or(en)),
    }
}

/// The German of `LESSON_EN[i]`, if there (in the browser: once fetched).
fn lesson_de(i: usize) -> Option<&'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    return Some(LESSON_DE[i]);
    #[cfg(target_arch = "wasm32")]
    loaded_texts(Lang::De).map(|de| de.lessons[i])
}

/// A variant's id (`leaky`, `review-3`) as the page names it: the id itself in English (it is
/// the listing's file name), the variant's German name in German.
pub fn tr_variant(id: &str) -> String {
    match lang() {
        Lang::En => id.to_string(),
        Lang::De => lessons::lessons()
            .iter()
            .flat_map(|l| l.variants.iter())
            .find(|v| v.id == id)
            .map_or_else(|| id.to_string(), |v| tr(v.label).to_string()),
    }
}

/// A whole number in prose: `97,188` in English, `97.188` in German (`lessons::lang::int`).
pub fn int(n: impl Into<u64>) -> String {
    let lang = match lang() {
        Lang::En => lessons::lang::Lang::En,
        Lang::De => lessons::lang::Lang::De,
    };
    lessons::lang::int(lang, n.into())
}

/// A number already printed with a `.` decimal point, in prose: `2,5` in German.
pub fn decimal(text: &str) -> String {
    match lang() {
        Lang::En => text.to_string(),
        Lang::De => text.replace('.', ","),
    }
}

/// A Go duration such as `2.5s` or `1m30s` in prose: unchanged in English, `2,5 s` in
/// German (a decimal comma, and a space before a lone unit). Go's own output keeps Go's form.
pub fn duration(go: &str) -> String {
    match lang() {
        Lang::En => go.to_string(),
        Lang::De => {
            let unit_at = go.find(|c: char| c.is_alphabetic() || c == 'µ').unwrap_or(go.len());
            let (num, unit) = go.split_at(unit_at);
            let lone_unit = !num.is_empty() && unit.chars().all(|c| c.is_alphabetic() || c == 'µ');
            if lone_unit {
                format!("{} {unit}", num.replace('.', ","))
            } else {
                go.replace('.', ",")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders_in_any_order() {
        assert_eq!(fill("{1} von {0}", &[&"a", &2]), "2 von a");
        assert_eq!(fill("{x} {0} {", &[&1]), "{x} 1 {");
    }

    #[test]
    fn chooses_the_preferred_language() {
        assert_eq!(Lang::preferred(["fr-FR", "de-AT", "en"]), Lang::De);
        assert_eq!(Lang::preferred(["en-US", "de"]), Lang::En);
        assert_eq!(Lang::preferred(["fr"]), Lang::En);
        assert_eq!(Lang::preferred([]), Lang::En);
        assert_eq!(Lang::from_code("DE"), Some(Lang::De));
    }

    #[test]
    fn numbers_and_durations_follow_the_language() {
        set_lang(Lang::De);
        assert_eq!(int(97_188u64), "97.188");
        assert_eq!(duration("2.5s"), "2,5 s");
        assert_eq!(duration("1m30s"), "1m30s");
        assert_eq!(duration("250ms"), "250 ms");
        assert_eq!(decimal("1.5"), "1,5");
        // A refused knob value, as the knob field and a link's notices say it.
        let specs = lessons::knobs::common_knobs();
        let mut knobs = lessons::Knobs::defaults(&specs);
        let bad = knobs.set(&specs, "rate", "abc").unwrap_err();
        let unknown = knobs.set(&specs[..2], "bogus", "1").unwrap_err();
        assert_eq!(
            crate::components::knob_notice(&bad),
            "rate: \"abc\" geht nicht; erlaubt ist eine Zahl von 0 bis 2000; es gilt der Standardwert."
        );
        assert_eq!(
            crate::components::knob_error_text(&unknown),
            "Unbekannte Stellschraube \"bogus\"; diese Lektion hat: rate, duration"
        );
        set_lang(Lang::En);
        assert_eq!(crate::components::knob_error_text(&bad), bad.to_string());
        assert_eq!(crate::components::knob_error_text(&unknown), unknown.to_string());
        assert_eq!(int(97_188u64), "97,188");
        assert_eq!(int(5u64), "5");
        assert_eq!(duration("2.5s"), "2.5s");
    }

    #[test]
    fn every_text_has_both_languages_and_the_same_placeholders() {
        assert_eq!(EN.len(), DE.len());
        for (en, de) in EN.iter().zip(DE.iter()) {
            assert!(!de.trim().is_empty(), "{en:?}");
        }
    }

    #[test]
    fn every_lesson_text_has_german() {
        let mut texts: Vec<&'static str> = Vec::new();
        for lesson in lessons::lessons() {
            texts.push(lesson.title);
            for v in &lesson.variants {
                texts.push(v.label);
            }
            for k in &lesson.knobs {
                texts.push(k.label);
                texts.extend(Some(k.unit).filter(|u| u.chars().any(char::is_alphabetic)));
            }
        }
        for e in crate::catalog::LESSONS {
            texts.push(e.summary);
        }
        texts.sort_unstable();
        texts.dedup();
        let table: Vec<&str> = LESSON_EN.to_vec();
        let missing: Vec<&&str> = texts.iter().filter(|t| !table.contains(t)).collect();
        assert!(missing.is_empty(), "no German in lessons/content/lessons.de.tsv for {missing:?}");
        let extra: Vec<&&str> = table.iter().filter(|t| !texts.contains(t)).collect();
        assert!(extra.is_empty(), "lessons/content/lessons.de.tsv translates texts no lesson has: {extra:?}");
    }

    #[test]
    fn the_fetched_files_are_the_compiled_in_tables() {
        let files = sitetext::files(&sitetext::root()).unwrap();
        let file = |path: &str| files.iter().find(|(p, _)| p == path).map(|(_, t)| t.clone()).unwrap();
        let (english, german) = (file(ui_file(Lang::En)), file(ui_file(Lang::De)));
        assert_eq!(load(Lang::En, &english), Ok(()));
        assert_eq!(load(Lang::De, &german), Ok(()));
        let en = loaded_texts(Lang::En).unwrap();
        assert_eq!((en.ui, en.lessons.len()), (&EN[..], 0));
        let de = loaded_texts(Lang::De).unwrap();
        assert_eq!((de.ui, de.lessons), (&DE[..], &LESSON_DE[..]));
        assert!(EN.iter().any(|t| t.contains('\n')), "a text with a line break is kept whole");
        // The German file is not an English one, nor a short one.
        assert!(load(Lang::En, &german).unwrap_err().contains("text/en/ui.txt has"));
        let short: String = german.lines().take(TEXTS).map(|l| format!("{l}\n")).collect();
        assert!(load(Lang::De, &short).unwrap_err().contains("texts, the page"));
    }
}
