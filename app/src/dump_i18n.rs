//! The "Your dump" page's two languages: the texts of its interface (`dumppage/`), of its
//! model ([`crate::state::your_dump`]) and of its worker (`dumpworker/`: progress, errors,
//! lesson links). Code writes `tx("English")` or `tx1("English {0}", &[&value])`; German comes
//! from `dumppage/de.tsv` (English<TAB>German), which both modules carry: they load only for
//! this page, so the lessons download neither. The app tells the page its language when it
//! mounts it (`mount(el, "de")`), and the page tells the worker in every request (`lang`).
//! The analysis' own sentences (headline, suspects) are `lessons::analyze`'s, in
//! `lessons/content/analyze.de.tsv`. What Go printed is never passed through here.
//!
//! This one file is included with `#[path]` by the app (which tests it), the page and the
//! worker; the test below holds every `tx`/`tx1` literal of the four sources to exactly one
//! German line, and every line to a literal.

use std::cell::Cell;
use std::fmt::Display;

/// The page's language: `lessons`' own type, from its source (the page does not link `lessons`).
#[allow(dead_code)]
#[path = "../../lessons/src/lang.rs"]
mod lang_type;
pub use lang_type::Lang;

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language the texts are in now.
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// Sets it: the page when it is mounted, the worker for each request.
pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

static GERMAN: &str = include_str!("../../dumppage/de.tsv");

/// A text of the page in the current language (English when the table has no line for it).
pub fn tx(en: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::De => GERMAN
            .lines()
            .filter(|l| !l.starts_with('#'))
            .find_map(|l| l.split_once('\t').filter(|(k, _)| *k == en).map(|(_, v)| v))
            .unwrap_or(en),
    }
}

/// A count in the page's own text as the analysis writes it (`lessons/src/lang.rs`'s `count`):
/// in German grouped (`6.000`), in English the bare digits.
pub fn num(n: u64) -> String {
    lang_type::count(lang(), n)
}

/// [`tx`] with its placeholders `{0}`, `{1}`… filled.
pub fn tx1(en: &'static str, args: &[&dyn Display]) -> String {
    let mut text = tx(en).to_string();
    for (i, a) in args.iter().enumerate() {
        text = text.replace(&format!("{{{i}}}"), &a.to_string());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string literals right after `call` in `src`, as Rust reads them (a `\` at a line's
    /// end drops the break and the next line's indentation).
    fn literals_after(src: &str, call: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = src;
        while let Some(i) = rest.find(call) {
            let before = rest[..i].chars().last();
            rest = rest[i + call.len()..].trim_start();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') || !rest.starts_with('"') {
                continue;
            }
            let mut s = String::new();
            let mut chars = rest[1..].char_indices();
            while let Some((j, c)) = chars.next() {
                match c {
                    '"' => {
                        rest = &rest[1 + j + 1..];
                        break;
                    }
                    '\\' => match chars.next().map(|(_, c)| c) {
                        Some('\n') => {
                            while chars.clone().next().is_some_and(|(_, c)| c.is_whitespace()) {
                                chars.next();
                            }
                        }
                        Some('n') => s.push('\n'),
                        Some(c) => s.push(c),
                        None => {}
                    },
                    c => s.push(c),
                }
            }
            out.push(s);
        }
        out
    }

    const SOURCES: [&str; 4] = [
        include_str!("../../dumppage/src/main.rs"),
        include_str!("../../dumpworker/src/lib.rs"),
        include_str!("../../dumpworker/src/main.rs"),
        include_str!("state/your_dump.rs"),
    ];

    #[test]
    fn every_text_has_exactly_one_german_line() {
        let used: Vec<String> = SOURCES
            .iter()
            .flat_map(|s| literals_after(s, "tx(").into_iter().chain(literals_after(s, "tx1(")))
            .collect();
        assert!(used.len() > 60, "found {} texts", used.len());
        let table: Vec<(&str, &str)> = GERMAN
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| l.split_once('\t').unwrap_or_else(|| panic!("no tab: {l:?}")))
            .collect();
        for u in &used {
            assert_eq!(
                table.iter().filter(|(en, _)| en == u).count(),
                1,
                "{u:?} needs exactly one line in dumppage/de.tsv"
            );
        }
        let glossary = include_str!("../../lessons/content/glossary.tsv");
        for (en, de) in &table {
            assert!(used.iter().any(|u| u == en), "dumppage/de.tsv translates {en:?}, which no tx or tx1 says");
            assert!(!de.trim().is_empty(), "{en:?} has no German");
            for n in 0..6 {
                let p = format!("{{{n}}}");
                assert_eq!(en.contains(&p), de.contains(&p), "placeholders differ: {en:?}");
            }
            for row in glossary.lines().filter(|l| !l.starts_with('#')) {
                for bad in row.split('\t').nth(2).unwrap_or("").split(',').map(str::trim).filter(|b| !b.is_empty()) {
                    assert!(!de.contains(bad), "the glossary rules out {bad:?}: {de:?}");
                }
            }
        }
    }

    #[test]
    fn the_language_decides() {
        set_lang(Lang::De);
        assert_eq!(tx("Cancel"), "Abbrechen");
        assert_eq!(tx1("{0} of {1} groups", &[&3, &7]), "3 von 7 Gruppen");
        assert_eq!((num(97_188), num(999)), ("97.188".to_string(), "999".to_string()));
        assert_eq!(tx("not a text of the page"), "not a text of the page");
        set_lang(Lang::En);
        assert_eq!(tx1("{0} of {1} groups", &[&3, &7]), "3 of 7 groups");
        assert_eq!(num(97_188), "97188");
        assert_eq!((Lang::from_code("de"), Lang::from_code("fr"), Lang::De.code()), (Lang::De, Lang::En, "de"));
    }
}
