# t_06_headers.sh — the security headers on every response type, for every GET
# route in the route table and for the error responses: nosniff,
# Referrer-Policy, a strict CSP on HTML (default-src 'self', nothing unsafe),
# no Server version banner, no cookies but on the account pages (and those only as
# SECURITY.md item 8 wants them), and a charset in Content-Type.

security_headers()
{
    local bad='' v
    hv X-Content-Type-Options
    [ "$HV" = nosniff ] || bad+=" X-Content-Type-Options is \"$HV\";"
    hv Referrer-Policy
    [ -n "$HV" ] || bad+=" no Referrer-Policy;"
    hv Server
    [[ ! $HV =~ [0-9] ]] || bad+=" Server banner with a version: \"$HV\";"
    if [[ ${HD,,} == *$'\n'set-cookie:* ]]; then
        hv Set-Cookie
        if [[ $COOKIE_OK != yes ]]; then
            bad+=" sets a cookie: $HV;"
        elif [[ $HV != *'; Path=/'* || $HV != *'; HttpOnly'* || $HV != *'; SameSite=Lax'* || $HV == *Domain=* ]]; then
            bad+=" a cookie without Path=/, HttpOnly, SameSite=Lax (or with Domain): $HV;"
        fi
    fi
    if [[ $CT == text/html* ]]; then
        hv Content-Security-Policy
        v=$HV
        [[ $v =~ (^|;)[[:space:]]*default-src[[:space:]]+\'self\' ]] || bad+=" CSP without default-src 'self': \"$v\";"
        [[ $v != *unsafe-inline* && $v != *unsafe-eval* ]] || bad+=" CSP allows unsafe-*: \"$v\";"
    fi
    [ -z "$bad" ] || fail "$bad"
}

headers()
{
    local label=$1
    local what="no cookie"
    [[ $COOKIE_OK == yes ]] && what="cookies HttpOnly, SameSite=Lax, Path=/"
    check "headers $label ($S, ${CT:-no type}): nosniff, Referrer-Policy, CSP, no banner, $what" security_headers
    # a binary download (the bulk package's zip) has no charset to name
    [ "$CT" = application/zip ] ||
        check "headers $label ($S): charset in Content-Type" match "$CT" ';[[:space:]]*charset=(utf|UTF)-8'
}

while IFS=$'\t' read -r -u 3 meth pat kind flags schema query authz; do
    [ "$meth" = GET ] || continue
    path=$(concrete "$pat") || continue
    fetch "$path"
    COOKIE_OK=no
    [[ $path == /account* ]] && COOKIE_OK=yes # a form's pre-session cookie (CSRF)
    # the open forms of a seminar: registration, and the cancel link's confirmation
    [[ $path =~ ^/seminars/[0-9]+/(register|cancel/) ]] && COOKIE_OK=yes
    headers "$path"
done 3< <(routes)
COOKIE_OK=no

fetch /no/such/page
headers "404 page"
fetch /indicators/abc
headers "400 page"
fetch -X DELETE "/missions/$SK"
headers "405 page"
fetch /api/v1/no/such/thing
headers "404 API"
fetch "/api/v1/initiatives?origin=sideways"
headers "400 API"
fetch /indicators/999999999/data.csv
headers "404 file"
fetch /indicators/abc/data.csv
headers "400 file"
