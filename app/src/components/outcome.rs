use leptos::prelude::*;
use sim_runtime::Outcome;

use super::live::Live;

/// How the process ended, as Go or Kubernetes would show it: the deadlock message, the
/// panic trace, or the pod's OOMKilled state.
#[component]
pub fn OutcomePanel() -> impl IntoView {
    let live = expect_context::<Live>();
    let outcome = move || live.views.with(|v| v.first().and_then(|v| v.outcome.clone().map(|o| (o, v.now))));
    move || {
        outcome().map(|(o, at)| {
            let (title, body) = match &o {
                Outcome::Exited => ("The program exited".to_string(), format!("main returned at {at}: exit status 0")),
                Outcome::Deadlock { text } => ("The program crashed: deadlock".to_string(), text.clone()),
                Outcome::Panic { text, .. } => ("The program crashed: panic".to_string(), text.clone()),
                Outcome::OutOfMemory { bytes, limit } => (
                    "The container was killed: out of memory".to_string(),
                    format!(
                        "$ kubectl describe pod leaklab\n    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137\n\nestimated memory {} MiB passed the limit of {} MiB at {at}",
                        bytes / 1048576,
                        limit / 1048576
                    ),
                ),
            };
            view! {
                <section class="outcome" role="alert" data-testid="outcome">
                    <h2>{title}</h2>
                    // Focusable and named: a long trace scrolls sideways inside it.
                    <pre tabindex="0" role="group" aria-label="What the process printed">{body}</pre>
                </section>
            }
        })
    }
}
