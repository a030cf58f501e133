# t_21_mfa.sh — two-factor sign-in in the browser (SECURITY.md item 6): an admin or a
# coordinator gets no session from the password alone; the code form takes a TOTP code
# (computed here independently, totp_py in lib.sh) or a recovery code, once each; an
# account that must have a second factor and has none sets it up before any session, from
# the key `samverka user add` printed or a new one shown as text and as an otpauth:// link.

MJ=$T/mfa-jar
rm -f "$MJ".*
has_session() { grep -q $'\tsamverka_session\t' "$1"; }
ADMIN_KEY=SAMVERKADEMOADMINSECRETKEY234567
PW=${PW:-a long enough password}

# ---- a demo admin: password, then code
csrf_of "$MJ.a" /account/sign-in
post "$MJ.a" /account/sign-in "csrf=$CSRF" "email=admin@example.org" "password=demo-admin-2026"
check "mfa: an admin's right password gives the code form (200), not a session" \
    eval 'eq "$S" 200 && has "name=\"code\"" && ! has_session "$MJ.a"'
check "mfa: ... the pending sign-in is a five-minute HttpOnly cookie" \
    eval 'match "$(hdr Set-Cookie)" "^samverka_pending=[A-Za-z0-9_-]{22}; Path=/; HttpOnly; SameSite=Lax; Max-Age=300$"'
fetch -b "$MJ.a" /account
check "mfa: ... which opens no page for signed-in users (to sign-in)" eval 'eq "$S" 303'
post "$MJ.a" /account/sign-in/code "csrf=$CSRF" "code=000000"
check "mfa: a wrong code: 422, the message beside the field, still no session" \
    eval 'eq "$S" 422 && has "id=\"f-code-error\"" && ! has_session "$MJ.a"'
fetch -b "$MJ.a" "/account/sign-in/code?lang=en"
check "mfa: the code page can be loaded again (the language switch), in English" \
    eval 'eq "$S" 200 && has "name=\"code\"" && has "lang=\"en\""'
CODE=$(totp_now "$ADMIN_KEY")
post "$MJ.a" /account/sign-in/code "csrf=$CSRF" "code=$CODE"
check "mfa: the right code signs in (303) with a session, and the pending cookie is cleared" \
    eval 'eq "$S" 303 && has_session "$MJ.a" && match "$HD" "samverka_pending=; .*Max-Age=0"'
fetch -b "$MJ.a" /account
check "mfa: ... the account page shows the administrator" eval 'eq "$S" 200 && text_has "admin@example.org"'
csrf_of "$MJ.b" /account/sign-in
post "$MJ.b" /account/sign-in "csrf=$CSRF" "email=admin@example.org" "password=demo-admin-2026"
post "$MJ.b" /account/sign-in/code "csrf=$CSRF" "code=$CODE"
check "mfa: the same code a second time is refused (no replay)" eval 'eq "$S" 422 && ! has_session "$MJ.b"'
post "$MJ.c" /account/sign-in/code "csrf=$CSRF" "code=$CODE"
check "mfa: a code without a pending sign-in is refused (403: no pre-session cookie for the token)" \
    eval 'eq "$S" 403 && ! has_session "$MJ.c"'
q "UPDATE signin_pending SET expires_at = 0" >/dev/null
post "$MJ.b" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$ADMIN_KEY")"
check "mfa: a pending sign-in past its five minutes has ended (back to the password, saying so)" \
    eval 'eq "$S" 422 && has "name=\"password\"" && ! has_session "$MJ.b"'

# ---- an admin made by samverka user add: the key it printed, then recovery codes
"$BIN" user add --db "$DB" --email mfa-admin@example.se --name "Mfa Admin" --role admin \
    --password-stdin <<<"$PW mfa" >"$T/mfa-add.out" 2>&1
NEWKEY=$(grep -o 'secret=[A-Z2-7]*' "$T/mfa-add.out" | head -1 | cut -d= -f2)
check "mfa: user add made an admin and printed its key" nonempty "$NEWKEY"
csrf_of "$MJ.d" /account/sign-in
post "$MJ.d" /account/sign-in "csrf=$CSRF" "email=mfa-admin@example.se" "password=$PW mfa"
check "mfa: its first sign-in asks for the code of the key it was given, offering a new key" \
    eval 'eq "$S" 200 && has "name=\"code\"" && has "action=\"/account/sign-in/new-key\"" && lacks "otpauth://" && ! has_session "$MJ.d"'
post "$MJ.d" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$NEWKEY")"
RECOVERY=$(grep -o '<code>[23456789A-Z-]*</code>' "$B" | sed 's/<[^>]*>//g')
check "mfa: the right code confirms the key, signs in and shows 10 recovery codes once" \
    eval 'eq "$S" 200 && has_session "$MJ.d" && eq "$(grep -c . <<<"$RECOVERY")" 10'
check "mfa: ... no recovery code is stored as shown" \
    eval 'eq "$(q "SELECT COUNT(*) FROM user_recovery_code WHERE hash LIKE '"'"'%$(head -1 <<<"$RECOVERY")%'"'"'")" 0'
R1=$(head -1 <<<"$RECOVERY")
csrf_of "$MJ.e" /account/sign-in
post "$MJ.e" /account/sign-in "csrf=$CSRF" "email=mfa-admin@example.se" "password=$PW mfa"
post "$MJ.e" /account/sign-in/code "csrf=$CSRF" "code=$R1"
check "mfa: a recovery code signs in instead of a TOTP code" eval 'eq "$S" 303 && has_session "$MJ.e"'
csrf_of "$MJ.f" /account/sign-in
post "$MJ.f" /account/sign-in "csrf=$CSRF" "email=mfa-admin@example.se" "password=$PW mfa"
post "$MJ.f" /account/sign-in/code "csrf=$CSRF" "code=$R1"
check "mfa: ... once only" eval 'eq "$S" 422 && ! has_session "$MJ.f"'

# ---- an admin with no key at all: a new one, as text and as an otpauth:// link
"$BIN" user add --db "$DB" --email nokey@example.se --name "No Key" --role admin \
    --password-stdin <<<"$PW nokey" >/dev/null 2>&1
q "DELETE FROM user_totp WHERE user_id = (SELECT id FROM user_account WHERE email_key = 'nokey@example.se')" >/dev/null
csrf_of "$MJ.g" /account/sign-in
post "$MJ.g" /account/sign-in "csrf=$CSRF" "email=nokey@example.se" "password=$PW nokey"
KEY=$([[ $BF =~ \<code\ class=\"secret\"\>([A-Z2-7]+)\</code\> ]] && echo "${BASH_REMATCH[1]}")
check "mfa: an admin without a key is shown a new one as text, and no session" \
    eval 'eq "$S" 200 && match "$KEY" "^[A-Z2-7]{32}$" && ! has_session "$MJ.g"'
check "mfa: ... and as an otpauth:// link for the authenticator" \
    has "href=\"otpauth://totp/samverka:nokey%40example.se?secret=$KEY&amp;issuer=samverka&amp;algorithm=SHA1&amp;digits=6&amp;period=30\""
post "$MJ.g" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$KEY")"
check "mfa: its first code sets it up and signs in" eval 'eq "$S" 200 && has_session "$MJ.g" && has "<code>"'
check "mfa: the code and enrolment pages are valid HTML" eval 'tidy_clean'
