//! "Your dump": a learner's own goroutine dump, read, grouped, diffed and explained in the page.
//!
//! This is the page's interface, a wasm module of its own: the app (`app/src/components/
//! your_dump.rs`) renders the page's frame and loads this module only when the page opens, so
//! the lessons never download it. It holds no parser either: a Web Worker (`dumpworker/`,
//! loaded by this module) reads the dump with `dumpread`, groups it and finds its suspects,
//! and posts back progress and the view model ([`dump_protocol`]). Files go to the worker as
//! `File` objects, so this module never holds their bytes. Nothing is sent anywhere: the
//! worker's only channel is this page.
//!
//! The app calls [`mount`] with the element to render into and [`unmount`] when the page
//! closes. A link to a lesson is handed back to the app through the address bar (`pushState`
//! and a `popstate` event, which the app already follows for back and forward).

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

// Shared with the worker and the app, and tested with the app (`cargo test -p app`); this
// module only reads messages, so the writing half is unused here.
#[path = "../../app/src/dump_i18n.rs"]
mod dump_i18n;
#[allow(dead_code)]
#[path = "../../app/src/dump_protocol.rs"]
mod dump_protocol;
#[path = "../../app/src/state/your_dump.rs"]
mod model;

use std::cell::RefCell;

use wasm_bindgen::prelude::wasm_bindgen;

/// The page's stylesheet, which comes with this module rather than with the lessons.
const STYLE: &str = include_str!("../../public/your-dump.css");

thread_local! {
    /// The mounted page; dropping it unmounts it.
    static MOUNTED: RefCell<Option<Box<dyn std::any::Any>>> = RefCell::new(None);
}

/// Renders the page into `parent` (replacing what it shows while this module loads), in the
/// language `lang` (`en` or `de`: the app's, which it passes here; the worker is told it in
/// every request).
#[wasm_bindgen]
pub fn mount(parent: web_sys::HtmlElement, lang: String) {
    console_error_panic_hook::set_once();
    dump_i18n::set_lang(dump_i18n::Lang::from_code(&lang));
    parent.set_inner_html("");
    if let Ok(style) = leptos::prelude::document().create_element("style") {
        style.set_text_content(Some(STYLE));
        let _ = parent.append_child(&style);
    }
    let handle = leptos::mount::mount_to(parent, page::Page);
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
}

/// Removes the page and ends its worker.
#[wasm_bindgen]
pub fn unmount() {
    let handle = MOUNTED.with(|m| m.borrow_mut().take());
    drop(handle);
}

/// The page's origin and path (`https://example.com/leaklab/`), for links to the site.
fn origin_and_path() -> String {
    let l = leptos::prelude::window().location();
    format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default())
}

/// Opens `query` (a link of the site, `?lesson=…`) in the app, as a new history entry: the
/// app reads the address bar on `popstate`. Done after the click's handler has returned,
/// because the app then unmounts this page.
fn open_link(query: String) {
    leptos::prelude::set_timeout(
        move || {
            let w = leptos::prelude::window();
            if let Ok(h) = w.history() {
                let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&query));
            }
            if let Ok(ev) = web_sys::PopStateEvent::new("popstate") {
                let _ = w.dispatch_event(&ev);
            }
        },
        std::time::Duration::ZERO,
    );
}

fn main() {
    // Nothing to start: the app calls `mount`.
}

mod page {
    use std::sync::Arc;

    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    use crate::dump_i18n::{tx, tx1};
    use crate::dump_protocol::{decode, DiffRow, GroupRow, Report, SuspectRow, ToPage};
    use crate::model::{self, Filter};

    /// The worker's loader, written by Trunk next to `index.html` (`data-loader-shim`).
    const WORKER_URL: &str = "dumpworker_loader.js";

    /// Each row of the group lists, in pixels (two lines on narrow screens, one on wide ones).
    const ROW_HEIGHT: usize = 52;
    /// The lists' height at most, in pixels.
    const LIST_HEIGHT: usize = 468;

    /// What the reader is doing.
    #[derive(Clone, Debug, PartialEq)]
    enum Status {
        /// Nothing read yet.
        Idle,
        /// Reading: how far the phase is, in thousandths.
        Working { permille: u32, phase: String },
        /// Read in this many milliseconds (from the request to the view model).
        Done { ms: u64 },
        /// Could not read: why.
        Failed(String),
        /// The learner cancelled.
        Cancelled,
    }

    /// The running worker and its handlers; dropping it ends the worker.
    struct Reader {
        worker: web_sys::Worker,
        _onmessage: Closure<dyn FnMut(web_sys::MessageEvent)>,
        _onerror: Closure<dyn FnMut(web_sys::Event)>,
    }

    impl Drop for Reader {
        fn drop(&mut self) {
            self.worker.terminate();
        }
    }

    fn now_ms() -> f64 {
        window().performance().map_or(0.0, |p| p.now())
    }

    /// A request to the worker, which also says the page's language (`lang`).
    fn object(pairs: &[(&str, &JsValue)]) -> JsValue {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"lang".into(), &crate::dump_i18n::lang().code().into());
        for (k, v) in pairs {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
        }
        o.into()
    }

    /// A chosen or dropped file and its name, for one of the two inputs.
    #[derive(Clone, Copy)]
    struct Input {
        text: NodeRef<leptos::html::Textarea>,
        file: StoredValue<Option<web_sys::File>, LocalStorage>,
        name: RwSignal<Option<String>>,
    }

    impl Input {
        fn new() -> Input {
            Input { text: NodeRef::new(), file: StoredValue::new_local(None), name: RwSignal::new(None) }
        }

        /// The file if one was chosen, else the pasted text if any.
        fn value(self) -> Option<JsValue> {
            if let Some(f) = self.file.with_value(Clone::clone) {
                return Some(f.into());
            }
            let text = self.text.get_untracked().map(|t| t.value()).unwrap_or_default();
            (!text.trim().is_empty()).then(|| JsValue::from_str(&text))
        }

        fn choose(self, file: Option<web_sys::File>) {
            self.name.set(file.as_ref().map(|f| {
                let kib = (f.size() / 1024.0).ceil() as u64;
                format!("{} ({} KiB)", f.name(), crate::dump_i18n::num(kib))
            }));
            self.file.set_value(file);
        }
    }

    /// The page's own part (the app renders its title, intro and URL notices around it).
    #[component]
    pub fn Page() -> impl IntoView {
        let status = RwSignal::new(Status::Idle);
        let report: RwSignal<Option<Arc<Report>>> = RwSignal::new(None);
        let link: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
        let reader: StoredValue<Option<Reader>, LocalStorage> = StoredValue::new_local(None);
        let now = Input::new();
        let base = Input::new();
        let exact = RwSignal::new(false);
        let filter = RwSignal::new(Filter::default());
        let selected: RwSignal<Option<usize>> = RwSignal::new(None);

        // Leaving the page ends the worker and frees its memory.
        on_cleanup(move || {
            let _ = reader.try_update_value(|r| r.take());
        });

        // Starts a worker for `request`: it is posted once the worker says it is ready.
        let start = move |request: JsValue| {
            reader.set_value(None);
            link.set(None);
            status.set(Status::Working { permille: 0, phase: tx("Loading the dump reader").to_string() });
            let worker = match web_sys::Worker::new(WORKER_URL) {
                Ok(w) => w,
                Err(_) => {
                    status
                        .set(Status::Failed(tx("This browser could not start the dump reader (a Web Worker).").into()));
                    return;
                }
            };
            let w = worker.clone();
            let mut pending = Some(request);
            let mut started = 0.0;
            let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let msg = decode(&ev.data().as_string().unwrap_or_default());
                match msg {
                    ToPage::Ready => {
                        if let Some(req) = pending.take() {
                            started = now_ms();
                            if w.post_message(&req).is_err() {
                                status
                                    .set(Status::Failed(tx("The dump could not be handed to the dump reader.").into()));
                            }
                        }
                    }
                    ToPage::Progress { permille, phase } => status.set(Status::Working { permille, phase }),
                    ToPage::Done(r) => {
                        selected.set(None);
                        report.set(Some(Arc::new(*r)));
                        status.set(Status::Done { ms: (now_ms() - started).max(0.0) as u64 });
                    }
                    ToPage::Failed(m) => {
                        report.set(None);
                        status.set(Status::Failed(m));
                    }
                    ToPage::Link(l) => link.set(Some(l.map(|p| model::share_link(&crate::origin_and_path(), &p)))),
                }
            });
            let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                ev.prevent_default();
                report.set(None);
                status.set(Status::Failed(
                    tx("The dump reader could not be loaded or stopped; reload the page to try again.").into(),
                ));
            });
            worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
            worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
            reader.set_value(Some(Reader { worker, _onmessage: onmessage, _onerror: onerror }));
        };

        let read = move || {
            let Some(dump) = now.value() else {
                status.set(Status::Failed(tx("Paste a dump into the box or choose a file first.").into()));
                return;
            };
            let base = base.value().unwrap_or(JsValue::UNDEFINED);
            let exact = JsValue::from_bool(exact.get_untracked());
            start(object(&[("kind", &"analyze".into()), ("now", &dump), ("base", &base), ("exact", &exact)]));
        };
        let cancel = move |_| {
            reader.set_value(None);
            status.set(Status::Cancelled);
        };
        let share = move |_| {
            link.set(None);
            reader.with_value(|r| {
                if let Some(r) = r {
                    let _ = r.worker.post_message(&object(&[("kind", &"share".into())]));
                }
            });
        };
        // A link made by "copy link" carries its dump after `#dump=`: read it at once.
        if let Some(packed) = model::packed_dump(&window().location().hash().unwrap_or_default()) {
            start(object(&[("kind", &"packed".into()), ("text", &JsValue::from_str(packed))]));
        }
        Effect::new(move |_| {
            if let Some(Ok(l)) = link.get() {
                let _ = window().navigator().clipboard().write_text(&l);
            }
        });

        let working = move || matches!(status.get(), Status::Working { .. });
        let query = Memo::new(move |_| filter.with(Filter::parsed));
        let shown = Memo::new(move |_| {
            let q = query.with(|q| q.0.clone());
            report.with(|r| r.as_ref().map(|r| q.select(&r.groups, |g| g)).unwrap_or_default())
        });
        let shown_diff = Memo::new(move |_| {
            let q = query.with(|q| q.0.clone());
            report.with(|r| {
                r.as_ref()
                    .and_then(|r| r.diff.as_ref())
                    .map(|d| q.select(&d.1, |d: &DiffRow| &d.row))
                    .unwrap_or_default()
            })
        });

        let status_view = move || {
            match status.get() {
            Status::Idle => ().into_any(),
            Status::Working { permille, phase } => view! {
                <div class="yd-status" role="status" data-testid="yd-progress">
                    <label for="yd-progress-bar">{tx1("{0}… {1}%", &[&phase, &(permille / 10)])}</label>
                    <progress id="yd-progress-bar" max="1000" value=permille.to_string()></progress>
                    <button type="button" class="toggle" data-testid="yd-cancel" on:click=cancel>{tx("Cancel")}</button>
                </div>
            }
            .into_any(),
            Status::Done { ms } => view! {
                <p class="yd-status" role="status" data-testid="yd-time" data-ms=ms.to_string()>
                    {tx1("Read and grouped in {0} ms, in this tab.", &[&crate::dump_i18n::num(ms)])}
                </p>
            }
            .into_any(),
            Status::Failed(m) => {
                view! { <p class="error" role="alert" data-testid="yd-error">{quoted_go(&m)}</p> }.into_any()
            }
            Status::Cancelled => {
                view! { <p class="yd-status" role="status" data-testid="yd-cancelled">{tx("Cancelled; nothing was read.")}</p> }
                    .into_any()
            }
        }
        };

        let file_field = move |input: Input, id: &'static str, testid: &'static str, auto: bool| {
            let on_change = move |ev: leptos::ev::Event| {
                let el: web_sys::HtmlInputElement = event_target(&ev);
                input.choose(el.files().and_then(|l| l.get(0)));
                if auto {
                    read();
                }
            };
            let on_drop = move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                if let Some(f) = ev.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
                    input.choose(Some(f));
                    if auto {
                        read();
                    }
                }
            };
            let clear = move |_| input.choose(None);
            view! {
                <div class="yd-drop" data-testid=format!("{testid}-drop") on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                    <label for=id>{tx("…or drop a file here, or choose one (text, gzipped text or a .pb.gz profile):")}</label>
                    <input type="file" id=id data-testid=testid on:change=on_change />
                    {move || input.name.get().map(|n| {
                        // The learner's file name is theirs, never translated.
                        let label = tx1("Chosen: {0}", &[&'\u{0}']);
                        let (before, after) = label.split_once('\u{0}').map_or((label.clone(), String::new()), |(b, a)| (b.to_string(), a.to_string()));
                        view! {
                        <p class="yd-file-name">
                            {before}<span translate="no">{n}</span>{after}
                            " "
                            <button type="button" class="toggle" on:click=clear>{tx("Use the text instead")}</button>
                        </p>
                        }
                    })}
                </div>
            }
        };

        view! {
            <div class="yd-page" data-testid="yd-page">
                <p class="yd-intro">
                    {tx("Read your own server's goroutine dump the way the lessons read theirs: goroutines with the \
                         same stack grouped and counted, your code told apart from the standard library, the groups \
                         that look like leaks named and linked to the lesson that shows each, and what grew since an \
                         earlier dump.")}
                    " "
                    <strong>{tx("Your dump stays in this browser tab:")}</strong>
                    " "
                    {tx("it is read by a worker of this page and never uploaded or sent anywhere, so a production \
                         dump is fine here.")}
                </p>
                <form class="region yd-input" aria-labelledby="yd-input-heading" on:submit=move |ev| {
                    ev.prevent_default();
                    read();
                }>
                    <h2 id="yd-input-heading">{tx("The dump")}</h2>
                    <div class="yd-inputs">
                        <fieldset class="yd-field">
                            <legend>{tx("Dump")}</legend>
                            <label for="yd-text">
                                {tx("Paste /debug/pprof/goroutine?debug=1 or ?debug=2, runtime.Stack output, a panic or SIGQUIT trace, or goleak's report:")}
                            </label>
                            <textarea id="yd-text" class="yd-text" data-testid="yd-text" node_ref=now.text rows="8" spellcheck="false" autocomplete="off"></textarea>
                            {file_field(now, "yd-file", "yd-file", true)}
                        </fieldset>
                        <fieldset class="yd-field">
                            <legend>{tx("Base dump (optional)")}</legend>
                            <label for="yd-base-text">{tx("An earlier dump of the same server, to see what grew since:")}</label>
                            <textarea id="yd-base-text" class="yd-text" data-testid="yd-base-text" node_ref=base.text rows="4" spellcheck="false" autocomplete="off"></textarea>
                            {file_field(base, "yd-base-file", "yd-base-file", false)}
                        </fieldset>
                    </div>
                    <p>
                        <label class="yd-check">
                            <input type="checkbox" data-testid="yd-exact" prop:checked=move || exact.get() on:change=move |ev| exact.set(event_target_checked(&ev)) />
                            " "
                            {tx("Group only stacks whose arguments match too (stricter than the default, which ignores them)")}
                        </label>
                    </p>
                    <button type="submit" class="yd-read" data-testid="yd-read" disabled=working>{tx("Read the dump")}</button>
                </form>
                {status_view}
                {move || report.get().map(|r| results(r, filter, query, shown, shown_diff, selected, link, share))}
            </div>
        }
    }

    /// The link to the lesson that teaches a suspect's pattern. A plain click opens it in the page
    /// (the app, which owns the address bar, reads it); others are left to the browser.
    fn lesson_link(s: &SuspectRow) -> impl IntoView {
        let query = s.query.clone();
        let on_click = move |ev: leptos::ev::MouseEvent| {
            let plain = ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
            if plain {
                ev.prevent_default();
                crate::open_link(query.clone());
            }
        };
        view! {
            <a class="yd-lesson" href=s.query.clone() data-testid="yd-lesson-link" on:click=on_click>{s.link_text.clone()}</a>
        }
    }

    /// A scrolling list of `len` rows that renders only those in view (100,000 groups never
    /// become 100,000 DOM nodes). Each row is `ROW_HEIGHT` pixels tall.
    fn rows_list(
        len: Signal<usize>,
        label: &'static str,
        testid: &'static str,
        row: impl Fn(usize) -> AnyView + Send + Sync + 'static,
    ) -> impl IntoView {
        let top = RwSignal::new(0usize);
        let node = NodeRef::<leptos::html::Div>::new();
        let row = Arc::new(row);
        // Another filter makes another list, which starts at its top.
        Effect::new(move |_| {
            len.track();
            top.set(0);
            if let Some(el) = node.get_untracked() {
                el.set_scroll_top(0);
            }
        });
        let height = move || LIST_HEIGHT.min(len.get() * ROW_HEIGHT).max(ROW_HEIGHT);
        view! {
            <div
                class="virtual-list yd-list"
                role="list"
                aria-label=label
                tabindex="0"
                data-testid=testid
                data-rows=move || len.get().to_string()
                node_ref=node
                style=move || format!("height:{}px", height())
                on:scroll=move |ev| top.set(event_target::<web_sys::HtmlElement>(&ev).scroll_top().max(0) as usize)
            >
                <div style=move || format!("height:{}px;position:relative", len.get() * ROW_HEIGHT)>
                    {move || {
                        let n = len.get();
                        let first = top.get() / ROW_HEIGHT;
                        let end = (first + LIST_HEIGHT.div_ceil(ROW_HEIGHT) + 2).min(n);
                        let row = row.clone();
                        (first.min(end)..end)
                            .map(|i| {
                                view! {
                                    <div
                                        role="listitem"
                                        class="yd-slot"
                                        style=format!("top:{}px;height:{ROW_HEIGHT}px", i * ROW_HEIGHT)
                                    >
                                        {row(i)}
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </div>
        }
    }

    /// A group's columns in a row: count (or change), state, innermost function of the program's
    /// own code (marked, or `(std)` when the whole stack is the standard library's).
    fn row_cells(g: &GroupRow, first: String) -> impl IntoView {
        // `(no frames)` is no function of either.
        let function = if g.own || g.frames.is_empty() { g.function.clone() } else { format!("(std) {}", g.function) };
        view! {
            <span class="yd-count">{first}</span>
            <span class="yd-state" translate="no">{g.state.clone()}</span>
            <span class="yd-fn" translate="no" class:yd-own=g.own class:yd-std={!g.own}>{function}</span>
            {g.suspect.is_some().then(|| view! { <span class="yd-flag">{tx("suspect")}</span> })}
        }
    }

    /// A group's details: its waits, its suspect and lesson, its frames (own code marked,
    /// the standard library dimmed).
    fn group_details(g: GroupRow, suspect: Option<SuspectRow>, title: String) -> impl IntoView {
        let minutes = model::minutes_text(&g.minutes);
        let frames = g
            .frames
            .iter()
            .map(|f| {
                view! {
                    <li class:yd-own={!f.std} class:yd-std={f.std}>
                        <code class="yd-frame-fn">{f.function.clone()}</code>
                        " "
                        <span class="yd-loc" translate="no">{f.location.clone()}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="yd-details" data-testid="yd-details" tabindex="-1">
                <h3>{title}</h3>
                {(!minutes.is_empty()).then(|| view! { <p class="yd-minutes">{tx1("Waiting: {0}.", &[&minutes])}</p> })}
                {suspect.map(|s| view! {
                    <p class="yd-reason">{s.reason.clone()}</p>
                    <p>{lesson_link(&s)}</p>
                })}
                <p class="yd-legend">{tx("Innermost frame first; your code is marked, the standard library is dimmed.")}</p>
                <ol class="yd-frames group-frames" tabindex="0" aria-label=tx("Frames, innermost first")>{frames}</ol>
            </div>
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn results(
        r: Arc<Report>,
        filter: RwSignal<Filter>,
        query: Memo<(model::Query, Option<String>)>,
        shown: Memo<Vec<u32>>,
        shown_diff: Memo<Vec<u32>>,
        selected: RwSignal<Option<usize>>,
        link: RwSignal<Option<Result<String, String>>>,
        share: impl Fn(leptos::ev::MouseEvent) + 'static,
    ) -> impl IntoView {
        let total = r.groups.len();
        let suspects = r
            .suspects
            .iter()
            .map(|s| {
                let g = s.group;
                view! {
                    <li class="yd-suspect" data-testid="yd-suspect">
                        <p>
                            <strong>{model::goroutines(s.count)}</strong>
                            {tx(" in ")}
                            <code>{r.groups.get(g).map(|g| g.function.clone()).unwrap_or_default()}</code>
                            ": "
                            <span data-testid="yd-reason">{s.reason.clone()}</span>
                        </p>
                        <p class="yd-suspect-links">
                            {lesson_link(s)}
                            " "
                            <button type="button" class="toggle" on:click=move |_| selected.set(Some(g))>{tx("Show the group")}</button>
                        </p>
                    </li>
                }
            })
            .collect_view();
        let notes = r
            .notes
            .iter()
            .map(|(line, text)| view! { <li><span class="yd-loc">{tx1("line {0}: ", &[&line])}</span><code>{text.clone()}</code></li> })
            .collect_view();
        let has_notes = !r.notes.is_empty();

        let text_filter =
            move |label: &'static str, id: &'static str, hint: &'static str, field: fn(&mut Filter) -> &mut String| {
                let value = move || {
                    let mut f = filter.get();
                    std::mem::take(field(&mut f))
                };
                view! {
                    <div class="yd-filter">
                        <label for=id>{label}</label>
                        <input
                            id=id
                            type="text"
                            data-testid=id
                            placeholder=hint
                            autocomplete="off"
                            spellcheck="false"
                            prop:value=value
                            on:input=move |ev| filter.update(|f| *field(f) = event_target_value(&ev))
                        />
                    </div>
                }
            };

        let groups = r.clone();
        let group_row = move |i: usize| {
            let Some(gi) = shown.with(|s| s.get(i).copied()) else { return ().into_any() };
            let gi = gi as usize;
            let Some(g) = groups.groups.get(gi) else { return ().into_any() };
            view! {
                <button
                    type="button"
                    class="yd-row"
                    data-testid="yd-group"
                    aria-pressed=move || (selected.get() == Some(gi)).to_string()
                    on:click=move |_| selected.set(Some(gi))
                >
                    {row_cells(g, crate::dump_i18n::num(g.count))}
                </button>
            }
            .into_any()
        };
        let details_of = r.clone();
        let details = move || {
            let i = selected.get()?;
            let g = details_of.groups.get(i)?.clone();
            let s = g.suspect.and_then(|s| details_of.suspects.get(s).cloned());
            let title = format!("{}: {}", model::goroutines(g.count), if g.state.is_empty() { "-" } else { &g.state });
            Some(group_details(g, s, title))
        };

        let diff = r.diff.clone().map(|(headline, rows)| {
            let rows = Arc::new(rows);
            let all = rows.len();
            let diff_selected: RwSignal<Option<usize>> = RwSignal::new(None);
            let list_rows = rows.clone();
            let diff_row = move |i: usize| {
                let Some(di) = shown_diff.with(|s| s.get(i).copied()) else { return ().into_any() };
                let di = di as usize;
                let Some(d) = list_rows.get(di) else { return ().into_any() };
                view! {
                    <button
                        type="button"
                        class="yd-row yd-diff-row"
                        data-testid="yd-diff-row"
                        aria-pressed=move || (diff_selected.get() == Some(di)).to_string()
                        on:click=move |_| diff_selected.set(Some(di))
                    >
                        <span class="yd-delta" class:yd-grew={d.delta > 0}>{model::delta(d.delta)}</span>
                        {row_cells(&d.row, format!("{} → {}", crate::dump_i18n::num(d.base), crate::dump_i18n::num(d.now)))}
                    </button>
                }
                .into_any()
            };
            let details = move || {
                let d = rows.get(diff_selected.get()?)?.clone();
                let title = format!(
                    "{} ({} → {}): {}",
                    model::delta(d.delta),
                    crate::dump_i18n::num(d.base),
                    crate::dump_i18n::num(d.now),
                    d.row.state
                );
                Some(group_details(d.row, None, title))
            };
            view! {
                <section class="region yd-diff" aria-labelledby="yd-diff-heading" data-testid="yd-diff">
                    <h2 id="yd-diff-heading">{tx("What changed since the base dump")}</h2>
                    <p data-testid="yd-diff-headline">{headline}</p>
                    <p class="yd-legend">{tx("Each stack's change in count, largest growth first (as go tool pprof -diff_base shows it); then count before → now.")}</p>
                    <p class="yd-shown" role="status">{move || model::shown_of(shown_diff.with(Vec::len), all, true)}</p>
                    {rows_list(Signal::derive(move || shown_diff.with(Vec::len)), tx("Changes by stack"), "yd-diff-list", diff_row)}
                    {details}
                </section>
            }
        });

        view! {
            <section class="region yd-summary" aria-labelledby="yd-summary-heading" data-testid="yd-summary">
                <h2 id="yd-summary-heading">{tx("What it is")}</h2>
                <p data-testid="yd-headline">{r.headline.clone()}</p>
                {r.truncated.clone().map(|t| view! {
                    <p class="notices" role="status" data-testid="yd-truncated">
                        {tx1("The dump stops inside a goroutine ({0}); everything before that was read, that goroutine is left out.", &[&t])}
                    </p>
                })}
                {has_notes.then(|| view! {
                    <details class="yd-notes">
                        <summary>{tx("Text around the goroutines")}</summary>
                        <ul>{notes}</ul>
                    </details>
                })}
                {r.shareable.then(|| view! {
                    <p>
                        <button type="button" class="toggle" data-testid="yd-share" on:click=share>{tx("Copy a link with this dump")}</button>
                        " "
                        {tx("The link carries the dump itself (after #, which browsers never send to a server); make one only for a dump you may share.")}
                    </p>
                })}
                {move || link.get().map(|l| match l {
                    Ok(l) => view! {
                        <p>
                            <label for="yd-link">{tx("Link (on the clipboard if the browser allowed it):")}</label>
                            " "
                            <input id="yd-link" class="yd-link" data-testid="yd-link" readonly prop:value=l />
                        </p>
                    }.into_any(),
                    Err(e) => view! { <p class="error" role="alert" data-testid="yd-link-error">{e}</p> }.into_any(),
                })}
            </section>
            <section class="region yd-suspects" aria-labelledby="yd-suspects-heading" data-testid="yd-suspects">
                <h2 id="yd-suspects-heading">{tx("Suspects")}</h2>
                {if r.suspects.is_empty() {
                    view! { <p data-testid="yd-no-suspects">{tx("No group looks like a leak: no crowd of goroutines of your own code has been parked for minutes, nor piled up on one line.")}</p> }.into_any()
                } else {
                    view! { <ul class="yd-suspect-list">{suspects}</ul> }.into_any()
                }}
            </section>
            <section class="region yd-groups" aria-labelledby="yd-groups-heading" data-testid="yd-groups">
                <h2 id="yd-groups-heading">{tx("Groups")}</h2>
                <div class="yd-filters" role="search" aria-label=tx("Filter the groups")>
                    {text_filter(tx("Function contains"), "yd-filter-function", "handler", |f| &mut f.function)}
                    {text_filter(tx("Package"), "yd-filter-package", "net/http", |f| &mut f.package)}
                    {text_filter(tx("State contains"), "yd-filter-state", "chan send", |f| &mut f.state)}
                    {text_filter(tx("Waited at least (min)"), "yd-filter-minutes", "10", |f| &mut f.min_minutes)}
                    <label class="yd-check">
                        <input type="checkbox" data-testid="yd-filter-own" prop:checked=move || filter.with(|f| f.own_code) on:change=move |ev| filter.update(|f| f.own_code = event_target_checked(&ev)) />
                        " "
                        {tx("Only stacks with your code")}
                    </label>
                </div>
                {move || query.with(|q| q.1.clone()).map(|m| view! { <p class="error" role="alert" data-testid="yd-filter-error">{m}</p> })}
                <p class="yd-shown" role="status" data-testid="yd-shown">
                    {move || model::shown_of(shown.with(Vec::len), total, false)}
                </p>
                <p class="yd-legend" aria-hidden="true">{tx("Count · state (longest wait) · innermost function of your code")}</p>
                {rows_list(Signal::derive(move || shown.with(Vec::len)), tx("Groups, largest first"), "yd-group-list", group_row)}
                {details}
            </section>
            {diff}
        }
    }

    /// A message with the dump's own text quoted in backticks (`goroutine 7 [chan se`): each quote,
    /// backticks included, as code that is never translated, the rest as text.
    fn quoted_go(message: &str) -> Vec<AnyView> {
        let ticks = message.matches('`').count();
        let mut out = Vec::new();
        for (i, piece) in message.split('`').enumerate() {
            if i % 2 == 1 && i < ticks {
                out.push(view! { <code translate="no">{format!("`{piece}`")}</code> }.into_any());
            } else if i % 2 == 1 {
                // An opening backtick that nothing closes: plain text, as it came.
                out.push(format!("`{piece}").into_any());
            } else if !piece.is_empty() {
                out.push(piece.to_string().into_any());
            }
        }
        out
    }
}
