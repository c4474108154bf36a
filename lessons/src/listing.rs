//! Go listings: rendering knob values into them and finding lines by snippet.
//!
//! Blocking points of a simulation name a unique piece of code (`"logCh <- msg"`),
//! never a line number, so editing a listing cannot silently point dumps at the
//! wrong line: a snippet that is missing or ambiguous is an error.

use std::fmt;

use sim_runtime::Duration;

/// A listing with its placeholders filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    /// The file name shown to learners and printed in dumps.
    pub path: &'static str,
    /// The Go source.
    pub text: String,
}

/// A snippet that does not identify exactly one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnippetError {
    /// The snippet.
    pub snippet: String,
    /// How many lines contain it.
    pub matches: usize,
}

impl fmt::Display for SnippetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "snippet {:?} matches {} lines (it must match exactly one)", self.snippet, self.matches)
    }
}

impl std::error::Error for SnippetError {}

/// Writes a duration as a Go expression: `50 * time.Millisecond`, `time.Second`.
pub fn go_duration_expr(d: Duration) -> String {
    let units: [(u64, &str); 6] = [
        (Duration::HOUR.0, "time.Hour"),
        (Duration::MINUTE.0, "time.Minute"),
        (Duration::SECOND.0, "time.Second"),
        (Duration::MILLISECOND.0, "time.Millisecond"),
        (Duration::MICROSECOND.0, "time.Microsecond"),
        (1, "time.Nanosecond"),
    ];
    if d.0 == 0 {
        return "0".to_string();
    }
    for (n, name) in units {
        if d.0 % n == 0 {
            let k = d.0 / n;
            return if k == 1 { name.to_string() } else { format!("{k} * {name}") };
        }
    }
    unreachable!("every duration is a multiple of a nanosecond")
}

impl Listing {
    /// Fills `{{name}}` placeholders with `values` (already Go expressions).
    pub fn render(path: &'static str, template: &str, values: &[(&str, String)]) -> Listing {
        let mut text = template.to_string();
        for (name, v) in values {
            text = text.replace(&format!("{{{{{name}}}}}"), v);
        }
        Listing { path, text }
    }

    /// The 1-based line containing `snippet`, which must occur on exactly one line.
    pub fn line(&self, snippet: &str) -> Result<u32, SnippetError> {
        let hits: Vec<usize> =
            self.text.lines().enumerate().filter(|(_, l)| l.contains(snippet)).map(|(i, _)| i + 1).collect();
        match hits.as_slice() {
            [one] => Ok(*one as u32),
            _ => Err(SnippetError { snippet: snippet.to_string(), matches: hits.len() }),
        }
    }

    /// The line of `func name(`: where a function is declared.
    pub fn func_line(&self, name: &str) -> Result<u32, SnippetError> {
        self.line(&format!("func {name}("))
    }

    /// The placeholders left unfilled, if any.
    pub fn unfilled(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = self.text.as_str();
        while let Some(i) = rest.find("{{") {
            let after = &rest[i + 2..];
            let end = after.find("}}").unwrap_or(after.len());
            out.push(after[..end].to_string());
            rest = &after[end..];
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_become_go_expressions() {
        assert_eq!(go_duration_expr(Duration::from_millis(50)), "50 * time.Millisecond");
        assert_eq!(go_duration_expr(Duration::from_secs(1)), "time.Second");
        assert_eq!(go_duration_expr(Duration::from_mins(10)), "10 * time.Minute");
        assert_eq!(go_duration_expr(Duration(1500)), "1500 * time.Nanosecond");
        assert_eq!(go_duration_expr(Duration(0)), "0");
    }

    #[test]
    fn snippets_must_be_unique() {
        let l = Listing::render("main.go", "a\nch <- {{v}}\nch <- y\nfunc f(x int) {\n", &[("v", "1".into())]);
        assert_eq!(l.line("ch <- 1"), Ok(2));
        assert_eq!(l.line("ch <-").unwrap_err().matches, 2);
        assert_eq!(l.line("nothing").unwrap_err().matches, 0);
        assert_eq!(l.func_line("f"), Ok(4));
        assert!(l.unfilled().is_empty());
        assert_eq!(Listing::render("m", "{{a}} {{b}}", &[]).unfilled(), vec!["a", "b"]);
    }
}
