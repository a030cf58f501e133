# t_09_views.sh — page views are counted on the server, without cookies and
# without storing addresses: three GETs reach page_view after a flush (the
# suite's server flushes every second) and the accountability block shows the
# count; no response of the whole suite so far set a cookie.

V_PAGE=/missions/$SK
views_db() { q "SELECT COALESCE(SUM(n), 0) FROM page_view WHERE page = '$V_PAGE'"; }
views_at_least() { ge "$(views_db)" "$1"; }

V_BEFORE=$(views_db)
for i in 1 2 3; do
    fetch "$V_PAGE"
done
check "views: 3 GETs of $V_PAGE are in page_view within 3 s" wait_for 3 views_at_least $((V_BEFORE + 3))

# the largest number in the "Page views" entry of the English page
shown_views()
{
    local dd n max=-1
    [[ $BD =~ \>Page\ views\</dt\>[[:space:]]*\<dd[^\>]*\>([^\<]*)\< ]] || { echo "no Page views entry"; return 1; }
    dd=${BASH_REMATCH[1]//,/}
    for n in ${dd//[^0-9]/ }; do
        [ "$n" -gt "$max" ] && max=$n
    done
    echo "$max"
}
fetch "$V_PAGE?lang=en"
check "views: the page shows at least $((V_BEFORE + 3)) views" ge "$(shown_views)" $((V_BEFORE + 3))

no_address_stored()
{
    local cols
    if [ "$BACKEND" = pg ]; then
        cols=$(q "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'page_view' ORDER BY ordinal_position")
    else
        cols=$(q "SELECT name FROM pragma_table_info('page_view')")
    fi
    cols=$(echo $cols)
    # the columns were read: an empty list would pass the pattern below whatever is stored
    match "$cols" '(^| )page( |$)' || return 1
    nomatch "$cols" '(ip|addr|agent|cookie|session)' || return 1
    ! db_dump "$DB" | grep -q '127\.0\.0\.1' || fail "a client address is stored"
}
check "views: no client address or agent stored" no_address_stored

no_cookies()
{
    local hits
    # the account pages' forms and a seminar's open forms (registration, the cancel link)
    # set a pre-session cookie (CSRF): no page view is counted there
    hits=$(grep -il '^set-cookie:' "$T"/resp/*.head 2>/dev/null | while read -r h; do
        grep -qE ' /account| /seminars/[0-9]+/(register|cancel/)' "${h%.head}.req" || echo "$h"
    done | head -n 3)
    [ -z "$hits" ] || fail "Set-Cookie in: $hits"
}
check "views: no Set-Cookie in any of the $REQ_N responses so far (but the account forms')" no_cookies
