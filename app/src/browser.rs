//! The few places where the app touches the browser directly: the address bar and the
//! static boot message. Everything here is a thin wrapper; the logic is in [`crate::url_state`].

use leptos::prelude::{document, window};
use wasm_bindgen::JsValue;

/// The query part of the page's URL, with its leading `?` (empty when there is none).
pub fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

/// Puts `query` (starting with `?`) into the address bar as a new history entry. The URL is
/// relative, so the page's path, and with it any sub-path the site is hosted under, stays.
pub fn push_query(query: &str) {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(query));
    }
}

/// Like [`push_query`], but replaces the current history entry: for changes within a lesson
/// that the back button should not step through one by one.
pub fn replace_query(query: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(query));
    }
}

/// The browser's preferred languages, most preferred first (`navigator.languages`).
pub fn preferred_languages() -> Vec<String> {
    let nav = window().navigator();
    let list: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

/// Fetches `url` (relative to the page) as text and hands the text, or why it failed, to
/// `done`. For the texts of the page's languages (`text/<lang>/…`, written next to
/// `index.html` by the `sitetext` build step).
pub fn fetch_text(url: &str, done: impl FnOnce(Result<String, String>) + 'static) {
    fetch_text_boxed(url, Box::new(done));
}

/// [`fetch_text`] with one instance for every caller.
fn fetch_text_boxed(url: &str, done: Box<dyn FnOnce(Result<String, String>)>) {
    use wasm_bindgen::closure::Closure;
    let get = js_sys::Function::new_with_args(
        "u, ok, err",
        "fetch(u).then((r) => r.ok ? r.text() : Promise.reject(u + ': HTTP ' + r.status)).then(ok, (e) => err(String(e)))",
    );
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let done2 = done.clone();
    let ok = Closure::once_into_js(move |text: JsValue| {
        if let Some(f) = done.borrow_mut().take() {
            f(text.as_string().ok_or_else(|| "not text".to_string()));
        }
    });
    let err = Closure::once_into_js(move |e: JsValue| {
        if let Some(f) = done2.borrow_mut().take() {
            f(Err(e.as_string().unwrap_or_else(|| format!("{e:?}"))));
        }
    });
    let _ = get.call3(&JsValue::NULL, &JsValue::from_str(url), &ok, &err);
}

/// Sets `<html lang>`, which screen readers, hyphenation and translators go by.
pub fn set_document_lang(code: &str) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", code);
    }
}

/// Sets the document's title, which is what tabs, bookmarks and history show.
pub fn set_title(title: &str) {
    document().set_title(title);
}

/// Removes the "Loading Leak Lab…" text that `index.html` shows until the WebAssembly runs.
pub fn remove_boot_message() {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
}

/// Replaces the boot message with why the page cannot start: its texts did not come (`why`).
/// In both languages, since neither could be read.
pub fn show_boot_failure(why: &str) {
    if let Some(boot) = document().get_element_by_id("boot") {
        let _ = boot.set_attribute("role", "alert");
        boot.set_text_content(Some(&format!(
            "Leak Lab could not load its texts ({why}); reload the page to try again. · \
             Leak Lab konnte seine Texte nicht laden; lade die Seite neu, um es noch einmal zu versuchen."
        )));
    }
}

/// Puts `text` on the clipboard (best effort: browsers may refuse without a user gesture).
pub fn copy_text(text: &str) {
    let clipboard = window().navigator().clipboard();
    let _ = clipboard.write_text(text);
}

/// Hands a profile's protobuf to the dump worker (`dumpworker/`, loaded only now), which gzips
/// it as `leaklab --report pprof` does: the page's own wasm has no deflate code, which keeps
/// it out of every lesson's download. Calls `resolve` with the gzipped bytes, or `reject` with
/// the worker's encoded failure ([`crate::dump_protocol`]) or the browser's error text.
const GZIP_IN_WORKER: &str = "{ \
    let w; try { w = new Worker('dumpworker_loader.js'); } catch (e) { reject(String(e)); return; } \
    const fail = (m) => { w.terminate(); reject(String(m)); }; \
    w.onerror = (e) => fail(e.message || 'the worker could not be started'); \
    w.onmessage = (e) => { \
      if (e.data instanceof Uint8Array) { w.terminate(); resolve(e.data); } \
      else if (e.data === 'ready') { w.postMessage({ kind: 'gzip', lang: document.documentElement.lang, bytes: raw }, [raw.buffer]); } \
      else fail(e.data); }; }";

/// Gzips `raw` (a profile's protobuf) in the dump worker and offers it as a download named
/// `name`; then calls `done` with `None`, or with what went wrong.
pub fn download_gzipped(name: &'static str, raw: &[u8], done: impl FnOnce(Option<String>) + 'static) {
    use wasm_bindgen::closure::Closure;
    let array = js_sys::Uint8Array::from(raw);
    let start = js_sys::Function::new_with_args("raw, resolve, reject", GZIP_IN_WORKER);
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let failed = done.clone();
    let ok = Closure::once_into_js(move |gz: JsValue| {
        download(name, &js_sys::Uint8Array::new(&gz).to_vec(), "application/gzip");
        if let Some(d) = done.take() {
            d(None);
        }
    });
    let err = Closure::once_into_js(move |e: JsValue| {
        let text = e.as_string().unwrap_or_default();
        let why = match crate::dump_protocol::decode(&text) {
            crate::dump_protocol::ToPage::Failed(m) => m,
            _ => text,
        };
        if let Some(d) = failed.take() {
            d(Some(why));
        }
    });
    let _ = start.call3(&JsValue::NULL, &array, &ok, &err);
}

/// Offers `bytes` as a file download named `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) {
    let array = js_sys::Uint8Array::from(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) =
        web_sys::Blob::new_with_buffer_source_sequence_and_options(&js_sys::Array::of1(&array.buffer()), &options)
    {
        offer(&blob, name);
    }
}

/// Offers `blob` as a file download named `name`.
fn offer(blob: &web_sys::Blob, name: &str) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = wasm_bindgen::JsCast::unchecked_into(a);
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Offers `text`'s bytes as a file download named `name`, copied out of the page's memory 16 MiB at
/// a time between frames (a Blob made of Blobs holds its parts without copying them again),
/// so that half a gigabyte of dump never blocks the page.
pub fn download_in_parts<T: AsRef<[u8]> + 'static>(name: String, text: std::sync::Arc<T>, mime: &'static str) {
    fn step<T: AsRef<[u8]> + 'static>(
        name: String,
        text: std::sync::Arc<T>,
        mime: &'static str,
        at: usize,
        sofar: JsValue,
    ) {
        const STEP: usize = 16 << 20;
        let bytes = (*text).as_ref();
        let end = (at + STEP).min(bytes.len());
        let parts = js_sys::Array::new();
        if !sofar.is_undefined() {
            parts.push(&sofar);
        }
        parts.push(&js_sys::Uint8Array::from(&bytes[at..end]).buffer());
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let Ok(blob) = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options) else { return };
        if end < bytes.len() {
            gloo_timers::callback::Timeout::new(0, move || step(name, text, mime, end, blob.into())).forget();
            return;
        }
        offer(&blob, &name);
    }
    step(name, text, mime, 0, JsValue::UNDEFINED);
}

/// Tells the embedding page (if any) how tall this page is, so the `<iframe>` can fit it.
/// The message carries nothing but the height, so any parent may read it.
pub fn post_height() {
    let Some(body) = document().body() else { return };
    let height = body.scroll_height();
    if let Ok(Some(parent)) = window().parent() {
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"leaklab:height".into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &JsValue::from(height));
        let _ = parent.post_message(&msg, "*");
    }
}

/// Posts the height again whenever the page's content changes size for any reason: a goroutine
/// group opened, another dump format, lines that wrap differently once the parent has resized
/// the frame. (The instant changing is only one of those reasons.) The observer watches the
/// body for as long as the page lives.
pub fn post_height_on_resize() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    // Through `Reflect`, so that web-sys needs no extra features for one constructor.
    let Some(body) = document().body() else { return };
    let Ok(ctor) = js_sys::Reflect::get(&window(), &"ResizeObserver".into()) else { return };
    let Ok(ctor) = ctor.dyn_into::<js_sys::Function>() else { return };
    let callback = Closure::<dyn FnMut()>::new(post_height);
    let Ok(observer) = js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(callback.as_ref())) else { return };
    let observe =
        js_sys::Reflect::get(&observer, &"observe".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(observe) = observe {
        let _ = observe.call1(&observer, &body);
    }
    callback.forget();
    std::mem::forget(observer);
}

/// A command an embedding page may send with `postMessage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedCommand {
    /// Start the clock.
    Play,
    /// Stop the clock.
    Pause,
    /// Step to the next event.
    Step,
    /// Show this virtual instant, in nanoseconds.
    Seek(u64),
}

/// The command in a `message` event, if it comes from an allowed origin: this page's own,
/// or `allowed` (the `parent_origin` URL parameter). Anything else is ignored.
pub fn embed_command(ev: &web_sys::MessageEvent, allowed: Option<&str>) -> Option<EmbedCommand> {
    let own = window().location().origin().ok()?;
    let origin = ev.origin();
    if origin != own && Some(origin.as_str()) != allowed {
        return None;
    }
    let data = ev.data();
    let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok();
    if get("type")?.as_string()?.as_str() != "leaklab:command" {
        return None;
    }
    parse_command(&get("command")?.as_string()?, get("t").and_then(|t| t.as_string()).as_deref())
}

/// Reads a command word and its instant (a Go duration, for `seek`).
pub fn parse_command(command: &str, t: Option<&str>) -> Option<EmbedCommand> {
    // Kept free of browser types so that it is tested natively (see tests below).
    match command {
        "play" => Some(EmbedCommand::Play),
        "pause" => Some(EmbedCommand::Pause),
        "step" => Some(EmbedCommand::Step),
        "seek" => sim_runtime::Duration::parse(t?).ok().map(|d| EmbedCommand::Seek(d.0)),
        _ => None,
    }
}

/// A value kept in the browser's `localStorage` (nothing ever leaves the browser); `None`
/// where storage is unavailable (private modes, sandboxed frames).
pub fn stored(key: &str) -> Option<String> {
    window().local_storage().ok().flatten()?.get_item(key).ok().flatten()
}

/// Keeps `value` under `key` in `localStorage`, where the browser allows it.
pub fn store(key: &str, value: &str) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse_and_reject_garbage() {
        assert_eq!(parse_command("play", None), Some(EmbedCommand::Play));
        assert_eq!(parse_command("seek", Some("1m30s")), Some(EmbedCommand::Seek(90_000_000_000)));
        assert_eq!(parse_command("seek", Some("soon")), None);
        assert_eq!(parse_command("seek", None), None);
        assert_eq!(parse_command("rm -rf", None), None);
    }
}
