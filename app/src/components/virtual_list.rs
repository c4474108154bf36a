use std::sync::Arc;

use leptos::prelude::*;
// `format!("{x}")` without the standard library's float printing in the wasm.
use lessons::decimal::format_shortest as num;

/// A scrolling list that renders only the rows in view, so that 100,000 goroutines or
/// dump lines never become 100,000 DOM nodes.
#[component]
pub fn VirtualList(
    /// How many rows.
    len: usize,
    /// Each row's height in pixels.
    row_height: f64,
    /// The box's height in pixels.
    height: f64,
    /// An accessible name for the list.
    label: &'static str,
    /// The text of row `i`.
    row: impl Fn(usize) -> String + Send + Sync + 'static,
) -> impl IntoView {
    let top = RwSignal::new(0.0f64);
    let row = Arc::new(row);
    let visible = move || {
        let first = (top.get() / row_height).floor().max(0.0) as usize;
        let count = (height / row_height).ceil() as usize + 2;
        let end = (first + count).min(len);
        (first.min(end), end)
    };
    view! {
        <div
            class="virtual-list"
            role="list"
            aria-label=label
            tabindex="0"
            style=format!("height:{}px;overflow:auto;position:relative", num(height))
            on:scroll=move |ev| top.set(event_target::<web_sys::HtmlElement>(&ev).scroll_top() as f64)
        >
            <div style=format!("height:{}px;position:relative", num(len as f64 * row_height))>
                {move || {
                    let (a, b) = visible();
                    let row = row.clone();
                    (a..b)
                        .map(|i| {
                            view! {
                                <div
                                    role="listitem"
                                    class="virtual-row"
                                    style=format!("position:absolute;top:{}px;height:{}px", num(i as f64 * row_height), num(row_height))
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
