# t_45_proxy.sh — the client's address behind a trusted reverse proxy (trusted-proxy,
# core/netaddr.c). A public site must sit behind a proxy (docs/deployment.md), so without
# this every request came from the proxy's address and the throttles that count per client
# (seminar registrations, failed sign-ins) counted the whole site together: ten
# registrations an hour for everyone. On a server that trusts 127.0.0.1 (this test's own
# address, standing in for nginx), X-Forwarded-For names the client: each client has its
# own hour of registrations, what a client writes into the header itself (left of the
# proxy's entry) is not believed, and the security log names the client. On a server that
# trusts another address, the header is ignored. A trusted-proxy that is not a list of
# addresses stops the server at start.

PX_DIR=$T/proxy
mkdir -p "$PX_DIR"
DB_P=$(new_db proxy)
db_copy "$DB" "$DB_P"
start_server "$DB_P" "$T/proxy.out" "$T/proxy.log" --trusted-proxy 127.0.0.1 \
    --security-log "$PX_DIR/security.log" >"$T/proxy.msg" 2>&1
P_PID=$SRV_PID
P_MAIN_BASE=$BASE
BASE=$SRV_BASE
SRV_PID=
check "proxy: a server trusting 127.0.0.1 as its proxy starts" eval 'cat "$T/proxy.msg"; nonempty "$BASE"'
P_LIM=$(sed -n 's/^| `seminar\.signups` | [^|]* | \([0-9][0-9]*\) |.*/\1/p' "$top/docs/limits.md")

if [ -n "$BASE" ]; then
    QDB=$DB_P
    P_SEM=$(q "SELECT MIN(s.id) FROM seminar s JOIN mission m ON m.id = s.mission_id AND m.archived_at IS NULL WHERE s.registration_closes_at > $(date +%s) + 3600 AND s.cancelled_at IS NULL")
    check "proxy: an open seminar, and the limit from docs/limits.md" \
        eval 'nonempty "$P_SEM" && ge "${P_LIM:-0}" 2'
    # p_register N XFF — registration number N, sent by the proxy for the client XFF names
    p_register()
    {
        local jar=$PX_DIR/jar.$2
        jar=${jar//[ ,]/_}
        fetch -b "$jar" -c "$jar" -H "X-Forwarded-For: $2" "/seminars/$P_SEM/register"
        CSRF=
        [[ $BF =~ name=\"csrf\"\ value=\"([^\"]+)\" ]] && CSRF=${BASH_REMATCH[1]}
        fetch -b "$jar" -c "$jar" -H "X-Forwarded-For: $2" --data-urlencode "csrf=$CSRF" \
            --data-urlencode "name=Proxy $1" --data-urlencode "email=proxy-$1-$RANDOM@example.se" \
            --data-urlencode "consent=1" "/seminars/$P_SEM/register"
    }
    p_count() { q "SELECT COUNT(*) FROM seminar_signup_log WHERE address = '$1'"; }
    p_register 1 "192.0.2.66, 203.0.113.5"
    check "proxy: a registration is counted for the address the proxy appended, not the one the client wrote, nor the proxy's" \
        eval 'eq "$S" 200 && eq "$(p_count 203.0.113.5):$(p_count 192.0.2.66)" "1:0"'
    p_fill()
    {
        local i
        for ((i = 2; i <= P_LIM; i++)); do
            p_register "$i" 203.0.113.5
            eq "$S" 200 || return 1
        done
    }
    check "proxy: that client registers up to the limit" p_fill
    p_register over 203.0.113.5
    check "proxy: ... and is refused the next (429)" eq "$S" 429
    p_register other 203.0.113.6
    check "proxy: another client behind the same proxy still registers (200)" \
        eval 'eq "$S" 200 && eq "$(p_count 203.0.113.6)" 1'
    p_register spoof "203.0.113.7, 203.0.113.5"
    check "proxy: the refused client cannot pass for another by writing the header itself (429)" \
        eq "$S" 429
    p_register v6 "2001:DB8::5"
    check "proxy: an IPv6 client is counted under its canonical address" \
        eval 'eq "$S" 200 && eq "$(p_count 2001:db8::5)" 1'

    # the security log names the client of a failed sign-in
    fetch -b "$PX_DIR/jar.signin" -c "$PX_DIR/jar.signin" -H "X-Forwarded-For: 198.51.100.23" /account/sign-in
    CSRF=
    [[ $BF =~ name=\"csrf\"\ value=\"([^\"]+)\" ]] && CSRF=${BASH_REMATCH[1]}
    fetch -b "$PX_DIR/jar.signin" -c "$PX_DIR/jar.signin" -H "X-Forwarded-For: 198.51.100.23" \
        --data-urlencode "csrf=$CSRF" --data-urlencode "email=nobody@example.org" \
        --data-urlencode "password=wrong password" /account/sign-in
    check "proxy: a failed sign-in is logged with the client's address" \
        eval 'eq "$S" 422 && grep -q "\"signin.failure\".*\"198\.51\.100\.23\"\|\"198\.51\.100\.23\".*\"signin.failure\"" "$PX_DIR/security.log"'
    stop_server "$P_PID" 10

    # a proxy that is not us: the header is anyone's, ignored
    start_server "$DB_P" "$T/proxy2.out" "$T/proxy2.log" --trusted-proxy 192.0.2.1 >"$T/proxy2.msg" 2>&1
    P_PID=$SRV_PID
    BASE=$SRV_BASE
    SRV_PID=
    check "proxy: a server trusting another address starts" eval 'cat "$T/proxy2.msg"; nonempty "$BASE"'
    P_LOCAL=$(p_count 127.0.0.1)
    p_register direct 203.0.113.9
    check "proxy: ... a request not from its proxy is counted for its own address; the header is ignored" \
        eval 'eq "$(p_count 203.0.113.9)" 0 && eq "$(p_count 127.0.0.1)" "$((P_LOCAL + 1))"'
    stop_server "$P_PID" 10
    QDB=
fi
P_PID=
BASE=$P_MAIN_BASE

"$BIN" serve --db "$DB_P" --listen 127.0.0.1:0 --trusted-proxy "127.0.0.1, proxy.example" \
    >"$PX_DIR/bad.out" 2>"$PX_DIR/bad.err" &
P_BAD=$!
p_bad_exited() { local i; for i in $(seq 50); do kill -0 "$P_BAD" 2>/dev/null || return 0; sleep 0.1; done; kill "$P_BAD"; return 1; }
check "proxy: a trusted-proxy that is not a list of addresses stops the server at start, naming the item" \
    eval 'p_bad_exited && ! wait "$P_BAD" && grep -q "trusted-proxy must be .*proxy\.example" "$PX_DIR/bad.err"'
