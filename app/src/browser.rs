//! The few places where the app touches the browser directly: the address bar and the
//! static boot message. Everything here is a thin wrapper; the logic is in [`crate::url_state`].

use leptos::prelude::{document, window};
use wasm_bindgen::JsValue;

/// The query part of the page's URL, with its leading `?` (empty when there is none).
pub fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

/// Puts `query` (starting with `?`) into the address bar as a new history entry. The URL is
/// relative, so the page's path, and with it any sub-path the site is hosted under, stays.
pub fn push_query(query: &str) {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(query));
    }
}

/// Like [`push_query`], but replaces the current history entry: for changes within a lesson
/// that the back button should not step through one by one.
pub fn replace_query(query: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(query));
    }
}

/// Sets the document's title, which is what tabs, bookmarks and history show.
pub fn set_title(title: &str) {
    document().set_title(title);
}

/// Removes the "Loading Leak Lab…" text that `index.html` shows until the WebAssembly runs.
pub fn remove_boot_message() {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
}
