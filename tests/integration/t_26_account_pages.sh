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
fetch "$LPATH"
check "reset: the link works once (then its page offers a new one)" \
    eval 'eq "$S" 200 && lacks "name=\"password\"" && has "name=\"email\"" && tidy_clean'
csrf_of "$AJ.r" /account/reset
post "$AJ.r" "$LPATH" "csrf=$CSRF" "password=$APW newer"
check "reset: ... and a second post with it is refused (422), the password unchanged" \
    eval 'eq "$S" 422 && sign_in "$AJ.z" rut@example.se "$APW new"'
