//! A panic in WebAssembly stops the whole program, the UI included. The hook installed here
//! still runs at that moment: it logs the panic to the console and writes an error panel
//! straight into the DOM, without Leptos, so that the learner never faces a blank page.

use std::panic::{self, PanicHookInfo};

use web_sys::{Document, Element};

/// The id, and test id, of the panel.
pub const PANEL_ID: &str = "panic-panel";

/// Installs the hook. Call it before anything else can panic.
pub fn install() {
    panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// `text`, or `english` when the page's texts had not come yet (a panic before the page
/// rendered).
fn or(text: &'static str, english: &'static str) -> &'static str {
    if text.is_empty() {
        english
    } else {
        text
    }
}

/// Shows the panel with `details`; only the first panic is shown, since the program is dead
/// after it anyway.
fn show(details: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    if document.get_element_by_id(PANEL_ID).is_some() {
        return;
    }
    // Every step may fail in a broken page; a failed step just leaves the panel shorter.
    let _ = build(&document, details);
}

fn build(document: &Document, details: &str) -> Result<(), wasm_bindgen::JsValue> {
    let body = document.body().ok_or(wasm_bindgen::JsValue::NULL)?;
    let panel = element(document, "section", "panic-panel")?;
    panel.set_id(PANEL_ID);
    panel.set_attribute("role", "alert")?;
    panel.set_attribute("aria-labelledby", "panic-panel-title")?;
    panel.set_attribute("data-testid", PANEL_ID)?;

    let title = element(document, "h2", "panic-panel-title")?;
    title.set_id("panic-panel-title");
    title.set_text_content(Some(or(
        t!("Leak Lab stopped because of a bug in its own code"),
        "Leak Lab stopped because of a bug in its own code",
    )));
    panel.append_child(&title)?;

    let text = element(document, "p", "")?;
    text.set_text_content(Some(or(
        t!("This is not part of the lesson: the simulation can no longer run. Reload the page to start again; the details below help to report the bug."),
        "This is not part of the lesson: the simulation can no longer run. Reload the page to start again.",
    )));
    panel.append_child(&text)?;

    let reload = element(document, "a", "panic-panel-reload")?;
    // Reloading the same address keeps the lesson, the variant and the moment.
    let here = web_sys::window().and_then(|window| window.location().href().ok()).unwrap_or_default();
    reload.set_attribute("href", &here)?;
    reload.set_text_content(Some(or(t!("Reload the page"), "Reload the page")));
    panel.append_child(&reload)?;

    let pre = element(document, "pre", "panic-panel-details")?;
    pre.set_attribute("data-testid", "panic-details")?;
    pre.set_text_content(Some(details));
    panel.append_child(&pre)?;

    body.insert_before(&panel, body.first_child().as_ref())?;
    Ok(())
}

fn element(document: &Document, tag: &str, class: &str) -> Result<Element, wasm_bindgen::JsValue> {
    let element = document.create_element(tag)?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    Ok(element)
}
