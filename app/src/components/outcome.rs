use leptos::prelude::*;
use lessons::decimal::format_fixed;
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
                Outcome::Exited => (
                    t!("The program exited").to_string(),
                    t!(
                        "main returned at {0}: exit status 0.\nA real process ends here and takes its goroutines with it; Leak Lab keeps them on screen so that you can see what was left.",
                        crate::i18n::duration(&at.to_string())
                    ),
                ),
                Outcome::Deadlock { text } => (t!("The program crashed: deadlock").to_string(), text.clone()),
                Outcome::Panic { text, fatal: true, .. } => (t!("The program crashed: fatal error").to_string(), text.clone()),
                Outcome::Panic { text, .. } => (t!("The program crashed: panic").to_string(), text.clone()),
                Outcome::Exit { code } => (
                    t!("The program exited: os.Exit").to_string(),
                    t!(
                        "The program called os.Exit at {0}: exit status {1}. Deferred functions did not run.",
                        crate::i18n::duration(&at.to_string()),
                        code
                    ),
                ),
                Outcome::OutOfMemory { bytes, limit } => (
                    t!("The container was killed: out of memory").to_string(),
                    format!(
                        "$ kubectl describe pod leaklab\n    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137\n\n{}",
                        oom_text(*bytes, *limit, &at.to_string())
                    ),
                ),
            };
            let clean = matches!(o, Outcome::Exited);
            view! {
                <section
                    class="outcome"
                    class:outcome-clean=clean
                    role=if clean { "status" } else { "alert" }
                    data-testid="outcome"
                >
                    <h2>{title}</h2>
                    // Focusable and named: a long trace scrolls sideways inside it.
                    <pre tabindex="0" role="group" aria-label=t!("What the process printed")>{body}</pre>
                </section>
            }
        })
    }
}

/// The OOM kill's last line: memory to a tenth of a MiB, so that it never reads as equal to
/// the limit it passed.
pub fn oom_text(bytes: u64, limit: u64, at: &str) -> String {
    let mib = |b: u64| b as f64 / 1048576.0;
    let mut used = format_fixed(mib(bytes), 1);
    if used == format_fixed(mib(limit), 1) {
        used = format_fixed(mib(bytes), 3);
    }
    let limit = format_fixed(mib(limit), 1);
    t!(
        "estimated memory {0} MiB passed the limit of {1} MiB at {2}",
        crate::i18n::decimal(&used),
        crate::i18n::decimal(&limit),
        crate::i18n::duration(at)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_oom_line_never_reads_as_equal() {
        let limit = 64 * 1048576;
        assert_eq!(
            super::oom_text(limit + 30_000, limit, "9s"),
            "estimated memory 64.029 MiB passed the limit of 64.0 MiB at 9s"
        );
        assert_eq!(
            super::oom_text(limit + 900_000, limit, "9s"),
            "estimated memory 64.9 MiB passed the limit of 64.0 MiB at 9s"
        );
    }
}
