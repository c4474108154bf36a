use leptos::prelude::*;

use crate::url_state::Notice;

/// The reasons why parts of the URL were not used; nothing when the URL was fine.
#[component]
pub fn UrlNotices(#[prop(into)] notices: Signal<Vec<Notice>>) -> impl IntoView {
    view! {
        <Show when=move || notices.with(|notices| !notices.is_empty())>
            <div class="notices" role="status" data-testid="url-notices">
                <p class="notices-title">{t!("Parts of this link could not be used:")}</p>
                <ul>
                    {move || {
                        notices
                            .get()
                            .into_iter()
                            .map(|notice| view! { <li data-param=notice.param>{notice.message}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
