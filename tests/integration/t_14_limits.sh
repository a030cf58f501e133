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
limit_http_cookie()
{
    local n=$1
    # counted over every Cookie field of the request, for GET and body requests alike
    eq "$(st -H "Cookie: a=$(rep b $((n - 2)))" "$BASE/sdg")" 200 &&
        eq "$(st -H "Cookie: a=$(rep b $((n / 2)))" -H "Cookie: c=$(rep d $((n / 2 - 6)))" "$BASE/sdg")" 200 &&
        eq "$(st -H 'Accept-Language: en' -H "Cookie: a=$(rep b $((n - 1)))" "$BASE/sdg")" 431 &&
        match "$(<"$LDIR/body")" 'Cookie header is too large' &&
        eq "$(st -H "Cookie: a=$(rep b $((n / 2)))" -H "Cookie: c=$(rep d $((n / 2)))" "$BASE/sdg")" 431 &&
        eq "$(st -X PATCH -H "Cookie: a=$(rep b "$n")" -H "Authorization: Bearer $L_TOK" \
            -H 'Content-Type: application/json' --data '{}' "$BASE/api/v1/indicators/$IND")" 431
}
limit_http_nul()
{
    eq "$(st "$BASE/sdg%00")" 400 && eq "$(st "$BASE/sdg?lang=en%00")" 400 && eq "$(st "$BASE/sdg")" 200
}
limit_http_query_params()
{
    local n=$1 q='' i
    for ((i = 1; i < n; i++)); do q+="a$i=1&"; done
    eq "$(st "$BASE/sdg?${q}a$n=1")" 200 && eq "$(st -H 'Accept-Language: en' "$BASE/sdg?${q}a$n=1&b=1")" 414 &&
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

# --- imports: an indicator with a disaggregation column, restored at the end
IFS=$'\t' read -r L_IND L_DIM < <(q "SELECT indicator_id, name FROM indicator_dimension WHERE indicator_id <> ${IND:-0} ORDER BY indicator_id, position LIMIT 1")
"$BIN" export --db "$DB" --indicator "${L_IND:-0}" >"$LDIR/saved.csv" 2>"$LDIR/saved.err"
# lpost CONTENT-TYPE FILE — an import through the API; status in S, body in $LDIR/body
lpost() { S=$(st -X POST -H "Authorization: Bearer $L_TOK" -H "Content-Type: $1" --data-binary @"$2" "$BASE/api/v1/indicators/$L_IND/data"); }
lcsv() { printf '%b' "$1" >"$LDIR/in.csv"; lpost text/csv "$LDIR/in.csv"; }
# lrefused STATUS FIELD MESSAGE-PART — the last import was refused so, with a line
lrefused() { eq "$S" "$1" && jqt "$LDIR/body" --arg f "$2" --arg m "$3" '(.error.field == (if $f == "" then null else $f end)) and (.error.message | contains($m)) and (.error.line >= 1)'; }
limit_import_field()
{
    local n=$1
    lcsv "Year,$L_DIM,Value\n2020,$(rep a "$n"),1\n" && eq "$S" 200 || return 1
    lcsv "Year,$L_DIM,Value\n2020,$(rep a $((n + 1))),1\n" && lrefused 422 "$L_DIM" "longer than $n bytes"
}
limit_import_period()
{
    lcsv "Year,Value\n2020$(rep 0 $(($1 - 3))),1\n" && lrefused 422 Year "longer than $1 bytes"
}
limit_import_number()
{
    local n=$1
    lcsv "Year,Value\n2020,1.$(rep 0 $((n - 2)))\n" && eq "$S" 200 || return 1
    lcsv "Year,Value\n2020,1.$(rep 0 $((n - 1)))\n" && lrefused 422 Value "longer than $n bytes"
}
limit_import_series_key()
{
    local n=$1
    lcsv "Year,Series,Units,Value\n2020,$(rep a $((n / 2))),$(rep b $((n / 2 - 10))),1\n" && eq "$S" 200 || return 1
    # each part within its own limit, together over this one
    lcsv "Year,Series,Units,$L_DIM,Value\n2020,$(rep a $((n / 2))),$(rep b $((n / 2))),$(rep c 100),1\n" &&
        lrefused 422 "" "$n"
}
limit_import_magnitude()
{
    local n=$1
    lcsv "Year,Value\n2020,$n\n2021,-$n\n" && eq "$S" 200 || return 1
    lcsv "Year,Value\n2020,$((n + 1))\n" && lrefused 422 Value "out of range" || return 1
    S=$(st -X PATCH -H "Authorization: Bearer $L_TOK" -H 'Content-Type: application/json' \
        -d "{\"target\": {\"kind\": \"value\", \"value\": $((n * 2))}}" "$BASE/api/v1/indicators/$L_IND")
    eq "$S" 422
}
limit_import_control()
{
    lcsv "Year,$L_DIM,Value\n2020,a\x1fb,1\n" && lrefused 422 "$L_DIM" "control character" || return 1
    lcsv "Year,a=b,Value\n2020,x,1\n" && eq "$S" 422
}
limit_import_record()
{
    { printf '[{"Year": 2020,'; rep ' ' "$1"; printf '"Value": 1}]'; } >"$LDIR/in.json"
    lpost application/json "$LDIR/in.json" && lrefused 422 "" "longer than $1 bytes"
}
limit_import_columns()
{
    local n=$1 i h='Year' r='2020'
    for ((i = 1; i < n - 1; i++)); do h+=",c$i"; r+=",x"; done
    # n columns: the header is checked before anything else (unknown columns come after)
    lcsv "$h,Value\n$r,1\n" && [ "$S" != 413 ] || fail "$n columns: $S" || return 1
    lcsv "$h,c0,Value\n$r,x,1\n" && eq "$S" 413 && jqt "$LDIR/body" --arg m "more than $n columns" '.error.message | contains($m)'
}
limit_import_rows()
{
    "$BIN" import --help | grep -q -- "--max-rows .*default: $1" ||
        fail "samverka import --help does not give --max-rows a default of $1" || return 1
    printf 'Year,Value\n' >"$LDIR/rows.csv"
    for ((i = 2000; i < 2012; i++)); do printf '%d,1\n' "$i"; done >>"$LDIR/rows.csv"
    "$BIN" import --db "$DB" --indicator "$L_IND" --max-rows 11 "$LDIR/rows.csv" >"$LDIR/rows.out" 2>&1
    grep -q "rows.csv:13: more than 11 rows" "$LDIR/rows.out" || fail "$(cat "$LDIR/rows.out")"
}
limit_import_series()
{
    local n=$1
    # n series (one row each) import; one more is refused at the row that opens it
    awk -v n="$n" 'BEGIN { print "Year,Series,Value"; for (i = 1; i <= n; i++) printf "2020,s%d,1\n", i }' >"$LDIR/series.csv"
    "$BIN" import --db "$DB" --indicator "$L_IND" "$LDIR/series.csv" >"$LDIR/series.out" 2>&1 ||
        fail "$n series: $(cat "$LDIR/series.out")" || return 1
    echo "2020,s$((n + 1)),1" >>"$LDIR/series.csv"
    ! "$BIN" import --db "$DB" --indicator "$L_IND" "$LDIR/series.csv" >"$LDIR/series.out" 2>&1 &&
        grep -q "series.csv:$((n + 2)):1: more than $n series" "$LDIR/series.out" || fail "$(cat "$LDIR/series.out")"
}

# the upload form's body (multipart/form-data, docs/limits.md "Forms with a file"): posted
# by a signed-in admin of its own (`samverka user add`, its first code: the demo accounts'
# codes are left to the files that sign them in) with its CSRF token as the first part; a
# form that gets past the reader lacks its file (422), one over a limit is 413; nothing is
# stored
UP_JAR=$LDIR/up.jar
up_session()
{
    [ -n "$(jar_cookie "$UP_JAR" samverka_session 2>/dev/null)" ] && return 0
    local key pw='limits upload password'
    "$BIN" user add --db "$DB" --email limits-upload@example.se --name "Limits Upload" \
        --role admin --password-stdin <<<"$pw" >"$LDIR/user.out" 2>&1
    key=$(grep -o 'secret=[A-Z2-7]*' "$LDIR/user.out" | head -1 | cut -d= -f2)
    csrf_of "$UP_JAR" /account/sign-in
    post "$UP_JAR" /account/sign-in "csrf=$CSRF" "email=limits-upload@example.se" "password=$pw"
    post "$UP_JAR" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$key")"
    [ -n "$(jar_cookie "$UP_JAR" samverka_session)" ] || fail "the upload admin did not sign in: $S"
}
up_csrf() { csrf_of "$UP_JAR" /account >/dev/null && printf '%s' "$CSRF"; }
up_part() { printf -- '--b\r\nContent-Disposition: form-data; name="%s"%s\r\n%s\r\n%s\r\n' "$1" "${3:+; filename=\"$3\"}" "${4:+Content-Type: $4$'\r\n'}" "$2"; }
up_post()
{
    printf -- '--b--\r\n' >>"$LDIR/up.body"
    st -X POST -b "$UP_JAR" -H 'Content-Type: multipart/form-data; boundary=b' \
        --data-binary @"$LDIR/up.body" "$BASE/indicators/$IND/data/upload"
}
# up_check EXPECT-UNDER EXPECT-OVER: the two bodies up_under and up_over write, posted
up_check()
{
    local before s1 s2 tok
    before=$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IND")
    up_session || return 1
    up_csrf >/dev/null
    tok=$CSRF
    nonempty "$tok" "no CSRF token from the sign-in page" || return 1
    up_under "$tok" >"$LDIR/up.body"
    s1=$(up_post)
    up_over "$tok" >"$LDIR/up.body"
    s2=$(up_post)
    eq "$s1" "$1" && eq "$s2" "$2" &&
        eq "$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IND")" "$before"
}
limit_upload_body()
{
    local n=$1
    st -X POST -H "Authorization: Bearer $L_TOK" -H 'Content-Type: multipart/form-data; boundary=b' \
        -H 'Expect: 100-continue' -H "Content-Length: $((n + 1))" --data-binary @/dev/null \
        "$BASE/indicators/$IND/data/upload" >"$LDIR/st"
    eq "$(<"$LDIR/st")" 413
}
limit_upload_parts()
{
    local n=$1
    up_under() { local i; up_part csrf "$1"; for ((i = 1; i < n; i++)); do up_part "p$i" x; done; }
    up_over() { local i; up_part csrf "$1"; for ((i = 1; i <= n; i++)); do up_part "p$i" x; done; }
    up_check 422 413
}
limit_upload_head()
{
    local n=$1 cd='Content-Disposition: form-data; name="csrf"'
    # the header block: the lines with their CRLF, and the blank line
    up_under() { printf -- '--b\r\n%s\r\nX-Pad: %s\r\n\r\n%s\r\n' "$cd" "$(rep a $((n - ${#cd} - 2 - 7 - 4)))" "$1"; }
    up_over() { printf -- '--b\r\n%s\r\nX-Pad: %s\r\n\r\n%s\r\n' "$cd" "$(rep a $((n - ${#cd} - 2 - 7 - 3)))" "$1"; }
    up_check 422 413
}
limit_upload_name()
{
    local n=$1
    up_under() { up_part csrf "$1"; up_part "$(rep n "$n")" x; }
    up_over() { up_part csrf "$1"; up_part "$(rep n $((n + 1)))" x; }
    up_check 422 413
}
limit_upload_filename()
{
    local n=$1
    # a file part whose data is not the indicator's (one line, no Value column): refused by
    # the importer (422) once the reader took its name, nothing stored
    up_under() { up_part csrf "$1"; up_part file "x" "$(rep f "$n")"; }
    up_over() { up_part csrf "$1"; up_part file "x" "$(rep f $((n + 1)))"; }
    up_check 422 413
}
limit_upload_content_type()
{
    local n=$1
    up_under() { up_part csrf "$1"; up_part file "x" f "$(rep t "$n")"; }
    up_over() { up_part csrf "$1"; up_part file "x" f "$(rep t $((n + 1)))"; }
    up_check 422 413
}
limit_upload_field()
{
    local n=$1
    # the format field: any value but csv and json is refused beside it (422)
    up_under() { up_part csrf "$1"; up_part format "$(rep x "$n")"; }
    up_over() { up_part csrf "$1"; up_part format "$(rep x $((n + 1)))"; }
    up_check 422 413
}

# --- issue 13: commitments, dialogues, the portfolio (the API, with the admin token)
l_api() { # METHOD PATH JSON -> status; body in $LDIR/body
    st -X "$1" -H "Authorization: Bearer $L_TOK" -H 'Content-Type: application/json' \
        --data-binary "$3" "$BASE$2"
}
l_field() { jq -r '.error.field // empty' "$LDIR/body" 2>/dev/null; }
L_ACTOR=$(q "SELECT id FROM actor WHERE slug = 'hofors-kommun'")
L_CIND=$(q "SELECT MIN(i.id) FROM indicator i JOIN mission m ON m.id = i.mission_id WHERE m.slug = 'skolmat' AND i.archived_at IS NULL")
limit_commitment_statement()
{
    local n=$1
    eq "$(l_api POST /api/v1/missions/skolmat/commitments "{\"actor_id\": $L_ACTOR, \"statement\": {\"sv\": \"$(rep å $((n / 2)))\"}}")" 201 &&
        L_COMMIT=$(jq -r .id "$LDIR/body") &&
        eq "$(l_api POST /api/v1/missions/skolmat/commitments "{\"actor_id\": $L_ACTOR, \"statement\": {\"sv\": \"$(rep x $((n + 1)))\"}}")" 422 &&
        eq "$(l_field)" statement &&
        eq "$(l_api POST "/api/v1/commitments/$L_COMMIT/status" "{\"status\": \"withdrawn\", \"note\": \"$(rep x $((n + 1)))\"}")" 422 &&
        eq "$(l_field)" note
}
limit_commitment_amount()
{
    local lo=$1 c=${L_COMMIT:-0}
    eq "$(l_api PATCH "/api/v1/commitments/$c" "{\"indicator_id\": $L_CIND, \"amount\": $lo}")" 200 &&
        eq "$(l_api PATCH "/api/v1/commitments/$c" "{\"indicator_id\": $L_CIND, \"amount\": 1e15}")" 200 &&
        eq "$(l_api PATCH "/api/v1/commitments/$c" "{\"indicator_id\": $L_CIND, \"amount\": 1.000001e15}")" 422 &&
        eq "$(l_field)" amount &&
        eq "$(l_api PATCH "/api/v1/commitments/$c" "{\"indicator_id\": $L_CIND, \"amount\": -0.5}")" 422 &&
        eq "$(l_field)" amount
}
limit_dialogue_items()
{
    local n=$1 owner fu i
    owner=$(q "SELECT MIN(id) FROM person")
    fu="{\"text\": {\"sv\": \"Uppföljning\"}, \"owner_id\": $owner, \"due_on\": \"2030-01-01\"}"
    l_fus() { local k out=$fu; for ((k = 1; k < $1; k++)); do out+=",$fu"; done; printf '%s' "$out"; }
    eq "$(l_api POST /api/v1/missions/skolmat/dialogues "{\"held_on\": \"2026-01-01\", \"format\": \"meeting\", \"title\": {\"sv\": \"Gränsprov\"}, \"follow_ups\": [$(l_fus "$n")]}")" 201 &&
        eq "$(l_api POST /api/v1/missions/skolmat/dialogues "{\"held_on\": \"2026-01-01\", \"format\": \"meeting\", \"title\": {\"sv\": \"Gränsprov\"}, \"follow_ups\": [$(l_fus $((n + 1)))]}")" 422 &&
        eq "$(l_field)" follow_ups
}
limit_seminar_capacity()
{
    local n=$1 body
    body() { printf '{"title": {"sv": "Gränsprov"}, "starts_at": "2030-06-10T13:00:00+02:00", "ends_at": "2030-06-10T15:00:00+02:00", "place": "Stockholm", "language": "sv", "capacity": %s}' "$1"; }
    eq "$(l_api POST /api/v1/missions/skolmat/seminars "$(body "$n")")" 201 &&
        eq "$(l_api POST /api/v1/missions/skolmat/seminars "$(body $((n + 1)))")" 422 &&
        eq "$(l_field)" capacity &&
        eq "$(l_api POST /api/v1/missions/skolmat/seminars "$(body 0)")" 422
}
limit_seminar_needs()
{
    local n=$1 jar=$LDIR/sem-jar sem
    sem=$(q "SELECT MIN(s.id) FROM seminar s JOIN mission m ON m.id = s.mission_id WHERE m.slug = 'skolmat' AND s.registration_closes_at > $(date +%s) AND s.cancelled_at IS NULL")
    l_reg() {
        csrf_of "$jar" "/seminars/$sem/register"
        post "$jar" "/seminars/$sem/register" "csrf=$CSRF" "name=Gräns $2" "email=limit-$2@example.se" \
            "consent=1" "needs_diet=$1"
    }
    l_reg "$(rep x "$n")" a && eq "$S" 200 &&
        l_reg "$(rep x $((n + 1)))" b && eq "$S" 422 && has 'id="f-needs_diet-error"' &&
        eq "$(q "SELECT COUNT(*) FROM seminar_registration WHERE email = 'limit-b@example.se'")" 0
}
limit_seminar_signups()
{
    # the suite's requests all come from 127.0.0.1: its earlier registrations are moved out
    # of the hour first, then n - 1 are recorded as made just now; the nth registration is
    # accepted and the next refused; at the end every record is moved out of the hour again,
    # so the files after this one register as before
    local n=$1 jar=$LDIR/signup-jar sem now i rc=0
    sem=$(q "SELECT MIN(s.id) FROM seminar s JOIN mission m ON m.id = s.mission_id WHERE m.slug = 'skolmat' AND s.registration_closes_at > $(date +%s) AND s.cancelled_at IS NULL")
    q "UPDATE seminar_signup_log SET at = at - 3600 WHERE address = '127.0.0.1'" >/dev/null
    now=$(date +%s)
    for ((i = 1; i < n; i++)); do
        q "INSERT INTO seminar_signup_log (address, at) VALUES ('127.0.0.1', $now)" >/dev/null
    done
    l_sreg() {
        csrf_of "$jar" "/seminars/$sem/register"
        post "$jar" "/seminars/$sem/register" "csrf=$CSRF" "name=Gräns $1" "email=limit-signup-$1@example.se" "consent=1"
    }
    { l_sreg a && eq "$S" 200 && l_sreg b && eq "$S" 429 && has_hdr Retry-After &&
        eq "$(q "SELECT COUNT(*) FROM seminar_registration WHERE email = 'limit-signup-b@example.se'")" 0; } || rc=1
    q "UPDATE seminar_signup_log SET at = at - 3600 WHERE address = '127.0.0.1'" >/dev/null
    return $rc
}
limit_portfolio_stale()
{
    local lo=$1
    eq "$(st "$BASE/missions/skolmat/portfolio?stale=$lo")" 200 &&
        eq "$(st "$BASE/missions/skolmat/portfolio?stale=50")" 200 &&
        eq "$(st "$BASE/missions/skolmat/portfolio?stale=$((lo - 1))")" 400 &&
        eq "$(st "$BASE/api/v1/missions/skolmat/portfolio?stale=51")" 400
}
limit_portfolio_matrix()
{
    local n=$1
    eq "$(st "$BASE/api/v1/missions/skolmat/portfolio?matrix_per_page=$n")" 200 &&
        eq "$(st "$BASE/api/v1/missions/skolmat/portfolio?matrix_per_page=$((n + 1))")" 400 &&
        eq "$(st "$BASE/api/v1/missions/skolmat/portfolio?matrix_page=1000")" 404
}
limit_portfolio_gaps()
{
    # a mission of its own with n + 1 objectives and nothing serving them: n + 1 gaps of a
    # kind, n of them listed; archived after, so it leaves the lists
    local n=$1 id
    eq "$(l_api POST /api/v1/missions '{"slug": "limits-gaps", "title": {"sv": "Gränser"}, "goal": {"sv": "Luckor"}, "deadline": "2030-12-31", "start_year": 2026}')" 201 || return 1
    id=$(q "SELECT id FROM mission WHERE slug = 'limits-gaps'")
    q "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $((n + 1))) INSERT INTO objective (mission_id, position, title_sv) SELECT $id, i, 'Delmål ' || i FROM k" >/dev/null
    eq "$(st "$BASE/api/v1/missions/limits-gaps/portfolio")" 200 &&
        jqt "$LDIR/body" ".gap_counts.no_initiative == $((n + 1)) and ([.gaps[] | select(.gap == \"no_initiative\")] | length) == $n" &&
        eq "$(st "$BASE/missions/limits-gaps/portfolio/gaps.csv")" 200 &&
        eq "$(grep -c '^no_initiative,' "$LDIR/body")" $((n + 1)) &&
        eq "$(l_api POST /api/v1/missions/limits-gaps/archive '{}')" 200
}
# the learning log: a write's status and refused member through the admin token
l_learn()
{
    st -X POST -H "Authorization: Bearer $L_TOK" -H 'Content-Type: application/json' \
        --data-binary "$1" "$BASE/api/v1/missions/skolmat/learning"
}
limit_learning_links()
{
    local n=$1 ini ids
    ini=$(q "SELECT MIN(n.id) FROM initiative n JOIN mission m ON m.id = n.mission_id WHERE m.slug = 'skolmat'")
    # n items are not too many (the same one n times is refused as named twice); n + 1 are
    ids=$(rep "$ini," "$n")
    eq "$(l_learn "{\"hypothesis\": {\"sv\": \"x\"}, \"decision\": \"stop\", \"decided_on\": \"2026-01-01\", \"initiative_ids\": [${ids%,}]}")" 422 &&
        match "$(jq -r .error.message "$LDIR/body")" 'twice' &&
        eq "$(l_learn "{\"hypothesis\": {\"sv\": \"x\"}, \"decision\": \"stop\", \"decided_on\": \"2026-01-01\", \"initiative_ids\": [$ids$ini]}")" 422 &&
        jqt "$LDIR/body" '.error.field == "initiative_ids" and (.error.message | test("more than"))'
}
limit_learning_text()
{
    local n=$1 before
    before=$(q "SELECT COUNT(*) FROM learning_entry")
    eq "$(l_learn "{\"hypothesis\": {\"sv\": \"$(rep h "$n")\"}, \"decision\": \"stop\", \"decided_on\": \"2026-01-01\"}")" 201 &&
        eq "$(l_learn "{\"hypothesis\": {\"sv\": \"$(rep h $((n + 1)))\"}, \"decision\": \"stop\", \"decided_on\": \"2026-01-01\"}")" 422 &&
        jqt "$LDIR/body" '.error.field == "hypothesis"' &&
        eq "$(q "SELECT COUNT(*) FROM learning_entry")" "$((before + 1))"
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
check "limits: the imports' indicator has its data back" \
    "$BIN" import --db "$DB" --indicator "${L_IND:-0}" "$LDIR/saved.csv"
"$BIN" token revoke --db "$DB" --id "$(q "SELECT id FROM api_token WHERE name = 'limits'")" >/dev/null 2>&1
