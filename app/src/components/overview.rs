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
            let (ran, opened) = (progress.done(id, Step::Ran), progress.done(id, Step::Opened));
            let state = move || {
                if ran {
                    t!("✓ run")
                } else if opened {
                    t!("opened")
                } else {
                    t!("not started")
                }
            };
            let (title, summary, minutes) = (entry.title, entry.summary, entry.minutes);
            view! {
                <li class="overview-item" data-testid=format!("overview-{id}")>
                    <a href=format!("?lesson={id}{}", crate::i18n::lang_param()) on:click=on_click>
                        <span class="nav-number" aria-hidden="true">{i + 1}</span>
                        <span class="overview-title">{crate::i18n::tr(title)}</span>
                    </a>
                    <p class="overview-summary">{crate::i18n::tr(summary)}</p>
                    <p class="overview-meta">
                        {t!("about {0} min · ", minutes)}
                        <span data-testid=format!("progress-{id}")>{state}</span>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <main id="main" class="overview" data-testid="overview">
            <h1 class="lesson-title">{t!("Goroutine leaks, hands on")}</h1>
            <p class="overview-intro">
                {t!("Each lesson runs a small Go web server in your browser on a virtual clock: you send it requests, watch its goroutines, step through time and read the same goroutine dumps real Go prints. Take the lessons in order; ")}
                {t!("together they take about {0} minutes.", total)}
                {t!(" Your progress stays in this browser.")}
            </p>
            <ol class="overview-list">{items}</ol>
            <p class="overview-your-dump">
                <a
                    href=format!("?page=your-dump{}", crate::i18n::lang_param())
                    data-testid="overview-your-dump"
                    on:click=move |ev: leptos::ev::MouseEvent| {
                        if super::plain_click(&ev) {
                            ev.prevent_default();
                            page.open_your_dump();
                        }
                    }
                >
                    {t!("Your dump →")}
                </a>
                {t!(" Then read your own server's goroutine dump: grouped by stack, its likely leaks named and linked to the lesson that shows each. It is read in this browser and sent nowhere.")}
            </p>
            <p>
                <a href=format!("?lesson={}{}", LESSONS[0].id, crate::i18n::lang_param()) class="start-link" data-testid="start" on:click=super::open_lesson_on_click(page, LESSONS[0].id)>
                    {t!("Start with lesson 1 →")}
                </a>
            </p>
        </main>
    }
}
