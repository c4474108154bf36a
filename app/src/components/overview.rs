use leptos::prelude::*;

use super::PageContext;
use crate::browser;
use crate::catalog::LESSONS;
use crate::state::progress::{Progress, Step, KEY};

/// The site root: what the six lessons teach, in order, how long each takes, and what the
/// learner has done in each (kept in this browser only).
#[component]
pub fn Overview() -> impl IntoView {
    let page = expect_context::<PageContext>();
    let progress = Progress::parse(&browser::stored(KEY).unwrap_or_default());
    let total: u32 = LESSONS.iter().map(|l| l.minutes).sum();
    let items = LESSONS
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let id = entry.id;
            let on_click = super::open_lesson_on_click(page, id);
            let state = if progress.done(id, Step::Ran) {
                "✓ run"
            } else if progress.done(id, Step::Opened) {
                "opened"
            } else {
                "not started"
            };
            view! {
                <li class="overview-item" data-testid=format!("overview-{id}")>
                    <a href=format!("?lesson={id}") on:click=on_click>
                        <span class="nav-number" aria-hidden="true">{i + 1}</span>
                        <span class="overview-title">{entry.title}</span>
                    </a>
                    <p class="overview-summary">{entry.summary}</p>
                    <p class="overview-meta">
                        {format!("about {} min · ", entry.minutes)}
                        <span data-testid=format!("progress-{id}")>{state}</span>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <main id="main" class="overview" data-testid="overview">
            <h1 class="lesson-title">"Goroutine leaks, hands on"</h1>
            <p class="overview-intro">
                "Each lesson runs a small Go web server in your browser on a virtual clock: you send it requests, watch \
                 its goroutines, step through time and read the same goroutine dumps real Go prints. Take the lessons \
                 in order; "
                {format!("together they take about {total} minutes.")}
                " Your progress stays in this browser."
            </p>
            <ol class="overview-list">{items}</ol>
            <p class="overview-your-dump">
                <a
                    href="?page=your-dump"
                    data-testid="overview-your-dump"
                    on:click=move |ev: leptos::ev::MouseEvent| {
                        if super::plain_click(&ev) {
                            ev.prevent_default();
                            page.open_your_dump();
                        }
                    }
                >
                    "Your dump →"
                </a>
                " Then read your own server's goroutine dump: grouped by stack, its likely leaks named and linked to \
                 the lesson that shows each. It is read in this browser and sent nowhere."
            </p>
            <p>
                <a href=format!("?lesson={}", LESSONS[0].id) class="start-link" data-testid="start" on:click=super::open_lesson_on_click(page, LESSONS[0].id)>
                    "Start with lesson 1 →"
                </a>
            </p>
        </main>
    }
}
