//! The page's components. They are thin: they read signals and render; what a value means is
//! decided in plain Rust modules such as [`crate::url_state`].
//!
//! The lesson page is a set of regions (narrative, listing, clock, knobs, goroutines,
//! channels, dump, chart). Each region renders its heading and takes its content as
//! children, so the simulation's views can be slotted in without touching the layout.

mod channels;
mod chart;
mod clock;
mod context;
mod dump;
mod error_panel;
mod goroutines;
mod header;
mod knobs;
mod listing;
mod narrative;
mod notices;
mod region;

pub use channels::ChannelsView;
pub use chart::ChartView;
pub use clock::ClockControls;
pub use context::PageContext;
pub use dump::DumpView;
pub use error_panel::ErrorPanel;
pub use goroutines::GoroutinesView;
pub use header::SiteHeader;
pub use knobs::Knobs;
pub use listing::Listing;
pub use narrative::Narrative;
pub use notices::UrlNotices;
pub use region::{Pending, Region};

use leptos::prelude::*;

use crate::{browser, catalog};

/// The whole page: reads the URL, keeps it in step with the state, and renders the lesson.
#[component]
pub fn App() -> impl IntoView {
    let page = PageContext::from_address_bar();
    provide_context(page);

    // Back and forward restore the state the address bar now shows. The listener lives as
    // long as the page, so its handle is never used to remove it.
    let _ = window_event_listener(leptos::ev::popstate, move |_| page.reload_from_address_bar());

    Effect::new(move |_| {
        let lesson = page.url.with(|state| state.lesson);
        let title = catalog::lesson(lesson).unwrap_or(catalog::DEFAULT_LESSON).title;
        browser::set_title(&format!("{title} \u{b7} Leak Lab"));
    });

    view! {
        <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors /> }>
            <LessonPage />
        </ErrorBoundary>
    }
}

/// One lesson with all its regions; in embed mode only those an `<iframe>` needs.
#[component]
fn LessonPage() -> impl IntoView {
    let page = expect_context::<PageContext>();
    let lesson = Memo::new(move |_| page.url.with(|state| state.lesson));
    let embed = Memo::new(move |_| page.url.with(|state| state.embed));
    let full = move || !embed.get();
    let title = move || catalog::lesson(lesson.get()).unwrap_or(catalog::DEFAULT_LESSON).title;
    let variant = Signal::derive(move || page.url.with(|state| state.variant));
    let now = Signal::derive(move || page.url.with(|state| state.t));
    let panel = Signal::derive(move || page.url.with(|state| state.panel));
    let knobs = Signal::derive(move || page.url.with(|state| state.knobs.clone()));

    view! {
        <a class="skip-link" href="#main">"Skip to the lesson"</a>
        <Show when=full>
            <SiteHeader current=lesson />
        </Show>
        <main
            id="main"
            class="lesson"
            class:embed=move || embed.get()
            data-testid="lesson"
            data-lesson=move || lesson.get()
        >
            <UrlNotices notices=page.notices />
            <h1 class="lesson-title" data-testid="lesson-title">{title}</h1>
            <div class="regions">
                <Show when=full>
                    <Narrative />
                </Show>
                <Listing variant />
                <ClockControls now />
                <Show when=full>
                    <Knobs from_url=knobs />
                </Show>
                <GoroutinesView />
                <Show when=full>
                    <ChannelsView />
                </Show>
                <DumpView panel />
                <Show when=full>
                    <ChartView />
                </Show>
            </div>
        </main>
    }
}
