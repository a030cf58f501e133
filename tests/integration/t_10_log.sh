# t_10_log.sh — the access log cannot be forged: paths with encoded CR/LF and
# printf conversions, and a header full of them, leave one well-formed line
# per request (each line starts with ts=), no raw CR, and a running server.

LOG=$T/server.log
access_lines() { grep -c 'event=access' "$LOG"; }
lines_are() { eq "$(access_lines)" "$1"; }

L_BEFORE=$(access_lines)
L_SENT=0
evil()
{
    fetch "${@}"
    L_SENT=$((L_SENT + 1))
    check "log: ${!#} answered, not 500" eval 'ne "$S" 000 && ne "$S" 500'
}
evil '/missions/x%0d%0aevent=forged%20level=error'
evil '/%0d%0ats=2000-01-01T00:00:00Z%20level=error%20rid=1%20msg=forged'
evil '/%25s%25n%25s%25n%25x%25p'
evil '/no/such/%25n%25n%25n%25n%25n%25n%25n%25n'
evil '/initiatives?origin=%0d%0aforged&mission=%25s%25n'
evil '/api/v1/missions/%0aforged%25n'
evil '/%ff%fe%c0%af'
evil -H 'Accept-Language: %n%n%s%s%s%n' "/missions/$SK"
evil -H 'Accept-Language: %n%n%s' -H 'If-None-Match: %s%n' /
evil -H "User-Agent: %n%s$(printf '\033')[31m" /healthz

check "log: the server is still up" eval 'fetch /healthz; eq "$S" 200'
L_SENT=$((L_SENT + 1))
check "log: one access line per request ($L_SENT)" wait_for 3 lines_are $((L_BEFORE + L_SENT))
# the security events share standard error by default: one JSON object a line, starting
# {"time": (docs/security.md); every other line is the access and error log's
check "log: every line starts with ts= or is a security event (no injected line)" \
    eval '! grep -vn -e "^ts=" -e "^{\"time\":" "$LOG" | head -n 3 | grep .'
check "log: ... and every security event line is one JSON object" \
    eval '! grep "^{\"time\":" "$LOG" | while IFS= read -r l; do jq -e . >/dev/null 2>&1 <<<"$l" || echo "$l"; done | head -n 3 | grep .'
check "log: no raw CR or escape character in the log" eval '! grep -n "$(printf "[\r\033]")" "$LOG" | head -n 3 | grep .'
check "log: the forged text stays inside its request's line" eval '! grep -n "^event=forged\|^forged" "$LOG" | grep .'
check "log: the encoded path is logged escaped" grep -q 'path="/missions/x\\x0d\\x0aevent=forged' "$LOG"

# the workers' connections are opened before the server listens (warm-connections yes, the
# default): the start says how many, one per worker thread, how many pages they rendered to
# warm up (PostgreSQL's, the list of missions at least; none on SQLite) and how long it took
warm_logged()
{
    local ready listening threads pages
    ready=$(grep -n -m1 'msg="connections ready"' "$LOG")
    listening=$(grep -n -m1 'msg="listening"' "$LOG")
    threads=$(sed -n 's/.*msg="listening".*threads=\([0-9]*\).*/\1/p' <<<"$listening")
    pages='[1-9][0-9]*'
    [ "$BACKEND" = pg ] || pages=0
    match "$ready" "connections=$threads pages=$pages ms=[0-9]+\$" || return 1
    [ "${ready%%:*}" -lt "${listening%%:*}" ] || fail "logged after listening: $ready"
}
check "log: the start opens one connection per worker thread, before it listens" warm_logged
