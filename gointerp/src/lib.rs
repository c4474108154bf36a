//! Leak Lab's Go front end: the code on screen is the code that is checked.
//!
//! [`syntax::parse_file`] parses one `package main` file into Leak Lab's own syntax
//! tree, reporting a syntax error as Go's compiler words it:
//!
//! ```
//! let err = gointerp::syntax::parse_file("package main\n\nfunc main() {\n\tprintln(1\n}\n").unwrap_err();
//! assert_eq!(err.to_string(), "./main.go:4:11: syntax error: unexpected newline in argument list; possibly missing comma or )");
//! ```
//!
//! [`check`] reports what `go build` and then `go vet` would report, sorted by position:
//!
//! ```
//! let src = "package main\n\nimport \"os\"\n\nfunc main() {\n\tx := 1\n}\n";
//! assert_eq!(gointerp::check(src).render("main.go"), "\
//! ./main.go:3:8: \"os\" imported and not used
//! ./main.go:6:2: declared and not used: x
//! ");
//! ```
//!
//! [`interp::run`] runs a checked program on `sim-runtime`'s virtual clock: goroutines,
//! channels, `select`, timers and Go's deadlock and panic traces (a first part of the
//! evaluator; see the module for what it runs).
//!
//! ```
//! let src = "package main\n\nfunc main() {\n\tch := make(chan int)\n\t<-ch\n}\n";
//! let r = gointerp::interp::run(src, 1, sim_runtime::Duration::from_secs(1)).unwrap();
//! assert_eq!(r.outcome.unwrap().exit_code(), 2); // all goroutines are asleep - deadlock!
//! ```
#![warn(missing_docs)]

pub mod check;
pub mod diag;
pub mod float;
pub mod gomath;
pub mod interp;
pub mod syntax;

pub use check::{check, Report};
pub use diag::Diagnostic;
