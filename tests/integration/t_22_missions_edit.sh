# t_22_missions_edit.sh — missions and their goal trees edited in the browser and through the
# API: create, edit and archive a mission (admin; its coordinators edit it), objectives,
# indicators and their progress settings, the team and the SDG links. For each form: the
# empty form and its error state are valid HTML, a success redirects and the page shows it,
# a refusal names the field, keeps the values and changes nothing, stored-XSS payloads come
# out escaped, a user without the right gets 403 and a visitor is sent to sign in. The
# accounts: an admin and a coordinator of skolmat made here (user add: their own TOTP keys,
# so no other file's use of the demo accounts' codes collides), the demo actor
# representative and a plain signed-up user.

MJ=$T/medit  # cookie jars: .admin .coord .actor .plain .visitor
rm -f "$MJ".*
MPW='missions edit password'
XS='<script>alert(1)</script>'
XA='"><img src=x onerror=alert(1)>'

madd() { "$BIN" user add --db "$DB" --email "$1" --name "$2" "${@:3}" --password-stdin <<<"$MPW" 2>&1 | grep -o 'secret=[A-Z2-7]*' | head -1 | cut -d= -f2; }
M_ADMIN_KEY=$(madd m-admin@example.se "Mia Admin" --role admin)
M_COORD_KEY=$(madd m-coord@example.se "Max Koordinator" --coordinator "$SK")
require "missions: an admin and a coordinator of $SK made with their keys" eval 'nonempty "$M_ADMIN_KEY" && nonempty "$M_COORD_KEY"'
# the first sign-in confirms the key user add printed: the recovery codes page (200), signed in
msign_in() { sign_in "$@" >/dev/null; [ -n "$(jar_cookie "$1" samverka_session)" ] || fail "no session for $2: $S"; }
check "missions: the admin signs in (password and code)" msign_in "$MJ.admin" m-admin@example.se "$MPW" "$M_ADMIN_KEY"
check "missions: the coordinator of $SK signs in" msign_in "$MJ.coord" m-coord@example.se "$MPW" "$M_COORD_KEY"
check "missions: the actor representative signs in" sign_in "$MJ.actor" actor@example.org demo-actor-2026
csrf_of "$MJ.plain" /account/sign-up
post "$MJ.plain" /account/sign-up "csrf=$CSRF" "name=Pia Plain" "email=m-plain@example.se" "password=$MPW"
check "missions: a plain user signs up" eval 'eq "$S" 303'

mcount() { q "SELECT COUNT(*) FROM mission"; }
maudit() { q "SELECT COUNT(*) FROM audit_log"; }
# the rows of a mission as one line, to compare before and after a refusal
mrow() { q "SELECT slug, title_sv, title_en, goal_sv, deadline, start_year, status, COALESCE(archived_at, 0) FROM mission WHERE slug = '$1'"; }

# ---- the home page's way forward
fetch -b "$MJ.admin" /
check "missions: the home page offers the admin 'Create a mission'" eval 'eq "$S" 200 && links_to /new-mission'
fetch -b "$MJ.coord" /
check "missions: ... not a coordinator" eval 'eq "$S" 200 && lacks "/new-mission"'
fetch /
check "missions: ... nor a visitor (the shared page)" eval 'eq "$S" 200 && lacks "/new-mission"'

# ---- create: form, refusals, success
csrf_of "$MJ.admin" /new-mission
check "missions: the create form is there for the admin, valid HTML" eval 'eq "$S" 200 && nonempty "$CSRF" && has "name=\"slug\"" && tidy_clean'
N0=$(mcount); A0=$(maudit)
post "$MJ.admin" /new-mission "csrf=$CSRF" "slug=Bad Slug" "title_sv=Ny mission $XS" "title_en=" \
    "goal_sv=Mål $XA" "goal_en=" "description_sv=" "description_en=" "deadline=2035-12-31" \
    "start_year=2025" "status=active" "owner_id="
check "missions: a bad slug: 422 naming the field, values kept (escaped), title Error:" \
    eval 'eq "$S" 422 && has "href=\"#f-slug\"" && has "id=\"f-slug-error\"" && has "value=\"Bad Slug\"" && has "&lt;script&gt;" && lacks "<script>alert" && lacks "<img src=x" && has_re "<title>(Error|Fel)" && tidy_clean'
check "missions: ... and nothing was written" eval 'eq "$(mcount)" "$N0" && eq "$(maudit)" "$A0"'
post "$MJ.admin" /new-mission "csrf=$CSRF" "slug=ny-mission" "title_sv=Ny mission" \
    "goal_sv=Mål" "deadline=2035-12-31" "start_year=2040" "status=active"
check "missions: a start year after the deadline: 422 on start_year, nothing written" \
    eval 'eq "$S" 422 && has "href=\"#f-start_year\"" && eq "$(mcount)" "$N0"'
post "$MJ.admin" /new-mission "csrf=$CSRF" "slug=$SK" "title_sv=Ny mission" \
    "goal_sv=Mål" "deadline=2035-12-31" "start_year=2025" "status=active"
check "missions: a slug another mission has: 422 on slug, nothing written" \
    eval 'eq "$S" 422 && has "href=\"#f-slug\"" && eq "$(mcount)" "$N0"'
post "$MJ.admin" /new-mission "csrf=$CSRF" "slug=ny-mission" "title_sv=" \
    "goal_sv=Mål" "deadline=2035-12-31" "start_year=2025" "status=active"
check "missions: no Swedish title: 422 on title_sv" eval 'eq "$S" 422 && has "href=\"#f-title_sv\"" && eq "$(mcount)" "$N0"'
post "$MJ.admin" /new-mission "csrf=$CSRF" "slug=ny-mission" "title_sv=Ny" "goal_sv=Mål" \
    "deadline=2035-02-30" "start_year=2025" "status=active"
check "missions: a date that does not exist: 422 on deadline" eval 'eq "$S" 422 && has "href=\"#f-deadline\"" && eq "$(mcount)" "$N0"'
post "$MJ.admin" /new-mission "slug=ny-mission" "title_sv=Ny" "goal_sv=Mål" \
    "deadline=2035-12-31" "start_year=2025" "status=active"
check "missions: a post without the CSRF token is 403, nothing written" eval 'eq "$S" 403 && eq "$(mcount)" "$N0"'
post "$MJ.coord" /new-mission "csrf=$CSRF" "slug=ny-mission" "title_sv=Ny" "goal_sv=Mål" \
    "deadline=2035-12-31" "start_year=2025" "status=active"
check "missions: a coordinator may not create a mission (403)" eval 'eq "$S" 403 && eq "$(mcount)" "$N0"'
fetch -b "$MJ.plain" /new-mission
check "missions: ... nor a plain user see the form (403)" eval 'eq "$S" 403'
fetch /new-mission
check "missions: a visitor is sent to sign in" eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in[?]next=%2Fnew-mission"'
csrf_of "$MJ.admin" /new-mission
post "$MJ.admin" /new-mission "csrf=$CSRF" "slug=ny-mission" "title_sv=Ny mission $XS" \
    "title_en=New mission $XA" "goal_sv=Mål $XS" "goal_en=Goal $XA" \
    "description_sv=Beskrivning **fet** $XS" "description_en=" "deadline=2035-12-31" \
    "start_year=2025" "status=active" "owner_id="
check "missions: the admin creates a mission: 303 to its page" eval 'eq "$S" 303 && eq "$(hdr Location)" /missions/ny-mission'
check "missions: ... one mission more, with an audit entry" eval 'eq "$(mcount)" "$((N0 + 1))" && eq "$(q "SELECT COUNT(*) FROM audit_log WHERE entity = '"'"'mission'"'"' AND action = '"'"'create'"'"' AND who = '"'"'m-admin@example.se'"'"'")" 1'
fetch -b "$MJ.admin" /missions/ny-mission
check "missions: the admin's page shows it, the payloads escaped, with Edit/Archive/Add objective/Team/SDG links" \
    eval 'eq "$S" 200 && has "Ny mission &lt;script&gt;" && lacks "<script>alert" && lacks "<img src=x" && links_to /missions/ny-mission/edit && links_to /missions/ny-mission/archive && links_to /missions/ny-mission/objectives/new && links_to /missions/ny-mission/team && links_to /missions/ny-mission/sdg && tidy_clean'
fetch /missions/ny-mission
check "missions: a visitor reads it without any editing link" eval 'eq "$S" 200 && has "Ny mission &lt;script&gt;" && lacks "/missions/ny-mission/edit" && lacks "<script>alert"'
fetch "/missions/ny-mission?lang=en"
check "missions: ... in English too, escaped" eval 'eq "$S" 200 && has "New mission &quot;&gt;&lt;img" && lacks "<img src=x"'
fetch /
check "missions: the home page lists it, escaped" eval 'eq "$S" 200 && has "Ny mission &lt;script&gt;" && lacks "<script>alert"'

# ---- edit
csrf_of "$MJ.admin" /missions/ny-mission/edit
check "missions: the edit form shows the stored values and the slug as not editable" \
    eval 'eq "$S" 200 && lacks "name=\"slug\"" && has "<code>ny-mission</code>" && has "value=\"Ny mission &lt;script&gt;alert(1)&lt;/script&gt;\"" && tidy_clean'
R0=$(mrow ny-mission)
post "$MJ.admin" /missions/ny-mission/edit "csrf=$CSRF" "title_sv=Ny mission" "goal_sv=" \
    "deadline=2035-12-31" "start_year=2025" "status=active"
check "missions: an edit without the goal: 422 on goal_sv, values kept, nothing changed" \
    eval 'eq "$S" 422 && has "href=\"#f-goal_sv\"" && has "value=\"Ny mission\"" && eq "$(mrow ny-mission)" "$R0" && tidy_clean'
post "$MJ.admin" /missions/ny-mission/edit "csrf=$CSRF" "slug=other" "title_sv=Ny mission, ändrad" \
    "goal_sv=Mål" "deadline=2036-06-30" "start_year=2025" "status=active"
check "missions: an edit succeeds (a posted slug is ignored): 303 to the same address" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" /missions/ny-mission && eq "$(q "SELECT title_sv || '"'"' '"'"' || deadline FROM mission WHERE slug = '"'"'ny-mission'"'"'")" "Ny mission, ändrad 2036-06-30"'
fetch -b "$MJ.coord" /missions/ny-mission/edit
check "missions: the coordinator of $SK may not edit another mission (403)" eval 'eq "$S" 403'
csrf_of "$MJ.coord" "/missions/$SK/edit"
check "missions: ... but edits their own: the form" eval 'eq "$S" 200 && nonempty "$CSRF"'
SKT=$(q "SELECT title_sv FROM mission WHERE slug = '$SK'")
SKG=$(q "SELECT goal_sv FROM mission WHERE slug = '$SK'")
SKD=$(q "SELECT deadline FROM mission WHERE slug = '$SK'")
SKY=$(q "SELECT start_year FROM mission WHERE slug = '$SK'")
SKS=$(q "SELECT COUNT(*) FROM mission_sdg_target WHERE mission_id = $MID_SK")
post "$MJ.coord" "/missions/$SK/edit" "csrf=$CSRF" "title_sv=$SKT" "goal_sv=$SKG (ändrad)" \
    "deadline=$SKD" "start_year=$SKY" "status=active"
check "missions: ... and saves it (303), the SDG links kept" \
    eval 'eq "$S" 303 && eq "$(q "SELECT goal_sv FROM mission WHERE slug = '"'"'$SK'"'"'")" "$SKG (ändrad)" && eq "$(q "SELECT COUNT(*) FROM mission_sdg_target WHERE mission_id = $MID_SK")" "$SKS"'
csrf_of "$MJ.coord" "/missions/$SK/edit"
post "$MJ.coord" "/missions/$GA/edit" "csrf=$CSRF" "title_sv=X" "goal_sv=X" "deadline=2030-01-01" "start_year=2020" "status=active"
check "missions: ... and a post to $GA's edit is 403, nothing changed" eval 'eq "$S" 403 && ne "$(q "SELECT title_sv FROM mission WHERE slug = '"'"'$GA'"'"'")" X'
fetch -b "$MJ.actor" "/missions/$SK/edit"
check "missions: the actor representative may not edit (403)" eval 'eq "$S" 403'
fetch -b "$MJ.plain" "/missions/$SK/edit"
check "missions: a plain user may not edit (403)" eval 'eq "$S" 403'
fetch "/missions/$SK/edit"
check "missions: a visitor is sent to sign in" eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch -b "$MJ.coord" "/missions/$SK"
check "missions: the coordinator's page offers Edit but not Archive (admin only)" eval 'eq "$S" 200 && links_to "/missions/$SK/edit" && lacks "/missions/$SK/archive"'

# ---- objectives: the goal tree of the new mission
NM=$(q "SELECT id FROM mission WHERE slug = 'ny-mission'")
ocount() { q "SELECT COUNT(*) FROM objective WHERE mission_id = $NM"; }
csrf_of "$MJ.admin" /missions/ny-mission/objectives/new
check "objectives: the create form, valid HTML, parent select with 'top level'" eval 'eq "$S" 200 && has "name=\"parent_id\"" && tidy_clean'
post "$MJ.admin" /missions/ny-mission/objectives/new "csrf=$CSRF" "parent_id=" "title_sv=" "weight=1"
check "objectives: no title: 422 on title_sv, nothing written" eval 'eq "$S" 422 && has "href=\"#f-title_sv\"" && eq "$(ocount)" 0 && tidy_clean'
post "$MJ.admin" /missions/ny-mission/objectives/new "csrf=$CSRF" "parent_id=" "title_sv=Mål A" "weight=-1"
check "objectives: a negative weight: 422 on weight, the title kept" eval 'eq "$S" 422 && has "href=\"#f-weight\"" && has "value=\"Mål A\"" && eq "$(ocount)" 0'
OSK=$(q "SELECT id FROM objective WHERE mission_id = $MID_SK ORDER BY id LIMIT 1")
post "$MJ.admin" /missions/ny-mission/objectives/new "csrf=$CSRF" "parent_id=$OSK" "title_sv=Mål A" "weight=1"
check "objectives: a parent of another mission: 422 on parent_id" eval 'eq "$S" 422 && has "href=\"#f-parent_id\"" && eq "$(ocount)" 0'
post "$MJ.admin" /missions/ny-mission/objectives/new "csrf=$CSRF" "parent_id=" "title_sv=Mål A $XS" \
    "title_en=Objective A $XA" "description_sv=Beskrivning $XS" "weight=2,5"
check "objectives: created at the top level (a decimal comma taken): 303 to the mission" eval 'eq "$S" 303 && eq "$(hdr Location)" /missions/ny-mission && eq "$(ocount)" 1 && eq "$(q "SELECT weight FROM objective WHERE mission_id = $NM")" 2.5'
OA=$(q "SELECT id FROM objective WHERE mission_id = $NM")
csrf_of "$MJ.admin" /missions/ny-mission/objectives/new
post "$MJ.admin" /missions/ny-mission/objectives/new "csrf=$CSRF" "parent_id=$OA" "title_sv=Delmål B" "weight=1"
check "objectives: a sub-objective under it" eval 'eq "$S" 303 && eq "$(q "SELECT COUNT(*) FROM objective WHERE parent_id = $OA")" 1'
OB=$(q "SELECT id FROM objective WHERE parent_id = $OA")
fetch -b "$MJ.admin" /missions/ny-mission
check "objectives: the goal tree shows both, escaped, with Edit and Archive links" eval 'eq "$S" 200 && has "Mål A &lt;script&gt;" && has "Delmål B" && links_to "/objectives/$OA/edit" && links_to "/objectives/$OB/archive" && lacks "<script>alert" && tidy_clean'
fetch "/missions/ny-mission?lang=en"
check "objectives: ... and for a visitor in English, escaped, no links" eval 'eq "$S" 200 && has "Objective A &quot;&gt;&lt;img" && lacks "<img src=x" && lacks "/objectives/$OA/edit"'
csrf_of "$MJ.admin" "/objectives/$OA/edit"
check "objectives: the edit form shows the stored values; its own subtree is not a parent choice" \
    eval 'eq "$S" 200 && has "value=\"Mål A &lt;script&gt;alert(1)&lt;/script&gt;\"" && lacks "<option value=\"$OB\"" && lacks "<option value=\"$OA\"" && tidy_clean'
post "$MJ.admin" "/objectives/$OA/edit" "csrf=$CSRF" "parent_id=$OB" "title_sv=Mål A" "weight=1"
check "objectives: moving it under its own child: 422 on parent_id, nothing changed" eval 'eq "$S" 422 && has "href=\"#f-parent_id\"" && eq "$(q "SELECT COALESCE(parent_id, 0) FROM objective WHERE id = $OA")" 0'
post "$MJ.admin" "/objectives/$OA/edit" "csrf=$CSRF" "parent_id=" "title_sv=Mål A, ändrat" "weight=1"
check "objectives: an edit succeeds" eval 'eq "$S" 303 && eq "$(q "SELECT title_sv FROM objective WHERE id = $OA")" "Mål A, ändrat"'
fetch -b "$MJ.coord" "/objectives/$OA/edit"
check "objectives: the coordinator of $SK may not edit ny-mission's (403)" eval 'eq "$S" 403'
fetch -b "$MJ.plain" "/objectives/$OA/edit"
check "objectives: nor a plain user (403)" eval 'eq "$S" 403'
fetch "/objectives/$OA/edit"
check "objectives: a visitor is sent to sign in" eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch -b "$MJ.coord" "/objectives/$OSK/edit"
check "objectives: ... but the coordinator edits $SK's" eval 'eq "$S" 200'
csrf_of "$MJ.admin" "/objectives/$OA/archive"
check "objectives: the archive confirmation page, valid HTML" eval 'eq "$S" 200 && has "action=\"/objectives/$OA/archive\"" && tidy_clean'
post "$MJ.admin" "/objectives/$OA/archive" "csrf=$CSRF"
check "objectives: archiving one with a live sub-objective is refused, saying why; nothing archived" \
    eval 'eq "$S" 409 && has "role=\"alert\"" && eq "$(q "SELECT COUNT(*) FROM objective WHERE id = $OA AND archived_at IS NULL")" 1 && tidy_clean'
csrf_of "$MJ.admin" "/objectives/$OB/archive"
post "$MJ.admin" "/objectives/$OB/archive" "csrf=$CSRF"
check "objectives: the leaf is archived (303) and leaves the tree" eval 'eq "$S" 303 && eq "$(q "SELECT COUNT(*) FROM objective WHERE id = $OB AND archived_at IS NOT NULL")" 1'
fetch -b "$MJ.admin" /missions/ny-mission
check "objectives: ... the page no longer shows it" eval 'eq "$S" 200 && lacks "Delmål B"'

# ---- indicators
icount() { q "SELECT COUNT(*) FROM indicator WHERE mission_id = $NM"; }
csrf_of "$MJ.admin" /missions/ny-mission/indicators/new
check "indicators: the create form, valid HTML, the objective select" eval 'eq "$S" 200 && has "name=\"objective_id\"" && has "name=\"direction\"" && tidy_clean'
post "$MJ.admin" /missions/ny-mission/indicators/new "csrf=$CSRF" "objective_id=$OA" "title_sv=Andel $XS" \
    "direction=increase" "decimals=9" "weight=1"
check "indicators: 9 decimals: 422 on decimals, values kept escaped, nothing written" \
    eval 'eq "$S" 422 && has "href=\"#f-decimals\"" && has "value=\"Andel &lt;script&gt;alert(1)&lt;/script&gt;\"" && eq "$(icount)" 0 && tidy_clean'
post "$MJ.admin" /missions/ny-mission/indicators/new "csrf=$CSRF" "objective_id=$OSK" "title_sv=Andel" \
    "direction=increase" "decimals=1" "weight=1"
check "indicators: an objective of another mission: 422 on objective_id" eval 'eq "$S" 422 && has "href=\"#f-objective_id\"" && eq "$(icount)" 0'
post "$MJ.admin" /missions/ny-mission/indicators/new "csrf=$CSRF" "objective_id=$OA" "title_sv=Andel" \
    "direction=increase" "decimals=1" "weight=1" "source_url=javascript:alert(1)"
check "indicators: a javascript: source address: 422 on source_url" eval 'eq "$S" 422 && has "href=\"#f-source_url\"" && eq "$(icount)" 0'
post "$MJ.admin" /missions/ny-mission/indicators/new "csrf=$CSRF" "objective_id=$OA" "title_sv=Andel $XS" \
    "title_en=Share $XA" "unit_sv=procent" "unit_en=percent" "direction=increase" "decimals=1" "weight=1" \
    "source=SCB $XS" "source_url=https://www.scb.se/" "dimensions=Kommun, Kön" "sdg_indicators=12.3.1"
check "indicators: created: 303 to its page" eval 'eq "$S" 303 && match "$(hdr Location)" "^/indicators/[0-9]+$" && eq "$(icount)" 1'
NI=$(q "SELECT id FROM indicator WHERE mission_id = $NM")
fetch -b "$MJ.admin" "/indicators/$NI"
check "indicators: its page shows it, escaped" eval 'eq "$S" 200 && has "Andel &lt;script&gt;" && lacks "<script>alert"'
fetch -b "$MJ.admin" /missions/ny-mission
check "indicators: the goal tree shows it with Edit, Progress settings and Archive" \
    eval 'eq "$S" 200 && links_to "/indicators/$NI/edit" && links_to "/indicators/$NI/settings" && links_to "/indicators/$NI/archive" && lacks "<script>alert" && tidy_clean'
csrf_of "$MJ.admin" "/indicators/$NI/edit"
check "indicators: the edit form shows the stored lists" eval 'eq "$S" 200 && has "value=\"Kommun, Kön\"" && has "value=\"12.3.1\"" && tidy_clean'
post "$MJ.admin" "/indicators/$NI/edit" "csrf=$CSRF" "objective_id=$OA" "title_sv=Andel" "decimals=1" \
    "weight=1" "dimensions=Year"
check "indicators: a reserved column name: 422 on dimensions, nothing changed" eval 'eq "$S" 422 && has "href=\"#f-dimensions\"" && eq "$(q "SELECT title_sv FROM indicator WHERE id = $NI")" "Andel $XS"'
post "$MJ.admin" "/indicators/$NI/edit" "csrf=$CSRF" "objective_id=$OA" "title_sv=Andel ekologiskt" "decimals=2" \
    "weight=1" "dimensions=Kommun" "sdg_indicators=12.3.1"
check "indicators: an edit succeeds" eval 'eq "$S" 303 && eq "$(q "SELECT title_sv || '"'"' '"'"' || decimals FROM indicator WHERE id = $NI")" "Andel ekologiskt 2"'
fetch -b "$MJ.coord" "/indicators/$NI/edit"
check "indicators: the coordinator of $SK may not edit ny-mission's (403)" eval 'eq "$S" 403'
fetch -b "$MJ.actor" "/indicators/$NI/settings"
check "indicators: nor the actor representative its settings (403)" eval 'eq "$S" 403'
fetch "/indicators/$NI/settings"
check "indicators: a visitor is sent to sign in" eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'

# ---- progress settings: the same writer as PATCH /api/v1/indicators/{id}
irow() { q "SELECT COALESCE(base_year, 0), CAST(ROUND(COALESCE(base_value, 0) * 100) AS INTEGER), target_kind, CAST(ROUND(COALESCE(target_value, 0) * 100) AS INTEGER), direction FROM indicator WHERE id = $NI"; }
csrf_of "$MJ.admin" "/indicators/$NI/settings"
check "settings: the form, valid HTML" eval 'eq "$S" 200 && has "name=\"target_kind\"" && has "name=\"th_high\"" && tidy_clean'
R0=$(irow)
post "$MJ.admin" "/indicators/$NI/settings" "csrf=$CSRF" "base_year=" "base_value=12" "target_kind=none" "direction=increase"
check "settings: a base value without a base year: 422 on base_value, nothing changed" \
    eval 'eq "$S" 422 && has "href=\"#f-base_value\"" && has "value=\"12\"" && eq "$(irow)" "$R0" && tidy_clean'
post "$MJ.admin" "/indicators/$NI/settings" "csrf=$CSRF" "base_year=2020" "base_value=12" "target_kind=absolute" "target_value=" "direction=increase"
check "settings: an absolute target without a value: 422 on target_value" eval 'eq "$S" 422 && has "href=\"#f-target_value\"" && eq "$(irow)" "$R0"'
post "$MJ.admin" "/indicators/$NI/settings" "csrf=$CSRF" "base_year=2020" "base_value=12" "target_kind=absolute" "target_value=60" "direction=increase" "th_high=1" "th_med=2" "th_low=0"
check "settings: thresholds out of order: 422 on the thresholds' fieldset" eval 'eq "$S" 422 && has "href=\"#f-thresholds\"" && has "id=\"f-thresholds\"" && eq "$(irow)" "$R0"'
post "$MJ.admin" "/indicators/$NI/settings" "csrf=$CSRF" "base_year=2020" "base_value=12,5" "target_kind=absolute" "target_value=60" "target_year=2030" "direction=increase" "headline=Kommun=Gävle"
check "settings: saved (303), as the API would" eval 'eq "$S" 303 && eq "$(irow)" "2020	1250	absolute	6000	increase"'
fetch "/api/v1/indicators/$NI"
check "settings: ... the API shows the same settings" eval 'eq "$S" 200 && jqt "$B" ".baseline.year == 2020 and .baseline.value == 12.5 and .target.value == 60"'

# ---- archive an indicator, then a mission
csrf_of "$MJ.admin" "/indicators/$NI/archive"
check "indicators: the archive confirmation page" eval 'eq "$S" 200 && tidy_clean'
post "$MJ.admin" "/indicators/$NI/archive" "csrf=$CSRF"
check "indicators: archived (303), nothing deleted" eval 'eq "$S" 303 && eq "$(q "SELECT COUNT(*) FROM indicator WHERE id = $NI AND archived_at IS NOT NULL")" 1'
fetch "/indicators/$NI"
check "indicators: its page stays and says Archived" eval 'eq "$S" 200 && text_has "Arkiverad: indikatorn"'
csrf_of "$MJ.admin" /missions/ny-mission/archive
check "missions: the archive confirmation page says nothing is deleted" eval 'eq "$S" 200 && has "action=\"/missions/ny-mission/archive\"" && tidy_clean'
fetch -b "$MJ.coord" "/missions/$SK/archive"
check "missions: a coordinator may not archive even their own mission (403)" eval 'eq "$S" 403'
post "$MJ.admin" /missions/ny-mission/archive "csrf=$CSRF"
check "missions: the admin archives it: 303 to its page, archived_at set" eval 'eq "$S" 303 && eq "$(hdr Location)" /missions/ny-mission && ne "$(q "SELECT COALESCE(archived_at, 0) FROM mission WHERE slug = '"'"'ny-mission'"'"'")" 0'
fetch /missions/ny-mission
check "missions: its page stays and says Archived" eval 'eq "$S" 200 && text_has "Arkiverad"'
fetch /
check "missions: ... and it has left the home page" eval 'eq "$S" 200 && lacks "/missions/ny-mission\""'

# ---- the team of skolmat, by its coordinator
tcount() { q "SELECT COUNT(*) FROM team_member WHERE mission_id = $MID_SK"; }
PNEW=$(q "SELECT id FROM person WHERE archived_at IS NULL AND id NOT IN (SELECT person_id FROM team_member WHERE mission_id = $MID_SK) ORDER BY id LIMIT 1")
PIN=$(q "SELECT person_id FROM team_member WHERE mission_id = $MID_SK ORDER BY position LIMIT 1")
require "team: a person outside skolmat's team and one in it" eval 'nonempty "$PNEW" && nonempty "$PIN"'
csrf_of "$MJ.coord" "/missions/$SK/team"
check "team: the team page with its forms, valid HTML" eval 'eq "$S" 200 && has "name=\"person_id\"" && has "action=\"/missions/$SK/team/$PIN/remove\"" && tidy_clean'
T0=$(tcount)
post "$MJ.coord" "/missions/$SK/team" "csrf=$CSRF" "person_id=$PIN" "role=member"
check "team: adding someone already in it: 422 on person_id, nothing written" eval 'eq "$S" 422 && has "href=\"#f-person_id\"" && eq "$(tcount)" "$T0" && tidy_clean'
post "$MJ.coord" "/missions/$SK/team" "csrf=$CSRF" "person_id=$PNEW" "role=chief"
check "team: a role not in the list: 422 on role, nothing written" eval 'eq "$S" 422 && has "href=\"#f-role\"" && eq "$(tcount)" "$T0"'
post "$MJ.coord" "/missions/$SK/team" "csrf=$CSRF" "person_id=$PNEW" "role=analyst" "is_contact=new"
check "team: a member added (303 back to the team page)" eval 'eq "$S" 303 && eq "$(tcount)" "$((T0 + 1))" && eq "$(q "SELECT role || is_contact FROM team_member WHERE mission_id = $MID_SK AND person_id = $PNEW")" analyst1'
csrf_of "$MJ.coord" "/missions/$SK/team"
post "$MJ.coord" "/missions/$SK/team/$PNEW" "csrf=$CSRF" "role=communications"
check "team: the role changed, no longer a contact" eval 'eq "$S" 303 && eq "$(q "SELECT role || is_contact FROM team_member WHERE mission_id = $MID_SK AND person_id = $PNEW")" communications0'
post "$MJ.coord" "/missions/$SK/team/$PNEW/remove" "csrf=$CSRF"
check "team: removed from the team, the person stays" eval 'eq "$S" 303 && eq "$(tcount)" "$T0" && eq "$(q "SELECT COUNT(*) FROM person WHERE id = $PNEW")" 1'
fetch -b "$MJ.coord" "/missions/$GA/team"
check "team: the coordinator of $SK gets 403 on $GA's team" eval 'eq "$S" 403'
G0=$(q "SELECT COUNT(*) FROM team_member")
post "$MJ.coord" "/missions/$GA/team" "csrf=$CSRF" "person_id=$PNEW" "role=member"
check "team: ... and on adding to it, nothing written" eval 'eq "$S" 403 && eq "$(q "SELECT COUNT(*) FROM team_member")" "$G0"'
fetch -b "$MJ.actor" "/missions/$SK/team"
check "team: the actor representative gets 403" eval 'eq "$S" 403'
fetch "/missions/$SK/team"
check "team: a visitor is sent to sign in" eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'

# ---- SDG targets of skolmat
scount() { q "SELECT COUNT(*) FROM mission_sdg_target WHERE mission_id = $MID_SK"; }
slist() { q "SELECT target FROM mission_sdg_target WHERE mission_id = $MID_SK ORDER BY target" | tr '\n' ' '; }
csrf_of "$MJ.coord" "/missions/$SK/sdg"
check "sdg: the checkbox list, a fieldset and legend per goal, the stored targets checked, valid HTML" \
    eval 'eq "$S" 200 && eq "$(count "<fieldset")" 17 && eq "$(count "<legend")" 17 && eq "$(count " checked")" "$(scount)" && tidy_clean'
L0=$(slist)
post "$MJ.coord" "/missions/$SK/sdg" "csrf=$CSRF" "sdg=2.1" "sdg=99.9"
check "sdg: an unknown target: 422, nothing changed" eval 'eq "$S" 422 && has "href=\"#f-sdg_targets\"" && eq "$(slist)" "$L0" && tidy_clean'
post "$MJ.coord" "/missions/$SK/sdg" "csrf=$CSRF" "sdg=2.1" "sdg=12.3"
check "sdg: replaced as a set" eval 'eq "$S" 303 && eq "$(slist)" "12.3 2.1 "'
fetch "/missions/$SK"
check "sdg: the mission page shows the targets" eval 'eq "$S" 200 && has "12.3"'
fetch -b "$MJ.coord" "/missions/$GA/sdg"
check "sdg: the coordinator gets 403 on $GA's" eval 'eq "$S" 403'
fetch -b "$MJ.plain" "/missions/$SK/sdg"
check "sdg: a plain user gets 403" eval 'eq "$S" 403'

# ---- the API's writes, signed in with the session cookie and X-CSRF-Token
csrf_of "$MJ.admin" /new-mission; TOK_ADMIN=$CSRF
csrf_of "$MJ.coord" "/missions/$SK/edit"; TOK_COORD=$CSRF
csrf_of "$MJ.actor" /account; TOK_ACTOR=$CSRF
# api JAR TOKEN METHOD PATH BODY
api() { fetch -b "$1" -X "$3" -H "X-CSRF-Token: $2" -H 'Content-Type: application/json' --data "$5" "$4"; }
NEWM='{"slug": "api-mission", "title": {"sv": "API-mission <script>alert(1)</script>", "en": "API mission"}, "goal": {"sv": "Mål"}, "deadline": "2033-12-31", "start_year": 2026, "sdg_targets": ["12.3"]}'
N0=$(mcount)
fetch -X POST -H 'Content-Type: application/json' --data "$NEWM" /api/v1/missions
check "api: a create without credentials is 401" eval 'eq "$S" 401 && eq "$(mcount)" "$N0"'
api "$MJ.coord" "$TOK_COORD" POST /api/v1/missions "$NEWM"
check "api: a coordinator may not create a mission (403)" eval 'eq "$S" 403 && eq "$(mcount)" "$N0"'
api "$MJ.admin" "$TOK_ADMIN" POST /api/v1/missions '{"slug": "x-mission", "colour": "red"}'
check "api: an unknown member is refused by name (400)" eval 'eq "$S" 400 && jqt "$B" ".error.field == \"colour\"" && eq "$(mcount)" "$N0"'
for m in id is_demo archived_at created_at owner role; do
    api "$MJ.admin" "$TOK_ADMIN" POST /api/v1/missions "{\"slug\": \"x-mission\", \"$m\": 1}"
    check "api: the protected member $m is refused by name (422 is protected)" eval 'eq "$S" 422 && jqt "$B" ".error.field == \"$m\" and (.error.message | test(\"protected\"))" && eq "$(mcount)" "$N0"'
done
api "$MJ.admin" "$TOK_ADMIN" POST /api/v1/missions '{"slug": "x-mission", "title": {"sv": "X"}, "goal": {"sv": "X"}, "deadline": "2030-01-01", "start_year": 2031}'
check "api: a value the domain refuses: 422 naming the member" eval 'eq "$S" 422 && jqt "$B" ".error.field == \"start_year\"" && eq "$(mcount)" "$N0"'
api "$MJ.admin" "$TOK_ADMIN" POST /api/v1/missions '{"slug": "x-mission", "title": {"sv": ""}, "goal": {"sv": "X"}, "deadline": "2030-01-01", "start_year": 2025}'
check "api: ... a text's language named as title.sv" eval 'eq "$S" 422 && jqt "$B" ".error.field == \"title.sv\""'
api "$MJ.admin" "$TOK_ADMIN" POST /api/v1/missions "$NEWM"
check "api: the admin creates a mission: 201, Location, the resource" \
    eval 'eq "$S" 201 && eq "$(hdr Location)" /api/v1/missions/api-mission && jqt "$B" ".slug == \"api-mission\" and .sdg_targets == [\"12.3\"]" && eq "$(mcount)" "$((N0 + 1))"'
fetch /missions/api-mission
check "api: its page shows the title escaped" eval 'eq "$S" 200 && has "API-mission &lt;script&gt;" && lacks "<script>alert"'
R0=$(mrow api-mission)
api "$MJ.admin" "$TOK_ADMIN" PATCH /api/v1/missions/api-mission '{"slug": "other"}'
check "api: PATCH refuses the slug by name (422), nothing changes" eval 'eq "$S" 422 && jqt "$B" ".error.field == \"slug\"" && eq "$(mrow api-mission)" "$R0"'
api "$MJ.admin" "$TOK_ADMIN" PATCH /api/v1/missions/api-mission '{"goal": {"en": "A goal"}, "status": "paused", "is_demo": true}'
check "api: ... and a protected member with others: nothing changes" eval 'eq "$S" 422 && jqt "$B" ".error.field == \"is_demo\"" && eq "$(mrow api-mission)" "$R0"'
api "$MJ.admin" "$TOK_ADMIN" PATCH /api/v1/missions/api-mission '{"goal": {"en": "A goal"}}'
check "api: PATCH changes only the members given (200)" eval 'eq "$S" 200 && jqt "$B" ".goal.en == \"A goal\" and .goal.sv == \"Mål\" and .sdg_targets == [\"12.3\"]"'
api "$MJ.coord" "$TOK_COORD" PATCH /api/v1/missions/api-mission '{"goal": {"en": "B"}}'
check "api: the coordinator of $SK may not change another mission (403)" eval 'eq "$S" 403'
api "$MJ.coord" "$TOK_COORD" PATCH "/api/v1/missions/$SK" '{"goal": {"en": "The school meal goal"}}'
check "api: ... but changes their own (200)" eval 'eq "$S" 200 && jqt "$B" ".goal.en == \"The school meal goal\""'
api "$MJ.actor" "$TOK_ACTOR" PATCH "/api/v1/missions/$SK" '{"goal": {"en": "B"}}'
check "api: the actor representative may not (403)" eval 'eq "$S" 403'
api "$MJ.admin" "$TOK_ADMIN" PUT /api/v1/missions/api-mission/sdg_targets '{"sdg_targets": ["2.1", "12.3"]}'
check "api: the SDG targets replaced as a set" eval 'eq "$S" 200 && jqt "$B" "(.sdg_targets | sort) == [\"12.3\", \"2.1\"]"'

# objectives and indicators: the journey by the API
O0=$(q "SELECT COUNT(*) FROM objective")
api "$MJ.admin" "$TOK_ADMIN" POST /api/v1/objectives '{"mission": "api-mission", "title": {"sv": "Mål 1"}, "mission_id": 3}'
check "api: an objective with mission_id: refused by name (422 is protected)" eval 'eq "$S" 422 && jqt "$B" ".error.field == \"mission_id\"" && eq "$(q "SELECT COUNT(*) FROM objective")" "$O0"'
api "$MJ.coord" "$TOK_COORD" POST /api/v1/objectives '{"mission": "api-mission", "title": {"sv": "Mål 1"}}'
check "api: the coordinator of $SK may not add to another mission (403)" eval 'eq "$S" 403 && eq "$(q "SELECT COUNT(*) FROM objective")" "$O0"'
api "$MJ.admin" "$TOK_ADMIN" POST /api/v1/objectives '{"mission": "api-mission", "title": {"sv": "Mål 1"}, "weight": 2}'
check "api: an objective created: 201 with Location" eval 'eq "$S" 201 && match "$(hdr Location)" "^/api/v1/objectives/[0-9]+$" && jqt "$B" ".mission == \"api-mission\" and .weight == 2"'
AO=$(jq -r .id "$B")
api "$MJ.admin" "$TOK_ADMIN" PATCH "/api/v1/objectives/$AO" '{"mission": "skolmat"}'
check "api: PATCH refuses moving it to another mission, by name" eval 'eq "$S" 422 && jqt "$B" ".error.field == \"mission\"" && eq "$(q "SELECT mission_id FROM objective WHERE id = $AO")" "$(q "SELECT id FROM mission WHERE slug = '"'"'api-mission'"'"'")"'
api "$MJ.admin" "$TOK_ADMIN" PATCH "/api/v1/objectives/$AO" '{"title": {"en": "Objective 1"}}'
check "api: PATCH changes an objective (200)" eval 'eq "$S" 200 && jqt "$B" ".title.en == \"Objective 1\""'
api "$MJ.admin" "$TOK_ADMIN" POST /api/v1/indicators "{\"mission\": \"$SK\", \"objective_id\": $AO, \"title\": {\"sv\": \"I\"}}"
check "api: an indicator under another mission's objective: 422 on objective_id" eval 'eq "$S" 422 && jqt "$B" ".error.field == \"objective_id\""'
api "$MJ.admin" "$TOK_ADMIN" POST /api/v1/indicators "{\"mission\": \"api-mission\", \"objective_id\": $AO, \"title\": {\"sv\": \"Andel\"}, \"disaggregations\": [\"Kön\", \"Kön\"]}"
check "api: a repeated column: 422 naming the item" eval 'eq "$S" 422 && jqt "$B" ".error.field | startswith(\"disaggregations\")"'
api "$MJ.admin" "$TOK_ADMIN" POST /api/v1/indicators "{\"mission\": \"api-mission\", \"objective_id\": $AO, \"title\": {\"sv\": \"Andel\", \"en\": \"Share\"}, \"unit\": {\"sv\": \"procent\"}, \"decimals\": 1, \"direction\": \"decrease\", \"disaggregations\": [\"Kön\"]}"
check "api: an indicator created: 201 with Location" eval 'eq "$S" 201 && match "$(hdr Location)" "^/api/v1/indicators/[0-9]+$" && jqt "$B" ".direction == \"decrease\" and .disaggregations == [\"Kön\"]"'
AI=$(jq -r .id "$B")
api "$MJ.admin" "$TOK_ADMIN" PATCH "/api/v1/indicators/$AI/metadata" '{"direction": "increase"}'
check "api: the metadata PATCH sends the direction to the settings" eval 'eq "$S" 422 && jqt "$B" ".error.field == \"direction\""'
api "$MJ.admin" "$TOK_ADMIN" PATCH "/api/v1/indicators/$AI/metadata" '{"title": {"en": "Share of it"}, "decimals": 2}'
check "api: the metadata PATCH changes the given members (200)" eval 'eq "$S" 200 && jqt "$B" ".title.en == \"Share of it\" and .decimals == 2 and .title.sv == \"Andel\""'
api "$MJ.admin" "$TOK_ADMIN" PATCH "/api/v1/indicators/$AI" '{"base_year": 2020, "base_value": 10, "target": {"kind": "absolute", "value": 5}}'
check "api: ... its progress settings through the existing PATCH" eval 'eq "$S" 200'
api "$MJ.admin" "$TOK_ADMIN" POST "/api/v1/objectives/$AO/archive" '{}'
check "api: an objective with a live indicator cannot be archived (422)" eval 'eq "$S" 422 && eq "$(q "SELECT COUNT(*) FROM objective WHERE id = $AO AND archived_at IS NULL")" 1'
api "$MJ.coord" "$TOK_COORD" POST "/api/v1/indicators/$AI/archive" '{}'
check "api: the coordinator of $SK may not archive its indicator (403)" eval 'eq "$S" 403'
api "$MJ.admin" "$TOK_ADMIN" POST "/api/v1/indicators/$AI/archive" '{}'
check "api: the indicator archived (200)" eval 'eq "$S" 200 && eq "$(q "SELECT COUNT(*) FROM indicator WHERE id = $AI AND archived_at IS NOT NULL")" 1'
api "$MJ.admin" "$TOK_ADMIN" POST "/api/v1/objectives/$AO/archive" ''
check "api: ... then the objective (200)" eval 'eq "$S" 200'

# the team
api "$MJ.coord" "$TOK_COORD" POST "/api/v1/missions/$SK/team" "{\"person_id\": $PNEW, \"role\": \"analyst\", \"mission\": \"gator\"}"
check "api: a team add naming a mission is refused by name" eval 'eq "$S" 422 && jqt "$B" ".error.field == \"mission\""'
api "$MJ.coord" "$TOK_COORD" POST "/api/v1/missions/$SK/team" "{\"person_id\": $PNEW, \"role\": \"analyst\", \"is_contact\": true}"
check "api: a team member added (200, the team)" eval 'eq "$S" 200 && eq "$(q "SELECT role || is_contact FROM team_member WHERE mission_id = $MID_SK AND person_id = $PNEW")" analyst1'
api "$MJ.coord" "$TOK_COORD" PATCH "/api/v1/missions/$SK/team/$PNEW" '{"role": "member"}'
check "api: ... the role changed, the contact flag kept" eval 'eq "$S" 200 && eq "$(q "SELECT role || is_contact FROM team_member WHERE mission_id = $MID_SK AND person_id = $PNEW")" member1'
api "$MJ.coord" "$TOK_COORD" POST "/api/v1/missions/$SK/team/$PNEW/remove" ''
check "api: ... removed" eval 'eq "$S" 200 && eq "$(q "SELECT COUNT(*) FROM team_member WHERE mission_id = $MID_SK AND person_id = $PNEW")" 0'
api "$MJ.coord" "$TOK_COORD" POST "/api/v1/missions/$GA/team" "{\"person_id\": $PNEW}"
check "api: the coordinator of $SK gets 403 on $GA's team" eval 'eq "$S" 403'

api "$MJ.coord" "$TOK_COORD" POST /api/v1/missions/api-mission/archive '{}'
check "api: a coordinator may not archive a mission (403)" eval 'eq "$S" 403'
api "$MJ.admin" "$TOK_ADMIN" POST /api/v1/missions/api-mission/archive '{}'
check "api: the admin archives it (200)" eval 'eq "$S" 200 && ne "$(q "SELECT COALESCE(archived_at, 0) FROM mission WHERE slug = '"'"'api-mission'"'"'")" 0'
fetch /api/v1/missions
check "api: ... it has left the list" eval 'eq "$S" 200 && jqt "$B" "[.items[].slug] | index(\"api-mission\") == null"'
