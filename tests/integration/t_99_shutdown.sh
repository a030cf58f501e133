# t_99_shutdown.sh — graceful shutdown: SIGTERM makes the server exit 0 within
# a few seconds, with the database intact, its SQLite WAL checkpointed or, on
# PostgreSQL, none of its connections left open; page views still in memory are
# written on the way out. Runs last: it stops the suite's server.

# a second server whose views are only ever written at shutdown (flush every hour)
DB3=$(new_db views)
db_copy "$DB" "$DB3"
start_server "$DB3" "$T/views.out" "$T/views.log" --flush-interval 3600 >"$T/views.msg" 2>&1
V_PID=$SRV_PID
check "shutdown: a second server (flush every hour) starts" eval 'cat "$T/views.msg"; nonempty "$SRV_BASE"'
if [ -n "$SRV_BASE" ]; then
    V_BEFORE=$(QDB=$DB3 q "SELECT COALESCE(SUM(n), 0) FROM page_view WHERE page = '/missions/$GA'")
    for i in 1 2; do
        curl -sS --max-time 10 -o /dev/null "$SRV_BASE/missions/$GA"
    done
    stop_server "$V_PID" 10
    SRV_PID=
    check "shutdown: the second server exits 0 on SIGTERM" eq "$STOP_RC" 0
    check "shutdown: views still in memory are written at shutdown" \
        eq "$(QDB=$DB3 q "SELECT COALESCE(SUM(n), 0) FROM page_view WHERE page = '/missions/$GA'")" $((V_BEFORE + 2))
fi

# the suite's own server
V_SK=$(q "SELECT COALESCE(SUM(n), 0) FROM page_view WHERE page = '/missions/$SK'")
fetch "/missions/$SK"
stop_server "$SERVER_PID" 10
SERVER_PID=
check "shutdown: SIGTERM: the server exits" ne "$STOP_RC" timeout
check "shutdown: ... with status 0" eq "$STOP_RC" 0
if [ "$BACKEND" = sqlite ]; then
    # before anything else opens the database: the last connection to close would checkpoint it
    check "shutdown: the WAL is checkpointed (no -wal file, or an empty one)" \
        eval '[ ! -s "$DB-wal" ] || fail "$DB-wal has $(stat -c %s "$DB-wal") bytes"'
else
    skip "shutdown: the WAL is checkpointed" "SQLite only: PostgreSQL keeps its own WAL"
    # every connection the server opened (readers, writer, change watcher) was closed:
    # none is left in the cluster for its database, besides the query asking
    pg_no_connections()
    {
        local name=${DB#*@/} n
        name=${name%%\?*}
        n=$(q "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '$name' AND pid <> pg_backend_pid()")
        [ "$n" = 0 ] || fail "$n connections to $name are still open: $(q "SELECT application_name, state, query FROM pg_stat_activity WHERE datname = '$name' AND pid <> pg_backend_pid()" | head -n 3)"
    }
    check "shutdown: no connection of the server is left open in PostgreSQL" wait_for 5 pg_no_connections
fi
check "shutdown: the page view counted last is persisted" \
    ge "$(q "SELECT COALESCE(SUM(n), 0) FROM page_view WHERE page = '/missions/$SK'")" $((V_SK + 1))
check "shutdown: the database checks out ($([ "$BACKEND" = pg ] && echo amcheck, foreign keys || echo integrity_check, foreign_key_check))" \
    eq "$(db_integrity)" ok
check "shutdown: ... within 5 s (took ${STOP_MS} ms)" le "$STOP_MS" 5000
check "shutdown: the log says it stopped" grep -q 'stopped' "$T/server.log"
check "shutdown: the port is closed" eval '! curl -s --max-time 2 -o /dev/null "$BASE/healthz"'
