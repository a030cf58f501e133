# t_03_paging.sh — one rule past the last page, for the JSON API and the HTML lists alike
# (src/web/pager.c): the last page answers 200 with the rest of the items; the page after
# it is 404 Not Found, the error naming the field "page"; page 1 of an empty list is 200
# with no items. Every paged API route of the route table is walked, and the OpenAPI
# document must describe the 404.

PER=7

# ------------------------------------------------------------------ the API

# past_last PATH — PATH is a paged API list without query parameters of its own
past_last()
{
    local path=$1 total last rest
    fetch "$path?per_page=$PER"
    total=$(jq -r '.total // empty' "$B" 2>/dev/null)
    check "paging $path: page 1 answers 200 with a total" eval '[ "$S" = 200 ] && ge "$total" 1'
    [ -n "$total" ] && [ "$total" -gt 0 ] || return
    last=$(((total + PER - 1) / PER))
    rest=$((total - (last - 1) * PER))
    fetch "$path?per_page=$PER&page=$last"
    check "paging $path: the last page ($last) answers 200" eq "$S" 200
    check "paging $path: ... with the $rest remaining items and no next link" jqt "$B" \
        --argjson n "$rest" --argjson p "$last" \
        '(.items | length) == $n and .page == $p and .links.next == null'
    fetch "$path?per_page=$PER&page=$((last + 1))"
    check "paging $path: the page after the last ($((last + 1))) is 404" eq "$S" 404
    check "paging $path: ... an error naming the field page" jqt "$B" \
        '.error.code == "not_found" and .error.field == "page" and (.error.message | length) > 0'
    fetch "$path?per_page=$PER&page=100000"
    check "paging $path: page 100000 is 404 too" eq "$S" 404
}

n_paged=0
while IFS=$'\t' read -r -u 3 meth pat kind flags schema query authz; do
    [ "$kind" = api ] && [ "$meth" = GET ] && [[ ,$query, == *,page,* ]] || continue
    # the personal lists (proposals) answer only who may read them: t_30 pages them
    [[ ,$flags, == *,personal,* ]] && continue
    n_paged=$((n_paged + 1))
    # a list within a resource (a mission's commitments, dialogues) is filled from the
    # database as every route's pages are (tests/routes.sh)
    past_last "$(concrete "$pat")"
done 3< <(routes)
check "paging: the route table has paged API lists ($n_paged)" ge "$n_paged" 5

# a filter keeps its rule: the sector's last page, then 404
SECTOR=$(q "SELECT sector FROM actor GROUP BY sector ORDER BY COUNT(*) DESC, sector LIMIT 1")
N_SECTOR=$(q "SELECT COUNT(*) FROM actor WHERE sector = '$SECTOR'")
fetch "/api/v1/actors?sector=$SECTOR&per_page=$PER&page=$(((N_SECTOR + PER - 1) / PER + 1))"
check "paging actors?sector=$SECTOR: past its last page is 404 naming page" jqt "$B" \
    '.error.field == "page"'
check "paging actors?sector=$SECTOR: ... status 404" eq "$S" 404

# page 1 of an empty list: 200, no items, total 0, no next page (the first SDG goal that
# none of $GA's initiatives serves)
EMPTY=
for g in $(seq 1 17); do
    if [ "$(q "SELECT COUNT(*) FROM initiative n WHERE n.mission_id = $MID_GA AND $(sdg_sql "$g")")" = 0 ]; then
        EMPTY=$g
        break
    fi
done
if [ -n "$EMPTY" ]; then
    fetch "/api/v1/initiatives?mission=$GA&sdg=$EMPTY"
    check "paging initiatives?mission=$GA&sdg=$EMPTY (none): page 1 is 200" eq "$S" 200
    check "paging initiatives?mission=$GA&sdg=$EMPTY: no items, total 0, no next link" jqt "$B" \
        '.items == [] and .total == 0 and .page == 1 and .links.next == null'
    fetch "/initiatives?mission=$GA&sdg=$EMPTY"
    check "paging /initiatives?mission=$GA&sdg=$EMPTY (none): page 1 is 200" eq "$S" 200
else
    check "paging: the demo data has an SDG goal that none of $GA's initiatives serves" \
        fail "every goal is served"
fi

# a list's items are its resources: every indicator on a page (loaded for the page at once,
# dimensions and assessment included) is what /api/v1/indicators/{id} answers, but for the
# single resource's own member (RES_ONE: its SDG indicators)
fetch "/api/v1/indicators?per_page=100"
cp "$B" "$T/indicator-page.json"
n_same=0
n_items=$(jq '.items | length' "$T/indicator-page.json")
for id in $(jq '.items[].id' "$T/indicator-page.json"); do
    fetch "/api/v1/indicators/$id"
    if jq -e --slurpfile p "$T/indicator-page.json" --argjson id "$id" \
        'del(.sdg_indicators) == ($p[0].items[] | select(.id == $id))' "$B" >/dev/null 2>&1; then
        n_same=$((n_same + 1))
    fi
done
check "paging: each of the $n_items indicators of a page equals its single resource" \
    eval '[ "$n_items" -gt 0 ] && [ "$n_same" = "$n_items" ]'
check "paging: ... and some of them have disaggregations and a scored assessment" jqt \
    "$T/indicator-page.json" '([.items[] | select((.disaggregations | length) > 0)] | length > 0) and
     ([.items[] | select(.progress.score != null)] | length > 0)'

# ------------------------------------------------------------------ the HTML lists

# html_past_last PATH PER_PAGE TOTAL — the HTML list's last page and the one after it
html_past_last()
{
    local path=$1 per=$2 total=$3 last sep='?'
    [[ $path == *\?* ]] && sep='&'
    last=$(((total + per - 1) / per))
    fetch "$path${sep}page=$last"
    check "paging $path: the last page ($last) answers 200" eq "$S" 200
    fetch "$path${sep}page=$((last + 1))"
    check "paging $path: the page after the last ($((last + 1))) is 404" eq "$S" 404
    check "paging $path: ... an HTML error page naming the field page" \
        eval 'match "$CT" "^text/html" && has "<code>page</code>"'
}
html_past_last /actors 50 "$(q 'SELECT COUNT(*) FROM actor')"
html_past_last "/actors?sector=$SECTOR" 50 "$N_SECTOR"
html_past_last /initiatives 20 "$(q 'SELECT COUNT(*) FROM initiative')"

# ------------------------------------------------------------------ the order across pages
#
# The pages are cut from indexes in the lists' order (migration 0019): walked page by page,
# a list gives every row once, in its order, whatever the page size, with the stored total.
# Actors of one name break the tie by id: three of them, two in one sector, so that a page
# ends between them.

# walk PATH PER — the ids of every page of the API list PATH, one a line, in $T/walk;
# WALK_TOTAL the total page 1 gives, WALK_LAST the number of items on the last page
walk()
{
    local path=$1 per=$2 page=1 sep='?' next
    [[ $path == *\?* ]] && sep='&'
    : >"$T/walk"
    WALK_TOTAL= WALK_LAST=
    while [ "$page" -le 1000 ]; do
        fetch "$path${sep}per_page=$per&page=$page"
        [ "$S" = 200 ] || break
        [ -n "$WALK_TOTAL" ] || WALK_TOTAL=$(jq -r .total "$B")
        jq -r '.items[].id' "$B" >>"$T/walk"
        WALK_LAST=$(jq '.items | length' "$B")
        next=$(jq -r '.links.next // empty' "$B")
        [ -n "$next" ] || break
        page=$((page + 1))
    done
}

# same_order WHAT PATH PER SQL — PATH walked at PER a page gives the ids SQL selects
same_order()
{
    local what=$1 path=$2 per=$3 sql=$4 want n
    q "$sql" >"$T/want"
    n=$(wc -l <"$T/want")
    walk "$path" "$per"
    check "order $what: $per a page, every row once in the list's order ($n)" \
        eval 'diff -q "$T/want" "$T/walk" >/dev/null || fail "$(diff "$T/want" "$T/walk" | head -5)"'
    check "order $what: the total is the rows' count" eq "$WALK_TOTAL" "$n"
    check "order $what: the last page holds the rest" \
        eq "$WALK_LAST" "$(((n - 1) % per + 1))"
}

ORDER_TOK=$("$BIN" token create --db "$DB" --name paging-order --role admin 2>/dev/null | tail -n 1)
n_made=0
for sector in private public private; do
    fetch -X POST -H "Authorization: Bearer $ORDER_TOK" -H 'Content-Type: application/json' \
        --data-binary "{\"name\": \"Samma Namn AB\", \"slug\": \"samma-namn-$n_made\",
        \"sector\": \"$sector\"}" /api/v1/actors
    [ "$S" = 201 ] && n_made=$((n_made + 1))
done
check "order: three actors of one name are created" eq "$n_made" 3
ACTOR_ORDER="SELECT id FROM actor WHERE archived_at IS NULL"
same_order "actors" /api/v1/actors 7 "$ACTOR_ORDER ORDER BY name, id"
same_order "actors" /api/v1/actors 2 "$ACTOR_ORDER ORDER BY name, id"
same_order "actors?sector=private" "/api/v1/actors?sector=private" 2 \
    "$ACTOR_ORDER AND sector = 'private' ORDER BY name, id"
same_order "actors?sector=public" "/api/v1/actors?sector=public" 5 \
    "$ACTOR_ORDER AND sector = 'public' ORDER BY name, id"
INIT_ORDER="SELECT n.id FROM initiative n JOIN mission m ON m.id = n.mission_id
    WHERE n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr
    WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')"
INIT_SORT="ORDER BY n.mission_id, n.origin DESC, n.start_date DESC, n.id"
same_order "initiatives" /api/v1/initiatives 4 "$INIT_ORDER AND m.archived_at IS NULL $INIT_SORT"
same_order "initiatives?mission=$GA" "/api/v1/initiatives?mission=$GA" 3 \
    "$INIT_ORDER AND n.mission_id = $MID_GA $INIT_SORT"
same_order "initiatives?origin=bottom_up" "/api/v1/initiatives?origin=bottom_up" 3 \
    "$INIT_ORDER AND m.archived_at IS NULL AND n.origin = 'bottom_up' $INIT_SORT"
# the HTML list shows the same order
fetch /actors
first_html=$(grep -oE 'href="/actors/[0-9]+"' <<<"$BF" | head -n 1)
fetch "/api/v1/actors?per_page=1"
check "order: the HTML list of actors begins with the API's first actor" \
    eq "$first_html" "href=\"/actors/$(jq -r '.items[0].id' "$B")\""

# ------------------------------------------------------------------ the document

fetch /api/v1/openapi.json
while IFS=$'\t' read -r -u 3 meth pat kind flags schema query authz; do
    [ "$kind" = api ] && [ "$meth" = GET ] && [[ ,$query, == *,page,* ]] || continue
    check "openapi.json: GET $pat documents 404 for a page past the last" jqt "$B" --arg p "$pat" \
        '.paths[$p].get.responses["404"].content["application/json"].schema["$ref"]
         == "#/components/schemas/Error"'
done 3< <(routes)
