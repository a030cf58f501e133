# t_03_api.sh — every GET endpoint of the JSON API in the route table answers
# 200 with JSON that jq parses; lists carry items/total/page/per_page and their
# totals agree with the database; filters and paging work; the OpenAPI
# document describes every /api/v1 route.

# ------------------------------------------------------------------ every endpoint

# One jq run a response answers every question the loop asks of it, as
# 1/0 in this order: parses, items is a non-empty array, the paging members
# are right for page 1, the entity asked for (number or string $v) is in it.
API_FACTS='[1,
  (if (.items | type) == "array" and (.items | length) > 0 then 1 else 0 end),
  (if (.total | type) == "number" and .page == 1 and (.per_page | type) == "number"
      and (.items | length) <= .per_page and .total >= (.items | length) then 1 else 0 end),
  (if ($v | length) > 0 and ([.. | scalars | tostring] | index($v)) != null then 1 else 0 end)
] | @tsv'
fact() { [ "$1" = 1 ] || fail "${*:2}: $(head -c 300 "$B")"; }

while IFS=$'\t' read -r -u 3 meth pat kind flags schema query authz; do
    [ "$kind" = api ] && [ "$meth" = GET ] || continue
    if ! path=$(concrete "$pat"); then
        check "api $pat: the demo data has ids for it" fail "$path"
        continue
    fi
    fetch "$path"
    # a personal list or proposal answers only who may read it (t_30 reads them signed in):
    # a visitor is told to authenticate, in the API's error object
    if [[ ,$flags, == *,personal,* && $pat != /api/v1/me ]]; then
        check "api $path: personal, a visitor is refused (401 with the error object)" \
            eval 'eq "$S" 401 && jqt "$B" ".error.code == \"unauthorized\""'
        continue
    fi
    v=
    case $pat in *'}') v=${path##*/} ;; esac
    read -r f_json f_items f_paged f_entity < <(jq -r --arg v "$v" "$API_FACTS" "$B" 2>/dev/null || echo 0 0 0 0)
    check "api $path: 200" eq "$S" 200
    check "api $path: Content-Type application/json" match "$CT" '^application/json(;|$)'
    check "api $path: valid JSON" fact "$f_json" "not JSON"
    if [ -n "$v" ]; then
        check "api $path: returns the entity asked for ($v)" fact "$f_entity" "no $v in the body"
    fi
    if [[ $schema == *List ]]; then
        check "api $path: items is a non-empty array" fact "$f_items" "no non-empty items array"
    fi
    if [[ ,$query, == *,page,* ]]; then
        check "api $path: total, page 1, per_page; items fit the page" fact "$f_paged" "paging members wrong"
    fi
done 3< <(routes)

# ------------------------------------------------------------------ totals

total_is()
{
    local path=$1 sql=$2 want
    want=$(q "$sql")
    fetch "$path"
    check "api $path: total is $want (as in the database)" jqt "$B" --argjson n "$want" '.total == $n'
}
total_is /api/v1/missions "SELECT COUNT(*) FROM mission"
total_is /api/v1/indicators "SELECT COUNT(*) FROM indicator"
total_is /api/v1/actors "SELECT COUNT(*) FROM actor"
total_is /api/v1/people "SELECT COUNT(*) FROM person"
total_is /api/v1/initiatives "SELECT COUNT(*) FROM initiative"
total_is /api/v1/sdg/targets "SELECT COUNT(*) FROM sdg_target"
total_is /api/v1/sdg/indicators "SELECT COUNT(*) FROM sdg_indicator"
fetch /api/v1/sdg/goals
check "api /api/v1/sdg/goals: all 17 goals" jqt "$B" '.items | length == 17'
fetch "/api/v1/indicators/$IND/observations"
check "api /api/v1/indicators/$IND/observations: all $N_OBS observations" jqt "$B" --argjson n "$N_OBS" '.items | length == $n'

# ------------------------------------------------------------------ filters

# filter PATH WHERE — the total is the number of initiatives n matching WHERE
filter()
{
    local path=$1 where=$2 want
    want=$(q "SELECT COUNT(*) FROM initiative n WHERE $where")
    fetch "$path"
    check "api $path: 200" eq "$S" 200
    check "api $path: total $want, as many as match in the database" jqt "$B" --argjson n "$want" \
        '.total == $n and (.items | length) == ([$n, .per_page] | min)'
}
filter "/api/v1/initiatives?origin=top_down" "n.origin = 'top_down'"
check "api initiatives?origin=top_down: only top_down items" jqt "$B" \
    '(.items | length) > 0 and all(.items[]; .origin == "top_down")'
filter "/api/v1/initiatives?origin=bottom_up" "n.origin = 'bottom_up'"
check "api initiatives?origin=bottom_up: only bottom_up items" jqt "$B" \
    '(.items | length) > 0 and all(.items[]; .origin == "bottom_up")'
filter "/api/v1/initiatives?sector=academia" "$(sector_sql academia)"
filter "/api/v1/initiatives?sdg=12" "$(sdg_sql 12)"
filter "/api/v1/initiatives?mission=$GA" "n.mission_id = $MID_GA"
check "api initiatives?mission=$GA: every item belongs to $GA" jqt "$B" --arg m "$GA" \
    '(.items | length) > 0 and all(.items[]; [.. | strings] | index($m) != null)'
filter "/api/v1/initiatives?mission=$SK&origin=bottom_up&sdg=12" \
    "n.mission_id = $MID_SK AND n.origin = 'bottom_up' AND $(sdg_sql 12)"
want=$(q "SELECT COUNT(*) FROM indicator WHERE mission_id = $MID_GA")
fetch "/api/v1/indicators?mission=$GA"
check "api indicators?mission=$GA: total $want" jqt "$B" --argjson n "$want" '.total == $n'
want=$(q "SELECT COUNT(*) FROM actor WHERE sector = 'academia'")
fetch "/api/v1/actors?sector=academia"
check "api actors?sector=academia: total $want" jqt "$B" --argjson n "$want" '.total == $n'
want=$(q "SELECT COUNT(*) FROM sdg_target WHERE goal = 12")
fetch "/api/v1/sdg/targets?goal=12"
check "api sdg/targets?goal=12: total $want" jqt "$B" --argjson n "$want" '.total == $n'

# ------------------------------------------------------------------ paging

# a prev link: a "prev" member anywhere in the body, or a Link header with rel="prev"
prev_link()
{
    local link
    link=$(jq -r '[.. | objects | .prev? | strings] | first // empty' "$B" 2>/dev/null)
    [ -n "$link" ] || link=$(hdr Link | grep -o '<[^>]*>; *rel="\?prev' | sed 's/^<\([^>]*\)>.*/\1/')
    nonempty "$link" "no prev link (JSON member \"prev\" or Link header)" && match "$link" 'page=1([^0-9]|$)'
}
fetch "/api/v1/initiatives?per_page=2&page=1"
P1=$(jq -c '.items' "$B" 2>/dev/null)
fetch "/api/v1/initiatives?per_page=2&page=2"
check "api initiatives?per_page=2&page=2: 200" eq "$S" 200
check "api initiatives?per_page=2&page=2: 2 items, page 2, per_page 2" jqt "$B" \
    '(.items | length) == 2 and .page == 2 and .per_page == 2'
check "api initiatives?per_page=2&page=2: a prev link to page 1" prev_link
check "api initiatives?per_page=2&page=2: not the items of page 1" jqt "$B" --argjson p1 "${P1:-null}" \
    '$p1 != null and .items != $p1'
check "api initiatives?per_page=2&page=2: same total as unpaged" jqt "$B" \
    --argjson n "$(q 'SELECT COUNT(*) FROM initiative')" '.total == $n'

# ------------------------------------------------------------------ OpenAPI

fetch /api/v1/openapi.json
check "openapi.json: 200" eq "$S" 200
check "openapi.json: valid JSON" json_ok "$B"
check "openapi.json: openapi 3.x" jqt "$B" '.openapi | type == "string" and startswith("3.")'
check "openapi.json: info.title and info.version" jqt "$B" '(.info.title | type == "string") and (.info.version | type == "string")'
OPS=$'\n'$(jq -r '.paths | to_entries[] | .key as $p | .value | keys[] | "\(.) \($p)"' "$B" 2>/dev/null)$'\n'
described() { [[ $OPS == *$'\n'"$1 $2"$'\n'* || $OPS == *$'\n'"$1 ${2#/api/v1}"$'\n'* ]] || fail "no \"$1\" under paths[\"$2\"]"; }
while IFS=$'\t' read -r -u 3 meth pat kind flags schema query authz; do
    [[ $pat == /api/v1/* ]] || continue
    check "openapi.json: describes $meth $pat" described "${meth,,}" "$pat"
done 3< <(routes)
