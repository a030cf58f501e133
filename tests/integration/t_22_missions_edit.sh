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
SKS=$(q "SELECT COUNT(*) FROM mission_sdg WHERE mission_id = $MID_SK" 2>/dev/null || echo x)
post "$MJ.coord" "/missions/$SK/edit" "csrf=$CSRF" "title_sv=$SKT" "goal_sv=$SKG (ändrad)" \
    "deadline=$SKD" "start_year=$SKY" "status=active"
check "missions: ... and saves it (303), the SDG links kept" \
    eval 'eq "$S" 303 && eq "$(q "SELECT goal_sv FROM mission WHERE slug = '"'"'$SK'"'"'")" "$SKG (ändrad)" && eq "$(q "SELECT COUNT(*) FROM mission_sdg WHERE mission_id = $MID_SK" 2>/dev/null || echo x)" "$SKS"'
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
