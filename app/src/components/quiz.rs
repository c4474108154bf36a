use std::collections::BTreeMap;

use leptos::prelude::*;

use super::region::Region;
use crate::highlight::{answers_html, quiz, QuizEntry};

/// What the learner answered for one program.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    leaky: Option<bool>,
    line: String,
    checked: bool,
}

/// Whether an answer is right: the verdict, and for a leaky program the line.
pub fn judge(item: &QuizEntry, answer: &Answer) -> bool {
    match (item.leaky, answer.leaky) {
        (false, Some(false)) => true,
        (true, Some(true)) => answer.line.trim().parse::<u32>().ok() == Some(item.line),
        _ => false,
    }
}

fn entry(variant: &str) -> Option<&'static QuizEntry> {
    quiz().iter().find(|q| q.variant == variant)
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
    let answers = RwSignal::new(BTreeMap::<String, Answer>::new());
    let current = move || variant.get();
    let answer = move || answers.with(|a| a.get(&current()).cloned().unwrap_or_default());
    let edit = move |f: &dyn Fn(&mut Answer)| {
        let v = variant.get_untracked();
        answers.update(|a| f(a.entry(v).or_default()));
    };
    let score = move || {
        answers.with(|a| {
            let checked = a.values().filter(|x| x.checked).count();
            let right = a.iter().filter(|(v, x)| x.checked && entry(v).is_some_and(|q| judge(q, x))).count();
            (checked, right, quiz().len())
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
        let q = entry(&current())?;
        a.checked.then(|| {
            let right = judge(q, &a);
            let truth = if q.leaky {
                format!("leaky: its goroutines wait on line {}, in [{}].", q.line, q.wait_reason)
            } else {
                "safe.".to_string()
            };
            view! {
                <div class="quiz-verdict" class:right=right data-testid="quiz-verdict" role="status">
                    <p>
                        <strong>{if right { "Right. " } else { "Not quite. " }}</strong>
                        {format!("{}.go is {truth}", q.variant)}
                    </p>
                    <p inner_html=q.why_html></p>
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

    fn answer(leaky: bool, line: &str) -> Answer {
        Answer { leaky: Some(leaky), line: line.to_string(), checked: true }
    }

    #[test]
    fn judging_needs_the_verdict_and_the_line() {
        let one = entry("review-1").unwrap();
        assert_eq!((one.leaky, one.line, one.wait_reason), (true, 20, "chan send"));
        assert!(judge(one, &answer(true, "20")));
        assert!(!judge(one, &answer(true, "21")));
        assert!(!judge(one, &answer(false, "")));
        let two = entry("review-2").unwrap();
        assert!(judge(two, &answer(false, "")));
        assert!(two.why_html.contains("<code>fastest</code>"), "{}", two.why_html);
    }

    #[test]
    fn the_table_matches_the_lessons_crate() {
        let lesson = lessons::lesson("review").unwrap();
        for item in lessons::quiz::review() {
            let e = entry(item.variant).unwrap();
            assert_eq!(e.leaky, item.leaky);
            let template = lesson.variant(item.variant).unwrap().template;
            let line = item.snippet.and_then(|s| lessons::quiz::snippet_line(template, s)).unwrap_or(0);
            assert_eq!(e.line, line, "{}", item.variant);
        }
        assert_eq!(quiz().len(), lesson.variants.len());
    }
}
