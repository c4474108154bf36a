use leptos::prelude::*;

use super::region::Region;
use crate::highlight::narrative_html;

/// The lesson's explanation, rendered from its Markdown at build time. (The review's answers
/// are revealed by its quiz.)
#[component]
pub fn Narrative(
    /// The lesson's id.
    #[prop(into)]
    lesson: Signal<String>,
) -> impl IntoView {
    // The HTML comes from the lessons' own Markdown, rendered by build.rs with raw HTML escaped.
    let narrative = move || lesson.with(|id| narrative_html(id).unwrap_or_default());
    view! {
        <Region id="narrative" title=|| t!("What happens here")>
            <div class="prose narrative" inner_html=narrative></div>
        </Region>
    }
}
