//! Leak Lab's syntax layer: tokens, the syntax tree and the parser.
//!
//! The checker and the interpreter see only [`ast`]; the hand-written parser behind it
//! could be replaced by another (such as the `gosyn` crate) without touching them.

pub mod ast;
pub mod lexer;
pub mod parser;

pub use parser::parse_file;
