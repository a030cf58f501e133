#!/usr/bin/env bash
# fuzz/run.sh — run the libFuzzer targets (fuzz/README.md): for each one, replay
# its seed corpus (fuzz/corpus/NAME), then fuzz it for FUZZ_SECONDS.
#
#   fuzz/run.sh [NAME...]       NAME: tidycsv, import, patch, route, lang, multipart (default: all)
#
#   FUZZ_SECONDS  seconds of fuzzing per target (default 25; 0: replay only)
#   FUZZ_SEED     libFuzzer's random seed (default 0: a new one each run). make test
#                 sets 1, so that CI explores the same inputs on every run and a
#                 finding there is one anybody can reproduce; make fuzz explores anew.
#   FUZZ_BUILD    where the targets are (default build/fuzz; `make fuzzers` builds them)
#   FUZZ_WORK     the working corpus, one directory per target, which grows with
#                 every run (default: a temporary directory, removed afterwards;
#                 `make fuzz` keeps it in build/fuzz/corpus). Seeds are never written.
#
# Prints one TAP line per check and, last, "fuzz: N passed, N failed"; a
# finding is shown with its input (base64) and kept as FUZZ_BUILD/findings/
# NAME-crash-* (or timeout-*, oom-*, leak-*): `build/fuzz/fuzz_NAME FILE`
# reproduces it; once fixed, add it to fuzz/corpus/NAME as a regression seed.
set -u
cd "$(dirname "$0")/.." || exit 2
seconds=${FUZZ_SECONDS:-25}
bdir=${FUZZ_BUILD:-build/fuzz}
n=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/samverka-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
work=${FUZZ_WORK:-$tmp/work}
findings=$bdir/findings
mkdir -p "$work" "$findings" || exit 2

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
}
# the finding's report from libFuzzer's log: what failed, where, and the input
show() {
	awk '/invariant failed|runtime error|ERROR: |SUMMARY: / { print; k = /ERROR: [A-Z]/ ? 10 : 0; next }
	     k > 0 && /^ +#[0-9]/ { print; k--; next }
	     /^Base64: |Test unit written/ { print }' "$1" | head -n 40 | sed 's/^/#   /'
}

if [ $# -gt 0 ]; then
	names=("$@")
else
	names=()
	for src in fuzz/fuzz_*.c; do
		b=${src##*/fuzz_}
		names+=("${b%.c}")
	done
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

for name in "${names[@]}"; do
	bin=$bdir/fuzz_$name
	seeds=fuzz/corpus/$name
	dict=fuzz/dict/$name.dict
	opts=(-timeout=10 -rss_limit_mb=2048 -max_len=4096)
	[ -f "$dict" ] && opts+=("-dict=$dict")
	if [ ! -x "$bin" ]; then
		not_ok "fuzz_$name: $bin is built (make fuzzers)"
		continue
	fi
	mapfile -t files < <(find "$seeds" -type f 2>/dev/null | sort)
	if [ ${#files[@]} -eq 0 ]; then
		not_ok "fuzz_$name: a seed corpus in $seeds"
		continue
	fi

	# 1. the seeds, each run once: every one is a regression input
	if "$bin" "${opts[@]}" "${files[@]}" >"$tmp/$name.replay" 2>&1; then
		ok "fuzz_$name: the ${#files[@]} seed inputs run cleanly"
	else
		not_ok "fuzz_$name: the ${#files[@]} seed inputs run cleanly"
		show "$tmp/$name.replay"
		continue
	fi
	[ "$seconds" -gt 0 ] || continue

	# 2. fuzzing, starting from the seeds and the working corpus
	mkdir -p "$work/$name"
	if "$bin" "${opts[@]}" -seed="${FUZZ_SEED:-0}" -max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$findings/$name-" "$work/$name" "$seeds" >"$tmp/$name.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$name.log")
		ok "fuzz_$name: $seconds s of fuzzing, ${runs:-?} inputs, no finding"
	else
		not_ok "fuzz_$name: $seconds s of fuzzing, no finding"
		show "$tmp/$name.log"
		for f in "$findings/$name"-*; do
			[ -f "$f" ] && [ "$f" -nt "$tmp/$name.replay" ] &&
				echo "#   kept: $f"
		done
	fi
done

echo "1..$n"
echo "fuzz: $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
