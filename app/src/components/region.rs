use leptos::prelude::*;

/// A titled region of the lesson page: a `<section>` labelled by its heading, with the test id
/// `region-<id>`.
#[component]
pub fn Region(
    /// Short name, used in the element ids and the test id.
    id: &'static str,
    /// The heading, in the current language (`|| t!("…")`).
    title: fn() -> &'static str,
    children: Children,
) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section
            class=format!("region region-{id}")
            aria-labelledby=labelled_by
            data-testid=format!("region-{id}")
        >
            <h2 id=heading_id>{move || title()}</h2>
            {children()}
        </section>
    }
}
