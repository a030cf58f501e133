# t_35_cache_scope.sh — a write re-renders only the cached pages that can show it (issue 12,
# "Fast without the cache"; docs/internals/http.md, "The generations"). On a server of its
# own (views and token uses written every second), told by the access log's cache=hit or
# cache=miss: a sign-in and an API token's use re-render no cached page; an edit of one of
# gator's indicators leaves skolmat's pages and single API resources cached while gator's
# pages and the home page show it at once; a commit from outside the server (the CLI's
# import into the same database) re-renders everything, and a commit to another database
# (on PostgreSQL, of the same cluster) nothing.
#
# The "still cached" checks of this server's own writes try a few times, and one clean
# round is enough (a write of this server is told from someone else's only when it
# provably was the only one since the watcher looked; a slow run may lose that race). The
# old rule (every write re-rendered every page) fails every round.

DB_C=$(new_db scope)
db_copy "$DB" "$DB_C"
C_TOK=$("$BIN" token create --db "$DB_C" --name scope-admin --role admin 2>/dev/null | tail -1)
C_READ=$("$BIN" token create --db "$DB_C" --name scope-reader --role coordinator --mission "$SK" 2>/dev/null | tail -1)
check "scope: two API tokens are created on the server's copy" \
    eval 'match "$C_TOK" "^svk_" && match "$C_READ" "^svk_"'
start_server "$DB_C" "$T/scope.out" "$T/scope.log" --flush-interval 1 >"$T/scope.msg" 2>&1
C_PID=$SRV_PID
MAIN_BASE=$BASE
BASE=$SRV_BASE
SRV_PID=
check "scope: a server of its own starts" eval 'cat "$T/scope.msg"; nonempty "$BASE"'

# an indicator of gator (the ids are the copy's, the same as the demo database's)
IND_GA=$(q "SELECT id FROM indicator WHERE mission_id = $MID_GA AND archived_at IS NULL ORDER BY position, id LIMIT 1")
check "scope: gator has an indicator" nonempty "$IND_GA"

# cache_of PATH — fetch PATH (anonymous) and say how the server answered it: hit or miss,
# from its access log (which logs the path without the query)
cache_of()
{
    local n0 line
    n0=$(grep -cF "path=\"$1\" status=200" "$T/scope.log")
    curl -s -o /dev/null --max-time 10 "$BASE$1" || { echo "no answer"; return 1; }
    logged() { [ "$(grep -cF "path=\"$1\" status=200" "$T/scope.log")" -gt "$2" ]; }
    wait_for 3 logged "$1" "$n0" || { echo "not logged"; return 1; }
    line=$(grep -F "path=\"$1\" status=200" "$T/scope.log" | tail -n 1)
    [[ $line =~ cache=([a-z]+) ]] && echo "${BASH_REMATCH[1]}"
}
# warm PATH... — render each page until it is cached (a hit)
warm()
{
    local p i
    for p in "$@"; do
        for i in 1 2 3; do
            [ "$(cache_of "$p")" = hit ] && continue 2
        done
        fail "$p is not served from the cache"
        return 1
    done
}
# cached PATH... — each page is still a hit
cached()
{
    local p c
    for p in "$@"; do
        c=$(cache_of "$p")
        [ "$c" = hit ] || { fail "$p: $c"; return 1; }
    done
}
# rendered PATH... — each page is rendered again (a miss)
rendered()
{
    local p c
    for p in "$@"; do
        c=$(cache_of "$p")
        [ "$c" = miss ] || { fail "$p: $c"; return 1; }
    done
}
# each mission's pages, a download and its single API resources (the lists are everyone's)
SK_PAGES=("/missions/$SK" "/indicators/$IND" "/indicators/$IND/data.csv" "/api/v1/missions/$SK"
    "/api/v1/indicators/$IND" "/api/v1/indicators/$IND/observations")
GA_PAGES=("/missions/$GA" "/indicators/$IND_GA" "/indicators/$IND_GA/datapackage.json"
    "/api/v1/missions/$GA" "/api/v1/missions/$GA/objectives" "/api/v1/indicators/$IND_GA")

if [ -n "$BASE" ] && [ -n "$IND_GA" ]; then
    # (a) a sign-in, and an API token's use (its last use is written a second later)
    signin_keeps()
    {
        local i jar=$T/scope.jar
        # two tries: a second factor's code is taken once, and sign_in has two at a time
        for i in 1 2; do
            rm -f "$jar"
            warm "${SK_PAGES[@]}" / || return 1
            sign_in_once "$jar" coordinator@example.org demo-coordinator-2026 SAMVERKADEMOCOORDINATORKEY234567 || return 1
            cached "${SK_PAGES[@]}" / >/dev/null && return 0
        done
        fail "after a sign-in: $(cached "${SK_PAGES[@]}" /)"
    }
    check "scope: a sign-in re-renders no cached page" signin_keeps
    token_keeps()
    {
        local i
        for i in 1 2 3 4 5; do
            warm "${SK_PAGES[@]}" / || return 1
            curl -s -o /dev/null -H "Authorization: Bearer $C_READ" "$BASE/api/v1/me"
            sleep 2.2 # the token's use is written within a flush interval (1 s)
            cached "${SK_PAGES[@]}" / >/dev/null && return 0
        done
        fail "after a token's use: $(cached "${SK_PAGES[@]}" /)"
    }
    check "scope: an API token's use (written with the views) re-renders no cached page" token_keeps

    # (b) an edit of one of gator's indicators
    N_EDIT=0
    edit_gator()
    {
        N_EDIT=$((N_EDIT + 1))
        GA_TITLE="Scope edit $N_EDIT"
        fetch -X PATCH -H "Authorization: Bearer $C_TOK" -H 'Content-Type: application/json' \
            --data "{\"title\": {\"sv\": \"$GA_TITLE\", \"en\": \"$GA_TITLE\"}}" \
            "/api/v1/indicators/$IND_GA/metadata"
        [ "$S" = 200 ] || fail "the edit: $S $(head -c 300 "$B")"
    }
    edit_keeps_skolmat()
    {
        local i
        for i in 1 2 3 4 5; do
            warm "${SK_PAGES[@]}" "${GA_PAGES[@]}" / || return 1
            edit_gator || return 1
            cached "${SK_PAGES[@]}" >/dev/null && return 0
        done
        fail "after an edit of gator: $(cached "${SK_PAGES[@]}")"
    }
    check "scope: an edit of gator's indicator leaves skolmat's pages and API resources cached" \
        edit_keeps_skolmat
    warm "${SK_PAGES[@]}" "${GA_PAGES[@]}" / >/dev/null
    edit_gator
    check "scope: ... gator's pages and API resources are rendered again at once" \
        rendered "${GA_PAGES[@]}"
    fetch "/indicators/$IND_GA"
    check "scope: ... gator's indicator page shows the edit" text_has "$GA_TITLE"
    fetch "/missions/$GA"
    check "scope: ... and so does gator's mission page" text_has "$GA_TITLE"
    warm / >/dev/null
    edit_gator
    check "scope: (c) the home page, which shows every mission, is rendered again at once" rendered /
    fetch "/api/v1/indicators?mission=$GA"
    check "scope: ... as is the API's list of indicators, with the edit" \
        eval 'eq "$S" 200 && contains "$(<"$B")" "$GA_TITLE"'

    # (d) a commit from outside: the CLI imports into the same database
    warm "${SK_PAGES[@]}" "${GA_PAGES[@]}" / >/dev/null
    outside_import() { "$BIN" import --db "$DB_C" --indicator "$IND_GA" "$T/scope-ga.csv" >"$T/scope-import.out" 2>&1 || { cat "$T/scope-import.out"; return 1; }; }
    fetch "/indicators/$IND_GA/data.csv"
    cp "$B" "$T/scope-ga.csv"
    # one more row, a year after the last, so that the import changes something
    last_row=$(tail -n 1 "$T/scope-ga.csv")
    year=${last_row%%,*}
    if [[ $year =~ ^[0-9]{4}$ ]]; then
        printf '%s\n' "$((year + 1))${last_row#"$year"}" >>"$T/scope-ga.csv"
    fi
    check "scope: (d) the CLI imports gator's data into the server's database" outside_import
    outside_seen() { rendered "${SK_PAGES[@]}" "${GA_PAGES[@]}" /; }
    sleep 0.5 # the watcher looks every millisecond (SQLite), or when told (PostgreSQL)
    check "scope: ... and every page is rendered again, skolmat's too" outside_seen

    # (e) a commit to another database: on PostgreSQL one of the same cluster, which moved
    # the data version when it was a hash of the cluster's snapshot (every write on the
    # server, and every autoanalyze, rendered every page again); once, no second chance
    warm "${SK_PAGES[@]}" "${GA_PAGES[@]}" / >/dev/null
    DB_OTHER=$(new_db scope_other)
    other_write()
    {
        if [ "$BACKEND" = pg ]; then
            psql -X -q -v ON_ERROR_STOP=1 "$DB_OTHER" \
                -c 'CREATE TABLE t (x INTEGER)' -c 'INSERT INTO t VALUES (1)' -c 'UPDATE t SET x = 2'
        else
            sqlite3 "$DB_OTHER" 'CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1); UPDATE t SET x = 2'
        fi
    }
    check "scope: (e) another database is written to" other_write
    sleep 0.5
    check "scope: ... which re-renders no page of this one" cached "${SK_PAGES[@]}" "${GA_PAGES[@]}" /

    stop_server "$C_PID" 10
    check "scope: the server stops" eq "$STOP_RC" 0
fi
BASE=$MAIN_BASE
