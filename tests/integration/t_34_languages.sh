# t_34_languages.sh — both languages, honestly (issue 12): the language a request gets
# by Accept-Language quality values (RFC 9110 §12.5.4), single-language content marked
# with its own lang attribute on a page in the other language (WCAG 3.1.2), team cards
# that do not repeat role and title, and API errors in the request's language (an import's
# line-and-column diagnostics and notices among them).

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

# ------------------------------------------------------------------ API errors

# api_said REGEX — the last fetch is a 4xx error object whose message matches REGEX, with
# a code, and Vary naming Accept-Language (its words depend on it)
api_said()
{
    local re=$1
    match "$S" '^4[0-9][0-9]$' && jqt "$B" --arg re "$re" \
        '(.error.code | type == "string") and (.error.message | test($re))' &&
        hv Vary && contains "$HV" Accept-Language
}
LANG_TOK=$("$BIN" token create --db "$DB" --name languages --role admin 2>/dev/null | tail -n 1)
require "api errors: an admin token" nonempty "$LANG_TOK"
# no token: 401
fetch -X PATCH -H 'Content-Type: application/json' -d '{}' "/api/v1/indicators/$IND"
check "api error, no language asked: English (the API's default)" api_said '^This needs an API token'
fetch -X PATCH -H 'Accept-Language: sv' -H 'Content-Type: application/json' -d '{}' "/api/v1/indicators/$IND"
check "api error, Accept-Language: sv: Swedish" api_said '^Det här kräver en API-nyckel'
fetch -X PATCH -H 'Accept-Language: de-DE' -H 'Content-Type: application/json' -d '{}' "/api/v1/indicators/$IND?lang=sv"
check "api error, ?lang=sv: Swedish" api_said '^Det här kräver en API-nyckel'
# a PATCH member that is not a setting: 422, field kept
for l in en sv; do
    fetch -X PATCH -H "Accept-Language: $l" -H "Authorization: Bearer $LANG_TOK" \
        -H 'Content-Type: application/json' -d '{"colour": "red"}' "/api/v1/indicators/$IND"
    want=$([ $l = en ] && echo '^is not a setting that can be changed here$' || echo '^är inte en inställning som kan ändras här$')
    check "api PATCH error in $l: the message in $l, code and field kept" eval \
        'api_said "$want" && eq "$S" 422 && jqt "$B" ".error.code == \"unprocessable\" and .error.field == \"colour\""'
done
# a domain refusal (settings_invalid) in both languages
for l in en sv; do
    fetch -X PATCH -H "Accept-Language: $l" -H "Authorization: Bearer $LANG_TOK" \
        -H 'Content-Type: application/json' -d '{"base_year": 1066}' "/api/v1/indicators/$IND"
    want=$([ $l = en ] && echo 'year from 1900 to 2200' || echo 'år från 1900 till 2200')
    check "api PATCH domain refusal in $l" eval 'api_said "$want" && jqt "$B" ".error.field == \"base_year\""'
done
# a parameter refused by the route table
fetch -H 'Accept-Language: sv' "/api/v1/initiatives?origin=sideways"
check "api parameter error in Swedish, field kept" eval \
    'api_said "^origin är inte ett av de tillåtna värdena" && jqt "$B" ".error.field == \"origin\" and .error.code == \"invalid_parameter\""'
fetch "/api/v1/initiatives?origin=sideways"
check "api parameter error in English" api_said '^origin is not one of the allowed values'

# an import's line-and-column diagnostics and notices (domain/tidycsv.c, import.c): in the
# request's language, at the same place in either; the column names a file must use (Year,
# Value) are the same in both
# api_import LANG TYPE FILE — POST FILE to $IND's data as a merge (refused: nothing changes)
api_import()
{
    fetch -X POST -H "Accept-Language: $1" -H "Authorization: Bearer $LANG_TOK" \
        -H "Content-Type: $2" --data-binary @"$3" "/api/v1/indicators/$IND/data?mode=merge"
}
# refused_at LINE COLUMN MESSAGE — the last fetch is a 422 invalid_data at LINE:COLUMN
# whose message is MESSAGE exactly
refused_at()
{
    eq "$S" 422 && jqt "$B" --argjson l "$1" --argjson c "$2" --arg m "$3" \
        '.error.code == "invalid_data" and .error.line == $l and .error.column == $c and .error.message == $m' &&
        hv Vary && contains "$HV" Accept-Language
}
printf 'Year,Value\n2020,1\n2021,abc\n' >"$T/l34-nan.csv"
api_import sv text/csv "$T/l34-nan.csv"
check "api import refused, Accept-Language: sv: the diagnostic in Swedish at line 3, column 2" \
    refused_at 3 2 'Value ”abc” är inte ett tal'
api_import en text/csv "$T/l34-nan.csv"
check "api import refused, Accept-Language: en: the same diagnostic in English, same place" \
    refused_at 3 2 'Value "abc" is not a number'
printf 'Year,Value\n2020,1\n2021,Inf\n' >"$T/l34-inf.csv"
api_import sv text/csv "$T/l34-inf.csv"
check "api import refused (sv): a value that is no finite number says so whole, in Swedish" \
    refused_at 3 2 'Value ”Inf” är inte ett ändligt tal'
YEAR_SV='anger inget år (till exempel 2015, 2015-16, 2015 K1, 2015-03 eller 1 maj till 30 juni 2015)'
printf 'Year,Value\n20x,1\n' >"$T/l34-year.csv"
api_import sv text/csv "$T/l34-year.csv"
check "api import (sv): a period the reader cannot place gets a Swedish reason (CSV)" \
    refused_at 2 1 "Year ”20x” $YEAR_SV"
printf '[{"Value": 1, "Year": "20x"}]' >"$T/l34-year.json"
api_import sv application/json "$T/l34-year.json"
check "api import (sv): ... and in a JSON record, at the member's value" \
    refused_at 1 23 "Year ”20x” $YEAR_SV"
api_import en application/json "$T/l34-year.json"
check "api import (en): ... in English there, same place" \
    refused_at 1 23 'Year "20x" names no year (such as 2015, 2015-16, 2015 Q1, 2015-03 or 1 May to 30 June 2015)'
printf 'Year;Värde\n2020;1\n' >"$T/l34-head.csv"
api_import sv text/csv "$T/l34-head.csv"
check "api import (sv): a header without Value: what it reads as and what to rename, in Swedish" \
    refused_at 1 0 'första raden har ingen kolumn ”Value”; den läses som 2 kolumner: ”Year”, ”Värde” – ge värdekolumnen namnet Value'
printf '[{"Year": 2020, "Value": 1}, {"Value": 2}]' >"$T/l34-noyear.json"
api_import sv application/json "$T/l34-noyear.json"
check "api import (sv): a JSON record without Year, in Swedish" refused_at 1 30 'post 2 saknar Year'
# notices: the last indicator without breakdowns, as t_32 uses it (a merge of one row)
L_IA=$(q "SELECT i.id FROM indicator i WHERE NOT EXISTS (SELECT 1 FROM indicator_dimension d WHERE d.indicator_id = i.id) ORDER BY i.id DESC LIMIT 1")
printf 'Year;Value;;\n2031;1;;\n2031;1;;\n' >"$T/l34-notice.csv"
fetch -X POST -H 'Accept-Language: sv' -H "Authorization: Bearer $LANG_TOK" -H 'Content-Type: text/csv' \
    --data-binary @"$T/l34-notice.csv" "/api/v1/indicators/$L_IA/data?mode=merge"
check "api import (sv): the notices in Swedish (a repeated row, ignored columns, semicolons)" \
    eval 'eq "$S" 200 && jqt "$B" ".notices | any(.line == 3 and .message == \"rad 3 upprepar rad 2 exakt; den sparas en gång\")" &&
        jqt "$B" ".notices | any(.line == 1 and .column == 3 and .message == \"2 tomma kolumner i slutet av rubrikraden hoppades över\")" &&
        jqt "$B" ".notices | any(.message == \"läst som semikolonavgränsad med decimalkomma, så som svenska Excel sparar\")" &&
        jqt "$B" ".notices | any(.message | test(\"^observationer: 1 i filen, \"))"'

# the http layer's own plain-text answers (a page's path: the API's OpenAPI document
# declares JSON errors only, and these come before routing)
fetch -H 'Accept-Language: sv' -H 'Content-Length: 5' --data-binary hello -X GET "/missions"
check "http layer's 400 (a GET with a body) in Swedish, Vary: Accept-Language" eval \
    'eq "$S" 400 && eq "$(<"$B")" "En GET-begäran kan inte ha något innehåll." && hv Vary && contains "$HV" Accept-Language'
fetch -H 'Content-Length: 5' --data-binary hello -X GET "/missions"
check "http layer's 400 with no language asked, on a page: Swedish" \
    eq "$(<"$B")" "En GET-begäran kan inte ha något innehåll."
fetch -H 'Accept-Language: de-DE, en;q=0.5' -H 'Content-Length: 5' --data-binary hello -X GET "/missions"
check "http layer's 400 in English when asked" eq "$(<"$B")" "A GET request cannot have a body."

# ------------------------------------------------------------------ single-language content

# Text stored in Swedish only (funding, sources, notes, breakdowns, disciplines, SNI titles)
# carries lang="sv" on an English page and no lang of its own on a Swedish one; the SDG
# texts, in English only, carry lang="en" on a Swedish page (WCAG 3.1.2).
# marked LANG TAG TEXT — an element TAG (with or without other attributes) holding TEXT with
# lang="LANG" in the last fetch; unmarked TAG TEXT — one without a lang attribute
marked() { has_re "<$2 [^>]*lang=\"$1\"[^>]*>$(ere "$3")</$2>"; }
unmarked() { has_re "<$1>$(ere "$2")</$1>"; }
# both_ways PATH TAG TEXT LABEL — English page: marked sv; Swedish page: unmarked
both_ways()
{
    local path=$1 tag=$2 text=$3 label=$4
    fetch "$path?lang=en"
    check "$label (en): lang=\"sv\" on <$tag>" marked sv "$tag" "$text"
    fetch "$path?lang=sv"
    check "$label (sv): no lang of its own" unmarked "$tag" "$text"
}
IFS=$'\t' read -r L_INIT L_FUND < <(q "SELECT id, funding FROM initiative WHERE funding <> '' AND is_demo = 1 ORDER BY id LIMIT 1")
require "single-language: a demo initiative with funding" nonempty "$L_FUND"
both_ways "/initiatives/$L_INIT" dd "$L_FUND" "initiative funding"

IFS=$'\t' read -r L_ACT L_SNI < <(q "SELECT a.id, s.label_sv FROM actor a JOIN sni s ON s.code = a.sni WHERE EXISTS (SELECT 1 FROM actor_discipline d WHERE d.actor_id = a.id) ORDER BY a.id LIMIT 1")
require "single-language: an actor with an SNI code and disciplines" nonempty "$L_SNI"
fetch "/actors/$L_ACT?lang=en"
check "actor's SNI title (en): lang=\"sv\"" marked sv span "$L_SNI"
fetch "/actors/$L_ACT?lang=sv"
check "actor's SNI title (sv): plain text" eval 'has " – $L_SNI</dd>" && lacks "lang=\"sv\">$L_SNI"'
fetch "/actors/$L_ACT?lang=en"
check "actor's disciplines (en): lang=\"sv\"" eval \
    'has_re "<dt>Disciplines</dt><dd lang=\"sv\">$(ere "$(q "SELECT discipline FROM actor_discipline WHERE actor_id = $L_ACT ORDER BY position LIMIT 1")")"'

# an indicator with a breakdown, sources and notes: an observation of $SK's with one
# breakdown value, a source and a note (earlier files may have replaced some data)
L_IND= L_DIM= L_VAL= L_SRC= L_NOTE=
l_pick()
{
    while IFS=$'\t' read -r i d src note; do
        [[ $d == *$'\x1f'* || $d != *=* ]] && continue
        L_IND=$i L_DIM=${d%%=*} L_VAL=${d#*=} L_SRC=$src L_NOTE=$note
        break
    done < <(q "SELECT o.indicator_id, o.disagg, o.source, o.note FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.mission_id = $MID_SK AND o.source <> '' AND o.note <> '' AND o.disagg <> '' ORDER BY o.indicator_id, o.period_key")
}
l_pick
if [ -z "$L_IND" ]; then
    # earlier files replaced skolmat's data: give its first indicator such rows again
    printf 'Year,Verksamhet,Source,Note,Value\n2019,,Livsmedelsverket,Demo: illustrativt värde,60\n2019,Förskola,Livsmedelsverket,Demo: illustrativt värde,55\n' >"$T/d34.csv"
    "$BIN" import --db "$DB" --indicator "$IND" "$T/d34.csv" >/dev/null 2>&1
    l_pick
fi
require "single-language: an observation of $SK with a breakdown value, a source and a note" \
    eval 'nonempty "$L_IND" && nonempty "$L_DIM" && nonempty "$L_VAL" && nonempty "$L_SRC" && nonempty "$L_NOTE"'
fetch "/indicators/$L_IND?lang=en"
check "indicator (en): the breakdown's column, value, source and note are lang=\"sv\"" eval \
    'marked sv th "$L_DIM" && marked sv td "$L_VAL" && marked sv td "$L_SRC" && marked sv td "$L_NOTE"'
check "indicator (en): \"Broken down by\" names the column lang=\"sv\"" marked sv span "$L_DIM"
fetch "/indicators/$L_IND?lang=sv"
check "indicator (sv): the same cells carry no lang of their own" eval \
    'has_re "<th scope=\"col\">$(ere "$L_DIM")</th>" && unmarked td "$L_VAL" && unmarked td "$L_SRC" && unmarked td "$L_NOTE"'

# the SDG target texts, English only
L_TGT=$(q "SELECT t.title_en FROM mission_sdg_target mt JOIN sdg_target t ON t.code = mt.target WHERE mt.mission_id = $MID_SK ORDER BY t.code LIMIT 1")
fetch "/missions/$SK?lang=sv"
check "SDG target (sv): lang=\"en\"" marked en span "$L_TGT"
fetch "/missions/$SK?lang=en"
check "SDG target (en): no lang of its own" unmarked span "$L_TGT"
