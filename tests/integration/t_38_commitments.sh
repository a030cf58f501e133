# t_38_commitments.sh — actors' commitments (issue 13) through the real server: the demo's
# commitments on the mission page (by sector) and its list, the commitment gap worked out
# from the database by the test itself, an indicator page's gap; a representative commits
# Hofors kommun through the form (a bad field re-rendered beside it, nothing written), may
# not confirm its own commitment, a coordinator confirms it and the gap moves; the API
# (list, gaps, one, create, PATCH, status) with its refusals naming the field; a
# representative of no actor and a visitor are refused.

CJ=$T/cm-jar
rm -f "$CJ".*
CPW='a long enough password'
cm_audit() { q "SELECT COUNT(*) FROM audit_log"; }
SKOLMAT=$(q "SELECT id FROM mission WHERE slug = 'skolmat'")
HOFORS_ID=$(q "SELECT id FROM actor WHERE slug = 'hofors-kommun'")
IND_DEV=$(q "SELECT i.id FROM indicator i WHERE i.mission_id = $SKOLMAT AND i.title_sv LIKE 'Kommuner som är utvecklingsmiljöer%'")
IND_GATOR=$(q "SELECT MIN(i.id) FROM indicator i JOIN mission m ON m.id = i.mission_id WHERE m.slug = 'gator'")

"$BIN" user add --db "$DB" --email cm-coord@example.se --name "Cm Coord" \
    --coordinator skolmat --password-stdin <<<"$CPW" >"$T/cm-coord.out" 2>&1
cm_key() { grep -o 'secret=[A-Z2-7]*' "$1" | head -1 | cut -d= -f2; }
cm_first_sign_in()
{
    csrf_of "$1" /account/sign-in
    post "$1" /account/sign-in "csrf=$CSRF" "email=$2" "password=$CPW"
    post "$1" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$3")"
    [ -n "$(jar_cookie "$1" samverka_session)" ] || fail "first sign-in of $2: no session ($S)"
}
check "commitments: a coordinator of skolmat signs in" cm_first_sign_in "$CJ.coord" cm-coord@example.se "$(cm_key "$T/cm-coord.out")"
check "commitments: the representative of Hofors kommun signs in" sign_in "$CJ.rep" actor@example.org demo-actor-2026
csrf_of "$CJ.user" /account/sign-up
post "$CJ.user" /account/sign-up "csrf=$CSRF" "name=Cm User" "email=cm-user@example.se" "password=$CPW"
check "commitments: a plain user signs up" eq "$S" 303

# ---- the public pages
fetch /missions/skolmat
check "commitments: the mission page has a commitments section linking to the list" \
    eval 'has "id=\"commit-h\"" && links_to /missions/skolmat/commitments'
# who has committed, by sector, as the test reads it: every actor with a commitment not withdrawn
COMMITTERS=$(q "SELECT COUNT(DISTINCT actor_id) FROM commitment WHERE mission_id = $SKOLMAT AND status <> 'withdrawn'")
WITHDRAWN_ONLY=$(q "SELECT a.name FROM actor a WHERE a.id IN (SELECT actor_id FROM commitment WHERE mission_id = $SKOLMAT) AND a.id NOT IN (SELECT actor_id FROM commitment WHERE mission_id = $SKOLMAT AND status <> 'withdrawn') LIMIT 1")
SECTION=${BF#*id=\"commit-h\"}
SECTION=${SECTION%%</section>*}
check "commitments: ... it names each committer once ($COMMITTERS)" \
    eval 'eq "$(grep -o "href=\"/actors/[0-9]*\"" <<<"$SECTION" | sort -u | wc -l)" "$COMMITTERS"'
check "commitments: ... an actor whose only commitment is withdrawn is not among them" \
    eval 'nonempty "$WITHDRAWN_ONLY" && [[ $SECTION != *"$WITHDRAWN_ONLY"* ]]'
SECTORS=$(q "SELECT COUNT(DISTINCT a.sector) FROM commitment c JOIN actor a ON a.id = c.actor_id WHERE c.mission_id = $SKOLMAT AND c.status <> 'withdrawn'")
check "commitments: ... grouped under a heading per sector ($SECTORS)" \
    eval 'ge "$SECTORS" 2 && eq "$(grep -o "class=\"sector-group\"" <<<"$SECTION" | wc -l)" "$SECTORS"'

# the gap of the municipalities indicator, worked out here: target 20, the latest value,
# the confirmed and in-progress amounts
LATEST=$(q "SELECT CAST(value AS INTEGER) FROM observation WHERE indicator_id = $IND_DEV AND series = '' AND disagg = '' ORDER BY year DESC LIMIT 1")
COVERED=$(q "SELECT CAST(COALESCE(SUM(amount), 0) AS INTEGER) FROM commitment WHERE indicator_id = $IND_DEV AND status IN ('confirmed', 'in_progress')")
PCT=$(python3 -c "import math; print(math.floor(100 * $COVERED / (20 - $LATEST) + 0.5))")
fetch "/indicators/$IND_DEV?lang=en"
check "commitments: the indicator page says how much of the remaining distance commitments cover ($PCT %)" \
    eval 'text_has "Commitments cover $PCT % of the remaining distance"'
fetch "/api/v1/missions/skolmat/commitment_gaps"
check "commitments: the API's gap of that indicator agrees: remaining, covered, coverage" \
    eval "jqt \"\$B\" '.items[] | select(.indicator_id == $IND_DEV) | .remaining == (20 - $LATEST) and .covered == $COVERED and (.coverage * 100 | round) == $PCT'"
fetch /missions/skolmat/commitments
check "commitments: the list page shows every commitment, withdrawn too, linked" \
    eval 'eq "$(grep -o "href=\"/commitments/[0-9]*\"" "$B" | sort -u | wc -l)" "$(q "SELECT COUNT(*) FROM commitment WHERE mission_id = $SKOLMAT")"'
fetch "/missions/skolmat/commitments?status=pledged"
check "commitments: ... filtered by status" \
    eval 'eq "$(grep -o "href=\"/commitments/[0-9]*\"" "$B" | sort -u | wc -l)" "$(q "SELECT COUNT(*) FROM commitment WHERE mission_id = $SKOLMAT AND status = '"'"'pledged'"'"'")"'
fetch "/missions/skolmat/commitments?status=promised"
check "commitments: ... an unknown status is a 400 naming it" eval 'eq "$S" 400'
check "commitments: a visitor is not offered to commit" lacks "/missions/skolmat/commitments/new"

# ---- committing through the form
fetch /missions/skolmat/commitments/new
check "commitments: a visitor asking for the form is sent to sign in" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch -b "$CJ.user" /missions/skolmat/commitments/new
check "commitments: a signed-in user who represents no actor gets 403" eq "$S" 403
fetch -b "$CJ.rep" /missions/skolmat
check "commitments: the representative is offered to commit on the mission page" has "/missions/skolmat/commitments/new"
csrf_of "$CJ.rep" /missions/skolmat/commitments/new
check "commitments: the representative gets the form, with Hofors kommun as the only choice" \
    eval 'eq "$S" 200 && has "value=\"$HOFORS_ID\" selected" && eq "$(grep -o "<option value=\"[0-9]" "$B" | wc -l)" "$(($(q "SELECT COUNT(*) FROM indicator WHERE mission_id = $SKOLMAT") + 1))" && tidy_clean'
N0=$(cm_audit); C0=$(q "SELECT COUNT(*) FROM commitment")
post "$CJ.rep" /missions/skolmat/commitments/new "csrf=$CSRF" "actor_id=$HOFORS_ID" \
    "statement_sv=Hofors <b>bjuder</b> in två grannkommuner" "indicator_id=$IND_DEV" "amount=två" "by_date=2027-12-31"
check "commitments: an amount that is not a number is refused beside it (422), the values kept, nothing written" \
    eval 'eq "$S" 422 && has "id=\"f-amount-error\"" && has "Hofors &lt;b&gt;bjuder&lt;/b&gt;" && eq "$(cm_audit)" "$N0" && eq "$(q "SELECT COUNT(*) FROM commitment")" "$C0" && tidy_clean'
post "$CJ.rep" /missions/skolmat/commitments/new "csrf=$CSRF" "actor_id=$HOFORS_ID" \
    "statement_sv=Hofors bjuder in två grannkommuner" "indicator_id=$IND_GATOR" "amount=2"
check "commitments: an indicator of another mission is refused beside the indicator" \
    eval 'eq "$S" 422 && has "id=\"f-indicator_id-error\"" && eq "$(q "SELECT COUNT(*) FROM commitment")" "$C0"'
post "$CJ.rep" /missions/skolmat/commitments/new "csrf=$CSRF" "actor_id=$(q "SELECT id FROM actor WHERE slug = 'vinnova'")" \
    "statement_sv=Vinnova lovar allt"
check "commitments: the representative may not commit another actor (403)" \
    eval 'eq "$S" 403 && eq "$(q "SELECT COUNT(*) FROM commitment")" "$C0"'
post "$CJ.rep" /missions/skolmat/commitments/new "csrf=$CSRF" "actor_id=$HOFORS_ID" \
    "statement_sv=Hofors bjuder in två grannkommuner" "indicator_id=$IND_DEV" "amount=2" "by_date=2027-12-31"
NEWC=$(q "SELECT MAX(id) FROM commitment WHERE actor_id = $HOFORS_ID")
check "commitments: a good form commits Hofors kommun, pledged, and redirects to the commitment (303)" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" "/commitments/$NEWC" && eq "$(q "SELECT status FROM commitment WHERE id = $NEWC")" pledged'
fetch -b "$CJ.rep" "/commitments/$NEWC?lang=en"
check "commitments: its page offers the representative to withdraw it, not to confirm it" \
    eval 'has "<option value=\"withdrawn\"" && lacks "<option value=\"confirmed\"" && tidy_clean'
csrf_of "$CJ.rep" "/commitments/$NEWC"
post "$CJ.rep" "/commitments/$NEWC/status" "csrf=$CSRF" "status=confirmed"
check "commitments: the representative may not confirm its own commitment (403), nothing changed" \
    eval 'eq "$S" 403 && eq "$(q "SELECT status FROM commitment WHERE id = $NEWC")" pledged'
post "$CJ.rep" "/commitments/$NEWC/status" "csrf=$CSRF" "status=delivered"
check "commitments: a move the rule does not allow is refused beside the status (422)" \
    eval 'eq "$S" 422 && has "id=\"f-status-error\"" && eq "$(q "SELECT status FROM commitment WHERE id = $NEWC")" pledged'
csrf_of "$CJ.coord" "/commitments/$NEWC"
check "commitments: the coordinator is offered to confirm it" has "<option value=\"confirmed\""
post "$CJ.coord" "/commitments/$NEWC/status" "csrf=$CSRF" "status=confirmed" "note=Bekräftat i dialogen"
check "commitments: the coordinator confirms it (303), a step with the note" \
    eval 'eq "$S" 303 && eq "$(q "SELECT status FROM commitment WHERE id = $NEWC")" confirmed && eq "$(q "SELECT COUNT(*) FROM commitment_step WHERE commitment_id = $NEWC AND note = '"'"'Bekräftat i dialogen'"'"'")" 1'
fetch "/api/v1/missions/skolmat/commitment_gaps"
check "commitments: ... and the gap of the indicator counts its 2 now" \
    eval "jqt \"\$B\" '.items[] | select(.indicator_id == $IND_DEV) | .covered == ($COVERED + 2)'"

# the edit form
csrf_of "$CJ.rep" "/commitments/$NEWC/edit"
check "commitments: the representative gets the edit form" eval 'eq "$S" 200 && tidy_clean'
post "$CJ.rep" "/commitments/$NEWC/edit" "csrf=$CSRF" "statement_sv=Hofors bjuder in tre grannkommuner" \
    "indicator_id=$IND_DEV" "amount=3" "by_date=2027-13-01"
check "commitments: a date that does not exist is refused beside it, nothing changed" \
    eval 'eq "$S" 422 && has "id=\"f-by_date-error\"" && eq "$(q "SELECT CAST(amount AS INTEGER) FROM commitment WHERE id = $NEWC")" 2'
post "$CJ.rep" "/commitments/$NEWC/edit" "csrf=$CSRF" "statement_sv=Hofors bjuder in tre grannkommuner" \
    "indicator_id=$IND_DEV" "amount=3" "by_date=2027-12-31"
check "commitments: the edit is saved (303)" eval 'eq "$S" 303 && eq "$(q "SELECT CAST(amount AS INTEGER) FROM commitment WHERE id = $NEWC")" 3'

# ---- the API
cm_api()
{
    local jar=$1 m=$2 path=$3 body=${4:-'{}'}
    csrf_of "$jar" /account/password
    fetch -b "$jar" -X "$m" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
        --data-binary "$body" "$path"
}
cm_field() { jq -r ".error.field // empty" "$B"; }
fetch "/api/v1/missions/skolmat/commitments?per_page=100"
check "commitments: the API lists the mission's commitments with their actors' sectors" \
    eval 'jqt "$B" ".items | length == $(q "SELECT COUNT(*) FROM commitment WHERE mission_id = $SKOLMAT")" && jqt "$B" "[.items[].actor.sector] | all(. != null)"'
fetch "/api/v1/commitments/$NEWC"
check "commitments: one commitment in the API, with its two steps (pledged, confirmed)" \
    eval 'jqt "$B" ".status == \"confirmed\" and .contribution.amount == 3 and (.steps | length) == 2"'
fetch -X POST -H 'Content-Type: application/json' --data-binary "{\"actor_id\": $HOFORS_ID, \"statement\": {\"sv\": \"Anonymt\"}}" /api/v1/missions/skolmat/commitments
check "commitments: committing in the API without credentials is 401" eq "$S" 401
N0=$(cm_audit)
cm_api "$CJ.rep" POST /api/v1/missions/skolmat/commitments "{\"actor_id\": $HOFORS_ID, \"statement\": {\"sv\": \"Via API\"}, \"indicator_id\": $IND_DEV, \"amount\": -4}"
check "commitments: a negative amount is refused naming amount (422), nothing written" \
    eval 'eq "$S" 422 && eq "$(cm_field)" amount && eq "$(cm_audit)" "$N0"'
cm_api "$CJ.rep" POST /api/v1/missions/skolmat/commitments "{\"actor_id\": $HOFORS_ID, \"statement\": {\"sv\": \"Via API\"}, \"status\": \"confirmed\"}"
check "commitments: a status in the body is refused by name as protected" \
    eval 'eq "$S" 422 && eq "$(cm_field)" status && eq "$(cm_audit)" "$N0"'
cm_api "$CJ.rep" POST /api/v1/missions/skolmat/commitments "{\"actor_id\": $HOFORS_ID, \"statement\": {\"sv\": \"\"}}"
check "commitments: an empty statement is refused naming statement" eval 'eq "$S" 422 && eq "$(cm_field)" statement'
cm_api "$CJ.rep" POST /api/v1/missions/skolmat/commitments "{\"actor_id\": $HOFORS_ID, \"statement\": {\"sv\": \"Via API\", \"en\": \"Through the API\"}}"
APIC=$(jq -r .id "$B")
check "commitments: a representative commits in the API: 201, Location, pledged" \
    eval 'eq "$S" 201 && eq "$(hdr Location)" "/api/v1/commitments/$APIC" && jqt "$B" ".status == \"pledged\" and .contribution == null"'
cm_api "$CJ.rep" PATCH "/api/v1/commitments/$APIC" '{"actor_id": 1}'
check "commitments: the actor is protected in a PATCH" eval 'eq "$S" 422 && eq "$(cm_field)" actor_id'
cm_api "$CJ.rep" PATCH "/api/v1/commitments/$APIC" '{"evidence_url": "https://example.se/beslut"}'
check "commitments: a PATCH changes the member given, the rest kept" \
    eval 'eq "$S" 200 && jqt "$B" ".evidence_url == \"https://example.se/beslut\" and .statement.en == \"Through the API\""'
cm_api "$CJ.rep" POST "/api/v1/commitments/$APIC/status" '{"status": "confirmed"}'
check "commitments: the representative may not confirm in the API either (403)" eq "$S" 403
cm_api "$CJ.coord" POST "/api/v1/commitments/$APIC/status" '{"status": "in_progress"}'
check "commitments: a move from pledged to in progress is refused naming status (422)" \
    eval 'eq "$S" 422 && eq "$(cm_field)" status'
cm_api "$CJ.coord" POST "/api/v1/commitments/$APIC/status" '{"status": "confirmed", "note": "OK"}'
check "commitments: the coordinator confirms it in the API (200)" \
    eval 'eq "$S" 200 && jqt "$B" ".status == \"confirmed\" and (.steps | length) == 2"'
cm_api "$CJ.user" PATCH "/api/v1/commitments/$APIC" '{"evidence_url": null}'
check "commitments: a user with no role may not change it (403)" eq "$S" 403
GATOR_C=$(q "SELECT MIN(c.id) FROM commitment c JOIN mission m ON m.id = c.mission_id WHERE m.slug = 'gator'")
cm_api "$CJ.coord" POST "/api/v1/commitments/$GATOR_C/status" '{"status": "withdrawn"}'
check "commitments: the coordinator of skolmat may not move a commitment to gator (403)" \
    eval 'eq "$S" 403 && ne "$(q "SELECT status FROM commitment WHERE id = $GATOR_C")" withdrawn'
check "commitments: the history of a commitment is in the audit log" \
    eval 'ge "$(q "SELECT COUNT(*) FROM audit_log WHERE entity = '"'"'commitment'"'"' AND entity_id = $NEWC")" 3'
