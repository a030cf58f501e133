# t_34_status.sh — an initiative's status beside its dates (issue 12, users review §1a):
# one that still says accepted or running after its end date is shown with "end date
# passed" wherever its status is, and its page says what that means; the stored status is
# not changed by a read, and a coordinator's update takes the warning away at once.

SV_ID=$(q "SELECT id FROM initiative WHERE slug = 'svinnjakten'")
check "status: the demo's Svinnjakten (running, ended 15 June 2025) exists" nonempty "$SV_ID"
fetch "/initiatives/$SV_ID?lang=sv"
check "status: its page says the end date has passed beside the status" \
    eval 'text_has "Pågår · slutdatum passerat" && text_has "Slutdatumet, 15 juni 2025, har passerat, men statusen är fortfarande ”Pågår”."'
fetch "/initiatives/$SV_ID?lang=en"
check "status: ... in English" \
    eval 'text_has "Running · end date passed" && text_has "The end date, 15 June 2025, has passed, but the status still says \"Running\"."'
fetch "/missions/$SK?lang=sv"
check "status: the mission page's initiative list says it too" \
    has_re "Svinnjakten[^<]*</a> <span class=\"badge\">Pågår · slutdatum passerat</span>"
fetch "/initiatives?lang=sv&mission=$SK"
check "status: ... and so does the list of initiatives" \
    has_re "Svinnjakten([^<]|<[^t]|<t[^r])*Pågår · slutdatum passerat" # in its own row
check "status: a read leaves the stored status as it was" eq "$(q "SELECT status FROM initiative WHERE id = $SV_ID")" running

# an initiative whose end date is ahead, and one completed after its end date: no warning
FUT=$(q "SELECT id FROM initiative WHERE status = 'running' AND end_date > '2100-01-01' OR (status = 'running' AND end_date IS NULL) LIMIT 1")
if [ -z "$FUT" ]; then
    FUT=$(q "SELECT id FROM initiative WHERE status = 'running' AND end_date >= '$(date -u +%Y-%m-%d)' LIMIT 1")
fi
check "status: the demo has a running initiative not yet at its end" nonempty "$FUT"
fetch "/initiatives/$FUT?lang=sv"
check "status: ... its page shows its status without a warning" \
    eval 'text_has "Pågår" && text_lacks "slutdatum passerat" && text_lacks "Slutdatumet,"'
DONE=$(q "SELECT id FROM initiative WHERE status = 'completed' AND end_date < '$(date -u +%Y-%m-%d)' LIMIT 1")
check "status: the demo has a completed initiative past its end" nonempty "$DONE"
fetch "/initiatives/$DONE?lang=sv"
check "status: ... shown as completed, no warning" eval 'text_has "Genomfört" && text_lacks "slutdatum passerat"'

# the coordinators mark it completed: the warning goes at once, on every page
STOK=$("$BIN" token create --db "$DB" --name it-status --role admin 2>/dev/null | tail -1)
fetch -X PATCH -H "Authorization: Bearer $STOK" -H 'Content-Type: application/json' \
    -d '{"status":"completed"}' "/api/v1/initiatives/$SV_ID"
check "status: a coordinator marks Svinnjakten completed (200)" eq "$S" 200
fetch "/initiatives/$SV_ID?lang=sv"
check "status: ... its page no longer warns" eval 'text_has "Genomfört" && text_lacks "slutdatum passerat"'
fetch "/missions/$SK?lang=sv"
check "status: ... nor does the mission page" \
    has_re "Svinnjakten[^<]*</a> <span class=\"badge\">Genomfört</span>"

# ---- a page reads the clock too: what was rendered yesterday is not served today. A
# second server whose clock (libfaketime, started at the given moment and running on) is
# three seconds before 2027 shows "4 years left" for skolmat (deadline 31 December 2030),
# cached; after midnight, with no write in between, the same page says 3.
FT_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1
cat >"$T/at-new-year" <<EOS
#!/bin/sh
# the ASan runtime must come first among preloaded libraries; with libfaketime it cannot
export LD_PRELOAD=$FT_LIB FAKETIME="@2026-12-31 23:59:57" FAKETIME_DONT_FAKE_MONOTONIC=1
export ASAN_OPTIONS="\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}verify_asan_link_order=0"
exec "\$@"
EOS
chmod +x "$T/at-new-year"
st_new_year()
{
    [ -r "$FT_LIB" ] || { echo "libfaketime is not installed (scripts/deps.sh test installs faketime)"; return 1; }
    # its own database (SQLite on either backend: the clock is the point here), so no
    # other server's commit, such as the first server's page views, moves its generation
    "$BIN" init --demo --db "$T/ny.db" >/dev/null 2>&1 || { echo "init --demo failed"; return 1; }
    SRV_WRAP=$T/at-new-year start_server "$T/ny.db" "$T/ny.out" "$T/ny.log" >"$T/ny.msg" 2>&1 || {
        cat "$T/ny.msg"
        return 1
    }
    NY_PID=$SRV_PID
    curl -sS --max-time 5 -o "$T/ny1.html" "$SRV_BASE/missions/$SK?lang=en"
    curl -sS --max-time 5 -o "$T/ny2.html" "$SRV_BASE/missions/$SK?lang=en" # from the cache
    grep -q "4 years left" "$T/ny1.html" && grep -q "4 years left" "$T/ny2.html" || {
        echo "before midnight: $(grep -o '[0-9]* years* left' "$T/ny1.html" | head -1)"
        return 1
    }
    sleep 4
    curl -sS --max-time 5 -o "$T/ny3.html" "$SRV_BASE/missions/$SK?lang=en"
    grep -q "3 years left" "$T/ny3.html" ||
        fail "after midnight the page says: $(grep -o '[0-9]* years* left' "$T/ny3.html" | head -1)"
}
check "status: a page cached on 31 December is rendered again on 1 January (\"4 years left\", then 3)" st_new_year
[ -n "${NY_PID:-}" ] && stop_server "$NY_PID" 10
SRV_PID=
