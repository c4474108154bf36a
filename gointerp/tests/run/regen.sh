#!/usr/bin/env bash
# Records what real Go prints when it runs each program in this directory: for every
# <name>.go, `go run main.go` on a copy in a fresh module, with standard output,
# standard error and the exit status in <name>.go124.txt (Go 1.24). The evaluator's
# tests assert standard output and the exit status byte for byte, and the goroutine
# traces of a deadlock or panic line by line (addresses and argument words aside).
#
# Usage: gointerp/tests/run/regen.sh [name...]   (default: every *.go here)
set -u
here="$(cd "$(dirname "$0")" && pwd)"
go124="${GO124:-/opt/go1.24/usr/lib/go-1.24/bin/go}"
cache="${TMPDIR:-/tmp}/leaklab-gocache-$("$go124" env GOVERSION)"

if [ "$#" -eq 0 ]; then
	set -- $(cd "$here" && ls *.go | sed 's/\.go$//')
fi
for name in "$@"; do
	tmp="$(mktemp -d)"
	printf 'module leaklab/run\n\ngo 1.24\n' >"$tmp/go.mod"
	cp "$here/$name.go" "$tmp/main.go"
	(cd "$tmp" && GOTOOLCHAIN=local GOCACHE="$cache" "$go124" run main.go >"$tmp/stdout" 2>"$tmp/stderr")
	code=$?
	{
		echo '--- stdout'
		cat "$tmp/stdout"
		echo '--- stderr'
		sed "s|$tmp/||g" "$tmp/stderr"
		echo "--- exit $code"
	} >"$here/$name.go124.txt"
	rm -rf "$tmp"
done
