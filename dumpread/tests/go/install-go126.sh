#!/usr/bin/env bash
# Unpacks Go 1.26 (Debian unstable's golang-1.26-go and golang-1.26-src) into a
# directory of its own, without installing it system-wide, for make-dumps.sh:
# Go 1.26 is the first with the goroutineleak profile. Idempotent; prints the
# go binary. Only make-dumps.sh needs it: the tests read the committed dumps.
#
# Usage: ./install-go126.sh [DIR]      (default: /opt/go1.26)
set -euo pipefail
dir="${1:-/opt/go1.26}"
go="$dir/usr/lib/go-1.26/bin/go"
if [ -x "$go" ]; then
	echo "$go"
	exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/etc"
cat >"$work/etc/unstable.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
# A private package list, so the machine's own apt sources stay as they are.
opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work/etc"
	-o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
	-o "APT::Get::List-Cleanup=0" -o "Debug::NoLocking=1")
apt-get "${opts[@]}" update -qq >&2
(cd "$work" && apt-get "${opts[@]}" download golang-1.26-go golang-1.26-src >&2)
mkdir -p "$dir"
for deb in "$work"/golang-1.26-*.deb; do dpkg-deb -x "$deb" "$dir"; done
"$go" version >&2
echo "$go"
