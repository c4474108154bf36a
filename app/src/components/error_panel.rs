use leptos::prelude::*;

/// Shown by the page's error boundary when a view renders an `Err`.
#[component]
pub fn ErrorPanel(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let messages = move || {
        // The error map has no order of its own; sort so the panel reads the same every time
        // (unstable: equal strings are alike, and it is the same code as Progress::parse's sort).
        let mut messages: Vec<String> = errors.with(|errors| errors.iter().map(|(_, e)| e.to_string()).collect());
        messages.sort_unstable();
        messages.into_iter().map(|message| view! { <li>{message}</li> }).collect_view()
    };
    view! {
        <section class="error-panel" role="alert" data-testid="error-panel">
            <h2>{t!("Something went wrong")}</h2>
            <p>{t!("Part of the page could not be shown. Reload the page to try again.")}</p>
            <ul>{messages}</ul>
        </section>
    }
}
