#!/usr/bin/env bash
# run.sh — run the browser tests (a11y.mjs) against a freshly started samverka, on
# every page of its route table (`samverka routes`, filled by tests/routes.sh).
#
#   tests/browser/run.sh
#
# Environment:
#   SAMVERKA_BIN          the binary to serve with (default: $BUILD/samverka of this tree,
#                         BUILD defaulting to build)
#   SAMVERKA_DB_INIT_BIN  the binary that makes the demo database (default: SAMVERKA_BIN)
#   SAMVERKA_TEST_DB      a prepared database to copy and serve instead of a new demo one
#   SAMVERKA_CHROMIUM     the browser (default: /usr/bin/chromium)
#
# A missing browser, node, node_modules or server counts as a failure, never as a skip:
# a run that checked nothing must not look green. The last line printed is always
# "browser: N passed, N failed"; the exit status is non-zero on any failure.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

abspath() {
    case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac
}

build=${BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$(abspath "${SAMVERKA_BIN:-$build/samverka}")
init_bin=$(abspath "${SAMVERKA_DB_INIT_BIN:-$bin}")
chromium=${SAMVERKA_CHROMIUM:-/usr/bin/chromium}
export SAMVERKA_CHROMIUM="$chromium"

# fail MESSAGE...: report one failed test and stop.
fail() {
    echo "not ok 1 - $*"
    echo "browser: 0 passed, 1 failed"
    exit 1
}

command -v node >/dev/null 2>&1 || fail "node is not installed (scripts/deps.sh test installs it)"
[ -x "$chromium" ] || fail "no browser at $chromium (scripts/deps.sh test installs Debian's chromium)"
for m in playwright-core axe-core; do
    [ -d "$here/node_modules/$m" ] ||
        fail "tests/browser/node_modules/$m is missing (scripts/deps.sh test runs npm install)"
done
[ -x "$bin" ] || fail "no samverka binary at $bin (run make, or set SAMVERKA_BIN)"

T=$(mktemp -d "${TMPDIR:-/tmp}/samverka-browser.XXXXXX") || fail "cannot make a temporary directory"
server=""
cleanup() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null
        wait "$server" 2>/dev/null
    fi
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

db="$T/demo.db"
if [ -n "${SAMVERKA_TEST_DB:-}" ]; then
    # serve a copy: page statistics are counted on every request
    src=$(abspath "$SAMVERKA_TEST_DB")
    [ -f "$src" ] || fail "SAMVERKA_TEST_DB=$SAMVERKA_TEST_DB is not a file"
    cp "$src" "$db" || fail "cannot copy $src"
    [ -f "$src-wal" ] && cp "$src-wal" "$db-wal"
else
    "$init_bin" init --db "$db" --demo >"$T/init.log" 2>&1 || {
        sed 's/^/# /' "$T/init.log"
        fail "$init_bin init --db DB --demo failed"
    }
fi

# The pages to check: every GET route of kind html in the binary's route table, filled
# with ids of this database (tests/routes.sh).
q() { sqlite3 -batch -noheader "$db" "$1"; }
command -v sqlite3 >/dev/null 2>&1 || fail "sqlite3 is not installed (scripts/deps.sh test installs it)"
. "$top/tests/routes.sh"
routes_load "$bin" >"$T/routes.err" 2>&1 || fail "$(cat "$T/routes.err")"
pages=$(page_paths) || fail "the route table's pages cannot be filled from the database: $pages"
[ -n "$pages" ] || fail "samverka routes lists no pages"
mapfile -t pages <<<"$pages"

"$bin" serve --db "$db" --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err" &
server=$!

# The first line of stdout names the address the server got.
port=""
for _ in $(seq 1 100); do
    line=$(head -n 1 "$T/serve.out" 2>/dev/null)
    if [[ $line =~ ^samverka:\ listening\ on\ http://127\.0\.0\.1:([0-9]+)/$ ]]; then
        port=${BASH_REMATCH[1]}
        break
    fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$port" ]; then
    sed 's/^/# /' "$T/serve.out" "$T/serve.err"
    fail "samverka serve did not report its address"
fi

# Pass a11y.mjs's output through but hold back its plan and summary: the server's health
# after the run is one more result, and the summary must stay the last line.
cd "$top" || fail "cannot enter $top"
timeout 600 node "$here/a11y.mjs" "http://127.0.0.1:$port" "${pages[@]}" 2>&1 | tee "$T/node.out" |
    grep -v --line-buffered -E '^(browser: [0-9]+ passed, [0-9]+ failed|1\.\.[0-9]+)$'
rc=${PIPESTATUS[0]}

summary=$(grep -E '^browser: [0-9]+ passed, [0-9]+ failed$' "$T/node.out" | tail -n 1)
if [[ $summary =~ ^browser:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=${BASH_REMATCH[1]}
    failed=${BASH_REMATCH[2]}
else
    passed=$(grep -c -E '^ok [0-9]+ ' "$T/node.out")
    failed=$(grep -c -E '^not ok [0-9]+ ' "$T/node.out")
    failed=$((failed + 1))
    echo "not ok $((passed + failed)) - a11y.mjs ended without a summary (exit status $rc)"
fi
n=$((passed + failed))
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    n=$((n + 1))
    failed=1
    echo "not ok $n - a11y.mjs exited with status $rc"
fi

n=$((n + 1))
if kill -0 "$server" 2>/dev/null; then
    passed=$((passed + 1))
    echo "ok $n - samverka serve still running after the run"
else
    failed=$((failed + 1))
    wait "$server"
    echo "not ok $n - samverka serve exited during the run (status $?)"
    server=""
    sed 's/^/# /' "$T/serve.err" | tail -n 20
fi

echo "1..$n"
echo "browser: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
