//! Leak Lab's Go front end: the code on screen is the code that is checked.
//!
//! [`syntax::parse_file`] parses one `package main` file into Leak Lab's own syntax
//! tree, reporting a syntax error as Go's compiler words it:
//!
//! ```
//! let err = gointerp::syntax::parse_file("package main\n\nfunc main() {\n\tprintln(1\n}\n").unwrap_err();
//! assert_eq!(err.to_string(), "./main.go:4:11: syntax error: unexpected newline in argument list; possibly missing comma or )");
//! ```
#![warn(missing_docs)]

pub mod diag;
pub mod syntax;

pub use diag::Diagnostic;
