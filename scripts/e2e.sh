#!/usr/bin/env bash
# End-to-end tests: builds the release site with `--public-url /leaklab/`, serves it from a
# small Node server on 127.0.0.1, and drives Debian's Chromium through playwright-core
# (node --test). Screenshots and the tested build land in e2e/artifacts/.
#   LEAKLAB_SKIP_INSTALL=1   do not run scripts/install-tools.sh first
#   LEAKLAB_E2E_SITE=DIR     test an already built site instead of building one
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${LEAKLAB_SKIP_INSTALL:-0}" != 1 ]; then
  bash scripts/install-tools.sh
fi
if [ ! -d e2e/node_modules/playwright-core ] || [ ! -d e2e/node_modules/axe-core ]; then
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

cd e2e
exec node --test --test-concurrency=1 tests/*.test.js
