use leptos::prelude::*;

use super::region::{content_or_pending, Region};

/// The lesson's explanation, rendered from its Markdown.
#[component]
pub fn Narrative(
    /// The rendered explanation; without it the region says it is not connected yet.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <Region id="narrative" title="What happens here">
            {content_or_pending(children)}
        </Region>
    }
}
