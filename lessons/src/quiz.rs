//! The review lesson's quiz (`content/review/quiz.tsv`): for each program, leaky or safe,
//! and for a leaky one the line its leaked goroutines wait on and their wait reason. The
//! explanation of each answer is its row of `answers.md`.

/// One question: a program of the lesson and its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizItem {
    /// The variant (program) asked about.
    pub variant: &'static str,
    /// Whether it leaks.
    pub leaky: bool,
    /// For a leaky one: a snippet unique to the line its leaked goroutines wait on.
    pub snippet: Option<&'static str>,
    /// For a leaky one: their wait reason, as a Go 1.24 dump prints it.
    pub wait_reason: Option<&'static str>,
    /// Why, in Markdown (inline code and bold only), from `answers.md`.
    pub why: &'static str,
}

/// A malformed quiz file: the line and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizError {
    /// 1-based line of the quiz file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses a quiz file and takes each answer's explanation from the `answers.md` table
/// (`| \`review-1.go\` | **leaky** | why |`), whose verdict must agree.
pub fn parse(quiz: &'static str, answers: &'static str) -> Result<Vec<QuizItem>, QuizError> {
    let mut items = Vec::new();
    for (i, line) in quiz.lines().enumerate() {
        let err = |message: String| QuizError { line: i + 1, message };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        let (variant, verdict) = match cols.as_slice() {
            [v, verdict, ..] => (*v, *verdict),
            _ => return Err(err("expected a program and a verdict, separated by a tab".into())),
        };
        let leaky = match verdict {
            "leaky" => true,
            "safe" => false,
            other => return Err(err(format!("verdict {other:?} is neither leaky nor safe"))),
        };
        let (snippet, wait_reason) = match (leaky, &cols[2..]) {
            (true, [s, w]) => (Some(*s), Some(*w)),
            (false, []) => (None, None),
            (true, _) => return Err(err("a leaky program needs a snippet and a wait reason".into())),
            (false, _) => return Err(err("a safe program has no snippet or wait reason".into())),
        };
        let row = answers
            .lines()
            .find(|l| l.starts_with(&format!("| `{variant}.go` |")))
            .ok_or_else(|| err(format!("answers.md has no row for {variant}")))?;
        let cells: Vec<&'static str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        let [_, said, why] = cells.as_slice() else {
            return Err(err(format!("answers.md's row for {variant} does not have three cells")));
        };
        if said.trim_matches('*') != verdict {
            return Err(err(format!("answers.md calls {variant} {said}, the quiz {verdict}")));
        }
        items.push(QuizItem { variant, leaky, snippet, wait_reason, why });
    }
    Ok(items)
}

/// The 1-based line of `template` that holds `snippet`, if exactly one does.
pub fn snippet_line(template: &str, snippet: &str) -> Option<u32> {
    let mut found = template.lines().enumerate().filter(|(_, l)| l.contains(snippet));
    match (found.next(), found.next()) {
        (Some((i, _)), None) => Some(i as u32 + 1),
        _ => None,
    }
}

/// The review's quiz.
pub fn review() -> Vec<QuizItem> {
    parse(include_str!("../content/review/quiz.tsv"), include_str!("../content/review/answers.md"))
        .unwrap_or_else(|e| panic!("content/review/quiz.tsv:{}: {}", e.line, e.message))
}

// Included by path into build tools (app's build.rs, sitetext), so its tests use nothing of
// the lessons crate; the quiz is checked against the listings in tests/review_quiz.rs.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_files_name_the_line() {
        let answers = "| `a.go` | safe | fine |\n";
        assert_eq!(parse("a\tsafe\n", answers).unwrap()[0].why, "fine");
        assert_eq!(parse("# c\na\tmaybe\n", answers).unwrap_err().line, 2);
        assert!(parse("a\tleaky\n", answers).unwrap_err().message.contains("needs a snippet"));
        assert!(parse("b\tsafe\n", answers).unwrap_err().message.contains("no row for b"));
        assert!(parse("a\tleaky\tx\ty\n", answers).unwrap_err().message.contains("calls a safe"));
    }
}
