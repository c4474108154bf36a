#!/usr/bin/env bash
# Makes the real goroutine dumps in ../dumps with real Go toolchains, from this
# directory: for each toolchain, runtime.Stack (also with tracebackancestors),
# a panic (default and GOTRACEBACK=all), a SIGQUIT dump of a small server on
# 127.0.0.1, waits of minutes (this takes a minute), 50,000 goroutines
# (gzipped, to keep the repository small), pprof labels, and with Go 1.26 the
# goroutineleak profile.
#
# Usage: ./make-dumps.sh [go ...]   (default: /usr/bin/go, Go 1.24 at /opt/go1.24 and,
# if scripts/install-debian-go.sh 26 sid has unpacked it there, Go 1.26 at /opt/go1.26)
set -u
cd "$(dirname "$0")"
out=../dumps
mkdir -p "$out" bin
if [ "$#" -eq 0 ]; then
	set -- /usr/bin/go /opt/go1.24/usr/lib/go-1.24/bin/go
	# Go 1.26, if scripts/install-debian-go.sh 26 sid has unpacked it.
	if [ -x /opt/go1.26/usr/lib/go-1.26/bin/go ]; then
		set -- "$@" /opt/go1.26/usr/lib/go-1.26/bin/go
	fi
fi
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
for GO in "$@"; do
	ver="$("$GO" env GOVERSION)"
	bin="bin/shapes-$ver"
	"$GO" build -trimpath -o "$bin" ./shapes || exit 1
	"./$bin" stack >"$out/stack.$ver.txt"
	GODEBUG=tracebackancestors=3 "./$bin" stack >"$out/ancestors.$ver.txt"
	"./$bin" panic 2>"$out/panic.$ver.txt"
	GOTRACEBACK=all "./$bin" panic 2>"$out/panic-all.$ver.txt"
	# SIGQUIT: wait for "ready", then quit; the runtime writes the dump to stderr.
	coproc SERVER { exec "./$bin" serve 2>"$out/sigquit.$ver.txt"; }
	read -r _ <&"${SERVER[0]}"
	kill -QUIT "$SERVER_PID"
	wait "$SERVER_PID"
	"./$bin" minutes "$out/minutes.$ver.debug2.txt" &
	minutes=$!
	"./$bin" many 50000 "$out/many-50000.$ver"
	"./$bin" labels "$out/labels.$ver"
	# Go 1.26's goroutineleak profile needs GOEXPERIMENT=goroutineleakprofile; with
	# GODEBUG=tracebacklabels=1 the debug=2 headers also print pprof labels.
	case "$ver" in
	go1.19* | go1.2[0-5]*) ;;
	*)
		GOEXPERIMENT=goroutineleakprofile "$GO" build -trimpath -o "$bin-leak" ./shapes || exit 1
		GODEBUG=tracebacklabels=1 "./$bin-leak" leak "$out/leak.$ver"
		;;
	esac
	gzip -9 -n -f "$out/many-50000.$ver.debug2.txt" "$out/many-50000.$ver.debug1.txt"
	wait "$minutes"
done

# goleak's reports, from Debian's golang-uber-goleak-dev (goleak 1.2.0):
# VerifyTestMain's and VerifyNone's, as go test prints them (it sets the time
# figures, which vary from run to run).
if [ -d /usr/share/gocode/src/go.uber.org/goleak ]; then
	for p in verifymain verifynone; do
		(cd goleak && GOPROXY=off GOFLAGS=-mod=mod /usr/bin/go test -trimpath -count=1 "./$p" >"../$out/goleak-$p.v1.2.0.txt" 2>&1)
	done
fi
