# t_44x_seminar_clock.sh — a page that shows a seminar changes when the clock passes the
# seminar's deadline, start or end, though nothing is written: the cached copy must not
# outlive it (resp_expires; http/server.c's entry_fresh). On a server of its own with the
# default view-count-lag (an hour), so no flush of page views empties the cache meanwhile:
# a seminar whose registration closes a few seconds after it is announced is shown open
# (twice, the second from the cache), and once its deadline has passed, closed, on its page,
# its mission's page, the list of current seminars and the mission's seminars.

CK_DIR=$T/clock
mkdir -p "$CK_DIR"
DB_K=$(new_db clock)
db_copy "$DB" "$DB_K"
K_TOK=$("$BIN" token create --db "$DB_K" --name clock-admin --role admin 2>/dev/null | tail -1)
check "clock: an admin API token on the copy" match "$K_TOK" "^svk_"
start_server "$DB_K" "$T/clock.out" "$T/clock.log" >"$T/clock.msg" 2>&1
K_PID=$SRV_PID
K_MAIN_BASE=$BASE
BASE=$SRV_BASE
SRV_PID=
check "clock: a server of its own starts (view-count-lag an hour)" eval 'cat "$T/clock.msg"; nonempty "$BASE"'

if [ -n "$BASE" ]; then
    k_iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
    # the mission with the fewest seminars still to come, so the new one is among the five
    # its page lists
    K_M=$(QDB=$DB_K q "SELECT m.slug FROM mission m WHERE m.archived_at IS NULL ORDER BY (SELECT COUNT(*) FROM seminar s WHERE s.mission_id = m.id AND s.ends_at > $(date +%s)), m.id LIMIT 1")
    K_NOW=$(date +%s)
    K_CLOSE=$((K_NOW + 5))
    K_START=$((K_NOW + 3600))
    K_TITLE="Klocktest $RANDOM"
    fetch -X POST -H "Authorization: Bearer $K_TOK" -H 'Content-Type: application/json' \
        --data-binary "{\"title\": {\"sv\": \"$K_TITLE\"}, \"starts_at\": \"$(k_iso "$K_START")\", \"ends_at\": \"$(k_iso $((K_START + 3600)))\", \"registration_closes_at\": \"$(k_iso "$K_CLOSE")\", \"place\": \"Stockholm\", \"language\": \"sv\", \"capacity\": 10}" \
        "/api/v1/missions/$K_M/seminars"
    K_SEM=$(jq -r '.id // empty' "$B")
    check "clock: a seminar whose registration closes in five seconds, announced through the API" \
        eval 'eq "$S" 201 && nonempty "$K_SEM"'
    # k_item — the seminar's list item on the page fetched last (its <li>), on one line
    k_item()
    {
        local rest=${BF#*"/seminars/$K_SEM\""}
        [ "$rest" != "$BF" ] || { echo "none"; return; }
        echo "${rest%%</li>*}"
    }
    # k_pages OPEN — each page shows the seminar open (1) or closed (0)
    k_pages()
    {
        local p want=$1 closed_at
        fetch "/seminars/$K_SEM"
        [ "$S" = 200 ] || { fail "/seminars/$K_SEM: $S"; return 1; }
        if [ "$want" = 1 ]; then
            has "/seminars/$K_SEM/register\"" || return 1
        else
            lacks "/seminars/$K_SEM/register\"" && text_has "Anmälan har stängt." || return 1
        fi
        for p in "/missions/$K_M" /seminars "/missions/$K_M/seminars"; do
            fetch "$p"
            [ "$S" = 200 ] || { fail "$p: $S"; return 1; }
            closed_at=$(k_item)
            [ "$closed_at" != none ] || { fail "$p does not list the seminar"; return 1; }
            if [ "$want" = 1 ]; then
                [[ $closed_at != *"Anmälan stängd"* ]] || { fail "$p: closed already: $closed_at"; return 1; }
            else
                [[ $closed_at == *"Anmälan stängd"* ]] || { fail "$p: still open: $closed_at"; return 1; }
            fi
        done
    }
    check "clock: its page, its mission's page and both lists show it open" k_pages 1
    check "clock: ... and again (now from the cache)" k_pages 1
    while [ "$(date +%s)" -le "$K_CLOSE" ]; do sleep 0.5; done
    check "clock: once the deadline has passed, with nothing written, every one shows it closed" k_pages 0
    check "clock: ... nothing was written meanwhile (the server wrote no seminar, no registration)" \
        eq "$(QDB=$DB_K q "SELECT updated_at FROM seminar WHERE id = $K_SEM")" "$(QDB=$DB_K q "SELECT created_at FROM seminar WHERE id = $K_SEM")"
    stop_server "$K_PID" 10
fi
K_PID=
BASE=$K_MAIN_BASE
