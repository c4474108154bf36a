//! "Your dump": the frame of the page that reads a learner's own goroutine dump.
//!
//! The lessons must not download what only this page needs, so its interface is a wasm module
//! of its own (`dumppage/`), and its parser a Web Worker (`dumpworker/`) that the module
//! starts; Trunk builds both next to the app (`app/index.html`) without loading them. This
//! component renders the title and the URL's notices, then imports the module and lets it
//! render (with its stylesheet, `public/your-dump.css`) into its box.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::notices::UrlNotices;
use super::PageContext;

/// The page's id in the header's `current`.
pub const PAGE_ID: &str = "your-dump";

/// Imports the page's module (next to `index.html`), initialises it and mounts it into the
/// box in the page's language (`LANG`, replaced by `en` or `de`: the module speaks it and
/// tells its worker; switching the language renders this component again, so the module is
/// mounted anew); the promise of the module is kept for [`UNLOAD`]. A module that cannot load
/// says so in the box (`FAILED`, the sentence in the page's language).
const LOAD: &str = "const el = document.getElementById('yd-host'); if (!el) return; \
    window.__leaklabDumpPage = import('./dumppage.js').then(async (m) => { await m.default(); \
    if (el.isConnected) m.mount(el, 'LANG'); return m; }, (e) => { el.textContent = \
    FAILED.replace('{0}', String(e)); })";

/// Unmounts the module (once it has loaded).
const UNLOAD: &str = "const p = window.__leaklabDumpPage; window.__leaklabDumpPage = undefined; \
    if (p) p.then((m) => { if (m) m.unmount(); });";

fn run(js: &str) {
    let _ = js_sys::Function::new_no_args(js).call0(&JsValue::NULL);
}

/// The page.
#[component]
pub fn YourDump() -> impl IntoView {
    let page = expect_context::<PageContext>();
    let lang = crate::i18n::lang_untracked().code();
    let failed = t!("The Your dump page could not be loaded ({0}); reload the page to try again.", "{0}");
    let load = LOAD.replace("'LANG'", &format!("{lang:?}")).replace("FAILED", &format!("{failed:?}"));
    // After the box is in the document.
    request_animation_frame(move || run(&load));
    on_cleanup(|| run(UNLOAD));
    view! {
        <main id="main" class="lesson your-dump" data-testid="your-dump">
            <UrlNotices notices=page.notices />
            <h1 class="lesson-title">{t!("Your dump")}</h1>
            <div class="yd-host" id="yd-host">
                <p class="pending" data-testid="yd-loading">{t!("Loading the dump reader (your dump will stay in this browser)…")}</p>
            </div>
        </main>
    }
}
