//! The code that only the lessons after the first run, loaded when it is first wanted.
//!
//! The release build moves it into a wasm of its own (`app/tools/post-build.mjs`, with
//! binaryen's `wasm-split`): every lesson's simulation but the first lesson's, the virtual
//! `http.Client`, the review's quiz. What the first lesson needs is all in the wasm that
//! `index.html` loads, so it is shown and runs without the second one; the page fetches that
//! one once the first lesson is interactive, or before it builds another lesson's run.
//!
//! The JavaScript side (written into wasm-bindgen's JS by the same hook) is
//! `window.__leaklabLazy`: `load()` (a promise; fetches, compiles and instantiates the second
//! wasm once) and `ready()`. Should split-out code ever run before it is there, the
//! placeholder the split left in its place loads it synchronously first (and counts it in
//! `syncLoads`, which a test holds at zero for the first lesson). A build without the split
//! (debug, native) has no `__leaklabLazy`: all code is there already.
//!
//! The other lessons' listings come with their code: in the browser `lessons` is built with
//! `fetched-listings`, and they are fetched from `text/listings.txt` (every build).

use std::cell::{Cell, RefCell};

use leptos::prelude::*;

thread_local! {
    /// Tells views and effects waiting for the code that it came.
    static ARRIVED: ArcTrigger = ArcTrigger::new();
    /// Why loading it failed, if it did.
    static FAILED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether a load is under way (one at a time).
    static LOADING: Cell<bool> = const { Cell::new(false) };
    /// What runs once it has come.
    static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

/// Whether lesson `id` may run code of the second wasm: every lesson but the registry's first.
pub fn needed(id: &str) -> bool {
    id != crate::catalog::DEFAULT_LESSON.id
}

/// The other lessons' listings (`sitetext::listings`), fetched with their code.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const LISTINGS: &str = "text/listings.txt";

/// Whether the other lessons' code and listings are there (the code always, in a build
/// without the split).
pub fn ready() -> bool {
    if !lessons::catalog::listings_supplied() {
        return false;
    }
    #[cfg(target_arch = "wasm32")]
    {
        let f = js_sys::Function::new_no_args("const l = window.__leaklabLazy; return !l || l.ready();");
        f.call0(&wasm_bindgen::JsValue::NULL).ok().and_then(|v| v.as_bool()).unwrap_or(true)
    }
    #[cfg(not(target_arch = "wasm32"))]
    true
}

/// Whether lesson `id` can run now. When it cannot, the view or effect that asked is run again
/// once the code has come (only then is it tracked: the first lesson's page and run are never
/// rebuilt by the arrival of code they do not use), and loading starts.
pub fn usable(id: &str) -> bool {
    if !needed(id) || ready() {
        return true;
    }
    ARRIVED.with(|a| a.track());
    if FAILED.with(|f| f.borrow().is_none()) {
        load();
    }
    false
}

/// Why the code could not be loaded, if it could not (tracked).
pub fn failure() -> Option<String> {
    ARRIVED.with(|a| a.track());
    FAILED.with(|f| f.borrow().clone())
}

/// Starts loading the second wasm, unless it is there or on its way; views and effects that
/// asked [`usable`] run again when it has come (or failed).
pub fn load() {
    load_then(|| {});
}

/// [`load`], then `done` (at once, if the code is there).
pub fn load_then(done: impl FnOnce() + 'static) {
    if ready() {
        done();
        return;
    }
    load_boxed(Box::new(done));
}

#[cfg(target_arch = "wasm32")]
fn load_boxed(done: Box<dyn FnOnce()>) {
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsValue;
    WAITING.with(|w| w.borrow_mut().push(done));
    if LOADING.with(|l| l.replace(true)) {
        return;
    }
    // Two parts, the listings and the second wasm; the waiting callers run when both are in.
    let left = Rc::new(Cell::new(2u8));
    let error = Rc::new(RefCell::new(None::<String>));
    let part: Rc<dyn Fn(Option<String>)> = Rc::new(move |e: Option<String>| {
        if let Some(e) = e {
            error.borrow_mut().get_or_insert(e);
        }
        left.set(left.get() - 1);
        if left.get() == 0 {
            LOADING.with(|l| l.set(false));
            FAILED.with(|f| *f.borrow_mut() = error.borrow_mut().take());
            ARRIVED.with(|a| a.notify());
            for done in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
                done();
            }
        }
    });
    if lessons::catalog::listings_supplied() {
        part(None);
    } else {
        let part = part.clone();
        crate::browser::fetch_text(LISTINGS, move |text| {
            part(text.and_then(|t| lessons::catalog::supply_listings(&t).map(|_| ())).err());
        });
    }
    let (ok, err) = (part.clone(), part);
    let ok = Closure::once_into_js(move || ok(None));
    let err = Closure::once_into_js(move |e: JsValue| err(Some(e.as_string().unwrap_or_else(|| format!("{e:?}")))));
    let start = js_sys::Function::new_with_args(
        "ok, err",
        "const l = window.__leaklabLazy; if (!l) { ok(); return; } l.load().then(() => ok(), (e) => err(String(e)))",
    );
    let _ = start.call2(&JsValue::NULL, &ok, &err);
}

#[cfg(not(target_arch = "wasm32"))]
fn load_boxed(done: Box<dyn FnOnce()>) {
    let _ = (&LOADING, &ARRIVED, &WAITING);
    done();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_lesson_is_in_the_first_wasm() {
        let first = crate::catalog::LESSONS[0].id;
        assert!(!needed(first));
        assert!(crate::catalog::LESSONS[1..].iter().all(|l| needed(l.id)));
        // Natively everything is there.
        assert!(usable("review") && ready() && failure().is_none());
        let called = std::rc::Rc::new(Cell::new(false));
        let c = called.clone();
        load_then(move || c.set(true));
        assert!(called.get());
    }

    #[test]
    fn the_fetched_listings_are_the_lessons_own() {
        let file = sitetext::listings(&sitetext::root().join("lessons/content")).unwrap();
        assert_eq!(
            lessons::catalog::supply_listings(&file),
            Ok(lessons::lessons().iter().map(|l| l.variants.len()).sum())
        );
        let fetched = lessons::catalog::fetched_for_tests();
        for lesson in lessons::lessons() {
            for v in &lesson.variants {
                let got = fetched.iter().find(|(l, id, _)| *l == lesson.id && *id == v.id).map(|e| e.2);
                assert_eq!(got, Some(v.template), "{}/{}", lesson.id, v.id);
            }
        }
        assert!(lessons::catalog::supply_listings("no listings").is_err());
        assert!(lessons::catalog::supply_listings("\u{1}nameless").is_err());
    }
}
