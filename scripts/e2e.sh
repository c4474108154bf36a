#!/usr/bin/env bash
# End-to-end tests: builds the release site with `--public-url /leaklab/`, serves it from a
# small Node server on 127.0.0.1, and drives Debian's Chromium through playwright-core
# (node --test). Builds the `leaklab` CLI too: the tests compare the page's dumps with its
# output byte for byte. Screenshots and the tested build land in e2e/artifacts/.
#   LEAKLAB_SKIP_INSTALL=1   do not run scripts/install-tools.sh first
#   LEAKLAB_E2E_SITE=DIR     test an already built site instead of building one
#   LEAKLAB_CLI=PATH         use this leaklab executable instead of building it
#   LEAKLAB_E2E_ONLY=GLOB    run only e2e/tests/GLOB (for example: dump-bytes.test.js)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${LEAKLAB_SKIP_INSTALL:-0}" != 1 ]; then
  bash scripts/install-tools.sh
fi
if [ ! -d e2e/node_modules/playwright-core ] || [ ! -d e2e/node_modules/axe-core ]; then
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

# Build once here, so that the test files (each its own process) share the site and the CLI.
if [ -z "${LEAKLAB_E2E_SITE:-}" ]; then
  node --input-type=module -e "import('./e2e/lib/site.js').then((m) => m.buildSite())"
  export LEAKLAB_E2E_SITE="$PWD/e2e/artifacts/site"
fi
if [ -z "${LEAKLAB_CLI:-}" ]; then
  cargo build --release --locked -p lessons --bin leaklab
  export LEAKLAB_CLI="${CARGO_TARGET_DIR:-target}/release/leaklab"
  case "$LEAKLAB_CLI" in /*) ;; *) LEAKLAB_CLI="$PWD/$LEAKLAB_CLI" ;; esac
fi

cd e2e
started=$SECONDS
status=0
node --test --test-concurrency=1 tests/${LEAKLAB_E2E_ONLY:-*.test.js} || status=$?
echo "end-to-end tests took $((SECONDS - started)) s"
exit "$status"
