# t_31_role_limits.sh — what a role may not do beyond the rule that lets it edit, found by the
# review of issue 10: a lead actor's representative may edit its initiative but not hand it
# to another lead nor add organisations to it; an account may edit its own person but not
# list itself as another organisation's staff; nobody archives a proposal out of the review
# queue (only a decline ends one, and the proposer is told). Over the API and the forms,
# with the demo accounts; the database unchanged after each refusal.

LJ=$T/limitjar
rm -f "$LJ".*
HOFORS=$(q "SELECT id FROM actor WHERE slug = 'hofors-kommun'")
OTHER=$(q "SELECT MIN(id) FROM actor WHERE slug <> 'hofors-kommun' AND archived_at IS NULL AND id NOT IN (SELECT actor_id FROM actor_representative)")
INI=$(q "SELECT MIN(n.id) FROM initiative n JOIN mission m ON m.id = n.mission_id WHERE m.slug = 'skolmat' AND n.lead_actor_id = $HOFORS AND n.archived_at IS NULL AND n.id NOT IN (SELECT initiative_id FROM proposal)")
# an organisation not taking part in it
NEWCOMER=$(q "SELECT MIN(id) FROM actor WHERE id <> $HOFORS AND archived_at IS NULL AND id NOT IN (SELECT actor_id FROM initiative_actor WHERE initiative_id = $INI)")
OBJ=$(q "SELECT MIN(o.id) FROM objective o JOIN mission m ON m.id = o.mission_id WHERE m.slug = 'skolmat'")
err_field() { jq -r '.error.field // empty' "$B"; }
# api JAR METHOD PATH JSON — a JSON write with the session cookie and its X-CSRF-Token
api() { csrf_of "$1" /account; fetch -b "$1" -X "$2" -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" --data "$4" "$3"; }
parts() { q "SELECT actor_id || ':' || role FROM initiative_actor WHERE initiative_id = $INI ORDER BY actor_id" | tr '\n' ' '; }

require "limits: an initiative hofors-kommun leads, and another organisation" \
    eval 'ge "${INI:-0}" 1 && ge "${OTHER:-0}" 1 && ge "${NEWCOMER:-0}" 1'
require "limits: the representative of hofors-kommun signs in" sign_in_once "$LJ.rep" actor@example.org demo-actor-2026

# ---- 1. a lead's representative edits its initiative, within the lead's part
PARTS0=$(parts)
api "$LJ.rep" PATCH "/api/v1/initiatives/$INI" "{\"lead_actor_id\": $OTHER}"
check "limits: the representative cannot hand the initiative to another lead (403 naming lead_actor_id)" \
    eval 'eq "$S" 403 && eq "$(err_field)" lead_actor_id && eq "$(q "SELECT lead_actor_id FROM initiative WHERE id = $INI")" "$HOFORS"'
api "$LJ.rep" PATCH "/api/v1/initiatives/$INI" "{\"actors\": [{\"id\": $HOFORS, \"role\": \"lead\"}, {\"id\": $NEWCOMER, \"role\": \"partner\"}]}"
check "limits: ... nor add an organisation to its participants (403 naming actors), unchanged" \
    eval 'eq "$S" 403 && eq "$(err_field)" actors && eq "$(parts)" "$PARTS0"'
api "$LJ.rep" PATCH "/api/v1/initiatives/$INI" '{"summary": {"sv": "Hofors sammanfattar själv", "en": "Hofors sums up"}}'
check "limits: ... but edits what the lead says of it (200, stored)" \
    eval 'eq "$S" 200 && eq "$(q "SELECT summary_sv FROM initiative WHERE id = $INI")" "Hofors sammanfattar själv"'

# ---- 2. an account edits its own person, not its organisation
csrf_of "$LJ.m" /account/sign-up
post "$LJ.m" /account/sign-up "csrf=$CSRF" "name=Mallory Limits" "email=mallory-limits@example.se" "password=mallory limits password"
require "limits: a new account signs up" eq "$S" 303
MP=$(q "SELECT person_id FROM user_account WHERE email_key = 'mallory-limits@example.se'")
api "$LJ.m" PATCH "/api/v1/people/$MP" "{\"actor_id\": $OTHER, \"title\": {\"sv\": \"Generaldirektör\", \"en\": \"Director-General\"}}"
check "limits: an account cannot list itself as another organisation's staff over the API (403 naming actor_id)" \
    eval 'eq "$S" 403 && eq "$(err_field)" actor_id && eq "$(q "SELECT COALESCE(actor_id, 0) || title_sv FROM person WHERE id = $MP")" 0'
csrf_of "$LJ.m" "/people/$MP/edit"
post "$LJ.m" "/people/$MP/edit" "csrf=$CSRF" "name=Mallory Limits" "title_sv=Generaldirektör" "actor_id=$OTHER"
check "limits: ... nor through the form (422, the message beside the organisation, nothing stored)" \
    eval 'eq "$S" 422 && has "id=\"f-actor_id-error\"" && eq "$(q "SELECT COALESCE(actor_id, 0) || title_sv FROM person WHERE id = $MP")" 0'
fetch "/actors/$OTHER"
check "limits: ... and the organisation's page does not list it" lacks "Mallory Limits"
api "$LJ.m" PATCH "/api/v1/people/$MP" '{"title": {"sv": "Medborgare", "en": "Citizen"}}'
check "limits: ... while its own title it may set (200)" \
    eval 'eq "$S" 200 && eq "$(q "SELECT title_sv FROM person WHERE id = $MP")" Medborgare'

# ---- 3. a proposal leaves the queue only by its review
csrf_of "$LJ.rep" /missions/skolmat/propose
post "$LJ.rep" /missions/skolmat/propose "csrf=$CSRF" "lead=$HOFORS" "title_sv=Förslag att inte arkivera" "objectives=$OBJ"
PROP=$(q "SELECT MAX(initiative_id) FROM proposal")
require "limits: the representative proposes an initiative" \
    eval 'eq "$S" 303 && eq "$(q "SELECT state FROM proposal WHERE initiative_id = $PROP")" submitted'
require "limits: the coordinator of skolmat signs in" \
    sign_in_once "$LJ.co" coordinator@example.org demo-coordinator-2026 SAMVERKADEMOCOORDINATORKEY234567
STEPS=$(q "SELECT COUNT(*) FROM proposal_step WHERE initiative_id = $PROP")
MAILS=$(n_of mail_queue)
unchanged() { eq "$(q "SELECT COALESCE(n.archived_at, 0) || p.state FROM initiative n JOIN proposal p ON p.initiative_id = n.id WHERE n.id = $PROP")" 0submitted && eq "$(q "SELECT COUNT(*) FROM proposal_step WHERE initiative_id = $PROP")" "$STEPS" && eq "$(n_of mail_queue)" "$MAILS"; }
fetch -b "$LJ.co" "/initiatives/$PROP/archive"
check "limits: the coordinator is offered no archiving of a proposal under review (422, saying why)" \
    eval 'eq "$S" 422 && lacks "action=\"/initiatives/$PROP/archive\"" && unchanged'
csrf_of "$LJ.co" "/initiatives/$INI/archive"
post "$LJ.co" "/initiatives/$PROP/archive" "csrf=$CSRF"
check "limits: ... and archiving it through the form is refused (422), nothing changed" eval 'eq "$S" 422 && unchanged'
api "$LJ.co" POST "/api/v1/initiatives/$PROP/archive" '{}'
check "limits: ... nor through the API (422), nothing changed" eval 'eq "$S" 422 && unchanged'
