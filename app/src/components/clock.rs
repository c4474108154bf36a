use leptos::prelude::*;
use sim_runtime::{Duration, Time};

use super::live::Live;
use super::region::Region;

/// The speeds the clock offers, in virtual seconds per wall second.
pub const SPEEDS: [f64; 4] = [1.0, 10.0, 100.0, 1000.0];

/// The virtual clock: the instant as Go prints a duration, play and pause, speed, step to
/// the next event, step back, jumps of 100 ms and 1 s, reset, and a scrubber over the run.
#[component]
pub fn ClockControls() -> impl IntoView {
    let live = expect_context::<Live>();
    let now = move || live.pulse.with(|p| p.0);
    let reached = move || live.reached.get().0.max(now().0);
    let playing = move || live.playing.get();
    let goroutines = move || live.pulse.with(|p| p.1.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" / "));
    let catching_up = move || live.target.get().map(|t| format!("Running to {t}…"));
    view! {
        <Region id="clock" title="Virtual clock">
            <p class="clock-line">
                <span class="clock-label">"Time since start: "</span>
                <span class="clock" data-testid="clock" aria-live="off">{move || now().to_string()}</span>
                <span class="clock-label">" · goroutines: "</span>
                <span class="goroutine-count" data-testid="goroutine-count">{goroutines}</span>
            </p>
            <div class="clock-controls" role="group" aria-label="Clock controls">
                <button
                    type="button"
                    class="primary"
                    data-testid=move || if playing() { "pause" } else { "play" }
                    aria-label=move || if playing() { "Pause (space)" } else { "Play (space)" }
                    on:click=move |_| live.toggle()
                >
                    {move || if playing() { "❚❚ Pause" } else { "▶ Play" }}
                </button>
                <button type="button" data-testid="step-back" aria-label="Step back one event (left arrow)" on:click=move |_| live.step_back()>
                    "◀ Step back"
                </button>
                <button type="button" data-testid="step" aria-label="Step to the next event (right arrow)" on:click=move |_| live.step()>
                    "Step ▶"
                </button>
                <button type="button" data-testid="advance-100ms" on:click=move |_| live.advance(Duration::from_millis(100))>
                    "+100ms"
                </button>
                <button type="button" data-testid="advance-1s" on:click=move |_| live.advance(Duration::from_secs(1))>
                    "+1s"
                </button>
                <button type="button" data-testid="reset" on:click=move |_| live.reset()>
                    "Reset"
                </button>
                <label class="speed">
                    "Speed "
                    <select
                        data-testid="speed"
                        on:change=move |ev| {
                            // The options are whole numbers; parsing them as such keeps float
                            // parsing out of the wasm.
                            if let Ok(x) = event_target_value(&ev).parse::<u32>() {
                                live.speed.set(f64::from(x).clamp(1.0, 1000.0));
                            }
                        }
                    >
                        {SPEEDS
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <option value=(s as u32).to_string() selected=move || live.speed.get() == s>
                                        {format!("{}×", s as u32)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <label class="scrubber">
                <span class="visually-hidden">"Virtual time"</span>
                <input
                    type="range"
                    min="0"
                    data-testid="scrubber"
                    max=move || (reached() / 1_000_000).to_string()
                    prop:value=move || (now().0 / 1_000_000).to_string()
                    aria-valuetext=move || now().to_string()
                    on:change=move |ev| {
                        if let Ok(ms) = event_target_value(&ev).parse::<u64>() {
                            live.seek(Time(ms * 1_000_000));
                        }
                    }
                />
            </label>
            <p class="catching-up" role="status">{catching_up}</p>
        </Region>
    }
}
