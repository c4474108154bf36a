use leptos::prelude::*;

use crate::browser;
use crate::i18n::Lang;
use crate::url_state::{parse_query, Notice, UrlState};

/// The page's state, shared with every component through context. It is `Copy`, so handlers
/// capture it freely instead of passing setters down.
#[derive(Clone, Copy)]
pub struct PageContext {
    /// What the URL says; every change is written back to the address bar.
    pub url: RwSignal<UrlState>,
    /// Why parameters of the URL the page was opened with could not be used.
    pub notices: RwSignal<Vec<Notice>>,
    /// The query the page was opened (or last navigated) with, whose notices these are.
    opened: StoredValue<String>,
}

/// The language a page opened with `query` should speak: the URL's `lang`, else the
/// browser's preferred languages, else English.
pub fn initial_lang(query: &str) -> Lang {
    crate::url_state::lang_of_query(query)
        .unwrap_or_else(|| Lang::preferred(browser::preferred_languages().iter().map(String::as_str)))
}

/// Sets the page's language for `query` (the other one while its texts are not there).
fn choose_lang(query: &str) {
    crate::i18n::set_url_lang(crate::url_state::lang_of_query(query));
    let lang = initial_lang(query);
    let other = if lang == Lang::De { Lang::En } else { Lang::De };
    crate::i18n::set_lang(if crate::i18n::loaded(lang) || !crate::i18n::loaded(other) { lang } else { other });
    browser::set_document_lang(crate::i18n::lang_untracked().code());
}

/// `query` (with its `?`) with its `lang` parameters replaced by `lang=<lang>` at the end.
fn with_lang(query: &str, lang: Lang) -> String {
    let mut parts: Vec<&str> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some("lang"))
        .collect();
    let last = format!("lang={}", lang.code());
    parts.push(&last);
    format!("?{}", parts.join("&"))
}

impl PageContext {
    /// Reads the address bar.
    pub fn from_address_bar() -> Self {
        let query = browser::current_query();
        choose_lang(&query);
        let parsed = parse_query(&query);
        PageContext {
            url: RwSignal::new(parsed.state),
            notices: RwSignal::new(parsed.notices),
            opened: StoredValue::new(query),
        }
    }

    /// Reads the address bar again, after back or forward, or after following a link of the
    /// site. The language the page speaks in the URL stays: an entry written before the learner
    /// switched (without `lang=`, or with the other one) is rewritten to it, so that going back
    /// never changes the language under the learner and a reload reads the same.
    pub fn reload_from_address_bar(self) {
        let mut query = browser::current_query();
        if let Some(lang) = self.url.with_untracked(|s| s.lang) {
            if crate::url_state::lang_of_query(&query) != Some(lang) {
                query = with_lang(&query, lang);
                browser::replace_query(&query);
            }
        }
        if let Some(lang) = crate::url_state::lang_of_query(&query).filter(|&l| !crate::i18n::loaded(l)) {
            // An entry that names the language the page has not read yet: fetch it first
            // (once; if that fails, the page stays in the one it reads, as when it opens so).
            crate::i18n::fetch(lang, move |_| self.read_query(query));
            return;
        }
        self.read_query(query);
    }

    fn read_query(self, query: String) {
        choose_lang(&query);
        let parsed = parse_query(&query);
        self.url.set(parsed.state);
        self.notices.set(parsed.notices);
        self.opened.set_value(query);
    }

    /// Switches the language in place: the run, its instant and the open panels stay; the
    /// URL keeps the choice (`lang=`), and the link's notices are told again in it.
    pub fn set_lang(self, lang: Lang) {
        if !crate::i18n::loaded(lang) {
            // A learner downloads only the language they read.
            crate::i18n::fetch(lang, move |loaded| {
                if loaded.is_ok() {
                    self.set_lang(lang);
                }
            });
            return;
        }
        crate::i18n::set_url_lang(Some(lang));
        crate::i18n::set_lang(lang);
        if !self.notices.with_untracked(Vec::is_empty) {
            self.notices.set(parse_query(&self.opened.get_value()).notices);
        }
        self.edit(|s| s.lang = Some(lang));
    }

    /// Opens a lesson at its defaults, as a new history entry.
    pub fn open_lesson(self, id: &str) {
        let state = UrlState { lang: self.url.with_untracked(|s| s.lang), ..UrlState::for_lesson(id) };
        browser::push_query(&state.to_query());
        self.url.set(state);
        self.notices.set(Vec::new());
    }

    /// Opens the overview of all lessons, as a new history entry.
    pub fn open_home(self) {
        let state = UrlState { home: true, lang: self.url.with_untracked(|s| s.lang), ..UrlState::default() };
        browser::push_query(&state.to_query());
        self.url.set(state);
        self.notices.set(Vec::new());
    }

    /// Opens the "Your dump" page, as a new history entry.
    pub fn open_your_dump(self) {
        self.open_link(&format!("?page=your-dump{}", crate::i18n::lang_param()));
    }

    /// Opens a link of the site (`query` starting with `?`) as a new history entry, as if the
    /// learner had followed it: its notices show.
    pub fn open_link(self, query: &str) {
        browser::push_query(query);
        self.reload_from_address_bar();
    }

    /// Changes the state within the current lesson and rewrites the current history entry.
    pub fn edit(self, change: impl FnOnce(&mut UrlState)) {
        self.url.update(change);
        browser::replace_query(&self.url.with_untracked(UrlState::to_query));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_takes_the_language_of_the_page() {
        assert_eq!(with_lang("?lesson=pprof&variant=leaky", Lang::De), "?lesson=pprof&variant=leaky&lang=de");
        assert_eq!(with_lang("?lang=de&lesson=pprof", Lang::En), "?lesson=pprof&lang=en");
        assert_eq!(with_lang("", Lang::De), "?lang=de");
        assert_eq!(with_lang("?", Lang::De), "?lang=de");
        assert_eq!(with_lang("?lang=fr&lang=de&page=your-dump", Lang::De), "?page=your-dump&lang=de");
        assert_eq!(crate::url_state::lang_of_query(&with_lang("?lesson=x", Lang::De)), Some(Lang::De));
    }
}
