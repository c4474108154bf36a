use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::region::Region;
use crate::highlight::{Class, Span};

/// The Go handler, highlighted, one row per line: its number, a badge with the goroutines
/// parked on it, a mark if it differs from the other variant.
#[component]
pub fn Listing(
    /// The highlighted lines (`highlight::highlighted`).
    #[prop(into)]
    lines: Signal<Vec<Vec<Span>>>,
    /// The 1-based lines that differ from the other variant.
    #[prop(into)]
    changed: Signal<BTreeSet<u32>>,
    /// How many goroutines are parked on each line, by 1-based line.
    #[prop(into)]
    badges: Signal<BTreeMap<u32, usize>>,
    /// The line of the selected goroutine, if one is selected.
    #[prop(into)]
    selected_line: Signal<Option<u32>>,
    /// Called with the line whose badge was clicked: select the goroutines parked there.
    on_badge: Callback<u32>,
    /// Shown above the code (the variant toggle).
    #[prop(optional)]
    children: Option<Children>,
    /// The region's id, `listing` unless given: a second listing on the page (comparing
    /// variants) needs another, and its badges' test ids then start with it (`<id>-badge-L`).
    #[prop(optional)]
    id: Option<&'static str>,
    /// The region's heading, "The Go handler" unless given (two listings need two names).
    #[prop(optional)]
    title: Option<fn() -> &'static str>,
) -> impl IntoView {
    let id = id.unwrap_or("listing");
    let title = title.unwrap_or(|| t!("The Go handler"));
    let badge_prefix = if id == "listing" { String::new() } else { format!("{id}-") };
    let scroller = NodeRef::<leptos::html::Div>::new();
    // Bring the selected line into view inside the code box, never by scrolling the page.
    Effect::new(move |_| {
        if let (Some(line), Some(scroller)) = (selected_line.get(), scroller.get()) {
            keep_in_view(&scroller, line);
        }
    });
    // When a line's badge lights up, bring that line into view in the code box too (unless
    // the learner has selected another): the leak is where the badge is.
    let lit_before = StoredValue::new(None::<Vec<u64>>);
    Effect::new(move |_| {
        let now: Vec<u64> = badges.with(|b| b.keys().map(|&l| u64::from(l)).collect());
        let before = lit_before.get_value();
        if let (Some(before), Some(scroller)) = (before, scroller.get_untracked()) {
            let new = now.iter().find(|l| !before.contains(l));
            if let (Some(&line), None) = (new, selected_line.get_untracked()) {
                show_near_top(&scroller, line as u32);
            }
        }
        lit_before.set_value(Some(now));
    });
    view! {
        <Region id title>
            {children.map(|children| children())}
            // Focusable so that keyboard users can scroll long lines sideways.
            <p class="legend listing-legend">
                {t!("The number beside a line counts the goroutines parked on it (select them with it); ")}
                <span aria-hidden="true">"+"</span>
                {t!(" marks a line that differs from the other variant.")}
            </p>
            <div class="listing-scroll" node_ref=scroller tabindex="0" role="group" aria-label="main.go">
                <pre class="listing">
                    <code>
                        <For
                            each=move || lines.get().into_iter().enumerate()
                            key=|(index, spans)| (*index, spans.clone())
                            children=move |(index, spans)| {
                                view! {
                                    <Line
                                        badge_prefix=badge_prefix.clone()
                                        number=index as u32 + 1
                                        spans
                                        changed
                                        badges
                                        selected_line
                                        on_badge
                                    />
                                }
                            }
                        />
                    </code>
                </pre>
            </div>
        </Region>
    }
}

/// One row of the listing.
#[component]
fn Line(
    badge_prefix: String,
    number: u32,
    spans: Vec<Span>,
    changed: Signal<BTreeSet<u32>>,
    badges: Signal<BTreeMap<u32, usize>>,
    selected_line: Signal<Option<u32>>,
    on_badge: Callback<u32>,
) -> impl IntoView {
    // Memos, so that a new snapshot touches only the rows whose count changed.
    let parked = Memo::new(move |_| badges.with(|b| b.get(&number).copied().unwrap_or(0)));
    let has_badge = Memo::new(move |_| parked.get() > 0);
    let is_changed = Memo::new(move |_| changed.with(|c| c.contains(&number)));
    let is_selected = Memo::new(move |_| selected_line.get() == Some(number));
    let badge = move || {
        has_badge.get().then(|| {
            let label = move || {
                let n = parked.get();
                if n == 1 {
                    t!("1 goroutine parked on line {0} — select it", number)
                } else {
                    t!("{0} goroutines parked on line {1} — select them", crate::i18n::int(n as u64), number)
                }
            };
            view! {
                <button
                    type="button"
                    class="line-badge"
                    data-testid=format!("{badge_prefix}badge-{number}")
                    aria-label=label
                    on:click=move |_| on_badge.run(number)
                >
                    {move || parked.get()}
                </button>
            }
        })
    };
    let mark = move || {
        is_changed.get().then(|| {
            view! {
                <span aria-hidden="true">"+"</span>
                <span class="visually-hidden">{t!("changed in this variant: ")}</span>
            }
        })
    };
    let code = spans
        .into_iter()
        .map(|span| match span.class {
            Class::Plain => span.text.into_owned().into_any(),
            class => view! { <span class=class.css() data-knob=span.knob>{span.text.into_owned()}</span> }.into_any(),
        })
        .collect_view();
    view! {
        <span
            class="line"
            class:changed=is_changed
            class:selected=is_selected
            data-line=number
            aria-current=move || is_selected.get().then_some("true")
        >
            <span class="gutter">
                <span class="gutter-badge">{badge}</span>
                <span class="line-number">{number}</span>
                <span class="line-mark">{mark}</span>
            </span>
            <span class="src">{code}"\n"</span>
        </span>
    }
}

/// The row of `line` in the code box.
fn row_of(scroller: &web_sys::HtmlElement, line: u32) -> Option<web_sys::HtmlElement> {
    scroller.query_selector(&format!("[data-line=\"{line}\"]")).ok().flatten()?.dyn_into().ok()
}

/// Scrolls the code box, and only it, so that `line` sits a few lines below its top (where
/// the box is most likely on screen), unless it is in the upper half already.
fn show_near_top(scroller: &web_sys::HtmlElement, line: u32) {
    let Some(row) = row_of(scroller, line) else { return };
    let (top, view_top, height) = (row.offset_top(), scroller.scroll_top(), scroller.client_height());
    if top < view_top || top > view_top + height / 2 {
        scroller.set_scroll_top((top - row.offset_height() * 3).max(0));
    }
}

/// Scrolls the code box, and only it, so that `line` is visible.
fn keep_in_view(scroller: &web_sys::HtmlElement, line: u32) {
    let Some(row) = row_of(scroller, line) else { return };
    // The box is `position: relative`, so it is the row's offset parent.
    let (top, bottom) = (row.offset_top(), row.offset_top() + row.offset_height());
    let (view_top, height) = (scroller.scroll_top(), scroller.client_height());
    let margin = row.offset_height() * 2;
    if top < view_top {
        scroller.set_scroll_top((top - margin).max(0));
    } else if bottom > view_top + height {
        scroller.set_scroll_top(bottom + margin - height);
    }
}
