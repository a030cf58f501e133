#!/usr/bin/env bash
# run-unit.sh — run unit test binaries and read their TAP output.
#
#   tests/run-unit.sh build/tests/test_core build/tests/test_html ...
#
# Prints one line per suite ("  test_core  269 passed, 0 failed"), the failing
# checks with their diagnostics, and last a machine-readable total that
# tests/run-all.sh parses:
#
#   unit: N passed, N failed
#
# A binary that is missing, crashes, bails out, exits non-zero, prints no plan
# or runs a different number of checks than it planned counts as one more
# failure, so a broken suite can never look green. Exit status 0 only if
# nothing failed and at least one check passed.
#
# Environment: VERBOSE=1 prints every TAP line; UNIT_TIMEOUT (seconds, default
# 300) bounds each binary.
set -u

passed=0
failed=0
timeout_s=${UNIT_TIMEOUT:-300}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-unit.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

run_with_timeout() {
	if command -v timeout >/dev/null 2>&1; then
		timeout --kill-after=10 "$timeout_s" "$@"
	else
		"$@"
	fi
}

for bin in "$@"; do
	name=$(basename "$bin")
	out="$tmp/$name.out"
	err="$tmp/$name.err"
	problem=""

	if [ ! -x "$bin" ]; then
		printf '  %-14s not built (%s)\n' "$name" "$bin"
		failed=$((failed + 1))
		continue
	fi
	run_with_timeout "$bin" >"$out" 2>"$err" </dev/null
	rc=$?

	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*$/\1/p' "$out" | tail -n 1)

	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		problem="timed out after ${timeout_s}s"
	elif [ "$rc" -gt 128 ]; then
		problem="killed by signal $((rc - 128))"
	elif grep -q '^Bail out!' "$out"; then
		problem=$(grep -m 1 '^Bail out!' "$out")
	elif [ -z "$plan" ]; then
		problem="no plan: the test stopped early (exit status $rc)"
	elif [ "$plan" -ne $((p + f)) ]; then
		problem="planned $plan checks but ran $((p + f))"
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		problem="exit status $rc"
	elif [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		problem="no checks ran"
	fi
	if [ -n "$problem" ]; then
		f=$((f + 1))
	fi

	printf '  %-14s %d passed, %d failed%s\n' "$name" "$p" "$f" "${problem:+ ($problem)}"
	passed=$((passed + p))
	failed=$((failed + f))

	if [ "${VERBOSE:-0}" = 1 ]; then
		sed 's/^/    /' "$out"
	elif [ "$f" -gt 0 ]; then
		# each failing check with the diagnostics that follow it
		awk '/^not ok /{show=1; print "    " $0; next}
		     /^#/{if (show) print "    " $0; next}
		     {show=0}' "$out"
	fi
	if [ -n "$problem" ] && [ -s "$err" ]; then
		echo "    stderr (last lines):"
		tail -n 20 "$err" | sed 's/^/      /'
	fi
done

echo "unit: $passed passed, $failed failed"
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
	exit 1
fi
exit 0
