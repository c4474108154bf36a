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
        Panel::Leak => DumpKind::Leak1,
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
            "/debug/pprof/goroutineleak?debug=1 (Go 1.26): counts only the goroutines blocked on a channel, lock or \
             other primitive that no running goroutine can reach any more, so nothing can ever wake them. A \
             goroutine that is merely stuck, such as a sender queued on a full channel that is still drained, is \
             not counted. In its debug=2 form Go lists every goroutine and marks these (leaked) in their headers."
        }
        _ => "/debug/pprof/goroutine?debug=1: goroutines grouped by identical stack, largest group first, with counts.",
    }
}

/// The most memory a wasm32 page can hold, less a margin for the page itself.
const PAGE_MEMORY: u64 = (4 << 30) - (256 << 20);
/// What printing and showing a per-goroutine dump costs per goroutine, in bytes: about 450
/// of text, printed inside the simulation's heap and copied out, plus the line index.
const DUMP_BYTES_PER_GOROUTINE: u64 = 1100;

/// Whether a dump of `goroutines` in `format` fits in what the page has left (`used` bytes of
/// memory so far); if not, the sentence that says so.
pub fn dump_fits(format: Panel, goroutines: usize, used: u64) -> Result<(), String> {
    // The grouped formats are small whatever the count.
    if matches!(dump_format(Some(format)), Panel::Debug1 | Panel::Leak) {
        return Ok(());
    }
    let need = goroutines as u64 * DUMP_BYTES_PER_GOROUTINE;
    if used + need <= PAGE_MEMORY {
        return Ok(());
    }
    let mb = |b: u64| (b + (1 << 19)) >> 20;
    Err(format!(
        "This dump lists {goroutines} goroutines one by one and would need about {} MiB more memory than this page \
         has left (it holds {} MiB of the {} MiB a browser tab gives it). The grouped debug=1 dump shows the same \
         stacks with counts; the command line prints any dump of this run:",
        mb(need),
        mb(used),
        mb(PAGE_MEMORY)
    ))
}

/// The `leaklab` command that prints `report` for the run the URL describes.
pub fn cli_command(url: &crate::url_state::UrlState, at: sim_runtime::Time, report: &str) -> String {
    let mut cmd = format!("leaklab run {} --variant {}", url.lesson, url.variant);
    for (k, v) in &url.knobs {
        cmd.push_str(&format!(" --{k} {v}"));
    }
    if let Some(seed) = url.seed {
        cmd.push_str(&format!(" --seed {seed}"));
    }
    cmd.push_str(&format!(" --at {at} --report {report}"));
    cmd
}

fn report_name(panel: Panel) -> &'static str {
    match dump_format(Some(panel)) {
        Panel::Debug2 => "debug2",
        Panel::Goleak => "goleak",
        Panel::Leak => "leak1",
        _ => "debug1",
    }
}

/// Bytes of memory the page holds now.
fn memory_used() -> u64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0, |b| b.byte_length() as u64)
}

/// Where each line of `text` starts (a trailing newline starts no line).
pub fn line_starts(text: &str) -> Vec<u32> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1))
        .filter(|&i| (i as usize) < text.len())
        .collect()
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
             goroutine running the pprof handler, and its background read, shown as not yet started; on a real \
             server it may also be in IO wait or mid-read): {} in all, where the clock shows the program's {own}.",
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
    let session = RwSignal::new(0u64);
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
                            aria-pressed=move || if session.get() == i as u64 { "true" } else { "false" }
                            on:click=move |_| session.set(i as u64)
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
    // A dump that would not fit in the page's memory is not printed: a notice says so and
    // names the command that prints it.
    // The notice's sentence and the command, a line each.
    let too_big = RwSignal::new(None::<String>);
    let text = Memo::new(move |_| {
        live.revision.track();
        let i = session.get() as usize;
        let goroutines = live.views.with(|v| v.get(i).map_or(0, |v| v.goroutines));
        let format = dump_format(panel.get());
        if live.playing.get() && goroutines > 5_000 && !matches!(format, Panel::Debug1 | Panel::Leak) {
            too_big.set(None);
            return None;
        }
        if let Err(notice) = dump_fits(format, goroutines, memory_used()) {
            let cmd = page.url.with_untracked(|u| cli_command(u, live.now(), report_name(format)));
            too_big.set(Some(format!("{notice}\n{cmd}")));
            return None;
        }
        too_big.set(None);
        Some(live.dump(i, kind(format)))
    });
    let counts = move || {
        live.revision.track();
        let i = session.get() as usize;
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
    let profile = move |_| {
        browser::download("goroutine.pb.gz", &live.profile(session.get_untracked() as usize), "application/gzip")
    };
    let body = move || match text.get() {
        None => match too_big.get() {
            Some(text) => view! {
                <div class="notices" role="status" data-testid="dump-too-big">
                    <p>{text.split_once('\n').map_or(text.clone(), |(n, _)| n.to_string())}</p>
                    <pre>{text.split_once('\n').map_or(String::new(), |(_, c)| c.to_string())}</pre>
                </div>
            }
            .into_any(),
            None => view! { <p class="pending">"Pause the clock to print this dump."</p> }.into_any(),
        },
        Some(t) if t.is_empty() => {
            view! { <p class="pending" data-testid="dump-text">"(no goroutines to report)"</p> }.into_any()
        }
        Some(t) => {
            // Line starts, four bytes a line: a dump of a million goroutines has some fifteen
            // million lines, and a string per line would not fit in the page's memory.
            let starts = line_starts(&t);
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
        assert_eq!(kind(Panel::Leak), DumpKind::Leak1);
    }

    #[test]
    fn lines_are_cut_out_of_the_text() {
        let t = "a\nbb\n\nccc\n";
        let starts = line_starts(t);
        let lines: Vec<&str> = (0..starts.len()).map(|i| line_at(t, &starts, i)).collect();
        assert_eq!(lines, t.lines().collect::<Vec<_>>());
        assert_eq!(line_at(t, &starts, 99), "");
    }

    #[test]
    fn dumps_that_would_not_fit_say_so() {
        assert!(dump_fits(Panel::Debug1, 10_000_000, 3 << 30).is_ok(), "debug=1 is grouped: always small");
        assert!(dump_fits(Panel::Debug2, 100_000, 1 << 30).is_ok());
        let e = dump_fits(Panel::Goleak, 1_187_939, 2900 << 20).unwrap_err();
        assert!(e.contains("1187939 goroutines") && e.contains("about 1246 MiB more"), "{e}");
        let url = crate::url_state::parse_query("?lesson=unbounded-send&variant=leaky&rate=2000&duration=10m").state;
        assert_eq!(
            cli_command(&url, sim_runtime::Time(600_000_000_000), "goleak"),
            "leaklab run unbounded-send --variant leaky --duration 10m --rate 2000 --at 10m0s --report goleak"
        );
    }

    #[test]
    fn the_total_note_adds_up() {
        assert!(total_note(21, 2).contains("2 goroutines of the profile request"));
        assert!(total_note(21, 2).contains("23 in all, where the clock shows the program's 21"));
        assert!(total_note(3, 0).contains("has ended"));
    }
}
