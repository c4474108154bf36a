#!/usr/bin/env bash
# Renders every Go listing under lessons/content with the default knob
# values, then runs `go vet` and `go build` on each one in its own
# throw-away module. Also checks that every blocking-line snippet named in
# a lesson's blocking.md occurs exactly once in the listing it belongs to,
# both in the template and in the rendered file, because the simulation
# finds lines by searching for those snippets.
#
# Usage: lessons/tests/go_vet.sh [listing.go ...]   (default: all listings)
# Exits non-zero if any listing fails; prints the failing file.
set -u

here="$(cd "$(dirname "$0")" && pwd)"
content="$here/../content"

if ! command -v go >/dev/null 2>&1; then
	echo "go_vet.sh: 'go' not found in PATH" >&2
	exit 2
fi

# Default knob values, rendered as Go expressions.
render() {
	sed -e 's/{{buffer}}/100/g' \
	    -e 's/{{log_cost}}/50 * time.Millisecond/g' \
	    -e 's/{{ctx_timeout}}/5 * time.Second/g' \
	    -e 's/{{client_timeout}}/3 * time.Second/g' \
	    -e 's/{{workers}}/2/g' \
	    -e 's/{{task_cost}}/100 * time.Millisecond/g' \
	    -e 's/{{sleep}}/10 * time.Minute/g' \
	    "$1"
}

if [ "$#" -gt 0 ]; then
	files=("$@")
else
	mapfile -t files < <(find "$content" -name '*.go' | sort)
fi
if [ "${#files[@]}" -eq 0 ]; then
	echo "go_vet.sh: no listings found under $content" >&2
	exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod GOTOOLCHAIN=local GO111MODULE=on
export GOCACHE="${GOCACHE:-$work/cache}"

failed=0
fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}

echo "go: $(go version)"
for f in "${files[@]}"; do
	rel="${f#"$content"/}"
	dir="$work/$(echo "$rel" | tr '/.' '__')"
	mkdir -p "$dir"
	render "$f" >"$dir/main.go"
	if grep -n '{{' "$dir/main.go" >/dev/null; then
		fail "$rel" "unknown placeholder: $(grep -o '{{[^}]*}}' "$dir/main.go" | sort -u | tr '\n' ' ')"
		continue
	fi
	(cd "$dir" && go mod init leaklab >/dev/null 2>&1)
	if ! out="$(cd "$dir" && go vet ./... 2>&1)"; then
		fail "$rel" "go vet"
		echo "$out" | sed 's/^/    /'
		continue
	fi
	if ! out="$(cd "$dir" && go build -o /dev/null . 2>&1)"; then
		fail "$rel" "go build"
		echo "$out" | sed 's/^/    /'
		continue
	fi
	# Layout check on the template with each placeholder replaced by a plain
	# identifier; the rendered expression itself (`5 * time.Second` as an
	# argument) may legitimately differ from gofmt's spacing.
	sed -e 's/{{\([a-z_]*\)}}/knob_\1/g' "$f" >"$dir/layout.go.txt"
	if [ -n "$(gofmt -l "$dir/layout.go.txt" 2>&1)" ]; then
		fail "$rel" "not gofmt-formatted"
		gofmt -d "$dir/layout.go.txt" | sed 's/^/    /'
		continue
	fi
	echo "ok   $rel"
done

# Snippet check. blocking.md tables name the variant file in a heading
# line such as "## leaky.go", and each table row starts with a snippet in
# backticks: "| `snippet` | ...".
for md in "$content"/*/blocking.md; do
	[ -f "$md" ] || continue
	lesson_dir="$(dirname "$md")"
	lesson="$(basename "$lesson_dir")"
	current=""
	before=$failed
	while IFS= read -r line; do
		if [[ "$line" =~ ^##\ +\`?([A-Za-z0-9_.-]+\.go)\`? ]]; then
			current="${BASH_REMATCH[1]}"
			continue
		fi
		[[ -n "$current" ]] || continue
		if [[ "$line" =~ ^\|\ *\`([^\`]+)\`\ *\| ]]; then
			snippet="${BASH_REMATCH[1]}"
			tmpl="$lesson_dir/$current"
			if [ ! -f "$tmpl" ]; then
				fail "$lesson/blocking.md" "names $current, which does not exist"
				continue
			fi
			n_tmpl="$(grep -cF -- "$snippet" "$tmpl")"
			n_rend="$(render "$tmpl" | grep -cF -- "$(printf '%s' "$snippet" | sed -e 's/{{[a-z_]*}}/X/g')")"
			if [ "$n_tmpl" != 1 ]; then
				fail "$lesson/$current" "snippet \`$snippet\` occurs on $n_tmpl lines of the template (want 1)"
			fi
			if [[ "$snippet" != *"{{"* ]]; then
				n_rend="$(render "$tmpl" | grep -cF -- "$snippet")"
				if [ "$n_rend" != 1 ]; then
					fail "$lesson/$current" "snippet \`$snippet\` occurs on $n_rend lines of the rendered file (want 1)"
				fi
			fi
		fi
	done <"$md"
	if [ "$failed" -eq "$before" ]; then
		echo "ok   $lesson/blocking.md snippets"
	fi
done

if [ "$failed" -ne 0 ]; then
	echo "$failed failure(s)"
	exit 1
fi
echo "all listings pass"
