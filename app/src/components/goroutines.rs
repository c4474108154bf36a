use leptos::prelude::*;

use super::live::Live;
use super::region::Region;
use super::virtual_list::VirtualList;
use crate::state::session::{GroupView, StateKind};

/// The glyph and word for a state kind, so that state never rests on colour alone.
fn kind_label(kind: StateKind) -> (&'static str, &'static str) {
    match kind {
        StateKind::Running => ("●", "running"),
        StateKind::Waiting => ("◐", "waiting"),
        StateKind::Leaked => ("✖", "leaked"),
    }
}

/// The state kind's word as the learner reads it (the English word is also the CSS class).
fn kind_word(kind: StateKind) -> &'static str {
    match kind {
        StateKind::Running => t!("running"),
        StateKind::Waiting => t!("waiting"),
        StateKind::Leaked => t!("leaked"),
    }
}

/// The goroutines, grouped by identical stack (as panicparse groups a dump), with counts,
/// wait reasons and longest waits. Selecting a group marks its line in the listing and
/// its channel; expanding it lists its goroutines.
#[component]
pub fn GoroutinesView(
    /// Which session (0, or 1 for the second variant in compare mode).
    #[prop(optional)]
    session: usize,
    /// The variant's name, shown in compare mode.
    #[prop(into)]
    name: Signal<String>,
) -> impl IntoView {
    let live = expect_context::<Live>();
    let groups = move || live.views.with(|v| v.get(session).map(|v| v.groups.clone()).unwrap_or_default());
    let comparing = move || live.views.with(|v| v.len() > 1);
    view! {
        <Region id=if session == 0 { "goroutines" } else { "goroutines-2" } title=|| t!("Goroutines")>
            {move || comparing().then(|| view! { <p class="compare-label" data-testid=format!("goroutines-variant-{session}")>{t!("Variant: {0}", crate::i18n::tr_variant(&name.get()))}</p> })}
            <ul class="legend" data-testid="goroutine-legend">
                <li><span aria-hidden="true">"● "</span>{t!("running or runnable")}</li>
                <li><span aria-hidden="true">"◐ "</span>{t!("waiting: parked, but something can still wake it (a timer, the network, a channel another goroutine still uses)")}</li>
                <li><span aria-hidden="true">"✖ "</span>{t!("leaked: parked on a channel or lock that no running goroutine can reach, so nothing will ever wake it (what Go 1.26's goroutineleak profile marks ")}<code>"(leaked)"</code>{t!("; the debug=1 and debug=2 dumps print only the wait reason)")}</li>
            </ul>
            <ol class="groups" data-testid=format!("goroutine-groups-{session}")>
                {move || {
                    groups()
                        .into_iter()
                        .enumerate()
                        .map(|(i, g)| view! { <Group index=i group=g session /> })
                        .collect_view()
                }}
            </ol>
        </Region>
    }
}

#[component]
fn Group(index: usize, group: GroupView, session: usize) -> impl IntoView {
    let live = expect_context::<Live>();
    let expanded = RwSignal::new(false);
    let kind = group.kind();
    let (glyph, word) = kind_label(kind);
    let line = group.line;
    let selected = move || session == 0 && live.selected_group.get() == Some(index);
    let top = group.frames.first().cloned().unwrap_or_default();
    // How long the longest-waiting one has been parked, once that is worth saying.
    let wait = group
        .longest_wait
        .filter(|d| kind != StateKind::Running && d.0 >= 1_000_000)
        .map(|d| d.round(sim_runtime::Duration::MILLISECOND).to_string());
    let wait = move || wait.as_ref().map(|d| t!("waiting up to {0}", crate::i18n::duration(d))).unwrap_or_default();
    let goids = StoredValue::new(group.goids.clone());
    let frames = group.frames.clone();
    let created = group.created_by.clone();
    let count = group.count;
    let stack_label = move || {
        if count == 1 {
            t!("Stack of this goroutine").to_string()
        } else {
            t!("Stack of these {0} goroutines", crate::i18n::int(count as u64))
        }
    };
    view! {
        <li
            class=format!("group state-{word}")
            class:selected=selected
            data-testid=format!("goroutine-group-{index}")
        >
            <button
                type="button"
                class="group-head"
                aria-expanded=move || if expanded.get() { "true" } else { "false" }
                on:click=move |_| {
                    expanded.update(|e| *e = !*e);
                    if session == 0 {
                        live.selected_group.set(Some(index));
                        live.selected_line.set(line);
                    }
                }
            >
                <span class="group-count">{count}</span>
                <span class="group-state">
                    <span aria-hidden="true">{glyph}</span>
                    {format!(" [{}]", group.state)}
                    <span class="state-word">{move || format!(" {}", kind_word(kind))}</span>
                </span>
                <span class="group-top">{top}</span>
                <span class="group-wait">{wait}</span>
            </button>
            <Show when=move || expanded.get()>
                <div class="group-body">
                    // Long frames scroll sideways: focusable, so the keyboard can scroll them,
                    // and named, so a screen reader says what has the focus.
                    <pre class="group-frames" tabindex="0" role="group" aria-label=stack_label>
                        {frames.join("\n")}
                        {created.clone().map(|c| format!("\ncreated by {c}"))}
                    </pre>
                    <VirtualList
                        len=count
                        row_height=20.0
                        height=160.0
                        label=t!("Goroutine ids")
                        row=move |i| goids.with_value(|g| format!("goroutine {}", g[i]))
                    />
                </div>
            </Show>
        </li>
    }
}
