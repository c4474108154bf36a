//! The review lesson (being written).

use crate::catalog::Variant;
use crate::run::Env;

/// The review's variants.
pub fn variants() -> Vec<Variant> {
    Vec::new()
}

/// The path each review handler serves.
pub fn path(_variant: &str) -> &'static str {
    "/"
}

/// Builds the variant.
pub fn build(_env: &Env, variant: &str) -> Result<(), String> {
    Err(format!("variant {variant} is not simulated yet"))
}
