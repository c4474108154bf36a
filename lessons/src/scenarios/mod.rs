//! The simulations of the lessons' Go programs.

use crate::run::{Env, RunConfig};

pub mod num_goroutine;
pub mod pprof;
pub mod review;
pub mod unbounded_send;
pub mod upstream;
pub mod workers;

/// Builds the program of `cfg`'s lesson and variant in `env`.
///
/// Each lesson's `build` stays a function of its own (`#[inline(never)]`), so that the
/// page's release build can move every lesson's simulation but the first into the wasm it
/// loads after the first lesson is interactive (`app/tools/post-build.mjs`).
pub fn build(env: &Env, cfg: &RunConfig) -> Result<(), String> {
    let v = cfg.variant.as_str();
    match cfg.lesson.id {
        "unbounded-send" => unbounded_send::build(env, v),
        "upstream" => upstream::build(env, v),
        "workers" => workers::build(env, v),
        "pprof" => pprof::build(env, v),
        "num-goroutine" => num_goroutine::build(env, v),
        "review" => review::build(env, cfg),
        other => Err(format!("unknown lesson {other:?}")),
    }
}
