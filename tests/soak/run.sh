#!/usr/bin/env bash
# run.sh — `make soak`: a long mixed load against one server, on each backend.
#
#   tests/soak/run.sh
#
# For each backend (SQLite, then PostgreSQL on a throwaway cluster): a fresh
# demo database, an admin API token, `samverka serve` on a free port, then the
# load client (tests/soak/soak.c) sends SOAK_REQUESTS requests over SOAK_CONNS
# keep-alive connections: pages, API reads, conditional GETs, HEAD, uncached
# renders, writes and hostile inputs, each with the statuses it may get (the
# plan, written below from the database's own ids); before it, a preload of
# settings writes that brings the bounded caches which grow with the data to
# their size (tests/soak/README.md). Then SIGTERM, and the
# server must exit 0. A table per backend: requests, rate, errors by class,
# crashes, the server's resident memory after the warm-up and at the end,
# latency. The goal: 0 errors, 0 crashes, RSS growth under 10 %. The exit
# status is 0 only when every backend meets it.
#
# Knobs (environment): SOAK_REQUESTS (1000000), SOAK_CONNS (8), SOAK_BACKENDS
# ("sqlite pg"), SOAK_WARMUP (requests before the RSS start figure: 5 % of
# SOAK_REQUESTS), SOAK_PRELOAD_WRITES (30000, SQLite only; 0: none), SOAK_TIMEOUT_MS (per
# request, 5000), SOAK_SEED (1),
# SOAK_SERVE_ARGS (extra `samverka serve` options), SOAK_KEEP=1 keeps the
# temporary directory (plan, logs, databases). BUILD selects the build
# directory (build, build/san, ...): $BUILD/samverka and $BUILD/soak/soak;
# SAMVERKA_BIN and SOAK_CLIENT name the binaries directly.
#
# Never uses a fixed port; stops only the processes it started, by their ids.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-build}
BIN=${SAMVERKA_BIN:-$top/$BUILD/samverka}
CLIENT=${SOAK_CLIENT:-$top/$BUILD/soak/soak}
case $BIN in /*) ;; *) BIN=$top/$BIN ;; esac
case $CLIENT in /*) ;; *) CLIENT=$top/$CLIENT ;; esac
REQUESTS=${SOAK_REQUESTS:-1000000}
CONNS=${SOAK_CONNS:-8}
BACKENDS=${SOAK_BACKENDS:-sqlite pg}
BACKENDS=${BACKENDS//,/ }
WARMUP=${SOAK_WARMUP:-$((REQUESTS / 20))}
TIMEOUT_MS=${SOAK_TIMEOUT_MS:-5000}
PRELOAD=${SOAK_PRELOAD_WRITES:-30000}
SEED=${SOAK_SEED:-1}
read -r -a SERVE_ARGS <<<"${SOAK_SERVE_ARGS:-}"
# the per-address connection cap (default 32) must leave room for the client's connections
[ "$CONNS" -gt 24 ] 2>/dev/null && SERVE_ARGS=(--max-per-ip $((CONNS + 8)) "${SERVE_ARGS[@]}")
GOAL_RSS_GROWTH=10 # per cent

# start_server, stop_server, wait_for: the integration suite's helpers
. "$top/tests/integration/lib.sh"

die() { echo "soak: $*" >&2; exit 2; }
[ -x "$BIN" ] || die "no server binary $BIN (make BUILD=$BUILD all)"
[ -x "$CLIENT" ] || die "no load client $CLIENT (make BUILD=$BUILD $BUILD/soak/soak)"
command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is needed (scripts/deps.sh test)"
[[ $REQUESTS =~ ^[1-9][0-9]*$ ]] || die "SOAK_REQUESTS must be a positive number"
[[ $CONNS =~ ^[1-9][0-9]*$ ]] || die "SOAK_CONNS must be a positive number"
[[ $PRELOAD =~ ^[0-9]+$ ]] || die "SOAK_PRELOAD_WRITES must be a number"
for b in $BACKENDS; do
    case $b in sqlite | pg) ;; *) die "SOAK_BACKENDS: unknown backend \"$b\" (sqlite, pg)" ;; esac
done

T=$(mktemp -d "${TMPDIR:-/tmp}/samverka-soak.XXXXXX") || die "mktemp failed"
chmod 711 "$T" # a PostgreSQL cluster run as an unprivileged user must reach $T/pg
SRV_PID=
PG_DIR=
cleanup()
{
    if [ -n "$SRV_PID" ] && kill -0 "$SRV_PID" 2>/dev/null; then
        kill -TERM "$SRV_PID" 2>/dev/null
        wait "$SRV_PID" 2>/dev/null
    fi
    [ -n "$PG_DIR" ] && "$top/scripts/pg-test.sh" stop "$PG_DIR"
    if [ "${SOAK_KEEP:-0}" = 1 ]; then
        echo "soak: kept $T" >&2
    else
        rm -rf "$T"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ the plan

# sq SQL — one value from the SQLite demo database (ids are the same on
# PostgreSQL: it is a copy)
sq() { sqlite3 -batch -noheader -cmd '.timeout 5000' "$T/demo.db" "$1"; }

# write_plan TOKEN FILE — the request mix, as weighted templates (the format is
# described at the top of soak.c). Weights are per mille, roughly: the client
# prints each class's share when it starts.
write_plan()
{
    local tok=$1 out=$2 sk ga wi wi2 id s oid pid
    local -a inds inits actors sectors
    sk=$(sq "SELECT slug FROM mission WHERE slug = 'skolmat'")
    ga=$(sq "SELECT slug FROM mission WHERE slug = 'gator'")
    [ -n "$sk" ] && [ -n "$ga" ] || die "the demo database has no missions skolmat and gator"
    # the written indicators: the first with observations in each mission
    wi=$(sq "SELECT i.id FROM indicator i JOIN mission m ON m.id = i.mission_id WHERE m.slug = '$sk' AND EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.id) ORDER BY i.position, i.id LIMIT 1")
    wi2=$(sq "SELECT i.id FROM indicator i JOIN mission m ON m.id = i.mission_id WHERE m.slug = '$ga' AND EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.id) ORDER BY i.position, i.id LIMIT 1")
    mapfile -t inds < <(sq "SELECT id FROM indicator ORDER BY id")
    mapfile -t inits < <(sq "SELECT id FROM initiative ORDER BY id LIMIT 3")
    mapfile -t actors < <(sq "SELECT id FROM actor ORDER BY id LIMIT 3")
    mapfile -t sectors < <(sq "SELECT DISTINCT sector FROM actor ORDER BY sector")
    oid=$(sq "SELECT MIN(id) FROM objective")
    pid=$(sq "SELECT MIN(id) FROM person")
    [ -n "$wi" ] && [ -n "$wi2" ] && [ ${#inds[@]} -gt 0 ] && [ ${#inits[@]} -gt 0 ] &&
        [ ${#actors[@]} -gt 0 ] && [ ${#sectors[@]} -gt 0 ] && [ -n "$oid" ] && [ -n "$pid" ] ||
        die "the demo database lacks indicators, initiatives, actors, objectives or people"

    local auth="Authorization: Bearer $tok" json='Content-Type: application/json'
    local csv='Content-Type: text/csv' en='Accept-Language: en'
    local set_a='{"target":{"kind":"absolute","value":20,"year":2030},"thresholds":{"high":0.9,"med":0.5,"low":0}}'
    local set_b='{"target":{"kind":"absolute","value":25,"year":2030},"thresholds":{"high":0.8,"med":0.4,"low":0}}'
    local set_c='{"thresholds":{"high":0.95,"med":0.6,"low":0.1}}'
    local data_a='Year,Value\n2019,60\n2022,50\n2024,44\n'
    local data_b='Year,Value\n2019,61\n2021,55\n2023,47\n2024,45\n'
    local data_j='[{"Year":"2019","Value":61},{"Year":"2024","Value":45}]'
    {
        echo "# WEIGHT CLASS EXPECT METHOD TARGET HEADERS BODY (tests/soak/soak.c)"
        # public pages
        printf '%s\tpage\t200\tGET\t%s\t%s\t-\n' \
            30 / - 10 '/?lang=en' - 10 / "$en" \
            25 "/missions/$sk" - 20 "/missions/$ga" - 10 "/missions/$sk?lang=en" - \
            5 "/missions/$ga" 'Accept-Language: en;q=0.9, sv;q=0.5' \
            5 "/indicators/$wi/data.csv" - 5 "/indicators/$wi/data.json" - \
            10 /initiatives - 15 '/initiatives?page=2' - 5 "/initiatives?mission=$sk" - \
            5 '/initiatives?sector=public&lang=en' - 10 /actors - 5 '/actors?page=2' - \
            10 /sdg - 15 /sdg/12 - 5 '/sdg/2?lang=en' - 5 /static/style.css - 3 /robots.txt - \
            5 /healthz -
        for id in "${inds[@]}"; do printf '2\tpage\t200\tGET\t/indicators/%s\t-\t-\n' "$id"; done
        for id in "${inits[@]}"; do printf '4\tpage\t200\tGET\t/initiatives/%s\t-\t-\n' "$id"; done
        for id in "${actors[@]}"; do printf '4\tpage\t200\tGET\t/actors/%s\t-\t-\n' "$id"; done
        for s in "${sectors[@]}"; do printf '2\tpage\t200\tGET\t/actors?sector=%s\t-\t-\n' "$s"; done
        # API reads
        printf '%s\tapi\t200\tGET\t%s\t-\t-\n' \
            15 /api/v1/missions 10 "/api/v1/missions/$sk" 5 "/api/v1/missions/$ga" \
            5 "/api/v1/missions/$sk/objectives" 5 "/api/v1/missions/$sk/team" \
            10 /api/v1/indicators 5 "/api/v1/indicators?mission=$ga" \
            10 "/api/v1/indicators/$wi/observations" 5 "/api/v1/objectives/$oid" \
            5 /api/v1/actors 5 '/api/v1/actors?sector=private&per_page=50' \
            5 "/api/v1/actors/${actors[0]}" 3 /api/v1/people 3 "/api/v1/people/$pid" \
            5 /api/v1/initiatives 3 "/api/v1/initiatives?mission=$sk&sdg=12" \
            5 "/api/v1/initiatives/${inits[0]}" 5 /api/v1/sdg/goals 5 /api/v1/sdg/goals/12 \
            3 '/api/v1/sdg/targets?goal=12' 3 '/api/v1/sdg/indicators?goal=3&page=1' \
            3 /api/v1/openapi.json
        for id in "${inds[@]}"; do
            printf '1\tapi\t200\tGET\t/api/v1/indicators/%s\t-\t-\n' "$id"
            printf '1\tapi\t200\tGET\t/api/v1/indicators/%s/observations\t-\t-\n' "$id"
        done
        # conditional GETs: 304 while unchanged, a new ETag after a write
        printf '%s\tcond\t304\tGET\t%s\t%s\t-\n' \
            20 / - 5 / "$en" 20 "/missions/$sk" - 15 "/indicators/$wi" - 10 /sdg/12 - \
            15 /api/v1/missions - 15 "/api/v1/indicators/$wi" - \
            10 "/api/v1/indicators/$wi/observations" - 5 /static/style.css - \
            5 "/indicators/$wi/data.csv" -
        # HEAD
        printf '%s\thead\t200\tHEAD\t%s\t-\t-\n' \
            10 / 10 "/missions/$ga" 10 /api/v1/missions 10 "/indicators/${inds[1]}" \
            5 "/indicators/$wi/data.csv"
        # uncached renders: a query string never seen before
        printf '%s\tuncached\t200\tGET\t%s\t-\t-\n' \
            10 "/missions/$sk?x={n}" 10 '/?utm_source={n}' 10 '/api/v1/missions?x={n}' \
            10 "/indicators/$wi?ref={n}" 5 '/initiatives?page=2&x={n}' \
            5 "/api/v1/indicators/$wi/observations?nocache={n}"
        # writes (each invalidates the cache)
        printf '%s\twrite\t200\t%s\t%s\t%s\t%s\n' \
            2 PATCH "/api/v1/indicators/$wi" "$auth\\n$json" "$set_a" \
            1 PATCH "/api/v1/indicators/$wi" "$auth\\n$json" "$set_b" \
            1 PATCH "/api/v1/indicators/$wi2" "$auth\\n$json" "$set_c" \
            2 POST "/api/v1/indicators/$wi/data" "$auth\\n$csv" "$data_a" \
            1 POST "/api/v1/indicators/$wi/data" "$auth\\n$csv" "$data_b" \
            1 POST "/api/v1/indicators/$wi/data" "$auth\\n$json" "$data_j"
        # hostile inputs
        printf '%s\thostile\t%s\t%s\t%s\t%s\t%s\n' \
            2 404 GET /no/such/page - - \
            2 404 GET /api/v1/no/such/thing - - \
            2 404 GET /indicators/999999999 - - \
            1 404 GET /missions/nope - - \
            2 400 GET /indicators/abc - - \
            1 400 GET /sdg/18 - - \
            1 400 GET '/actors?sector=pirates' - - \
            1 400 GET '/api/v1/actors?per_page=1000' - - \
            1 400 GET '/initiatives?page=0' - - \
            1 405 POST / - - \
            1 405 DELETE "/api/v1/indicators/$wi" - - \
            2 401 PATCH "/api/v1/indicators/$wi" "Authorization: Bearer svk_notatoken\\n$json" '{}' \
            1 401 POST "/api/v1/indicators/$wi/data" "$csv" "$data_a" \
            1 415 PATCH "/api/v1/indicators/$wi" "$auth\\nContent-Type: text/plain" '{}' \
            1 415 POST "/api/v1/indicators/$wi/data" "$auth\\nContent-Type: text/plain" "$data_a" \
            2 '422|400' PATCH "/api/v1/indicators/$wi" "$auth\\n$json" '{"target":' \
            1 '422|400' PATCH "/api/v1/indicators/$wi" "$auth\\n$json" '{"direction": "sideways"}' \
            2 400 GET "/indicators/$wi%00" - - \
            2 400 GET "/missions/$sk%00.html" - - \
            3 '400|414' GET '/?{rep:600:p=1&}lang=en' - - \
            3 '400|413' GET / "Content-Type: text/plain" 'a body on a GET' \
            2 '400|414' GET '/{rep:2000:a}' - - \
            1 '400|414|431' GET '/?q={rep:40000:a}' - -
    } >"$out"
}

# ------------------------------------------------------------------ one backend

# kv KEY FILE — a value from the client's "key value" lines
kv() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
kv3() { awk -v k="$1" '$1 == k { print $3; exit }' "$2"; }

RESULTS=()
run_backend()
{
    local backend=$1 db url tok out rc crash=0 rss0 rss1 growth goal why='' gone srv_err
    local dir=$T/$backend
    mkdir -p "$dir"
    echo
    echo "== soak on $backend: $REQUESTS requests at $CONNS connections"
    if [ "$backend" = sqlite ]; then
        db=$dir/soak.db
        cp "$T/demo.db" "$db"
    else
        PG_DIR=$T/pg
        url=$("$top/scripts/pg-test.sh" start "$PG_DIR" 2>"$dir/pg.err") || {
            cat "$dir/pg.err" >&2
            RESULTS+=("$backend - - - - - - - - - NOT-MET(no-cluster)")
            return 1
        }
        db=$url
        "$BIN" copy --from "$T/demo.db" --to "$db" >"$dir/copy.out" 2>&1 || {
            cat "$dir/copy.out" >&2
            RESULTS+=("$backend - - - - - - - - - NOT-MET(copy-failed)")
            return 1
        }
    fi
    tok=$("$BIN" token create --db "$db" --name soak --role admin 2>"$dir/token.err" | tail -n 1)
    [[ $tok == svk_* ]] || { cat "$dir/token.err" >&2; die "no API token"; }
    write_plan "$tok" "$dir/plan.tsv"

    start_server "$db" "$dir/server.out" "$dir/server.log" --access-log no "${SERVE_ARGS[@]}" \
        || die "the server did not start on $backend"
    local port=${SRV_BASE##*:}
    echo "server pid $SRV_PID on port $port; log $dir/server.log"
    # signed-in visitors: a demo account signed in through the form; its pages are rendered
    # for it each time (never the shared cache) and its session's last use is kept by the
    # server and written by the watcher; a session cookie that was never issued reads as a
    # visitor (the cookie is cleared)
    local jar=$dir/jar csrf cookie
    csrf=$(curl -sS -c "$jar" -b "$jar" "$SRV_BASE/account/sign-in" |
        sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
    curl -sS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
        --data-urlencode "email=actor@example.org" --data-urlencode "password=demo-actor-2026" \
        "$SRV_BASE/account/sign-in"
    cookie=$(awk '$6 == "samverka_session" {print $7}' "$jar")
    [ -n "$cookie" ] || die "the demo account actor@example.org cannot sign in on $backend"
    printf '%s\tuncached\t200\tGET\t%s\t%s\t-\n' \
        10 "/missions/skolmat" "Cookie: samverka_session=$cookie" \
        5 / "Cookie: samverka_session=$cookie" 3 /account "Cookie: samverka_session=$cookie" \
        3 "/api/v1/me" "Cookie: samverka_session=$cookie" \
        3 /actors "Cookie: samverka_session=AAAAAAAAAAAAAAAAAAAAAA" >>"$dir/plan.tsv"
    # the preload: settings writes, one at a time, before the run (see README.md); on
    # SQLite only, whose page cache lives in the server process
    local pre=$dir/preload.out pre_err=0
    if [ "$PRELOAD" -gt 0 ] && [ "$backend" = sqlite ]; then
        awk -F'\t' '$2 == "write" && $4 == "PATCH"' "$dir/plan.tsv" >"$dir/preload.tsv"
        "$CLIENT" --port "$port" --pid "$SRV_PID" --plan "$dir/preload.tsv" --requests "$PRELOAD" \
            --conns 1 --warmup 0 --timeout-ms "$TIMEOUT_MS" --seed "$SEED" \
            >"$pre" 2> >(tee "$dir/preload.err" >&2)
        pre_err=$(kv errors "$pre")
        echo "preload: $(kv requests "$pre") writes in $(kv seconds "$pre") s, ${pre_err:-?} errors," \
            "server RSS $(kv server_rss_start_kb "$pre") -> $(kv server_rss_end_kb "$pre") kB"
    fi
    "$CLIENT" --port "$port" --pid "$SRV_PID" --plan "$dir/plan.tsv" --requests "$REQUESTS" \
        --conns "$CONNS" --warmup "$WARMUP" --timeout-ms "$TIMEOUT_MS" --seed "$SEED" \
        >"$dir/client.out" 2> >(tee "$dir/client.err" >&2)
    rc=$?
    out=$dir/client.out
    stop_server "$SRV_PID" 30
    SRV_PID=
    gone=$(kv server_gone "$out")
    if [ "${gone:-1}" != 0 ] || [ "$STOP_RC" != 0 ]; then
        crash=1
    fi
    srv_err=$(grep -cE 'Fatal error|Sanitizer|runtime error|level=error' \
        "$dir/server.log")

    rss0=$(kv server_rss_start_kb "$out")
    rss1=$(kv server_rss_end_kb "$out")
    [[ ${rss0:-} =~ ^[0-9]+$ ]] || rss0=- # the server was gone
    [[ ${rss1:-} =~ ^[0-9]+$ ]] || rss1=-
    growth=-
    if [[ ${rss0:-} =~ ^[0-9]+$ ]] && [[ ${rss1:-} =~ ^[0-9]+$ ]] && [ "$rss0" -gt 0 ]; then
        growth=$(awk -v a="$rss0" -v b="$rss1" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
    fi
    [ -s "$out" ] || why+=" client-failed(rc=$rc)"
    [ "$(kv errors "$out")" = 0 ] || why+=" errors"
    [ "$(kv not_sent "$out")" = 0 ] || why+=" not-all-sent"
    [ "$(kv stalled "$out")" = 0 ] || why+=" stalled"
    [ "${pre_err:-1}" = 0 ] || why+=" preload-errors"
    [ "$crash" = 0 ] || why+=" crash"
    if [ "$growth" = - ] || awk -v g="$growth" -v m="$GOAL_RSS_GROWTH" 'BEGIN { exit !(g >= m) }'; then
        why+=" rss-growth"
    fi
    goal=met
    why=${why# }
    [ -z "$why" ] || goal="NOT-MET(${why// /,})"

    printf '\n%-22s %s\n' "backend" "$backend"
    printf '%-22s %s of %s in %s s, %s/s, %s connections\n' "requests" \
        "$(kv requests "$out")" "$REQUESTS" "$(kv seconds "$out")" "$(kv rate "$out")" "$CONNS"
    printf '%-22s %s (status %s, etag %s, reset %s, timeout %s, connect %s, protocol %s)\n' \
        "errors" "$(kv errors "$out")" "$(kv errors_status "$out")" "$(kv errors_etag "$out")" \
        "$(kv errors_reset "$out")" "$(kv errors_timeout "$out")" "$(kv errors_connect "$out")" \
        "$(kv errors_protocol "$out")"
    local c line=''
    for c in page api cond head uncached write hostile; do
        line+="$c $(kv "class_$c" "$out")/$(kv3 "class_$c" "$out")  "
    done
    printf '%-22s %s\n' "by class (sent/errors)" "$line"
    printf '%-22s %s (server gone during the run: %s; exit status after SIGTERM: %s in %s ms)\n' \
        "crashes" "$crash" "${gone:-?}" "$STOP_RC" "$STOP_MS"
    printf '%-22s %s\n' "server log" "$srv_err lines with level=error, a sanitizer report or a fatal error"
    printf '%-22s start %s kB (after %s requests), end %s kB, growth %s %%, peak %s kB\n' \
        "server RSS" "$rss0" "$WARMUP" "$rss1" "$growth" "$(kv server_rss_peak_kb "$out")"
    printf '%-22s p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms\n' "latency" \
        "$(kv latency_p50_ms "$out")" "$(kv latency_p99_ms "$out")" \
        "$(kv latency_p999_ms "$out")" "$(kv latency_max_ms "$out")"
    printf '%-22s start %s kB (after %s requests), end %s kB (set up: %s kB)\n' "client RSS" \
        "$(kv client_rss_start_kb "$out")" "$WARMUP" "$(kv client_rss_end_kb "$out")" \
        "$(kv client_rss_setup_kb "$out")"
    printf '%-22s %s\n' "goal" "$goal"
    if [ "$srv_err" -gt 0 ]; then
        echo "first lines of the server log that report errors:"
        grep -E 'Fatal error|Sanitizer|runtime error|level=error' \
            "$dir/server.log" | head -n 5 | cut -c1-300
    fi
    RESULTS+=("$backend $(kv requests "$out") $(kv rate "$out") $(kv errors "$out") $crash $rss0 $rss1 $growth $(kv latency_p50_ms "$out") $(kv latency_p99_ms "$out") $goal")

    if [ "$backend" = pg ]; then
        "$top/scripts/pg-test.sh" stop "$PG_DIR"
        PG_DIR=
    fi
    [ "$goal" = met ]
}

# ------------------------------------------------------------------ main

echo "soak: $BIN, $REQUESTS requests at $CONNS connections, backends: $BACKENDS"
echo "soak: commit $(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo ?), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" init --db "$T/demo.db" --demo >"$T/init.out" 2>&1 || { cat "$T/init.out"; die "init --demo failed"; }

failed=0
for b in $BACKENDS; do
    run_backend "$b" || failed=1
done

echo
echo "== soak summary (goal: 0 errors, 0 crashes, server RSS growth under $GOAL_RSS_GROWTH %)"
{
    echo "backend requests req/s errors crashes rss_start_kb rss_end_kb growth_% p50_ms p99_ms goal"
    printf '%s\n' "${RESULTS[@]}"
} | column -t
[ "$failed" = 0 ] && exit 0
exit 1
