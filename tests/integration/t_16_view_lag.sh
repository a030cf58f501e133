# t_16_view_lag.sh — the page-view counts a page shows lag the counted views by at most
# view-count-lag (and a flush interval or two): a write of views alone moves no ETag (t_07),
# so the counts are refreshed when the response cache is emptied, by a change or, at the
# latest, by a write of views view-count-lag after the last emptying. On a server that
# writes views every second and may lag 2 s, a page's count catches up within seconds and
# its ETag moves with it. serve --help gives the setting's default, an hour.

check "lag: serve --help documents --view-count-lag, default 3600" \
    eval '"$BIN" serve --help 2>&1 | grep -qE -- "^  --view-count-lag .*\(default: 3600\)$"'

DB_L=$(new_db lag)
db_copy "$DB" "$DB_L"
start_server "$DB_L" "$T/lag.out" "$T/lag.log" --flush-interval 1 --view-count-lag 2 >"$T/lag.msg" 2>&1
L_PID=$SRV_PID
MAIN_BASE=$BASE
BASE=$SRV_BASE
SRV_PID=
check "lag: a server writing views every second, lagging at most 2 s, starts" \
    eval 'cat "$T/lag.msg"; nonempty "$BASE"'

if [ -n "$BASE" ]; then
    L_PAGE="/missions/$GA"
    # the largest number in the "Page views" entry of the English page (its total)
    lag_shown()
    {
        local dd n max=-1
        [[ $BD =~ \>Page\ views\</dt\>[[:space:]]*\<dd[^\>]*\>([^\<]*)\< ]] || { echo "no Page views entry"; return 1; }
        dd=${BASH_REMATCH[1]//,/}
        for n in ${dd//[^0-9]/ }; do
            [ "$n" -gt "$max" ] && max=$n
        done
        echo "$max"
    }
    fetch "$L_PAGE?lang=en"
    L_SHOWN=$(lag_shown)
    L_ETAG=$(hdr ETag)
    check "lag: the page shows its view count" match "$L_SHOWN" '^[0-9]+$'
    for i in 1 2 3 4 5; do curl -s -o /dev/null --max-time 10 "$BASE$L_PAGE"; done
    shows_at_least() { fetch "$L_PAGE?lang=en" && ge "$(lag_shown)" "$1"; }
    # a flush a second and a lag of 2 s show them within about 4 s; 12 s for a loaded machine
    # (a run beside two others' benchmarks once took over 6), still far below the hour of
    # the default lag
    check "lag: within 12 s the page shows the 5 views more" wait_for 12 shows_at_least $((${L_SHOWN:-0} + 5))
    check "lag: ... with a new ETag" eval 'nonempty "$L_ETAG" && ne "$(hdr ETag)" "$L_ETAG"'
    stop_server "$L_PID" 10
    check "lag: the server stops" eq "$STOP_RC" 0
fi
BASE=$MAIN_BASE
