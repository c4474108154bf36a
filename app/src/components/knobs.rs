use leptos::prelude::*;
use lessons::{KnobError, KnobKind, KnobSpec};

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
        <Region id="knobs" title=|| t!("Knobs")>
            <form class="knobs" on:submit=|ev| ev.prevent_default()>
                {fields}
                <div class="knob">
                    <label for="knob-seed">{t!("Seed")}</label>
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
                                Err(_) => seed_error.set(Some(t!(
                                    "seed: {0} is not valid; use a whole number from 0 to {1}",
                                    format!("{:?}", text.trim()),
                                    u64::MAX
                                ))),
                            }
                        }
                    />
                    <span class="knob-range">{t!("a whole number from 0 up; same seed, same run")}</span>
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
    let unit = spec.unit;
    let unit = move || if unit.is_empty() { String::new() } else { format!(" ({})", crate::i18n::tr(unit)) };
    let (label, default, range_spec) = (spec.label, spec.default, spec.clone());
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
        Err(e) => error.set(Some(knob_error_text(&e))),
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
            <label for=id.clone()>{move || format!("{}{}", crate::i18n::tr(label), unit())}</label>
            {field}
            <span class="knob-range">{t!("default {0}; {1}", default, range_text(range_spec.kind))}</span>
            <span class="knob-error" id=error_id role="alert">{move || error.get()}</span>
        </div>
    }
}

/// Why a knob value was refused, in the current language (`KnobError`'s `Display` is the
/// English): `rate: "abc" is not valid; use a number from 0 to 2000`.
pub fn knob_error_text(e: &KnobError) -> String {
    match e {
        KnobError::Invalid { knob, value, kind } => {
            t!("{0}: {1} is not valid; use {2}", knob, value, range_text(*kind))
        }
        KnobError::Unknown { name, known } => t!("unknown knob {0}; this lesson has: {1}", name, known.join(", ")),
    }
}

/// A knob from a link that was not used, in the current language.
pub fn knob_notice(e: &KnobError) -> String {
    t!("{0}; using the default.", knob_error_text(e))
}

/// The values a knob accepts, in the current language (the lessons crate's `range_text` is
/// the English).
fn range_text(kind: KnobKind) -> String {
    use lessons::decimal::format_shortest;
    match kind {
        KnobKind::Int { min, max } => t!("a whole number from {0} to {1}", min, max),
        KnobKind::Float { min, max } => t!(
            "a number from {0} to {1}",
            crate::i18n::decimal(&format_shortest(min)),
            crate::i18n::decimal(&format_shortest(max))
        ),
        KnobKind::Duration { min, max } => t!("a Go duration from {0} to {1}", min, max),
        KnobKind::DurationOrNever { min, max } => t!("a Go duration from {0} to {1}, or never", min, max),
        KnobKind::DurationOrHang { min, max } => t!("a Go duration from {0} to {1}, or hang", min, max),
        KnobKind::Choice(words) => t!("one of {0}", words.join(", ")),
    }
}
