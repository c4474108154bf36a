#!/usr/bin/env bash
# Installs what Leak Lab needs to build, serve and test, skipping whatever is
# already present at the right version. Safe to run again: a warm machine pays
# nothing. Versions are pinned to match Cargo.lock and Trunk.toml.
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130

log() { printf '[install-tools] %s\n' "$*" >&2; }

need_apt=()
command -v wasm-opt >/dev/null 2>&1 || need_apt+=(binaryen)
command -v go >/dev/null 2>&1 || need_apt+=(golang-go)
if [ "${LEAKLAB_SKIP_BROWSER:-0}" != 1 ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}\$"; then
  log "cargo install trunk ${TRUNK_VERSION} (about 10 minutes on 2 cores)"
  cargo install trunk --version "${TRUNK_VERSION}" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  # Without --locked: the crate's own lock file names a version the registry no longer serves.
  log "cargo install wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

if [ "${LEAKLAB_SKIP_BROWSER:-0}" != 1 ] && [ -f e2e/package.json ]; then
  if [ ! -d e2e/node_modules/playwright-core ] || [ ! -d e2e/node_modules/axe-core ]; then
    log "npm ci in e2e/"
    (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
log "all tools present"
