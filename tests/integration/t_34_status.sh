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
