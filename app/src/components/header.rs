use leptos::ev::MouseEvent;
use leptos::prelude::*;

use super::PageContext;
use crate::catalog::LESSONS;

/// The site header: the name, the lesson navigation and the "Your dump" page.
#[component]
pub fn SiteHeader(
    /// The id of the lesson on screen.
    #[prop(into)]
    current: Signal<&'static str>,
) -> impl IntoView {
    let page = expect_context::<PageContext>();
    let items = LESSONS
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let id = entry.id;
            let on_click = super::open_lesson_on_click(page, id);
            view! {
                <li>
                    <a
                        href=format!("?lesson={id}")
                        data-testid=format!("nav-{id}")
                        aria-current=move || (current.get() == id).then_some("page")
                        on:click=on_click
                    >
                        <span class="nav-number">{i + 1}</span>
                        <span class="nav-title">{entry.title}</span>
                    </a>
                </li>
            }
        })
        .collect_view();

    view! {
        <header class="site-header">
            <p class="brand">
                <a class="brand-name" href="?" data-testid="home-link" on:click=move |ev: MouseEvent| {
                    if super::plain_click(&ev) {
                        ev.prevent_default();
                        page.open_home();
                    }
                }>"Leak Lab"</a>
                <span class="brand-tagline">"Goroutine leaks in Go web servers"</span>
            </p>
            <nav class="lesson-nav" aria-label="Lessons" data-testid="lesson-nav">
                <ol>
                    {items}
                    <li>
                        <a
                            class="nav-your-dump"
                            href="?page=your-dump"
                            data-testid="nav-your-dump"
                            aria-current=(current.get_untracked() == super::your_dump::PAGE_ID).then_some("page")
                            on:click=move |ev: MouseEvent| {
                                if super::plain_click(&ev) {
                                    ev.prevent_default();
                                    page.open_your_dump();
                                }
                            }
                        >
                            "Your dump"
                        </a>
                    </li>
                </ol>
            </nav>
        </header>
    }
}
