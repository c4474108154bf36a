use leptos::prelude::*;

use super::region::{content_or_pending, Region};

/// The number of goroutines and the estimated memory over virtual time, as a gauge in a dashboard would show them.
#[component]
pub fn ChartView(
    /// The region's content; without it the region says it is not connected yet.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <Region id="chart" title="Goroutines over time">
            {content_or_pending(children)}
        </Region>
    }
}
