# t_37_network.sh — the collaboration network (page_network.c, api_network.c, domain/collab.c):
# a mission's network page and the platform's render with the map, its legend and the
# table; the mission page links to its network; the GraphML files are read by networkx
# (network_check.py) and their degrees and betweenness, unweighted and weighted, equal the
# API's to 1e-9; the same data give the same bytes (the map's layout is deterministic);
# an unknown mission is a 404. (t_02 checks every page with tidy, t_03 the API against
# the OpenAPI document.)

NET_DIR=$T/network
mkdir -p "$NET_DIR"
NET_SLUG=$(q "SELECT m.slug FROM mission m WHERE m.archived_at IS NULL AND EXISTS (SELECT 1 FROM initiative n WHERE n.mission_id = m.id AND n.archived_at IS NULL AND n.lead_actor_id IS NOT NULL) ORDER BY m.id LIMIT 1")
require "network: the demo has a mission with initiatives" nonempty "$NET_SLUG"

# ---- the pages
fetch "/missions/$NET_SLUG"
check "network: the mission page links to its network" links_to "/missions/$NET_SLUG/network"
fetch "/missions/$NET_SLUG/network"
check "network: the mission's page is 200 HTML" eval 'eq "$S" 200 && match "$CT" "^text/html"'
check "network: the map is an SVG named for screen readers, scaled by its viewBox" \
    has_re '<svg[^>]* viewBox="0 0 640 640"[^>]* role="img"[^>]* aria-label="[^"]+"'
check "network: a legend of the sectors' shapes, and the table of the same actors" \
    eval 'has "class=\"net-legend\"" && has "<table class=\"stack\">" && has "data-label="'
check "network: links to the GraphML file and the API" \
    eval 'links_to "/missions/$NET_SLUG/network.graphml" && links_to "/api/v1/missions/$NET_SLUG/network"'
cp "$B" "$NET_DIR/page1"
fetch -H 'Cache-Control: no-cache' "/missions/$NET_SLUG/network"
check "network: the page is the same bytes again" cmp -s "$B" "$NET_DIR/page1"
fetch "/network"
check "network: the platform's page is 200 HTML with a map" \
    eval 'eq "$S" 200 && match "$CT" "^text/html" && has "<figure class=\"network\">"'
fetch "/missions/no-such-mission-x/network"
check "network: an unknown mission's network is a 404" eq "$S" 404

# ---- GraphML and the API, against networkx
net_pair()
{
    local graphml=$1 api=$2 label=$3 rc
    fetch "$graphml"
    check "network: $label: GraphML is 200 application/graphml+xml" \
        eval 'eq "$S" 200 && match "$CT" "^application/graphml\+xml"'
    cp "$B" "$NET_DIR/g.graphml"
    fetch "$graphml"
    check "network: $label: the GraphML is the same bytes again" cmp -s "$B" "$NET_DIR/g.graphml"
    fetch "$api"
    check "network: $label: the API is 200 JSON" eval 'eq "$S" 200 && json_ok "$B"'
    cp "$B" "$NET_DIR/g.json"
    /usr/bin/python3 "$here/network_check.py" "network: $label" "$NET_DIR/g.graphml" \
        "$NET_DIR/g.json" >"$NET_DIR/check.out" 2>&1
    rc=$?
    tap_checks "network: $label: network_check.py" "$NET_DIR/check.out" "$rc"
}
net_pair "/missions/$NET_SLUG/network.graphml" "/api/v1/missions/$NET_SLUG/network" "$NET_SLUG"
check "network: the mission's network has ties" jqt "$NET_DIR/g.json" '.summary.ties > 0 and (.actors | length) == .summary.actors'
net_pair "/network.graphml" "/api/v1/network" "platform"
check "network: the platform's network has every live actor" \
    jqt "$NET_DIR/g.json" --argjson n "$(q "SELECT COUNT(*) FROM actor WHERE archived_at IS NULL")" '.summary.actors == $n'
