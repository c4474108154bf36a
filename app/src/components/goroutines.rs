use leptos::prelude::*;

use super::region::{content_or_pending, Region};

/// The goroutines, grouped by identical stack, with counts, wait reasons and longest waits.
#[component]
pub fn GoroutinesView(
    /// The region's content; without it the region says it is not connected yet.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <Region id="goroutines" title="Goroutines">
            {content_or_pending(children)}
        </Region>
    }
}
