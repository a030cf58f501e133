#!/usr/bin/env bash
# run.sh — samverka's integration suite: a built server on a temporary demo
# database, driven over HTTP with curl, checked with jq, tidy and sqlite3.
#
#   tests/integration/run.sh [NAME...]
#
# Uses the binary in $SAMVERKA_BIN, else $BUILD/samverka (BUILD as set by
# tests/run-all.sh: build, or build/san for SAN=1; default build); builds nothing.
# NAME... runs only the t_*.sh files whose names contain one of the words
# (t_99_shutdown always runs last when selected). After them, every API response
# they received is validated against the server's OpenAPI document
# (openapi_check.py, with Debian's python3-jsonschema): one check per file. The last line of output is
# "integration: N passed, N failed"; the exit status is non-zero when a check
# failed. SAMVERKA_KEEP_TMP=1 keeps the temporary directory for a post-mortem.
#
# Never uses a fixed port, never touches anything outside its temp dir.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
BIN=${SAMVERKA_BIN:-$top/${BUILD:-build}/samverka}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac

. "$here/lib.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/samverka-integ.XXXXXX") || { echo "mktemp failed"; exit 1; }
mkdir -p "$T/resp"
DB=$(new_db demo)
SERVER_PID=
cleanup()
{
    # only the servers this suite started, by their process ids
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    if [ -n "${SRV_PID:-}" ] && kill -0 "$SRV_PID" 2>/dev/null; then
        kill -TERM "$SRV_PID" 2>/dev/null
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

tools_present()
{
    local t missing=
    for t in curl jq tidy sqlite3 timeout; do
        command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
    done
    [ -z "$missing" ] || fail "missing tools:$missing (scripts/deps.sh test installs them)"
}
require "setup: curl, jq, tidy, sqlite3 are installed" tools_present
require "setup: the binary $BIN exists" test -x "$BIN"

# the route table the binary serves: six tab-separated fields a line
route_table_read()
{
    routes_load "$BIN" || return 1
    [[ $'\n'$ROUTES == *$'\nGET\t/\thtml\t'* && $ROUTES == *$'\nGET\t/missions/{slug}\thtml\t'* &&
        $ROUTES == *$'\nGET\t/api/v1/missions\tapi\t'* ]] ||
        fail "samverka routes does not list the known routes: $(short "$ROUTES" 300)"
    ! routes | grep -vqE $'^[A-Z]+\t/[^\t]*\t(html|api|file)\t[^\t]+\t[^\t]+\t[^\t]+$' ||
        fail "a line of samverka routes is not METHOD PATTERN KIND FLAGS SCHEMA QUERY: $(routes | grep -vE $'^[A-Z]+\t/[^\t]*\t(html|api|file)\t[^\t]+\t[^\t]+\t[^\t]+$' | head -n 1)"
    ge "$(routes | grep -c .)" 20
}
require "setup: samverka routes prints the route table" route_table_read

init_demo() { "$BIN" init --db "$DB" --demo >"$T/init.out" 2>&1 || { cat "$T/init.out"; return 1; }; }
require "setup: samverka init --demo creates the demo database" init_demo

# the slugs the brief names; every other id and text comes from the database
SK=skolmat
GA=gator
MID_SK=$(q "SELECT id FROM mission WHERE slug = '$SK'")
MID_GA=$(q "SELECT id FROM mission WHERE slug = '$GA'")
require "setup: the demo database has the missions $SK and $GA" \
    eval '[ -n "$MID_SK" ] && [ -n "$MID_GA" ] || fail "missions: $(q "SELECT slug FROM mission")"'
# an indicator of $SK with observations; an initiative of $SK with a lead actor
IND=$(q "SELECT i.id FROM indicator i WHERE i.mission_id = $MID_SK AND EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.id) ORDER BY i.position, i.id LIMIT 1")
N_OBS=$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = ${IND:-0}")
IFS=$'\t' read -r INIT INIT_LEAD < <(q "SELECT id, lead_actor_id FROM initiative WHERE mission_id = $MID_SK AND lead_actor_id IS NOT NULL ORDER BY origin DESC, id LIMIT 1")
require "setup: $SK has an indicator with observations" nonempty "$IND"
require "setup: $SK has an initiative with a lead actor" nonempty "$INIT"
# the values concrete() fills the route patterns with (tests/routes.sh)
PICK[missions]=$SK
PICK[indicators]=$IND
PICK[initiatives]=$INIT
PICK[actors]=$INIT_LEAD
PICK[goal]=12

start_server "$DB" "$T/server.out" "$T/server.log" --flush-interval 1 >"$T/start.msg" 2>&1
SERVER_PID=$SRV_PID
BASE=$SRV_BASE
SRV_PID=
require "setup: samverka serve starts on a free port and answers /healthz" \
    eval 'cat "$T/start.msg"; [ -n "$BASE" ]'
# the document every API response is validated against at the end (openapi_checks)
require "setup: the server publishes /api/v1/openapi.json" \
    eval 'curl -fsS --max-time 10 -o "$T/openapi.json" "$BASE/api/v1/openapi.json" && json_ok "$T/openapi.json"'

files=()
for f in "$here"/t_*.sh; do
    if [ $# -gt 0 ]; then
        sel=0
        for w in "$@"; do
            case $(basename "$f") in *"$w"*) sel=1 ;; esac
        done
        [ "$sel" = 1 ] || continue
    fi
    files+=("$f")
done
for f in "${files[@]}"; do
    CUR_FILE=$(basename "$f")
    printf '# %s\n' "$CUR_FILE"
    # a file bash cannot parse would run nothing and fail nothing when sourced: it fails here
    # (t_14_limits.sh once lost a closing brace in a merge and its walk went unseen)
    check "suite: $CUR_FILE parses (bash -n)" bash -n "$f" || continue
    # shellcheck source=/dev/null
    . "$f"
done
CUR_FILE=

printf '# openapi: every API response of the files above, against /api/v1/openapi.json\n'
openapi_checks

finish
