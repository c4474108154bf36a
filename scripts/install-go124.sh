#!/usr/bin/env bash
# Unpacks Go 1.24 (Debian trixie's golang-1.24-go and golang-1.24-src, upstream go1.24.4)
# into a directory of its own, without installing it system-wide: the real-Go oracle runs
# (lessons/oracle) use it next to Debian's default Go 1.19. Idempotent. Prints the go binary.
#
# Usage: scripts/install-go124.sh [DIR]      (default: /opt/go1.24)
set -euo pipefail
dir="${1:-/opt/go1.24}"
go="$dir/usr/lib/go-1.24/bin/go"
if [ -x "$go" ]; then
  echo "$go"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/etc"
cat >"$work/etc/trixie.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work/etc"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
  -o "APT::Get::List-Cleanup=0" -o "Debug::NoLocking=1")
apt-get "${opts[@]}" update -qq >&2
(cd "$work" && apt-get "${opts[@]}" download golang-1.24-go golang-1.24-src >&2)
mkdir -p "$dir"
for deb in "$work"/golang-1.24-*.deb; do dpkg-deb -x "$deb" "$dir"; done
"$go" version >&2
echo "$go"
