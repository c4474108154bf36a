#!/usr/bin/env bash
# Builds and runs oracle scenarios with a real Go toolchain, from this
# directory, printing each one's report. Dumps land in ./dumps, named
# <scenario>.<go version>.<moment>.debug{1,2}.txt.
#
# Usage: ./run.sh [scenario ...]        (default: every scenario directory)
#   GO=/path/to/go ./run.sh ...          use another toolchain (default: go in PATH)
# With a toolchain newer than go1.19 the module is built with a go.mod
# that says `go <that version>`, so that version's defaults apply.
set -eu
cd "$(dirname "$0")"
GO="${GO:-go}"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
ver="$("$GO" env GOVERSION)"
if [ "$#" -eq 0 ]; then
	set -- $(ls -d */ | tr -d / | grep -v -e '^dumps$' -e '^harness$' -e '^bin$' -e "^frames-probe$" -e "^upstream-leaky-leakprofile$" -e "^gc-" -e "^gcwatch$" -e "^timer-slack$")
fi
mkdir -p "bin/$ver" dumps
modflag=()
case "$ver" in
go1.19*) ;;
*)
	lang="$(echo "$ver" | sed -E 's/^go([0-9]+\.[0-9]+).*/\1/')"
	printf 'module leaklab/oracle\n\ngo %s\n' "$lang" >"bin/$ver/go.mod"
	modflag=(-modfile="bin/$ver/go.mod")
	;;
esac
for s in "$@"; do
	"$GO" build "${modflag[@]}" -trimpath -o "bin/$ver/$s" "./$s"
done
for s in "$@"; do
	echo "### ./bin/$ver/$s   ($("$GO" version))"
	"./bin/$ver/$s"
	echo
done
