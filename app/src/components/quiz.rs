use std::collections::BTreeMap;

use leptos::prelude::*;
use lessons::quiz::{snippet_line, QuizItem};

use super::region::Region;
use crate::highlight::answers_html;

/// What the learner answered for one program.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Answer {
    leaky: Option<bool>,
    line: String,
    checked: bool,
}

/// Whether an answer is right: the verdict, and for a leaky program the line.
pub fn judge(item: &QuizItem, answer_leaky: bool, answer_line: Option<u32>, template: &str) -> bool {
    match (item.leaky, answer_leaky) {
        (false, false) => true,
        (true, true) => item.snippet.and_then(|s| snippet_line(template, s)) == answer_line,
        _ => false,
    }
}

/// Inline Markdown as the answers use it: `code` and **bold**, the rest text.
fn inline(text: &'static str) -> impl IntoView {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.split("**")
                    .enumerate()
                    .map(|(j, p)| if j % 2 == 1 { view! { <strong>{p}</strong> }.into_any() } else { p.into_any() })
                    .collect_view()
                    .into_any()
            }
        })
        .collect_view()
}

/// The review lesson as a quiz: for the program on screen, pick leaky or safe, then the
/// line its leaked goroutines wait on; the answer and why are revealed once checked, and all
/// answers together once every program has been answered.
#[component]
pub fn Quiz(
    /// The program on screen (the variant id).
    #[prop(into)]
    variant: Signal<String>,
) -> impl IntoView {
    let items = StoredValue::new(lessons::quiz::review());
    let lesson = StoredValue::new(lessons::lesson("review"));
    let answers = RwSignal::new(BTreeMap::<String, Answer>::new());
    let current = move || variant.get();
    let answer = move || answers.with(|a| a.get(&current()).cloned().unwrap_or_default());
    let edit = move |f: &dyn Fn(&mut Answer)| {
        let v = variant.get_untracked();
        answers.update(|a| f(a.entry(v).or_default()));
    };
    let item = move || items.with_value(|i| i.iter().find(|q| q.variant == current()).cloned());
    let template = move || {
        lesson.with_value(|l| l.as_ref().and_then(|l| l.variant(&current())).map(|v| v.template).unwrap_or_default())
    };
    let score = move || {
        answers.with(|a| {
            let checked: Vec<_> = a.iter().filter(|(_, x)| x.checked).collect();
            let right = checked
                .iter()
                .filter(|(v, x)| {
                    items.with_value(|i| i.iter().find(|q| q.variant == v.as_str()).cloned()).is_some_and(|q| {
                        let t = lesson.with_value(|l| {
                            l.as_ref().and_then(|l| l.variant(v)).map(|v| v.template).unwrap_or_default()
                        });
                        judge(&q, x.leaky == Some(true), x.line.trim().parse().ok(), t)
                    })
                })
                .count();
            (checked.len(), right, items.with_value(Vec::len))
        })
    };
    let pick = move |leaky: bool| {
        view! {
            <button
                type="button"
                class="toggle"
                data-testid=if leaky { "quiz-leaky" } else { "quiz-safe" }
                aria-pressed=move || if answer().leaky == Some(leaky) { "true" } else { "false" }
                disabled=move || answer().checked
                on:click=move |_| edit(&|a| a.leaky = Some(leaky))
            >
                {if leaky { "Leaky" } else { "Safe" }}
            </button>
        }
    };
    let verdict = move || {
        let a = answer();
        let q = item()?;
        a.checked.then(|| {
            let right = judge(&q, a.leaky == Some(true), a.line.trim().parse().ok(), template());
            let truth = match (q.snippet.and_then(|s| snippet_line(template(), s)), q.wait_reason) {
                (Some(line), Some(reason)) => format!("leaky: its goroutines wait on line {line}, in [{reason}]."),
                _ => "safe.".to_string(),
            };
            view! {
                <div class="quiz-verdict" class:right=right data-testid="quiz-verdict" role="status">
                    <p>
                        <strong>{if right { "Right. " } else { "Not quite. " }}</strong>
                        {format!("{}.go is {truth}", q.variant)}
                    </p>
                    <p>{inline(q.why)}</p>
                    <p>"Now press Play and check it in the goroutine view and the dump."</p>
                </div>
            }
        })
    };
    view! {
        <Region id="quiz" title="Your verdict">
            <p class="quiz-question">
                {move || format!("Is {}.go leaky or safe?", current())}
            </p>
            <div class="toggle-group" role="group" aria-label="Leaky or safe">
                {pick(true)}
                {pick(false)}
            </div>
            <Show when=move || answer().leaky == Some(true)>
                <label class="quiz-line">
                    "On which line do its leaked goroutines wait? "
                    <input
                        type="number"
                        min="1"
                        inputmode="numeric"
                        data-testid="quiz-line"
                        prop:value=move || answer().line
                        disabled=move || answer().checked
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            edit(&|a| a.line = text.clone());
                        }
                    />
                </label>
            </Show>
            <p>
                <button
                    type="button"
                    data-testid="quiz-check"
                    disabled=move || {
                        let a = answer();
                        a.checked || a.leaky.is_none() || (a.leaky == Some(true) && a.line.trim().parse::<u32>().is_err())
                    }
                    on:click=move |_| edit(&|a| a.checked = true)
                >
                    "Check my answer"
                </button>
                " "
                <button
                    type="button"
                    data-testid="quiz-retry"
                    disabled=move || !answer().checked
                    on:click=move |_| edit(&|a| *a = Answer::default())
                >
                    "Try again"
                </button>
            </p>
            {verdict}
            <p class="quiz-score" data-testid="quiz-score">
                {move || {
                    let (done, right, total) = score();
                    format!("{done} of {total} programs answered, {right} right. Pick the next program above the listing.")
                }}
            </p>
            <Show when=move || score().0 == score().2>
                <details class="answers" data-testid="answers">
                    <summary>"All answers"</summary>
                    <div class="prose" inner_html=answers_html("review").unwrap_or_default()></div>
                </details>
            </Show>
        </Region>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judging_needs_the_verdict_and_the_line() {
        let quiz = lessons::quiz::review();
        let lesson = lessons::lesson("review").unwrap();
        let one = quiz.iter().find(|q| q.variant == "review-1").unwrap();
        let t = lesson.variant("review-1").unwrap().template;
        let line = snippet_line(t, one.snippet.unwrap()).unwrap();
        assert!(judge(one, true, Some(line), t));
        assert!(!judge(one, true, Some(line + 1), t));
        assert!(!judge(one, false, None, t));
        let two = quiz.iter().find(|q| q.variant == "review-2").unwrap();
        assert!(judge(two, false, None, lesson.variant("review-2").unwrap().template));
    }
}
