use leptos::prelude::*;

use super::region::Region;
use crate::duration::GoDuration;

/// The virtual clock: the instant on screen, printed as Go prints a duration, and the controls
/// that move it.
#[component]
pub fn ClockControls(
    /// The virtual instant on screen, since the simulated server started.
    #[prop(into)]
    now: Signal<GoDuration>,
    /// Play, pause, step and speed controls; without them only the instant is shown.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <Region id="clock" title="Virtual clock">
            <p class="clock-line">
                <span class="clock-label">"Time since start: "</span>
                <span class="clock" data-testid="clock">
                    {move || now.get().to_string()}
                </span>
            </p>
            {children.map(|children| children())}
        </Region>
    }
}
