use leptos::prelude::*;

use super::live::Live;
use super::PageContext;
use crate::browser;
use crate::duration::GoDuration;

/// The `<iframe>` that embeds this exact moment of the lesson in a training document.
pub fn snippet(page_url: &str, query: &str, title: &str) -> String {
    let base = page_url.split(['?', '#']).next().unwrap_or(page_url);
    let src = format!("{base}{query}").replace('&', "&amp;").replace('"', "&quot;");
    let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe src=\"{src}\" title=\"Leak Lab: {title}\" width=\"100%\" height=\"900\" \
         style=\"border:0\" loading=\"lazy\"></iframe>"
    )
}

/// "Copy embed snippet": the `<iframe>` for the current lesson, variant, knobs and instant,
/// copied to the clipboard and shown for copying by hand.
#[component]
pub fn EmbedSnippet(#[prop(into)] title: Signal<&'static str>) -> impl IntoView {
    let page = expect_context::<PageContext>();
    let live = expect_context::<Live>();
    let shown = RwSignal::new(None::<String>);
    let make = move |_| {
        let mut state = page.url.get_untracked();
        state.embed = true;
        state.t = GoDuration::from_nanos(live.now().0 as i64);
        let href = window().location().href().unwrap_or_default();
        let text = snippet(&href, &state.to_query(), title.get_untracked());
        browser::copy_text(&text);
        shown.set(Some(text));
    };
    view! {
        <div class="embed-snippet">
            <button type="button" data-testid="embed-snippet-copy" on:click=make>
                "Copy embed snippet"
            </button>
            {move || {
                shown
                    .get()
                    .map(|text| {
                        view! {
                            <label class="embed-snippet-text">
                                "Paste this into your training docs (copied to the clipboard):"
                                <textarea readonly rows="3" data-testid="embed-snippet">{text}</textarea>
                            </label>
                        }
                    })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_escapes_and_keeps_the_path() {
        let s = snippet("https://train.example/leaklab/?lesson=x#top", "?lesson=upstream&embed=1&t=2s", "A \"quote\"");
        assert_eq!(
            s,
            "<iframe src=\"https://train.example/leaklab/?lesson=upstream&amp;embed=1&amp;t=2s\" \
             title=\"Leak Lab: A &quot;quote&quot;\" width=\"100%\" height=\"900\" style=\"border:0\" \
             loading=\"lazy\"></iframe>"
        );
    }
}
