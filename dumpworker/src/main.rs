//! The worker's entry point in the browser: takes the page's requests, answers with
//! [`dumpworker::protocol::ToPage`] messages as text.
//!
//! Requests are plain objects:
//! - `{kind: "analyze", now, base, exact}`: `now` and `base` (optional) are a `File`/`Blob`
//!   (read here with `FileReaderSync`, so the page never holds the bytes) or a string;
//! - `{kind: "packed", text}`: a dump packed into a link (`#dump=`), unpacked and analysed;
//! - `{kind: "share"}`: packs the current dump for a link, if it is small enough;
//! - `{kind: "gzip", bytes}`: gzips a lesson's profile protobuf (a `Uint8Array`) as
//!   `leaklab --report pprof` does, and posts the gzipped `Uint8Array` back (the lesson page's
//!   own wasm has no deflate code).
//!
//! Nothing is fetched or sent anywhere: the only channel is `postMessage` to the page.

#[cfg(target_arch = "wasm32")]
mod glue {
    use std::cell::RefCell;

    use dumpread::Grouping;
    use dumpworker::i18n::{set_lang, tx, tx1, Lang};
    use dumpworker::protocol::ToPage;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    thread_local! {
        /// The current dump's text, kept only when it could go into a link.
        static SHAREABLE: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(msg: &ToPage) {
        let _ = scope().post_message(&JsValue::from_str(&msg.encode()));
    }

    fn get(obj: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// The bytes of a string, a `Blob` or a `File`; `None` for anything else.
    fn bytes(value: &JsValue) -> Option<Vec<u8>> {
        if let Some(s) = value.as_string() {
            return Some(s.into_bytes());
        }
        let blob = value.dyn_ref::<web_sys::Blob>()?;
        let buffer = web_sys::FileReaderSync::new().ok()?.read_as_array_buffer(blob).ok()?;
        Some(js_sys::Uint8Array::new(&buffer).to_vec())
    }

    fn analyze(now: Vec<u8>, base: Option<Vec<u8>>, exact: bool) {
        let keep = dumpworker::shareable(&now).then(|| String::from_utf8_lossy(&now).into_owned());
        SHAREABLE.with(|s| *s.borrow_mut() = None);
        let how = if exact { Grouping::Exact } else { Grouping::IgnoreArgs };
        let mut progress = |permille, phase: &str| post(&ToPage::Progress { permille, phase: phase.to_string() });
        match dumpworker::analyze_inputs(now, base, how, &mut progress) {
            Ok(report) => {
                SHAREABLE.with(|s| *s.borrow_mut() = keep);
                post(&ToPage::Done(Box::new(report)));
            }
            Err(e) => post(&ToPage::Failed(e)),
        }
    }

    fn handle(data: JsValue) {
        // Every request says the page's language; the messages answering it speak it.
        set_lang(Lang::from_code(&get(&data, "lang").as_string().unwrap_or_default()));
        match get(&data, "kind").as_string().as_deref() {
            Some("analyze") => {
                let Some(now) = bytes(&get(&data, "now")) else {
                    return post(&ToPage::Failed(tx("The dump could not be read from the file.").to_string()));
                };
                let base = get(&data, "base");
                let base = if base.is_undefined() || base.is_null() { None } else { bytes(&base) };
                analyze(now, base, get(&data, "exact").is_truthy());
            }
            Some("packed") => match dumpread::share::unpack(&get(&data, "text").as_string().unwrap_or_default()) {
                Ok(text) => analyze(text.into_bytes(), None, false),
                Err(e) => {
                    post(&ToPage::Failed(tx1("This link's dump cannot be read: {0}.", &[&dumpworker::share_error(&e)])))
                }
            },
            Some("share") => {
                let packed = SHAREABLE.with(|s| match s.borrow().as_deref() {
                    Some(text) => {
                        dumpread::share::pack(text).map_err(|e| tx1("No link: {0}.", &[&dumpworker::share_error(&e)]))
                    }
                    None => Err(tx("No link: only a text dump of at most 256 KiB can go into a link.").to_string()),
                });
                post(&ToPage::Link(packed));
            }
            Some("gzip") => {
                let raw = js_sys::Uint8Array::new(&get(&data, "bytes")).to_vec();
                let gz = js_sys::Uint8Array::from(&sim_runtime::pprof::gzip(&raw)[..]);
                let transfer = js_sys::Array::of1(&gz.buffer());
                if scope().post_message_with_transfer(&gz, &transfer).is_err() {
                    post(&ToPage::Failed(tx("The profile could not be handed back to the page.").to_string()));
                }
            }
            _ => post(&ToPage::Failed(tx("The dump reader got a request it does not know.").to_string())),
        }
    }

    pub fn start() {
        // A bug must not leave the page waiting: say what happened instead.
        std::panic::set_hook(Box::new(|info| {
            post(&ToPage::Failed(tx1("The dump reader stopped on a bug, please report it: {0}", &[&info])));
        }));
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| handle(ev.data()));
        scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        // Messages sent before the wasm had loaded would have found no listener: the page
        // waits for this one before it sends anything.
        post(&ToPage::Ready);
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    glue::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("dumpworker runs in the browser, as the \"Your dump\" page's Web Worker; see `leaklab analyze` instead");
}
