//! Behaviour tests of the simulated Go runtime, one module per area.

mod chan_semantics;
mod dumps;
mod durations;
mod harness;
mod outcomes;
mod time_ctx_sync;
