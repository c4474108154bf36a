#!/usr/bin/env bash
# Records gc-heap (see RESULTS-gc.md) at several GOGC values with one toolchain:
# the runs that hold the heap model's GOGC knob to real Go.
#
# Usage: GO=/path/to/go ./run-gc-heap-gogc.sh RUNS GOGC...   (default GO: go in PATH)
# Writes gc-results/gc-heap.<go version>.GOGC<value>.run<N>.txt, numbering new
# runs after those already there, and appends the runs' condensed dumps
# (gcreport.py) to gc-results/dumps-condensed-gogc.<go version>.txt. The runs go
# in parallel (they are I/O-bound), at most four at a time.
set -eu
cd "$(dirname "$0")"
GO="${GO:-go}"
runs="$1"
shift
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
ver="$("$GO" env GOVERSION)"
mkdir -p "bin/$ver" gc-results
modflag=()
case "$ver" in
go1.19*) ;;
*)
	lang="$(echo "$ver" | sed -E 's/^go([0-9]+\.[0-9]+).*/\1/')"
	printf 'module leaklab/oracle\n\ngo %s\n' "$lang" >"bin/$ver/go.mod"
	modflag=(-modfile="bin/$ver/go.mod")
	;;
esac
"$GO" build "${modflag[@]}" -trimpath -o "bin/$ver/gc-heap" ./gc-heap
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
n=0
for gogc in "$@"; do
	first=1
	while [ -e "gc-results/gc-heap.$ver.GOGC$gogc.run$first.txt" ]; do first=$((first + 1)); done
	for r in $(seq "$first" $((first + runs - 1))); do
		mkdir -p "$tmp/$gogc.$r"
		GOGC="$gogc" GCWATCH_DUMPS="$tmp/$gogc.$r" "./bin/$ver/gc-heap" >"gc-results/gc-heap.$ver.GOGC$gogc.run$r.txt" &
		n=$((n + 1))
		if [ $((n % 4)) -eq 0 ]; then wait; fi
	done
done
wait
for d in "$tmp"/*; do
	echo "## $ver GOGC=$(basename "$d")"
	./gcreport.py "$d"/*.stacks.txt
done >>"gc-results/dumps-condensed-gogc.$ver.txt"
