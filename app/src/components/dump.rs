use leptos::prelude::*;
use sim_runtime::DumpKind;

use super::live::Live;
use super::region::Region;
use super::virtual_list::VirtualList;
use super::PageContext;
use crate::browser;
use crate::url_state::Panel;

/// The formats the dump region can show, with their button labels.
const FORMATS: [(Panel, &str); 3] = [(Panel::Debug1, "debug=1"), (Panel::Debug2, "debug=2"), (Panel::Goleak, "goleak")];

/// Dumps longer than this are shown through a virtual list instead of one `<pre>`.
const INLINE_LINES: usize = 3000;

/// The dump format on screen: the one the URL names, or `debug=1` when it names another panel
/// or none.
pub fn dump_format(panel: Option<Panel>) -> Panel {
    match panel {
        Some(format @ (Panel::Debug1 | Panel::Debug2 | Panel::Goleak)) => format,
        _ => Panel::Debug1,
    }
}

fn kind(panel: Panel) -> DumpKind {
    match panel {
        Panel::Debug2 => DumpKind::Debug2,
        Panel::Goleak => DumpKind::Goleak,
        _ => DumpKind::Debug1,
    }
}

/// The goroutine dump of this instant, exactly as the virtual server serves it, with copy
/// and download, and the protobuf profile for `go tool pprof`.
#[component]
pub fn DumpView(
    /// The panel the URL opens; decides the format shown.
    #[prop(into)]
    panel: Signal<Option<Panel>>,
) -> impl IntoView {
    let page = expect_context::<PageContext>();
    let live = expect_context::<Live>();
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
    // Large dumps are printed when the clock stops: a debug=2 dump of 100,000 goroutines
    // takes longer than a frame.
    let text = Memo::new(move |_| {
        live.revision.track();
        let big = live.views.with(|v| v.first().is_some_and(|v| v.goroutines > 5_000));
        let format = dump_format(panel.get());
        if live.playing.get() && big && format != Panel::Debug1 {
            return None;
        }
        Some(live.dump(0, kind(format)))
    });
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
    let profile = move |_| browser::download("goroutine.pb.gz", &live.profile(), "application/gzip");
    let body = move || match text.get() {
        None => view! { <p class="pending">"Pause the clock to print this dump."</p> }.into_any(),
        Some(t) if t.is_empty() => {
            view! { <p class="pending" data-testid="dump-text">"(no goroutines to report)"</p> }.into_any()
        }
        Some(t) => {
            let lines: Vec<String> = t.lines().map(str::to_owned).collect();
            if lines.len() <= INLINE_LINES {
                view! { <pre class="dump" data-testid="dump-text" tabindex="0">{t}</pre> }.into_any()
            } else {
                let n = lines.len();
                let lines = StoredValue::new(lines);
                view! {
                    <div class="dump" data-testid="dump-text-virtual" data-lines=n>
                        <VirtualList len=n row_height=18.0 height=420.0 label="Dump lines" row=move |i| lines.with_value(|l| l[i].clone()) />
                    </div>
                }
                    .into_any()
            }
        }
    };
    view! {
        <Region id="dump" title="Goroutine dump">
            <div class="toggle-group" role="group" aria-label="Dump format" data-testid="dump-format">
                {buttons}
            </div>
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
    }
}
