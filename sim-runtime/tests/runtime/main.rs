//! Behaviour tests of the simulated Go runtime, one module per area.

mod chan_semantics;
mod dumps;
mod durations;
mod gc;
mod harness;
mod outcomes;
mod slack;
mod time_ctx_sync;
