use leptos::ev::MouseEvent;
use leptos::prelude::*;

use super::PageContext;
use crate::catalog::LESSONS;
use crate::i18n::Lang;
use crate::url_state::UrlState;

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
            let (id, title) = (entry.id, entry.title);
            let on_click = super::open_lesson_on_click(page, id);
            view! {
                <li>
                    <a
                        href=format!("?lesson={id}{}", crate::i18n::lang_param())
                        data-testid=format!("nav-{id}")
                        aria-current=move || (current.get() == id).then_some("page")
                        on:click=on_click
                    >
                        <span class="nav-number">{i + 1}</span>
                        <span class="nav-title">{crate::i18n::tr(title)}</span>
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
                <span class="brand-tagline">{t!("Goroutine leaks in Go web servers")}</span>
            </p>
            <nav class="lesson-nav" aria-label=t!("Lessons") data-testid="lesson-nav">
                <ol>
                    {items}
                    <li>
                        <a
                            class="nav-your-dump"
                            href=format!("?page=your-dump{}", crate::i18n::lang_param())
                            data-testid="nav-your-dump"
                            aria-current=(current.get_untracked() == super::your_dump::PAGE_ID).then_some("page")
                            on:click=move |ev: MouseEvent| {
                                if super::plain_click(&ev) {
                                    ev.prevent_default();
                                    page.open_your_dump();
                                }
                            }
                        >
                            {t!("Your dump")}
                        </a>
                    </li>
                </ol>
            </nav>
            <LangSwitch />
        </header>
    }
}

/// The language switch: a link per language (so that a new tab opens in it too); a plain
/// click switches in place, keeping the run, its instant and everything on screen.
#[component]
fn LangSwitch() -> impl IntoView {
    let page = expect_context::<PageContext>();
    let links = Lang::ALL
        .into_iter()
        .map(|l| {
            let href = move || page.url.with(|s| UrlState { lang: Some(l), ..s.clone() }.to_query());
            view! {
                <a
                    href=href
                    hreflang=l.code()
                    lang=l.code()
                    data-testid=format!("lang-{}", l.code())
                    aria-current=move || (crate::i18n::lang() == l).then_some("true")
                    on:click=move |ev: MouseEvent| {
                        if super::plain_click(&ev) {
                            ev.prevent_default();
                            page.set_lang(l);
                        }
                    }
                >
                    {l.name()}
                </a>
            }
        })
        .collect_view();
    view! {
        <nav class="lang-switch" aria-label=t!("Language") data-testid="lang-switch">
            {links}
        </nav>
    }
}
