use leptos::prelude::*;
use std::sync::Arc;

use sim_runtime::{DumpCursor, DumpKind};

use super::dump_text::{find_backward, find_forward, DumpText, Step, SEARCH_WINDOW};
use super::live::perf_now;
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
            t!("/debug/pprof/goroutine?debug=2: every goroutine on its own, with its wait reason, as a crash prints it.")
        }
        Panel::Goleak => {
            t!("What go.uber.org/goleak reports when a test ends: every goroutine except the test's own and the runtime's.")
        }
        Panel::Leak => {
            t!("/debug/pprof/goroutineleak?debug=1 (Go 1.26): counts only the goroutines blocked on a channel, lock or other primitive that no running goroutine can reach any more, so nothing can ever wake them. A goroutine that is merely stuck, such as a sender queued on a full channel that is still drained, is not counted. In its debug=2 form Go lists every goroutine and marks these (leaked) in their headers.")
        }
        _ => t!(
            "/debug/pprof/goroutine?debug=1: goroutines grouped by identical stack, largest group first, with counts."
        ),
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
    Err(t!(
        "This dump lists {0} goroutines one by one and would need about {1} MiB more memory than this page has left (it holds {2} MiB of the {3} MiB a browser tab gives it). The grouped debug=1 dump shows the same stacks with counts; the command line prints any dump of this run:",
        crate::i18n::int(goroutines as u64),
        crate::i18n::int(mb(need)),
        crate::i18n::int(mb(used)),
        crate::i18n::int(mb(PAGE_MEMORY))
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

/// Whether `format` lists every goroutine on its own (debug=2, goleak), printed by code the
/// page loads after the first lesson's.
fn per_goroutine(format: Panel) -> bool {
    matches!(dump_format(Some(format)), Panel::Debug2 | Panel::Goleak)
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

/// The sentence that reconciles a dump's total with the clock's `runtime.NumGoroutine()`.
pub fn total_note(own: usize, extra: usize) -> String {
    match extra {
        0 if own == 1 => t!("The process has ended, so nobody serves this dump: it shows the 1 goroutine as it was.").to_string(),
        0 => t!("The process has ended, so nobody serves this dump: it shows the {0} goroutines as they were.", crate::i18n::int(own as u64)),
        n => t!(
            "Served over HTTP, this dump also lists the {0} goroutines of the profile request itself (the connection goroutine running the pprof handler, and its background read, shown as not yet started; on a real server it may also be in IO wait or mid-read): {1} in all, where the clock shows the program's {2}.",
            n,
            crate::i18n::int((own + n) as u64),
            crate::i18n::int(own as u64)
        ),
    }
}

/// Where the dump region is with the dump of this instant.
#[derive(Clone)]
enum Printed {
    /// Not printed (yet), for this reason.
    Pending(fn() -> &'static str),
    /// Would not fit: the notice and the command, a line each.
    TooBig(String),
    /// Being printed.
    Printing { done: usize, total: usize },
    /// Stopped by the learner part way.
    Stopped { done: usize, total: usize, partial: Arc<DumpText> },
    /// Printed.
    Ready(Arc<DumpText>),
}

/// A dump being printed: whose, how far, and how many goroutines a part prints.
struct PrintJob {
    generation: u64,
    live: Live,
    index: usize,
    kind: DumpKind,
    total: usize,
    cursor: DumpCursor,
    budget: usize,
    text: DumpText,
}

/// About this much printing between two frames, ms.
const SLICE_MS: f64 = 12.0;

/// Prints parts of the dump for about [`SLICE_MS`], then yields to the page and goes on, as
/// long as `current` still holds the job `generation` (a new instant, format or Stop replaces
/// or removes it).
fn print_slice(current: StoredValue<Option<PrintJob>, LocalStorage>, generation: u64, printed: RwSignal<Printed>) {
    let mine =
        |c: &mut Option<PrintJob>| if c.as_ref().map(|j| j.generation) == Some(generation) { c.take() } else { None };
    let Some(mut state) = current.try_update_value(mine).flatten() else { return };
    let start = perf_now();
    while !state.cursor.done && perf_now() - start < SLICE_MS {
        let before = (perf_now(), state.cursor.written);
        let piece = state.live.dump_part(state.index, state.kind, &mut state.cursor, state.budget);
        state.text.push(&piece);
        // Aim the next part at a quarter of a slice.
        let took = (perf_now() - before.0).max(0.05);
        let per = took / (state.cursor.written - before.1).max(1) as f64;
        state.budget = ((SLICE_MS / 4.0 / per) as usize).clamp(50, 100_000);
        // Room for the whole dump at once, estimated from what the first part printed: growing
        // half a gigabyte of text by doubling would copy it, a long pause each time.
        if before.1 == 0 && state.cursor.written > 0 {
            state.text.reserve_for(state.total, state.cursor.written);
        }
    }
    if state.cursor.done {
        printed.set(Printed::Ready(Arc::new(state.text)));
        return;
    }
    printed.set(Printed::Printing { done: state.cursor.written, total: state.total });
    current.set_value(Some(state));
    gloo_timers::callback::Timeout::new(0, move || print_slice(current, generation, printed)).forget();
}

/// A search through a dump's text: what, which way, and from which byte.
struct FindJob {
    text: Arc<DumpText>,
    query: String,
    backward: bool,
    at: usize,
}

/// Searches a window of the text per step, yielding to the page between steps, as long as
/// `search` still holds `generation`; then marks and shows the line found, or says there is none.
fn find_step(
    mut job: FindJob,
    generation: u64,
    search: StoredValue<u64>,
    found: RwSignal<Option<usize>>,
    goto: RwSignal<Option<usize>>,
    note: RwSignal<String>,
) {
    if search.try_get_value() != Some(generation) {
        return;
    }
    let start = perf_now();
    loop {
        let step = if job.backward {
            find_backward(&job.text.text, &job.query, job.at, SEARCH_WINDOW)
        } else {
            find_forward(&job.text.text, &job.query, job.at, SEARCH_WINDOW)
        };
        match step {
            Step::Found(pos) => {
                let line = job.text.line_of(pos);
                found.set(Some(pos));
                goto.set(Some(line));
                note.set(t!(
                    "Line {0} of {1}",
                    crate::i18n::int((line + 1) as u64),
                    crate::i18n::int(job.text.lines() as u64)
                ));
                return;
            }
            Step::End => {
                found.set(None);
                note.set(if job.backward {
                    t!("No match before this one; the next search starts from the end.").to_string()
                } else {
                    t!("No match after this one; the next search starts from the top.").to_string()
                });
                return;
            }
            Step::Continue(at) => job.at = at,
        }
        if perf_now() - start >= SLICE_MS {
            let len = job.text.text.len().max(1);
            let done = if job.backward { len - job.at.min(len) } else { job.at };
            note.set(t!("Searching… {0} %", done * 100 / len));
            let keep = StoredValue::new_local(Some(job));
            gloo_timers::callback::Timeout::new(0, move || {
                if let Some(job) = keep.try_update_value(Option::take).flatten() {
                    find_step(job, generation, search, found, goto, note);
                }
            })
            .forget();
            return;
        }
    }
}

/// The text: a `<pre>` when short, else a virtual list of its lines.
fn text_view(t: Arc<DumpText>, goto: RwSignal<Option<usize>>) -> impl IntoView {
    let n = t.lines();
    if n <= INLINE_LINES {
        view! { <pre class="dump" data-testid="dump-text" tabindex="0" aria-label=t!("Dump text")>{t.text.clone()}</pre> }
            .into_any()
    } else {
        view! {
            <div class="dump" data-testid="dump-text-virtual" data-lines=n>
                <VirtualList
                    len=n
                    row_height=18.0
                    height=420.0
                    label=t!("Dump lines")
                    goto=goto
                    row=move |i| t.line(i).to_owned()
                />
            </div>
        }
        .into_any()
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
            view! { <div class="toggle-group" role="group" aria-label=t!("Variant of the dump")>{buttons}</div> }
        })
    };
    // Per-goroutine dumps of more than a few thousand goroutines are printed when the clock
    // stops, a part at a time between frames (a debug=2 dump of a million goroutines takes
    // seconds), with progress and a way to stop. A dump that would not fit in the page's
    // memory is not printed: a notice says so and names the command that prints it.
    let printed = RwSignal::new(Printed::Pending(|| ""));
    let job = StoredValue::new(0u64);
    let current = StoredValue::new_local(None::<PrintJob>);
    let again = RwSignal::new(0u64);
    Effect::new(move |_| {
        live.revision.track();
        again.track();
        let i = session.get() as usize;
        let goroutines = live.views.with(|v| v.get(i).map_or(0, |v| v.goroutines));
        let format = dump_format(panel.get());
        let generation = job.get_value() + 1;
        job.set_value(generation);
        current.set_value(None);
        // While catching up with a link's instant the views show an earlier one: print
        // nothing until the clock is there.
        if live.busy() || live.copying.get() {
            printed.set(Printed::Pending(|| t!("The dump is printed when the clock reaches its instant.")));
            return;
        }
        if live.playing.get() && goroutines > 5_000 && !matches!(format, Panel::Debug1 | Panel::Leak) {
            printed.set(Printed::Pending(|| t!("Pause the clock to print this dump.")));
            return;
        }
        // The per-goroutine formats are printed by code that comes with the later lessons'
        // (`lazy.rs`): it is fetched, usually long before, once the page is interactive.
        if per_goroutine(format) && !crate::lazy::ready() {
            match crate::lazy::failure() {
                Some(why) => {
                    let cmd = page.url.with_untracked(|u| cli_command(u, live.now(), report_name(format)));
                    let notice = t!("The code that prints this dump could not be loaded ({0}); reload the page to try again, or print it with the command line:", why);
                    printed.set(Printed::TooBig(format!("{notice}\n{cmd}")));
                }
                None => {
                    // `failure` tracks the code's arrival (or failure): this runs again then.
                    printed.set(Printed::Pending(|| t!("Loading the code that prints this dump…")));
                    crate::lazy::load();
                }
            }
            return;
        }
        if let Err(notice) = dump_fits(format, goroutines, memory_used()) {
            let cmd = page.url.with_untracked(|u| cli_command(u, live.now(), report_name(format)));
            printed.set(Printed::TooBig(format!("{notice}\n{cmd}")));
            return;
        }
        let total = goroutines + live.profile_request_goroutines(i);
        current.set_value(Some(PrintJob {
            generation,
            live,
            index: i,
            kind: kind(format),
            total,
            cursor: DumpCursor::default(),
            budget: 500,
            text: DumpText::default(),
        }));
        print_slice(current, generation, printed);
    });
    let stop = move |_| {
        if let Some(state) = current.try_update_value(Option::take).flatten() {
            printed.set(Printed::Stopped {
                done: state.cursor.written,
                total: state.total,
                partial: Arc::new(state.text),
            });
        }
    };
    let shown = move || match printed.get() {
        Printed::Ready(t) => Some(t),
        Printed::Stopped { partial, .. } => Some(partial),
        _ => None,
    };
    let counts = move || {
        live.revision.track();
        let i = session.get() as usize;
        let own = live.pulse.with(|p| p.1.get(i).copied().unwrap_or(0));
        (own, live.profile_request_goroutines(i))
    };
    let part = RwSignal::new(0usize);
    let copy = move |_| {
        if let Some(t) = shown() {
            if t.part_count() > 1 {
                browser::copy_text(t.part(part.get_untracked().min(t.part_count() - 1)));
            } else {
                browser::copy_text(&t.text);
            }
        }
    };
    let download = move |_| {
        if let Some(t) = shown() {
            let name = format!("goroutine-{}.txt", dump_format(panel.get_untracked()));
            browser::download_in_parts(name, t, "text/plain");
        }
    };
    // Gzipped in the dump worker, which is loaded for it the first time (a moment).
    let profile_note = RwSignal::new(String::new());
    let profile = move |_| {
        profile_note.set(t!("Compressing the profile…").to_string());
        let index = session.get_untracked() as usize;
        // The profile's encoder comes with the later lessons' code (`lazy.rs`).
        crate::lazy::load_then(move || {
            if let Some(why) = crate::lazy::failure() {
                let _ = profile_note.try_set(t!("The profile could not be made: {0}", why));
                return;
            }
            let raw = live.profile_raw(index);
            browser::download_gzipped("goroutine.pb.gz", &raw, move |failed| {
                let note = failed.map(|why| t!("The profile could not be compressed: {0}", why)).unwrap_or_default();
                // The panel may have been closed meanwhile.
                let _ = profile_note.try_set(note);
            });
        });
    };
    // Finding text: a window of the text per step, between frames.
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(None::<usize>);
    let goto = RwSignal::new(None::<usize>);
    let find_note = RwSignal::new(String::new());
    let search = StoredValue::new(0u64);
    let find = move |backward: bool| {
        let Some(t) = shown() else { return };
        let q = query.get_untracked();
        if q.is_empty() {
            return;
        }
        let generation = search.get_value() + 1;
        search.set_value(generation);
        let from = match (found.get_untracked(), backward) {
            (Some(p), false) => p + 1,
            (Some(p), true) => p + q.len() - 1,
            (None, false) => 0,
            (None, true) => t.text.len(),
        };
        // Searching comes with the later lessons' code (`lazy.rs`), fetched long before a dump
        // is large enough to have a search.
        let job = FindJob { text: t, query: q, backward, at: from };
        crate::lazy::load_then(move || match crate::lazy::failure() {
            Some(why) => find_note.set(t!("The search could not be loaded ({0}); reload the page to try again.", why)),
            None => find_step(job, generation, search, found, goto, find_note),
        });
    };
    let parts_menu = move || {
        shown().filter(|t| t.part_count() > 1).map(|t| {
            let options = (0..t.part_count())
                .map(|k| view! { <option value=k.to_string() selected=move || part.get() == k>{t.part_label(k)}</option> })
                .collect_view();
            view! {
                <label class="dump-part">
                    {t!("Copy ")}
                    <select
                        data-testid="dump-part"
                        on:change=move |ev| part.set(event_target_value(&ev).parse().unwrap_or(0))
                    >
                        {options}
                    </select>
                </label>
            }
        })
    };
    let finder = move || {
        shown().filter(|t| t.lines() > INLINE_LINES).map(|_| {
            view! {
                <form
                    class="dump-find"
                    role="search"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        find(false);
                    }
                >
                    <label>
                        {t!("Find ")}
                        <input
                            type="search"
                            data-testid="dump-find"
                            prop:value=move || query.get()
                            on:input=move |ev| {
                                query.set(event_target_value(&ev));
                                found.set(None);
                            }
                            on:keydown=move |ev: web_sys::KeyboardEvent| {
                                if ev.key() == "Enter" && ev.shift_key() {
                                    ev.prevent_default();
                                    find(true);
                                }
                            }
                        />
                    </label>
                    <button type="submit" data-testid="dump-find-next">{t!("Next")}</button>
                    <button type="button" data-testid="dump-find-previous" on:click=move |_| find(true)>{t!("Previous")}</button>
                    <span class="find-note" role="status" data-testid="dump-find-note">{move || find_note.get()}</span>
                </form>
            }
        })
    };
    let body = move || {
        match printed.get() {
        Printed::TooBig(text) => view! {
            <div class="notices" role="status" data-testid="dump-too-big">
                <p>{text.split_once('\n').map_or(text.clone(), |(n, _)| n.to_string())}</p>
                <pre>{text.split_once('\n').map_or(String::new(), |(_, c)| c.to_string())}</pre>
            </div>
        }
        .into_any(),
        Printed::Pending(why) => view! { <p class="pending">{why()}</p> }.into_any(),
        Printed::Printing { done, total } => {
            let pct = (done * 100).checked_div(total).unwrap_or(100).min(100);
            view! {
                <p class="dump-printing" role="status" data-testid="dump-printing">
                    {t!("Printing the dump: {0} of {1} goroutines ({2} %). ", crate::i18n::int(done as u64), crate::i18n::int(total as u64), pct)}
                    <progress max="100" value=pct.to_string() aria-label=t!("Printing the dump")></progress>
                    <button type="button" data-testid="dump-stop" on:click=stop>{t!("Stop")}</button>
                </p>
            }
            .into_any()
        }
        Printed::Stopped { done, total, partial } => view! {
            <p class="dump-printing" role="status" data-testid="dump-stopped">
                {t!("Stopped after {0} of {1} goroutines: below are the first. ", crate::i18n::int(done as u64), crate::i18n::int(total as u64))}
                <button type="button" data-testid="dump-print-all" on:click=move |_| again.update(|n| *n += 1)>{t!("Print it all")}</button>
            </p>
            {text_view(partial, goto)}
        }
        .into_any(),
        Printed::Ready(t) if t.text.is_empty() => {
            view! { <p class="pending" data-testid="dump-text">{t!("(no goroutines to report)")}</p> }.into_any()
        }
        Printed::Ready(t) => text_view(t, goto).into_any(),
    }
    };
    view! {
        <Region id="dump" title=|| t!("Goroutine dump")>
            {sessions}
            <div class="toggle-group" role="group" aria-label=t!("Dump format") data-testid="dump-format">
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
                {parts_menu}
                <button type="button" data-testid="dump-copy" on:click=copy>
                    {move || if shown().is_some_and(|t| t.part_count() > 1) { t!("Copy part") } else { t!("Copy") }}
                </button>
                <button type="button" data-testid="dump-download" on:click=download>{t!("Download")}</button>
                <button type="button" data-testid="profile-download" on:click=profile>
                    {t!("Download profile (.pb.gz for go tool pprof)")}
                </button>
                <span class="dump-note" role="status" data-testid="profile-status">{move || profile_note.get()}</span>
            </div>
            {finder}
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
    fn dumps_that_would_not_fit_say_so() {
        assert!(dump_fits(Panel::Debug1, 10_000_000, 3 << 30).is_ok(), "debug=1 is grouped: always small");
        assert!(dump_fits(Panel::Debug2, 100_000, 1 << 30).is_ok());
        let e = dump_fits(Panel::Goleak, 1_187_939, 2900 << 20).unwrap_err();
        assert!(e.contains("1,187,939 goroutines") && e.contains("about 1,246 MiB more"), "{e}");
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
        assert!(total_note(1, 0).ends_with("it shows the 1 goroutine as it was."), "{}", total_note(1, 0));
    }
}
