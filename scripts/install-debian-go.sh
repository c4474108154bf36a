#!/usr/bin/env bash
# Unpacks a Go toolchain from Debian's golang-1.NN-go and golang-1.NN-src packages into a
# directory of its own, without installing it system-wide and without touching the
# machine's apt sources (a private package list): the real-Go oracle runs use them next to
# Debian's default Go 1.19. Idempotent. Prints the go binary.
#
# Usage: scripts/install-debian-go.sh [MINOR [SUITE [DIR]]]
#   scripts/install-debian-go.sh              Go 1.24 from trixie into /opt/go1.24 (upstream go1.24.4)
#   scripts/install-debian-go.sh 26 sid       Go 1.26 from unstable into /opt/go1.26
#                                            (the first with the goroutineleak profile)
set -euo pipefail
minor="${1:-24}"
suite="${2:-trixie}"
dir="${3:-/opt/go1.$minor}"
go="$dir/usr/lib/go-1.$minor/bin/go"
if [ -x "$go" ]; then
  echo "$go"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/etc"
cat >"$work/etc/$suite.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work/etc"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
  -o "APT::Get::List-Cleanup=0" -o "Debug::NoLocking=1")
apt-get "${opts[@]}" update -qq >&2
(cd "$work" && apt-get "${opts[@]}" download "golang-1.$minor-go" "golang-1.$minor-src" >&2)
mkdir -p "$dir"
for deb in "$work"/golang-1."$minor"-*.deb; do dpkg-deb -x "$deb" "$dir"; done
"$go" version >&2
echo "$go"
