#!/usr/bin/env bash
# Records the garbage-collection and timer-slack oracles with one toolchain
# (see RESULTS-gc.md). They are long (gc-minutes idles for five minutes) and
# are not part of ./run.sh.
#
# Usage: GO=/path/to/go ./run-gc-timers.sh RUNS   (default GO: go in PATH; RUNS: 3)
# Writes gc-results/<scenario>.<go version>.run<N>.txt (GOGC unset), the GOGC=off
# and GOGC=50 runs of gc-heap, dumps/gc-minutes.<go version>.*.stacks.txt (from
# the first run), and timer-slack/results-{lateness,loop}.<go version>.txt.
# The runs of one scenario go in parallel: they are idle or I/O-bound.
set -eu
cd "$(dirname "$0")"
GO="${GO:-go}"
runs="${1:-3}"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
ver="$("$GO" env GOVERSION)"
mkdir -p "bin/$ver" gc-results dumps
modflag=()
case "$ver" in
go1.19*) ;;
*)
	lang="$(echo "$ver" | sed -E 's/^go([0-9]+\.[0-9]+).*/\1/')"
	printf 'module leaklab/oracle\n\ngo %s\n' "$lang" >"bin/$ver/go.mod"
	modflag=(-modfile="bin/$ver/go.mod")
	;;
esac
for s in gc-minutes gc-heap timer-slack; do
	"$GO" build "${modflag[@]}" -trimpath -o "bin/$ver/$s" "./$s"
done
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
run() { # scenario label env...
	local s="$1" label="$2"
	shift 2
	mkdir -p "$tmp/$s.$label"
	env "$@" GCWATCH_DUMPS="$tmp/$s.$label" "./bin/$ver/$s" >"gc-results/$s.$ver.$label.txt" &
}
for r in $(seq "$runs"); do
	run gc-minutes "run$r"
	run gc-heap "run$r"
done
run gc-heap GOGCoff GOGC=off
run gc-heap GOGC50.run1 GOGC=50
run gc-heap GOGC50.run2 GOGC=50
wait
cp "$tmp"/gc-minutes.run1/*.stacks.txt dumps/
for d in "$tmp"/*; do
	echo "## $(basename "$d")"
	./gcreport.py "$d"/*.stacks.txt
done >"gc-results/dumps-condensed.$ver.txt"
# Timer slack last, on a quiet process: twice each, as in RESULTS-gc.md.
for r in 1 2; do "./bin/$ver/timer-slack" 1s; done >"timer-slack/results-lateness.$ver.txt"
for r in 1 2 3; do "./bin/$ver/timer-slack" loop; done >"timer-slack/results-loop.$ver.txt"
