# t_11y_instances.sh — PostgreSQL only: two samverka instances on one database
# see each other's writes at once; when the database server stops, requests get
# 503 with a clear message and the process stays up; when it returns, pages are
# served again without a restart of samverka.

if [ "$BACKEND" != pg ]; then
    : # the SQLite run has one process per file; nothing to test here
else
    start_server "$DB" "$T/second.out" "$T/second.log" >"$T/second.msg" 2>&1
    I2_PID=$SRV_PID
    I2=$SRV_BASE
    SRV_PID=
    check "instances: a second samverka serves the same PostgreSQL database" nonempty "$I2"
    TOK_I=$("$BIN" token create --db "$DB" --name instances --role admin 2>/dev/null | tail -1)
    fetch "/api/v1/indicators/$IND/observations" # warm the first instance's cache
    printf 'Year,Value\n2020,70\n2024,35\n' >"$T/inst.csv"
    S2=$(curl -s -o "$T/inst.out" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOK_I" \
        -H 'Content-Type: text/csv' --data-binary @"$T/inst.csv" "$I2/api/v1/indicators/$IND/data")
    check "instances: a write through the second instance succeeds" eq "$S2" 200
    fetch "/api/v1/indicators/$IND/observations"
    check "instances: the first instance reads it at once" \
        jqt "$B" '[.items[] | [.year, .value]] == [[2020, 70], [2024, 35]]'
    fetch "/indicators/$IND"
    check "instances: ... on its page too" eval 'text_has ">35<" || cell 35'

    # every worker of the first instance holds a connection (and has read through it)
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do curl -s -o /dev/null "$BASE/healthz"; done
    # the database server goes away under both instances
    check "fault: the PostgreSQL server stops" scripts/pg-test.sh stop "$SAMVERKA_TEST_PG_DIR"
    fetch "/missions/$GA?fault=1"
    check "fault: a request while it is down gets 503" eq "$S" 503
    check "fault: ... with Retry-After" has_hdr Retry-After
    fetch "/api/v1/missions?fault=1"
    check "fault: the API says so as a JSON error" eval 'eq "$S" 503 && jq -e ".error.code == \"unavailable\"" "$B" >/dev/null'
    check "fault: samverka is still running" kill -0 "$SERVER_PID"
    check "fault: the PostgreSQL server comes back" scripts/pg-test.sh resume "$SAMVERKA_TEST_PG_DIR"
    # every worker's connection died with the server: the first statement of its kind on
    # each (the token lookup of a write) reconnects and prepares again, instead of a 500
    writes_again()
    {
        local i s bad=
        for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
            s=$(curl -s -o /dev/null -w '%{http_code}' -X PATCH -H "Authorization: Bearer $TOK_I" \
                -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/indicators/$IND")
            [ "$s" = 200 ] || bad="$bad $s"
        done
        [ -z "$bad" ] || fail "statuses other than 200:$bad"
    }
    check "fault: the first requests after it, writes, work on every worker (12 on new connections: all 200)" writes_again
    ok_again=
    for i in 1 2 3 4 5 6 7 8 9 10; do
        fetch "/missions/$GA?fault=2"
        [ "$S" = 200 ] && ok_again=1 && break
        sleep 0.5
    done
    check "fault: pages are served again without restarting samverka" eq "$ok_again" 1
    fetch "/api/v1/indicators/$IND/observations?fault=2"
    check "fault: ... with the data intact" jqt "$B" '[.items[] | .value] == [70, 35]'
    stop_server "$I2_PID" 10
fi
