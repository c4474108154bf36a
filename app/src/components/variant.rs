use leptos::prelude::*;

use super::PageContext;

/// One button per variant of the lesson's handler; the pressed one is on screen.
#[component]
pub fn VariantToggle(
    #[prop(into)] lesson: Signal<&'static str>,
    #[prop(into)] variant: Signal<String>,
) -> impl IntoView {
    let page = expect_context::<PageContext>();
    let buttons = move || {
        let l = lessons::lesson(lesson.get());
        l.map(|l| {
            l.variants
                .iter()
                .map(|v| {
                    let (id, label) = (v.id, v.label);
                    view! {
                        <button
                            type="button"
                            class="toggle"
                            data-testid=format!("variant-{id}")
                            aria-pressed=move || if variant.get() == id { "true" } else { "false" }
                            on:click=move |_| page.edit(|state| state.variant = id.to_owned())
                        >
                            {crate::i18n::tr(label)}
                        </button>
                    }
                })
                .collect_view()
        })
    };
    let compare = move || page.url.with(|s| s.compare);
    view! {
        <div class="toggle-group" role="group" aria-label=t!("Version of the handler") data-testid="variant-toggle">
            {buttons}
            <button
                type="button"
                class="toggle"
                data-testid="compare-toggle"
                aria-pressed=move || if compare() { "true" } else { "false" }
                on:click=move |_| page.edit(|state| state.compare = !state.compare)
            >
                {t!("Side by side")}
            </button>
        </div>
    }
}
