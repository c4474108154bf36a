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
}

/// Every lesson, in the order a learner should take them.
pub const LESSONS: [LessonEntry; 6] = [
    LessonEntry { id: "unbounded-send", title: "Unbounded channel sends" },
    LessonEntry { id: "upstream", title: "Unresponsive upstream" },
    LessonEntry { id: "workers", title: "Workers without a stop" },
    LessonEntry { id: "pprof", title: "Finding leaks with pprof" },
    LessonEntry { id: "num-goroutine", title: "Watching NumGoroutine" },
    LessonEntry { id: "review", title: "Review checklist" },
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
