#!/usr/bin/env bash
# demo-equiv.sh OLD_BIN NEW_BIN — do two builds of samverka serve the same demo?
#
# Each binary builds its own database with `init --demo` and serves it; every GET
# route (pages, files, API) is then requested from both, instantiated with every
# slug and id found in either database (and one id past the last, for the 404
# page), every value of every enumerated filter, every page of every list, in
# Swedish and in English. Status, content type and body must be the same. Only
# what legitimately differs between two databases built at different times is
# masked: the "last updated" timestamp (<time datetime="...T...Z">) and the
# page-view counts of the accountability block.
#
# Prints one line per differing response with the first lines of a diff (JSON
# pretty-printed and sorted, HTML one tag per line), then a summary:
#   demo-equiv: R routes, U URLs, N responses compared, D differ
# Exit 0 when nothing differs, 1 when something does, 2 on a setup problem.
# DEMO_EQUIV_KEEP=1 keeps the work directory (both databases, every response).
# DEMO_EQUIV_OLD_SQL=FILE runs FILE (SQL, with sqlite3) on the old database before it is
# served: to add to the old data what the new data set adds on purpose, so that what is
# left to differ is what the code changes.
#
# Needs curl, jq and sqlite3. Uses port 0 (the kernel picks free ports) and only
# its own temporary directory; stops only the servers it started.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 OLD_BIN NEW_BIN" >&2
    exit 2
fi
abs() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$(pwd)" "$1" ;; esac; }
OLD=$(abs "$1")
NEW=$(abs "$2")
for b in "$OLD" "$NEW"; do
    [ -x "$b" ] || { echo "demo-equiv: $b is not an executable" >&2; exit 2; }
done
for t in curl jq sqlite3; do
    command -v "$t" >/dev/null 2>&1 || { echo "demo-equiv: $t is not installed" >&2; exit 2; }
done

W=$(mktemp -d "${TMPDIR:-/tmp}/demo-equiv.XXXXXX") || exit 2
PIDS=()
cleanup()
{
    local p
    for p in "${PIDS[@]}"; do
        kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null
    done
    if [ "${DEMO_EQUIV_KEEP:-0}" = 1 ]; then
        echo "demo-equiv: kept $W" >&2
    else
        rm -rf "$W"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start SIDE BIN: a demo database and a server on it; sets BASE_<SIDE>
start()
{
    local side=$1 bin=$2 i port
    mkdir -p "$W/$side"
    if ! "$bin" init --db "$W/$side/demo.db" --demo >"$W/$side/init.out" 2>&1; then
        echo "demo-equiv: $bin init --demo failed:" >&2
        cat "$W/$side/init.out" >&2
        exit 2
    fi
    if [ "$side" = old ] && [ -n "${DEMO_EQUIV_OLD_SQL:-}" ] &&
        ! sqlite3 "$W/$side/demo.db" <"$DEMO_EQUIV_OLD_SQL" >"$W/$side/sql.out" 2>&1; then
        echo "demo-equiv: $DEMO_EQUIV_OLD_SQL failed on the old database:" >&2
        cat "$W/$side/sql.out" >&2
        exit 2
    fi
    # no page-view flush while we read, no access log
    "$bin" serve --db "$W/$side/demo.db" --listen 127.0.0.1:0 --access-log no \
        --flush-interval 3600 >"$W/$side/serve.out" 2>"$W/$side/serve.err" &
    PIDS+=($!)
    for i in $(seq 100); do
        grep -q '^samverka: listening on ' "$W/$side/serve.out" 2>/dev/null && break
        sleep 0.05
    done
    port=$(sed -n '1s|^samverka: listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/$|\1|p' \
        "$W/$side/serve.out")
    if [ -z "$port" ]; then
        echo "demo-equiv: $bin serve did not start:" >&2
        cat "$W/$side/serve.err" >&2
        exit 2
    fi
    printf -v "BASE_$side" 'http://127.0.0.1:%s' "$port"
}
start old "$OLD"
start new "$NEW"

# the union of one column over both databases, sorted
ids() { { sqlite3 "$W/old/demo.db" "$1"; sqlite3 "$W/new/demo.db" "$1"; } | sort -u; }
# the largest integer of a column over both databases, plus one (an id that is not there)
past() { ids "SELECT COALESCE(MAX($1), 0) + 1 FROM $2" | sort -n | tail -n 1; }

MISSIONS=$(ids "SELECT slug FROM mission")
INDICATORS=$(ids "SELECT id FROM indicator")
OBJECTIVES=$(ids "SELECT id FROM objective")
INITIATIVES=$(ids "SELECT id FROM initiative")
ACTORS=$(ids "SELECT id FROM actor")
PEOPLE=$(ids "SELECT id FROM person")
GOALS=$(seq 17)

# The routes: the GET routes of the route table, with how to instantiate each. The
# API's list is checked against the OpenAPI document below, so a new API route cannot
# be skipped silently. {id}-like placeholders take the listed values plus one that is
# not there; lists take every value of each filter, and every page.
ROUTES=(
    '/'
    '/missions/{slug}'
    '/indicators/{id}'
    '/indicators/{id}/data.csv'
    '/indicators/{id}/data.json'
    '/initiatives'
    '/initiatives/{id}'
    '/actors'
    '/actors/{id}'
    '/sdg'
    '/sdg/{goal}'
    '/healthz'
    '/static/style.css'
    '/robots.txt'
    '/api/v1/openapi.json'
    '/api/v1/missions'
    '/api/v1/missions/{slug}'
    '/api/v1/missions/{slug}/objectives'
    '/api/v1/missions/{slug}/team'
    '/api/v1/objectives/{id}'
    '/api/v1/indicators'
    '/api/v1/indicators/{id}'
    '/api/v1/indicators/{id}/observations'
    '/api/v1/actors'
    '/api/v1/actors/{id}'
    '/api/v1/people'
    '/api/v1/people/{id}'
    '/api/v1/initiatives'
    '/api/v1/initiatives/{id}'
    '/api/v1/sdg/goals'
    '/api/v1/sdg/goals/{goal}'
    '/api/v1/sdg/targets'
    '/api/v1/sdg/indicators'
    '/api/v1/me'
)

curl -sf "$BASE_old/api/v1/openapi.json" >"$W/openapi.json" || {
    echo "demo-equiv: no OpenAPI document from the old binary" >&2
    exit 2
}
# (the list may name a route the old binary does not have: its 404 there, against the new
# binary's answer, is then a difference to see)
missing=$(jq -r '.paths | to_entries[] | select(.value.get) | .key' "$W/openapi.json" |
    while read -r p; do
        printf '%s\n' "${ROUTES[@]}" | grep -qxF "$p" || echo "$p"
    done)
if [ -n "$missing" ]; then
    echo "demo-equiv: GET routes of the OpenAPI document this script does not request:" >&2
    echo "$missing" >&2
    exit 2
fi
# the values of an enumerated query parameter of an API route, from the OpenAPI document
enum_of()
{
    jq -r --arg p "$1" --arg n "$2" \
        '.paths[$p].get.parameters[]? | select(.name == $n) | .schema.enum[]?' "$W/openapi.json"
}
SECTORS=$(enum_of /api/v1/initiatives sector)
ORIGINS=$(enum_of /api/v1/initiatives origin)
STATUSES=$(enum_of /api/v1/initiatives status)
MSTATUSES=$(enum_of /api/v1/missions status)
[ -n "$SECTORS" ] && [ -n "$ORIGINS" ] && [ -n "$STATUSES" ] && [ -n "$MSTATUSES" ] || {
    echo "demo-equiv: the OpenAPI document does not list the filters' values" >&2
    exit 2
}

# the number of pages of a list at PER items a page, plus one (past the end)
pages_of() { local n=$1 per=$2; echo $(((n + per - 1) / per + 1)); }
count() { ids "SELECT COUNT(*) FROM $1" | sort -n | tail -n 1; }

urls()
{
    local r v f q p n
    for r in "${ROUTES[@]}"; do
        case $r in
        *'{slug}'*)
            for v in $MISSIONS no-such-mission; do echo "${r/\{slug\}/$v}"; done ;;
        /indicators/'{id}'* | /api/v1/indicators/'{id}'*)
            for v in $INDICATORS $(past id indicator); do echo "${r/\{id\}/$v}"; done ;;
        *objectives/'{id}')
            for v in $OBJECTIVES $(past id objective); do echo "${r/\{id\}/$v}"; done ;;
        *initiatives/'{id}')
            for v in $INITIATIVES $(past id initiative); do echo "${r/\{id\}/$v}"; done ;;
        *actors/'{id}')
            for v in $ACTORS $(past id actor); do echo "${r/\{id\}/$v}"; done ;;
        *people/'{id}')
            for v in $PEOPLE $(past id person); do echo "${r/\{id\}/$v}"; done ;;
        *'{goal}')
            for v in $GOALS; do echo "${r/\{goal\}/$v}"; done ;;
        /initiatives | /api/v1/initiatives)
            # the HTML list pages by 20, the API by per_page (20 by default; 100 here too)
            n=$(count initiative)
            for q in "" $(for v in $MISSIONS; do echo "mission=$v"; done) \
                $(for v in $ORIGINS; do echo "origin=$v"; done) \
                $(for v in $STATUSES; do echo "status=$v"; done) \
                $(for v in $SECTORS; do echo "sector=$v"; done) \
                $(for v in $GOALS; do echo "sdg=$v"; done); do
                echo "$r${q:+?$q}"
            done
            for p in $(seq "$(pages_of "$n" 20)"); do echo "$r?page=$p"; done
            for v in $SECTORS; do
                for p in 2 3; do echo "$r?sector=$v&page=$p"; done
            done
            [ "$r" = /api/v1/initiatives ] && for p in 1 2; do echo "$r?per_page=100&page=$p"; done
            ;;
        /actors | /api/v1/actors)
            n=$(count actor)
            echo "$r"
            for v in $SECTORS; do
                echo "$r?sector=$v"
                echo "$r?sector=$v&page=2"
            done
            for p in $(seq "$(pages_of "$n" 20)"); do echo "$r?page=$p"; done
            [ "$r" = /api/v1/actors ] && for p in 1 2; do echo "$r?per_page=100&page=$p"; done
            ;;
        /api/v1/missions)
            echo "$r"
            for v in $MSTATUSES; do echo "$r?status=$v"; done
            echo "$r?page=2"
            ;;
        /api/v1/indicators)
            n=$(count indicator)
            echo "$r"
            for v in $MISSIONS; do echo "$r?mission=$v"; done
            for p in $(seq "$(pages_of "$n" 20)"); do echo "$r?page=$p"; done
            ;;
        /api/v1/people)
            n=$(count person)
            for p in $(seq "$(pages_of "$n" 20)"); do echo "$r?page=$p"; done
            echo "$r?per_page=100"
            ;;
        /api/v1/sdg/targets | /api/v1/sdg/indicators)
            echo "$r"
            echo "$r?per_page=100"
            for v in $GOALS; do echo "$r?goal=$v&per_page=100"; done
            ;;
        *) echo "$r" ;;
        esac
    done
}
urls >"$W/urls"

# mask what two databases built at different times legitimately differ in
mask()
{
    sed -E -e 's|<time datetime="[0-9-]+T[0-9:]+Z">[^<]*</time>|<time>(masked)</time>|g' \
        -e 's|(<dt>(Sidvisningar\|Page views)</dt><dd>)[^<]*|\1(masked)|g'
}
# one comparable text per response: JSON pretty and sorted, HTML a tag a line
normal()
{
    local f=$1 ct
    ct=$(head -n 1 "$f.h")
    case $ct in
    *json*) jq -S . "$f.b" 2>/dev/null || cat "$f.b" ;;
    *html*) mask <"$f.b" | sed -e 's/></>\n</g' ;;
    *) cat "$f.b" ;;
    esac
}
fetch()
{
    local base=$1 url=$2 out=$3
    curl -s -o "$out.b" -w '%{content_type}\n%{http_code}\n' "$base$url" >"$out.h"
}

n=0
d=0
mkdir -p "$W/resp"
while read -r u; do
    for lang in sv en; do
        url=$u
        [ "$lang" = en ] && { [[ $u == *'?'* ]] && url="$u&lang=en" || url="$u?lang=en"; }
        n=$((n + 1))
        fetch "$BASE_old" "$url" "$W/resp/$n.old"
        fetch "$BASE_new" "$url" "$W/resp/$n.new"
        if ! cmp -s "$W/resp/$n.old.h" "$W/resp/$n.new.h" ||
            ! cmp -s <(normal "$W/resp/$n.old") <(normal "$W/resp/$n.new"); then
            d=$((d + 1))
            echo "DIFF $url (old: $(tr '\n' ' ' <"$W/resp/$n.old.h")new: $(tr '\n' ' ' <"$W/resp/$n.new.h"))"
            diff <(normal "$W/resp/$n.old") <(normal "$W/resp/$n.new") | head -n "${DEMO_EQUIV_DIFF_LINES:-12}" |
                sed -e 's/^/    /' | cut -c 1-220
        fi
    done
done <"$W/urls"

echo "demo-equiv: ${#ROUTES[@]} routes, $(wc -l <"$W/urls") URLs, $n responses compared, $d differ"
[ "$d" -eq 0 ]
