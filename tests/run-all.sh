#!/usr/bin/env bash
# run-all.sh — run every test suite that exists, in order, and sum them up.
#
#   1. unit         the binaries built from tests/unit/*.c ($BUILD/tests/NAME),
#                   through tests/run-unit.sh
#   2. lint         scripts/lint.sh (banned functions, format, cppcheck, man pages)
#      werror-gcc, werror-clang
#                   scripts/werror.sh: the binary and the unit tests built with gcc
#                   and with clang and -Werror, each in its own build/werror-CC
#      tidy         scripts/tidy.sh: clang-tidy with the checks in .clang-tidy
#   3. integration  tests/integration/run.sh, if it exists, on SQLite and then
#                   again on PostgreSQL (a throwaway cluster, scripts/pg-test.sh)
#      corpus       tests/corpus/run.sh: 90 real Open SDG files imported (at least
#                   99 % of the eligible ones) and shown with a chart and a status
#   4. browser      tests/browser/run.sh, if it exists
#   5. the sanitizer builds, which `make test` builds next to the plain one:
#      unit-san, integration-san, integration-san-pg
#                   the unit and integration suites again on build/san (clang,
#                   ASan + UBSan with float-cast-overflow, LSan at exit)
#      tsan         tests/tsan/run.sh: build/tsan/samverka (ThreadSanitizer)
#                   under concurrent cached, uncached, API and write requests
#      fuzz         fuzz/run.sh: each libFuzzer target in build/fuzz replays its
#                   seed corpus, then fuzzes for FUZZ_SECONDS (default 25)
#
# Each suite prints its own lines and, as its last line, "LABEL: N passed,
# N failed". A suite that prints no such line (it crashed, or was never
# finished) counts as 1 failed; so does one that exits non-zero while
# claiming no failures. The last line of this script is always exactly
#
#   N passed, N failed
#
# and the exit status is 0 only if nothing failed and at least one test ran.
# Building is not this script's job (`make test` builds first), except for the
# -Werror builds, whose result is the test. BUILD selects
# the build directory of suites 1-4 (build, or build/san for SAN=1); SAN_BUILD
# (build/san) that of suite 5; a build that is missing counts as failed.
set -u

cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
BUILD_MAIN=$BUILD
export BUILD
suite_timeout=${SUITE_TIMEOUT:-3600}
total_passed=0
total_failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-all.XXXXXX") || exit 2
pg_dir=
cleanup() {
	# the throwaway PostgreSQL cluster goes, whatever happened to the tests
	[ -n "$pg_dir" ] && scripts/pg-test.sh stop "$pg_dir"
	rm -rf "$tmp"
}
trap cleanup EXIT

run_with_timeout() {
	if command -v timeout >/dev/null 2>&1; then
		timeout --kill-after=30 "$suite_timeout" "$@"
	else
		"$@"
	fi
}

# run_suite LABEL COMMAND...: run it, show its output, add its counts.
run_suite() {
	local label=$1 out rc last p f t0=$SECONDS
	shift
	out="$tmp/$label.out"
	echo "== $label"
	run_with_timeout "$@" </dev/null | tee "$out"
	rc=${PIPESTATUS[0]}
	echo "== $label took $((SECONDS - t0)) s"
	last=$(grep -v '^[[:space:]]*$' "$out" | tail -n 1)
	if [[ $last =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed[[:space:]]*$ ]]; then
		p=${BASH_REMATCH[1]}
		f=${BASH_REMATCH[2]}
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "$label: exited with status $rc: counted as 1 failed"
			f=1
		fi
	else
		echo "$label: no \"N passed, N failed\" line (exit status $rc): counted as 1 failed"
		p=0
		f=1
	fi
	total_passed=$((total_passed + p))
	total_failed=$((total_failed + f))
}

# run_script LABEL PATH: a suite script, run directly if executable, else by bash.
run_script() {
	if [ -x "$2" ]; then
		run_suite "$1" "$2"
	else
		run_suite "$1" bash "$2"
	fi
}

# 0. a throwaway PostgreSQL cluster (C collation, Unix socket in a temporary
# directory, a free port, an unprivileged user): the unit tests prepare every
# statement on it, and the integration suite runs a second time against it.
pg_failed=0
chmod 711 "$tmp" # the cluster runs as an unprivileged user who must reach $tmp/pg
if pg_url=$(scripts/pg-test.sh start "$tmp/pg" 2>"$tmp/pg.err"); then
	pg_dir=$tmp/pg
	SAMVERKA_TEST_PG_DIR=$tmp/pg
	SAMVERKA_TEST_PG_PORT=$(cat "$tmp/pg/port")
	export SAMVERKA_TEST_PG_DIR SAMVERKA_TEST_PG_PORT
	echo "== postgresql test cluster: $pg_url"
else
	echo "postgresql: the test cluster did not start: counted as 1 failed"
	cat "$tmp/pg.err"
	pg_failed=1
fi
total_failed=$((total_failed + pg_failed))

# 1. unit: one binary per source file, so a test that failed to build is
# reported as missing instead of silently skipped (and stale binaries of
# deleted tests are not run).
unit_bins=()
for src in tests/unit/*.c; do
	[ -e "$src" ] || continue
	name=${src##*/}
	unit_bins+=("$BUILD/tests/${name%.c}")
done
if [ ${#unit_bins[@]} -gt 0 ]; then
	run_suite unit tests/run-unit.sh "${unit_bins[@]}"
fi

# 2. lint (static checks), the -Werror builds, clang-tidy; 3. integration, 4. browser
run_script lint scripts/lint.sh
run_suite werror-gcc scripts/werror.sh gcc
run_suite werror-clang scripts/werror.sh clang
run_script tidy scripts/tidy.sh
if [ -f tests/integration/run.sh ]; then
	run_script integration tests/integration/run.sh
	if [ -n "$pg_dir" ]; then
		export SAMVERKA_BACKEND=pg
		run_script integration-pg tests/integration/run.sh
		unset SAMVERKA_BACKEND
	fi
fi
if [ -f tests/corpus/run.sh ]; then
	run_script corpus tests/corpus/run.sh
fi
if [ -f tests/browser/run.sh ]; then
	run_script browser tests/browser/run.sh
fi

# 5. the sanitizer builds. A sanitizer report ends the process with an error
# (-fno-sanitize-recover=all; LSan at exit), which the suites count as failed.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
san=${SAN_BUILD:-build/san}
san_bins=()
for src in tests/unit/*.c; do
	[ -e "$src" ] || continue
	name=${src##*/}
	san_bins+=("$san/tests/${name%.c}")
done
if [ ${#san_bins[@]} -gt 0 ]; then
	run_suite unit-san tests/run-unit.sh "${san_bins[@]}"
fi
if [ -f tests/integration/run.sh ]; then
	BUILD=$san
	run_script integration-san tests/integration/run.sh
	if [ -n "$pg_dir" ]; then
		export SAMVERKA_BACKEND=pg
		run_script integration-san-pg tests/integration/run.sh
		unset SAMVERKA_BACKEND
	fi
	BUILD=${BUILD_MAIN}
fi
run_script tsan tests/tsan/run.sh
FUZZ_SEED=${FUZZ_SEED:-1} run_script fuzz fuzz/run.sh

echo "$total_passed passed, $total_failed failed"
if [ "$total_failed" -eq 0 ] && [ "$total_passed" -gt 0 ]; then
	exit 0
fi
exit 1
