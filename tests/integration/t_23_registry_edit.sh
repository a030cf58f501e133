# t_23_registry_edit.sh — the registry's forms in the browser and its writes in the API
# (issue 10): actors (organisation number checked), people (contact details public only
# when marked so) and top-down initiatives, added, edited and archived by the roles the
# authorization table names and by no one else. Each form: valid HTML empty and with
# errors; a success redirects and the page shows the change; a refusal names the field,
# keeps the values and changes nothing; XSS payloads come out escaped; a visitor is sent to
# sign in and a signed-in user without the right gets 403.

RJ=$T/reg-jar # the test's browsers: $RJ.admin, $RJ.coord, $RJ.rep, $RJ.user, $RJ.anon
rm -f "$RJ".*
RPW='a long enough password'
XSS1='<script>alert(1)</script>'
XSS2='"><img src=x onerror=alert(1)>'
xss_escaped() { has '&lt;script&gt;alert(1)&lt;/script&gt;' && lacks '<script>alert(1)' && lacks '<img src=x'; }
# ... in Markdown (cmark's safe mode drops raw HTML): inert either way
xss_inert() { lacks '<script>alert(1)' && lacks '<img src=x'; }
# the audit log's length: a refused write adds nothing to it
audit_n() { q "SELECT COUNT(*) FROM audit_log"; }
HOFORS=$(q "SELECT id FROM actor WHERE slug = 'hofors-kommun'")
OTHER=$(q "SELECT id FROM actor WHERE slug = 'vinnova'")

# ---- who: an admin and a coordinator of skolmat of our own (their codes are ours alone:
# another file's sign-in cannot have spent them), the demo representative of Hofors kommun
# and a plain signed-in user
"$BIN" user add --db "$DB" --email reg-admin@example.se --name "Reg Admin" --role admin \
    --password-stdin <<<"$RPW" >"$T/reg-admin.out" 2>&1
"$BIN" user add --db "$DB" --email reg-coord@example.se --name "Reg Coord" \
    --coordinator skolmat --password-stdin <<<"$RPW" >"$T/reg-coord.out" 2>&1
key_of() { grep -o 'secret=[A-Z2-7]*' "$1" | head -1 | cut -d= -f2; }
# first_sign_in JAR EMAIL KEY — the first sign-in of an account user add made: password,
# then the code of the key it printed (the answer shows the recovery codes, with a session)
first_sign_in()
{
    csrf_of "$1" /account/sign-in
    post "$1" /account/sign-in "csrf=$CSRF" "email=$2" "password=$RPW"
    post "$1" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$3")"
    [ -n "$(jar_cookie "$1" samverka_session)" ] || fail "first sign-in of $2: no session ($S)"
}
check "registry: an admin signs in" first_sign_in "$RJ.admin" reg-admin@example.se "$(key_of "$T/reg-admin.out")"
check "registry: a coordinator of skolmat signs in" first_sign_in "$RJ.coord" reg-coord@example.se "$(key_of "$T/reg-coord.out")"
check "registry: the representative of Hofors kommun signs in" sign_in "$RJ.rep" actor@example.org demo-actor-2026
csrf_of "$RJ.user" /account/sign-up
post "$RJ.user" /account/sign-up "csrf=$CSRF" "name=Plain User" "email=reg-user@example.se" "password=$RPW"
check "registry: a plain user signs up" eval 'eq "$S" 303'

# ================================================================== actors

fetch /actors/new
check "actors: a visitor asking for the new-actor form is sent to sign in" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch -b "$RJ.user" /actors/new
check "actors: a plain signed-in user gets 403 for the new-actor form" eq "$S" 403
fetch -b "$RJ.rep" /actors/new
check "actors: so does a representative (they edit their actor, never add one)" eq "$S" 403
csrf_of "$RJ.coord" /actors/new
check "actors: a coordinator gets the empty form, valid HTML" eval 'eq "$S" 200 && has "name=\"orgnr\"" && tidy_clean'
N0=$(audit_n); A0=$(q "SELECT COUNT(*) FROM actor")
post "$RJ.coord" /actors/new "csrf=$CSRF" "name=Reg Test AB $XSS1" "orgnr=559900-1237" "sector=private" \
    "website=https://example.se/" "disciplines=Mat Logistik" "description_sv=$XSS2"
check "actors: a wrong check digit is refused beside the organisation number (422), the values kept" \
    eval 'eq "$S" 422 && has "id=\"f-orgnr-error\"" && has "href=\"#f-orgnr\"" && has "value=\"559900-1237\"" && has "value=\"https://example.se/\""'
check "actors: ... the title starts with Error and the page is valid HTML" \
    eval 'match "$BF" "<title>(Error|Fel): " && tidy_clean'
check "actors: ... the entered text comes back escaped" xss_escaped
check "actors: ... and nothing is written" eval 'eq "$(audit_n)" "$N0" && eq "$(q "SELECT COUNT(*) FROM actor")" "$A0"'
post "$RJ.coord" /actors/new "csrf=$CSRF" "name=Reg Test AB $XSS1" "orgnr=559900-1236" "sector=nonsense"
check "actors: a sector outside the code set is refused beside it" eval 'eq "$S" 422 && has "id=\"f-sector-error\""'
post "$RJ.coord" /actors/new "csrf=$CSRF" "name=Reg Test AB $XSS1" "orgnr=559900-1236" "sector=private" \
    "website=javascript:alert(1)"
check "actors: a website that is not http(s) is refused beside it" eval 'eq "$S" 422 && has "id=\"f-website-error\""'
post "$RJ.coord" /actors/new "csrf=$CSRF" "name=Reg Test AB $XSS1" "orgnr=5599001236" "sector=private" \
    "municipality=2104" "website=https://example.se/" "disciplines=Mat
Logistik
$XSS2" "description_sv=$XSS2" "description_en=In English"
NEWA=$(q "SELECT id FROM actor WHERE orgnr = '559900-1236'")
check "actors: a good form creates the actor and redirects to its page (303)" \
    eval 'eq "$S" 303 && nonempty "$NEWA" && eq "$(hdr Location)" "/actors/$NEWA"'
check "actors: ... with a slug made from the name and the number in its stored form" \
    eval 'eq "$(q "SELECT slug || '"'"' '"'"' || sector || '"'"' '"'"' || municipality FROM actor WHERE id = $NEWA")" "reg-test-ab-script-alert-1-script private 2104"'
fetch "/actors/$NEWA"
check "actors: the actor's page shows it, every text escaped (the name, the disciplines)" \
    eval 'eq "$S" 200 && has "559900-1236" && has "Logistik" && has "&quot;&gt;&lt;img src=x" && has "Hofors" && xss_escaped'
fetch -b "$RJ.coord" "/actors/$NEWA"
check "actors: ... and offers the coordinator Edit and Archive" \
    eval 'links_to "/actors/$NEWA/edit" && links_to "/actors/$NEWA/archive"'
fetch "/actors/$NEWA"
check "actors: ... a visitor is offered neither" eval 'lacks "/actors/$NEWA/edit" && lacks "/archive"'
fetch -b "$RJ.coord" /actors
check "actors: the list offers a coordinator \"Add an actor\"" links_to /actors/new
fetch /actors
check "actors: ... and a visitor nothing" lacks /actors/new
post "$RJ.coord" /actors/new "csrf=$CSRF" "name=Another" "orgnr=559900-1236" "sector=public"
check "actors: an organisation number another actor has is refused beside it" \
    eval 'eq "$S" 422 && has "id=\"f-orgnr-error\""'

# edit: the representative of Hofors kommun may edit Hofors kommun, not another actor
fetch -b "$RJ.rep" "/actors/$OTHER/edit"
check "actors: the representative of Hofors kommun gets 403 editing another actor" eq "$S" 403
csrf_of "$RJ.rep" "/actors/$HOFORS/edit"
check "actors: ... and the filled-in edit form of Hofors kommun, valid HTML" \
    eval 'eq "$S" 200 && has "value=\"hofors-kommun\"" && tidy_clean'
post "$RJ.rep" "/actors/$OTHER/edit" "csrf=$CSRF" "slug=vinnova" "name=Taken over" "sector=public"
check "actors: ... posting to another actor's form is 403 and changes nothing" \
    eval 'eq "$S" 403 && eq "$(q "SELECT name FROM actor WHERE id = $OTHER")" Vinnova'
HNAME=$(q "SELECT name FROM actor WHERE id = $HOFORS")
post "$RJ.rep" "/actors/$HOFORS/edit" "csrf=$CSRF" "slug=hofors-kommun" "name=$HNAME" "sector=public" \
    "orgnr=212000-2" "municipality=2104" "description_sv=Ny beskrivning $XSS1"
check "actors: a bad organisation number on edit is refused beside it, nothing changed" \
    eval 'eq "$S" 422 && has "id=\"f-orgnr-error\"" && has "Ny beskrivning &lt;script&gt;" && ne "$(q "SELECT description_sv FROM actor WHERE id = $HOFORS")" "Ny beskrivning $XSS1"'
ORG=$(q "SELECT COALESCE(orgnr, '') FROM actor WHERE id = $HOFORS")
post "$RJ.rep" "/actors/$HOFORS/edit" "csrf=$CSRF" "slug=hofors-kommun" "name=$HNAME" "sector=public" \
    "orgnr=$ORG" "municipality=2104" "description_sv=Ny beskrivning $XSS1"
check "actors: the representative's edit of Hofors kommun is saved and redirects to it" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" "/actors/$HOFORS" && eq "$(q "SELECT description_sv FROM actor WHERE id = $HOFORS")" "Ny beskrivning $XSS1"'
fetch "/actors/$HOFORS"
check "actors: ... the page shows the new description (Markdown), the payload inert" eval 'has "Ny beskrivning" && xss_inert'
post "$RJ.rep" "/actors/$HOFORS/edit" "slug=hofors-kommun" "name=No token" "sector=public"
check "actors: a post without the CSRF token is 403 and changes nothing" \
    eval 'eq "$S" 403 && eq "$(q "SELECT name FROM actor WHERE id = $HOFORS")" "$HNAME"'
post "$RJ.anon" "/actors/$HOFORS/edit" "csrf=x" "name=Visitor"
check "actors: a visitor's post is sent to sign in and changes nothing" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in" && eq "$(q "SELECT name FROM actor WHERE id = $HOFORS")" "$HNAME"'

# archive: a confirmation, then the post; the representative may not
fetch -b "$RJ.rep" "/actors/$HOFORS/archive"
check "actors: the representative may not archive (403)" eq "$S" 403
csrf_of "$RJ.coord" "/actors/$NEWA/archive"
check "actors: archiving asks first, valid HTML" \
    eval 'eq "$S" 200 && has "action=\"/actors/$NEWA/archive\"" && tidy_clean'
check "actors: ... the confirmation changed nothing" eval 'eq "$(q "SELECT COUNT(*) FROM actor WHERE id = $NEWA AND archived_at IS NULL")" 1'
post "$RJ.coord" "/actors/$NEWA/archive" "csrf=$CSRF"
check "actors: the archive post archives and redirects to the page" \
    eval 'eq "$S" 303 && eq "$(q "SELECT COUNT(*) FROM actor WHERE id = $NEWA AND archived_at IS NOT NULL")" 1'
fetch "/actors/$NEWA"
check "actors: the archived actor's page says Archived" eval 'eq "$S" 200 && match "$BF" "(Archived|Arkiverad)"'
fetch /actors?page=1
check "actors: ... and it has left the list" lacks "/actors/$NEWA\""

# ================================================================== people

fetch /people/new
check "people: a visitor asking for the new-person form is sent to sign in" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch -b "$RJ.user" /people/new
check "people: a plain signed-in user gets 403" eq "$S" 403
fetch -b "$RJ.rep" "/people/new?actor=$OTHER"
check "people: the representative of Hofors kommun may not add a person to another actor (403)" eq "$S" 403
csrf_of "$RJ.rep" "/people/new?actor=$HOFORS"
check "people: ... but to Hofors kommun: the form, its actor chosen, valid HTML" \
    eval 'eq "$S" 200 && has "<option value=\"$HOFORS\" selected>" && tidy_clean'
N0=$(audit_n)
post "$RJ.rep" /people/new "csrf=$CSRF" "name=Secret Person $XSS1" "title_sv=$XSS2" "actor_id=$HOFORS" \
    "email=secret.person@example.se" "phone=ring mig"
check "people: a phone number with letters is refused beside it (422), the values kept, escaped" \
    eval 'eq "$S" 422 && has "id=\"f-phone-error\"" && has "value=\"secret.person@example.se\"" && xss_escaped && tidy_clean'
check "people: ... and nothing is written" eval 'eq "$(audit_n)" "$N0"'
post "$RJ.rep" /people/new "csrf=$CSRF" "name=Secret Person $XSS1" "actor_id=$OTHER" \
    "email=secret.person@example.se"
check "people: the representative posting a person of another actor gets 403, nothing written" \
    eval 'eq "$S" 403 && eq "$(audit_n)" "$N0"'
post "$RJ.rep" /people/new "csrf=$CSRF" "name=Secret Person $XSS1" "title_sv=$XSS2" "actor_id=$HOFORS" \
    "email=secret.person@example.se" "phone=+46 70-123 45 67"
NEWP=$(q "SELECT id FROM person WHERE email = 'secret.person@example.se'")
check "people: a good form adds the person, private by default, and redirects to their page" \
    eval 'eq "$S" 303 && nonempty "$NEWP" && eq "$(hdr Location)" "/people/$NEWP" && eq "$(q "SELECT contact_public FROM person WHERE id = $NEWP")" 0'

# the contact privacy: the e-mail and phone are on no public page and in no API response
# until the person is marked public
private_everywhere()
{
    local p
    for p in "/people/$NEWP" "/actors/$HOFORS" "/people/$NEWP?lang=en" "/api/v1/people/$NEWP" \
        "/api/v1/actors/$HOFORS" "/api/v1/people?per_page=100" "/api/v1/people?per_page=100&page=2"; do
        fetch "$p"
        [ "$S" = 200 ] || [ "$S" = 404 ] || { fail "$p: $S"; return; }
        [[ $BF != *secret.person@example.se* && $BF != *"123 45 67"* ]] || { fail "$p shows the contact details"; return; }
    done
}
check "people: a private person's e-mail and phone are on no public page or API response" private_everywhere
fetch "/people/$NEWP"
check "people: ... their page shows the name, escaped" eval 'eq "$S" 200 && xss_escaped && tidy_clean'
fetch "/api/v1/people/$NEWP"
check "people: ... the API says email and phone are null and contact_public false" \
    jqt "$B" '.email == null and .phone == null and .contact_public == false'
fetch -b "$RJ.rep" "/people/$NEWP/edit"
check "people: the representative may not edit the person (admins, coordinators and the person's own account do)" eq "$S" 403
csrf_of "$RJ.coord" "/people/$NEWP/edit"
check "people: a coordinator's edit form shows the stored, private e-mail" \
    eval 'eq "$S" 200 && has "value=\"secret.person@example.se\"" && tidy_clean'
post "$RJ.coord" "/people/$NEWP/edit" "csrf=$CSRF" "name=Secret Person" "actor_id=$HOFORS" \
    "email=not an address" "contact_public=1"
check "people: a bad e-mail on edit is refused beside it, nothing changed" \
    eval 'eq "$S" 422 && has "id=\"f-email-error\"" && eq "$(q "SELECT contact_public FROM person WHERE id = $NEWP")" 0'
post "$RJ.coord" "/people/$NEWP/edit" "csrf=$CSRF" "name=Public Person" "actor_id=$HOFORS" \
    "email=secret.person@example.se" "phone=+46 70-123 45 67" "contact_public=1"
check "people: marked public, the edit is saved and redirects" \
    eval 'eq "$S" 303 && eq "$(q "SELECT contact_public || name FROM person WHERE id = $NEWP")" "1Public Person"'
fetch "/people/$NEWP"
check "people: ... now their page shows the e-mail and phone" eval 'has "secret.person@example.se" && has "123 45 67"'
fetch "/actors/$HOFORS"
check "people: ... and so does the actor's page" has "secret.person@example.se"
fetch "/api/v1/people/$NEWP"
check "people: ... and the API" jqt "$B" '.email == "secret.person@example.se" and .contact_public == true'

# the person's own account may edit itself
SELF=$(q "SELECT person_id FROM user_account WHERE email_key = 'reg-user@example.se'")
csrf_of "$RJ.user" "/people/$SELF/edit"
check "people: a signed-in user may edit their own person" eval 'eq "$S" 200 && tidy_clean'
post "$RJ.user" "/people/$SELF/edit" "csrf=$CSRF" "name=Plain User Renamed"
check "people: ... and it is saved" eval 'eq "$S" 303 && eq "$(q "SELECT name FROM person WHERE id = $SELF")" "Plain User Renamed"'
fetch -b "$RJ.user" "/people/$NEWP/edit"
check "people: ... but not someone else (403)" eq "$S" 403

# archive
fetch -b "$RJ.user" "/people/$SELF/archive"
check "people: a person may not archive themselves (admins and coordinators do)" eq "$S" 403
csrf_of "$RJ.admin" "/people/$NEWP/archive"
check "people: the archive confirmation, valid HTML" eval 'eq "$S" 200 && tidy_clean'
post "$RJ.admin" "/people/$NEWP/archive" "csrf=$CSRF"
check "people: an admin archives the person" \
    eval 'eq "$S" 303 && eq "$(q "SELECT COUNT(*) FROM person WHERE id = $NEWP AND archived_at IS NOT NULL")" 1'
fetch "/actors/$HOFORS"
check "people: ... who leaves the actor's people" lacks "/people/$NEWP\""
fetch "/people/$NEWP"
check "people: ... and whose page says Archived" match "$BF" "(Archived|Arkiverad)"

# the demo people: the teams' contacts are public (people.csv says so), the others not
fetch /missions/skolmat
check "people: the mission page shows the demo contact's e-mail, not a private member's" \
    eval 'has "maria.holm@example.org" && lacks "sara.nystrom@example.org"'
fetch /api/v1/missions/skolmat/team
check "people: ... so does the team in the API" \
    eval 'has "maria.holm@example.org" && lacks "sara.nystrom@example.org"'
q "UPDATE person SET contact_public = 0 WHERE email = 'maria.holm@example.org'" >/dev/null
fetch /api/v1/missions/skolmat/team?lang=en
check "people: a team contact not marked public has no e-mail in the API either" lacks "maria.holm@example.org"
q "UPDATE person SET contact_public = 1 WHERE email = 'maria.holm@example.org'" >/dev/null

# ================================================================== initiatives (top-down)

SKOLMAT=$(q "SELECT id FROM mission WHERE slug = 'skolmat'")
OBJ=$(q "SELECT MIN(id) FROM objective WHERE mission_id = $SKOLMAT AND archived_at IS NULL")
GOBJ=$(q "SELECT MIN(id) FROM objective WHERE mission_id = (SELECT id FROM mission WHERE slug = 'gator')")
fetch "/missions/skolmat/initiatives/new"
check "initiatives: a visitor asking for the form is sent to sign in" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch -b "$RJ.coord" "/missions/gator/initiatives/new"
check "initiatives: a coordinator of skolmat may not add one to gator (403)" eq "$S" 403
fetch -b "$RJ.rep" "/missions/skolmat/initiatives/new"
check "initiatives: nor may a representative (their way in is a proposal)" eq "$S" 403
fetch -b "$RJ.coord" /initiatives/new
check "initiatives: without a mission, the coordinator is offered theirs only" \
    eval 'eq "$S" 200 && links_to /missions/skolmat/initiatives/new && lacks "/missions/gator/initiatives/new" && tidy_clean'
csrf_of "$RJ.coord" "/missions/skolmat/initiatives/new"
check "initiatives: the empty form for skolmat, valid HTML, with three participant rows and the objectives" \
    eval 'eq "$S" 200 && has "name=\"part-3-actor\"" && lacks "name=\"part-4-actor\"" && has "name=\"objective_ids\" value=\"$OBJ\"" && tidy_clean'
post "$RJ.coord" "/missions/skolmat/initiatives/new" "csrf=$CSRF" "rows=3" "more=1" \
    "title_sv=Rader $XSS1" "part-1-actor=$HOFORS" "part-1-role=partner"
check "initiatives: \"Add more rows\" shows six rows, the values kept, nothing written" \
    eval 'eq "$S" 200 && has "name=\"part-6-actor\"" && has "value=\"Rader &lt;script&gt;" && has "<option value=\"$HOFORS\" selected>" && eq "$(q "SELECT COUNT(*) FROM initiative WHERE title_sv LIKE '"'"'Rader%'"'"'")" 0 && tidy_clean'
N0=$(audit_n)
post "$RJ.coord" "/missions/skolmat/initiatives/new" "csrf=$CSRF" "rows=3" "title_sv=Skolmatslabb $XSS1" \
    "status=running" "lead_actor_id=$HOFORS" "part-1-actor=$OTHER" "part-1-role=partner" \
    "part-2-actor=$OTHER" "part-2-role=funder" "start_date=2026-01-01" "end_date=2027-01-01" \
    "budget_sek=1 500 000" "sdg_targets=2.1, 12.3" "objective_ids=$OBJ"
check "initiatives: an actor named twice is refused beside its second row (422), the values kept" \
    eval 'eq "$S" 422 && has "id=\"f-part-2-actor-error\"" && has "href=\"#f-part-2-actor\"" && has "value=\"1 500 000\"" && xss_escaped && tidy_clean'
check "initiatives: ... and nothing is written" eval 'eq "$(audit_n)" "$N0"'
post "$RJ.coord" "/missions/skolmat/initiatives/new" "csrf=$CSRF" "rows=3" "title_sv=Skolmatslabb $XSS1" \
    "status=running" "lead_actor_id=$HOFORS" "part-1-actor=$OTHER" "part-1-role=partner" \
    "start_date=2027-01-01" "end_date=2026-01-01" "budget_sek=1 500 000"
check "initiatives: an end before the start is refused beside the end date" \
    eval 'eq "$S" 422 && has "id=\"f-end_date-error\""'
post "$RJ.coord" "/missions/skolmat/initiatives/new" "csrf=$CSRF" "rows=3" "title_sv=Skolmatslabb $XSS1" \
    "status=running" "objective_ids=$GOBJ"
check "initiatives: an objective of another mission is refused, the message in the objectives' fieldset" \
    eval 'eq "$S" 422 && has "href=\"#f-objective_ids\"" && has "id=\"f-objective_ids\" class=\"field field-with-error\""'
post "$RJ.coord" "/missions/skolmat/initiatives/new" "csrf=$CSRF" "rows=3" "title_sv=Skolmatslabb $XSS1" \
    "status=running" "budget_sek=mycket"
check "initiatives: a budget that is no number is refused beside it" \
    eval 'eq "$S" 422 && has "id=\"f-budget_sek-error\"" && has "value=\"mycket\""'
post "$RJ.coord" "/missions/skolmat/initiatives/new" "csrf=$CSRF" "rows=3" "title_sv=Skolmatslabb $XSS1" \
    "title_en=School meal lab" "summary_sv=Beskrivning $XSS2" "status=running" "lead_actor_id=$HOFORS" \
    "part-1-actor=$OTHER" "part-1-role=partner" "part-3-actor=$HOFORS" "part-3-role=lead" \
    "start_date=2026-01-01" "end_date=2027-06-30" "budget_sek=1 500 000" "funding=Vinnova $XSS1" \
    "sdg_targets=2.1, 12.3" "objective_ids=$OBJ" "hypotheses_sv=Om vi $XSS1" "learnings_sv=Vi lärde oss"
NEWI=$(q "SELECT id FROM initiative WHERE title_en = 'School meal lab'")
check "initiatives: a good form adds a top-down initiative to skolmat and redirects to it" \
    eval 'eq "$S" 303 && nonempty "$NEWI" && eq "$(hdr Location)" "/initiatives/$NEWI"'
check "initiatives: ... stored with every field" \
    eval 'eq "$(q "SELECT origin || '"'"' '"'"' || status || '"'"' '"'"' || budget_sek || '"'"' '"'"' || start_date || '"'"' '"'"' || mission_id FROM initiative WHERE id = $NEWI")" "top_down running 1500000 2026-01-01 $SKOLMAT" && eq "$(q "SELECT COUNT(*) FROM initiative_actor WHERE initiative_id = $NEWI")" 2 && eq "$(q "SELECT COUNT(*) FROM initiative_sdg_target WHERE initiative_id = $NEWI")" 2 && eq "$(q "SELECT COUNT(*) FROM initiative_objective WHERE initiative_id = $NEWI")" 1'
fetch "/initiatives/$NEWI"
check "initiatives: its page shows it, the texts escaped or inert" \
    eval 'eq "$S" 200 && has "Skolmatslabb &lt;script&gt;" && has "Vinnova &lt;script&gt;" && xss_inert && tidy_clean'
fetch -b "$RJ.coord" "/initiatives/$NEWI"
check "initiatives: ... offering the coordinator Edit and Archive" \
    eval 'links_to "/initiatives/$NEWI/edit" && links_to "/initiatives/$NEWI/archive"'
fetch "/initiatives/$NEWI"
check "initiatives: ... and a visitor neither" lacks "/initiatives/$NEWI/edit"
fetch -b "$RJ.coord" "/initiatives?mission=skolmat"
check "initiatives: the list of skolmat offers its coordinator \"Add an initiative\"" links_to /missions/skolmat/initiatives/new
fetch -b "$RJ.coord" "/initiatives?mission=gator"
check "initiatives: ... the list of gator does not" lacks "/initiatives/new"

# edit: the coordinator and the representative of the lead actor (Hofors kommun)
csrf_of "$RJ.rep" "/initiatives/$NEWI/edit"
check "initiatives: the representative of the lead actor gets the filled-in form" \
    eval 'eq "$S" 200 && has "value=\"School meal lab\"" && has "<option value=\"$OTHER\" selected>" && has "value=\"2.1, 12.3\"" && tidy_clean'
GATI=$(q "SELECT MIN(id) FROM initiative WHERE mission_id = (SELECT id FROM mission WHERE slug = 'gator') AND (lead_actor_id IS NULL OR lead_actor_id <> $HOFORS)")
fetch -b "$RJ.rep" "/initiatives/$GATI/edit"
check "initiatives: ... but not an initiative another actor leads (403)" eq "$S" 403
fetch -b "$RJ.coord" "/initiatives/$GATI/edit"
check "initiatives: nor may the coordinator of skolmat edit one of gator (403)" eq "$S" 403
post "$RJ.rep" "/initiatives/$NEWI/edit" "csrf=$CSRF" "rows=4" "title_sv=Skolmatslabb" \
    "title_en=School meal lab" "status=completed" "lead_actor_id=$HOFORS" "part-1-actor=$OTHER" \
    "part-1-role=partner" "learnings_sv=Vi lärde oss mer" "sdg_targets=2.1" "objective_ids=$OBJ"
check "initiatives: the representative's edit is saved, the origin and mission kept" \
    eval 'eq "$S" 303 && eq "$(q "SELECT status || '"'"' '"'"' || origin || '"'"' '"'"' || mission_id || '"'"' '"'"' || learnings_sv FROM initiative WHERE id = $NEWI")" "completed top_down $SKOLMAT Vi lärde oss mer" && eq "$(q "SELECT COUNT(*) FROM initiative_sdg_target WHERE initiative_id = $NEWI")" 1'
fetch "/initiatives/$NEWI"
check "initiatives: ... and the page shows the learnings" has "Vi lärde oss mer"

# archive: the coordinator, not the representative
fetch -b "$RJ.rep" "/initiatives/$NEWI/archive"
check "initiatives: the representative may not archive (403)" eq "$S" 403
csrf_of "$RJ.coord" "/initiatives/$NEWI/archive"
check "initiatives: the archive confirmation, valid HTML" eval 'eq "$S" 200 && tidy_clean'
post "$RJ.coord" "/initiatives/$NEWI/archive" "csrf=$CSRF"
check "initiatives: the coordinator archives it" \
    eval 'eq "$S" 303 && eq "$(q "SELECT COUNT(*) FROM initiative WHERE id = $NEWI AND archived_at IS NOT NULL")" 1'
fetch "/initiatives/$NEWI"
check "initiatives: ... its page says Archived" match "$BF" "(Archived|Arkiverad)"
fetch "/initiatives?mission=skolmat&status=completed"
check "initiatives: ... and it has left the list" lacks "/initiatives/$NEWI\""

# ================================================================== the API's writes

# api JAR METHOD PATH [JSON] — an API call signed in with JAR's session cookie and its CSRF
# token (taken from a form page of the same session)
api()
{
    local jar=$1 m=$2 path=$3 body=${4:-}
    csrf_of "$jar" /account/password
    if [ -n "$body" ]; then
        fetch -b "$jar" -X "$m" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
            --data-binary "$body" "$path"
    else
        fetch -b "$jar" -X "$m" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
            --data-binary '{}' "$path"
    fi
}
json_field() { jq -r ".error.field // empty" "$B"; }

# actors
fetch -X POST -H 'Content-Type: application/json' --data-binary '{"name": "Anon AB", "sector": "private"}' /api/v1/actors
check "api: creating an actor without credentials is 401" eq "$S" 401
api "$RJ.rep" POST /api/v1/actors '{"name": "Rep AB", "sector": "private"}'
check "api: a representative may not create an actor (403)" eq "$S" 403
N0=$(audit_n)
api "$RJ.coord" POST /api/v1/actors '{"name": "Api AB", "sector": "private", "is_demo": true}'
check "api: is_demo in a create is refused by name as protected (422), nothing written" \
    eval 'eq "$S" 422 && eq "$(json_field)" is_demo && eq "$(audit_n)" "$N0"'
api "$RJ.coord" POST /api/v1/actors '{"name": "Api AB", "sector": "private", "colour": "red"}'
check "api: an unknown member is refused naming it (400)" eval 'eq "$S" 400 && eq "$(json_field)" colour'
api "$RJ.coord" POST /api/v1/actors '{"name": "Api AB", "sector": "private", "orgnr": "559900-1245"}'
check "api: a wrong check digit is refused naming orgnr (422)" \
    eval 'eq "$S" 422 && eq "$(json_field)" orgnr && eq "$(audit_n)" "$N0"'
api "$RJ.coord" POST /api/v1/actors '{"name": "Api AB <b>", "sector": "private", "orgnr": "559900-1244", "description": {"sv": "Svensk", "en": "English"}, "disciplines": ["Mat", "IT"]}'
APIA=$(jq -r .id "$B")
check "api: a coordinator creates an actor: 201, Location, the resource" \
    eval 'eq "$S" 201 && eq "$(hdr Location)" "/api/v1/actors/$APIA" && jqt "$B" ".slug == \"api-ab-b\" and .orgnr == \"559900-1244\" and (.disciplines | length) == 2"'
api "$RJ.rep" PATCH "/api/v1/actors/$APIA" '{"name": "Hijacked"}'
check "api: the representative of Hofors kommun may not change another actor (403)" \
    eval 'eq "$S" 403 && eq "$(q "SELECT name FROM actor WHERE id = $APIA")" "Api AB <b>"'
api "$RJ.rep" PATCH "/api/v1/actors/$HOFORS" '{"website": "https://www.hofors.se/"}'
check "api: ... but may change Hofors kommun: 200 with the resource, the rest kept" \
    eval 'eq "$S" 200 && jqt "$B" ".website == \"https://www.hofors.se/\" and .slug == \"hofors-kommun\""'
api "$RJ.coord" PATCH "/api/v1/actors/$APIA" '{"id": 5, "name": "Renamed"}'
check "api: an id in a PATCH is refused as protected, nothing changed" \
    eval 'eq "$S" 422 && eq "$(json_field)" id && eq "$(q "SELECT name FROM actor WHERE id = $APIA")" "Api AB <b>"'
api "$RJ.coord" PATCH "/api/v1/actors/$APIA" '{"archived_at": null}'
check "api: archived_at is protected" eval 'eq "$S" 422 && eq "$(json_field)" archived_at'
api "$RJ.coord" PATCH "/api/v1/actors/$APIA" '{"website": "javascript:alert(1)"}'
check "api: a website that is not http(s) is refused naming it" eval 'eq "$S" 422 && eq "$(json_field)" website'
api "$RJ.rep" POST "/api/v1/actors/$HOFORS/archive"
check "api: the representative may not archive (403)" eq "$S" 403
csrf_of "$RJ.coord" /account/password
fetch -b "$RJ.coord" -X POST -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
    --data-binary '{"archived_at": 1}' "/api/v1/actors/$APIA/archive"
check "api: an archive's body has no members: one is refused naming it, nothing archived" \
    eval 'eq "$S" 400 && eq "$(json_field)" archived_at && eq "$(q "SELECT COUNT(*) FROM actor WHERE id = $APIA AND archived_at IS NULL")" 1'
api "$RJ.coord" POST "/api/v1/actors/$APIA/archive"
check "api: a coordinator archives an actor: 200, archived" \
    eval 'eq "$S" 200 && jqt "$B" ".id == $APIA" && eq "$(q "SELECT COUNT(*) FROM actor WHERE id = $APIA AND archived_at IS NOT NULL")" 1'

# people: private until marked public, in the API too
api "$RJ.user" POST /api/v1/people '{"name": "Nobody"}'
check "api: a plain user may not create a person (403)" eq "$S" 403
api "$RJ.rep" POST /api/v1/people "{\"name\": \"Api Contact\", \"actor_id\": $OTHER}"
check "api: the representative may not add a person to another actor (403)" eq "$S" 403
api "$RJ.rep" POST /api/v1/people "{\"name\": \"Api Contact\", \"actor_id\": $HOFORS, \"email\": \"api.contact@example.se\", \"phone\": \"+46 70-555 55 55\"}"
APIP=$(jq -r .id "$B")
check "api: ... but to Hofors kommun: 201, the e-mail withheld (not marked public)" \
    eval 'eq "$S" 201 && eq "$(hdr Location)" "/api/v1/people/$APIP" && jqt "$B" ".email == null and .phone == null and .contact_public == false"'
fetch "/api/v1/people/$APIP"
check "api: ... and so in a public GET" lacks api.contact@example.se
api "$RJ.coord" PATCH "/api/v1/people/$APIP" '{"user_id": 1}'
check "api: user_id is protected" eval 'eq "$S" 422 && eq "$(json_field)" user_id'
api "$RJ.coord" PATCH "/api/v1/people/$APIP" '{"email": "two@@example.se"}'
check "api: a bad e-mail is refused naming it" eval 'eq "$S" 422 && eq "$(json_field)" email'
api "$RJ.coord" PATCH "/api/v1/people/$APIP" '{"contact_public": true}'
check "api: marked public, the e-mail is shown" \
    eval 'eq "$S" 200 && jqt "$B" ".email == \"api.contact@example.se\" and .contact_public == true"'
api "$RJ.user" POST "/api/v1/people/$APIP/archive"
check "api: a plain user may not archive a person (403)" eq "$S" 403
api "$RJ.admin" POST "/api/v1/people/$APIP/archive"
check "api: an admin archives a person" eval 'eq "$S" 200 && eq "$(q "SELECT COUNT(*) FROM person WHERE id = $APIP AND archived_at IS NOT NULL")" 1'

# initiatives: the coordinator of skolmat in skolmat, not in gator
api "$RJ.coord" POST /api/v1/initiatives '{"mission": "gator", "title": {"sv": "Fel mission"}, "status": "running"}'
check "api: a coordinator of skolmat may not create an initiative in gator (403)" eq "$S" 403
api "$RJ.coord" POST /api/v1/initiatives '{"mission": "skolmat", "title": {"sv": "Api-labb"}, "status": "running", "origin": "bottom_up"}'
check "api: origin is protected (a top-down create; bottom-up is a proposal)" \
    eval 'eq "$S" 422 && eq "$(json_field)" origin'
api "$RJ.coord" POST /api/v1/initiatives "{\"mission\": \"skolmat\", \"title\": {\"sv\": \"Api-labb\"}, \"status\": \"running\", \"actors\": [{\"id\": $OTHER, \"role\": \"lead\"}]}"
check "api: a participant as lead that is not the lead actor is refused naming actors" \
    eval 'eq "$S" 422 && eq "$(json_field)" actors'
api "$RJ.coord" POST /api/v1/initiatives "{\"mission\": \"skolmat\", \"title\": {\"sv\": \"Api-labb\", \"en\": \"API lab\"}, \"status\": \"running\", \"lead_actor_id\": $HOFORS, \"actors\": [{\"id\": $OTHER, \"role\": \"funder\"}], \"objective_ids\": [$OBJ], \"sdg_targets\": [\"2.1\"], \"budget_sek\": 250000, \"start_date\": \"2026-02-01\"}"
APII=$(jq -r .id "$B")
check "api: a coordinator of skolmat creates a top-down initiative there: 201 with it" \
    eval 'eq "$S" 201 && eq "$(hdr Location)" "/api/v1/initiatives/$APII" && jqt "$B" ".origin == \"top_down\" and .mission == \"skolmat\" and .budget_sek == 250000 and (.actors | length) == 1"'
api "$RJ.coord" PATCH "/api/v1/initiatives/$APII" '{"mission": "gator"}'
check "api: the mission of an initiative is protected on update" \
    eval 'eq "$S" 422 && eq "$(json_field)" mission && eq "$(q "SELECT mission_id FROM initiative WHERE id = $APII")" "$SKOLMAT"'
api "$RJ.rep" PATCH "/api/v1/initiatives/$APII" '{"learnings": {"sv": "Lärdom"}, "status": "completed"}'
check "api: the representative of its lead actor changes it: 200, the rest kept" \
    eval 'eq "$S" 200 && jqt "$B" ".learnings.sv == \"Lärdom\" and .status == \"completed\" and .budget_sek == 250000 and (.sdg_targets | length) == 1"'
api "$RJ.rep" POST "/api/v1/initiatives/$APII/archive"
check "api: the representative may not archive it (403)" eq "$S" 403
api "$RJ.coord" POST "/api/v1/initiatives/$APII/archive"
check "api: its coordinator archives it" eval 'eq "$S" 200 && eq "$(q "SELECT COUNT(*) FROM initiative WHERE id = $APII AND archived_at IS NOT NULL")" 1'
fetch -X PATCH -H 'Content-Type: application/json' --data-binary '{"status": "running"}' "/api/v1/initiatives/$APII"
check "api: without credentials a PATCH is 401" eq "$S" 401

# a representative who names no organisation is asked for theirs (the form preselects it)
fetch -b "$RJ.rep" /people/new
check "people: the representative's new-person form preselects Hofors kommun" \
    eval 'eq "$S" 200 && has "<option value=\"$HOFORS\" selected>"'
api "$RJ.rep" POST /api/v1/people '{"name": "No Actor"}'
check "api: a representative creating a person without an actor is asked for actor_id (422)" \
    eval 'eq "$S" 422 && eq "$(json_field)" actor_id'
api "$RJ.coord" POST /api/v1/initiatives '{"title": {"sv": "Utan mission"}}'
check "api: an initiative without a mission is refused naming mission (422)" \
    eval 'eq "$S" 422 && eq "$(json_field)" mission'
api "$RJ.user" POST /api/v1/initiatives '{"title": {"sv": "Utan mission"}}'
check "api: ... but a plain user is refused outright (403)" eq "$S" 403
