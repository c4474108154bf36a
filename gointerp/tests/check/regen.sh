#!/usr/bin/env bash
# Records what real Go says about each broken program in this directory: for every
# <name>.go, `go build main.go` and then `go vet main.go` run on a copy named main.go
# in a fresh module (so the package is command-line-arguments, as for a learner's
# file), and their combined output is written to <name>.go124.txt (Go 1.24) and
# <name>.go119.txt (Go 1.19). The checker's tests assert the Go 1.24 text; the
# Go 1.19 text is kept to show where the two toolchains word things differently.
#
# Usage: gointerp/tests/check/regen.sh [name...]   (default: every *.go here)
set -u
here="$(cd "$(dirname "$0")" && pwd)"
go124="${GO124:-/opt/go1.24/usr/lib/go-1.24/bin/go}"
go119="${GO119:-/usr/bin/go}"

record() { # record <go binary> <source> <output file>
	local go="$1" src="$2" out="$3" tmp cache
	cache="${TMPDIR:-/tmp}/leaklab-gocache-$("$go" env GOVERSION)"
	tmp="$(mktemp -d)"
	# The module declares the toolchain's own language version, so Go 1.24 checks the
	# program with Go 1.22's per-iteration loop variables, as the interpreter runs it.
	printf 'module leaklab/check\n\ngo %s\n' "$("$go" env GOVERSION | sed 's/^go\([0-9]*\.[0-9]*\).*/\1/')" >"$tmp/go.mod"
	cp "$src" "$tmp/main.go"
	{
		echo '$ go build'
		(cd "$tmp" && GOFLAGS=-mod=mod GOTOOLCHAIN=local GOCACHE="$cache" "$go" build -o /dev/null main.go 2>&1)
		echo "exit $?"
		echo '$ go vet'
		(cd "$tmp" && GOFLAGS=-mod=mod GOTOOLCHAIN=local GOCACHE="$cache" "$go" vet main.go 2>&1)
		echo "exit $?"
	} >"$out"
	rm -rf "$tmp"
}

if [ "$#" -eq 0 ]; then
	set -- $(cd "$here" && ls *.go | sed 's/\.go$//')
fi
for name in "$@"; do
	record "$go124" "$here/$name.go" "$here/$name.go124.txt"
	record "$go119" "$here/$name.go" "$here/$name.go119.txt"
done
