#!/usr/bin/env bash
# Records what real Go 1.24 logs for each program here (<name>.go -> <name>.go124.txt),
# with the log's timestamps. The host name lookup's resolver differs from machine to
# machine ("lookup NAME on 10.255.255.53:53"); the test leaves the " on ADDR" out.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
go124="${GO124:-/opt/go1.24/usr/lib/go-1.24/bin/go}"
for f in "$here"/*.go; do
	tmp="$(mktemp -d)"
	printf 'module leaklab/client\n\ngo 1.24\n' >"$tmp/go.mod"
	cp "$f" "$tmp/main.go"
	(cd "$tmp" && GOTOOLCHAIN=local "$go124" run main.go >"${f%.go}.go124.txt" 2>&1) || true
	rm -rf "$tmp"
done
