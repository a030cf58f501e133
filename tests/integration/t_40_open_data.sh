# t_40_open_data.sh — open data as people expect it (issue 12): the data licence on every
# page (the footer), in the OpenAPI document and in a Link header (rel="license") on every
# public API read and download; CORS on those (Access-Control-Allow-Origin: *, never with
# credentials, an OPTIONS preflight for GET only, writes and pages not opened); each
# indicator's SDG indicator links in the API and on its page. The routes come from
# `samverka routes` (flag "data"), so a route added to the table is checked here without
# editing this file. A second server with data-licence CC-BY-4.0 shows the setting flows
# everywhere.

OD_CC0='https://creativecommons.org/publicdomain/zero/1.0/'
OD_BY='https://creativecommons.org/licenses/by/4.0/'

# od_open_headers URL_LICENCE — the open-data headers of the last fetch, for a 200
od_open_headers()
{
    eq "$(hdr Access-Control-Allow-Origin)" '*' &&
        lacks_hdr Access-Control-Allow-Credentials &&
        contains "$(hdr Access-Control-Expose-Headers)" ETag &&
        contains "$HD" "<$1>; rel=\"license\""
}

# ---- the footer, in both languages
fetch "/?lang=sv"
check "open data: the Swedish footer names the data licence (Data: CC0 1.0), linked rel=license" \
    has "<p class=\"licence\">Data: <a href=\"$OD_CC0\" rel=\"license\""
fetch "/missions/$SK?lang=en"
check "open data: the English footer too (Data: CC0 1.0)" \
    has_re "<p class=\"licence\">Data: <a [^>]*rel=\"license\"[^>]*>CC0 1.0</a>"
check "open data: a page is no cross-origin read (no Access-Control-Allow-Origin)" \
    lacks_hdr Access-Control-Allow-Origin

# ---- OpenAPI
fetch /api/v1/openapi.json
check "open data: OpenAPI info.license names the licence and its text" \
    jqt "$B" --arg u "$OD_CC0" '.info.license == {name: "Creative Commons Zero v1.0 Universal", url: $u}'

# ---- every public data route: CORS and the licence
OD_N=0
while IFS=$'\t' read -r -u 3 meth pat kind flags schema query authz; do
    [ "$meth" = GET ] && [[ ,$flags, == *,data,* ]] || continue
    path=$(concrete "$pat") || { check "open data $pat: the demo data has ids for it" fail "$path"; continue; }
    fetch "$path"
    if [[ ,$flags, == *,personal,* ]]; then
        check "open data $path: personal, so not opened to other origins" \
            eval 'lacks_hdr Access-Control-Allow-Origin && ! contains "$HD" "rel=\"license\"" 2>/dev/null'
        continue
    fi
    OD_N=$((OD_N + 1))
    check "open data $path: 200 with Access-Control-Allow-Origin: *, no credentials, Link rel=license" \
        eval 'eq "$S" 200 && od_open_headers "$OD_CC0"'
done 3< <(routes)
check "open data: the API reads and the downloads are flagged data (at least 20)" ge "$OD_N" 20
fetch "/indicators/$IND/data.csv"
check "open data: the CSV keeps its describedby Link beside the licence's" \
    eval 'contains "$HD" "rel=\"describedby\"" && contains "$HD" "<$OD_CC0>; rel=\"license\""'
fetch /api/v1/indicators/999999999
check "open data: a 404 of the API still allows other origins (a script can read the error), no licence" \
    eval 'eq "$S" 404 && eq "$(hdr Access-Control-Allow-Origin)" "*" && ! contains "$HD" "rel=\"license\"" 2>/dev/null'

# ---- credentials change nothing: the one public copy, which a browser never exposes to
# another origin's script with credentials (no Allow-Credentials)
OD_JAR=$T/od-jar
rm -f "$OD_JAR"
check "open data: the admin signs in" \
    sign_in_once "$OD_JAR" admin@example.org demo-admin-2026 SAMVERKADEMOADMINSECRETKEY234567
fetch -b "$OD_JAR" -H 'Origin: https://notebook.example' /api/v1/missions
check "open data: with a session cookie: still *, never Allow-Credentials, never the Origin echoed" \
    eval 'eq "$S" 200 && eq "$(hdr Access-Control-Allow-Origin)" "*" && lacks_hdr Access-Control-Allow-Credentials'
fetch -H 'Authorization: Bearer not-a-token' -H 'Origin: https://notebook.example' /api/v1/missions
check "open data: with an Authorization header: no Allow-Credentials" \
    lacks_hdr Access-Control-Allow-Credentials

# ---- 304 keeps CORS
fetch /api/v1/missions
OD_E=$(hdr ETag)
fetch -H "If-None-Match: $OD_E" -H 'Origin: https://notebook.example' /api/v1/missions
check "open data: a 304 carries Access-Control-Allow-Origin too" \
    eval 'eq "$S" 304 && eq "$(hdr Access-Control-Allow-Origin)" "*"'

# ---- preflight: GET only, no credentials' headers; writes not opened
fetch -X OPTIONS -H 'Origin: https://notebook.example' -H 'Access-Control-Request-Method: GET' \
    -H 'Access-Control-Request-Headers: if-none-match' "/api/v1/indicators/$IND"
check "open data: OPTIONS preflight of a read: 204, GET and HEAD, If-None-Match allowed" \
    eval 'eq "$S" 204 && eq "$(hdr Access-Control-Allow-Origin)" "*" && eq "$(hdr Access-Control-Allow-Methods)" "GET, HEAD" && contains "$(hdr Access-Control-Allow-Headers)" If-None-Match'
check "open data: the preflight allows neither Authorization nor a write method" \
    eval '! contains "$(hdr Access-Control-Allow-Headers)" Authorization 2>/dev/null && ! contains "$(hdr Access-Control-Allow-Methods)" POST 2>/dev/null && lacks_hdr Access-Control-Allow-Credentials'
fetch -X OPTIONS -H 'Origin: https://notebook.example' "/indicators/$IND/data.csv"
check "open data: a download's preflight is answered too" \
    eval 'eq "$S" 204 && eq "$(hdr Access-Control-Allow-Origin)" "*"'
fetch -X OPTIONS -H 'Origin: https://notebook.example' -H 'Access-Control-Request-Method: POST' \
    "/api/v1/indicators/$IND/data"
check "open data: a write's preflight is the 405 it was, without CORS" \
    eval 'eq "$S" 405 && lacks_hdr Access-Control-Allow-Origin'
fetch -X OPTIONS -H 'Origin: https://notebook.example' "/missions/$SK"
check "open data: a page's preflight: 405, without CORS" \
    eval 'eq "$S" 405 && lacks_hdr Access-Control-Allow-Origin'
fetch -X PATCH -H 'Origin: https://notebook.example' -H 'Content-Type: application/json' \
    --data '{}' "/api/v1/indicators/$IND"
check "open data: a write from another origin gets no CORS header" \
    lacks_hdr Access-Control-Allow-Origin

# ---- each indicator's SDG indicators
OD_SDG_IND=$(q "SELECT indicator_id FROM indicator_sdg GROUP BY indicator_id ORDER BY COUNT(*) DESC, indicator_id LIMIT 1")
OD_SDG_WANT=$(q "SELECT s.code || '|' || t.goal FROM indicator_sdg l JOIN sdg_indicator s ON s.code = l.sdg_indicator JOIN sdg_target t ON t.code = s.target WHERE l.indicator_id = ${OD_SDG_IND:-0} ORDER BY t.goal, t.position, s.position" | paste -sd,)
require "open data: the demo links indicators to SDG indicators (8 links, or more after the editing files)" \
    eval 'ge "$(q "SELECT COUNT(*) FROM indicator_sdg")" 8 && nonempty "$OD_SDG_IND"'
fetch "/api/v1/indicators/$OD_SDG_IND"
check "open data: the API's indicator lists its SDG indicators (code, goal, title, /sdg/N), in framework order" \
    jqt "$B" --arg want "$OD_SDG_WANT" '([.sdg_indicators[] | "\(.code)|\(.goal)"] | join(",")) == $want and all(.sdg_indicators[]; (.title_en | length) > 0 and .links.html == "/sdg/\(.goal)" and .links.goal == "/api/v1/sdg/goals/\(.goal)")'
OD_NOSDG=$(q "SELECT id FROM indicator WHERE id NOT IN (SELECT indicator_id FROM indicator_sdg) ORDER BY id LIMIT 1")
fetch "/api/v1/indicators/$OD_NOSDG"
check "open data: an indicator without links has an empty list" jqt "$B" '.sdg_indicators == []'
fetch "/indicators/$OD_SDG_IND"
OD_FIRST=$(q "SELECT s.code || '|' || t.goal || '|' || s.title_en FROM indicator_sdg l JOIN sdg_indicator s ON s.code = l.sdg_indicator JOIN sdg_target t ON t.code = s.target WHERE l.indicator_id = $OD_SDG_IND ORDER BY t.goal, t.position, s.position LIMIT 1")
IFS='|' read -r OD_C OD_G OD_TI <<<"$OD_FIRST"
check "open data: the Swedish indicator page has an Agenda 2030 line: the code linking /sdg/N, the English title marked lang=en" \
    eval 'has "<strong>Agenda 2030:</strong>" && has "<a href=\"/sdg/$OD_G\">$OD_C</a> <span lang=\"en\">" && text_has "$OD_TI"'
fetch "/indicators/$OD_SDG_IND?lang=en"
check "open data: the English page has the title without a lang mark" \
    eval 'has "<a href=\"/sdg/$OD_G?lang=en\">$OD_C</a> " && ! has "<span lang=\"en\">$OD_TI" 2>/dev/null'
fetch "/indicators/$OD_NOSDG"
check "open data: no Agenda 2030 line without links" lacks "Agenda 2030:"

# ---- a non-default licence flows everywhere
od_second()
{
    start_server "$DB" "$T/od2.out" "$T/od2.log" --data-licence CC-BY-4.0 >"$T/od2.msg" 2>&1 ||
        { cat "$T/od2.msg"; return 1; }
}
check "open data: a server with data-licence CC-BY-4.0 starts" od_second
OD2_PID=$SRV_PID
OD_BASE=$BASE
BASE=$SRV_BASE
fetch "/?lang=en"
check "open data (CC-BY-4.0): the footer says Data: CC BY 4.0, linking its text" \
    has_re "<p class=\"licence\">Data: <a href=\"$OD_BY\" rel=\"license\"[^>]*>CC BY 4.0</a>"
fetch /api/v1/openapi.json
check "open data (CC-BY-4.0): OpenAPI info.license" \
    jqt "$B" --arg u "$OD_BY" '.info.license == {name: "Creative Commons Attribution 4.0 International", url: $u}'
fetch "/api/v1/indicators/$IND"
check "open data (CC-BY-4.0): the API's Link header" od_open_headers "$OD_BY"
fetch "/indicators/$IND/data.json"
check "open data (CC-BY-4.0): a download's Link header" od_open_headers "$OD_BY"
BASE=$OD_BASE
stop_server "$OD2_PID" 10
SRV_PID=
