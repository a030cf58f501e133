# t_34_site.sh — the site's own pages (issue 12): "About missions" (/about) and the contact
# (/contact) in both languages, linked from every page's footer (with the functional
# mailbox) and from the home page's lead; the site owner in the accountability block; and
# the admins' form (/admin/site) that edits them: an admin may, a coordinator gets 403, a
# post without its CSRF token is refused, a text over its limit comes back with the message
# beside its field and nothing written, and a good edit shows at once, cache or not, with
# an audit entry.

SJ=$T/site-jar # the test's browsers: $SJ.admin, $SJ.coord
rm -f "$SJ".*
SPW='a long enough password'
audit_n() { q "SELECT COUNT(*) FROM audit_log"; }
site_row() { q "SELECT about_sv || '|' || COALESCE(contact_email, '') || '|' || owner_sv FROM site"; }

# ---- the pages as the demo has them, Swedish and English
fetch /about
check "site: /about is a page in Swedish (Om missions), valid HTML" \
    eval 'eq "$S" 200 && h1_has "Om missions" && match "$BF" "<html lang=\"sv\"" && tidy_clean'
check "site: ... the demo text, rendered from Markdown (headings, links to its sources)" \
    eval 'has "<h2>Vad är missions?</h2>" && has "href=\"https://www.vinnova.se/p/street-moves-2/\"" && text_has "EU-missions"'
check "site: ... marked as demonstration content" has 'class="demo-note"'
check "site: ... and links the contact page" links_to /contact
check "site: ... its page owner is the site owner of the settings" \
    eval 'has "<dt>Sidansvarig</dt><dd>Missionsteamet (demo)</dd>"'
fetch '/about?lang=en'
check "site: /about?lang=en is in English (About missions), valid HTML" \
    eval 'eq "$S" 200 && h1_has "About missions" && has "<h2>What are missions?</h2>" && tidy_clean'
check "site: ... the site owner in English" has '<dt>Page owner</dt><dd>The missions team (demo)</dd>'
fetch /contact
check "site: /contact is the contact page (Kontakt), valid HTML" \
    eval 'eq "$S" 200 && h1_has "Kontakt" && tidy_clean'
check "site: ... the functional mailbox as a mailto: link, the phone and the postal address line by line" \
    eval 'has "<a href=\"mailto:missions@example.org\">missions@example.org</a>" && text_has "+46 70-000 00 99" && has "<address>samverka (demo)<br>Box 000<br>000 00 Exempelstad</address>"'
check "site: ... with the short text in Swedish" text_has "Skriv till vår funktionsbrevlåda"
fetch '/contact?lang=en'
check "site: /contact?lang=en: Contact, Postal address, the English text" \
    eval 'h1_has "Contact" && has "<dt>Postal address</dt>" && text_has "Write to our functional mailbox" && tidy_clean'

# ---- every page: the footer links both pages and shows the mailbox; the home page's lead
fetch /actors
check "site: another page (/actors) has the footer's links to About and Contact and the mailbox" \
    has '<p class="site-contact"><a href="/about">Om missions</a> · <a href="/contact">Kontakt</a> · <a href="mailto:missions@example.org">missions@example.org</a></p>'
check "site: ... and names the site owner where the page has no owner of its own" \
    has '<dt>Sidansvarig</dt><dd>Missionsteamet (demo)</dd>'
# (a mission with an owner as stored now: other files edit the demo's missions)
MSLUG=$(q "SELECT m.slug FROM mission m JOIN person p ON p.id = m.owner_id WHERE m.archived_at IS NULL ORDER BY m.id LIMIT 1")
MOWNER=$(q "SELECT p.name FROM mission m JOIN person p ON p.id = m.owner_id WHERE m.slug = '$MSLUG'")
fetch "/missions/$MSLUG"
check "site: a mission's page keeps its own owner" \
    eval 'nonempty "$MOWNER" && has "<dt>Sidansvarig</dt><dd>$MOWNER</dd>"'
fetch '/?lang=en'
check "site: the home page's lead sentence links About missions" \
    has_re '<p class="lead">[^<]*<a href="/about\?lang=en">Read more about missions.</a></p>'
fetch /no-such-page
check "site: an error page has the footer too" eval 'eq "$S" 404 && links_to /about && links_to /contact'

# ---- who may edit: an admin and a coordinator of our own (codes ours alone)
"$BIN" user add --db "$DB" --email site-admin@example.se --name "Site Admin" --role admin \
    --password-stdin <<<"$SPW" >"$T/site-admin.out" 2>&1
"$BIN" user add --db "$DB" --email site-coord@example.se --name "Site Coord" \
    --coordinator skolmat --password-stdin <<<"$SPW" >"$T/site-coord.out" 2>&1
key_of() { grep -o 'secret=[A-Z2-7]*' "$1" | head -1 | cut -d= -f2; }
first_sign_in()
{
    csrf_of "$1" /account/sign-in
    post "$1" /account/sign-in "csrf=$CSRF" "email=$2" "password=$SPW"
    post "$1" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$3")"
    [ -n "$(jar_cookie "$1" samverka_session)" ] || fail "first sign-in of $2: no session ($S)"
}
check "site: an admin signs in" first_sign_in "$SJ.admin" site-admin@example.se "$(key_of "$T/site-admin.out")"
check "site: a coordinator of skolmat signs in" first_sign_in "$SJ.coord" site-coord@example.se "$(key_of "$T/site-coord.out")"

fetch /admin/site
check "site: a visitor asking for the form is sent to sign in" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch /about
check "site: a visitor's About page offers no edit link" lacks '/admin/site'
csrf_of "$SJ.coord" /admin/site
check "site: a coordinator gets 403 for the form" eq "$S" 403
csrf_of "$SJ.coord" /account
R0=$(site_row); N0=$(audit_n)
post "$SJ.coord" /admin/site "csrf=$CSRF" "about_sv=Kuppat" "contact_email=evil@example.org"
check "site: a coordinator's post is refused (403) and changes nothing" \
    eval 'eq "$S" 403 && eq "$(site_row)" "$R0" && eq "$(audit_n)" "$N0"'

csrf_of "$SJ.admin" /admin/site
check "site: an admin gets the form with the stored values, valid HTML, never cached" \
    eval 'eq "$S" 200 && has "name=\"about_sv\"" && has "value=\"missions@example.org\"" && match "$(hdr Cache-Control)" "private" && tidy_clean'
fetch -b "$SJ.admin" /about
check "site: ... and the About page offers the admin the form" links_to /admin/site
post "$SJ.admin" /admin/site "about_sv=Utan nyckel" "contact_email=missions@example.org"
check "site: a post without the CSRF token is refused (403) and changes nothing" \
    eval 'eq "$S" 403 && eq "$(site_row)" "$R0" && eq "$(audit_n)" "$N0"'
LONG=$(head -c 20001 /dev/zero | tr '\0' 'a')
post "$SJ.admin" /admin/site "csrf=$CSRF" "about_sv=$LONG" "about_en=Kept in English" \
    "contact_email=missions@example.org"
check "site: a text over 20,000 bytes is refused: 422, the message beside the field" \
    eval 'eq "$S" 422 && has "id=\"f-about_sv-error\"" && has "href=\"#f-about_sv\"" && text_has "högst 20 000 tecken" && match "$BF" "<title>Fel: "'
check "site: ... the values kept, valid HTML, nothing written" \
    eval 'text_has "Kept in English" && tidy_clean && eq "$(site_row)" "$R0" && eq "$(audit_n)" "$N0"'
post "$SJ.admin" /admin/site "csrf=$CSRF" "about_sv=Text" "contact_email=not an address"
check "site: a mailbox that is not an address is refused beside it" \
    eval 'eq "$S" 422 && has "id=\"f-contact_email-error\"" && eq "$(site_row)" "$R0"'
post "$SJ.admin" /admin/site "csrf=$CSRF" "about_sv=Text" "owner_url=javascript:alert(1)" "owner_sv=X"
check "site: an owner link that is not http(s) is refused beside it" \
    eval 'eq "$S" 422 && has "id=\"f-owner_url-error\"" && eq "$(site_row)" "$R0"'

# a good edit: the anonymous, cached copies change at once
fetch /about
fetch /about
post "$SJ.admin" /admin/site "csrf=$CSRF" "about_sv=## Om oss
Ny **text** <script>alert(1)</script> [källa](https://example.org/k)" "about_en=" \
    "contact_email=team-missions@example.se" "contact_phone=" "contact_address=" \
    "contact_text_sv=Hör av dig." "owner_sv=Team missions" "owner_en=" \
    "owner_url=https://example.se/kontakt"
check "site: a good post redirects to About (303)" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/about"'
check "site: ... and leaves an audit entry by the admin naming the changed fields" \
    eval 'eq "$(audit_n)" "$((N0 + 1))" && match "$(q "SELECT who || '"'"' '"'"' || action || '"'"' '"'"' || changes FROM audit_log WHERE entity = '"'"'site'"'"' ORDER BY id DESC LIMIT 1")" "^site-admin@example.se update .*\"about_sv\".*\"contact_email\""'
fetch /about
check "site: a visitor sees the new text at once (the cached copy is gone), Markdown rendered" \
    eval 'eq "$S" 200 && has "<h2>Om oss</h2>" && has "<strong>text</strong>" && has "href=\"https://example.org/k\""'
check "site: ... the raw HTML in it is not passed on (cmark's safe mode)" lacks '<script>alert(1)'
check "site: ... the demo note stays with the demo database" has 'class="demo-note"'
fetch '/about?lang=en'
check "site: ... in English the Swedish text stands in, marked lang=sv" \
    has '<div class="description" lang="sv"><h2>Om oss</h2>'
fetch /sdg
check "site: the footer of another page shows the new mailbox at once" \
    eval 'has "<a href=\"mailto:team-missions@example.se\">team-missions@example.se</a>" && lacks "missions@example.org"'
check "site: ... and the new site owner, linked" \
    has '<dt>Sidansvarig</dt><dd><a href="https://example.se/kontakt">Team missions</a></dd>'
fetch '/sdg?lang=en'
check "site: ... in English the Swedish name stands in, marked lang=sv" \
    has '<dd lang="sv"><a href="https://example.se/kontakt">Team missions</a></dd>'
fetch /contact
check "site: the contact page without phone and address shows the mailbox only" \
    eval 'has "mailto:team-missions@example.se" && lacks "<dt>Telefon</dt>" && lacks "<address>" && text_has "Hör av dig."'

# ---- the API: read by anyone, changed by admins (the same write as the form)
fetch /api/v1/site
check "site api: GET /api/v1/site is public and has the settings as stored" \
    eval 'eq "$S" 200 && jqt "$B" ".contact.email == \"team-missions@example.se\" and .owner.name.sv == \"Team missions\" and .owner.url == \"https://example.se/kontakt\" and .contact.phone == null and (.about.sv | startswith(\"## Om oss\")) and .is_demo == true"'
site_token() { "$BIN" token create --db "$DB" "$@" 2>/dev/null | tail -1; }
TOK_SA=$(site_token --name site-admin --role admin)
TOK_SC=$(site_token --name site-coord --role coordinator --mission skolmat)
R0=$(site_row); N0=$(audit_n)
fetch -X PATCH -H "Authorization: Bearer $TOK_SC" -H 'Content-Type: application/json' \
    --data-binary '{"contact": {"email": "evil@example.org"}}' /api/v1/site
check "site api: a coordinator's PATCH is 403 and changes nothing" \
    eval 'eq "$S" 403 && eq "$(site_row)" "$R0" && eq "$(audit_n)" "$N0"'
fetch -X PATCH -H 'Content-Type: application/json' --data-binary '{"about": {"sv": "x"}}' /api/v1/site
check "site api: a PATCH without credentials is 401" eval 'eq "$S" 401 && eq "$(site_row)" "$R0"'
fetch -X PATCH -H "Authorization: Bearer $TOK_SA" -H 'Content-Type: application/json' \
    --data-binary '{"is_demo": false}' /api/v1/site
check "site api: is_demo is protected (422 naming it)" \
    eval 'eq "$S" 422 && jqt "$B" ".error.field == \"is_demo\"" && eq "$(site_row)" "$R0"'
fetch -X PATCH -H "Authorization: Bearer $TOK_SA" -H 'Content-Type: application/json' \
    --data-binary '{"contact": {"fax": "1"}}' /api/v1/site
check "site api: an unknown member inside contact is refused naming contact" \
    eval 'match "$S" "^4" && jqt "$B" ".error.field == \"contact\"" && eq "$(site_row)" "$R0"'
printf '{"about": {"en": "%s"}}' "$LONG" >"$T/site-long.json"
fetch -X PATCH -H "Authorization: Bearer $TOK_SA" -H 'Content-Type: application/json' \
    --data-binary @"$T/site-long.json" /api/v1/site
check "site api: a text over 20,000 bytes is 422 naming about, nothing written" \
    eval 'eq "$S" 422 && jqt "$B" ".error.field == \"about\"" && eq "$(site_row)" "$R0" && eq "$(audit_n)" "$N0"'
fetch -X PATCH -H "Authorization: Bearer $TOK_SA" -H 'Content-Type: application/json' \
    --data-binary '{"contact": {"email": "missions@example.org", "phone": "+46 8-000 00 00"}, "about": {"en": "## About us"}}' \
    /api/v1/site
check "site api: an admin's PATCH changes the members given and answers with the settings" \
    eval 'eq "$S" 200 && jqt "$B" ".contact.email == \"missions@example.org\" and .contact.phone == \"+46 8-000 00 00\" and .about.en == \"## About us\" and (.about.sv | startswith(\"## Om oss\")) and .owner.name.sv == \"Team missions\""'
check "site api: ... with one audit entry" eq "$(audit_n)" "$((N0 + 1))"
fetch '/about?lang=en'
check "site api: ... and the pages show it at once" \
    eval 'has "<h2>About us</h2>" && has "mailto:missions@example.org"'
