use leptos::prelude::*;

use super::live::Live;
use super::PageContext;
use crate::browser;
use crate::duration::GoDuration;

/// A frame height that shows the whole embedded lesson (clock, listing, goroutines and dump)
/// at desktop widths without the parent's resize script: a fixed part plus the listing's lines.
pub fn frame_height(listing_lines: usize) -> u32 {
    (900 + 24 * listing_lines.min(120)) as u32
}

/// The `<iframe>` that embeds this exact moment of the lesson in a training document.
pub fn snippet(page_url: &str, query: &str, title: &str, height: u32) -> String {
    let base = page_url.split(['?', '#']).next().unwrap_or(page_url);
    let src = format!("{base}{query}").replace('&', "&amp;").replace('"', "&quot;");
    let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe src=\"{src}\" title=\"Leak Lab: {title}\" width=\"100%\" height=\"{height}\" \
         style=\"border:0\" loading=\"lazy\"></iframe>"
    )
}

/// "Copy embed snippet": the `<iframe>` for the current lesson, variant, knobs and instant,
/// copied to the clipboard and shown for copying by hand.
#[component]
pub fn EmbedSnippet(
    #[prop(into)] title: Signal<&'static str>,
    /// How many lines the listing has (the frame's height follows).
    #[prop(into)]
    lines: Signal<usize>,
) -> impl IntoView {
    let page = expect_context::<PageContext>();
    let live = expect_context::<Live>();
    let shown = RwSignal::new(None::<String>);
    let origin = RwSignal::new(None::<String>);
    let origin_error = RwSignal::new(None::<String>);
    // Making the snippet comes with the later lessons' code (`lazy.rs`): a click away, and
    // fetched long before.
    let make = move |_| {
        crate::lazy::load_then(move || match crate::lazy::failure() {
            Some(why) => {
                origin_error.set(Some(t!("The snippet could not be made ({0}); reload the page to try again.", why)))
            }
            None => later::make(page, live, title, lines, origin, origin_error, shown),
        })
    };
    view! {
        <section class="region region-embed embed-snippet" aria-labelledby="embed-heading" data-testid="region-embed">
            <h2 id="embed-heading">{t!("Embed this moment")}</h2>
            <p class="embed-help">
                {t!("An <iframe> of this lesson, variant, knobs and instant for your training docs. Its height fits the lesson; where the wiki can run a script, the frame can also follow the page's height (README, \"Embedding\").")}
            </p>
            <label class="embed-origin">
                {t!("Your wiki's origin, to let it send play, pause and seek commands (optional): ")}
                <input
                    type="url"
                    placeholder="https://wiki.example.com"
                    data-testid="embed-origin"
                    prop:value=move || origin.get().unwrap_or_default()
                    on:input=move |ev| origin.set(Some(event_target_value(&ev)))
                />
            </label>
            <span class="knob-error" role="alert">{move || origin_error.get()}</span>
            <button type="button" data-testid="embed-snippet-copy" on:click=make>
                {t!("Copy embed snippet")}
            </button>
            {move || {
                shown
                    .get()
                    .map(|text| {
                        view! {
                            <label class="embed-snippet-text">
                                {t!("Paste this into your training docs (copied to the clipboard):")}
                                <textarea readonly rows="3" data-testid="embed-snippet">{text}</textarea>
                            </label>
                        }
                    })
            }}
        </section>
    }
}

/// What runs on a click, in the code the page loads after the first lesson's (`tools/split.mjs`
/// moves `embed::later`).
mod later {
    use super::*;

    #[inline(never)]
    pub(super) fn make(
        page: PageContext,
        live: Live,
        title: Signal<&'static str>,
        lines: Signal<usize>,
        origin: RwSignal<Option<String>>,
        origin_error: RwSignal<Option<String>>,
        shown: RwSignal<Option<String>>,
    ) {
        let mut state = page.url.get_untracked();
        state.embed = true;
        state.t = GoDuration::from_nanos(live.now().0 as i64);
        let wanted = origin.get_untracked().unwrap_or_default();
        let wanted = wanted.trim().trim_end_matches('/');
        if wanted.is_empty() {
            origin_error.set(None);
        } else {
            // The page itself decides what an origin is: a URL with only this parameter.
            let parsed = crate::url_state::parse_query(&format!(
                "?parent_origin={}",
                crate::url_state::encode_component(wanted)
            ));
            match parsed.state.parent_origin {
                Some(o) => {
                    origin_error.set(None);
                    state.parent_origin = Some(o);
                }
                None => origin_error
                    .set(Some(t!("Not an origin such as https://wiki.example.com; left out of the snippet.").into())),
            }
        }
        let href = window().location().href().unwrap_or_default();
        let text = snippet(&href, &state.to_query(), title.get_untracked(), frame_height(lines.get_untracked()));
        browser::copy_text(&text);
        shown.set(Some(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_escapes_and_keeps_the_path() {
        let s = snippet(
            "https://train.example/leaklab/?lesson=x#top",
            "?lesson=upstream&embed=1&t=2s",
            "A \"quote\"",
            frame_height(50),
        );
        assert_eq!(
            s,
            "<iframe src=\"https://train.example/leaklab/?lesson=upstream&amp;embed=1&amp;t=2s\" \
             title=\"Leak Lab: A &quot;quote&quot;\" width=\"100%\" height=\"2100\" style=\"border:0\" \
             loading=\"lazy\"></iframe>"
        );
    }
}
