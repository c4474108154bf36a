use leptos::prelude::*;

use super::region::{content_or_pending, Region};
use super::PageContext;
use crate::url_state::Variant;

/// The Go handler, with the switch between its leaky and its safe version.
#[component]
pub fn Listing(
    /// The version on screen.
    #[prop(into)]
    variant: Signal<Variant>,
    /// The highlighted listing; without it the region says it is not connected yet.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <Region id="listing" title="The Go handler">
            <VariantToggle variant />
            {content_or_pending(children)}
        </Region>
    }
}

/// Two buttons, leaky and safe, of which the pressed one is the version on screen.
#[component]
fn VariantToggle(#[prop(into)] variant: Signal<Variant>) -> impl IntoView {
    let page = expect_context::<PageContext>();
    let button = move |choice: Variant, label: &'static str| {
        view! {
            <button
                type="button"
                class="toggle"
                data-testid=format!("variant-{choice}")
                aria-pressed=move || if variant.get() == choice { "true" } else { "false" }
                on:click=move |_| page.edit(|state| state.variant = choice)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="toggle-group" role="group" aria-label="Version of the handler" data-testid="variant-toggle">
            {button(Variant::Leaky, "Leaky")}
            {button(Variant::Safe, "Safe")}
        </div>
    }
}
