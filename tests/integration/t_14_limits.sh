# t_14_limits.sh — walk docs/limits.md: every row (an input boundary) has a probe here,
# named limit_<id> with the id's dots and hyphens as underscores, called with the row's
# default. A row without a probe fails, and so does a probe without a row. Probes use
# their own servers where a limit needs an option set low, so the suite's server is
# left as it was.

LIMITS_MD=$top/docs/limits.md
LDIR=$T/limits
mkdir -p "$LDIR"
L_TOK=$("$BIN" token create --db "$DB" --name limits --role admin 2>/dev/null | tail -1)

# the status of a request to the suite's server; extra curl options first
st() { curl -s -o "$LDIR/body" --max-time 10 -w '%{http_code}' "$@" 2>/dev/null || true; }
rep() { local s='' i; for ((i = 0; i < $2; i++)); do s+=$1; done; printf '%s' "$s"; }

limit_http_head()
{
    local n=$1 s
    s=$(st -H "X-Fill: $(rep a $((n / 4)))" "$BASE/robots.txt")
    eq "$s" 200 || return 1
    s=$(st -H "X-Fill: $(rep a $((n + 100)))" "$BASE/robots.txt")
    [ "$s" = 431 ] || [ "$s" = 414 ] || fail "a head of $n bytes and more: status $s"
}
limit_http_path()
{
    local n=$1
    eq "$(st "$BASE/$(rep a $((n - 1)))")" 404 && eq "$(st "$BASE/$(rep a "$n")")" 400
}
limit_http_nul()
{
    eq "$(st "$BASE/sdg%00")" 400 && eq "$(st "$BASE/sdg?lang=en%00")" 400 && eq "$(st "$BASE/sdg")" 200
}
limit_http_query_params()
{
    local n=$1 q='' i
    for ((i = 1; i < n; i++)); do q+="a$i=1&"; done
    eq "$(st "$BASE/sdg?${q}a$n=1")" 200 && eq "$(st "$BASE/sdg?${q}a$n=1&b=1")" 414 &&
        match "$(<"$LDIR/body")" 'Too many query parameters'
}
limit_http_param_value()
{
    local n=$1
    # a slug of n bytes is long enough to be refused as a slug, not for its length
    match "$(st "$BASE/api/v1/initiatives?mission=$(rep a "$n")" && cat "$LDIR/body")" 'must be'
    st "$BASE/api/v1/initiatives?mission=$(rep a $((n + 1)))" >"$LDIR/st"
    eq "$(<"$LDIR/st")" 400 && jqt "$LDIR/body" '.error.field == "mission" and (.error.message | test("too long"))'
}
limit_http_get_body()
{
    eq "$(st -X GET --data x=1 "$BASE/sdg")" 400 &&
        eq "$(st -X GET -H 'Expect:' -H "Content-Length: $((1048576 + 1))" --data x "$BASE/sdg")" 413
}
# hold N connections open to PORT (request heads never finished) in the fds HELD[@]
HELD=()
hold() { local i s; for ((i = 0; i < $2; i++)); do exec {s}<>"/dev/tcp/127.0.0.1/$1" && printf 'GET / HTTP/1.1\r\n' >&"$s" && HELD+=("$s"); done; }
release() { local s; for s in "${HELD[@]}"; do exec {s}>&-; done; HELD=(); }
limit_http_per_ip()
{
    local n=$1 s
    hold "${BASE##*:}" "$n"
    sleep 0.3
    s=$(curl -s -o /dev/null --max-time 3 -w '%{http_code}' "$BASE/robots.txt")
    release
    [ "$s" = 000 ] || fail "connection $((n + 1)) from one address was answered ($s)"
    sleep 0.3
    eq "$(st "$BASE/robots.txt")" 200
}
# the default as serve --help prints it, and the limit holding on a server with a small one
serve_default() { "$BIN" serve --help 2>&1 | grep -E -- "^  --$1 .*\(default: $2\)$" >/dev/null || fail "serve --help does not give --$1 a default of $2"; }
limit_http_connections()
{
    local s
    serve_default max-connections "$1" || return 1
    start_server "$DB" "$LDIR/c.out" "$LDIR/c.log" --max-connections 4 --max-per-ip 100 >"$LDIR/c.msg" 2>&1 ||
        { cat "$LDIR/c.msg"; return 1; }
    hold "${SRV_BASE##*:}" 4
    sleep 0.3
    s=$(curl -s -o /dev/null --max-time 3 -w '%{http_code}' "$SRV_BASE/robots.txt")
    release
    stop_server "$SRV_PID" 10
    SRV_PID=
    [ "$s" = 000 ] || fail "a fifth connection to a server capped at 4 was answered ($s)"
}
limit_http_idle()
{
    local s port t0 t1
    serve_default timeout "$1" || return 1
    start_server "$DB" "$LDIR/i.out" "$LDIR/i.log" --timeout 1 >"$LDIR/i.msg" 2>&1 || { cat "$LDIR/i.msg"; return 1; }
    port=${SRV_BASE##*:}
    exec {s}<>"/dev/tcp/127.0.0.1/$port" || return 1
    t0=$SECONDS
    timeout 10 cat <&"$s" >/dev/null # returns when the server closes the idle connection
    t1=$SECONDS
    exec {s}>&-
    stop_server "$SRV_PID" 10
    SRV_PID=
    le $((t1 - t0)) 5
}
limit_api_json_body()
{
    local n=$1
    head -c $((n + 1)) /dev/zero | tr '\0' ' ' >"$LDIR/big.json"
    st -X PATCH -H "Authorization: Bearer $L_TOK" -H 'Content-Type: application/json' \
        --data-binary @"$LDIR/big.json" "$BASE/api/v1/indicators/$IND" >"$LDIR/st"
    eq "$(<"$LDIR/st")" 413 && jqt "$LDIR/body" '.error.code == "too_large"'
}
limit_api_data_body()
{
    local n=$1 before
    before=$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IND")
    # declared too large: refused before a byte of it is sent (the client waits for 100)
    st -X POST -H "Authorization: Bearer $L_TOK" -H 'Content-Type: text/csv' -H 'Expect: 100-continue' \
        -H "Content-Length: $((n + 1))" --data-binary @/dev/null "$BASE/api/v1/indicators/$IND/data" >"$LDIR/st"
    eq "$(<"$LDIR/st")" 413 && jqt "$LDIR/body" '.error.code == "too_large"' &&
        eq "$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IND")" "$before" &&
        grep -q "client_max_body_size $((n / 1048576))m;" "$top/docs/deployment.md" ||
        fail "docs/deployment.md's nginx body limit is not $((n / 1048576))m"
}
limit_api_imports()
{
    local n=$1 i pids=() s
    serve_default max-imports "$n" || return 1
    head -c 6000 /dev/zero | tr '\0' '1' | sed 's/^/Year,Value\n/' >"$LDIR/slow.csv"
    for ((i = 0; i < n; i++)); do
        curl -s -o /dev/null --limit-rate 2000 -X POST -H "Authorization: Bearer $L_TOK" \
            -H 'Content-Type: text/csv' --data-binary @"$LDIR/slow.csv" "$BASE/api/v1/indicators/$IND/data" &
        pids+=($!)
    done
    sleep 1
    printf 'Year,Value\n2020,1\n' >"$LDIR/one.csv"
    s=$(st -X POST -H "Authorization: Bearer $L_TOK" -H 'Content-Type: text/csv' \
        --data-binary @"$LDIR/one.csv" "$BASE/api/v1/indicators/$IND/data")
    wait "${pids[@]}"
    eq "$s" 429
}

# --- the walk
limits_rows() { sed -n 's/^| `\([a-z0-9.-]*\)` | [^|]* | \([0-9][0-9]*\)[^|]* |.*/\1 \2/p' "$LIMITS_MD"; }
L_ROWS=$(limits_rows)
check "limits: docs/limits.md lists the boundaries" ge "$(printf '%s\n' "$L_ROWS" | grep -c .)" 10
while read -r l_id l_default; do
    [ -n "$l_id" ] || continue
    l_fn=limit_${l_id//[.-]/_}
    if declare -F "$l_fn" >/dev/null; then
        check "limits: $l_id (default $l_default) holds" "$l_fn" "$l_default"
    else
        check "limits: $l_id has a probe ($l_fn)" fail "no function $l_fn in the integration suite"
    fi
done <<<"$L_ROWS"
l_orphans()
{
    local f id bad=
    for f in $(declare -F | awk '$3 ~ /^limit_/ {print $3}'); do
        id=${f#limit_}
        grep -qE "^\| \`$(printf '%s' "$id" | sed 's/_/[.-]/g')\` \|" "$LIMITS_MD" || bad="$bad $f"
    done
    [ -z "$bad" ] || fail "probes without a row in docs/limits.md:$bad"
}
check "limits: every probe has its row in docs/limits.md" l_orphans
"$BIN" token revoke --db "$DB" --id "$(q "SELECT id FROM api_token WHERE name = 'limits'")" >/dev/null 2>&1
