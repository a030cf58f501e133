# t_17_demo.sh — the demo data set as a fixture that can tell rules apart, and the
# initiatives' sector filter: an initiative is listed under the sector of its lead
# actor and of each actor taking part, whether or not the lead is also a participant
# (domain/initiative.h, the route descriptions and so the OpenAPI document say so).
#
# The demo has one initiative whose lead is not among its participants, and whose
# participants have none of the lead's sector (data/demo/initiatives.csv): under a
# rule that looked at participants only, it would be missing from its lead's sector.

LONE_SLUG=boendeenkat-mobilitetshubbar
LONE=$(q "SELECT id FROM initiative WHERE mission_id = $MID_GA AND slug = '$LONE_SLUG'")
LEAD=$(q "SELECT lead_actor_id FROM initiative WHERE id = ${LONE:-0}")
LEAD_SECTOR=$(q "SELECT a.sector FROM initiative n JOIN actor a ON a.id = n.lead_actor_id WHERE n.id = ${LONE:-0}")
require "demo: the initiative $LONE_SLUG of $GA has a lead actor" \
    eval '[ -n "$LONE" ] && [ -n "$LEAD" ] && [ -n "$LEAD_SECTOR" ] || fail "id \"$LONE\", lead \"$LEAD\", sector \"$LEAD_SECTOR\""'
check "demo: its lead is not among its participants" \
    eq "$(q "SELECT COUNT(*) FROM initiative_actor WHERE initiative_id = $LONE AND actor_id = $LEAD")" 0
check "demo: none of its participants has the lead's sector ($LEAD_SECTOR)" \
    eq "$(q "SELECT COUNT(*) FROM initiative_actor ia JOIN actor a ON a.id = ia.actor_id WHERE ia.initiative_id = $LONE AND a.sector = '$LEAD_SECTOR'")" 0
# a sector that neither its lead nor any participant has: it must not be listed there
OTHER=$(q "SELECT s FROM (SELECT 'public' AS s UNION SELECT 'private' UNION SELECT 'academia' UNION SELECT 'civil_society' UNION SELECT 'other') x WHERE s <> '$LEAD_SECTOR' AND NOT EXISTS (SELECT 1 FROM initiative_actor ia JOIN actor a ON a.id = ia.actor_id WHERE ia.initiative_id = $LONE AND a.sector = x.s) ORDER BY s LIMIT 1")
require "demo: a sector the initiative has no actor of" nonempty "$OTHER"

# ------------------------------------------------------------------ API

fetch "/api/v1/initiatives?sector=$LEAD_SECTOR&per_page=100"
check "api initiatives?sector=$LEAD_SECTOR: 200" eq "$S" 200
check "api initiatives?sector=$LEAD_SECTOR: lists $LONE_SLUG, by its lead's sector" \
    jqt "$B" --argjson id "$LONE" 'any(.items[]; .id == $id)'
want=$(q "SELECT COUNT(*) FROM initiative n WHERE $(sector_sql "$LEAD_SECTOR")")
check "api initiatives?sector=$LEAD_SECTOR: total $want, the lead's or any participant's sector" \
    jqt "$B" --argjson n "$want" '.total == $n'
fetch "/api/v1/initiatives?sector=$LEAD_SECTOR&mission=$GA&origin=bottom_up&per_page=100"
check "api initiatives?sector=$LEAD_SECTOR with other filters: still lists it" \
    jqt "$B" --argjson id "$LONE" 'any(.items[]; .id == $id)'
fetch "/api/v1/initiatives?sector=$OTHER&per_page=100"
check "api initiatives?sector=$OTHER: does not list it (no actor of it has that sector)" \
    jqt "$B" --argjson id "$LONE" '(.items | length) > 0 and all(.items[]; .id != $id)'
fetch "/api/v1/initiatives/$LONE"
check "api initiatives/$LONE: the lead is given, the participants are not it" \
    jqt "$B" --argjson lead "$LEAD" '.lead_actor.id == $lead and all(.actors[]; .id != $lead)'

# ------------------------------------------------------------------ pages

TITLE=$(q "SELECT title_sv FROM initiative WHERE id = $LONE")
fetch "/initiatives?sector=$LEAD_SECTOR&mission=$GA"
check "page /initiatives?sector=$LEAD_SECTOR&mission=$GA: 200" eq "$S" 200
check "page /initiatives?sector=$LEAD_SECTOR&mission=$GA: links to $LONE_SLUG" \
    eval 'links_to "/initiatives/$LONE" && text_has "$TITLE"'
check "page /initiatives: the filter says lead or participant" \
    text_has "Sektor för huvudansvarig eller deltagande aktör"
fetch "/initiatives?sector=$OTHER&mission=$GA"
check "page /initiatives?sector=$OTHER&mission=$GA: does not link to it" \
    eval '[ "$S" = 200 ] && ! links_to "/initiatives/$LONE" >/dev/null'
fetch "/actors/$LEAD"
check "page /actors/$LEAD: the lead's page lists the initiative it leads" links_to "/initiatives/$LONE"

# ------------------------------------------------------------------ OpenAPI

fetch "/api/v1/openapi.json"
check "openapi: the sector filter is described as the lead's or any participant's" \
    jqt "$B" '[.paths["/api/v1/initiatives"].get.parameters[] | select(.name == "sector") | .description] == ["Sector of the lead actor or of any participant"]'
