use leptos::prelude::*;

use super::region::{content_or_pending, Region};

/// Each channel's buffer and the goroutines queued to send or receive on it.
#[component]
pub fn ChannelsView(
    /// The region's content; without it the region says it is not connected yet.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <Region id="channels" title="Channels">
            {content_or_pending(children)}
        </Region>
    }
}
