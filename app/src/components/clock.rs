use leptos::prelude::*;
use lessons::decimal::format_fixed;
use sim_runtime::{Duration, Outcome, Time};

use super::live::Live;

/// The speeds the clock offers, in virtual seconds per wall second.
pub const SPEEDS: [f64; 4] = [1.0, 10.0, 100.0, 1000.0];

/// The scrubber's arrow-key step, in its unit (milliseconds).
const SCRUB_STEP_MS: u64 = 100;

/// "about 12 s left", "about 2 min left".
pub fn eta_text(seconds: f64) -> String {
    if seconds < 1.0 {
        t!("less than a second left").to_string()
    } else if seconds < 90.0 {
        t!("about {0} s left", seconds.round() as u64)
    } else {
        t!("about {0} min left", (seconds / 60.0).round() as u64)
    }
}

/// "26×" for an achieved speed: whole numbers from 10, one decimal below.
pub fn speed_text(x: f64) -> String {
    if x >= 10.0 {
        format!("{}×", x.round() as u64)
    } else {
        format!("{}×", crate::i18n::decimal(&format_fixed(x, 1)))
    }
}

/// What the clock says of a run that has ended.
pub fn ended_text(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Exited => t!("ended: main returned (exit status 0)").to_string(),
        Outcome::Deadlock { .. } => t!("ended: deadlock (exit status 2)").to_string(),
        Outcome::Panic { fatal: true, .. } => t!("ended: fatal error (exit status 2)").to_string(),
        Outcome::Panic { .. } => t!("ended: panic (exit status 2)").to_string(),
        Outcome::Exit { code } => t!("ended: os.Exit (exit status {0})", code),
        Outcome::OutOfMemory { .. } => t!("ended: OOM-killed (exit code 137)").to_string(),
    }
}

/// The virtual clock, kept in view at the top of the lesson: the instant as Go prints a
/// duration and `runtime.NumGoroutine()`; play and pause, speed (and the speed achieved when
/// it falls short), the previous and next event, jumps of 100 ms and 1 s, reset, and a
/// scrubber over the run so far. While the clock catches up with a chosen instant the other
/// controls wait, and the progress shows with a way to stop.
#[component]
pub fn ClockControls() -> impl IntoView {
    let live = expect_context::<Live>();
    let now = move || live.pulse.with(|p| p.0);
    let reached = move || live.reached.get().0.max(now().0);
    let playing = move || live.playing.get();
    let goroutines = move || live.pulse.with(|p| p.1.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" / "));
    let catching = move || live.busy();
    let outcome = move || live.views.with(|v| v.first().and_then(|v| v.outcome.clone()));
    let ended = move || outcome().is_some();
    let idle = move || live.views.with(|v| v.first().is_some_and(|v| v.idle));
    let no_next = move || ended() || idle();
    let at_start = move || now() == Time(0);
    let step_reason = move || {
        if ended() {
            t!("The program has ended: there is no next event.")
        } else if idle() {
            t!("Nothing is scheduled: no goroutine will wake up and no request will arrive.")
        } else {
            ""
        }
    };
    let progress = move || {
        let t = live.target.get()?;
        if live.playing.get() {
            return None;
        }
        let at = now();
        let pct = if t.0 == 0 { 100 } else { (at.0 as u128 * 100 / t.0 as u128).min(100) as u64 };
        let eta = live.eta.get().map(eta_text).unwrap_or_else(|| t!("estimating the time left").to_string());
        Some((t, at, pct, eta))
    };
    view! {
        <section class="region region-clock" data-testid="region-clock" aria-labelledby="region-clock-title">
            <h2 id="region-clock-title" class="visually-hidden">{t!("Virtual clock")}</h2>
            <div class="clock-bar">
                <p class="clock-line" data-testid="clock-line">
                    <span class="clock-label">{t!("Time ")}</span>
                    <span class="clock" data-testid="clock" aria-live="off">{move || now().to_string()}</span>
                    <span class="clock-label">{t!(" · goroutines ")}</span>
                    <span class="goroutine-count" data-testid="goroutine-count" title="runtime.NumGoroutine()">
                        {goroutines}
                    </span>
                    {move || outcome().map(|o| view! { <span class="clock-ended" data-testid="clock-ended">{format!(" · {}", ended_text(&o))}</span> })}
                </p>
                <div class="clock-controls" role="group" aria-label=t!("Clock controls")>
                    <button
                        type="button"
                        class="primary"
                        data-testid=move || if playing() { "pause" } else { "play" }
                        aria-keyshortcuts="k"
                        disabled=move || ended() || catching()
                        title=move || if ended() { t!("The program has ended.") } else { "" }
                        on:click=move |_| live.toggle()
                    >
                        {move || if playing() { t!("❚❚ Pause") } else { t!("▶ Play") }}
                    </button>
                    <button
                        type="button"
                        data-testid="step-back"
                        aria-keyshortcuts="ArrowLeft"
                        disabled=move || at_start() || catching()
                        on:click=move |_| live.step_back()
                    >
                        {t!("◀ Previous event")}
                    </button>
                    <button
                        type="button"
                        data-testid="step"
                        aria-keyshortcuts="ArrowRight"
                        aria-describedby="step-reason"
                        disabled=move || no_next() || catching()
                        on:click=move |_| live.step()
                    >
                        {t!("Next event ▶")}
                    </button>
                    <label class="speed">
                        {t!("Speed ")}
                        <select
                            data-testid="speed"
                            disabled=catching
                            on:change=move |ev| {
                                // The options are whole numbers; parsing them as such keeps float
                                // parsing out of the wasm.
                                if let Ok(x) = event_target_value(&ev).parse::<u32>() {
                                    live.set_speed(f64::from(x).clamp(1.0, 1000.0));
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
                    {move || {
                        live.achieved.get().map(|x| {
                            view! {
                                <span class="achieved" data-testid="achieved-speed" role="status">
                                    {t!("achieving {0} (this device cannot keep up)", speed_text(x))}
                                </span>
                            }
                        })
                    }}
                </div>
                <div class="clock-more">
                    <label class="scrubber">
                        <span class="visually-hidden">{t!("Virtual time")}</span>
                        <input
                            type="range"
                            min="0"
                            step=SCRUB_STEP_MS.to_string()
                            data-testid="scrubber"
                            disabled=catching
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
                    <button type="button" data-testid="advance-100ms" disabled=move || ended() || catching() on:click=move |_| live.advance(Duration::from_millis(100))>
                        "+100ms"
                    </button>
                    <button type="button" data-testid="advance-1s" disabled=move || ended() || catching() on:click=move |_| live.advance(Duration::from_secs(1))>
                        "+1s"
                    </button>
                    <button type="button" data-testid="reset" disabled=move || at_start() || catching() on:click=move |_| live.reset()>
                        {t!("Reset")}
                    </button>
                </div>
                <p class="keys-hint" data-testid="keys-hint">
                    {t!("Keys: ")}<kbd>"K"</kbd>{t!(" play or pause · ")}<kbd>"→"</kbd>{t!(" next event · ")}<kbd>"←"</kbd>{t!(" previous event (not while a code box or field has the focus)")}
                </p>
                <p id="step-reason" class="step-reason" data-testid="step-reason">{step_reason}</p>
                <div class="catching-up" role="status" data-testid="catching-up">
                    {move || {
                        progress()
                            .map(|(t, at, pct, eta)| {
                                view! {
                                    <span>{t!("Running to {0}: at {1} ({2} %), {3}. ", t, at, pct, eta)}</span>
                                    <progress max="100" value=pct.to_string() aria-label=t!("Catching up")></progress>
                                    <button type="button" data-testid="cancel-catch-up" on:click=move |_| live.cancel_catch_up()>
                                        {t!("Stop here")}
                                    </button>
                                }
                            })
                    }}
                    {move || {
                        live.stepping_back.get().map(|from| {
                            view! {
                                <span data-testid="stepping-back">
                                    {t!("Stepping back from {0}: replaying from a checkpoint, now at {1}…", from, now())}
                                </span>
                            }
                        })
                    }}
                </div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts() {
        assert_eq!(eta_text(0.2), "less than a second left");
        assert_eq!(eta_text(12.4), "about 12 s left");
        assert_eq!(eta_text(300.0), "about 5 min left");
        assert_eq!(speed_text(26.4), "26×");
        assert_eq!(speed_text(3.25), "3.2×");
        assert_eq!(ended_text(&Outcome::Exited), "ended: main returned (exit status 0)");
    }
}
