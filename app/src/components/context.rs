use leptos::prelude::*;

use crate::browser;
use crate::url_state::{parse_query, Notice, UrlState};

/// The page's state, shared with every component through context. It is `Copy`, so handlers
/// capture it freely instead of passing setters down.
#[derive(Clone, Copy)]
pub struct PageContext {
    /// What the URL says; every change is written back to the address bar.
    pub url: RwSignal<UrlState>,
    /// Why parameters of the URL the page was opened with could not be used.
    pub notices: RwSignal<Vec<Notice>>,
}

impl PageContext {
    /// Reads the address bar.
    pub fn from_address_bar() -> Self {
        let parsed = parse_query(&browser::current_query());
        PageContext { url: RwSignal::new(parsed.state), notices: RwSignal::new(parsed.notices) }
    }

    /// Reads the address bar again, after back or forward.
    pub fn reload_from_address_bar(self) {
        let parsed = parse_query(&browser::current_query());
        self.url.set(parsed.state);
        self.notices.set(parsed.notices);
    }

    /// Opens a lesson at its defaults, as a new history entry.
    pub fn open_lesson(self, id: &str) {
        let state = UrlState::for_lesson(id);
        browser::push_query(&state.to_query());
        self.url.set(state);
        self.notices.set(Vec::new());
    }

    /// Opens the overview of all lessons, as a new history entry.
    pub fn open_home(self) {
        let state = UrlState { home: true, ..UrlState::default() };
        browser::push_query(&state.to_query());
        self.url.set(state);
        self.notices.set(Vec::new());
    }

    /// Opens the "Your dump" page, as a new history entry.
    pub fn open_your_dump(self) {
        self.open_link("?page=your-dump");
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
