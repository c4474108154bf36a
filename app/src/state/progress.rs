//! What the learner has done in each lesson, kept in the browser (`localStorage`, key
//! [`KEY`]) so that the overview can show it. Plain text, one `id:step` a line; unknown
//! lines are ignored, so an old or edited value never breaks the page.

use std::collections::BTreeSet;

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

/// The steps done, by lesson id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress(BTreeSet<(String, Step)>);

impl Progress {
    /// Reads the stored text; anything it does not understand is skipped.
    pub fn parse(text: &str) -> Progress {
        let steps = text
            .lines()
            .filter_map(|line| {
                let (id, step) = line.split_once(':')?;
                let known = crate::catalog::lesson(id)?;
                Some((known.id.to_owned(), Step::from_name(step)?))
            })
            .collect();
        Progress(steps)
    }

    /// The text to store.
    pub fn to_text(&self) -> String {
        self.0.iter().map(|(id, step)| format!("{id}:{}\n", step.as_str())).collect()
    }

    /// Records `step` of lesson `id`; whether it was new.
    pub fn record(&mut self, id: &str, step: Step) -> bool {
        self.0.insert((id.to_owned(), step))
    }

    /// Whether `step` of lesson `id` was done.
    pub fn done(&self, id: &str, step: Step) -> bool {
        self.0.contains(&(id.to_owned(), step))
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
