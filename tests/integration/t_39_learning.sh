# t_39_learning.sh — the learning log and the portfolio reviews (issue 13) through the
# real server: the public log shows the public entries and reviews alone (the non-public
# ones are the mission's coordinators'), the mission page its latest public entries; a
# coordinator adds an entry and a review through the forms (a bad field re-rendered
# beside it, nothing written) and edits an entry (its audit entry names what changed);
# the API (list, one, reviews, POST, PATCH) with its refusals naming the field; a
# visitor, a plain user, a representative and another mission's coordinator are refused
# (a PATCH of a non-public entry or review they may not read with 404, as its GET); an
# entry names no initiative the public does not see (archived, a proposal under review)
# nor one of another mission: refused naming initiative_ids, through the API and the form.
# Every count is read from the database by the test.

LJ=$T/ln-jar
rm -f "$LJ".*
LPW='a long enough password'
ln_audit() { q "SELECT COUNT(*) FROM audit_log"; }
ln_entries() { q "SELECT COUNT(*) FROM learning_entry"; }
ln_reviews() { q "SELECT COUNT(*) FROM portfolio_review"; }
ln_links() { grep -o 'href="/learning/[0-9]*"' "$B" | sort -u | wc -l; }
SKOLMAT=$(q "SELECT id FROM mission WHERE slug = 'skolmat'")
GATOR=$(q "SELECT id FROM mission WHERE slug = 'gator'")

"$BIN" user add --db "$DB" --email ln-coord@example.se --name "Ln Coord" \
    --coordinator skolmat --password-stdin <<<"$LPW" >"$T/ln-coord.out" 2>&1
ln_key() { grep -o 'secret=[A-Z2-7]*' "$1" | head -1 | cut -d= -f2; }
ln_first_sign_in()
{
    csrf_of "$1" /account/sign-in
    post "$1" /account/sign-in "csrf=$CSRF" "email=$2" "password=$LPW"
    post "$1" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$3")"
    [ -n "$(jar_cookie "$1" samverka_session)" ] || fail "first sign-in of $2: no session ($S)"
}
check "learning: a coordinator of skolmat signs in" ln_first_sign_in "$LJ.coord" ln-coord@example.se "$(ln_key "$T/ln-coord.out")"
check "learning: the representative of Hofors kommun signs in" sign_in "$LJ.rep" actor@example.org demo-actor-2026
csrf_of "$LJ.user" /account/sign-up
post "$LJ.user" /account/sign-up "csrf=$CSRF" "name=Ln User" "email=ln-user@example.se" "password=$LPW"
check "learning: a plain user signs up" eq "$S" 303

# ---- what the public sees
PUB=$(q "SELECT COUNT(*) FROM learning_entry WHERE mission_id = $SKOLMAT AND is_public = 1")
ALL=$(q "SELECT COUNT(*) FROM learning_entry WHERE mission_id = $SKOLMAT")
HIDDEN=$(q "SELECT MIN(id) FROM learning_entry WHERE mission_id = $SKOLMAT AND is_public = 0")
HIDDEN_TEXT=$(q "SELECT hypothesis_sv FROM learning_entry WHERE id = $HIDDEN")
check "learning: the demo has public and non-public entries in skolmat ($PUB of $ALL)" \
    eval 'ge "$PUB" 1 && ge "$((ALL - PUB))" 1'
fetch /missions/skolmat/learning
check "learning: the public log links each public entry once, and no other ($PUB)" \
    eval 'eq "$S" 200 && eq "$(ln_links)" "$PUB" && lacks "href=\"/learning/$HIDDEN\"" && lacks "$HIDDEN_TEXT" && tidy_clean'
check "learning: ... each with its decision's badge" \
    eval 'eq "$(grep -o "class=\"badge decision-[a-z_]*\"" "$B" | wc -l)" "$PUB"'
LINKED=$(q "SELECT MIN(li.initiative_id) FROM learning_initiative li JOIN learning_entry e ON e.id = li.entry_id WHERE e.mission_id = $SKOLMAT AND e.is_public = 1")
check "learning: ... and links to the initiatives an entry concerns" links_to "/initiatives/$LINKED"
G_PUB_R=$(q "SELECT COUNT(*) FROM portfolio_review WHERE mission_id = $GATOR AND is_public = 1")
G_ALL_R=$(q "SELECT COUNT(*) FROM portfolio_review WHERE mission_id = $GATOR")
S_PUB_R=$(q "SELECT COUNT(*) FROM portfolio_review WHERE mission_id = $SKOLMAT AND is_public = 1")
PEOPLE=$(q "SELECT COUNT(*) FROM portfolio_review_person rp JOIN portfolio_review r ON r.id = rp.review_id WHERE r.mission_id = $SKOLMAT AND r.is_public = 1")
check "learning: the public reviews of skolmat ($S_PUB_R), with who took part ($PEOPLE people)" \
    eval 'eq "$(grep -o "class=\"portfolio-review\"" "$B" | wc -l)" "$S_PUB_R" && eq "$(grep -o "href=\"/people/[0-9]*\"" "$B" | wc -l)" "$PEOPLE"'
fetch /missions/gator/learning
check "learning: gator's non-public review is not on its public log ($G_PUB_R of $G_ALL_R)" \
    eval 'ge "$((G_ALL_R - G_PUB_R))" 1 && eq "$(grep -o "class=\"portfolio-review\"" "$B" | wc -l)" "$G_PUB_R"'
fetch "/learning/$HIDDEN"
check "learning: a non-public entry's page is not found for the public (404)" eq "$S" 404
LATEST=$(q "SELECT id FROM learning_entry WHERE mission_id = $SKOLMAT AND is_public = 1 ORDER BY decided_on DESC, id DESC LIMIT 1")
fetch /missions/skolmat
SECTION=${BF#*id=\"learn-h\"}
SECTION=${SECTION%%</section>*}
check "learning: the mission page shows the latest public entries, linking to the log" \
    eval '[[ $SECTION == *"href=\"/learning/$LATEST\""* ]] && [[ $SECTION != *"href=\"/learning/$HIDDEN\""* ]] && links_to /missions/skolmat/learning'
check "learning: a visitor is not offered to add an entry" lacks "/missions/skolmat/learning/new"

# ---- what the coordinator sees
fetch -b "$LJ.coord" /missions/skolmat/learning
check "learning: the coordinator's log has every entry ($ALL), the non-public one marked" \
    eval 'eq "$(ln_links)" "$ALL" && has "$HIDDEN_TEXT" && has "class=\"not-public\"" && has "/missions/skolmat/learning/new" && tidy_clean'
fetch -b "$LJ.coord" "/learning/$HIDDEN"
check "learning: the coordinator reads the non-public entry" eval 'eq "$S" 200 && tidy_clean'
fetch -b "$LJ.coord" /missions/gator/learning
check "learning: ... but not gator's non-public review: not its mission" \
    eval 'eq "$(grep -o "class=\"portfolio-review\"" "$B" | wc -l)" "$G_PUB_R"'

# ---- the entry form
fetch /missions/skolmat/learning/new
check "learning: a visitor asking for the form is sent to sign in" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch -b "$LJ.user" /missions/skolmat/learning/new
check "learning: a plain user gets 403" eq "$S" 403
fetch -b "$LJ.rep" /missions/skolmat/learning/new
check "learning: a representative gets 403" eq "$S" 403
fetch -b "$LJ.coord" /missions/gator/learning/new
check "learning: the coordinator of skolmat gets 403 for gator" eq "$S" 403
csrf_of "$LJ.coord" /missions/skolmat/learning/new
# the initiatives the public sees: live, and not a proposal that was not accepted
SHOWN="mission_id = $SKOLMAT AND archived_at IS NULL AND id NOT IN (SELECT initiative_id FROM proposal WHERE state <> 'accepted')"
N_INI=$(q "SELECT COUNT(*) FROM initiative WHERE $SHOWN")
check "learning: the coordinator gets the form, every initiative of skolmat the public sees offered ($N_INI)" \
    eval 'eq "$S" 200 && eq "$(grep -o "name=\"initiative_ids\"" "$B" | wc -l)" "$N_INI" && tidy_clean'
INI_A=$(q "SELECT MIN(id) FROM initiative WHERE $SHOWN")
INI_B=$(q "SELECT MAX(id) FROM initiative WHERE $SHOWN")
INI_G=$(q "SELECT MIN(id) FROM initiative WHERE mission_id = $GATOR")
N0=$(ln_audit); E0=$(ln_entries)
post "$LJ.coord" /missions/skolmat/learning/new "csrf=$CSRF" "hypothesis_sv=Skolor <b>prövar</b> nytt" \
    "decision=scale_up" "decided_on=2026-02-30" "initiative_ids=$INI_A"
check "learning: a date that does not exist is refused beside it (422), the values kept, nothing written" \
    eval 'eq "$S" 422 && has "id=\"f-decided_on-error\"" && has "Skolor &lt;b&gt;prövar&lt;/b&gt; nytt" && has "value=\"$INI_A\" checked" && eq "$(ln_audit)" "$N0" && eq "$(ln_entries)" "$E0" && tidy_clean'
post "$LJ.coord" /missions/skolmat/learning/new "csrf=$CSRF" "hypothesis_sv=Skolor prövar nytt" \
    "decision=scale_up" "decided_on=2026-02-27" "initiative_ids=$INI_G"
check "learning: an initiative of another mission is refused beside the initiatives" \
    eval 'eq "$S" 422 && has "id=\"f-initiative_ids\" class=\"field field-with-error\"" && eq "$(ln_entries)" "$E0"'
post "$LJ.coord" /missions/skolmat/learning/new "csrf=$CSRF" "hypothesis_sv=" \
    "decision=stop" "decided_on=2026-02-27"
check "learning: no hypothesis is refused beside it" \
    eval 'eq "$S" 422 && has "id=\"f-hypothesis_sv-error\"" && eq "$(ln_entries)" "$E0"'
post "$LJ.coord" /missions/skolmat/learning/new "csrf=$CSRF" "hypothesis_sv=Skolor prövar nytt" \
    "learned_sv=Det fungerade" "decision=scale_up" "decided_on=2026-02-27" \
    "initiative_ids=$INI_A" "initiative_ids=$INI_B" "is_public=1"
NEW=$(q "SELECT MAX(id) FROM learning_entry")
check "learning: a good form adds the entry (303 to its page), public, with both initiatives, by the coordinator" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" "/learning/$NEW" && eq "$(q "SELECT COUNT(*) FROM learning_initiative WHERE entry_id = $NEW")" 2 && eq "$(q "SELECT is_public FROM learning_entry WHERE id = $NEW")" 1 && eq "$(q "SELECT p.name FROM learning_entry e JOIN user_account u ON u.id = e.created_by JOIN person p ON p.id = u.person_id WHERE e.id = $NEW")" "Ln Coord"'
fetch "/learning/$NEW?lang=en"
check "learning: its public page says who wrote it" eval 'eq "$S" 200 && text_has "written by Ln Coord" && tidy_clean'
csrf_of "$LJ.coord" "/learning/$NEW/edit"
check "learning: the coordinator gets the edit form, the values filled" \
    eval 'eq "$S" 200 && has "Skolor prövar nytt" && has "value=\"$INI_B\" checked" && tidy_clean'
post "$LJ.coord" "/learning/$NEW/edit" "csrf=$CSRF" "hypothesis_sv=Skolor prövar nytt" \
    "learned_sv=Det fungerade" "decision=adjust" "decided_on=2026-02-27" "initiative_ids=$INI_A" "is_public=1"
CHANGED=$(q "SELECT changes FROM audit_log WHERE entity = 'learning_entry' AND entity_id = $NEW AND action = 'update' ORDER BY id DESC LIMIT 1")
check "learning: an edit is saved (303); its audit entry names exactly decision and initiative_ids" \
    eval 'eq "$S" 303 && eq "$(q "SELECT decision FROM learning_entry WHERE id = $NEW")" adjust && eq "$(jq -c "keys" <<<"$CHANGED")" "[\"decision\",\"initiative_ids\"]"'

# ---- the review form
csrf_of "$LJ.coord" /missions/skolmat/reviews/new
check "learning: the coordinator gets the review form" eval 'eq "$S" 200 && tidy_clean'
P1=$(q "SELECT MIN(id) FROM person")
P2=$(q "SELECT MAX(id) FROM person")
R0=$(ln_reviews); N0=$(ln_audit)
post "$LJ.coord" /missions/skolmat/reviews/new "csrf=$CSRF" "held_on=" "decisions_sv=Vi fortsätter" "person_ids=$P1"
check "learning: a review without a date is refused beside it, nothing written" \
    eval 'eq "$S" 422 && has "id=\"f-held_on-error\"" && has "Vi fortsätter" && eq "$(ln_reviews)" "$R0" && eq "$(ln_audit)" "$N0"'
post "$LJ.coord" /missions/skolmat/reviews/new "csrf=$CSRF" "held_on=2026-03-01" "person_ids=999999999"
check "learning: an unknown person is refused beside the people" \
    eval 'eq "$S" 422 && has "id=\"f-person_ids\" class=\"field field-with-error\"" && eq "$(ln_reviews)" "$R0"'
post "$LJ.coord" /missions/skolmat/reviews/new "csrf=$CSRF" "held_on=2026-03-01" \
    "decisions_sv=Intern granskning av portföljen" "person_ids=$P1" "person_ids=$P2"
NEWR=$(q "SELECT MAX(id) FROM portfolio_review")
check "learning: a good review is recorded (303 to the log), not public, with its two people" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" /missions/skolmat/learning && eq "$(q "SELECT COUNT(*) FROM portfolio_review_person WHERE review_id = $NEWR")" 2 && eq "$(q "SELECT is_public FROM portfolio_review WHERE id = $NEWR")" 0'
fetch /missions/skolmat/learning
check "learning: ... the public log does not show it" lacks "Intern granskning av portföljen"
fetch -b "$LJ.coord" /missions/skolmat/learning
check "learning: ... the coordinator's does, with a link to edit it" \
    eval 'has "Intern granskning av portföljen" && links_to "/reviews/$NEWR/edit"'

# ---- the API
ln_api()
{
    local jar=$1 m=$2 path=$3 body=${4:-'{}'}
    csrf_of "$jar" /account/password
    fetch -b "$jar" -X "$m" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
        --data-binary "$body" "$path"
}
ln_field() { jq -r ".error.field // empty" "$B"; }
PUB=$(q "SELECT COUNT(*) FROM learning_entry WHERE mission_id = $SKOLMAT AND is_public = 1")
ALL=$(q "SELECT COUNT(*) FROM learning_entry WHERE mission_id = $SKOLMAT")
fetch "/api/v1/missions/skolmat/learning?per_page=100"
check "learning: the API lists the public entries alone ($PUB), the latest decision first" \
    eval 'jqt "$B" ".total == $PUB and (.items | length) == $PUB and all(.items[]; .is_public) and ([.items[].decided_on] == ([.items[].decided_on] | sort | reverse))"'
fetch -b "$LJ.coord" "/api/v1/missions/skolmat/learning?per_page=100"
check "learning: ... the coordinator's list has all of them ($ALL)" jqt "$B" ".total == $ALL"
fetch "/api/v1/learning/$NEW"
check "learning: one entry in the API, with its initiative and who wrote it" \
    eval 'jqt "$B" ".decision == \"adjust\" and (.initiatives | map(.id)) == [$INI_A] and .by == \"Ln Coord\""'
fetch "/api/v1/learning/$HIDDEN"
check "learning: a non-public entry is 404 in the API for the public" eq "$S" 404
fetch /api/v1/missions/gator/portfolio_reviews
check "learning: gator's reviews in the API: the public ones ($G_PUB_R)" jqt "$B" "(.items | length) == $G_PUB_R"
fetch -X POST -H 'Content-Type: application/json' --data-binary '{"hypothesis": {"sv": "Anonymt"}}' /api/v1/missions/skolmat/learning
check "learning: writing in the API without credentials is 401" eq "$S" 401
N0=$(ln_audit)
ln_api "$LJ.user" POST /api/v1/missions/skolmat/learning '{"hypothesis": {"sv": "x"}, "decision": "stop", "decided_on": "2026-01-01"}'
check "learning: a plain user may not (403)" eq "$S" 403
ln_api "$LJ.rep" POST /api/v1/missions/skolmat/learning '{"hypothesis": {"sv": "x"}, "decision": "stop", "decided_on": "2026-01-01"}'
check "learning: nor a representative (403)" eq "$S" 403
ln_api "$LJ.coord" POST /api/v1/missions/gator/learning '{"hypothesis": {"sv": "x"}, "decision": "stop", "decided_on": "2026-01-01"}'
check "learning: nor skolmat's coordinator in gator (403)" eval 'eq "$S" 403 && eq "$(ln_audit)" "$N0"'
ln_api "$LJ.coord" POST /api/v1/missions/skolmat/learning '{"hypothesis": {"sv": "x"}, "decision": "continue", "decided_on": "2026-01-01"}'
check "learning: a decision that is not one is refused naming decision (422)" \
    eval 'eq "$S" 422 && eq "$(ln_field)" decision'
ln_api "$LJ.coord" POST /api/v1/missions/skolmat/learning '{"hypothesis": {"sv": ""}, "decision": "stop", "decided_on": "2026-01-01"}'
check "learning: no hypothesis is refused naming hypothesis" eval 'eq "$S" 422 && eq "$(ln_field)" hypothesis'
ln_api "$LJ.coord" POST /api/v1/missions/skolmat/learning "{\"hypothesis\": {\"sv\": \"x\"}, \"decision\": \"stop\", \"decided_on\": \"2026-01-01\", \"initiative_ids\": [$INI_A, $INI_A]}"
check "learning: an initiative named twice is refused naming initiative_ids" \
    eval 'eq "$S" 422 && eq "$(ln_field)" initiative_ids && eq "$(ln_audit)" "$N0"'
ln_api "$LJ.coord" POST /api/v1/missions/skolmat/learning "{\"hypothesis\": {\"sv\": \"Via API\", \"en\": \"Through the API\"}, \"decision\": \"stop\", \"decided_on\": \"2026-01-02\", \"objective_ids\": [$(q "SELECT MIN(id) FROM objective WHERE mission_id = $SKOLMAT")]}"
APIE=$(jq -r .id "$B")
check "learning: the coordinator adds an entry in the API: 201, Location, not public" \
    eval 'eq "$S" 201 && eq "$(hdr Location)" "/api/v1/learning/$APIE" && jqt "$B" ".is_public == false and (.objectives | length) == 1"'
ln_api "$LJ.coord" PATCH "/api/v1/learning/$APIE" '{"is_public": true}'
check "learning: a PATCH changes the member given, the rest kept" \
    eval 'eq "$S" 200 && jqt "$B" ".is_public == true and .hypothesis.en == \"Through the API\" and (.objectives | length) == 1"'
ln_api "$LJ.coord" PATCH "/api/v1/learning/$APIE" '{"mission": "gator"}'
check "learning: the mission is protected in a PATCH" eval 'eq "$S" 422 && eq "$(ln_field)" mission'
ln_api "$LJ.user" PATCH "/api/v1/learning/$APIE" '{"is_public": false}'
check "learning: a plain user may not change it (403)" eq "$S" 403
# a non-public entry or review is not there for one who may not see it: a PATCH answers as
# the GET does (404, the same as for one that does not exist), never 403, nothing written
N0=$(ln_audit)
fetch -b "$LJ.user" "/api/v1/learning/$HIDDEN"
check "learning: a plain user's GET of a non-public entry is 404" eq "$S" 404
ln_api "$LJ.user" PATCH "/api/v1/learning/$HIDDEN" '{"is_public": true}'
HIDDEN_BODY=$(jq -c . "$B")
check "learning: ... and so is their PATCH of it (404, not 403)" eq "$S" 404
ln_api "$LJ.user" PATCH /api/v1/learning/999999999 '{"is_public": true}'
check "learning: ... the answer an entry that does not exist gets" \
    eval 'eq "$S" 404 && eq "$(jq -c . "$B")" "$HIDDEN_BODY"'
ln_api "$LJ.rep" PATCH "/api/v1/learning/$HIDDEN" '{"is_public": true}'
check "learning: a representative's PATCH of it is 404 too" eq "$S" 404
G_HIDDEN_R=$(q "SELECT MIN(id) FROM portfolio_review WHERE mission_id = $GATOR AND is_public = 0")
ln_api "$LJ.coord" PATCH "/api/v1/portfolio_reviews/$G_HIDDEN_R" '{"is_public": true}'
check "learning: skolmat's coordinator's PATCH of gator's non-public review is 404, nothing written" \
    eval 'eq "$S" 404 && eq "$(ln_audit)" "$N0" && eq "$(q "SELECT is_public FROM learning_entry WHERE id = $HIDDEN")$(q "SELECT is_public FROM portfolio_review WHERE id = $G_HIDDEN_R")" 00'
# ... and so are their edit forms, to a visitor too (not a way to sign in, or 403)
fetch -b "$LJ.user" "/learning/$HIDDEN/edit"
check "learning: a plain user asking for a non-public entry's edit form gets 404, not 403" eq "$S" 404
fetch "/learning/$HIDDEN/edit"
check "learning: ... a visitor too, not sent to sign in" eq "$S" 404
fetch -b "$LJ.coord" "/reviews/$G_HIDDEN_R/edit"
check "learning: skolmat's coordinator asking for gator's non-public review's form gets 404" eq "$S" 404
csrf_of "$LJ.coord" /missions/skolmat/learning/new
post "$LJ.coord" "/reviews/$G_HIDDEN_R/edit" "csrf=$CSRF" "held_on=2026-04-02" "is_public=1"
check "learning: ... and 404 posting it, nothing written" \
    eval 'eq "$S" 404 && eq "$(ln_audit)" "$N0" && eq "$(q "SELECT is_public FROM portfolio_review WHERE id = $G_HIDDEN_R")" 0'
ln_api "$LJ.coord" POST /api/v1/missions/skolmat/portfolio_reviews '{"held_on": "2026-04-01", "person_ids": [999999999]}'
check "learning: a review with an unknown person is refused naming person_ids" \
    eval 'eq "$S" 422 && eq "$(ln_field)" person_ids'
ln_api "$LJ.coord" POST /api/v1/missions/skolmat/portfolio_reviews "{\"held_on\": \"2026-04-01\", \"is_public\": true, \"decisions\": {\"sv\": \"Beslut\"}, \"person_ids\": [$P1]}"
APIR=$(jq -r .id "$B")
check "learning: the coordinator records a review in the API (201)" \
    eval 'eq "$S" 201 && eq "$(hdr Location)" "/api/v1/portfolio_reviews/$APIR" && jqt "$B" "(.people | length) == 1"'
ln_api "$LJ.coord" PATCH "/api/v1/portfolio_reviews/$APIR" '{"held_on": "2026-04-31"}'
check "learning: a review's date that does not exist is refused naming held_on" \
    eval 'eq "$S" 422 && eq "$(ln_field)" held_on'
ln_api "$LJ.rep" PATCH "/api/v1/portfolio_reviews/$APIR" '{"is_public": false}'
check "learning: a representative may not change a review (403)" eq "$S" 403

# ---- the initiatives an entry may name: of its mission, and seen by the public (not an
# archived one, not a proposal that is not accepted); through the API as through the form
HOFORS=$(q "SELECT id FROM actor WHERE slug = 'hofors-kommun'")
ln_api "$LJ.coord" POST /api/v1/initiatives '{"mission": "skolmat", "title": {"sv": "Arkiveras strax"}, "status": "running"}'
GONE=$(jq -r .id "$B")
check "learning: the coordinator adds an initiative to skolmat (201)" eq "$S" 201
ln_api "$LJ.coord" POST "/api/v1/initiatives/$GONE/archive"
check "learning: ... and archives it" eval 'eq "$S" 200 && ne "$(q "SELECT COALESCE(archived_at, 0) FROM initiative WHERE id = $GONE")" 0'
ln_api "$LJ.rep" POST /api/v1/missions/skolmat/proposals "{\"title\": {\"sv\": \"Granskas ännu\"}, \"lead_actor_id\": $HOFORS}"
PENDING=$(jq -r .id "$B")
check "learning: the representative proposes an initiative to skolmat, under review" \
    eval 'eq "$S" 201 && eq "$(q "SELECT state FROM proposal WHERE initiative_id = $PENDING")" submitted'
N0=$(ln_audit); E0=$(ln_entries)
HIDDEN_WHY='is an initiative the public does not see (archived, or a proposal not accepted)'
ln_api "$LJ.coord" POST /api/v1/missions/skolmat/learning "{\"hypothesis\": {\"sv\": \"x\"}, \"decision\": \"stop\", \"decided_on\": \"2026-01-03\", \"initiative_ids\": [$INI_A, $GONE]}"
check "learning: an archived initiative is refused naming initiative_ids and why (422)" \
    eval 'eq "$S" 422 && eq "$(ln_field)" initiative_ids && eq "$(jq -r .error.message "$B")" "$HIDDEN_WHY"'
ln_api "$LJ.coord" POST /api/v1/missions/skolmat/learning "{\"hypothesis\": {\"sv\": \"x\"}, \"decision\": \"stop\", \"decided_on\": \"2026-01-03\", \"initiative_ids\": [$PENDING]}"
check "learning: so is a proposal under review" \
    eval 'eq "$S" 422 && eq "$(ln_field)" initiative_ids && eq "$(jq -r .error.message "$B")" "$HIDDEN_WHY"'
ln_api "$LJ.coord" POST /api/v1/missions/skolmat/learning "{\"hypothesis\": {\"sv\": \"x\"}, \"decision\": \"stop\", \"decided_on\": \"2026-01-03\", \"initiative_ids\": [$INI_G]}"
check "learning: so is an initiative of another mission" \
    eval 'eq "$S" 422 && eq "$(ln_field)" initiative_ids'
ln_api "$LJ.coord" PATCH "/api/v1/learning/$APIE" "{\"initiative_ids\": [$GONE]}"
check "learning: a PATCH naming an archived initiative is refused, the entry as it was" \
    eval 'eq "$S" 422 && eq "$(ln_field)" initiative_ids && eq "$(q "SELECT COUNT(*) FROM learning_initiative WHERE entry_id = $APIE")" 0'
csrf_of "$LJ.coord" /account/password
fetch -b "$LJ.coord" -X POST -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -H 'Accept-Language: sv' \
    --data-binary "{\"hypothesis\": {\"sv\": \"x\"}, \"decision\": \"stop\", \"decided_on\": \"2026-01-03\", \"initiative_ids\": [$GONE]}" \
    /api/v1/missions/skolmat/learning
check "learning: ... the reason in Swedish when Swedish is asked for" \
    eval 'eq "$S" 422 && eq "$(jq -r .error.message "$B")" "är ett initiativ som allmänheten inte ser (arkiverat, eller ett förslag som inte har antagits)"'
fetch -b "$LJ.coord" -X POST -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -H 'Accept-Language: sv' \
    --data-binary "{\"hypothesis\": {\"sv\": \"x\"}, \"decision\": \"stop\", \"decided_on\": \"2026-01-03\", \"initiative_ids\": [$INI_G]}" \
    /api/v1/missions/skolmat/learning
check "learning: ... and so is another mission's" \
    eval 'eq "$S" 422 && eq "$(jq -r .error.message "$B")" "är inte ett initiativ i missionen"'
check "learning: ... none of these refusals wrote anything" \
    eval 'eq "$(ln_audit)" "$N0" && eq "$(ln_entries)" "$E0"'
csrf_of "$LJ.coord" /missions/skolmat/learning/new
check "learning: the form offers neither of them" \
    eval 'eq "$S" 200 && lacks "value=\"$GONE\"" && lacks "value=\"$PENDING\""'
post "$LJ.coord" /missions/skolmat/learning/new "csrf=$CSRF" "hypothesis_sv=Skolor prövar nytt" \
    "decision=scale_up" "decided_on=2026-02-27" "initiative_ids=$GONE"
check "learning: a form posting the archived one anyway is refused beside the initiatives" \
    eval 'eq "$S" 422 && has "id=\"f-initiative_ids\" class=\"field field-with-error\"" && eq "$(ln_entries)" "$E0"'
