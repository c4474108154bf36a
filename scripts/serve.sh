#!/usr/bin/env bash
# Installs whatever is missing (idempotently), then serves Leak Lab with live rebuilds:
#   open http://127.0.0.1:8080/?lesson=unbounded-send
# Extra arguments go to `trunk serve` (for example --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."

# Serving needs no test browser; scripts/e2e.sh installs it when the tests need it.
LEAKLAB_SKIP_BROWSER="${LEAKLAB_SKIP_BROWSER:-1}" bash scripts/install-tools.sh

echo "[serve] Leak Lab: open http://127.0.0.1:8080/?lesson=unbounded-send (Ctrl-C stops)" >&2
exec trunk serve --open=false --address 127.0.0.1 --port 8080 "$@"
