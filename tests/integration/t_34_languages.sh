# t_34_languages.sh — both languages, honestly (issue 12): the language a request gets
# by Accept-Language quality values (RFC 9110 §12.5.4), single-language content marked
# with its own lang attribute on a page in the other language (WCAG 3.1.2), team cards
# that do not repeat role and title, and API errors in the request's language.

# ------------------------------------------------------------------ negotiation

# accept HEADER WANT — the mission page asked for with Accept-Language: HEADER is in WANT
accept()
{
    if [ -n "$1" ]; then
        fetch -H "Accept-Language: $1" "/missions/$SK"
    else
        fetch "/missions/$SK"
    fi
    eq "$S" 200 && has_re "<html [^>]*lang=\"$2\""
}
check "Accept-Language: de-DE (neither sv nor en) gets English" accept 'de-DE' en
check "Accept-Language: fi-FI,sv;q=0.5 gets Swedish (sv acceptable, en not named)" accept 'fi-FI,sv;q=0.5' sv
check "Accept-Language: fi-FI,en;q=0.2,sv;q=0.5 gets Swedish (the higher q)" accept 'fi-FI,en;q=0.2,sv;q=0.5' sv
check "Accept-Language: sv;q=0.4,en;q=0.6 gets English (the higher q)" accept 'sv;q=0.4,en;q=0.6' en
check "Accept-Language: fr, sv;q=0 gets English (Swedish refused)" accept 'fr, sv;q=0' en
check "no Accept-Language gets Swedish, the site's own language" accept '' sv
check "Accept-Language: * gets Swedish (any language: the site's own)" accept '*' sv
check "a malformed Accept-Language (;q=x) counts as none: Swedish" accept ';q=x' sv
check "?lang=sv outweighs Accept-Language: de-DE" eval \
    'fetch -H "Accept-Language: de-DE" "/missions/$SK?lang=sv" && has_re "<html [^>]*lang=\"sv\""'
check "a page's language varies by Accept-Language (Vary)" eval \
    'fetch -H "Accept-Language: de-DE" "/missions/$SK" && hv Vary && contains "$HV" Accept-Language'

# ------------------------------------------------------------------ team cards

# no_repeat — no team card of the last fetch says the same words twice in a row
# ("Missionsledare, Missionsledare"), whatever the letter case
no_repeat()
{
    local rep
    rep=$(grep -oP '<li class="card"><h3>[^<]*</h3><p>\K[^<]*(<span[^>]*>[^<]*</span>)?' "$B" |
        sed 's/<[^>]*>//g' | grep -iP '(^|, )([^,]+), \2(,|$)')
    [ -z "$rep" ] || fail "a card repeats itself: $rep"
}
# team_cards LANG — the cards of $SK's page in LANG: the role alone when the title is the
# same words, role and title when they differ
team_cards()
{
    local lang=$1 name role title
    fetch "/missions/$SK?lang=$lang"
    no_repeat || return 1
    # a member whose title is the role's own words, and one whose title adds to it
    IFS=$'\t' read -r name title < <(q "SELECT p.name, $(lc "$lang" p.title) FROM team_member t JOIN person p ON p.id = t.person_id WHERE t.mission_id = $MID_SK AND t.role = 'mission_lead' LIMIT 1")
    role=$([ "$lang" = en ] && echo 'Mission lead' || echo 'Missionsledare')
    [ "${title,,}" = "${role,,}" ] || fail "the demo's lead is no longer titled \"$role\": \"$title\"" || return 1
    has "<h3>$name</h3><p>$role, <a " || return 1
    IFS=$'\t' read -r name title < <(q "SELECT p.name, $(lc "$lang" p.title) FROM team_member t JOIN person p ON p.id = t.person_id WHERE t.mission_id = $MID_SK AND t.role = 'communications' LIMIT 1")
    has "<h3>$name</h3><p>$([ "$lang" = en ] && echo Communications || echo Kommunikation), $title, <a "
}
check "team cards (sv): the title only when it adds to the role" team_cards sv
check "team cards (en): the title only when it adds to the role" team_cards en
