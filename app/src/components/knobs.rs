use std::collections::BTreeMap;

use leptos::prelude::*;

use super::region::{content_or_pending, Region};

/// The lesson's knobs, with units and bounds.
#[component]
pub fn Knobs(
    /// Knob values the URL carried, not yet checked by the lesson; shown so that a link's
    /// settings stay visible until the lesson's own controls take them over.
    #[prop(into)]
    from_url: Signal<BTreeMap<String, String>>,
    /// The lesson's knob controls; without them the region says it is not connected yet.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let has_url_values = move || from_url.with(|values| !values.is_empty());
    view! {
        <Region id="knobs" title="Knobs">
            {content_or_pending(children)}
            <Show when=has_url_values>
                <p>"Settings from the link:"</p>
                <dl class="url-knobs" data-testid="url-knobs">
                    {move || {
                        from_url
                            .get()
                            .into_iter()
                            .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
                            .collect_view()
                    }}
                </dl>
            </Show>
        </Region>
    }
}
