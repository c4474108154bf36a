#!/usr/bin/env bash
# Runs every check Leak Lab has: formatting, clippy with warnings denied, all Rust
# tests (among them `go vet` on every lesson listing as rendered), the WebAssembly
# build of sim-runtime and dumpread, and the end-to-end browser tests. Installs missing tools first (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-tools.sh

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
LEAKLAB_REQUIRE_GO=1 cargo test --workspace --locked

step "sim-runtime and dumpread build for wasm32-unknown-unknown"
cargo build -p sim-runtime -p dumpread --target wasm32-unknown-unknown --locked

if [ -f e2e/package.json ]; then
  step "end-to-end tests in headless Chromium"
  bash scripts/e2e.sh
fi

step "all checks passed"
