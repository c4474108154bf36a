//! The review's quiz against its listings.

#[test]
fn the_quiz_agrees_with_the_answers_and_the_listings() {
    let quiz = lessons::quiz::review();
    let lesson = lessons::lesson("review").unwrap();
    assert_eq!(quiz.len(), lesson.variants.len(), "one question per program");
    for item in &quiz {
        let v = lesson.variant(item.variant).unwrap();
        if let Some(s) = item.snippet {
            assert!(
                lessons::quiz::snippet_line(v.template, s).is_some(),
                "{}: {s:?} is on exactly one line",
                item.variant
            );
        }
        assert!(!item.why.is_empty());
    }
    assert_eq!(quiz.iter().filter(|q| q.leaky).count(), 3);
}
