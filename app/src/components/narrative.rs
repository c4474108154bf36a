use leptos::prelude::*;

use super::region::Region;
use crate::browser;
use crate::i18n::{self, Lang};

/// The lesson's explanation. (The review's answers are revealed by its quiz.)
#[component]
pub fn Narrative(
    /// The lesson's id.
    #[prop(into)]
    lesson: Signal<String>,
) -> impl IntoView {
    view! {
        <Region id="narrative" title=|| t!("What happens here")>
            {move || view! { <FetchedText name=lesson.get() /> }}
        </Region>
    }
}

thread_local! {
    /// The texts fetched so far, by language and name: each is fetched once per page.
    static CACHE: std::cell::RefCell<Vec<((Lang, String), &'static str)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A text rendered from the lessons' Markdown at build time (`sitetext`), fetched for the
/// language on screen only: `text/<lang>/<name>.html`. While it loads the box says so; if it
/// cannot load, it says that and how to retry. The HTML comes from the lessons' own Markdown,
/// rendered with raw HTML escaped.
#[component]
pub fn FetchedText(#[prop(into)] name: String) -> impl IntoView {
    let lang = i18n::lang_untracked();
    let key = (lang, name.clone());
    let cached = CACHE.with(|c| c.borrow().iter().find(|(k, _)| *k == key).map(|(_, t)| *t));
    let html = RwSignal::new(cached.map(Ok::<&'static str, String>));
    if html.get_untracked().is_none() {
        let url = format!("text/{}/{name}.html", lang.code());
        browser::fetch_text(&url, move |result| {
            let result = result.map(|text| &*Box::leak(text.into_boxed_str()));
            if let Ok(text) = result {
                CACHE.with(|c| c.borrow_mut().push((key, text)));
            }
            let _ = html.try_set(Some(result));
        });
    }
    // One element whatever the state, so that the three states share one view.
    let state = move || match html.get() {
        None => ("text-loading", format!("<p class=\"pending\">{}</p>", t!("Loading the text…"))),
        Some(Ok(text)) => ("narrative-text", text.to_string()),
        Some(Err(e)) => (
            "text-error",
            format!(
                "<p class=\"error\" role=\"alert\">{}</p>",
                escape(&t!("This text could not be loaded ({0}); reload the page to try again.", e))
            ),
        ),
    };
    view! { <div class="prose narrative" data-testid=move || state().0 inner_html=move || state().1></div> }
}

/// `text` with the characters HTML gives a meaning escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
