//! Diagnostics as the Go toolchain prints them: `./main.go:LINE:COL: message`.

use std::fmt;

use crate::syntax::ast::Pos;

/// One finding of the parser, the checker or vet.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where it is.
    pub pos: Pos,
    /// Go's wording. Continuation lines (`\thave (string)`) follow after newlines.
    pub msg: String,
}

impl Diagnostic {
    /// A finding at `pos`.
    pub fn new(pos: Pos, msg: String) -> Diagnostic {
        Diagnostic { pos, msg }
    }

    /// The line as `go build` prints it for a file named `file`: `./main.go:3:2: msg`.
    pub fn render(&self, file: &str) -> String {
        self.render_path(&format!("./{file}"))
    }

    /// The line with the file's path as given: `dir/main.go:3:2: msg`.
    pub fn render_path(&self, path: &str) -> String {
        format!("{path}:{}:{}: {}", self.pos.line, self.pos.col, self.msg)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.render("main.go"))
    }
}
