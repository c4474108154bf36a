//! The lessons' ids and titles in teaching order: what the navigation lists and what the
//! `lesson` URL parameter may name.
//!
//! Kept as a constant so that the navigation renders without building the lessons; a test
//! checks it against the `lessons` crate, which owns the lessons.

/// One entry of the lesson navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LessonEntry {
    /// The id used in URLs (`?lesson=<id>`) and test ids (`nav-<id>`).
    pub id: &'static str,
    /// The title shown in the navigation.
    pub title: &'static str,
    /// What the lesson shows, in one sentence, for the overview.
    pub summary: &'static str,
    /// About how long it takes, in minutes.
    pub minutes: u32,
}

/// Every lesson, in the order a learner should take them.
pub const LESSONS: [LessonEntry; 6] = [
    LessonEntry {
        id: "unbounded-send",
        title: "Unbounded channel sends",
        summary: "A goroutine per request sends to a log channel that drains too slowly: watch senders pile up in \
                  chan send, then bound the send with select.",
        minutes: 8,
    },
    LessonEntry {
        id: "upstream",
        title: "Unresponsive upstream",
        summary: "A slow API and a handler that gives up: the goroutine that fetched the answer is left on an \
                  unbuffered send forever, or inside client.Do without a context.",
        minutes: 10,
    },
    LessonEntry {
        id: "workers",
        title: "Workers without a stop",
        summary: "Worker goroutines that nobody stops at shutdown, and how a stop channel and a WaitGroup end them.",
        minutes: 8,
    },
    LessonEntry {
        id: "pprof",
        title: "Finding leaks with pprof",
        summary: "Read /debug/pprof/goroutine with debug=1 and debug=2, and diff two profiles to see what grew.",
        minutes: 10,
    },
    LessonEntry {
        id: "num-goroutine",
        title: "Watching NumGoroutine",
        summary: "The goroutine count over time, as a dashboard shows it: the shape of a leak, and a ceiling for it.",
        minutes: 6,
    },
    LessonEntry {
        id: "review",
        title: "Review checklist",
        summary: "Six short handlers to judge in review: leaky or safe, and on which line? Then run them.",
        minutes: 12,
    },
];

/// The lesson shown when the URL names none, or one that does not exist.
pub const DEFAULT_LESSON: LessonEntry = LESSONS[0];

/// The lesson with this id, if there is one.
pub fn lesson(id: &str) -> Option<LessonEntry> {
    LESSONS.iter().copied().find(|entry| entry.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_url_safe() {
        for (i, entry) in LESSONS.iter().enumerate() {
            assert!(entry.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", entry.id);
            assert!(LESSONS[..i].iter().all(|other| other.id != entry.id), "{} twice", entry.id);
        }
    }

    #[test]
    fn matches_the_lessons_crate() {
        let real: Vec<(&str, &str)> = lessons::lessons().iter().map(|l| (l.id, l.title)).collect();
        let here: Vec<(&str, &str)> = LESSONS.iter().map(|e| (e.id, e.title)).collect();
        assert_eq!(here, real);
    }

    #[test]
    fn finds_lessons_by_id() {
        assert_eq!(lesson("pprof").map(|e| e.title), Some("Finding leaks with pprof"));
        assert_eq!(lesson("nope"), None);
        assert_eq!(DEFAULT_LESSON.id, "unbounded-send");
    }
}
