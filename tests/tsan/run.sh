#!/usr/bin/env bash
# run.sh — the ThreadSanitizer test: the server built with -fsanitize=thread
# (make TSAN=1, build/tsan/samverka) on a demo database, hammered by
# build/tsan/hammer (tests/tsan/hammer.c: cached pages, uncached pages,
# conditional GETs, API reads and writes from eight keep-alive connections at
# once), twice: with the default response cache and with --cache-entries 1
# (every render evicts). Each phase passes only if every response was
# well-formed with an expected status, the server exited 0 on SIGTERM and its
# stderr holds no ThreadSanitizer report (or libmicrohttpd panic).
#
#   tests/tsan/run.sh        TSAN_SECONDS (default 15) of load per phase;
#                            TSAN_BUILD (default build/tsan) holds both binaries
#
# Last line: "tsan: N passed, N failed". SAMVERKA_KEEP_TMP=1 keeps the logs.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tbuild=${TSAN_BUILD:-build/tsan}
BIN=$top/$tbuild/samverka
HAMMER=$top/$tbuild/hammer
secs=${TSAN_SECONDS:-15}

. "$top/tests/integration/lib.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/samverka-tsan.XXXXXX") || { echo "mktemp failed"; exit 1; }
SRV_PID=
cleanup()
{
    # only the server this test started, by its process id
    if [ -n "${SRV_PID:-}" ] && kill -0 "$SRV_PID" 2>/dev/null; then
        kill -KILL "$SRV_PID" 2>/dev/null
        wait "$SRV_PID" 2>/dev/null
    fi
    if [ "${SAMVERKA_KEEP_TMP:-0}" = 1 ]; then
        echo "# kept $T" >&2
    else
        rm -rf "$T"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

finish()
{
    printf 'tsan: %d passed, %d failed\n' "$N_PASSED" "$N_FAILED"
    [ "$N_FAILED" -eq 0 ] && exit 0
    exit 1
}

# TSan reports go to the server's stderr; keep going after one so that all are seen.
# The suppressions file is for third-party code only (see its comments).
export TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 history_size=4 suppressions=$here/suppressions.txt"

require "setup: $tbuild/samverka is built with ThreadSanitizer (make TSAN=1)" \
    eval 'test -x "$BIN" && nm "$BIN" 2>/dev/null | grep -q __tsan_init || fail "no TSan runtime in $BIN"'
require "setup: $tbuild/hammer is built (make TSAN=1 $tbuild/hammer)" test -x "$HAMMER"
init_demo() { "$BIN" init --db "$T/demo.db" --demo >"$T/init.out" 2>&1 || { cat "$T/init.out"; return 1; }; }
require "setup: samverka init --demo" init_demo
TOKEN=$("$BIN" token create --db "$T/demo.db" --name tsan --role admin 2>/dev/null | tail -n 1)
require "setup: an admin API token" match "$TOKEN" '^svk_'
# an indicator with observations and no declared disaggregation columns: the writes' target
IND=$(sqlite3 "$T/demo.db" "SELECT i.id FROM indicator i WHERE EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.id) AND NOT EXISTS (SELECT 1 FROM indicator_dimension d WHERE d.indicator_id = i.id) ORDER BY i.id LIMIT 1")
require "setup: an indicator to write to" match "$IND" '^[0-9]+$'

# tsan_report LOG — the ThreadSanitizer reports (or a libmicrohttpd panic) in LOG, if any
tsan_clean()
{
    if grep -qE 'WARNING: ThreadSanitizer|ERROR: ThreadSanitizer|ThreadSanitizer: reported|Fatal error in GNU libmicrohttpd' "$1"; then
        echo "$(grep -c 'WARNING: ThreadSanitizer' "$1") report(s); the first:"
        awk '/WARNING: ThreadSanitizer|ERROR: ThreadSanitizer|Fatal error/ { on = 1 } on { print; if (++n >= 60) exit }' "$1"
        return 1
    fi
}

phase()
{
    local name=$1 port
    shift
    cp "$T/demo.db" "$T/$name.db"
    start_server "$T/$name.db" "$T/$name.out" "$T/$name.log" --flush-interval 1 "$@" >"$T/$name.start" 2>&1
    check "tsan $name: the server starts" eval 'cat "$T/$name.start"; [ -n "$SRV_BASE" ]' || {
        SRV_PID=
        return
    }
    port=${SRV_BASE##*:}
    "$HAMMER" "$port" "$secs" "$TOKEN" "$IND" >"$T/$name.hammer" 2>&1
    HRC=$?
    sed 's/^/# /' "$T/$name.hammer"
    check "tsan $name: $secs s of mixed load, every response well-formed and expected" \
        eval '[ "$HRC" -eq 0 ] || { cat "$T/$name.hammer"; tail -n 5 "$T/$name.log"; false; }'
    stop_server "$SRV_PID" 60
    SRV_PID=
    check "tsan $name: the server exits 0 on SIGTERM" \
        eval 'eq "$STOP_RC" 0 || { tail -n 20 "$T/$name.log"; false; }'
    check "tsan $name: no ThreadSanitizer report" tsan_clean "$T/$name.log"
}

phase cached
phase evicting --cache-entries 1

finish
