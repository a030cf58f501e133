# t_26_account_pages.sh — the account's self-service in the browser: the password reset by
# an e-mailed link (read here from the mail queue), the second factor managed from the
# account (set up with a code computed here, replaced and turned off with the password:
# SECURITY.md items 6 and 13), the user's own API tokens (shown once, used against
# /api/v1/me, revoked), asking to represent an actor and its confirmation by a
# coordinator, the admins' pages, and the personal data (its download, a deletion request
# and an admin carrying it out).

AJ=$T/acct-jar # the cookie jars of this file's browsers: $AJ.a, $AJ.b ...
rm -f "$AJ".*
APW='a long enough password'
# the count of rows SQL counts
n_of() { q "SELECT COUNT(*) FROM $1"; }
# the link in the newest message queued for ADDRESS
reset_link() { q "SELECT body FROM mail_queue WHERE recipient = $(sqls "$1") ORDER BY id DESC LIMIT 1" | grep -o 'http://[^ ]*/account/reset/[A-Za-z0-9_-]*' | head -1; }

# ---- a plain account, made through the sign-up form
csrf_of "$AJ.a" /account/sign-up
post "$AJ.a" /account/sign-up "csrf=$CSRF" "name=Rut Reset" "email=rut@example.se" "password=$APW"
require "account: a plain account signs up" eq "$S" 303

# ---- who only signed up is in no public register (the reviewer's finding of issue 10)
RUT_PERSON=$(q "SELECT person_id FROM user_account WHERE email_key = 'rut@example.se'")
fetch "/api/v1/people?per_page=100"
check "people: one who only signed up is not in the public list of people" \
    eval 'eq "$S" 200 && jqt "$B" "[.items[].name] | index(\"Rut Reset\") == null"'
fetch "/api/v1/people/$RUT_PERSON"
check "people: ... nor is its person found by id through the API (404)" eq "$S" 404
fetch "/people/$RUT_PERSON"
check "people: ... nor on a page (404, without the name)" eval 'eq "$S" 404 && lacks "Rut Reset"'
fetch -b "$AJ.a" "/people/$RUT_PERSON"
check "people: ... but its own account sees it" eval 'eq "$S" 200 && text_has "Rut Reset"'
fetch "/people/$RUT_PERSON"
check "people: ... and the visitor's 404 was not replaced by the account's copy" eq "$S" 404

# ---- 1. password reset
fetch /account/sign-in
check "reset: the sign-in page offers \"Forgot your password?\"" links_to /account/reset
csrf_of "$AJ.r" /account/reset
check "reset: the e-mail form is valid HTML with a CSRF token" eval 'eq "$S" 200 && nonempty "$CSRF" && tidy_clean'
MAILS=$(n_of mail_queue)
post "$AJ.r" /account/reset "csrf=$CSRF" "email=nobody-here@example.se"
R_UNKNOWN="$S $(hdr Location)"
post "$AJ.r" /account/reset "csrf=$CSRF" "email=RUT@example.se"
R_KNOWN="$S $(hdr Location)"
check "reset: an unknown and a known address get the same answer (303 to the same page)" \
    eval 'eq "$R_UNKNOWN" "$R_KNOWN" && eq "$R_KNOWN" "303 /account/reset?sent=1"'
check "reset: ... one message queued, to the account's address only" \
    eq "$(n_of mail_queue) $(q "SELECT COUNT(*) FROM mail_queue WHERE recipient = 'nobody-here@example.se'")" "$((MAILS + 1)) 0"
check "reset: ... its subject is in the default language (Swedish)" \
    match "$(q "SELECT subject FROM mail_queue ORDER BY id DESC LIMIT 1")" "lösenord"
LINK=$(reset_link rut@example.se)
check "reset: ... its body holds the link, on this server's address" match "$LINK" "^http://127\.0\.0\.1:[0-9]+/account/reset/[A-Za-z0-9_-]{22}$"
fetch -b "$AJ.r" "/account/reset?sent=1"
check "reset: the page after says a link is on its way, without saying whether the address exists" \
    eval 'eq "$S" 200 && has "role=\"status\"" && tidy_clean'
post "$AJ.r" /account/reset "csrf=$CSRF" "email=not an address"
check "reset: a value that is no address: 422 beside the field, the value kept" \
    eval 'eq "$S" 422 && has "id=\"f-email-error\"" && has "value=\"not an address\""'
LPATH=${LINK#http://*/}
LPATH=/$LPATH
csrf_of "$AJ.r" "$LPATH"
check "reset: the link's page has the new password's form (valid HTML)" \
    eval 'eq "$S" 200 && has "name=\"password\"" && tidy_clean'
# the link's token is a password for an hour: the access log names the route, never the token
RTOK=${LPATH##*/}
logged_reset() { grep -q 'event=access method="GET" path="/account/reset/{token}"' "$T/server.log"; }
check "reset: the access log shows the link's page as /account/reset/{token}" wait_for 5 logged_reset
check "reset: ... and the token is in no log line (SECURITY.md item 27)" eval '! grep -q -- "$RTOK" "$T/server.log"'
HASH0=$(q "SELECT password_hash FROM user_account WHERE email_key = 'rut@example.se'")
post "$AJ.r" "$LPATH" "csrf=$CSRF" "password=short"
check "reset: a short new password: 422 beside the field, nothing changed" \
    eval 'eq "$S" 422 && has "id=\"f-password-error\"" && eq "$(q "SELECT password_hash FROM user_account WHERE email_key = '"'"'rut@example.se'"'"'")" "$HASH0"'
post "$AJ.r" "$LPATH" "password=$APW new"
check "reset: a post without the CSRF token is refused (403), nothing changed" \
    eval 'eq "$S" 403 && eq "$(q "SELECT password_hash FROM user_account WHERE email_key = '"'"'rut@example.se'"'"'")" "$HASH0"'
post "$AJ.r" "$LPATH" "csrf=$CSRF" "password=$APW new"
check "reset: the new password is set: 303 to sign in, saying so" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" "/account/sign-in?reset=1"'
fetch -b "$AJ.a" /account
check "reset: ... the account's other sessions have ended" eq "$S" 303
fetch "/account/sign-in?reset=1"
check "reset: ... the sign-in page says the password was changed" eval 'eq "$S" 200 && has "class=\"notice\""'
check "reset: ... the new password signs in" sign_in "$AJ.a" rut@example.se "$APW new"
fetch -b "$AJ.a" /account
check "account: a plain account's page offers no proposals (it represents no one, has proposed nothing)" \
    eval 'eq "$S" 200 && lacks "/account/proposals"'
fetch "$LPATH"
check "reset: the link works once (then its page offers a new one)" \
    eval 'eq "$S" 200 && lacks "name=\"password\"" && has "name=\"email\"" && tidy_clean'
csrf_of "$AJ.r" /account/reset
post "$AJ.r" "$LPATH" "csrf=$CSRF" "password=$APW newer"
check "reset: ... and a second post with it is refused (422), the password unchanged" \
    eval 'eq "$S" 422 && sign_in "$AJ.z" rut@example.se "$APW new"'

# ---- 2. two-factor sign-in managed from the account (Rut, signed in as $AJ.a)
# sign_in_code JAR EMAIL PASSWORD KEY — sign in with the key's code of now; when another
# test used that code already (codes are never taken twice), wait for the next one
sign_in_code()
{
    local left
    csrf_of "$1" /account/sign-in
    post "$1" /account/sign-in "csrf=$CSRF" "email=$2" "password=$3"
    [ "$S" = 200 ] || { fail "password step of $2: $S"; return; }
    post "$1" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$4")"
    if [ "$S" = 422 ]; then
        left=$((30 - $(date +%s) % 30))
        sleep "$left"
        post "$1" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$4")"
    fi
    [[ $S = 303 || $S = 200 ]] || { fail "code step of $2: $S"; return; }
    [ -n "$(jar_cookie "$1" samverka_session)" ] || fail "sign-in of $2: no session cookie"
}
fetch -b "$AJ.a" /account
check "mfa page: the account links to its two-factor page" links_to /account/two-factor
csrf_of "$AJ.a" /account/two-factor
check "mfa page: the status says off, with the set-up form (valid HTML)" \
    eval 'eq "$S" 200 && has "id=\"mfa-status\">Av<" && has "action=\"/account/two-factor/begin\"" && tidy_clean'
post "$AJ.a" /account/two-factor/begin "csrf=$CSRF"
KEY=$([[ $BF =~ \<code\ class=\"secret\"\>([A-Z2-7]+)\</code\> ]] && echo "${BASH_REMATCH[1]}")
check "mfa page: set-up shows a new key as text and as an otpauth:// link (valid HTML)" \
    eval 'eq "$S" 200 && match "$KEY" "^[A-Z2-7]{32}$" && has "href=\"otpauth://totp/samverka:rut%40example.se?secret=$KEY" && tidy_clean'
check "mfa page: ... not yet in force" eq "$(q "SELECT COUNT(confirmed_at) FROM user_totp t JOIN user_account u ON u.id = t.user_id WHERE u.email_key = 'rut@example.se'")" 0
post "$AJ.a" /account/two-factor/confirm "csrf=$CSRF" "code=000000"
check "mfa page: a wrong first code: 422 beside the field, still off" \
    eval 'eq "$S" 422 && has "id=\"f-code-error\"" && has "id=\"mfa-status\">Av<" && tidy_clean'
post "$AJ.a" /account/two-factor/confirm "csrf=$CSRF" "code=$(totp_now "$KEY")"
RECOVERY=$(grep -o '<code>[23456789A-Z-]*</code>' "$B" | sed 's/<[^>]*>//g')
check "mfa page: the right code turns it on and shows 10 recovery codes once" \
    eval 'eq "$S" 200 && eq "$(grep -c . <<<"$RECOVERY")" 10 && tidy_clean'
fetch -b "$AJ.a" /account/two-factor
check "mfa page: the status says on, 10 recovery codes left" \
    eval 'has "id=\"mfa-status\">På<" && has "id=\"mfa-left\">10<" && lacks "$(head -1 <<<"$RECOVERY")"'
csrf_of "$AJ.b" /account/sign-in
post "$AJ.b" /account/sign-in "csrf=$CSRF" "email=rut@example.se" "password=$APW new"
check "mfa page: from then on the password alone opens no session" \
    eval 'eq "$S" 200 && has "name=\"code\"" && [ -z "$(jar_cookie "$AJ.b" samverka_session)" ]'
post "$AJ.b" /account/sign-in/code "csrf=$CSRF" "code=$(sed -n 3p <<<"$RECOVERY")"
check "mfa page: ... a recovery code completes the sign-in" eval 'eq "$S" 303 && nonempty "$(jar_cookie "$AJ.b" samverka_session)"'
fetch -b "$AJ.a" /account/two-factor
check "mfa page: ... and 9 are left" has "id=\"mfa-left\">9<"
csrf_of "$AJ.a" /account/two-factor
post "$AJ.a" /account/two-factor/recovery "csrf=$CSRF" "password_recovery=wrong password here"
check "mfa page: new recovery codes with a wrong password: 422 beside its field, nothing changed" \
    eval 'eq "$S" 422 && has "id=\"f-password_recovery-error\"" && has "id=\"mfa-left\">9<" && tidy_clean'
post "$AJ.a" /account/two-factor/recovery "csrf=$CSRF" "password_recovery=$APW new"
RECOVERY2=$(grep -o '<code>[23456789A-Z-]*</code>' "$B" | sed 's/<[^>]*>//g')
check "mfa page: ... with the password: 10 new ones, shown once" \
    eval 'eq "$S" 200 && eq "$(grep -c . <<<"$RECOVERY2")" 10 && ne "$(head -1 <<<"$RECOVERY2")" "$(head -1 <<<"$RECOVERY")"'
csrf_of "$AJ.c" /account/sign-in
post "$AJ.c" /account/sign-in "csrf=$CSRF" "email=rut@example.se" "password=$APW new"
post "$AJ.c" /account/sign-in/code "csrf=$CSRF" "code=$(sed -n 4p <<<"$RECOVERY")"
check "mfa page: ... the old ones no longer sign in" eval 'eq "$S" 422 && [ -z "$(jar_cookie "$AJ.c" samverka_session)" ]'
csrf_of "$AJ.a" /account/two-factor
post "$AJ.a" /account/two-factor/begin "csrf=$CSRF"
check "mfa page: replacing the key without the password is refused (item 13)" \
    eval 'eq "$S" 422 && has "id=\"f-password_replace-error\"" && lacks "class=\"secret\""'
post "$AJ.a" /account/two-factor/begin "csrf=$CSRF" "password_replace=$APW new"
KEY2=$([[ $BF =~ \<code\ class=\"secret\"\>([A-Z2-7]+)\</code\> ]] && echo "${BASH_REMATCH[1]}")
check "mfa page: ... with it, a new key is shown" eval 'eq "$S" 200 && match "$KEY2" "^[A-Z2-7]{32}$" && ne "$KEY2" "$KEY"'
post "$AJ.a" /account/two-factor/confirm "csrf=$CSRF" "code=$(totp_py "$KEY2" | sed -n 3p)"
check "mfa page: ... whose first code puts it in force" \
    eval 'eq "$S" 200 && eq "$(q "SELECT secret FROM user_totp t JOIN user_account u ON u.id = t.user_id WHERE u.email_key = '"'"'rut@example.se'"'"'")" "$KEY2"'
csrf_of "$AJ.a" /account/two-factor
post "$AJ.a" /account/two-factor/disable "csrf=$CSRF" "password_off=wrong password here"
check "mfa page: turning it off with a wrong password: 422, still on" \
    eval 'eq "$S" 422 && has "id=\"f-password_off-error\"" && has "id=\"mfa-status\">På<"'
post "$AJ.a" /account/two-factor/disable "csrf=$CSRF" "password_off=$APW new"
check "mfa page: ... with the password it is off (303 to the status)" \
    eval 'eq "$S" 303 && eq "$(q "SELECT COUNT(*) FROM user_totp t JOIN user_account u ON u.id = t.user_id WHERE u.email_key = '"'"'rut@example.se'"'"'")" 0'
post "$AJ.x" /account/two-factor/begin "csrf=$CSRF"
check "mfa page: a visitor's post is sent to sign in, changing nothing" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in" && eq "$(q "SELECT COUNT(*) FROM user_totp t JOIN user_account u ON u.id = t.user_id WHERE u.email_key = '"'"'rut@example.se'"'"'")" 0'
fetch /account/two-factor
check "mfa page: a visitor is sent to sign in" eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'

# an admin of this file's own (the demo admin's codes may be taken by another file)
ADM_PW="$APW admin"
"$BIN" user add --db "$DB" --email acct-admin@example.se --name "Acct Admin" --role admin \
    --password-stdin <<<"$ADM_PW" >"$T/acct-admin.out" 2>&1
ADM_KEY=$(grep -o 'secret=[A-Z2-7]*' "$T/acct-admin.out" | head -1 | cut -d= -f2)
require "account: an admin of this file's own" sign_in_code "$AJ.adm" acct-admin@example.se "$ADM_PW" "$ADM_KEY"
csrf_of "$AJ.adm" /account/two-factor
check "mfa page: an admin's page says it cannot be turned off, and offers no form for it" \
    eval 'eq "$S" 200 && has "id=\"f-password_off\"" && lacks "action=\"/account/two-factor/disable\"" && tidy_clean'
post "$AJ.adm" /account/two-factor/disable "csrf=$CSRF" "password_off=$ADM_PW"
check "mfa page: ... and a post to turn it off is refused with the reason (422), still on" \
    eval 'eq "$S" 422 && has "href=\"#f-password_off\"" && has "id=\"mfa-status\">På<"'

# ---- 3. the user's own API tokens (Rut, $AJ.a)
fetch -b "$AJ.a" /account
check "tokens: the account links to its tokens" links_to /account/tokens
csrf_of "$AJ.a" /account/tokens
check "tokens: the page, with no token yet, is valid HTML" eval 'eq "$S" 200 && has "name=\"name\"" && tidy_clean'
NTOK=$(n_of user_token)
post "$AJ.a" /account/tokens "csrf=$CSRF" "name="
check "tokens: a token without a name: 422 beside the field, none made" \
    eval 'eq "$S" 422 && has "id=\"f-name-error\"" && eq "$(n_of user_token)" "$NTOK" && tidy_clean'
post "$AJ.a" /account/tokens "csrf=$CSRF" "name=<script>alert(1)</script> report"
UTOK=$([[ $BF =~ id=\"new-token\"\>(svku_[A-Za-z0-9_-]+)\< ]] && echo "${BASH_REMATCH[1]}")
check "tokens: a new token is shown once, with how to use it (valid HTML)" \
    eval 'eq "$S" 200 && match "$UTOK" "^svku_[A-Za-z0-9_-]{43}$" && has "Authorization: Bearer $UTOK" && tidy_clean'
check "tokens: ... its name comes out escaped" eval 'has "&lt;script&gt;alert(1)&lt;/script&gt; report" && lacks "<script>alert(1)"'
check "tokens: ... only its hash is stored" eq "$(q "SELECT COUNT(*) FROM user_token WHERE hash LIKE '%${UTOK#svku_}%'")" 0
fetch -b "$AJ.a" /account/tokens
check "tokens: a token not yet used is listed as never used" eval 'eq "$S" 200 && has "<td>Aldrig</td>"'
fetch -H "Authorization: Bearer $UTOK" /api/v1/me
check "tokens: the token authenticates against /api/v1/me" eval 'eq "$S" 200 && jqt "$B" ".kind == \"token\""'
fetch -b "$AJ.a" /api/v1/me
check "tokens: /api/v1/me with the session cookie says a session, of the account" \
    eval 'eq "$S" 200 && jqt "$B" ".kind == \"session\" and .name == \"rut@example.se\""'
# its use is remembered by the server and written with the next flush (--flush-interval 1)
token_used() { [ "$(q "SELECT COUNT(*) FROM user_token t JOIN user_account u ON u.id = t.user_id WHERE u.email_key = 'rut@example.se' AND t.last_used_at >= $(($(date +%s) - 120))")" = 1 ]; }
check "tokens: its use is recorded (last_used_at written within a few seconds)" wait_for 10 token_used
fetch -b "$AJ.a" /account/tokens
check "tokens: the list shows it without the token itself, used today" \
    eval 'eq "$S" 200 && has "&lt;script&gt;alert(1)&lt;/script&gt; report" && lacks "$UTOK" && lacks "<td>Aldrig</td>" && tidy_clean'
TID=$(q "SELECT t.id FROM user_token t JOIN user_account u ON u.id = t.user_id WHERE u.email_key = 'rut@example.se' AND t.revoked_at IS NULL")
csrf_of "$AJ.adm" /account/tokens
post "$AJ.adm" "/account/tokens/$TID/revoke" "csrf=$CSRF"
check "tokens: another account (even an admin) cannot revoke it (403), it still works" \
    eval 'eq "$S" 403 && fetch -H "Authorization: Bearer $UTOK" /api/v1/me && eq "$S" 200'
csrf_of "$AJ.a" /account/tokens
post "$AJ.a" "/account/tokens/$TID/revoke" "csrf=$CSRF"
check "tokens: its owner revokes it (303 to the list)" eval 'eq "$S" 303 && eq "$(hdr Location)" /account/tokens'
fetch -H "Authorization: Bearer $UTOK" /api/v1/me
check "tokens: ... and it no longer authenticates (401)" eq "$S" 401
fetch /account/tokens
check "tokens: a visitor is sent to sign in" eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'

# ---- 4. roles: asking to represent an actor, the coordinator's confirmation
ACT=$(q "SELECT MIN(id) FROM actor WHERE id NOT IN (SELECT actor_id FROM actor_representative)")
ACT2=$(q "SELECT MAX(id) FROM actor WHERE id NOT IN (SELECT actor_id FROM actor_representative)")
ACT_NAME=$(q "SELECT name FROM actor WHERE id = $ACT")
rep_state() { q "SELECT r.state FROM actor_representative r JOIN user_account u ON u.id = r.user_id WHERE u.email_key = 'rut@example.se' AND r.actor_id = $1"; }
fetch "/actors/$ACT"
check "roles: a visitor's actor page offers no request (and stays the shared copy)" \
    eval 'eq "$S" 200 && lacks "/represent\"" && nomatch "$(hdr Cache-Control)" "private"'
csrf_of "$AJ.a" "/actors/$ACT"
check "roles: a signed-in user's actor page offers \"I represent this organisation\" (valid HTML)" \
    eval 'eq "$S" 200 && has "action=\"/actors/$ACT/represent\"" && tidy_clean'
post "$AJ.a" "/actors/$ACT/represent" "x=1"
check "roles: the request needs the CSRF token (403 without), nothing recorded" \
    eval 'eq "$S" 403 && eq "$(rep_state "$ACT")" ""'
post "$AJ.a" "/actors/$ACT/represent" "csrf=$CSRF"
check "roles: the request is recorded (303 to the account), waiting" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" /account && eq "$(rep_state "$ACT")" requested'
# patch_actor JAR JSON — a cookie-authenticated API write to the actor, as a browser's script
patch_actor() { csrf_of "$1" /account; fetch -b "$1" -X PATCH -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" --data "$2" "/api/v1/actors/$ACT"; }
patch_actor "$AJ.a" '{"website": "https://rut.example.se"}'
check "roles: ... which gives no right yet: editing the actor through the API is 403" \
    eval 'eq "$S" 403 && ne "$(q "SELECT COALESCE(website, '"''"') FROM actor WHERE id = $ACT")" "https://rut.example.se"'
csrf_of "$AJ.a" "/actors/$ACT"
post "$AJ.a" "/actors/$ACT2/represent" "csrf=$CSRF"
fetch -b "$AJ.a" /account
check "roles: the account shows both requests, waiting (valid HTML)" \
    eval 'eq "$S" 200 && text_has "$ACT_NAME" && eq "$(count "class=\"pending\"")" 2 && tidy_clean'
check "roles: ... and offers no confirmation queue to a plain account" lacks "href=\"/admin/requests\""
fetch -b "$AJ.a" /admin/requests
check "roles: a plain account gets 403 from the queue" eq "$S" 403
fetch /admin/requests
check "roles: a visitor is sent to sign in from the queue" eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
require "roles: the demo coordinator signs in" sign_in_code "$AJ.co" coordinator@example.org demo-coordinator-2026 SAMVERKADEMOCOORDINATORKEY234567
fetch -b "$AJ.co" /account
check "roles: the coordinator's account links to the queue and shows its mission" \
    eval 'links_to /admin/requests && text_has "$(q "SELECT title_sv FROM mission WHERE slug = '"'"'skolmat'"'"'")"'
csrf_of "$AJ.co" /admin/requests
check "roles: the queue lists the requests with the address (valid HTML)" \
    eval 'eq "$S" 200 && text_has "rut@example.se" && has "/actors/$ACT/representatives/" && tidy_clean'
RUT_ID=$(q "SELECT id FROM user_account WHERE email_key = 'rut@example.se'")
post "$AJ.co" "/actors/$ACT/representatives/$RUT_ID/confirm" "csrf=$CSRF"
check "roles: the coordinator confirms one (303 to the queue)" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" /admin/requests && eq "$(rep_state "$ACT")" confirmed'
post "$AJ.co" "/actors/$ACT2/representatives/$RUT_ID/revoke" "csrf=$CSRF"
check "roles: ... and refuses the other (its request is gone)" eval 'eq "$S" 303 && eq "$(rep_state "$ACT2")" ""'
post "$AJ.co" "/actors/$ACT2/representatives/$RUT_ID/confirm" "csrf=$CSRF"
check "roles: confirming a request that is not there is 404" eq "$S" 404
fetch -b "$AJ.a" /account
check "roles: the new representative's sessions ended with the change (item 9)" eq "$S" 303
require "roles: the representative signs in again" sign_in "$AJ.a" rut@example.se "$APW new"
fetch -b "$AJ.a" /account
check "roles: ... and the account shows the role, confirmed" \
    eval 'eq "$S" 200 && text_has "$ACT_NAME" && eq "$(count "class=\"pending\"")" 0'
patch_actor "$AJ.a" '{"website": "https://rut.example.se"}'
check "roles: ... and may now edit the actor (PATCH /api/v1/actors/ID: 200, stored)" \
    eval 'eq "$S" 200 && eq "$(q "SELECT website FROM actor WHERE id = $ACT")" "https://rut.example.se"'
csrf_of "$AJ.a" /account
post "$AJ.a" "/actors/$ACT/representatives/$RUT_ID/confirm" "csrf=$CSRF"
check "roles: a representative cannot confirm (403), nothing changes" eval 'eq "$S" 403 && eq "$(rep_state "$ACT")" confirmed'

# ---- 4b. the admins' account pages ($AJ.adm is an admin; Rut, $AJ.a, is not)
fetch -b "$AJ.a" /admin/users
check "admin: a plain account gets 403 from the accounts list" eq "$S" 403
fetch -b "$AJ.a" "/admin/users/$RUT_ID"
check "admin: ... and from an account's page" eq "$S" 403
fetch /admin/users
check "admin: a visitor is sent to sign in" eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch -b "$AJ.adm" /account
check "admin: an admin's account links to the accounts list" links_to /admin/users
fetch -b "$AJ.adm" /admin/users
check "admin: the accounts list shows name, address, role, status, two-factor (valid HTML)" \
    eval 'eq "$S" 200 && text_has "rut@example.se" && text_has "Rut Reset" && text_has "acct-admin@example.se" && tidy_clean'
check "admin: ... privately" match "$(hdr Cache-Control)" "private, no-store"
fetch -b "$AJ.adm" "/admin/users?page=9999"
check "admin: a page past the last is 404" eq "$S" 404
csrf_of "$AJ.adm" "/admin/users/$RUT_ID"
check "admin: an account's page shows its roles and the forms (valid HTML)" \
    eval 'eq "$S" 200 && text_has "rut@example.se" && has "action=\"/admin/users/$RUT_ID/admin\"" && tidy_clean'
rut_role() { q "SELECT role FROM user_account WHERE id = $RUT_ID"; }
csrf_of "$AJ.a" /account
post "$AJ.a" "/admin/users/$RUT_ID/admin" "csrf=$CSRF"
check "admin: a plain account cannot make itself an admin (403)" eval 'eq "$S" 403 && eq "$(rut_role)" none'
csrf_of "$AJ.adm" "/admin/users/$RUT_ID"
post "$AJ.adm" "/admin/users/$RUT_ID/admin" "csrf=$CSRF"
check "admin: an admin makes Rut an admin (303 back to the account)" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" "/admin/users/$RUT_ID" && eq "$(rut_role)" admin'
fetch -b "$AJ.a" /account
check "admin: ... Rut's session ended with the change (item 9)" eq "$S" 303
post "$AJ.adm" "/admin/users/$RUT_ID/admin/revoke" "csrf=$CSRF"
check "admin: ... and takes it away again" eval 'eq "$S" 303 && eq "$(rut_role)" none'
GATOR=$(q "SELECT id FROM mission WHERE slug = 'gator'")
n_coord() { q "SELECT COUNT(*) FROM mission_coordinator WHERE user_id = $RUT_ID"; }
post "$AJ.adm" "/admin/users/$RUT_ID/missions" "csrf=$CSRF" "mission=abc"
check "admin: a mission that is none: 422 beside the field, nothing changed" \
    eval 'eq "$S" 422 && has "id=\"f-mission-error\"" && eq "$(n_coord)" 0 && tidy_clean'
post "$AJ.adm" "/admin/users/$RUT_ID/missions" "csrf=$CSRF" "mission=$GATOR"
check "admin: an admin makes Rut a coordinator of a mission" eval 'eq "$S" 303 && eq "$(n_coord)" 1'
fetch -b "$AJ.adm" "/admin/users/$RUT_ID"
check "admin: ... the account's page lists it with a remove button" has "action=\"/admin/users/$RUT_ID/missions/$GATOR/remove\""
post "$AJ.adm" "/admin/users/$RUT_ID/missions/$GATOR/remove" "csrf=$CSRF"
check "admin: ... and removes it" eval 'eq "$S" 303 && eq "$(n_coord)" 0'
# an account to disable, signed in twice
csrf_of "$AJ.d1" /account/sign-up
post "$AJ.d1" /account/sign-up "csrf=$CSRF" "name=Dis Abled" "email=dis@example.se" "password=$APW"
require "admin: an account to disable signs up" eq "$S" 303
DIS_ID=$(q "SELECT id FROM user_account WHERE email_key = 'dis@example.se'")
csrf_of "$AJ.adm" "/admin/users/$DIS_ID/disable"
check "admin: disabling asks first, on a page of its own (valid HTML)" \
    eval 'eq "$S" 200 && has "action=\"/admin/users/$DIS_ID/disable\"" && tidy_clean'
check "admin: ... the GET changed nothing" eq "$(q "SELECT status FROM user_account WHERE id = $DIS_ID")" active
ADM_ID=$(q "SELECT id FROM user_account WHERE email_key = 'acct-admin@example.se'")
post "$AJ.adm" "/admin/users/$ADM_ID/disable" "csrf=$CSRF"
check "admin: an admin cannot disable its own account (422, the reason)" \
    eval 'eq "$S" 422 && has "href=\"#f-account\"" && eq "$(q "SELECT status FROM user_account WHERE id = $ADM_ID")" active'
post "$AJ.adm" "/admin/users/$DIS_ID/disable" "csrf=$CSRF"
check "admin: the confirmation's post disables the account" \
    eval 'eq "$S" 303 && eq "$(q "SELECT status FROM user_account WHERE id = $DIS_ID")" disabled'
fetch -b "$AJ.d1" /account
check "admin: ... its session has ended" eq "$S" 303
check "admin: ... and it cannot sign in" eval '! sign_in "$AJ.d2" dis@example.se "$APW"'

# ---- 5. personal data: the page, the download, a deletion asked for and carried out
require "data: Rut signs in again" sign_in "$AJ.a" rut@example.se "$APW new"
# an entry in the history under Rut's address, as the web layer's writes record it
q "INSERT INTO audit_log (at, who, action, entity, entity_id, detail) VALUES (1, 'rut@example.se', 'update', 'person', 1, 'contact rut@example.se')" >/dev/null
AUDIT_ID=$(q "SELECT MAX(id) FROM audit_log WHERE who = 'rut@example.se'")
# a proposal of Rut's, and the coordinator asking for changes in a comment naming her address
OBJ=$(q "SELECT MIN(o.id) FROM objective o JOIN mission m ON m.id = o.mission_id WHERE m.slug = 'skolmat'")
csrf_of "$AJ.a" /missions/skolmat/propose
post "$AJ.a" /missions/skolmat/propose "csrf=$CSRF" "lead=$ACT" "title_sv=Ruts förslag" "objectives=$OBJ"
RUT_P=$(q "SELECT MAX(initiative_id) FROM proposal WHERE proposer_id = $RUT_ID")
csrf_of "$AJ.co" /missions/skolmat/review
post "$AJ.co" "/initiatives/$RUT_P/review/changes" "csrf=$CSRF" "comment=Skriv till rut@example.se om budgeten"
require "data: Rut's proposal is waiting for her changes" \
    eq "$(q "SELECT state FROM proposal WHERE initiative_id = ${RUT_P:-0}")" changes_requested
fetch -b "$AJ.a" /account
check "data: the account links to the personal data" links_to /account/data
check "data: ... and, as she has proposed, to her proposals" links_to /account/proposals
fetch -b "$AJ.a" /account/data
check "data: the page shows the account, the person, the roles and the history (valid HTML)" \
    eval 'eq "$S" 200 && text_has "rut@example.se" && text_has "Rut Reset" && text_has "$ACT_NAME" && has "id=\"audit-total\"" && tidy_clean'
check "data: ... privately" match "$(hdr Cache-Control)" "private, no-store"
check "data: ... her proposal, with its status, and the step she took" \
    eval 'has "id=\"proposals-total\">Du har lämnat 1 förslag." && text_has "Ruts förslag" && text_has "Ändringar efterfrågade" && has "id=\"steps-total\">Du har tagit 1 steg i förslag"'
fetch -b "$AJ.a" /account/data.json
check "data: the download is an attachment named in UTF-8 (item 25)" \
    eval 'eq "$S" 200 && match "$(hdr Content-Disposition)" "^attachment; .*filename\*=UTF-8'"''"'samverka-personal-data\.json$"'
check "data: ... JSON holding the user's address, name, role and history" \
    eval 'json_ok "$B" && jqt "$B" ".account.email == \"rut@example.se\" and .person.name == \"Rut Reset\" and (.representative_of | length) == 1 and .audit_total >= 1"'
check "data: ... and her proposal and her step on it" \
    jqt "$B" '.proposals_total == 1 and .proposals[0].title_sv == "Ruts förslag" and .proposals[0].state == "changes_requested" and .proposal_steps_total == 1 and .proposal_steps[0].action == "submitted"'
fetch /account/data.json
check "data: a visitor gets no download (sent to sign in)" eval 'eq "$S" 303 && lacks "rut@example.se"'
MAILS=$(n_of mail_queue)
csrf_of "$AJ.a" /account/data
post "$AJ.a" /account/data/delete "csrf=$CSRF"
check "data: asking for deletion is recorded (303 back to the page)" \
    eval 'eq "$S" 303 && eq "$(q "SELECT COUNT(*) FROM deletion_request WHERE user_id = $RUT_ID AND done_at IS NULL")" 1'
N_ADMINS=$(q "SELECT COUNT(*) FROM user_account WHERE role = 'admin' AND status = 'active'")
check "data: ... and e-mailed to each admin (in Swedish), naming no one" \
    eval 'eq "$(n_of mail_queue)" "$((MAILS + N_ADMINS))" && eq "$(q "SELECT COUNT(*) FROM mail_queue WHERE recipient = '"'"'acct-admin@example.se'"'"' AND subject LIKE '"'"'%personuppgifter%'"'"' AND body NOT LIKE '"'"'%rut@%'"'"'")" 1'
post "$AJ.a" /account/data/delete "csrf=$CSRF"
check "data: asking twice records and sends nothing more" \
    eval 'eq "$(q "SELECT COUNT(*) FROM deletion_request WHERE user_id = $RUT_ID")" 1 && eq "$(n_of mail_queue)" "$((MAILS + N_ADMINS))"'
fetch -b "$AJ.a" /account/data
check "data: the page says deletion was asked for" eval 'has "id=\"deletion-asked\"" && lacks "action=\"/account/data/delete\""'
fetch -b "$AJ.co" /admin/requests
check "data: a coordinator's queue does not list deletions" eval 'eq "$S" 200 && lacks "id=\"deletions\""'
fetch -b "$AJ.adm" /admin/requests
check "data: the admin's queue lists it, with a link to carry it out (valid HTML)" \
    eval 'eq "$S" 200 && has "id=\"deletions\"" && has "href=\"/admin/users/$RUT_ID/erase\"" && tidy_clean'
fetch -b "$AJ.a" "/admin/users/$RUT_ID/erase"
check "data: the user cannot carry it out (403)" eq "$S" 403
csrf_of "$AJ.adm" "/admin/users/$RUT_ID/erase"
check "data: the admin is asked to confirm (valid HTML), the GET changing nothing" \
    eval 'eq "$S" 200 && has "action=\"/admin/users/$RUT_ID/erase\"" && tidy_clean && eq "$(q "SELECT status FROM user_account WHERE id = $RUT_ID")" active'
post "$AJ.adm" "/admin/users/$RUT_ID/erase" "csrf=$CSRF"
check "data: carrying it out: 303 to the queue" eval 'eq "$S" 303 && eq "$(hdr Location)" /admin/requests'
check "data: ... the person is \"Borttagen användare\" with no contact details" \
    eq "$(q "SELECT p.name || '|' || COALESCE(p.email, '') || '|' || COALESCE(p.phone, '') FROM person p JOIN user_account u ON u.person_id = p.id WHERE u.id = $RUT_ID")" "Borttagen användare||"
check "data: ... the account is disabled and has no address" \
    match "$(q "SELECT status || ' ' || email FROM user_account WHERE id = $RUT_ID")" "^disabled deleted-$RUT_ID@invalid$"
check "data: ... the history keeps its entries, naming the account by id and never the address" \
    eval 'eq "$(q "SELECT who FROM audit_log WHERE id = $AUDIT_ID")" "user:$RUT_ID" && eq "$(q "SELECT COUNT(*) FROM audit_log WHERE LOWER(who) LIKE '"'"'%rut@example.se%'"'"' OR detail LIKE '"'"'%rut@example.se%'"'"' OR changes LIKE '"'"'%rut@example.se%'"'"'")" 0'
check "data: ... the proposal and its steps stay, the comments without her address" \
    eval 'eq "$(q "SELECT COUNT(*) FROM proposal_step WHERE initiative_id = $RUT_P")" 2 && eq "$(q "SELECT COUNT(*) FROM proposal_step WHERE comment LIKE '"'"'%rut@example.se%'"'"'")" 0 && eq "$(q "SELECT proposer_id FROM proposal WHERE initiative_id = $RUT_P")" "$RUT_ID"'
check "data: ... no mail to or about the address is left" \
    eq "$(q "SELECT COUNT(*) FROM mail_queue WHERE LOWER(recipient) = 'rut@example.se' OR body LIKE '%rut@example.se%'")" 0
check "data: ... its roles are gone" eq "$(q "SELECT COUNT(*) FROM actor_representative WHERE user_id = $RUT_ID")" 0
fetch -b "$AJ.a" /account
check "data: ... its session has ended" eq "$S" 303
check "data: ... and it cannot sign in" eval '! sign_in "$AJ.e" rut@example.se "$APW new"'
# no page or API response anyone can read holds the address
leaks=
while IFS=$'\t' read -r meth pat kind rest; do
    [ "$meth" = GET ] || continue
    p=$(concrete "$pat" 2>/dev/null) || continue
    fetch "$p"
    [[ $BF == *rut@example.se* ]] && leaks+=" $p"
done <<<"$ROUTES"
for p in "/actors/$ACT" "/api/v1/actors/$ACT" "/api/v1/people?per_page=100" "/admin/requests"; do
    fetch "$p"
    [[ $BF == *rut@example.se* ]] && leaks+=" $p"
done
check "data: no public page or API response holds the deleted address" eq "${leaks:-none}" none
fetch -b "$AJ.adm" /admin/requests
check "data: the request has left the queue" lacks "href=\"/admin/users/$RUT_ID/erase\""

# ---- hostile text in what these pages show
csrf_of "$AJ.r" /account/reset
post "$AJ.r" /account/reset "csrf=$CSRF" 'email="><img src=x onerror=alert(1)>'
check "xss: a hostile address on the reset form comes back escaped (422)" \
    eval 'eq "$S" 422 && has "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" && lacks "<img src=x"'
csrf_of "$AJ.x1" /account/sign-up
post "$AJ.x1" /account/sign-up "csrf=$CSRF" "name=<script>alert(1)</script>\"><img src=x onerror=alert(1)>" "email=xss@example.se" "password=$APW"
require "xss: an account with a hostile name signs up" eq "$S" 303
XSS_ID=$(q "SELECT id FROM user_account WHERE email_key = 'xss@example.se'")
for p in /account/data "/actors/$ACT"; do
    fetch -b "$AJ.x1" "$p"
    check "xss: its name is escaped on $p" eval 'eq "$S" 200 && lacks "<script>alert(1)" && lacks "<img src=x"'
done
fetch -b "$AJ.x1" /account/data
check "xss: ... shown as text on the personal data page" has "&lt;script&gt;alert(1)&lt;/script&gt;"
for p in /admin/users "/admin/users/$XSS_ID" "/admin/users/$XSS_ID/disable"; do
    fetch -b "$AJ.adm" "$p"
    check "xss: the hostile name is escaped on $p" \
        eval 'eq "$S" 200 && has "&lt;script&gt;alert(1)&lt;/script&gt;" && lacks "<script>alert(1)" && lacks "<img src=x"'
done
