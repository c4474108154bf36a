//! The simulations of the lessons' Go programs.

use crate::run::{Env, RunConfig};

pub mod num_goroutine;
pub mod pprof;
pub mod review;
pub mod unbounded_send;
pub mod upstream;
pub mod workers;

/// Builds the program of `cfg`'s lesson and variant in `env`.
pub fn build(env: &Env, cfg: &RunConfig) -> Result<(), String> {
    let v = cfg.variant.as_str();
    match cfg.lesson.id {
        "unbounded-send" => unbounded_send::build(env, v),
        "upstream" => upstream::build(env, v),
        "workers" => workers::build(env, v),
        "pprof" => pprof::build(env, v),
        "num-goroutine" => num_goroutine::build(env, v),
        "review" => review::build(env, v),
        other => Err(format!("unknown lesson {other:?}")),
    }
}

/// The path the virtual clients request.
pub fn request_path(cfg: &RunConfig) -> &'static str {
    match cfg.lesson.id {
        "review" => review::path(&cfg.variant),
        _ => cfg.lesson.path,
    }
}

/// The query of the `k`-th request (from 0).
pub fn request_query(lesson: &str, variant: &str, k: u64) -> &'static str {
    match lesson {
        "workers" => "task=resize",
        "review" => review::query(variant, k),
        _ => "",
    }
}
