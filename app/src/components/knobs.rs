use leptos::prelude::*;
use lessons::{KnobKind, KnobSpec};

use super::region::Region;
use super::PageContext;

/// The lesson's knobs, with units and accepted ranges. A value is checked when it is
/// entered; a bad one is explained next to its field and not applied.
#[component]
pub fn Knobs(#[prop(into)] lesson: Signal<&'static str>) -> impl IntoView {
    let page = expect_context::<PageContext>();
    let fields = move || {
        let Some(l) = lessons::lesson(lesson.get()) else { return Vec::new().collect_view() };
        l.knobs.iter().cloned().map(|spec| view! { <KnobField spec /> }).collect::<Vec<_>>().collect_view()
    };
    let seed = move || page.url.with(|s| s.seed.unwrap_or(1).to_string());
    let seed_error = RwSignal::new(None::<String>);
    view! {
        <Region id="knobs" title="Knobs">
            <form class="knobs" on:submit=|ev| ev.prevent_default()>
                {fields}
                <div class="knob">
                    <label for="knob-seed">"Seed"</label>
                    <input
                        id="knob-seed"
                        data-testid="knob-seed"
                        inputmode="numeric"
                        prop:value=seed
                        aria-invalid=move || if seed_error.get().is_some() { "true" } else { "false" }
                        aria-describedby="knob-seed-error"
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            match text.trim().parse::<u64>() {
                                Ok(seed) => {
                                    seed_error.set(None);
                                    page.edit(|s| s.seed = Some(seed));
                                }
                                Err(_) => seed_error.set(Some(format!(
                                    "seed: {:?} is not valid; use a whole number from 0 to {}",
                                    text.trim(),
                                    u64::MAX
                                ))),
                            }
                        }
                    />
                    <span class="knob-range">"a whole number from 0 up; same seed, same run"</span>
                    <span class="knob-error" id="knob-seed-error" role="alert">{move || seed_error.get()}</span>
                </div>
            </form>
        </Region>
    }
}

#[component]
fn KnobField(spec: KnobSpec) -> impl IntoView {
    let page = expect_context::<PageContext>();
    let name = spec.name;
    let id = format!("knob-{name}");
    let error = RwSignal::new(None::<String>);
    let value = move || page.url.with(|s| s.knobs.get(name).cloned()).unwrap_or_else(|| spec.default.to_string());
    let range = spec.range_text();
    let unit = if spec.unit.is_empty() { String::new() } else { format!(" ({})", spec.unit) };
    let spec2 = spec.clone();
    let error_id = format!("{id}-error");
    let error_id2 = error_id.clone();
    let apply = move |text: String| match spec2.parse(&text) {
        Ok(_) => {
            error.set(None);
            page.edit(|s| {
                if text.trim() == spec2.default {
                    s.knobs.remove(name);
                } else {
                    s.knobs.insert(name.to_owned(), text.trim().to_owned());
                }
            });
        }
        Err(e) => error.set(Some(e)),
    };
    let field = match spec.kind {
        // A choice of a few words is a menu, not free text.
        KnobKind::Choice(words) => view! {
            <select id=id.clone() data-testid=id.clone() on:change=move |ev| apply(event_target_value(&ev))>
                {words
                    .iter()
                    .map(|w| view! { <option value=*w selected=move || value() == *w>{*w}</option> })
                    .collect_view()}
            </select>
        }
        .into_any(),
        _ => view! {
            <input
                id=id.clone()
                data-testid=id.clone()
                prop:value=value
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=error_id2
                on:change=move |ev| apply(event_target_value(&ev))
            />
        }
        .into_any(),
    };
    view! {
        <div class="knob">
            <label for=id.clone()>{format!("{}{unit}", spec.label)}</label>
            {field}
            <span class="knob-range">{format!("default {}; {}", spec.default, range)}</span>
            <span class="knob-error" id=error_id role="alert">{move || error.get()}</span>
        </div>
    }
}
