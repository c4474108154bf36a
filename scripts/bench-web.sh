#!/usr/bin/env bash
# Measures Leak Lab's web budgets in headless Chromium and prints every figure with its unit:
# the gzipped transfer size of the release build, navigation → interactive lesson, frame times
# while ~100,000 goroutines play at 100×, simulation speed in the browser against native
# `leaklab`, and the time to jump back within a 10-minute run. Exits 1 when a budget is
# exceeded (the last lines say which), 2 when the measurement itself fails.
#   LEAKLAB_SKIP_INSTALL=1     do not run scripts/install-tools.sh first
#   LEAKLAB_E2E_SITE=DIR       measure an already built site (built with --public-url /leaklab/)
#   LEAKLAB_CLI=PATH           use this leaklab executable instead of building it
#   LEAKLAB_BENCH_LOADS=N      page loads for navigation → interactive (default 5)
#   LEAKLAB_BENCH_FRAME_MS=MS  wall time over which frame times are sampled (default 5000)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${LEAKLAB_SKIP_INSTALL:-0}" != 1 ]; then
  bash scripts/install-tools.sh
fi
if [ ! -d e2e/node_modules/playwright-core ] || [ ! -d e2e/node_modules/axe-core ]; then
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

cd e2e
exec node bench/bench-web.js
