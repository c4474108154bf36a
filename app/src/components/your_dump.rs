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
/// box; the promise of the module is kept for [`UNLOAD`]. A module that cannot load says so
/// in the box.
const LOAD: &str = "const el = document.getElementById('yd-host'); if (!el) return; \
    window.__leaklabDumpPage = import('./dumppage.js').then(async (m) => { await m.default(); \
    if (el.isConnected) m.mount(el); return m; }, (e) => { el.textContent = \
    'The Your dump page could not be loaded (' + e + '); reload the page to try again.'; })";

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
    // After the box is in the document.
    request_animation_frame(|| run(LOAD));
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
