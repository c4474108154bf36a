//! The page's model: plain Rust, tested natively; components only render it.

pub mod progress;
pub mod session;
pub mod world;
pub mod your_dump;
