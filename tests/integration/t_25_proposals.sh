# t_25_proposals.sh — bottom-up proposals and the history pages over HTTP, with the demo
# accounts: actor@example.org (representative of hofors-kommun) proposes to skolmat, the
# coordinator of skolmat asks for changes with a comment, the proposer reads it, edits and
# sends it again, the coordinator accepts it and it is on the public list as bottom-up; a
# second proposal is declined with a reason; e-mails to both sides at each step; a
# coordinator of another mission gets 403; XSS in every text field and comment comes out
# escaped; the history pages say what changed without any address for a visitor, and who
# for the coordinator; with two proposals waiting, each one's comment field has an id of its own.

PJ=$T/pjar # the browsers: $PJ.actor, $PJ.coord, $PJ.gator, $PJ.visitor
rm -f "$PJ".*
XSS='<script>alert(1)</script>'
XSS2='"><img src=x onerror=alert(1)>'
ACTOR=actor@example.org
COORD=coordinator@example.org
# the page above its footer lacks the string (the footer shows the site's functional mailbox,
# an address of the site, not of a person: t_34_site.sh)
lacks_above_footer() { local page=${BF%%<footer*}; [[ $page != *"$1"* ]] || fail "\"$1\" is on the page: $(around "$page" "$1")"; }

mails_to() { q "SELECT COUNT(*) FROM mail_queue WHERE recipient = '$1'"; }
n_initiatives() { q "SELECT COUNT(*) FROM initiative"; }
state_of() { q "SELECT state FROM proposal WHERE initiative_id = $1"; }
escaped() { has '&lt;script&gt;' && lacks '<script>' && lacks '<img src=x'; }

# ---- a visitor: offered nothing but the history, sent to sign in
fetch /missions/skolmat
check "proposals: a visitor's mission page links its history, offers no proposal or review" \
    eval 'eq "$S" 200 && links_to /missions/skolmat/history && lacks "/missions/skolmat/propose" && lacks "/missions/skolmat/review"'
fetch /missions/skolmat/propose
check "proposals: a visitor asking for the proposal form is sent to sign in" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'

# ---- the representative proposes
check "proposals: the representative signs in" sign_in_once "$PJ.actor" "$ACTOR" demo-actor-2026
fetch -b "$PJ.actor" /missions/skolmat
check "proposals: ... the mission page offers them \"Propose an initiative\"" \
    eval 'eq "$S" 200 && links_to /missions/skolmat/propose && lacks "/missions/skolmat/review"'
fetch -b "$PJ.actor" /account
check "proposals: ... and their account links to their proposals" eval 'eq "$S" 200 && links_to /account/proposals'
HOFORS=$(q "SELECT id FROM actor WHERE slug = 'hofors-kommun'")
PARTNER=$(q "SELECT id FROM actor WHERE slug <> 'hofors-kommun' ORDER BY id LIMIT 1")
OBJ=$(q "SELECT MIN(o.id) FROM objective o JOIN mission m ON m.id = o.mission_id WHERE m.slug = 'skolmat'")
csrf_of "$PJ.actor" /missions/skolmat/propose
check "proposals: the empty form is valid HTML, with the lead actor, objectives and participants" \
    eval 'eq "$S" 200 && tidy_clean && has "name=\"lead\"" && has "value=\"$HOFORS\"" && has "name=\"objectives\"" && has "name=\"part_actor_1\""'
N0=$(n_initiatives)
MA0=$(mails_to "$ACTOR")
MC0=$(mails_to "$COORD")
post "$PJ.actor" /missions/skolmat/propose "csrf=$CSRF" "lead=$HOFORS" "title_sv=" \
    "summary_sv=Kept $XSS" "budget=many" "objectives=$OBJ"
check "proposals: a proposal without a title: 422, the errors beside title and budget, values kept" \
    eval 'eq "$S" 422 && has "id=\"f-title_sv-error\"" && has "id=\"f-budget-error\"" && has "href=\"#f-title_sv\"" && has "value=\"many\"" && escaped'
check "proposals: ... its page is valid HTML titled Error" eval 'tidy_clean && has "<title>Fel: "'
check "proposals: ... nothing was written or mailed" \
    eval 'eq "$(n_initiatives)" "$N0" && eq "$(mails_to "$ACTOR")" "$MA0"'
post "$PJ.actor" /missions/skolmat/propose "csrf=$CSRF" "lead=$HOFORS" "title_sv=Skolmat $XSS" \
    "title_en=Meals $XSS2" "summary_sv=Vi vill $XSS pröva" "summary_en=$XSS2" "budget=250 000" \
    "start_date=2026-01-01" "end_date=2027-12-31" "objectives=$OBJ" "part_actor_1=$PARTNER" \
    "part_role_1=partner" "sdg_targets=2.1, 12.3"
check "proposals: a good proposal redirects to My proposals" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" /account/proposals'
P1=$(q "SELECT MAX(initiative_id) FROM proposal")
check "proposals: ... it is a bottom-up initiative, proposed, waiting for review" \
    eval 'eq "$(q "SELECT origin || '"' '"' || status FROM initiative WHERE id = $P1")" "bottom_up proposed" && eq "$(state_of "$P1")" submitted'
check "proposals: ... with its participant, objective, SDG targets and budget" \
    eval 'eq "$(q "SELECT (SELECT COUNT(*) FROM initiative_actor WHERE initiative_id = $P1) || '"' '"' || (SELECT COUNT(*) FROM initiative_objective WHERE initiative_id = $P1) || '"' '"' || (SELECT COUNT(*) FROM initiative_sdg_target WHERE initiative_id = $P1) || '"' '"' || budget_sek FROM initiative WHERE id = $P1")" "2 1 2 250000"'
check "proposals: ... an e-mail to the proposer and to the coordinator" \
    eval 'eq "$(mails_to "$ACTOR")" $((MA0 + 1)) && eq "$(mails_to "$COORD")" $((MC0 + 1))'
fetch /initiatives/$P1
check "proposals: ... not public while under review: its page is 404" eq "$S" 404
fetch /api/v1/initiatives/$P1
check "proposals: ... nor in the API" eq "$S" 404
fetch "/initiatives?mission=skolmat&origin=bottom_up"
check "proposals: ... nor on the list of initiatives" eval 'eq "$S" 200 && lacks "/initiatives/$P1\""'
fetch /missions/skolmat/history
check "proposals: ... nor in the mission's history" eval 'eq "$S" 200 && lacks "Skolmat &lt;script"'
fetch -b "$PJ.actor" /account/proposals
check "proposals: My proposals lists it, waiting for review, escaped, valid HTML" \
    eval 'eq "$S" 200 && text_has "Väntar på granskning" && escaped && tidy_clean'

# ---- another mission's coordinator and the visitor cannot review
"$BIN" user add --db "$DB" --email gator-coord@example.se --name "Gata Samordnare" \
    --coordinator gator --password-stdin <<<"a long enough password" >"$T/gator-add.out" 2>&1
GKEY=$(grep -o 'secret=[A-Z2-7]*' "$T/gator-add.out" | head -1 | cut -d= -f2)
check "proposals: a coordinator of gator signs in" \
    sign_in_once "$PJ.gator" gator-coord@example.se "a long enough password" "$GKEY"
fetch -b "$PJ.gator" /missions/skolmat/review
check "proposals: ... skolmat's review queue is 403 for them" eq "$S" 403
csrf_of "$PJ.gator" /missions/gator/review
post "$PJ.gator" /initiatives/$P1/review/accept "csrf=$CSRF"
check "proposals: ... accepting skolmat's proposal is 403, and nothing changes" \
    eval 'eq "$S" 403 && eq "$(state_of "$P1")" submitted'
post "$PJ.gator" /initiatives/$P1/review/changes "csrf=$CSRF" "comment=no"
check "proposals: ... so is asking for changes" eval 'eq "$S" 403 && eq "$(state_of "$P1")" submitted'
fetch /missions/skolmat/review
check "proposals: a visitor asking for the review queue is sent to sign in" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
post "$PJ.actor" /initiatives/$P1/review/accept "comment=x"
check "proposals: a post without its CSRF token is 403" eval 'eq "$S" 403 && eq "$(state_of "$P1")" submitted'
csrf_of "$PJ.actor" /account/proposals
post "$PJ.actor" /initiatives/$P1/review/accept "csrf=$CSRF"
check "proposals: the proposer cannot accept their own proposal (403)" \
    eval 'eq "$S" 403 && eq "$(state_of "$P1")" submitted'

# ---- the coordinator asks for changes
check "proposals: the coordinator of skolmat signs in" \
    sign_in_once "$PJ.coord" "$COORD" demo-coordinator-2026 SAMVERKADEMOCOORDINATORKEY234567
fetch -b "$PJ.coord" /missions/skolmat
check "proposals: ... the mission page links them to the review queue" \
    eval 'eq "$S" 200 && links_to /missions/skolmat/review'
csrf_of "$PJ.coord" /missions/skolmat/review
check "proposals: ... the queue lists the proposal with its proposer, escaped, valid HTML" \
    eval 'eq "$S" 200 && has "$ACTOR" && escaped && tidy_clean && has "/initiatives/$P1/review/accept"'
post "$PJ.coord" /initiatives/$P1/review/changes "csrf=$CSRF" "comment="
check "proposals: asking for changes without a comment: 422, the error beside it, valid HTML" \
    eval 'eq "$S" 422 && has "id=\"f-comment-$P1-error\"" && has "href=\"#f-comment-$P1\"" && tidy_clean && eq "$(state_of "$P1")" submitted'
post "$PJ.coord" /initiatives/$P1/review/changes "csrf=$CSRF" "comment=Lägg till $XSS en plan $XSS2"
check "proposals: the coordinator asks for changes with a comment (303 to the queue)" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/missions/skolmat/review" && eq "$(state_of "$P1")" changes_requested'
check "proposals: ... both sides got an e-mail" \
    eval 'eq "$(mails_to "$ACTOR")" $((MA0 + 2)) && eq "$(mails_to "$COORD")" $((MC0 + 2))'
fetch -b "$PJ.actor" /account/proposals
check "proposals: the proposer sees the comment, escaped, and a link to edit" \
    eval 'eq "$S" 200 && text_has "Lägg till" && escaped && links_to /initiatives/$P1/resubmit'

# ---- the proposer edits and sends it again
csrf_of "$PJ.actor" /initiatives/$P1/resubmit
check "proposals: the edit form shows the comment and the stored values, valid HTML" \
    eval 'eq "$S" 200 && tidy_clean && text_has "Lägg till" && has "value=\"250000\"" && escaped'
post "$PJ.actor" /initiatives/$P1/resubmit "csrf=$CSRF" "title_sv=" "budget=250000"
check "proposals: a resubmission without a title: 422, nothing changes" \
    eval 'eq "$S" 422 && has "id=\"f-title_sv-error\"" && tidy_clean && eq "$(state_of "$P1")" changes_requested'
post "$PJ.actor" /initiatives/$P1/resubmit "csrf=$CSRF" "lead=$PARTNER" "title_sv=Skolmat med plan" \
    "summary_sv=Nu med plan" "budget=300000" "objectives=$OBJ" "part_actor_1=$PARTNER" \
    "part_role_1=funder" "sdg_targets=2.1"
check "proposals: the proposer sends it again (303); waiting for review again" \
    eval 'eq "$S" 303 && eq "$(state_of "$P1")" submitted'
check "proposals: ... with the new title and budget, the lead kept (not the form's)" \
    eval 'eq "$(q "SELECT title_sv || '"' '"' || budget_sek || '"' '"' || lead_actor_id FROM initiative WHERE id = $P1")" "Skolmat med plan 300000 $HOFORS"'
fetch -b "$PJ.gator" /initiatives/$P1/resubmit
check "proposals: another account cannot open the edit form (403)" eq "$S" 403

# ---- the coordinator accepts
csrf_of "$PJ.coord" /initiatives/$P1/review/accept
check "proposals: accepting asks for confirmation first (valid HTML)" \
    eval 'eq "$S" 200 && tidy_clean && has "action=\"/initiatives/$P1/review/accept\"" && eq "$(state_of "$P1")" submitted'
post "$PJ.coord" /initiatives/$P1/review/accept "csrf=$CSRF" "comment=Välkomna!"
check "proposals: the coordinator accepts it (303 to the initiative's page)" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" /initiatives/$P1 && eq "$(state_of "$P1")" accepted'
check "proposals: ... the initiative is accepted and bottom-up" \
    eval 'eq "$(q "SELECT origin || '"' '"' || status FROM initiative WHERE id = $P1")" "bottom_up accepted"'
fetch "/initiatives?mission=skolmat&origin=bottom_up"
check "proposals: ... it is on the public list of bottom-up initiatives" \
    eval 'eq "$S" 200 && links_to /initiatives/$P1 && text_has "Skolmat med plan"'
fetch /initiatives/$P1
check "proposals: ... its page is public and links its history" \
    eval 'eq "$S" 200 && links_to /initiatives/$P1/history'
check "proposals: e-mails to both sides at each of the four steps" \
    eval 'eq "$(mails_to "$ACTOR")" $((MA0 + 4)) && eq "$(mails_to "$COORD")" $((MC0 + 4))'
post "$PJ.coord" /initiatives/$P1/review/decline "csrf=$CSRF" "comment=late"
check "proposals: a decided proposal is not decided again (422)" \
    eval 'eq "$S" 422 && eq "$(state_of "$P1")" accepted'

# ---- a second proposal, declined with a reason
csrf_of "$PJ.actor" /missions/skolmat/propose
post "$PJ.actor" /missions/skolmat/propose "csrf=$CSRF" "lead=$HOFORS" "title_sv=Andra förslaget"
P2=$(q "SELECT MAX(initiative_id) FROM proposal")
check "proposals: a second proposal" eval 'eq "$S" 303 && ne "$P2" "$P1" && eq "$(state_of "$P2")" submitted'
csrf_of "$PJ.coord" /initiatives/$P2/review/decline
check "proposals: declining asks for confirmation and a reason (valid HTML)" \
    eval 'eq "$S" 200 && tidy_clean && has "name=\"comment\""'
post "$PJ.coord" /initiatives/$P2/review/decline "csrf=$CSRF" "comment="
check "proposals: declining without a reason: 422, valid HTML, nothing changes" \
    eval 'eq "$S" 422 && has "id=\"f-comment-error\"" && tidy_clean && eq "$(state_of "$P2")" submitted'
post "$PJ.coord" /initiatives/$P2/review/decline "csrf=$CSRF" "comment=Utanför uppdraget $XSS"
check "proposals: the coordinator declines it with a reason" \
    eval 'eq "$S" 303 && eq "$(state_of "$P2")" declined && eq "$(q "SELECT status FROM initiative WHERE id = $P2")" declined'
fetch /initiatives/$P2
check "proposals: ... a declined proposal stays private (404)" eq "$S" 404
fetch /initiatives/$P2/history
check "proposals: ... its history too" eq "$S" 404
fetch -b "$PJ.actor" /account/proposals
check "proposals: the proposer reads the reason, escaped" \
    eval 'eq "$S" 200 && text_has "Utanför uppdraget" && text_has "Avslaget" && escaped'
check "proposals: e-mails to both sides at the second proposal's two steps" \
    eval 'eq "$(mails_to "$ACTOR")" $((MA0 + 6)) && eq "$(mails_to "$COORD")" $((MC0 + 6))'

# ---- history: what changed, no address for the public, who for the coordinator
fetch /initiatives/$P1/history
check "history: the initiative's history is public and valid HTML" eval 'eq "$S" 200 && tidy_clean'
check "history: ... it says what changed, field by field" \
    eval 'text_has "Titel på svenska: Skolmat" && text_has "→ Skolmat med plan" && text_has "Godkände förslaget"'
check "history: ... codes, actors and lists in words (labels, names, roles), not as stored" \
    eval 'text_has "Status: Föreslaget → Antaget" && text_has "Hofors kommun (Huvudansvarig)" && text_has "(Finansiär)" && text_has "12.3, 2.1 → 2.1" && lacks "actor_id"'
check "history: ... the coordinator by name, never an address" \
    eval 'text_has "Maria Holm" && lacks_above_footer "@example.org" && lacks "@example.se"'
check "history: ... values escaped" escaped
check "history: ... shared with the public (cacheable, not private)" \
    eval 'nomatch "$(hdr Cache-Control)" "private"'
fetch -b "$PJ.coord" /initiatives/$P1/history
check "history: the mission's coordinator sees who (the addresses)" \
    eval 'eq "$S" 200 && has "$COORD" && has "$ACTOR"'
fetch -b "$PJ.actor" /initiatives/$P1/history
check "history: the proposer, no coordinator, sees no other address than their own (the header)" \
    eval 'eq "$S" 200 && lacks "$COORD"'
fetch /missions/skolmat/history
check "history: the mission's history is public, valid HTML, without addresses" \
    eval 'eq "$S" 200 && tidy_clean && text_has "Skolmat med plan" && lacks_above_footer "@example.org" && lacks "Andra förslaget"'
fetch "/missions/skolmat/history?lang=en"
check "history: ... in English too" eval 'eq "$S" 200 && tidy_clean && text_has "History"'
fetch -b "$PJ.coord" /missions/skolmat/history
check "history: ... with who for the coordinator" eval 'eq "$S" 200 && has "$COORD"'
fetch "/missions/skolmat/history?page=999"
check "history: a page past the last is 404" eq "$S" 404

# ---- two proposals waiting: each one's comment field has an id, a label and a hint of its own
ids_unique() {
    local d
    d=$(grep -o ' id="[^"]*"' <<<"$BF" | sort | uniq -d)
    [ -z "$d" ] || fail "ids more than once: $(tr '\n' ' ' <<<"$d")"
}
# the comment field of proposal $1: its textarea's id, its label's for=, its aria-describedby
own_field() {
    has_re "<label for=\"f-comment-$1\">" &&
        has_re "<textarea id=\"f-comment-$1\" name=\"comment\"[^>]* aria-describedby=\"f-comment-$1-hint( [^\"]*)?\"" &&
        has "id=\"f-comment-$1-hint\""
}
csrf_of "$PJ.actor" /missions/skolmat/propose
post "$PJ.actor" /missions/skolmat/propose "csrf=$CSRF" "lead=$HOFORS" "title_sv=Tredje förslaget"
Q1=$(q "SELECT MAX(initiative_id) FROM proposal")
post "$PJ.actor" /missions/skolmat/propose "csrf=$CSRF" "lead=$HOFORS" "title_sv=Fjärde förslaget"
Q2=$(q "SELECT MAX(initiative_id) FROM proposal")
check "queue: two more proposals wait for review" \
    eval 'ne "$Q1" "$Q2" && eq "$(state_of "$Q1") $(state_of "$Q2")" "submitted submitted"'
csrf_of "$PJ.coord" /missions/skolmat/review
check "queue: with two proposals, no id is on the page twice; valid HTML" \
    eval 'eq "$S" 200 && eq "$(count "name=\"comment\"")" 2 && ids_unique && tidy_clean'
check "queue: ... each comment field has its own id, named by its own label, its own hint" \
    eval 'own_field "$Q1" && own_field "$Q2" && lacks "id=\"f-comment\""'
post "$PJ.coord" /initiatives/$Q2/review/changes "csrf=$CSRF" "comment="
check "queue: no comment on the second proposal: 422, the summary links to its field" \
    eval 'eq "$S" 422 && has "href=\"#f-comment-$Q2\"" && lacks "href=\"#f-comment\"" && ids_unique && tidy_clean && eq "$(state_of "$Q2")" submitted'
check "queue: ... that field is marked invalid with its error, the first one is not" \
    eval 'has_re "<textarea id=\"f-comment-$Q2\" name=\"comment\"[^>]* aria-describedby=\"f-comment-$Q2-hint f-comment-$Q2-error\" aria-invalid=\"true\"" && has "id=\"f-comment-$Q2-error\"" && eq "$(count "aria-invalid=\"true\"")" 1 && own_field "$Q1"'
