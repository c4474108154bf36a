use leptos::prelude::*;

use super::narrative::FetchedText;
use super::region::Region;
use crate::highlight::{quiz, QuizEntry};

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
    // One answer per question, in the quiz's order.
    let answers = RwSignal::new(vec![Answer::default(); quiz().len()]);
    let current = move || variant.get();
    let index = move |v: &str| quiz().iter().position(|q| q.variant == v);
    let answer = move || answers.with(|a| index(&current()).and_then(|i| a.get(i).cloned()).unwrap_or_default());
    let edit = move |f: &dyn Fn(&mut Answer)| {
        if let Some(i) = index(&variant.get_untracked()) {
            answers.update(|a| f(&mut a[i]));
        }
    };
    let score = move || {
        answers.with(|a| {
            let checked = a.iter().filter(|x| x.checked).count();
            let right = a.iter().zip(quiz()).filter(|(x, q)| x.checked && judge(q, x)).count();
            (checked, right, quiz().len())
        })
    };
    // The form's fields are read when the answer is checked: native radio buttons and a
    // number field, so that the page keeps no state per keystroke.
    let leaky_radio = NodeRef::<leptos::html::Input>::new();
    let safe_radio = NodeRef::<leptos::html::Input>::new();
    let line_field = NodeRef::<leptos::html::Input>::new();
    let check = move |_| {
        let leaky = leaky_radio.get_untracked().map(|e| e.checked()).unwrap_or(false);
        let safe = safe_radio.get_untracked().map(|e| e.checked()).unwrap_or(false);
        let line = line_field.get_untracked().map(|e| e.value()).unwrap_or_default();
        let pick = if leaky {
            Some(true)
        } else if safe {
            Some(false)
        } else {
            None
        };
        edit(&|a| *a = Answer { leaky: pick, line: line.clone(), checked: pick.is_some() });
    };
    let verdict = move || {
        let a = answer();
        let q = entry(&current())?;
        a.checked.then(|| {
            let right = judge(q, &a);
            let truth = if q.leaky {
                t!("leaky: its goroutines wait on line {0}, in [{1}].", q.line, q.wait_reason)
            } else {
                t!("safe.").to_string()
            };
            view! {
                <div class="quiz-verdict" class:right=right data-testid="quiz-verdict" role="status">
                    <p>
                        <strong>{if right { t!("Right. ") } else { t!("Not quite. ") }}</strong>
                        {t!("{0}.go is {1}", q.variant, truth)}
                    </p>
                    // Why: fetched in the language on screen (text/<lang>/review-why-<program>.html).
                    <FetchedText name=format!("review-why-{}", q.variant) />
                    <p>{t!("Now press Play and check it in the goroutine view and the dump.")}</p>
                </div>
            }
        })
    };
    view! {
        <Region id="quiz" title=|| t!("Your verdict")>
            <p class="quiz-question">
                {t!("Is {0}.go leaky or safe?", current())}
            </p>
            // A new program clears the form (its key is the program).
            {move || {
                let v = current();
                view! {
                    <fieldset class="quiz-form" data-program=v>
                        <legend class="visually-hidden">{t!("Leaky or safe")}</legend>
                        <label><input type="radio" name="quiz-verdict" data-testid="quiz-leaky" node_ref=leaky_radio />{t!(" Leaky")}</label>
                        " "
                        <label><input type="radio" name="quiz-verdict" data-testid="quiz-safe" node_ref=safe_radio />{t!(" Safe")}</label>
                        <label class="quiz-line">
                            {t!(" If leaky: on which line do its leaked goroutines wait? ")}
                            <input type="number" min="1" inputmode="numeric" data-testid="quiz-line" node_ref=line_field />
                        </label>
                        <button type="button" data-testid="quiz-check" on:click=check>{t!("Check my answer")}</button>
                    </fieldset>
                }
            }}
            {verdict}
            <p class="quiz-score" data-testid="quiz-score">
                {move || {
                    let (done, right, total) = score();
                    t!("{0} of {1} programs answered, {2} right. Pick the next program above the listing.", done, total, right)
                }}
            </p>
            <Show when=move || score().0 == score().2>
                <details class="answers" data-testid="answers">
                    <summary>{t!("All answers")}</summary>
                    <FetchedText name="review-answers" />
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
