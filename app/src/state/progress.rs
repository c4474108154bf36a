//! What the learner has done in each lesson, kept in the browser (`localStorage`, key
//! [`KEY`]) so that the overview can show it. Plain text, one `id:step` a line; unknown
//! lines are ignored, so an old or edited value never breaks the page.

/// The `localStorage` key.
pub const KEY: &str = "leaklab.progress";

/// A step of a lesson worth remembering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// The lesson was opened.
    Opened,
    /// Its clock was run.
    Ran,
}

impl Step {
    fn as_str(self) -> &'static str {
        match self {
            Step::Opened => "opened",
            Step::Ran => "ran",
        }
    }

    fn from_name(name: &str) -> Option<Step> {
        [Step::Opened, Step::Ran].into_iter().find(|s| s.as_str() == name)
    }
}

/// The steps done, as their stored lines (`id:step`), sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress(Vec<String>);

impl Progress {
    /// Reads the stored text; anything it does not understand is skipped.
    pub fn parse(text: &str) -> Progress {
        let mut steps: Vec<String> = text
            .lines()
            .filter(|line| {
                line.split_once(':')
                    .is_some_and(|(id, step)| crate::catalog::lesson(id).is_some() && Step::from_name(step).is_some())
            })
            .map(str::to_owned)
            .collect();
        steps.sort_unstable();
        steps.dedup();
        Progress(steps)
    }

    /// The text to store.
    pub fn to_text(&self) -> String {
        self.0.iter().map(|line| format!("{line}\n")).collect()
    }

    /// Records `step` of lesson `id`; whether it was new.
    pub fn record(&mut self, id: &str, step: Step) -> bool {
        let line = format!("{id}:{}", step.as_str());
        match self.0.binary_search(&line) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, line);
                true
            }
        }
    }

    /// Whether `step` of lesson `id` was done.
    pub fn done(&self, id: &str, step: Step) -> bool {
        self.0.binary_search(&format!("{id}:{}", step.as_str())).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_ignores_garbage() {
        let mut p = Progress::parse("upstream:opened\nnope:ran\nworkers:flew\n\n:::\nreview:ran");
        assert!(p.done("upstream", Step::Opened));
        assert!(p.done("review", Step::Ran));
        assert!(!p.done("workers", Step::Opened));
        assert!(p.record("workers", Step::Opened));
        assert!(!p.record("workers", Step::Opened));
        assert_eq!(Progress::parse(&p.to_text()), p);
        assert_eq!(p.to_text(), "review:ran\nupstream:opened\nworkers:opened\n");
    }
}
