//! Leak Lab's lessons: each the article's scenario as data — narrative, Go
//! listings per variant, knobs — plus the simulation of its handlers on
//! [`sim_runtime`], whose blocking points resolve to lines of the listing.
//!
//! ```
//! use lessons::{Run, RunConfig};
//! use sim_runtime::{DumpKind, Duration, Time};
//!
//! let mut run = Run::new(RunConfig::defaults("unbounded-send", "leaky").unwrap()).unwrap();
//! run.advance_to(Time(Duration::from_secs(2).0));
//! assert!(run.dump(DumpKind::Debug1).starts_with("goroutine profile: total "));
//! ```

#![warn(missing_docs)]

pub mod analyze;
pub mod catalog;
#[cfg(feature = "interpreter")]
pub mod cli;
pub mod client;
pub mod decimal;
pub mod estimate;
#[cfg(feature = "interpreter")]
pub mod gohost;
pub mod knobs;
pub mod lang;
pub mod listing;
pub mod net;
pub mod quiz;
pub mod run;
mod scenarios;
pub mod stdlib;

pub use catalog::{lesson, lessons, Lesson, Variant};
pub use estimate::MemoryEstimate;
pub use knobs::{KnobError, KnobKind, KnobSpec, KnobValue, Knobs};
pub use listing::Listing;
pub use run::{Engine, Run, RunConfig, Sample};
