#!/usr/bin/env bash
# Runs each learner-style edit in this directory (<name>.go, a lesson listing with one
# change, written as Leak Lab runs it) on a real Go toolchain under the oracle harness,
# several times, and records what the harness reports in <name>.go124.txt.
#
# Every edit serves /api and gets the same load: 20 requests at 10 req/s, uniformly
# spaced, one connection each, with the slow upstream hanging (the upstream lesson's
# defaults); snapshots at t = 0.55 s, 2.55 s and 4.05 s after the first request. An edit
# of the workers lesson (a last line `// oracle-load: workers`) gets that lesson's load
# instead: 60 requests to /queue?task=resize at 30 req/s, and SIGINT at 2 s.
# The program is rendered as ../gen.sh renders the lessons: ":8080" becomes the
# harness's loopback address and `const upstreamURL = "…"` its upstream, each within
# its line, so line numbers stay the listing's.
#
# Usage: lessons/oracle/edits/run.sh [name...]   (default: every edit)
#   GO=/path/to/go   the toolchain (default: Go 1.24 at /opt/go1.24)
#   RUNS=N           runs per edit (default 3)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
oracle="$here/.."
GO="${GO:-/opt/go1.24/usr/lib/go-1.24/bin/go}"
RUNS="${RUNS:-3}"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
ver="$("$GO" env GOVERSION)"
lang="$(echo "$ver" | sed -E 's/^go([0-9]+\.[0-9]+).*/\1/')"
if [ "$#" -eq 0 ]; then
	set -- $(cd "$here" && ls *.go | sed 's/\.go$//')
fi
mkdir -p "$oracle/bin/$ver"
printf 'module leaklab/oracle\n\ngo %s\n' "$lang" >"$oracle/bin/$ver/go.mod"
for name in "$@"; do
	pkg="$oracle/bin/edits/$name"
	mkdir -p "$pkg"
	sed -e 's/":8080"/oracleAddr/g' \
	    -e 's/^const upstreamURL = ".*"$/var upstreamURL = oracleUpstreamURL()/' \
	    "$here/$name.go" >"$pkg/main.go"
	# The workers lesson's load: its path, 30 req/s for 2 s, and Ctrl+C at 2 s.
	paths='"/api"' rate=10 requests=20 upstream='"hang"' interrupt=""
	if grep -q '^// oracle-load: workers' "$here/$name.go"; then
		paths='"/queue?task=resize"' rate=30 requests=60 upstream='""'
		interrupt="harness.InterruptAt(2 * time.Second),"
	fi
	cat >"$pkg/oracle.go" <<GO
package main

import (
	"log"
	"time"

	"leaklab/oracle/harness"
)

var oracleAddr = harness.Addr

func oracleUpstreamURL() string { return harness.UpstreamURL() }

func init() {
	log.SetOutput(harness.LogWriter())
	harness.Start(harness.Config{
		Name:     "edit-$name",
		Paths:    []string{$paths},
		Rate:     $rate,
		Requests: $requests,
		Upstream: $upstream,
		DumpDir:  "$oracle/bin/edits/dumps",
		Steps: []harness.Step{
			harness.At(550*time.Millisecond, "t=0.55s"),
			$interrupt
			harness.At(2550*time.Millisecond, "t=2.55s"),
			harness.At(4050*time.Millisecond, "t=4.05s"),
		},
	})
}

var _ = oracleUpstreamURL
GO
	(cd "$oracle" && "$GO" build -modfile="bin/$ver/go.mod" -trimpath -o "bin/$ver/edit-$name" "./bin/edits/$name") || {
		echo "$name: does not build"
		continue
	}
	out="$here/$name.go124.txt"
	: >"$out"
	for run in $(seq 1 "$RUNS"); do
		echo "### run $run of $RUNS: $("$GO" version)" >>"$out"
		# The harness waits for the load generator at the end, which waits for answers
		# that a leaking handler never sends: the last snapshot is at 4.05 s.
		(cd "$oracle" && timeout -s KILL 12 "./bin/$ver/edit-$name") >>"$out" 2>&1 || true
		echo >>"$out"
	done
	echo "$name: $(grep -c '^== snapshot' "$out") snapshots"
done
