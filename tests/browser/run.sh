#!/usr/bin/env bash
# run.sh — run the browser tests against a freshly started samverka: a11y.mjs on every
# page of its route table (`samverka routes`, filled by tests/routes.sh), then
# journeys.mjs (the account journeys without JavaScript, axe on every form state), then
# editing.mjs (the editing journey as the admin without JavaScript, axe on every form page
# of the route table, empty and with errors), then proposals.mjs (propose → review → accept
# and decline as the demo representative and coordinator without JavaScript, axe on the
# proposal form, the review queue and the review confirmations), then seminars.mjs (register
# for a seminar, the waiting list and the cancel link without JavaScript, reading the cancel
# token from the served database; axe on every seminar page and registration state), then
# phone.mjs (the public pages at 390 and 1280 px: screenshots, no sideways scrolling, text
# of 12 px or more, status and trend in view, the state-of-play sparklines) on the same
# server. The journeys, seminars.mjs and phone.mjs share tests/browser/lib.mjs.
#
#   tests/browser/run.sh
#
# Environment:
#   SAMVERKA_BIN          the binary to serve with (default: $BUILD/samverka of this tree,
#                         BUILD defaulting to build)
#   SAMVERKA_DB_INIT_BIN  the binary that makes the demo database (default: SAMVERKA_BIN)
#   SAMVERKA_TEST_DB      a prepared database to copy and serve instead of a new demo one
#   SAMVERKA_CHROMIUM     the browser (default: /usr/bin/chromium)
#   SAMVERKA_SHOTS        where phone.mjs saves its screenshots (default: a new directory
#                         $BUILD/browser-shots/<UTC time>, kept after the run; build/ is
#                         git-ignored); the log names it
#
# A missing browser, node, node_modules or server counts as a failure, never as a skip:
# a run that checked nothing must not look green. Each script's results are numbered on
# from the one before; a script that ends without its summary line, or exits non-zero
# while claiming no failures, adds a failure. The last line printed is always
# "browser: N passed, N failed", the sum over the scripts and the server's health; the
# exit status is non-zero on any failure.
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

cd "$top" || fail "cannot enter $top"
passed=0
failed=0
n=0

# run_script NAME ARGS...: run tests/browser/NAME with node, pass its results through
# numbered on from $n but hold back its plan and summary (the server's health after the
# run is one more result, and the one summary must stay the last line), and add its
# counts to passed, failed and n.
run_script() {
    local script=$1 out="$T/$1.out" rc summary p f
    shift
    timeout 600 node "$here/$script" "$@" 2>&1 | tee "$out" |
        grep -v --line-buffered -E '^(browser: [0-9]+ passed, [0-9]+ failed|1\.\.[0-9]+)$' |
        awk -v off="$n" '{
            if (match($0, /^(not )?ok [0-9]+ /)) {
                head = substr($0, 1, RLENGTH - 1)
                k = split(head, w, " ")
                printf "%s %d %s\n", (k == 3 ? "not ok" : "ok"), w[k] + off, substr($0, RLENGTH + 1)
            } else {
                print
            }
            fflush()
        }'
    rc=${PIPESTATUS[0]}

    summary=$(grep -E '^browser: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
    if [[ $summary =~ ^browser:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        p=${BASH_REMATCH[1]}
        f=${BASH_REMATCH[2]}
    else
        p=$(grep -c -E '^ok [0-9]+ ' "$out")
        f=$(grep -c -E '^not ok [0-9]+ ' "$out")
        f=$((f + 1))
        echo "not ok $((n + p + f)) - $script ended without a summary (exit status $rc)"
    fi
    n=$((n + p + f))
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        n=$((n + 1))
        failed=$((failed + 1))
        echo "not ok $n - $script exited with status $rc"
    fi
}

run_script a11y.mjs "http://127.0.0.1:$port" "${pages[@]}"
run_script journeys.mjs "http://127.0.0.1:$port"

# The form pages for editing.mjs, as PATTERN=PATH: GET html routes whose path ends in /new,
# /edit, /archive, /settings, /team, /sdg (a mission's, not the public /sdg), /data (an
# indicator's, not the public open-data page /data) or /new-mission, or is /account or
# under it. A page put in skip_forms (" /pattern ") is left out, with a comment saying why;
# none is today.
skip_forms=' '
forms=()
while IFS=$'\t' read -r meth pat kind _; do
    [ "$meth" = GET ] && [ "$kind" = html ] || continue
    case $pat in
    */new | */edit | */archive | */settings | */team | /*/*/sdg | /*/*/data | /new-mission | /account | /account/*) ;;
    *) continue ;;
    esac
    [[ $skip_forms == *" $pat "* ]] && continue
    path=$(concrete "$pat") || fail "$path"
    forms+=("$pat=$path")
done <<<"$(routes)"
[ "${#forms[@]}" -gt 0 ] || fail "samverka routes lists no form pages"
run_script editing.mjs "http://127.0.0.1:$port" "${forms[@]}"
run_script proposals.mjs "http://127.0.0.1:$port"
run_script seminars.mjs "http://127.0.0.1:$port" "$db"
shots=$(abspath "${SAMVERKA_SHOTS:-$build/browser-shots/$(date -u +%Y%m%dT%H%M%SZ)}")
run_script phone.mjs "http://127.0.0.1:$port" "$shots"

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
