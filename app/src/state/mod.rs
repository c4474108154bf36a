//! The page's model: plain Rust, tested natively; components only render it.

pub mod session;
pub mod world;
