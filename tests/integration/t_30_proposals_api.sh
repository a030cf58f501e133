# t_30_proposals_api.sh — bottom-up proposals over the JSON API (api_proposal.c), with the
# demo accounts: actor@example.org (representative of hofors-kommun) proposes to skolmat
# with an API token of its account, the coordinator of skolmat asks for changes with its
# session cookie and X-CSRF-Token, the proposer edits and sends it again, the coordinator
# accepts it with a token of its own and it is public as bottom-up; e-mails to both sides
# at each step, as the forms send them. Refusals: no credentials (401), the wrong role and
# a foreign mission (403), a missing comment (422 naming "comment"), protected members
# ("status", "mission_id", "state" ...) refused by name (422), an unknown one (400), a
# body that is not JSON (415), a cookie without X-CSRF-Token (403), a step the state does
# not allow (422 naming "state"); the database unchanged after each.

AJ=$T/apijar # the browsers: $AJ.actor, $AJ.coord, $AJ.user
rm -f "$AJ".*
ACTOR=actor@example.org
COORD=coordinator@example.org
XSS='<script>alert(1)</script>'
HOFORS=$(q "SELECT id FROM actor WHERE slug = 'hofors-kommun'")
PARTNER=$(q "SELECT id FROM actor WHERE slug <> 'hofors-kommun' ORDER BY id LIMIT 1")
OBJ=$(q "SELECT MIN(o.id) FROM objective o JOIN mission m ON m.id = o.mission_id WHERE m.slug = 'skolmat'")
mails_to() { q "SELECT COUNT(*) FROM mail_queue WHERE recipient = '$1'"; }
state_of() { q "SELECT state FROM proposal WHERE initiative_id = $1"; }
err_field() { jq -r '.error.field // empty' "$B"; }
# snap [ID] — what a refused write must leave as it was: the rows of every table a step
# writes, and the proposal's own state, title and budget
snap()
{
    q "SELECT (SELECT COUNT(*) FROM initiative), (SELECT COUNT(*) FROM proposal), (SELECT COUNT(*) FROM proposal_step), (SELECT COUNT(*) FROM mail_queue), (SELECT COUNT(*) FROM audit_log)"
    [ -z "${1:-}" ] || q "SELECT p.state, p.updated_at, n.title_sv, n.status, COALESCE(n.budget_sek, -1) FROM proposal p JOIN initiative n ON n.id = p.initiative_id WHERE p.initiative_id = $1"
}

# token JAR NAME — a new API token of JAR's account, made on its tokens page (set TOKEN)
token()
{
    csrf_of "$1" /account/tokens
    post "$1" /account/tokens "csrf=$CSRF" "name=$2"
    TOKEN=$([[ $BF =~ id=\"new-token\"\>(svku_[A-Za-z0-9_-]+)\< ]] && echo "${BASH_REMATCH[1]}")
}
# tok TOKEN METHOD PATH [BODY [CONTENT-TYPE]] — an API call with a bearer token
tok()
{
    local body=${4:-'{}'}
    if [ "$2" = GET ]; then
        fetch -H "Authorization: Bearer $1" "$3"
        return
    fi
    fetch -X "$2" -H "Authorization: Bearer $1" -H "Content-Type: ${5:-application/json}" \
        --data-binary "$body" "$3"
}
# ses JAR METHOD PATH [BODY] — an API call with JAR's session cookie and its CSRF token
ses()
{
    local body=${4:-'{}'}
    csrf_of "$1" /account/password
    fetch -b "$1" -X "$2" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
        --data-binary "$body" "$3"
}

check "proposals api: the representative signs in" sign_in_once "$AJ.actor" "$ACTOR" demo-actor-2026
check "proposals api: the coordinator of skolmat signs in" \
    sign_in_once "$AJ.coord" "$COORD" demo-coordinator-2026 SAMVERKADEMOCOORDINATORKEY234567
csrf_of "$AJ.user" /account/sign-up
post "$AJ.user" /account/sign-up "csrf=$CSRF" "name=Api User" "email=api-prop-user@example.se" "password=api proposal user password"
check "proposals api: a plain user signs up" eq "$S" 303
token "$AJ.actor" "proposals"
ATOK=$TOKEN
token "$AJ.coord" "reviews"
CTOK=$TOKEN
token "$AJ.user" "nothing"
UTOK=$TOKEN
check "proposals api: the representative, the coordinator and the user make API tokens" \
    eval 'match "$ATOK" "^svku_" && match "$CTOK" "^svku_" && match "$UTOK" "^svku_"'

GOOD="{\"title\": {\"sv\": \"API-förslag $XSS\", \"en\": \"API proposal\"}, \"summary\": {\"sv\": \"Skolmat via API\"}, \"lead_actor_id\": $HOFORS, \"start_date\": \"2027-01-01\", \"end_date\": \"2027-12-31\", \"budget_sek\": 250000, \"objective_ids\": [$OBJ], \"actors\": [{\"id\": $PARTNER, \"role\": \"partner\"}], \"sdg_targets\": [\"2.1\"]}"

# ---- proposing: the refusals first, each leaving the database as it was
N0=$(snap)
fetch -X POST -H 'Content-Type: application/json' --data-binary "$GOOD" /api/v1/missions/skolmat/proposals
check "proposals api: proposing without credentials is 401, nothing written" \
    eval 'eq "$S" 401 && eq "$(snap)" "$N0"'
tok "$ATOK" POST /api/v1/missions/skolmat/proposals "$GOOD" text/plain
check "proposals api: a body that is not application/json is 415, nothing written" \
    eval 'eq "$S" 415 && eq "$(snap)" "$N0"'
tok "$UTOK" POST /api/v1/missions/skolmat/proposals "$GOOD"
check "proposals api: a user who represents no actor may not propose (403), nothing written" \
    eval 'eq "$S" 403 && eq "$(snap)" "$N0"'
tok "$CTOK" POST /api/v1/missions/skolmat/proposals "$GOOD"
check "proposals api: nor may the coordinator (403: the lead actor is not theirs)" \
    eval 'eq "$S" 403 && eq "$(snap)" "$N0"'
tok "$ATOK" POST /api/v1/missions/skolmat/proposals "${GOOD%\}}, \"status\": \"accepted\"}"
check "proposals api: \"status\" is refused by name as protected (422), nothing written" \
    eval 'eq "$S" 422 && eq "$(err_field)" status && eq "$(snap)" "$N0"'
tok "$ATOK" POST /api/v1/missions/skolmat/proposals "${GOOD%\}}, \"mission_id\": 1}"
check "proposals api: \"mission_id\" is refused by name as protected (422), nothing written" \
    eval 'eq "$S" 422 && eq "$(err_field)" mission_id && eq "$(snap)" "$N0"'
tok "$ATOK" POST /api/v1/missions/skolmat/proposals "${GOOD%\}}, \"origin\": \"top_down\"}"
check "proposals api: \"origin\" is protected too" eval 'eq "$S" 422 && eq "$(err_field)" origin'
tok "$ATOK" POST /api/v1/missions/skolmat/proposals "${GOOD%\}}, \"colour\": \"red\"}"
check "proposals api: an unknown member is refused naming it (400)" \
    eval 'eq "$S" 400 && eq "$(err_field)" colour && eq "$(snap)" "$N0"'
tok "$ATOK" POST /api/v1/missions/skolmat/proposals "{\"lead_actor_id\": $HOFORS, \"summary\": {\"sv\": \"Ingen titel\"}}"
check "proposals api: a proposal without a title is 422 naming \"title\"" \
    eval 'eq "$S" 422 && eq "$(err_field)" title && eq "$(snap)" "$N0"'
tok "$ATOK" POST /api/v1/missions/skolmat/proposals "{\"title\": {\"sv\": \"Egen ledare\"}, \"lead_actor_id\": $HOFORS, \"actors\": [{\"id\": $PARTNER, \"role\": \"lead\"}]}"
check "proposals api: another actor as lead is refused naming \"actors\"" \
    eval 'eq "$S" 422 && eq "$(err_field)" actors && eq "$(snap)" "$N0"'
tok "$ATOK" POST /api/v1/missions/skolmat/proposals "{\"title\": {\"sv\": \"Fel datum\"}, \"lead_actor_id\": $HOFORS, \"start_date\": \"2027-02-30\"}"
check "proposals api: the domain's refusal names the member (start_date)" \
    eval 'eq "$S" 422 && eq "$(err_field)" start_date && eq "$(snap)" "$N0"'
tok "$ATOK" POST /api/v1/missions/skolmat/proposals "{\"title\": {\"sv\": \"Minusbudget\"}, \"lead_actor_id\": $HOFORS, \"budget_sek\": -5}"
check "proposals api: a budget below zero is refused naming budget_sek" \
    eval 'eq "$S" 422 && eq "$(err_field)" budget_sek && eq "$(snap)" "$N0"'
tok "$ATOK" POST /api/v1/missions/no-such-mission/proposals "$GOOD"
check "proposals api: an unknown mission is 404" eval 'eq "$S" 404 && eq "$(snap)" "$N0"'

# ---- the representative proposes with its token
MA0=$(mails_to "$ACTOR")
MC0=$(mails_to "$COORD")
tok "$ATOK" POST /api/v1/missions/skolmat/proposals "$GOOD"
PID=$(jq -r .id "$B")
check "proposals api: the representative proposes: 201, Location, the proposal waiting for review" \
    eval 'eq "$S" 201 && eq "$(hdr Location)" "/api/v1/initiatives/$PID/proposal" && jqt "$B" ".state == \"submitted\" and .mission == \"skolmat\" and .lead_actor.id == $HOFORS and (.steps | length) == 1 and .steps[0].action == \"submitted\""'
check "proposals api: ... stored as the form stores one: bottom-up, proposed, the lead actor leading" \
    eval 'eq "$(q "SELECT origin FROM initiative WHERE id = $PID")" bottom_up && eq "$(q "SELECT status FROM initiative WHERE id = $PID")" proposed && eq "$(q "SELECT role FROM initiative_actor WHERE initiative_id = $PID AND actor_id = $HOFORS")" lead && eq "$(q "SELECT role FROM initiative_actor WHERE initiative_id = $PID AND actor_id = $PARTNER")" partner'
check "proposals api: ... and an e-mail to the proposer and to the coordinator" \
    eval 'eq "$(mails_to "$ACTOR")" $((MA0 + 1)) && eq "$(mails_to "$COORD")" $((MC0 + 1))'
check "proposals api: ... no address in the answer" lacks "$ACTOR"
fetch "/api/v1/initiatives/$PID"
check "proposals api: a proposal under review is not public (404)" eq "$S" 404
tok "$ATOK" GET /api/v1/proposals
check "proposals api: the proposer's own list has it" \
    eval 'eq "$S" 200 && jqt "$B" "[.items[].id] | index($PID) != null"'
tok "$UTOK" GET /api/v1/proposals
check "proposals api: another account's list does not" \
    eval 'eq "$S" 200 && jqt "$B" "[.items[].id] | index($PID) == null"'
fetch /api/v1/proposals
check "proposals api: the list of no one is 401" eq "$S" 401
tok "$ATOK" GET "/api/v1/proposals?per_page=1&page=100000"
check "proposals api: a page of one's list past the last is 404 naming \"page\"" \
    eval 'eq "$S" 404 && eq "$(err_field)" page'

# ---- reading: the proposer and the mission's reviewers only
tok "$ATOK" GET "/api/v1/initiatives/$PID/proposal"
check "proposals api: the proposer reads it" eval 'eq "$S" 200 && jqt "$B" ".id == $PID"'
tok "$UTOK" GET "/api/v1/initiatives/$PID/proposal"
check "proposals api: another user may not (403), and reads nothing of it" \
    eval 'eq "$S" 403 && lacks "API-förslag"'
tok "$ATOK" GET /api/v1/missions/skolmat/proposals
check "proposals api: the representative may not read the review queue (403)" eq "$S" 403
fetch -b "$AJ.coord" "/api/v1/missions/skolmat/proposals?state=submitted"
check "proposals api: the coordinator reads the queue with the session cookie" \
    eval 'eq "$S" 200 && jqt "$B" "[.items[] | select(.id == $PID and .state == \"submitted\")] | length == 1"'
fetch -b "$AJ.coord" /api/v1/missions/gator/proposals
check "proposals api: ... but not another mission's queue (403)" eq "$S" 403
fetch -b "$AJ.coord" "/api/v1/missions/skolmat/proposals?per_page=1&page=100000"
check "proposals api: a page of the queue past the last is 404 naming \"page\"" \
    eval 'eq "$S" 404 && eq "$(err_field)" page'

# ---- review: changes asked for, over the session cookie with its CSRF token
N1=$(snap "$PID")
tok "$ATOK" POST "/api/v1/initiatives/$PID/review" '{"decision": "accept"}'
check "proposals api: the proposer may not review (403), nothing changed" \
    eval 'eq "$S" 403 && eq "$(snap "$PID")" "$N1"'
tok "$ATOK" PATCH "/api/v1/initiatives/$PID/proposal" '{"title": {"sv": "För tidigt"}}'
check "proposals api: the proposer may not edit while it waits for review (422 naming \"state\")" \
    eval 'eq "$S" 422 && eq "$(err_field)" state && eq "$(snap "$PID")" "$N1"'
fetch -b "$AJ.coord" -X POST -H 'Content-Type: application/json' \
    --data-binary '{"decision": "accept"}' "/api/v1/initiatives/$PID/review"
check "proposals api: a cookie without X-CSRF-Token is 403, nothing changed" \
    eval 'eq "$S" 403 && eq "$(snap "$PID")" "$N1"'
ses "$AJ.coord" POST "/api/v1/initiatives/$PID/review" '{"decision": "changes"}'
check "proposals api: asking for changes without a comment is 422 naming \"comment\"" \
    eval 'eq "$S" 422 && eq "$(err_field)" comment && eq "$(snap "$PID")" "$N1"'
ses "$AJ.coord" POST "/api/v1/initiatives/$PID/review" '{"decision": "maybe"}'
check "proposals api: an unknown decision is 422 naming \"decision\"" \
    eval 'eq "$S" 422 && eq "$(err_field)" decision && eq "$(snap "$PID")" "$N1"'
ses "$AJ.coord" POST "/api/v1/initiatives/$PID/review" '{"comment": "Ja"}'
check "proposals api: a review without a decision is 422 naming \"decision\"" \
    eval 'eq "$S" 422 && eq "$(err_field)" decision && eq "$(snap "$PID")" "$N1"'
ses "$AJ.coord" POST "/api/v1/initiatives/$PID/review" '{"decision": "accept", "state": "accepted"}'
check "proposals api: \"state\" in a review is refused by name (422)" \
    eval 'eq "$S" 422 && eq "$(err_field)" state && eq "$(snap "$PID")" "$N1"'
MA0=$(mails_to "$ACTOR")
MC0=$(mails_to "$COORD")
ses "$AJ.coord" POST "/api/v1/initiatives/$PID/review" "{\"decision\": \"changes\", \"comment\": \"Mer om budgeten $XSS\"}"
check "proposals api: the coordinator asks for changes: 200, the state and the comment" \
    eval 'eq "$S" 200 && jqt "$B" ".state == \"changes_requested\" and .steps[-1].action == \"changes_requested\" and (.steps[-1].comment | startswith(\"Mer om budgeten\"))" && eq "$(state_of "$PID")" changes_requested'
check "proposals api: ... an e-mail to both sides, the comment in it" \
    eval 'eq "$(mails_to "$ACTOR")" $((MA0 + 1)) && eq "$(mails_to "$COORD")" $((MC0 + 1)) && match "$(q "SELECT body FROM mail_queue WHERE recipient = '"'$ACTOR'"' ORDER BY id DESC LIMIT 1")" "Mer om budgeten"'
ses "$AJ.coord" POST "/api/v1/initiatives/$PID/review" '{"decision": "accept"}'
check "proposals api: a decision while the proposer has it is 422 naming \"state\"" \
    eval 'eq "$S" 422 && eq "$(err_field)" state && eq "$(state_of "$PID")" changes_requested'

# ---- the proposer edits and sends it again
N2=$(snap "$PID")
tok "$ATOK" PATCH "/api/v1/initiatives/$PID/proposal" "{\"lead_actor_id\": $PARTNER}"
check "proposals api: the lead actor cannot change (422 naming lead_actor_id), nothing changed" \
    eval 'eq "$S" 422 && eq "$(err_field)" lead_actor_id && eq "$(snap "$PID")" "$N2"'
tok "$ATOK" PATCH "/api/v1/initiatives/$PID/proposal" '{"mission_id": 2}'
check "proposals api: mission_id in an edit is protected (422)" \
    eval 'eq "$S" 422 && eq "$(err_field)" mission_id && eq "$(snap "$PID")" "$N2"'
tok "$ATOK" PATCH "/api/v1/initiatives/$PID/proposal" '{"status": "accepted"}'
check "proposals api: status in an edit is protected (422)" \
    eval 'eq "$S" 422 && eq "$(err_field)" status && eq "$(snap "$PID")" "$N2"'
tok "$ATOK" PATCH "/api/v1/initiatives/$PID/proposal" '{"title": {"sv": ""}}'
check "proposals api: an emptied title is 422 naming \"title\"" \
    eval 'eq "$S" 422 && eq "$(err_field)" title && eq "$(snap "$PID")" "$N2"'
tok "$UTOK" PATCH "/api/v1/initiatives/$PID/proposal" '{"title": {"sv": "Kapat"}}'
check "proposals api: another account may not edit it (403)" \
    eval 'eq "$S" 403 && eq "$(snap "$PID")" "$N2"'
tok "$ATOK" PATCH "/api/v1/initiatives/$PID/proposal" '{"title": {"sv": "API-förslag, reviderat"}, "budget_sek": 300000}' text/csv
check "proposals api: an edit that is not JSON is 415" eval 'eq "$S" 415 && eq "$(snap "$PID")" "$N2"'
MA0=$(mails_to "$ACTOR")
MC0=$(mails_to "$COORD")
tok "$ATOK" PATCH "/api/v1/initiatives/$PID/proposal" '{"title": {"sv": "API-förslag, reviderat"}, "budget_sek": 300000}'
check "proposals api: the proposer sends it again: 200, waiting for review, the rest kept" \
    eval 'eq "$S" 200 && jqt "$B" ".state == \"submitted\" and .title.sv == \"API-förslag, reviderat\" and .title.en == \"API proposal\" and .steps[-1].action == \"resubmitted\""'
check "proposals api: ... stored, the participants and the objective kept" \
    eval 'eq "$(q "SELECT budget_sek FROM initiative WHERE id = $PID")" 300000 && eq "$(q "SELECT COUNT(*) FROM initiative_actor WHERE initiative_id = $PID")" 2 && eq "$(q "SELECT COUNT(*) FROM initiative_objective WHERE initiative_id = $PID")" 1'
check "proposals api: ... and an e-mail to both sides" \
    eval 'eq "$(mails_to "$ACTOR")" $((MA0 + 1)) && eq "$(mails_to "$COORD")" $((MC0 + 1))'

# ---- accepted with the coordinator's token
N3=$(snap "$PID")
tok "$CTOK" POST "/api/v1/initiatives/$PID/review" '{"decision": "decline"}'
check "proposals api: declining without a reason is 422 naming \"comment\"" \
    eval 'eq "$S" 422 && eq "$(err_field)" comment && eq "$(snap "$PID")" "$N3"'
tok "$CTOK" POST "/api/v1/initiatives/$PID/review" '{"decision": "accept"}' text/plain
check "proposals api: a review that is not JSON is 415" eval 'eq "$S" 415 && eq "$(snap "$PID")" "$N3"'
tok "$CTOK" POST "/api/v1/initiatives/$PID/review" '{"decision": "accept"}'
check "proposals api: the coordinator accepts it with a token, no comment needed: 200, accepted" \
    eval 'eq "$S" 200 && jqt "$B" ".state == \"accepted\"" && eq "$(q "SELECT status FROM initiative WHERE id = $PID")" accepted'
fetch "/api/v1/initiatives/$PID"
check "proposals api: ... and it is public, bottom-up" \
    eval 'eq "$S" 200 && jqt "$B" ".origin == \"bottom_up\" and .status == \"accepted\""'
tok "$CTOK" POST "/api/v1/initiatives/$PID/review" '{"decision": "decline", "comment": "Nej"}'
check "proposals api: a decided proposal takes no more decisions (422 naming \"state\")" \
    eval 'eq "$S" 422 && eq "$(err_field)" state && eq "$(state_of "$PID")" accepted'

# ---- declined with a reason: final, and never public
tok "$ATOK" POST /api/v1/missions/skolmat/proposals "{\"title\": {\"sv\": \"Avslagsförslag\"}, \"lead_actor_id\": $HOFORS}"
DID=$(jq -r .id "$B")
check "proposals api: a second proposal" eval 'eq "$S" 201 && eq "$(state_of "$DID")" submitted'
MA0=$(mails_to "$ACTOR")
ses "$AJ.coord" POST "/api/v1/initiatives/$DID/review" '{"decision": "decline", "comment": "Utanför missionen"}'
check "proposals api: the coordinator declines it with a reason: 200, declined, the proposer told" \
    eval 'eq "$S" 200 && jqt "$B" ".state == \"declined\" and .steps[-1].comment == \"Utanför missionen\"" && eq "$(q "SELECT status FROM initiative WHERE id = $DID")" declined && eq "$(mails_to "$ACTOR")" $((MA0 + 1))'
fetch "/api/v1/initiatives/$DID"
check "proposals api: ... and it stays private (404)" eq "$S" 404

# ---- a foreign mission: a proposal to gator, out of reach of skolmat's coordinator
tok "$ATOK" POST /api/v1/missions/gator/proposals "{\"title\": {\"sv\": \"Gatuförslag\"}, \"lead_actor_id\": $HOFORS}"
GID=$(jq -r .id "$B")
check "proposals api: the representative proposes to gator too (the rule names the actor)" \
    eval 'eq "$S" 201 && eq "$(state_of "$GID")" submitted'
N4=$(snap "$GID")
tok "$CTOK" POST "/api/v1/initiatives/$GID/review" '{"decision": "accept"}'
check "proposals api: skolmat's coordinator may not review a proposal to gator (403)" \
    eval 'eq "$S" 403 && eq "$(snap "$GID")" "$N4"'
tok "$CTOK" GET "/api/v1/initiatives/$GID/proposal"
check "proposals api: ... nor read it (403), nothing of it said" eval 'eq "$S" 403 && lacks Gatuförslag'
ses "$AJ.coord" POST "/api/v1/initiatives/$GID/review" '{"decision": "decline", "comment": "Nej"}'
check "proposals api: ... with the session neither (403)" eval 'eq "$S" 403 && eq "$(snap "$GID")" "$N4"'
NOTP=$(q "SELECT MIN(n.id) FROM initiative n JOIN mission m ON m.id = n.mission_id WHERE m.slug = 'skolmat' AND n.id NOT IN (SELECT initiative_id FROM proposal)")
tok "$CTOK" POST "/api/v1/initiatives/$NOTP/review" '{"decision": "accept"}'
check "proposals api: an initiative that is no proposal is 404" eq "$S" 404
