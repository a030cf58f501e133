# t_20_signin.sh — accounts in the browser, over HTTP as a browser sends it: sign-up,
# sign-in, sign-out, the password change, and what SECURITY.md asks of them: the session
# cookie (items 7, 8), a new session at sign-in and the old one dead (9), sign-out ending
# the session on the server (10), a password change ending the other sessions (12) and
# needing the current password (13), CSRF on every form post (14: no token, another
# session's token, a cross-site or foreign-origin post), the API with the session cookie
# needing X-CSRF-Token (15), one answer for an unknown account and a wrong password (4),
# throttling with 429 and Retry-After (3) and no default accounts (5).

SJ=$T/jar  # the cookie jars of the test's browsers: $SJ.a, $SJ.b ...
rm -f "$SJ".*

PW='a long enough password'

# ---- sign-up
csrf_of "$SJ.a" /account/sign-up
check "signin: the sign-up page has a form with a CSRF token" eval 'eq "$S" 200 && nonempty "$CSRF"'
check "signin: ... and is personal (private, no-store; a pre-session cookie)" \
    eval 'match "$(hdr Cache-Control)" "private" && match "$(hdr Set-Cookie)" "^samverka_pre="'
post "$SJ.a" /account/sign-up "csrf=$CSRF" "name=Ann Åberg" "email=ann@example.se" "password=short"
check "signin: a short password is refused: 422, the message beside the field, the values kept" \
    eval 'eq "$S" 422 && has "id=\"f-password-error\"" && has "href=\"#f-password\"" && has "value=\"ann@example.se\"" && lacks "value=\"short\""'
check "signin: ... and no account was made" eval 'eq "$(q "SELECT COUNT(*) FROM user_account WHERE email_key = '"'"'ann@example.se'"'"'")" 0'
post "$SJ.a" /account/sign-up "csrf=$CSRF" "name=Ann Åberg" "email=Ann@Example.se" "password=$PW"
check "signin: a good sign-up redirects to the account (303) and sets the session cookie" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" /account && match "$HD" "Set-Cookie: samverka_session="'
COOKIE_A=$(jar_cookie "$SJ.a" samverka_session)
fetch -b "$SJ.a" /account
check "signin: ... the account page shows the address" eval 'eq "$S" 200 && text_has "Ann@Example.se"'
check "signin: ... privately (Cache-Control: private, no-store)" eval 'match "$(hdr Cache-Control)" "private, no-store"'

# ---- the cookie (items 7 and 8)
set_cookie_line() { [[ $HD =~ Set-Cookie:\ (samverka_session=[^$'\n']*) ]] && echo "${BASH_REMATCH[1]}"; }
cookie_token_ok() { local t=$COOKIE_A; [[ $t =~ ^[A-Za-z0-9_-]{22}$ ]] || fail "token \"$t\" is not 22 base64url characters (16 bytes)"; }
check "signin: the session token is 16 random bytes (22 characters of base64url)" cookie_token_ok
check "signin: the database holds no raw session token, only its hash" \
    eval 'eq "$(q "SELECT COUNT(*) FROM user_session WHERE hash LIKE '"'"'%$COOKIE_A%'"'"'")" 0 && ge "$(q "SELECT COUNT(*) FROM user_session")" 1'
post "$SJ.x" /account/sign-in "csrf=x" "email=ann@example.se" "password=$PW"
fetch -c "$SJ.c" /account/sign-in
csrf_of "$SJ.c" /account/sign-in
post "$SJ.c" /account/sign-in "csrf=$CSRF" "email=ann@example.se" "password=$PW"
SC=$(set_cookie_line)
check "signin: the session cookie is HttpOnly, SameSite=Lax, Path=/, without Domain (plain-HTTP mode: no Secure)" \
    eval 'match "$SC" "; Path=/" && match "$SC" "; HttpOnly" && match "$SC" "; SameSite=Lax" && nomatch "$SC" "Domain=" && nomatch "$SC" "Secure"'

# ---- fixation (item 9): a cookie set before the sign-in is not the session after it
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tsamverka_session\tAAAAAAAAAAAAAAAAAAAAAA\n' >"$SJ.f"
csrf_of "$SJ.f" /account/sign-in
post "$SJ.f" /account/sign-in "csrf=$CSRF" "email=ann@example.se" "password=$PW"
NEW=$(jar_cookie "$SJ.f" samverka_session)
check "signin: a sign-in issues a new session id, not the one the browser had" \
    eval 'eq "$S" 303 && ne "$NEW" AAAAAAAAAAAAAAAAAAAAAA && nonempty "$NEW"'
fetch -H "Cookie: samverka_session=AAAAAAAAAAAAAAAAAAAAAA" /account
check "signin: ... the planted id is no session (the account page sends to sign-in)" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'

# ---- one answer for an unknown account and a wrong password (item 4), no default accounts (5)
csrf_of "$SJ.d" /account/sign-in
post "$SJ.d" /account/sign-in "csrf=$CSRF" "email=ann@example.se" "password=not the right password"
S_WRONG=$S; M_WRONG=$(inner p field-error 2>/dev/null || true); BF_WRONG=$BF
post "$SJ.d" /account/sign-in "csrf=$CSRF" "email=nobody@example.se" "password=not the right password"
check "signin: an unknown account and a wrong password get the same status and message" \
    eval 'eq "$S" "$S_WRONG" && eq "$S" 422 && eq "${BF//nobody@example.se/X}" "${BF_WRONG//ann@example.se/X}"'
default_accounts()
{
    local pair bad=
    for pair in admin:admin root:root admin@localhost:admin admin:password samverka:samverka; do
        post "$SJ.d" /account/sign-in "csrf=$CSRF" "email=${pair%%:*}" "password=${pair#*:}"
        [ "$S" = 422 ] && ! match "$HD" "samverka_session=[^;]" >/dev/null || bad+=" $pair:$S"
    done
    [ -z "$bad" ] || fail "signed in or odd answer:$bad"
}
check "signin: no default accounts (admin/admin, root/root ... all refused)" default_accounts

# ---- CSRF (item 14)
csrf_of "$SJ.a" /account
TOK_A=$CSRF
csrf_of "$SJ.c" /account
TOK_C=$CSRF
post "$SJ.a" /account/sign-out "email=x"
check "signin: a form post without its CSRF token is refused (403) ..." eval 'eq "$S" 403'
post "$SJ.a" /account/sign-out "csrf=$TOK_C"
check "signin: ... and with another session's token (403)" eval 'eq "$S" 403'
fetch -b "$SJ.a" -H "Sec-Fetch-Site: cross-site" --data-urlencode "csrf=$TOK_A" /account/sign-out
check "signin: ... and a cross-site post with the right token (Sec-Fetch-Site: cross-site, 403)" eval 'eq "$S" 403'
fetch -b "$SJ.a" -H "Origin: http://evil.example" --data-urlencode "csrf=$TOK_A" /account/sign-out
check "signin: ... and a post from a foreign Origin (403)" eval 'eq "$S" 403'
fetch -b "$SJ.a" /account
check "signin: ... none of them signed the session out" eval 'eq "$S" 200'
fetch -b "$SJ.a" -X PUT /account/sign-out
check "signin: PUT on a form's address is 405" eval 'eq "$S" 405'

# ---- the API with the session cookie (item 15)
IND=$(q "SELECT id FROM indicator ORDER BY id LIMIT 1")
fetch -b "$SJ.a" -X PATCH -H 'Content-Type: application/json' --data '{}' "/api/v1/indicators/$IND"
check "signin: an API write with the session cookie and no X-CSRF-Token is refused (403)" \
    eval 'eq "$S" 403 && jqt "$B" ".error.field == \"X-CSRF-Token\""'
fetch -b "$SJ.a" -X PATCH -H "X-CSRF-Token: $TOK_A" -H 'Content-Type: text/plain' --data '{}' "/api/v1/indicators/$IND"
check "signin: ... and one with its token but not JSON is 415" eval 'eq "$S" 415'
fetch -b "$SJ.a" -X PATCH -H "X-CSRF-Token: $TOK_A" -H 'Content-Type: application/json' --data '{}' "/api/v1/indicators/$IND"
check "signin: ... with its token it reaches the authorization (a user without a role: 403)" \
    eval 'eq "$S" 403 && jqt "$B" ".error.code == \"forbidden\""'

# ---- the public pages for a signed-in user
fetch -b "$SJ.a" /
check "signin: a public page shows the signed-in user and a sign-out form, privately" \
    eval 'eq "$S" 200 && has "action=\"/account/sign-out\"" && match "$(hdr Cache-Control)" "private"'
fetch /
check "signin: ... and to a visitor the shared page with a sign-in link and no form" \
    eval 'eq "$S" 200 && links_to /account/sign-in && lacks "sign-out" && eq "$(hdr Cache-Control)" no-cache'

# ---- the password change (items 12, 13)
csrf_of "$SJ.a" /account/password
post "$SJ.a" /account/password "csrf=$CSRF" "current_password=wrong password here" "password=another long password"
check "signin: a password change with a wrong current password is refused (422, beside the field)" \
    eval 'eq "$S" 422 && has "id=\"f-current_password-error\""'
post "$SJ.a" /account/password "csrf=$CSRF" "current_password=$PW" "password=another long password"
check "signin: with the current password it changes (303) and gives this browser a new session" \
    eval 'eq "$S" 303 && ne "$(jar_cookie "$SJ.a" samverka_session)" "$COOKIE_A"'
fetch -b "$SJ.c" /account
check "signin: ... the other session has ended" eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch -b "$SJ.a" /account
check "signin: ... this one goes on" eval 'eq "$S" 200'

# ---- sign-out (item 10)
OLD=$(jar_cookie "$SJ.a" samverka_session)
csrf_of "$SJ.a" /account
post "$SJ.a" /account/sign-out "csrf=$CSRF"
check "signin: sign-out redirects home and clears the cookie" \
    eval 'eq "$S" 303 && match "$HD" "Set-Cookie: samverka_session=; .*Max-Age=0"'
fetch -H "Cookie: samverka_session=$OLD" /account
check "signin: ... the old cookie replayed is no session" eval 'eq "$S" 303'
check "signin: ... it is revoked in the database" \
    eval 'ge "$(q "SELECT COUNT(*) FROM user_session WHERE revoked_at IS NOT NULL")" 1'

# ---- throttling (item 3): 25 failures of one account in 15 minutes (counting this file's
# earlier wrong passwords for it), then 429
throttle()
{
    local i prior
    prior=$(q "SELECT COUNT(*) FROM signin_failure WHERE account = 'ann@example.se'")
    csrf_of "$SJ.t" /account/sign-in
    for i in $(seq $((prior + 1)) 25); do
        post "$SJ.t" /account/sign-in "csrf=$CSRF" "email=ann@example.se" "password=wrong password $i"
        [ "$S" = 422 ] || { fail "attempt $i: $S"; return; }
    done
    post "$SJ.t" /account/sign-in "csrf=$CSRF" "email=ann@example.se" "password=another long password"
    eq "$S" 429 && ge "$(hdr Retry-After)" 1 && has 'id="f-email-error"'
}
check "signin: after 25 failed sign-ins of an account the next (even with the right password) gets 429 with Retry-After (even with the right password) gets 429 with Retry-After" throttle

# ---- the account pages, signed in and in their error states, are valid HTML (tidy)
csrf_of "$SJ.h" /account/sign-up
post "$SJ.h" /account/sign-up "csrf=$CSRF" "name=" "email=" "password=x"
check "signin: the sign-up form's error state (three fields at fault) is valid HTML" \
    eval 'eq "$S" 422 && eq "$(count "class=\"field-error\"")" 3 && tidy_clean'
post "$SJ.h" /account/sign-up "csrf=$CSRF" "name=Bo Ek" "email=bo@example.se" "password=$PW"
for p in /account /account/password /account/sign-in /account/sign-up; do
    fetch -b "$SJ.h" "$p?lang=en"
    [ "$p" = /account/sign-in ] || [ "$p" = /account/sign-up ] && want=303 || want=200
    check "signin: $p signed in ($want) is valid HTML" eval 'eq "$S" "$want" && tidy_clean'
done
csrf_of "$SJ.h" /account/password
post "$SJ.h" /account/password "csrf=$CSRF" "current_password=" "password="
check "signin: the password form's error state is valid HTML" eval 'eq "$S" 422 && tidy_clean'

# ---- a second server as a public site behind TLS (public-url https://...), with a
# two-minute idle limit: __Host- and Secure cookies (item 8), writes only from its origin,
# and the idle and absolute limits (item 11) enforced on the server
SITE=https://samverka.example
start_server "$DB" "$T/tls.out" "$T/tls.log" --public-url "$SITE" --session-idle 120 >"$T/tls.msg" 2>&1
TLS_PID=$SRV_PID
SRV_PID=
MAIN_BASE=$BASE
BASE=$SRV_BASE
check "signin: a server with public-url https://... starts" nonempty "$BASE"
csrf_of "$SJ.s" /account/sign-in
check "signin: (https) the pre-session cookie is __Host- and Secure" \
    eval 'match "$(hdr Set-Cookie)" "^__Host-samverka_pre=.*; Secure"'
post "$SJ.s" /account/sign-in "csrf=$CSRF" "email=bo@example.se" "password=$PW"
check "signin: (https) a post without an Origin header is still served (the token guards it)" eq "$S" 303
csrf_of "$SJ.s3" /account/sign-in
fetch -b "$SJ.s3" -c "$SJ.s3" -H "Origin: $SITE" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "email=bo@example.se" --data-urlencode "password=$PW" /account/sign-in
SC=$([[ $HD =~ Set-Cookie:\ (__Host-samverka_session=[^$'\n']*) ]] && echo "${BASH_REMATCH[1]}")
check "signin: (https) a sign-in from the site's origin sets __Host-samverka_session; Secure; HttpOnly; SameSite=Lax; Path=/" \
    eval 'eq "$S" 303 && match "$SC" "^__Host-samverka_session=[A-Za-z0-9_-]{22}; Path=/; HttpOnly; SameSite=Lax; Secure$"'
csrf_of "$SJ.s4" /account/sign-in
fetch -b "$SJ.s4" -H "Origin: $SRV_BASE" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "email=bo@example.se" --data-urlencode "password=$PW" /account/sign-in
check "signin: (https) a post from another origin than public-url's is refused (403)" eq "$S" 403
TLS_TOKEN=$(jar_cookie "$SJ.s3" __Host-samverka_session)
NOW=$(date +%s)
# the session of that sign-in, not used since: its last use moved back past the limit
q "UPDATE user_session SET last_seen_at = $((NOW - 121)) WHERE id = (SELECT MAX(id) FROM user_session)" >/dev/null
fetch -H "Cookie: __Host-samverka_session=$TLS_TOKEN" /account
check "signin: a session unused for longer than session-idle has ended (to sign-in, saying so)" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "ended=1"'
fetch -H "Cookie: __Host-samverka_session=$TLS_TOKEN" /
check "signin: ... a public page shows it as a visitor and clears the cookie" \
    eval 'eq "$S" 200 && links_to /account/sign-in && match "$(hdr Set-Cookie)" "^__Host-samverka_session=; .*Max-Age=0"'
csrf_of "$SJ.s2" /account/sign-in
post "$SJ.s2" /account/sign-in "csrf=$CSRF" "email=bo@example.se" "password=$PW"
TLS_TOKEN=$(jar_cookie "$SJ.s2" __Host-samverka_session)
fetch -H "Cookie: __Host-samverka_session=$TLS_TOKEN" /account
check "signin: a fresh session is signed in" eq "$S" 200
q "UPDATE user_session SET expires_at = $((NOW - 1)) WHERE revoked_at IS NULL AND user_id = (SELECT id FROM user_account WHERE email_key = 'bo@example.se')" >/dev/null
fetch -H "Cookie: __Host-samverka_session=$TLS_TOKEN" /account
check "signin: ... past its absolute limit (12 h after sign-in) it has ended, in use or not" eq "$S" 303
stop_server "$TLS_PID" 10
BASE=$MAIN_BASE

# ---- the security events of all this (item 27): JSON lines in the server's log, with the
# events present and no password, session token or CSRF token in any line
sec_events() { grep '^{' "$T/server.log" | grep '"event"'; }
events_valid()
{
    local bad
    bad=$(sec_events | while IFS= read -r l; do jq -e '.time and .event' >/dev/null 2>&1 <<<"$l" || echo "$l"; done | head -3)
    [ -z "$bad" ] || fail "not a JSON event: $bad"
}
check "signin: the security events are one JSON object a line, each with its time and event" events_valid
check "signin: ... sign-ins, failures, throttling, sign-out, password change and CSRF refusals are there" \
    eval 'for e in signin signin.failure signin.throttled signout password.change csrf.refused; do sec_events | jq -e --arg e "$e" "select(.event == \$e)" >/dev/null || { fail "no $e event"; return; }; done'
no_secrets()
{
    local s hits=
    for s in "$PW" "another long password" "$COOKIE_A" "$TOK_A" "$TOK_C"; do
        [ -n "$s" ] && grep -qF -- "$s" "$T/server.log" && hits+=" ${s:0:6}…"
    done
    [ -z "$hits" ] || fail "secrets in the server log:$hits"
}
check "signin: ... and no password, session cookie or CSRF token in the server's log" no_secrets

# ---- a session is no way to guess the password: the password change's current password
# is counted and throttled like a sign-in's
pw_throttle()
{
    local i
    csrf_of "$SJ.p" /account/sign-up
    post "$SJ.p" /account/sign-up "csrf=$CSRF" "name=Cy" "email=cy@example.se" "password=$PW"
    [ "$S" = 303 ] || { fail "sign-up: $S"; return; }
    csrf_of "$SJ.p" /account/password
    for i in $(seq 1 25); do
        post "$SJ.p" /account/password "csrf=$CSRF" "current_password=guess number $i" "password=another long password"
        [ "$S" = 422 ] || { fail "guess $i: $S"; return; }
    done
    post "$SJ.p" /account/password "csrf=$CSRF" "current_password=$PW" "password=another long password"
    eq "$S" 429 && ge "$(hdr Retry-After)" 1
}
check "signin: after 25 wrong current passwords the password change is refused (429), even with the right one" pw_throttle

# ---- top-list passwords (item 2, ASVS 6.2.4): each form that sets a password refuses one,
# with its own message beside the field (not the length's), and changes nothing
TJ=$SJ.top
pw_hash_of() { q "SELECT password_hash FROM user_account WHERE email_key = $(sqls "$1")"; }
USERS0=$(q "SELECT COUNT(*) FROM user_account")
csrf_of "$TJ" /account/sign-up
post "$TJ" /account/sign-up "csrf=$CSRF" "name=Tor Topp" "email=tor.topp@example.se" "password=passwordpassword"
check "toplist: a sign-up with \"passwordpassword\": 422, the too-common message beside the field, the address kept" \
    eval 'eq "$S" 422 && has "id=\"f-password-error\"" && text_has "för vanligt eller för lätt att gissa" && has "value=\"tor.topp@example.se\"" && lacks "value=\"passwordpassword\""'
check "toplist: ... not the too-short message" text_lacks "12 till 128"
check "toplist: ... and no account was made (the count of accounts is unchanged)" \
    eq "$(q "SELECT COUNT(*) FROM user_account")" "$USERS0"
fetch -b "$TJ" -c "$TJ" -H "Accept-Language: en" --data-urlencode "csrf=$CSRF" --data-urlencode "name=Tor Topp" \
    --data-urlencode "email=tor.topp@example.se" --data-urlencode "password=Tor.Topp1990!" /account/sign-up
check "toplist: ... the account's own address as a password likewise, said in English too" \
    eval 'eq "$S" 422 && has "id=\"f-password-error\"" && text_has "too common or too easy to guess" && eq "$(q "SELECT COUNT(*) FROM user_account")" "$USERS0"'
post "$TJ" /account/sign-up "csrf=$CSRF" "name=Tor Topp" "email=tor.topp@example.se" "password=Mitt barn äter god skolmat 2030"
check "toplist: a passphrase signs up (303)" eq "$S" 303
HASH_T=$(pw_hash_of tor.topp@example.se)

csrf_of "$TJ" /account/password
post "$TJ" /account/password "csrf=$CSRF" "current_password=Mitt barn äter god skolmat 2030" "password=Qwerty123456"
check "toplist: a password change to a listed one (\"Qwerty123456\"): 422, the message beside the field" \
    eval 'eq "$S" 422 && has "id=\"f-password-error\"" && text_has "för vanligt eller för lätt att gissa"'
check "toplist: ... the stored password is unchanged and still signs in" \
    eval 'eq "$(pw_hash_of tor.topp@example.se)" "$HASH_T" && sign_in "$TJ.2" tor.topp@example.se "Mitt barn äter god skolmat 2030"'

csrf_of "$TJ.r" /account/reset
post "$TJ.r" /account/reset "csrf=$CSRF" "email=tor.topp@example.se"
TLINK=$(q "SELECT body FROM mail_queue WHERE recipient = 'tor.topp@example.se' ORDER BY id DESC LIMIT 1" | grep -o '/account/reset/[A-Za-z0-9_-]*' | head -1)
require "toplist: a reset link is queued" nonempty "$TLINK"
csrf_of "$TJ.r" "$TLINK"
post "$TJ.r" "$TLINK" "csrf=$CSRF" "password=Sommar2026!!!"
check "toplist: a reset to a listed one (\"Sommar2026!!!\"): 422, the message beside the field" \
    eval 'eq "$S" 422 && has "id=\"f-password-error\"" && text_has "för vanligt eller för lätt att gissa"'
check "toplist: ... the stored password is unchanged and still signs in" \
    eval 'eq "$(pw_hash_of tor.topp@example.se)" "$HASH_T" && sign_in "$TJ.3" tor.topp@example.se "Mitt barn äter god skolmat 2030"'
csrf_of "$TJ.r" "$TLINK"
post "$TJ.r" "$TLINK" "csrf=$CSRF" "password=correct horse battery staple"
check "toplist: ... the same link then takes a passphrase (303)" eq "$S" 303
