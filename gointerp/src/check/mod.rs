//! What `go build` and `go vet` report about a program: [`check`].

pub mod checker;
pub mod constant;
mod exprstr;
pub mod stdlib;
pub mod types;
pub mod vet;

use crate::diag::Diagnostic;
use crate::syntax::parse_file;

pub use checker::Checker;
pub use exprstr::expr_string;

/// Go's compiler stops at this many errors and prints `too many errors`.
const MAX_ERRORS: usize = 10;

/// The findings about one program: build errors, or, when it builds, vet's findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// `go build` errors, sorted by position.
    pub build: Vec<Diagnostic>,
    /// `go vet` findings, sorted by position (only when the program builds).
    pub vet: Vec<Diagnostic>,
}

impl Report {
    /// Whether there is anything to report.
    pub fn is_clean(&self) -> bool {
        self.build.is_empty() && self.vet.is_empty()
    }

    /// The findings as `go build` (or, for a program that builds, `go vet`) prints
    /// them for `file`, one per line, without the `# command-line-arguments` header.
    pub fn render(&self, file: &str) -> String {
        self.render_path(&format!("./{file}"))
    }

    /// Like [`Report::render`], with the file's path printed as given: `dir/main.go`.
    pub fn render_path(&self, path: &str) -> String {
        let mut out = String::new();
        let list = if self.build.is_empty() { &self.vet } else { &self.build };
        for (i, d) in list.iter().enumerate() {
            out.push_str(&d.render_path(path));
            out.push('\n');
            if i + 1 == MAX_ERRORS && list == &self.build {
                // The tenth error stops Go, which names its position again.
                out.push_str(&format!("{path}:{}:{}: too many errors\n", d.pos.line, d.pos.col));
                break;
            }
        }
        out
    }
}

/// Parses and checks `main.go`: the syntax tree and the checker's knowledge of it
/// when it builds, else the build errors.
pub fn analyze(src: &str) -> Result<(crate::syntax::ast::File, Checker), Vec<Diagnostic>> {
    let file = parse_file(src).map_err(|e| vec![e])?;
    let checker = Checker::check_file(&file);
    let build = checker.diagnostics();
    if !build.is_empty() {
        return Err(build);
    }
    Ok((file, checker))
}

/// Checks the text of `main.go` as `go build` and then `go vet` would.
pub fn check(src: &str) -> Report {
    let file = match parse_file(src) {
        Ok(f) => f,
        Err(e) => return Report { build: vec![e], vet: vec![] },
    };
    let checker = Checker::check_file(&file);
    let build = checker.diagnostics();
    if !build.is_empty() {
        return Report { build, vet: vec![] };
    }
    Report { build, vet: vet::vet(&file, &checker) }
}
