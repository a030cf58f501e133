# t_05_hostile.sh — hostile content is inert. Rows written straight into the
# database (as an import or another process would) carry script, markup,
# attribute-breaking and SQL payloads; every page and API response that shows
# them must show them as text: no element, attribute or URL of theirs in the
# HTML, the exact original string once the JSON is decoded. SQL payloads also go
# in through samverka's own write path (the API's data import, a token's name),
# where only its statement binding keeps them data.

P_MISSION='<script>alert(1)</script>'
P_ACTOR='"><img src=x onerror=alert(1)>'
P_INIT="Robert'); DROP TABLE initiative; -- </textarea><b>x</b>"
P_NOTE='<svg onload=alert(1)>'
P_OBJ="</textarea><svg onload=alert(5)>'\"&amp;"
P_IND='Indikator "><script>alert(6)</script>'
P_OWNER='<img src=x onerror=alert(2)>'
P_MD='<script>alert(3)</script> [klick](javascript:alert(3)) <img src=x onerror=alert(3)> <a href="javascript:alert(3)">a</a>'
X=xss-test

N_INIT_BEFORE=$(q "SELECT COUNT(*) FROM initiative")
hostile_rows()
{
    q "BEGIN;
INSERT INTO person (name, is_demo) VALUES ($(sqls "$P_OWNER"), 0);
INSERT INTO actor (slug, name, sector, description_sv, description_en, created_at)
    VALUES ('xss-actor', $(sqls "$P_ACTOR"), 'civil_society', $(sqls "$P_MD"), $(sqls "$P_MD"), 0);
INSERT INTO mission (slug, title_sv, title_en, goal_sv, goal_en, description_sv, description_en,
    deadline, start_year, status, owner_id, position, created_at)
    VALUES ('$X', $(sqls "$P_MISSION"), $(sqls "$P_MISSION"), $(sqls "Mål: $P_ACTOR"), $(sqls "Goal: $P_ACTOR"),
    $(sqls "$P_MD"), $(sqls "$P_MD"), '2031-06-30', 2024, 'active',
    (SELECT MAX(id) FROM person), 99, 0);
INSERT INTO mission_sdg_target (mission_id, target) SELECT id, '12.3' FROM mission WHERE slug = '$X';
INSERT INTO objective (mission_id, title_sv, description_sv)
    SELECT id, $(sqls "$P_OBJ"), $(sqls "$P_MD") FROM mission WHERE slug = '$X';
INSERT INTO indicator (mission_id, objective_id, title_sv, unit_sv, direction, base_year, base_value,
    target_value, target_year, source, source_url, created_at)
    SELECT m.id, o.id, $(sqls "$P_IND"), $(sqls "$P_NOTE"), 'increase', 2020, 1, 2, 2030,
    $(sqls "$P_ACTOR"), 'javascript:alert(8)', 0
    FROM mission m JOIN objective o ON o.mission_id = m.id WHERE m.slug = '$X';
INSERT INTO observation (indicator_id, period, period_key, year, value, source, note)
    SELECT i.id, '2023', 20230101, 2023, 1.5, $(sqls "$P_MISSION"), $(sqls "$P_NOTE")
    FROM indicator i JOIN mission m ON m.id = i.mission_id WHERE m.slug = '$X';
INSERT INTO initiative (mission_id, slug, title_sv, title_en, summary_sv, summary_en, origin, status,
    lead_actor_id, funding, hypotheses_sv, learnings_sv, created_at)
    SELECT m.id, 'xss-init', $(sqls "$P_INIT"), $(sqls "$P_INIT"), $(sqls "$P_MD"), $(sqls "$P_MD"),
    'bottom_up', 'proposed', a.id, $(sqls "$P_NOTE"), $(sqls "$P_MD"), $(sqls "$P_MD"), 0
    FROM mission m, actor a WHERE m.slug = '$X' AND a.slug = 'xss-actor';
INSERT INTO initiative_actor (initiative_id, actor_id, role)
    SELECT n.id, a.id, 'lead' FROM initiative n, actor a WHERE n.slug = 'xss-init' AND a.slug = 'xss-actor';
INSERT INTO initiative_sdg_target (initiative_id, target) SELECT id, '12.3' FROM initiative WHERE slug = 'xss-init';
COMMIT;"
}
check "hostile: rows with payloads written to the database" hostile_rows
X_ACTOR=$(q "SELECT id FROM actor WHERE slug = 'xss-actor'")
X_INIT=$(q "SELECT id FROM initiative WHERE slug = 'xss-init'")
X_IND=$(q "SELECT i.id FROM indicator i JOIN mission m ON m.id = i.mission_id WHERE m.slug = '$X'")
check "hostile: the rows are in (one more initiative)" \
    eq "$(q 'SELECT COUNT(*) FROM initiative')" $((N_INIT_BEFORE + 1))

# inert — no markup of the payloads' making in the page
inert()
{
    local lower=${BF,,} p
    # (pages draw their own charts as inline <svg>: only the payload's is wrong)
    for p in '<script>' '<img src=x' '<svg onload' '</textarea>' '"><img' '<b>x</b>'; do
        [[ $lower != *"$p"* ]] || { fail "raw \"$p\": $(around "$lower" "$p")"; return 1; }
    done
    # no element with an event-handler attribute, no javascript: URL, no inline script
    [[ ! $lower =~ \<[a-z][^\>]*[[:space:]]on[a-z]+[[:space:]]*= ]] || { fail "event handler: ${BASH_REMATCH[0]:0:160}"; return 1; }
    [[ ! $lower =~ (href|src|action|formaction)[[:space:]]*=[[:space:]]*[\"\']?[[:space:]]*javascript: ]] ||
        { fail "javascript: URL: ${BASH_REMATCH[0]}"; return 1; }
    [[ ! $lower =~ \<script[^\>]*\>[^\<] ]] || { fail "inline script: ${BASH_REMATCH[0]}"; return 1; }
}

# hostile_page PATH PAYLOAD... — 200, inert, and each PAYLOAD shown as text
hostile_page()
{
    local path=$1 p
    shift
    fetch "$path"
    check "hostile $path: 200" eq "$S" 200
    check "hostile $path: payloads are inert" inert
    for p in "$@"; do
        check "hostile $path: shows $(short "$p" 40) as text" text_has "$p"
    done
}
hostile_page / "$P_MISSION"
hostile_page /?lang=en "$P_MISSION"
hostile_page "/missions/$X" "$P_MISSION" "$P_ACTOR" "$P_OBJ" "$P_IND" "$P_INIT" "$P_OWNER"
hostile_page "/missions/$X?lang=en" "$P_MISSION" "$P_ACTOR" "$P_IND" "$P_INIT"
check "hostile /missions/$X: still valid HTML" tidy_clean
hostile_page "/indicators/$X_IND" "$P_IND" "$P_NOTE" "$P_MISSION"
hostile_page "/initiatives/$X_INIT" "$P_INIT" "$P_ACTOR" "$P_MISSION"
hostile_page "/initiatives?mission=$X" "$P_INIT"
hostile_page "/initiatives?sector=civil_society&lang=en" "$P_INIT"
hostile_page "/actors/$X_ACTOR" "$P_ACTOR" "$P_INIT"
hostile_page "/actors?sector=civil_society" "$P_ACTOR"
hostile_page /sdg/12 "$P_MISSION"

# reflected: what the request carries never comes back as markup
reflected()
{
    fetch "$1"
    check "reflected $1: not 500, inert" eval 'match "$S" "^(200|400|404)$" && inert'
}
reflected '/missions/%3Cscript%3Ealert(1)%3C%2Fscript%3E'
reflected '/no/such/%3Cscript%3Ealert(1)%3C%2Fscript%3E'
reflected '/no/such/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E'
reflected '/initiatives?origin=top_down&x=%22%3E%3Cscript%3Ealert(1)%3C/script%3E'
reflected '/initiatives?mission=%3Csvg%20onload=alert(1)%3E'
reflected '/?lang=%22%3E%3Cscript%3Ealert(1)%3C/script%3E'
reflected '/api/v1/initiatives?origin=%3Cscript%3Ealert(1)%3C/script%3E'

# hostile_json PATH PAYLOAD... — parses, and each PAYLOAD is one of its strings
hostile_json()
{
    local path=$1 p
    shift
    fetch "$path"
    check "hostile $path: 200 JSON that parses" eval 'eq "$S" 200 && json_ok "$B"'
    for p in "$@"; do
        check "hostile $path: has $(short "$p" 40) exactly" jqt "$B" --arg s "$p" '[.. | strings] | index($s) != null'
    done
}
hostile_json "/api/v1/missions/$X" "$P_MISSION" "$P_MD"
hostile_json "/api/v1/missions?per_page=100" "$P_MISSION"
hostile_json "/api/v1/missions/$X/objectives" "$P_OBJ"
hostile_json "/api/v1/indicators/$X_IND" "$P_IND"
hostile_json "/api/v1/indicators/$X_IND/observations" "$P_NOTE"
hostile_json "/api/v1/actors/$X_ACTOR" "$P_ACTOR"
hostile_json "/api/v1/initiatives/$X_INIT" "$P_INIT"
hostile_json "/api/v1/initiatives?mission=$X" "$P_INIT"
fetch "/indicators/$X_IND/data.json"
check "hostile data.json: 200 JSON that parses" eval 'eq "$S" 200 && json_ok "$B"'
fetch "/indicators/$X_IND/data.csv"
check "hostile data.csv: 200 text/csv" eval 'eq "$S" 200 && match "$CT" "^text/csv"'

# ------------------------------------------------------------------ SQL through samverka's binding

# The payloads travel the API's write path (POST .../data as tidy CSV: the series, the
# unit, a disaggregation column's name and its value) with a token whose name is one
# too (stored by `samverka token create`, then written to the audit log by the import).
# Only samverka's statement binding stands between them and the SQL.
P_SQL1="Robert'); DROP TABLE observation; --"
P_SQL2='1"; DELETE FROM indicator; --'
P_SQL3="x' OR '1'='1"
csvq() { local s=$1; printf '"%s"' "${s//\"/\"\"}"; }
{
    printf 'Year,Series,Units,%s,Value\n' "$(csvq "$P_SQL1")"
    printf '2021,%s,%s,%s,1.5\n' "$(csvq "$P_SQL1")" "$(csvq "$P_SQL2")" "$(csvq "$P_SQL3")"
    printf '2022,%s,%s,%s,2.5\n' "$(csvq "$P_SQL1")" "$(csvq "$P_SQL2")" "$(csvq "$P_SQL3")"
} >"$T/hostile-sql.csv"
X_TABLES=$(db_tables)
X_N_IND=$(q "SELECT COUNT(*) FROM indicator")
X_OTHERS=$(q "SELECT COUNT(*) || ' ' || COALESCE(SUM(value), 0) FROM observation WHERE indicator_id <> ${X_IND:-0}")
X_TOK=$("$BIN" token create --db "$DB" --name "$P_SQL1" --role admin 2>/dev/null | tail -n 1)
check "hostile SQL: a token named with SQL is created" match "$X_TOK" '^svk_'
fetch -X POST -H "Authorization: Bearer $X_TOK" -H 'Content-Type: text/csv' \
    --data-binary @"$T/hostile-sql.csv" "/api/v1/indicators/$X_IND/data"
check "hostile SQL: the API import with SQL in series, unit and a column takes its 2 rows" \
    eval 'eq "$S" 200 && jqt "$B" ".observations == 2"'
check "hostile SQL: every table is still there" eq "$(db_tables)" "$X_TABLES"
check "hostile SQL: no indicator was deleted" eq "$(q "SELECT COUNT(*) FROM indicator")" "$X_N_IND"
check "hostile SQL: the other indicators' observations are untouched" \
    eq "$(q "SELECT COUNT(*) || ' ' || COALESCE(SUM(value), 0) FROM observation WHERE indicator_id <> ${X_IND:-0}")" "$X_OTHERS"
check "hostile SQL: series and unit are stored byte for byte" \
    eq "$(q "SELECT DISTINCT series || '|' || unit FROM observation WHERE indicator_id = ${X_IND:-0}")" "$P_SQL1|$P_SQL2"
check "hostile SQL: the column and its value are stored byte for byte" \
    eq "$(q "SELECT DISTINCT disagg FROM observation WHERE indicator_id = ${X_IND:-0}")" "$P_SQL1=$P_SQL3"
check "hostile SQL: the audit log names the token as it was called" \
    eq "$(q "SELECT who FROM audit_log WHERE entity = 'indicator' AND entity_id = ${X_IND:-0} AND action = 'import' ORDER BY id DESC LIMIT 1")" "$P_SQL1"
hostile_json "/api/v1/indicators/$X_IND/observations" "$P_SQL1" "$P_SQL2" "$P_SQL3"
hostile_page "/indicators/$X_IND" "$P_SQL1" "$P_SQL3"
check "hostile SQL: the database checks out" eq "$(db_integrity)" ok

