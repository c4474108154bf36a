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
mod dump_text;
mod embed;
mod error_panel;
mod goroutines;
mod header;
mod knobs;
mod listing;
pub mod live;
mod narrative;
mod notices;
mod outcome;
mod overview;
mod quiz;
mod region;
mod variant;
mod virtual_list;
mod your_dump;

pub use channels::ChannelsView;
pub use chart::ChartView;
pub use clock::ClockControls;
pub use context::{initial_lang, PageContext};
pub use dump::DumpView;
pub use embed::EmbedSnippet;
pub use error_panel::ErrorPanel;
pub use goroutines::GoroutinesView;
pub use header::SiteHeader;
pub use knobs::{knob_error_text, knob_notice, Knobs};
pub use listing::Listing;
pub use live::Live;
pub use narrative::Narrative;
pub use notices::UrlNotices;
pub use outcome::OutcomePanel;
pub use overview::Overview;
pub use quiz::Quiz;
pub use region::Region;
pub use variant::VariantToggle;
pub use your_dump::YourDump;

use leptos::prelude::*;

use std::collections::BTreeSet;

use crate::state::progress::{self, Progress, Step};
use crate::{browser, catalog, highlight};

/// The whole page: reads the URL, keeps it in step with the state, and renders the lesson.
#[component]
pub fn App() -> impl IntoView {
    let page = PageContext::from_address_bar();
    provide_context(page);
    let live = Live::new(page);
    provide_context(live);

    // Back and forward restore the state the address bar now shows. The listener lives as
    // long as the page, so its handle is never used to remove it.
    let _ = window_event_listener(leptos::ev::popstate, move |_| page.reload_from_address_bar());

    Effect::new(move |_| {
        browser::set_document_lang(crate::i18n::lang().code());
    });
    Effect::new(move |_| {
        crate::i18n::lang();
        let (home, lesson, your_dump) = page.url.with(|state| (state.home, state.lesson, state.your_dump));
        if your_dump {
            browser::set_title(t!("Your dump · Leak Lab"));
        } else if home {
            browser::set_title(t!("Leak Lab: goroutine leaks, hands on"));
        } else {
            let title = crate::i18n::tr(catalog::lesson(lesson).unwrap_or(catalog::DEFAULT_LESSON).title);
            browser::set_title(&format!("{title} \u{b7} Leak Lab"));
        }
    });

    // The run depends on lesson, variant, knobs, seed and compare mode; the instant `t` is
    // only read when the run is (re)built, so writing it back never restarts anything.
    // Neither the overview nor "Your dump" runs a lesson.
    let key = Memo::new(move |_| page.url.with(|s| (live::ConfigKey::of(s), s.compare, s.home || s.your_dump)));
    Effect::new(move |_| {
        let (k, compare, home) = key.get();
        // A lesson whose code is still on its way is built when it has come (`lazy`).
        if home || !crate::lazy::usable(k.lesson) {
            return;
        }
        let t = page.url.with_untracked(live::url_time);
        live.rebuild(&k, compare, t);
    });

    // K plays and pauses, the arrows step to the next and previous event: not while typing
    // in a field, and not inside a box that scrolls (the listing, a dump, a stack), where the
    // arrows scroll. Space is left to the browser (it scrolls the page, or presses the
    // focused button).
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        let target = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
        let typing = target.as_ref().is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        let scrolling = target.is_some_and(|e| e.closest(SCROLL_REGIONS).ok().flatten().is_some());
        if typing || ev.ctrl_key() || ev.meta_key() || ev.alt_key() || live.catching_up() {
            return;
        }
        match ev.key().as_str() {
            _ if scrolling && ev.key().starts_with("Arrow") => {}
            "k" | "K" => {
                ev.prevent_default();
                live.toggle();
            }
            "ArrowRight" if live.can_step() => {
                ev.prevent_default();
                live.step();
            }
            "ArrowLeft" => {
                ev.prevent_default();
                live.step_back();
            }
            _ => {}
        }
    });

    // Progress for the overview, kept in this browser: a lesson opened, a lesson run.
    Effect::new(move |_| {
        let (home, lesson) = page.url.with(|s| (s.home || s.your_dump, s.lesson));
        let ran = live.reached.get() > sim_runtime::Time(0);
        if !home {
            let mut p = Progress::parse(&browser::stored(progress::KEY).unwrap_or_default());
            let new = p.record(lesson, Step::Opened) | (ran && p.record(lesson, Step::Ran));
            if new {
                browser::store(progress::KEY, &p.to_text());
            }
        }
    });

    // Embedded in an <iframe>: tell the parent how tall the page is after every change (a new
    // instant, and any other change of size), and take commands only from this origin or the
    // one the URL names (`parent_origin`).
    if page.url.with_untracked(|s| s.embed) {
        browser::post_height_on_resize();
    }
    Effect::new(move |_| {
        live.revision.track();
        if page.url.with(|s| s.embed) {
            request_animation_frame(browser::post_height);
        }
    });
    let _ = window_event_listener(leptos::ev::message, move |ev| {
        let allowed = page.url.with_untracked(|s| s.parent_origin.clone());
        if let Some(command) = browser::embed_command(&ev, allowed.as_deref()) {
            match command {
                browser::EmbedCommand::Play => {
                    if !live.playing.get_untracked() {
                        live.toggle();
                    }
                }
                browser::EmbedCommand::Pause => live.pause(),
                browser::EmbedCommand::Step => live.step(),
                browser::EmbedCommand::Seek(t) => live.seek(sim_runtime::Time(t)),
            }
        }
    });

    // Which page: the overview, "Your dump" or a lesson. Rebuilt only when that or the
    // language changes: the run lives in `Live`, above the page, so switching the language
    // keeps it, its instant and its views (state of a component's own, such as an expanded
    // goroutine group or the quiz's answers, starts afresh).
    let which = Memo::new(move |_| {
        let (home, your_dump, lesson) = page.url.with(|s| (s.home, s.your_dump, s.lesson));
        ((home, your_dump, home || your_dump || crate::lazy::usable(lesson)), crate::i18n::lang())
    });
    view! {
        <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors /> }>
            {move || match which.get().0 {
                (true, _, _) => view! {
                    <a class="skip-link" href="#main">{t!("Skip to the overview")}</a>
                    <SiteHeader current=Signal::derive(|| "") />
                    <Overview />
                }
                .into_any(),
                (_, true, _) => view! {
                    <a class="skip-link" href="#main">{t!("Skip to your dump")}</a>
                    <SiteHeader current=Signal::derive(|| your_dump::PAGE_ID) />
                    <YourDump />
                }
                .into_any(),
                (_, _, false) => view! { <LessonLoading /> }.into_any(),
                _ => view! { <LessonPage /> }.into_any(),
            }}
        </ErrorBoundary>
    }
}

/// Where a lesson after the first will be while its code is on its way (`lazy`), or why it
/// did not come.
#[component]
fn LessonLoading() -> impl IntoView {
    move || {
        match crate::lazy::failure() {
        None => view! { <p class="boot" role="status">{t!("Loading the lesson…")}</p> }.into_any(),
        Some(e) => view! {
            <p class="boot" role="alert">{t!("This lesson could not be loaded ({0}); reload the page to try again.", e)}</p>
        }
        .into_any(),
    }
    }
}

/// Boxes that scroll and take the arrow keys for themselves when they have the focus.
const SCROLL_REGIONS: &str = ".listing-scroll, .dump, .group-frames, .virtual-list, .outcome pre, .embed-snippet-text";

/// A plain left click, which the page handles itself; modified ones (new tab, new window)
/// are left to the browser, which follows the real link.
pub fn plain_click(ev: &leptos::ev::MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}

/// The click handler of a link to lesson `id` (`href="?lesson=id"`): a plain click opens it
/// in the page, as a new history entry.
pub fn open_lesson_on_click(page: PageContext, id: &'static str) -> impl Fn(leptos::ev::MouseEvent) + Copy {
    move |ev| {
        if plain_click(&ev) {
            ev.prevent_default();
            page.open_lesson(id);
        }
    }
}

/// The variant compared with `variant`: its safe or leaky counterpart.
fn counterpart(lesson: &str, variant: &str) -> Option<&'static str> {
    let ids = crate::url_state::variant_ids(lesson);
    let want = if variant == "safe" { "leaky" } else { "safe" };
    ids.into_iter().find(|v| *v == want)
}

/// The highlighted listing of a variant, with the lines that differ from its counterpart.
fn listing_lines(key: &live::ConfigKey, variant: &str) -> (Vec<Vec<highlight::Span>>, BTreeSet<u32>) {
    let Ok((cfg, _)) = key.config(variant) else { return (Vec::new(), BTreeSet::new()) };
    let exprs = highlight::knob_exprs(&cfg);
    let lines = highlight::highlighted(key.lesson, variant, &exprs).unwrap_or_default();
    let changed = counterpart(key.lesson, variant)
        .map(|other| highlight::changed_lines(key.lesson, variant, other))
        .unwrap_or_default();
    (lines, changed)
}

/// One lesson with all its regions; in embed mode only those an `<iframe>` needs.
#[component]
fn LessonPage() -> impl IntoView {
    let page = expect_context::<PageContext>();
    let live = expect_context::<Live>();
    let lesson = Memo::new(move |_| page.url.with(|state| state.lesson));
    let embed = Memo::new(move |_| page.url.with(|state| state.embed));
    let compare = Memo::new(move |_| page.url.with(|state| state.compare));
    let full = move || !embed.get();
    let title = move || crate::i18n::tr(catalog::lesson(lesson.get()).unwrap_or(catalog::DEFAULT_LESSON).title);
    let variant = Signal::derive(move || page.url.with(|state| state.variant.clone()));
    let panel = Signal::derive(move || page.url.with(|state| state.panel));
    let key = Memo::new(move |_| page.url.with(live::ConfigKey::of));
    let listing = Memo::new(move |_| listing_lines(&key.get(), &variant.get()));
    let other_variant = Memo::new(move |_| {
        let v = variant.get();
        compare.get().then(|| live::compared_variant(lesson.get(), &v)).flatten()
    });
    let other_listing = Memo::new(move |_| other_variant.get().map(|v| listing_lines(&key.get(), v)));
    let comparing = move || other_variant.with(Option::is_some);
    let badges = Signal::derive(move || live.views.with(|v| v.first().map(|v| v.badges.clone()).unwrap_or_default()));
    let other_badges =
        Signal::derive(move || live.views.with(|v| v.get(1).map(|v| v.badges.clone()).unwrap_or_default()));
    let selected_line = Signal::derive(move || live.selected_line.get());
    let on_badge = Callback::new(move |line: u32| {
        live.selected_line.set(Some(line));
        let g =
            live.views.with_untracked(|v| v.first().and_then(|v| v.groups.iter().position(|g| g.line == Some(line))));
        live.selected_group.set(g);
    });
    let chart_labels = Signal::derive(move || {
        let mut l = vec![variant.get()];
        if let Some(o) = other_variant.get() {
            l.push(o.to_string());
        }
        l
    });
    let error = move || live.error.get();
    let lesson_id = Signal::derive(move || lesson.get().to_string());

    let variant_names = Signal::derive(move || chart_labels.get());
    let name_of = move |i: usize| Signal::derive(move || chart_labels.with(|l| l.get(i).cloned().unwrap_or_default()));

    view! {
        <a class="skip-link" href="#main">{t!("Skip to the lesson")}</a>
        <Show when=full>
            <SiteHeader current=lesson />
        </Show>
        <main
            id="main"
            class="lesson"
            class:embed=move || embed.get()
            class:compare=comparing
            data-testid="lesson"
            data-lesson=move || lesson.get()
        >
            <UrlNotices notices=page.notices />
            <Show when=move || !live.knob_notices.with(Vec::is_empty)>
                <div class="notices" role="status" data-testid="knob-notices">
                    <p class="notices-title">{t!("Some knobs in this link could not be used:")}</p>
                    <ul>
                        {move || {
                            live.knob_notices
                                .get()
                                .iter()
                                .map(|e| view! { <li>{knobs::knob_notice(e)}</li> })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
            <h1 class="lesson-title" data-testid="lesson-title">{title}</h1>
            {move || error().map(|e| view! { <p class="error" role="alert" data-testid="run-error">{e}</p> })}
            // The clock comes first and stays in view (sticky) while the learner reads the
            // code and the goroutines below it; what ended the run follows it.
            <ClockControls />
            <OutcomePanel />
            // In compare mode each variant's goroutines follow its listing: the stylesheet
            // sets the two variants side by side on wide screens, and the reading order stays
            // the visual one.
            <div class="regions">
                <Show when=full>
                    <Narrative lesson=lesson_id />
                </Show>
                <Show when=move || full() && catalog::lesson(lesson.get()).is_some_and(|l| l.quiz)>
                    <Quiz variant />
                </Show>
                <Listing
                    lines=Signal::derive(move || listing.get().0)
                    changed=Signal::derive(move || listing.get().1)
                    badges
                    selected_line
                    on_badge
                >
                    <VariantToggle lesson variant />
                </Listing>
                <Show when=comparing>
                    <GoroutinesView name=name_of(0) />
                    <div class="compare-listing" data-testid="compare-listing">
                        <Listing
                            lines=Signal::derive(move || other_listing.get().map(|l| l.0).unwrap_or_default())
                            changed=Signal::derive(move || other_listing.get().map(|l| l.1).unwrap_or_default())
                            badges=other_badges
                            selected_line=Signal::derive(|| None)
                            on_badge=Callback::new(|_| {})
                            id="compare-listing"
                            title=|| t!("The compared handler")
                        >
                            <p class="compare-label">
                                {t!("Compared with: {0}", crate::i18n::tr_variant(other_variant.get().unwrap_or_default()))}
                            </p>
                        </Listing>
                    </div>
                    <GoroutinesView session=1 name=name_of(1) />
                    <Show when=full>
                        <ChartView labels=chart_labels />
                    </Show>
                </Show>
                <Show when=move || !comparing()>
                    <GoroutinesView name=name_of(0) />
                </Show>
                <Show when=full>
                    <ChannelsView names=variant_names />
                </Show>
                <DumpView panel variants=variant_names />
                <Show when=full>
                    <Knobs lesson />
                </Show>
                <Show when=move || full() && !comparing()>
                    <ChartView labels=chart_labels />
                </Show>
                <Show when=full>
                    <EmbedSnippet title=Signal::derive(title) lines=Signal::derive(move || listing.with(|l| l.0.len())) />
                </Show>
            </div>
        </main>
    }
}
