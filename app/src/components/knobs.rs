use leptos::prelude::*;
use lessons::KnobSpec;

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
                        on:change=move |ev| {
                            if let Ok(seed) = event_target_value(&ev).trim().parse::<u64>() {
                                page.edit(|s| s.seed = Some(seed));
                            }
                        }
                    />
                    <span class="knob-range">"any whole number; same seed, same run"</span>
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
    view! {
        <div class="knob">
            <label for=id.clone()>{format!("{}{unit}", spec.label)}</label>
            <input
                id=id.clone()
                data-testid=id
                prop:value=value
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=error_id2
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    match spec2.parse(&text) {
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
                    }
                }
            />
            <span class="knob-range">{format!("default {}; {}", spec.default, range)}</span>
            <span class="knob-error" id=error_id role="alert">{move || error.get()}</span>
        </div>
    }
}
