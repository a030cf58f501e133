# lib.sh — the integration suite's assertion library and helpers (sourced by run.sh).
#
# check NAME CMD [ARGS...] runs CMD and counts it: exit 0 passes ("ok N - NAME"),
# anything else fails ("not ok N - NAME" followed by what CMD printed, as "#"
# diagnostic lines). The assertion helpers below print why they failed.
#
# Requests are made outside checks: fetch saves the response and loads it into
# shell variables (S status, CT content type, HD headers, BF body on one line,
# BD the same with entities resolved) so that most assertions are shell
# builtins: a process costs milliseconds, and the suite makes hundreds of
# assertions. CMD runs in the suite's own shell for the same reason, so it must
# not change state that later checks rely on, and must never call exit.
#
# Needs: $T (the temp dir), $BIN, $DB, $BASE (set by run.sh).

shopt -u patsub_replacement 2>/dev/null # "&" in ${x//a/b} is literal, as in bash < 5.2

N_CHECKS=0
N_PASSED=0
N_FAILED=0

check()
{
    # prefixed locals: eval'd checks see the caller's variables past them
    local _ck_name=$1 _ck_rc _ck_line _ck_n=0
    shift
    N_CHECKS=$((N_CHECKS + 1))
    "$@" >"$T/check.out" 2>&1
    _ck_rc=$?
    if [ "$_ck_rc" -eq 0 ]; then
        N_PASSED=$((N_PASSED + 1))
        printf 'ok %d - %s\n' "$N_CHECKS" "$_ck_name"
        return 0
    fi
    N_FAILED=$((N_FAILED + 1))
    printf 'not ok %d - %s\n' "$N_CHECKS" "$_ck_name"
    while IFS= read -r _ck_line && [ "$_ck_n" -lt 12 ]; do
        printf '#   %s\n' "${_ck_line:0:300}"
        _ck_n=$((_ck_n + 1))
    done <"$T/check.out"
    _ck_line="$*"
    _ck_line=${_ck_line//$'\n'/ }
    printf '#   (exit %d from: %s)\n' "$_ck_rc" "${_ck_line:0:300}"
    return 1
}

# skip NAME REASON — a check that cannot apply here (on this backend, say): said
# in the output, counted neither as passed nor as failed
N_SKIPPED=0
skip()
{
    N_SKIPPED=$((N_SKIPPED + 1))
    printf '# skip: %s (%s)\n' "$1" "$2"
}

# A setup step that must work for anything after it to mean something.
require()
{
    check "$@" || {
        printf '# bailing out: a setup step failed\n'
        finish
    }
}

finish()
{
    [ "$N_SKIPPED" -eq 0 ] || printf '# %d checks skipped on %s\n' "$N_SKIPPED" "$BACKEND"
    printf 'integration: %d passed, %d failed\n' "$N_PASSED" "$N_FAILED"
    [ "$N_FAILED" -eq 0 ] && exit 0
    exit 1
}

# ------------------------------------------------------------------ assertions

fail() { printf '%s\n' "$*"; return 1; }
short() { local s=$1; printf '%s' "${s:0:${2:-200}}"; }

eq() { [ "$1" = "$2" ] || fail "expected \"$2\", got \"$(short "$1")\""; }
ne() { [ "$1" != "$2" ] || fail "expected something other than \"$2\""; }
ge() { [[ $1 =~ ^-?[0-9]+$ ]] && [ "$1" -ge "$2" ] || fail "expected a number >= $2, got \"$1\""; }
le() { [[ $1 =~ ^-?[0-9]+$ ]] && [ "$1" -le "$2" ] || fail "expected a number <= $2, got \"$1\""; }
match() { [[ $1 =~ $2 ]] || fail "\"$(short "$1")\" does not match /$2/"; }
nomatch() { ! [[ $1 =~ $2 ]] || fail "\"$(short "$1")\" matches /$2/ (\"${BASH_REMATCH[0]:0:120}\")"; }
nonempty() { [ -n "$1" ] || fail "empty value${2:+: $2}"; }
contains() { [[ $1 == *"$2"* ]] || fail "\"$2\" not in \"$(short "$1")\""; }

# around STRING NEEDLE — a little context for a diagnostic
around()
{
    local pre=${1%%"$2"*}
    [ "$pre" = "$1" ] && return 0
    local from=$((${#pre} > 60 ? ${#pre} - 60 : 0))
    printf '%s' "${1:from:$((${#pre} - from + ${#2} + 60))}"
}

# On the last fetched response. has / lacks: a fixed string in the raw body
# (newlines as spaces); has_re / lacks_re: an extended regex; text_has /
# text_lacks: a string in the text with entities resolved.
has() { [[ $BF == *"$1"* ]] || fail "\"$1\" not in the response"; }
lacks() { [[ $BF != *"$1"* ]] || fail "\"$1\" is in the response: $(around "$BF" "$1")"; }
has_re() { [[ $BF =~ $1 ]] || fail "/$1/ not in the response"; }
lacks_re() { ! [[ $BF =~ $1 ]] || fail "/$1/ is in the response: \"${BASH_REMATCH[0]:0:200}\""; }
text_has() { [[ $BD == *"$1"* ]] || fail "text \"$1\" not on the page"; }
text_lacks() { [[ $BD != *"$1"* ]] || fail "text \"$1\" is on the page: $(around "$BD" "$1")"; }
# how many times a fixed string occurs in the body
count() { local rest=${BF//"$1"/}; echo $(((${#BF} - ${#rest}) / ${#1})); }

# the text of the first <TAG ...>...</TAG> (the last closing tag: for unique
# elements), tags stripped, entities resolved
inner()
{
    local s
    [[ $BD =~ \<$1(\ [^\>]*)?\>(.*)\</$1\> ]] || return 0
    s=${BASH_REMATCH[2]}
    while [[ $s =~ \<[^\>]*\> ]]; do s=${s//"${BASH_REMATCH[0]}"/}; done
    printf '%s' "$s"
}

# page structure, on the last response
h1_has() { local h1; h1=$(inner h1); [[ $h1 == *"$1"* ]] || fail "<h1> is \"$h1\", not \"$1\""; }
links_to() { has_re "href=\"$(ere "$1")([?][^\"]*)?\"" || fail "no link to $1"; }
# a table cell whose whole text is the string
cell() { [[ $BD =~ \<t[hd][^\>]*\>[[:space:]]*$(ere "$1")[[:space:]]*\</t[hd]\> ]] || fail "no table cell \"$1\""; }
anchor_text() { [[ $BD == *">$1</a>"* ]] || fail "no link with the text \"$1\""; }
no_anchor_text() { [[ $BD != *">$1</a>"* ]] || fail "a link \"$1\" is listed"; }

# jq: the expression is true for the last body; json_ok: it parses
jqt() { jq -e "${@:2}" "$1" >/dev/null 2>&1 || fail "jq: ${*:2} is not true for: $(head -c 300 "$1")"; }
json_ok() { jq -e . "$1" >/dev/null 2>&1 || fail "not valid JSON: $(head -c 300 "$1")"; }

# tidy_clean — HTML Tidy finds no error in the last body. tidy exits 2 for
# errors; of its warnings, those that mean broken structure fail too (tidy
# only warns about a stray end tag or a duplicate id); the rest are allowed.
TIDY_BAD_WARNINGS='discarding unexpected|missing </|inserting implicit|unescaped &|duplicate attribute|already defined|not recognized|proprietary attribute|nested emphasis'
tidy_clean()
{
    local rc
    tidy -e -q -utf8 "$B" >"$T/tidy.out" 2>&1
    rc=$?
    if [ "$rc" -ge 2 ] || grep -qE "$TIDY_BAD_WARNINGS" "$T/tidy.out"; then
        grep -E "Error|$TIDY_BAD_WARNINGS" "$T/tidy.out" | head -n 8
        return 1
    fi
}

# ------------------------------------------------------------------ text

# an extended regex matching the fixed string
ere()
{
    local s=$1 out='' c i
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case $c in [][\\.*^\$+?\(\){}\|]) out+="\\$c" ;; *) out+=$c ;; esac
    done
    printf '%s' "$out"
}

# load FILE into BF (one line) and BD (entities resolved)
load_body()
{
    local raw=
    IFS= read -r -d '' raw <"$1"
    BF=${raw//$'\n'/ }
    BF=${BF//$'\r'/ }
    BF=${BF//$'\t'/ }
    BD=${BF//&lt;/<}
    BD=${BD//&gt;/>}
    BD=${BD//&quot;/\"}
    BD=${BD//&#39;/\'}
    BD=${BD//&#x27;/\'}
    BD=${BD//&#34;/\"}
    BD=${BD//&nbsp;/ }
    BD=${BD//$'\xc2\xa0'/ }
    BD=${BD//&amp;/&}
}

# ------------------------------------------------------------------ database

# q SQL: one query against the suite's database; columns tab-separated
# The backend under test: sqlite (a file per database) or pg (databases in the
# throwaway cluster whose socket directory and port are in SAMVERKA_TEST_PG_DIR
# and SAMVERKA_TEST_PG_PORT, started by tests/run-all.sh).
BACKEND=${SAMVERKA_BACKEND:-sqlite}
pg_url() { printf 'postgres://samverka@/%s?host=%s&port=%s' "$1" "$SAMVERKA_TEST_PG_DIR" "$SAMVERKA_TEST_PG_PORT"; }
pg_admin() { psql -X -q -v ON_ERROR_STOP=1 "$(pg_url postgres)" "$@"; }

# new_db NAME — print the URL of a new, empty database
new_db()
{
    if [ "$BACKEND" = pg ]; then
        local name="it_${1}_$$_$RANDOM"
        pg_admin -c "CREATE DATABASE $name TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null &&
            pg_url "$name"
    else
        printf '%s/%s.db' "$T" "$1"
    fi
}

# db_copy SRC DST — copy a whole database (DST from new_db)
db_copy()
{
    if [ "$BACKEND" = pg ]; then
        pg_dump --no-owner "$1" | psql -X -q -v ON_ERROR_STOP=1 "$2" >/dev/null
    else
        sqlite3 -cmd '.timeout 5000' "$1" ".backup '$2'"
    fi
}

# db_dump DB — every row of every table, as text (for "nothing changed" checks)
db_dump()
{
    if [ "$BACKEND" = pg ]; then
        # without the change counter (migration 0020), which counts commits, not data: a
        # write that changes nothing (an upsert of what is there) moves it too
        pg_dump --data-only --no-owner --exclude-table=data_change --exclude-table=data_change_pending \
            "$1" 2>/dev/null | grep -Ev '^(--|SET |SELECT pg_catalog|\\restrict |\\unrestrict )'
    else
        sqlite3 "$1" .dump
    fi
}

# db_integrity — "ok" when the database checks out, else what is wrong. SQLite:
# integrity_check and foreign_key_check. PostgreSQL: amcheck (the test cluster's
# user is its superuser) verifies every table's heap and every B-tree index
# against its table (bt_index_check with heapallindexed), and every foreign key
# is looked up row by row, so a constraint that was bypassed shows too.
db_integrity()
{
    local ic fk
    if [ "$BACKEND" = pg ]; then
        pg_integrity
        return
    fi
    ic=$(q 'PRAGMA integrity_check' 2>&1)
    fk=$(q 'PRAGMA foreign_key_check' 2>&1)
    if [ "$ic" = ok ] && [ -z "$fk" ]; then
        echo ok
    else
        echo "integrity_check: $(short "$ic" 200); foreign_key_check: $(short "$fk" 200)"
    fi
}

pg_integrity()
{
    local out
    out=$(psql -X -q -A -t -F ' ' -v ON_ERROR_STOP=1 "${QDB:-$DB}" 2>&1 <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS amcheck;
SELECT 'heap ' || c.oid::regclass || ' block ' || v.blkno || ': ' || v.msg
FROM pg_class c CROSS JOIN LATERAL verify_heapam(c.oid) v
WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace;
SELECT 'indexes checked: ' || COUNT(bt_index_check(c.oid, true)::text)
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace;
SELECT COALESCE(string_agg('(' || q || ')', ' UNION ALL '), 'SELECT NULL WHERE false')
FROM (SELECT format('SELECT %L || '': '' || COUNT(*) || '' rows with no parent'' FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s) HAVING COUNT(*) > 0',
        con.conname, con.conrelid::regclass,
        string_agg(format('c.%I IS NOT NULL', ca.attname), ' AND '), con.confrelid::regclass,
        string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ')) AS q
    FROM pg_constraint con
    CROSS JOIN LATERAL unnest(con.conkey, con.confkey) AS k(ck, pk)
    JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.ck
    JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.pk
    WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace
    GROUP BY con.oid, con.conname, con.conrelid, con.confrelid) fks
\gexec
SQL
    ) || { echo "amcheck/foreign keys could not run: $(short "$out" 300)"; return 0; }
    # what is left besides the count of indexes checked is a finding
    if [[ $out =~ ^indexes\ checked:\ [1-9][0-9]*$ ]]; then
        echo ok
    else
        echo "$(short "$out" 400)"
    fi
}

# db_tables — the names of the database's tables, one a line, sorted
db_tables()
{
    if [ "$BACKEND" = pg ]; then
        q "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    else
        q "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"
    fi
}

q()
{
    if [ "$BACKEND" = pg ]; then
        psql -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 -c "$1" "${QDB:-$DB}"
    else
        sqlite3 -batch -noheader -separator $'\t' -cmd '.timeout 5000' "${QDB:-$DB}" "$1"
    fi
}
# a text column in the page language: sv, or en falling back to sv as the pages do
lc() { if [ "$1" = en ]; then echo "COALESCE(NULLIF($2_en, ''), $2_sv)"; else echo "$2_sv"; fi; }
# an SQL string literal
sqls() { local s=$1; printf "'%s'" "${s//\'/\'\'}"; }

# WHERE clauses on "initiative n" for the filters of /initiatives and the API,
# as domain/initiative.h defines them: sector of the lead actor or of any actor
# taking part; SDG goal of any of the initiative's targets
sector_sql() { echo "(EXISTS (SELECT 1 FROM actor a WHERE a.id = n.lead_actor_id AND a.sector = '$1') OR EXISTS (SELECT 1 FROM initiative_actor ia JOIN actor a ON a.id = ia.actor_id WHERE ia.initiative_id = n.id AND a.sector = '$1'))"; }
sdg_sql() { echo "EXISTS (SELECT 1 FROM initiative_sdg_target st JOIN sdg_target t ON t.code = st.target WHERE st.initiative_id = n.id AND t.goal = $1)"; }

# ------------------------------------------------------------------ the route table

# routes, concrete PATTERN, page_paths: tests/routes.sh, on the table `$BIN routes`
# prints (loaded by run.sh) and the suite's database
. "$(dirname "${BASH_SOURCE[0]}")/../routes.sh"

# ------------------------------------------------------------------ HTTP

# fetch [CURL-OPTIONS...] PATH — request BASE+PATH; sets S (status, 000 when the
# connection failed), B and H (body and header files), HD (headers, CR
# stripped), CT (content type), BF, BD (see load_body).
#
# Every response is also recorded in $T/responses.tsv (the test file making the
# request, its number, method, path, status, Content-Type, body file): after the
# last file, openapi_checks validates those to /api/ against the OpenAPI document.
REQ_N=0
fetch()
{
    local path=${!#}
    local opts=("${@:1:$#-1}")
    REQ_N=$((REQ_N + 1))
    B=$T/resp/$REQ_N.body
    H=$T/resp/$REQ_N.head
    printf '%s %s\n' "${opts[*]}" "$path" >"$T/resp/$REQ_N.req"
    S=$(curl -sS --max-time 10 --path-as-is -o "$B" -D "$H" -w '%{http_code}' "${opts[@]}" \
        "$BASE$path" 2>"$T/resp/$REQ_N.err") || S=000
    : >>"$B"
    : >>"$H"
    HD=
    IFS= read -r -d '' HD <"$H"
    HD=${HD//$'\r'/}
    hv Content-Type
    CT=$HV
    load_body "$B"
    req_method "${opts[@]}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${CUR_FILE:-setup}" "$REQ_N" "$RM" "$path" "$S" "$CT" \
        "$B" >>"$T/responses.tsv"
}

# req_method CURL-OPTIONS... — set RM to the method curl sends with them
req_method()
{
    local prev= o
    RM=GET
    for o in "$@"; do
        case $prev in -X | --request) RM=$o ;; esac
        case $o in
        -I | --head) RM=HEAD ;;
        -d | --data | --data-binary | --data-raw | --data-urlencode | -F | --form | -T | --upload-file)
            [ "$RM" = GET ] && RM=POST
            [[ $o == -T || $o == --upload-file ]] && RM=PUT
            ;;
        -X?*) RM=${o#-X} ;;
        esac
        prev=$o
    done
}

# openapi_checks — tests/integration/openapi_check.py on every API response the suite
# received (see fetch) against the document the server published at the start
# ($T/openapi.json); each line of its TAP output is one check of the suite
openapi_checks()
{
    local py=/usr/bin/python3 line rc n=0
    [ -x "$py" ] || py=python3
    "$py" "$(dirname "${BASH_SOURCE[0]}")/openapi_check.py" "$T/openapi.json" "$T/responses.tsv" \
        >"$T/openapi.out" 2>&1
    rc=$?
    while IFS= read -r line; do
        case $line in
        'ok '*' - '*)
            N_CHECKS=$((N_CHECKS + 1)) N_PASSED=$((N_PASSED + 1)) n=$((n + 1))
            printf 'ok %d - %s\n' "$N_CHECKS" "${line#* - }"
            ;;
        'not ok '*' - '*)
            N_CHECKS=$((N_CHECKS + 1)) N_FAILED=$((N_FAILED + 1)) n=$((n + 1))
            printf 'not ok %d - %s\n' "$N_CHECKS" "${line#* - }"
            ;;
        '#'*) printf '%s\n' "$line" ;;
        esac
    done <"$T/openapi.out"
    # a crash, or a failure without a line of its own, still counts
    if [ "$rc" -ne 0 ] && [ "$N_FAILED" -eq 0 ] || { [ "$rc" -ne 0 ] && [ "$n" -eq 0 ]; }; then
        check "openapi: openapi_check.py ran (exit status $rc)" eval 'tail -n 12 "$T/openapi.out"; false'
    fi
}

# hdr NAME [HEADERS] — print the last value of a response header in HD (or in
# HEADERS); hv NAME sets HV to it without a subshell
hv()
{
    local line name=${1,,}
    HV=
    while IFS= read -r line; do
        [[ ${line,,} == "$name:"* ]] && HV=${line#*:} && HV=${HV# }
    done <<<"${2-$HD}"
    return 0
}
hdr() { hv "$@"; printf '%s' "$HV"; }
has_hdr() { hv "$1"; [ -n "$HV" ] || fail "no $1 header"; }
lacks_hdr() { [[ ${HD,,} != *$'\n'"${1,,}:"* ]] || fail "unexpected header: $(hdr "$1")"; }

# wait_for SECONDS CMD... — run CMD every 50 ms until it succeeds, for at most
# SECONDS of wall time; then once more, showing why it still fails
wait_for()
{
    local end=$((${EPOCHREALTIME/[.,]/} + $1 * 1000000))
    shift
    while [ "${EPOCHREALTIME/[.,]/}" -lt "$end" ]; do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    "$@"
}

# up_or_gone OUT PID — the server printed its address, or is no longer running
up_or_gone() { grep -q '^samverka: listening on ' "$1" || ! kill -0 "$2" 2>/dev/null; }

# start_server DB OUT LOG [SERVE-OPTIONS...] — start `samverka serve` on a free
# port with its stdout in OUT and stderr in LOG; sets SRV_PID and SRV_BASE.
# Returns non-zero, saying why, when it does not come up.
start_server()
{
    local db=$1 out=$2 log=$3 port
    shift 3
    # SRV_WRAP: a command the server runs under (faketime), none by default
    ${SRV_WRAP:+$SRV_WRAP} "$BIN" serve --db "$db" --listen 127.0.0.1:0 "$@" >"$out" 2>"$log" &
    SRV_PID=$!
    SRV_BASE=
    wait_for 10 up_or_gone "$out" "$SRV_PID" >/dev/null 2>&1
    grep -q '^samverka: listening on ' "$out" || {
        echo "the server printed no address; its log: $(tail -n 5 "$log")"
        return 1
    }
    port=$(sed -n '1s|^samverka: listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/$|\1|p' "$out")
    [ -n "$port" ] || { echo "unexpected first line: $(head -n 1 "$out")"; return 1; }
    SRV_BASE=http://127.0.0.1:$port
    wait_for 10 curl -fsS --max-time 2 -o /dev/null "$SRV_BASE/healthz" || {
        echo "/healthz did not answer; the server's log: $(tail -n 5 "$log")"
        return 1
    }
}

# stop_server PID SECONDS — SIGTERM, wait up to SECONDS; sets STOP_RC to the exit
# status, or to "timeout" after a SIGKILL, and STOP_MS to the time it took
stop_server()
{
    local pid=$1 t0=${EPOCHREALTIME/[.,]/}
    local end=$((t0 + $2 * 1000000))
    kill -TERM "$pid" 2>/dev/null
    while kill -0 "$pid" 2>/dev/null && [ "${EPOCHREALTIME/[.,]/}" -lt "$end" ]; do
        sleep 0.05
    done
    STOP_MS=$(((${EPOCHREALTIME/[.,]/} - t0) / 1000))
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        STOP_RC=timeout
    else
        wait "$pid"
        STOP_RC=$?
    fi
}

# raw_http BYTES — send BYTES (printf %b escapes) on a new connection to the
# server; print the whole reply (the request should ask for Connection: close)
raw_http()
{
    local port=${BASE##*:}
    (
        exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
        printf '%b' "$1" >&3
        timeout 5 cat <&3
    )
}

# totp_py SECRET — the TOTP codes of a base32 secret for the step before, of and after now
# (one a line), computed independently of samverka (RFC 6238 in Python's hmac): the clock
# may tick between a request and the computation
totp_py()
{
    python3 -c 'import base64, hmac, struct, sys, time
k = base64.b32decode(sys.argv[1]); s = int(time.time()) // 30
for t in (s - 1, s, s + 1):
    h = hmac.new(k, struct.pack(">Q", t), "sha1").digest(); o = h[-1] & 15
    print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))' "$1"
}
# totp_now SECRET — the code of now
totp_now() { totp_py "$1" | sed -n 2p; }

# Browsers with cookie jars, for the forms (t_20 on):
# csrf_of JAR PATH — fetch PATH as browser JAR (its cookies kept) and set CSRF to the
# token of the form on it
csrf_of() { fetch -b "$1" -c "$1" "$2"; CSRF=; [[ $BF =~ name=\"csrf\"\ value=\"([^\"]+)\" ]] && CSRF=${BASH_REMATCH[1]}; }
# post JAR PATH FIELD=VALUE... — a form post as browser JAR with the given fields
post() { local jar=$1 path=$2 a=() f; shift 2; for f in "$@"; do a+=(--data-urlencode "$f"); done; fetch -b "$jar" -c "$jar" "${a[@]}" "$path"; }
# jar_cookie JAR NAME — the value of cookie NAME in JAR
jar_cookie() { awk -v n="$2" '$6 == n { print $7 }' "$1"; }
# sign_in JAR EMAIL PASSWORD [TOTP-SECRET] — sign browser JAR in (with the code of the
# secret when the account has a second factor); fails saying why
sign_in()
{
    csrf_of "$1" /account/sign-in
    post "$1" /account/sign-in "csrf=$CSRF" "email=$2" "password=$3"
    if [ -n "${4:-}" ]; then
        [ "$S" = 200 ] || { fail "password step: $S"; return; }
        post "$1" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$4")"
        # this step's code may have been used already (codes are single use): the next
        # step's is accepted too
        [ "$S" = 422 ] && post "$1" /account/sign-in/code "csrf=$CSRF" "code=$(totp_py "$4" | sed -n 3p)"
    fi
    [ "$S" = 303 ] || { fail "sign-in of $2: $S"; return; }
    [ -n "$(jar_cookie "$1" samverka_session)" ] || fail "sign-in of $2: no session cookie"
}
# sign_in_once JAR EMAIL PASSWORD [SECRET] — sign_in, after the next 30-second TOTP step
# when a code of this step was used already (another file may have signed the account in)
sign_in_once()
{
    sign_in "$@" >/dev/null 2>&1 && return 0
    [ -n "${4:-}" ] || { sign_in "$@"; return; }
    sleep $((31 - $(date +%s) % 30))
    rm -f "$1"
    sign_in "$@"
}

# tap_checks NAME FILE RC — count the TAP-like lines ("ok - NAME", "not ok - NAME",
# "#" diagnostics) a helper script wrote to FILE as checks of the suite; a helper that
# exited non-zero (RC) without a failed line of its own fails one more check, NAME
tap_checks()
{
    local line n=0 failed=0
    while IFS= read -r line; do
        case $line in
        'ok - '*)
            N_CHECKS=$((N_CHECKS + 1)) N_PASSED=$((N_PASSED + 1)) n=$((n + 1))
            printf 'ok %d - %s\n' "$N_CHECKS" "${line#ok - }"
            ;;
        'not ok - '*)
            N_CHECKS=$((N_CHECKS + 1)) N_FAILED=$((N_FAILED + 1)) n=$((n + 1)) failed=1
            printf 'not ok %d - %s\n' "$N_CHECKS" "${line#not ok - }"
            ;;
        '#'*) printf '%s\n' "$line" ;;
        esac
    done <"$2"
    if [ "$3" -ne 0 ] && [ "$failed" = 0 ] || [ "$n" -eq 0 ]; then
        check "$1 ran (exit status $3)" eval 'tail -n 12 "$2"; false'
    fi
}
