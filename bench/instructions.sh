#!/usr/bin/env bash
# instructions.sh — instructions per request of one uncached page, counted by callgrind:
# a measure that this shared machine's noise does not move (throughput against nginx moves
# by a fifth from run to run), for telling whether a change to the render made it cheaper.
#
#   bench/instructions.sh [BIN ...]      INSTR_PATH (default /missions/skolmat),
#                                        INSTR_N (requests counted, default 50)
#
# Each BIN (default build/samverka) serves its own copy of one demo database (made by the
# first BIN's `init --demo`) under valgrind --tool=callgrind with --cache-entries 0 and one
# worker thread; after 10 requests to warm it (statements prepared, memos filled), the
# counters are zeroed and INSTR_N requests are sent one after the other. It prints the
# instructions executed inside the request handler (on_request and what it calls: the
# render, the database, the ETag; not the kernel's send nor libmicrohttpd's parsing) per
# request, and each BIN's ratio to the first. Needs valgrind (apt-get install valgrind).
# Instructions are not time (a cache miss or a system call costs more than its count), so
# a change is confirmed by throughput too (bench/run.sh), side by side with the old binary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
path=${INSTR_PATH:-/missions/skolmat}
n=${INSTR_N:-50}
[ $# -gt 0 ] || set -- "$top/build/samverka"
command -v valgrind >/dev/null || { echo "instructions: valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/samverka-instr.XXXXXX")
pid=
cleanup() {
	[ -z "$pid" ] || kill "$pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

"$1" init --db "$tmp/demo.db" --demo >/dev/null 2>&1
first=
for bin in "$@"; do
	rm -f "$tmp"/cg.out* "$tmp/out"
	cp "$tmp/demo.db" "$tmp/d.db"
	rm -f "$tmp/d.db-wal" "$tmp/d.db-shm"
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" --collect-atstart=no \
		--toggle-collect=on_request "$bin" serve --db "$tmp/d.db" --listen 127.0.0.1:0 \
		--access-log no --cache-entries 0 --threads 1 >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	port=
	for _ in $(seq 300); do
		port=$(sed -n 's|.*127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$tmp/out")
		[ -n "$port" ] && break
		sleep 0.2
	done
	[ -n "$port" ] || { cat "$tmp/err" >&2; echo "instructions: $bin did not start" >&2; exit 1; }
	for _ in $(seq 10); do curl -fsS -o /dev/null "http://127.0.0.1:$port$path"; done
	callgrind_control -z "$pid" >/dev/null 2>&1
	for _ in $(seq "$n"); do curl -fsS -o /dev/null "http://127.0.0.1:$port$path"; done
	callgrind_control -d "$pid" >/dev/null 2>&1
	sleep 0.5
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
	# the dump after the zeroing holds the counted requests; the file valgrind writes at
	# the exit holds only what ran after it: the larger total of the two
	total=$(for f in "$tmp"/cg.out*; do awk '/^(summary|totals):/ {print $2; exit}' "$f"; done |
		sort -n | tail -1)
	per=$((total / n))
	[ -n "$first" ] || first=$per
	printf '%-40s %s  %10d instructions/request  %.3f\n' "$bin" "$path" "$per" \
		"$(awk -v a="$per" -v b="$first" 'BEGIN{print a / b}')"
done
