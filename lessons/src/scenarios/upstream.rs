//! Lesson simulation (being written).

use crate::run::Env;

/// Builds the variant.
pub fn build(_env: &Env, variant: &str) -> Result<(), String> {
    Err(format!("variant {variant} is not simulated yet"))
}
