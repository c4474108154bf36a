use leptos::prelude::*;
use sim_runtime::DumpKind;

use super::live::Live;
use super::region::Region;
use super::virtual_list::VirtualList;
use super::PageContext;
use crate::browser;
use crate::url_state::Panel;

/// The formats the dump region can show, with their button labels.
const FORMATS: [(Panel, &str); 4] = [
    (Panel::Debug1, "debug=1"),
    (Panel::Debug2, "debug=2"),
    (Panel::Goleak, "goleak"),
    (Panel::Leak, "goroutineleak (Go 1.26)"),
];

/// Dumps longer than this are shown through a virtual list instead of one `<pre>`.
const INLINE_LINES: usize = 3000;

/// The dump format on screen: the one the URL names, or `debug=1` when it names another panel
/// or none.
pub fn dump_format(panel: Option<Panel>) -> Panel {
    match panel {
        Some(format @ (Panel::Debug1 | Panel::Debug2 | Panel::Goleak | Panel::Leak)) => format,
        _ => Panel::Debug1,
    }
}

fn kind(panel: Panel) -> DumpKind {
    match panel {
        Panel::Debug2 => DumpKind::Debug2,
        Panel::Goleak => DumpKind::Goleak,
        Panel::Leak => DumpKind::Leak2,
        _ => DumpKind::Debug1,
    }
}

/// What the format is, in one or two sentences under its buttons.
pub fn format_note(panel: Panel) -> &'static str {
    match dump_format(Some(panel)) {
        Panel::Debug2 => {
            "/debug/pprof/goroutine?debug=2: every goroutine on its own, with its wait reason, as a crash prints it."
        }
        Panel::Goleak => {
            "What go.uber.org/goleak reports when a test ends: every goroutine except the test's own and the runtime's."
        }
        Panel::Leak => {
            "/debug/pprof/goroutineleak?debug=2 (Go 1.26): only goroutines blocked on a channel, lock or other \
             primitive that no running goroutine can reach any more, marked (leaked): nothing can ever wake them. \
             A goroutine that is merely stuck, such as a sender queued on a full channel that is still drained, \
             is not listed."
        }
        _ => "/debug/pprof/goroutine?debug=1: goroutines grouped by identical stack, largest group first, with counts.",
    }
}

/// Line `i` of `text` whose lines start at `starts`, without its newline.
pub fn line_at<'a>(text: &'a str, starts: &[u32], i: usize) -> &'a str {
    let from = starts.get(i).map_or(text.len(), |&s| s as usize);
    let to = starts.get(i + 1).map_or(text.len(), |&s| s as usize);
    text.get(from..to).unwrap_or("").trim_end_matches('\n')
}

/// The sentence that reconciles a dump's total with the clock's `runtime.NumGoroutine()`.
pub fn total_note(own: usize, extra: usize) -> String {
    match extra {
        0 => format!("The process has ended, so nobody serves this dump: it shows the {own} goroutines as they were."),
        n => format!(
            "Served over HTTP, this dump also lists the {n} goroutines of the profile request itself (the connection \
             goroutine running the pprof handler, and its background read): {} in all, where the clock shows the \
             program's {own}.",
            own + n
        ),
    }
}

/// The goroutine dump of this instant, exactly as the virtual server serves it, with copy
/// and download, and the protobuf profile for `go tool pprof`. In compare mode a switch
/// chooses the variant whose dump is shown.
#[component]
pub fn DumpView(
    /// The panel the URL opens; decides the format shown.
    #[prop(into)]
    panel: Signal<Option<Panel>>,
    /// The variants on screen (one, or two in compare mode), by name.
    #[prop(into)]
    variants: Signal<Vec<String>>,
) -> impl IntoView {
    let page = expect_context::<PageContext>();
    let live = expect_context::<Live>();
    let session = RwSignal::new(0usize);
    let buttons = FORMATS
        .into_iter()
        .map(|(format, label)| {
            view! {
                <button
                    type="button"
                    class="toggle"
                    data-testid=format!("dump-format-{format}")
                    aria-pressed=move || if dump_format(panel.get()) == format { "true" } else { "false" }
                    on:click=move |_| page.edit(|state| state.panel = Some(format))
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    let sessions = move || {
        let names = variants.get();
        (names.len() > 1).then(|| {
            let buttons = names
                .into_iter()
                .enumerate()
                .map(|(i, name)| {
                    view! {
                        <button
                            type="button"
                            class="toggle"
                            data-testid=format!("dump-session-{i}")
                            aria-pressed=move || if session.get() == i { "true" } else { "false" }
                            on:click=move |_| session.set(i)
                        >
                            {name}
                        </button>
                    }
                })
                .collect_view();
            view! { <div class="toggle-group" role="group" aria-label="Variant of the dump">{buttons}</div> }
        })
    };
    // Large dumps are printed when the clock stops: a debug=2 dump of 100,000 goroutines
    // takes longer than a frame.
    let text = Memo::new(move |_| {
        live.revision.track();
        let i = session.get();
        let big = live.views.with(|v| v.get(i).is_some_and(|v| v.goroutines > 5_000));
        let format = dump_format(panel.get());
        if live.playing.get() && big && format != Panel::Debug1 {
            return None;
        }
        Some(live.dump(i, kind(format)))
    });
    let counts = move || {
        live.revision.track();
        let i = session.get();
        let own = live.pulse.with(|p| p.1.get(i).copied().unwrap_or(0));
        (own, live.profile_request_goroutines(i))
    };
    let copy = move |_| {
        if let Some(t) = text.get_untracked() {
            browser::copy_text(&t);
        }
    };
    let download = move |_| {
        if let Some(t) = text.get_untracked() {
            let name = format!("goroutine-{}.txt", dump_format(panel.get_untracked()));
            browser::download(&name, t.as_bytes(), "text/plain");
        }
    };
    let profile =
        move |_| browser::download("goroutine.pb.gz", &live.profile(session.get_untracked()), "application/gzip");
    let body = move || match text.get() {
        None => view! { <p class="pending">"Pause the clock to print this dump."</p> }.into_any(),
        Some(t) if t.is_empty() => {
            view! { <p class="pending" data-testid="dump-text">"(no goroutines to report)"</p> }.into_any()
        }
        Some(t) => {
            // Line starts, four bytes a line: a dump of a million goroutines has some fifteen
            // million lines, and a string per line would not fit in the page's memory.
            let starts: Vec<u32> = std::iter::once(0)
                .chain(t.match_indices('\n').map(|(i, _)| i as u32 + 1))
                .filter(|&i| (i as usize) < t.len())
                .collect();
            if starts.len() <= INLINE_LINES {
                view! { <pre class="dump" data-testid="dump-text" tabindex="0" aria-label="Dump text">{t}</pre> }
                    .into_any()
            } else {
                let n = starts.len();
                let lines = StoredValue::new((t, starts));
                view! {
                    <div class="dump" data-testid="dump-text-virtual" data-lines=n>
                        <VirtualList
                            len=n
                            row_height=18.0
                            height=420.0
                            label="Dump lines"
                            row=move |i| lines.with_value(|(t, starts)| line_at(t, starts, i).to_owned())
                        />
                    </div>
                }
                .into_any()
            }
        }
    };
    view! {
        <Region id="dump" title="Goroutine dump">
            {sessions}
            <div class="toggle-group" role="group" aria-label="Dump format" data-testid="dump-format">
                {buttons}
            </div>
            <p class="dump-note" data-testid="dump-note">{move || format_note(dump_format(panel.get()))}</p>
            <p class="dump-note" data-testid="dump-total-note">
                {move || {
                    let (own, extra) = counts();
                    let format = dump_format(panel.get());
                    (format == Panel::Debug1 || format == Panel::Debug2).then(|| total_note(own, extra))
                }}
            </p>
            <div class="dump-actions">
                <button type="button" data-testid="dump-copy" on:click=copy>"Copy"</button>
                <button type="button" data-testid="dump-download" on:click=download>"Download"</button>
                <button type="button" data-testid="profile-download" on:click=profile>
                    "Download profile (.pb.gz for go tool pprof)"
                </button>
            </div>
            {body}
        </Region>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_panels_show_the_grouped_dump() {
        assert_eq!(dump_format(None), Panel::Debug1);
        assert_eq!(dump_format(Some(Panel::Chart)), Panel::Debug1);
        assert_eq!(dump_format(Some(Panel::Debug2)), Panel::Debug2);
        assert_eq!(dump_format(Some(Panel::Goleak)), Panel::Goleak);
        assert_eq!(dump_format(Some(Panel::Leak)), Panel::Leak);
        assert_eq!(kind(Panel::Leak), DumpKind::Leak2);
    }

    #[test]
    fn lines_are_cut_out_of_the_text() {
        let t = "a\nbb\n\nccc\n";
        let starts: Vec<u32> = std::iter::once(0)
            .chain(t.match_indices('\n').map(|(i, _)| i as u32 + 1))
            .filter(|&i| (i as usize) < t.len())
            .collect();
        let lines: Vec<&str> = (0..starts.len()).map(|i| line_at(t, &starts, i)).collect();
        assert_eq!(lines, t.lines().collect::<Vec<_>>());
        assert_eq!(line_at(t, &starts, 99), "");
    }

    #[test]
    fn the_total_note_adds_up() {
        assert!(total_note(21, 2).contains("2 goroutines of the profile request"));
        assert!(total_note(21, 2).contains("23 in all, where the clock shows the program's 21"));
        assert!(total_note(3, 0).contains("has ended"));
    }
}
