#!/bin/sh
# tidy.sh — clang-tidy over every C file in src/, with the checks of .clang-tidy (which
# says why each family is in or out) and the flags the build compiles with (`make
# print-cflags`); any finding fails (WarningsAsErrors). One TAP line per file, the
# findings below a failed one; ends with "tidy: N passed, N failed"; exits 1 if any
# failed. Files run in parallel, one per core. A missing clang-tidy is a failure.
set -u
cd "$(dirname "$0")/.." || exit 2

if ! command -v clang-tidy >/dev/null 2>&1; then
	echo "not ok 1 - clang-tidy is installed"
	echo "#   apt-get install clang-tidy (scripts/deps.sh test installs it)"
	echo "1..1"
	echo "tidy: 0 passed, 1 failed"
	exit 1
fi
unset MAKEFLAGS MFLAGS MAKELEVEL # a make of our own, not a job of the one that may have started us
TIDY_FLAGS=$(make -s --no-print-directory print-cflags) || {
	echo "not ok 1 - make print-cflags gives the build's flags"
	echo "1..1"
	echo "tidy: 0 passed, 1 failed"
	exit 1
}
export TIDY_FLAGS
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tidy.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
export TIDY_OUT=$tmp

# each file's findings in $tmp/<file with / as _>.out, its status in .rc. The flags
# are split on spaces but not unquoted, so -DX="..." reaches the compiler as it does
# in the build.
ls src/*/*.c | xargs -P "$(nproc)" -n 1 sh -c '
	o=$TIDY_OUT/$(echo "$1" | tr / _)
	# shellcheck disable=SC2086
	clang-tidy --quiet "$1" -- $TIDY_FLAGS >"$o.out" 2>&1
	echo $? >"$o.rc"
' sh

n=0
failed=0
for f in src/*/*.c; do
	o=$tmp/$(echo "$f" | tr / _)
	n=$((n + 1))
	if [ "$(cat "$o.rc" 2>/dev/null)" = 0 ]; then
		echo "ok $n - clang-tidy: $f"
	else
		echo "not ok $n - clang-tidy: $f"
		# the findings, without the source excerpts under them
		grep -E '(error|warning): ' "$o.out" | head -n 20 | sed 's/^/#   /'
		grep -qE '(error|warning): ' "$o.out" || sed -n '1,10s/^/#   /p' "$o.out"
		failed=$((failed + 1))
	fi
done
echo "1..$n"
echo "tidy: $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
