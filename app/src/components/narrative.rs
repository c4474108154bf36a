use leptos::prelude::*;

use super::region::Region;
use crate::highlight::{answers_html, narrative_html};

/// The lesson's explanation, rendered from its Markdown at build time; for the review, its
/// answers too, folded away until the learner opens them.
#[component]
pub fn Narrative(
    /// The lesson's id.
    #[prop(into)]
    lesson: Signal<String>,
) -> impl IntoView {
    // The HTML comes from the lessons' own Markdown, rendered by build.rs with raw HTML escaped.
    let narrative = move || lesson.with(|id| narrative_html(id).unwrap_or_default());
    let answers = move || {
        lesson.with(|id| answers_html(id)).map(|html| {
            view! {
                <details class="answers" data-testid="answers">
                    <summary>"Answers"</summary>
                    <div class="prose" inner_html=html></div>
                </details>
            }
        })
    };
    view! {
        <Region id="narrative" title="What happens here">
            <div class="prose narrative" inner_html=narrative></div>
            {answers}
        </Region>
    }
}
