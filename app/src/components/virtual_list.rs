use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
// `format!("{x}")` without the standard library's float printing in the wasm.
use lessons::decimal::format_shortest as num;

/// Browsers cap an element's height (Chromium at about 33.5 million pixels); a list taller
/// than this is scrolled through a box of this height, each pixel of scrolling standing for
/// several rows.
const MAX_PX: f64 = 8_000_000.0;

/// Which rows a scroll position shows, and where the box's content is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Rows.
    pub len: usize,
    /// A row's height, px.
    pub row_height: f64,
    /// The box's height, px.
    pub height: f64,
}

impl Geometry {
    /// The scrollable content's height: every row's, or [`MAX_PX`] for a longer list.
    pub fn content(self) -> f64 {
        (self.len as f64 * self.row_height).min(MAX_PX)
    }

    fn rows_in_view(self) -> usize {
        (self.height / self.row_height).ceil() as usize
    }

    fn scaled(self) -> bool {
        self.len as f64 * self.row_height > MAX_PX
    }

    /// The first row in view at scroll position `top`.
    pub fn first(self, top: f64) -> usize {
        let last_first = self.len.saturating_sub(self.rows_in_view());
        let row = if self.scaled() {
            let range = (self.content() - self.height).max(1.0);
            (top.max(0.0) / range * last_first as f64).floor() as usize
        } else {
            (top.max(0.0) / self.row_height).floor() as usize
        };
        row.min(last_first)
    }

    /// Where row `i` is drawn at scroll position `top`: in a scaled list the rows in view are
    /// drawn from the box's top down, wherever that is.
    pub fn row_top(self, top: f64, i: usize) -> f64 {
        if self.scaled() {
            top.max(0.0) + (i as f64 - self.first(top) as f64) * self.row_height
        } else {
            i as f64 * self.row_height
        }
    }

    /// The scroll position that shows row `i` a third of the way down the box.
    pub fn top_for(self, i: usize) -> f64 {
        let i = i.min(self.len.saturating_sub(1));
        if self.scaled() {
            let last_first = self.len.saturating_sub(self.rows_in_view()).max(1);
            let first = i.saturating_sub(self.rows_in_view() / 3).min(last_first);
            // The smallest position whose first row is `first` (rounded up to a pixel).
            let range = (self.content() - self.height).max(1.0);
            ((first as f64) * range / last_first as f64).ceil()
        } else {
            (i as f64 * self.row_height - self.height / 3.0).max(0.0)
        }
    }
}

/// A scrolling list that renders only the rows in view, so that 100,000 goroutines or
/// fifteen million dump lines never become that many DOM nodes.
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
    /// A row to bring into view (and mark) whenever this changes.
    #[prop(optional, into)]
    goto: Option<Signal<Option<usize>>>,
) -> impl IntoView {
    let geometry = Geometry { len, row_height, height };
    let top = RwSignal::new(0.0f64);
    let marked = RwSignal::new(None::<usize>);
    let scroller = NodeRef::<Div>::new();
    if let Some(goto) = goto {
        Effect::new(move |_| {
            let Some(i) = goto.get() else { return };
            marked.set(Some(i));
            if let Some(el) = scroller.get() {
                let y = geometry.top_for(i);
                el.set_scroll_top(y as i32);
                top.set(el.scroll_top() as f64);
            }
        });
    }
    let row = Arc::new(row);
    let visible = move || {
        let first = geometry.first(top.get());
        let end = (first + geometry.rows_in_view() + 2).min(len);
        (first.min(end), end)
    };
    view! {
        <div
            class="virtual-list"
            role="list"
            aria-label=label
            tabindex="0"
            node_ref=scroller
            style=format!("height:{}px;overflow:auto;position:relative", num(height))
            on:scroll=move |ev| top.set(event_target::<web_sys::HtmlElement>(&ev).scroll_top() as f64)
        >
            <div style=format!("height:{}px;position:relative", num(geometry.content()))>
                {move || {
                    let (a, b) = visible();
                    let at = top.get();
                    let row = row.clone();
                    let mark = marked.get();
                    (a..b)
                        .map(|i| {
                            view! {
                                <div
                                    role="listitem"
                                    class=if mark == Some(i) { "virtual-row marked" } else { "virtual-row" }
                                    data-row=i
                                    style=format!(
                                        "position:absolute;top:{}px;height:{}px",
                                        num(geometry.row_top(at, i)),
                                        num(row_height),
                                    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_list_scrolls_row_by_row() {
        let g = Geometry { len: 1000, row_height: 18.0, height: 420.0 };
        assert_eq!(g.content(), 18_000.0);
        assert_eq!(g.first(0.0), 0);
        assert_eq!(g.first(18.0 * 10.5), 10);
        assert_eq!(g.row_top(500.0, 30), 540.0);
        assert_eq!(g.first(g.top_for(500)), 500 - 420 / 18 / 3 - 1);
    }

    #[test]
    fn a_list_taller_than_a_browser_allows_reaches_every_row() {
        // Fifteen million dump lines of 18 px: 270 million px, far past Chromium's limit.
        let g = Geometry { len: 15_000_000, row_height: 18.0, height: 420.0 };
        assert_eq!(g.content(), MAX_PX);
        assert_eq!(g.first(0.0), 0);
        let bottom = g.content() - g.height;
        let last_first = g.len - g.rows_in_view();
        assert_eq!(g.first(bottom), last_first, "the last rows are reachable");
        assert_eq!(g.first(bottom + 1e6), last_first);
        // Rows in view are drawn inside the box wherever it is scrolled to.
        let top = bottom / 2.0;
        let first = g.first(top);
        assert_eq!(g.row_top(top, first), top);
        assert_eq!(g.row_top(top, first + 3), top + 54.0);
        // Going to a row shows it in view.
        for i in [0, 1, 7, 123_456, 7_654_321, 14_999_990, 14_999_999] {
            let first = g.first(g.top_for(i));
            assert!(first <= i && i < first + g.rows_in_view(), "row {i}: view starts at {first}");
        }
    }
}
