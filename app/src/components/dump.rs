use leptos::prelude::*;

use super::region::{content_or_pending, Region};
use super::PageContext;
use crate::url_state::Panel;

/// The formats the dump region can show, with their button labels.
const FORMATS: [(Panel, &str); 3] = [(Panel::Debug1, "debug=1"), (Panel::Debug2, "debug=2"), (Panel::Goleak, "goleak")];

/// The dump format on screen: the one the URL names, or `debug=1` when it names another panel
/// or none.
pub fn dump_format(panel: Option<Panel>) -> Panel {
    match panel {
        Some(format @ (Panel::Debug1 | Panel::Debug2 | Panel::Goleak)) => format,
        _ => Panel::Debug1,
    }
}

/// The goroutine dump of this instant, in the format chosen with the buttons above it.
#[component]
pub fn DumpView(
    /// The panel the URL opens; decides the format shown.
    #[prop(into)]
    panel: Signal<Option<Panel>>,
    /// The dump text and its copy and download buttons; without them the region says it is not
    /// connected yet.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let page = expect_context::<PageContext>();
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
    view! {
        <Region id="dump" title="Goroutine dump">
            <div class="toggle-group" role="group" aria-label="Dump format" data-testid="dump-format">
                {buttons}
            </div>
            {content_or_pending(children)}
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
    }
}
