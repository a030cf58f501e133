# t_43_atom.sh — the Atom feeds (file_feed.c, domain/feed.c): /missions/{slug}/feed.atom and
# /feed.atom, on a server of its own over a copy of the demo database. Each feed is read
# by Debian's python3-feedparser and checked against RFC 4287 by atom_check.py (exactly one
# id, title and updated, absolute and unique ids, RFC 3339 dates, an author, rel=self,
# newest first, at most 50 entries); Content-Type, ETag and 304 as the site's other files;
# Swedish by default, English by ?lang=en or Accept-Language, xml:lang saying which; the
# pages' <link rel="alternate" type="application/atom+xml"> and visible link. Through the
# API: a status change of an initiative and of a mission, and an import of data, each put
# an entry at the top of the mission's feed and the platform's; a proposal under review is
# in neither until it is accepted, when it is a new initiative; an archived initiative
# takes its entries out; a value written on the data page is an entry of its own. With
# public-url, links are absolute and ids are tags of its host.

AT_DIR=$T/atom
mkdir -p "$AT_DIR"
DB_A=$(new_db atom)
db_copy "$DB" "$DB_A"
A_TOK=$("$BIN" token create --db "$DB_A" --name atom-admin --role admin 2>/dev/null | tail -1)
check "atom: an admin API token on the copy" match "$A_TOK" "^svk_"
start_server "$DB_A" "$T/atom.out" "$T/atom.log" >"$T/atom.msg" 2>&1
A_PID=$SRV_PID
A_MAIN_BASE=$BASE
BASE=$SRV_BASE
SRV_PID=
check "atom: a server of its own starts" eval 'cat "$T/atom.msg"; nonempty "$BASE"'
QDB=$DB_A

# feed NAME PATH [CURL-OPTIONS...] — fetch the feed and check it with atom_check.py; its
# summary in $AT_DIR/NAME.json (AJ)
feed()
{
    local name=$1 path=$2 rc
    shift 2
    fetch "$@" "$path"
    cp "$B" "$AT_DIR/$name.xml"
    check "atom: $name: 200 application/atom+xml; charset=utf-8" \
        eval 'eq "$S" 200 && eq "$CT" "application/atom+xml; charset=utf-8"'
    /usr/bin/python3 "$here/atom_check.py" "atom: $name" "$AT_DIR/$name.xml" "$AT_DIR/$name.json" \
        >"$AT_DIR/$name.out" 2>&1
    rc=$?
    tap_checks "atom: $name: atom_check.py" "$AT_DIR/$name.out" "$rc"
    AJ=$AT_DIR/$name.json
}
# first_term JSON — the first entry's "term id" on one line
first_of() { jq -r '.entries[0] | "\(.term) \(.id)"' "$1"; }
# api METHOD PATH BODY — an API write with the admin token
api_w() { fetch -X "$1" -H "Authorization: Bearer $A_TOK" -H 'Content-Type: application/json' --data-binary "$3" "$2"; }

if [ -n "$BASE" ]; then
    # ---- the two feeds, Swedish by default
    feed mission-sv "/missions/$SK/feed.atom"
    check "atom: the mission's feed is Swedish (xml:lang sv) with a Swedish title" \
        eval 'jqt "$AJ" ".lang == \"sv\" and (.title | test(\"nyheter\"))"'
    check "atom: ... its id is a tag of the development host; self and alternate are its addresses" \
        jqt "$AJ" ".id == \"tag:samverka.invalid,$(date -u -d "@$(q "SELECT created_at FROM mission WHERE slug = '$SK'")" +%F):mission/$MID_SK/feed\" and .self == \"/missions/$SK/feed.atom\" and .alternate == [\"/missions/$SK\"]"
    check "atom: ... it has the mission's initiatives and its indicators' data, nothing of another mission" \
        jqt "$AJ" "([.entries[].term] | index(\"initiative-new\") != null and index(\"indicator-data\") != null) and all(.entries[]; .link | test(\"^/(initiatives|indicators|missions|seminars)/\"))"
    # shown: live, and no proposal still under review, sent back or declined (the public
    # pages' rule, INITIATIVE_SHOWN); earlier files of the suite leave such proposals
    AT_SHOWN="n.mission_id = $MID_SK AND n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')"
    N_SHOWN=$(q "SELECT COUNT(*) FROM initiative n WHERE $AT_SHOWN")
    # every initiative of the mission has its entry, unless the feed is full (50 entries:
    # then the newest of them), each once and of a shown initiative of the mission
    at_new_ok()
    {
        local n_new n_all ids shown
        n_new=$(jq '[.entries[] | select(.term == "initiative-new")] | length' "$AJ")
        n_all=$(jq '.entries | length' "$AJ")
        ids=$(jq -r '.entries[] | select(.term == "initiative-new") | .link | capture("/initiatives/(?<i>[0-9]+)").i' "$AJ" | sort -n)
        shown=$(q "SELECT id FROM initiative n WHERE $AT_SHOWN ORDER BY id")
        [ "$(printf '%s\n' "$ids" | sort -u | grep -c .)" = "$n_new" ] || fail "an initiative twice" || return 1
        [ -z "$(comm -23 <(printf '%s\n' "$ids" | sort) <(printf '%s\n' "$shown" | sort))" ] ||
            fail "an entry of an initiative not shown in the mission" || return 1
        if [ "$n_all" -lt 50 ]; then eq "$n_new" "$N_SHOWN"; else ge "$n_new" 1 && le "$n_new" "$N_SHOWN"; fi
    }
    check "atom: ... one new-initiative entry per initiative of the mission (the newest, when full)" at_new_ok
    check "atom: ... every entry's id is the tag of its kind, subject and audit entry" \
        jqt "$AJ" 'all(.entries[]; .id | test("^tag:samverka\\.invalid,[0-9]{4}-[0-9]{2}-[0-9]{2}:(initiative-new|initiative-status|mission-status|indicator-data|indicator-value|seminar-new|indicator-progress)/[0-9]+/[0-9]+$"))'
    check "atom: ... one seminar-new entry per seminar of the mission (issue 14), linked to its page" \
        eval 'eq "$(jq "[.entries[] | select(.term == \"seminar-new\" and (.link | test(\"^/seminars/[0-9]+\")))] | length" "$AJ")" "$(q "SELECT COUNT(*) FROM seminar WHERE mission_id = $MID_SK")" && ge "$(q "SELECT COUNT(*) FROM seminar WHERE mission_id = $MID_SK")" 1'
    INIT_SK=$(q "SELECT id FROM initiative WHERE mission_id = $MID_SK AND origin = 'top_down' AND archived_at IS NULL ORDER BY id LIMIT 1")
    INIT_EV=$(q "SELECT id FROM audit_log WHERE entity = 'initiative' AND entity_id = $INIT_SK AND action = 'create'")
    check "atom: ... an initiative's entry: its audit entry's id, its title, its page" \
        jqt "$AJ" "any(.entries[]; .id == \"tag:samverka.invalid,$(date -u -d "@$(q "SELECT at FROM audit_log WHERE id = $INIT_EV")" +%F):initiative-new/$INIT_SK/$INIT_EV\" and .link == \"/initiatives/$INIT_SK\" and (.title | contains($(q "SELECT title_sv FROM initiative WHERE id = $INIT_SK" | jq -R .))))"
    H_ETAG=$(hdr ETag)
    check "atom: ... it has an ETag, and a conditional GET with it is 304" \
        eval 'nonempty "$H_ETAG" && fetch -H "If-None-Match: $H_ETAG" "/missions/$SK/feed.atom" && eq "$S" 304'
    fetch "/missions/$SK/feed.atom"
    check "atom: ... the same bytes again" cmp -s "$B" "$AT_DIR/mission-sv.xml"

    feed platform-sv /feed.atom
    check "atom: the platform's feed: Swedish, both missions' entries, its own id" \
        jqt "$AJ" ".lang == \"sv\" and (.id | test(\":feed$\")) and .self == \"/feed.atom\" and ([.entries[].link] | any(test(\"^/missions/$GA|^/initiatives/\")))"
    check "atom: ... at most 50 entries" le "$(jq '.entries | length' "$AJ")" 50

    # ---- English
    feed mission-en "/missions/$SK/feed.atom?lang=en"
    check "atom: ?lang=en: xml:lang en, English titles, links carry ?lang=en" \
        jqt "$AJ" '.lang == "en" and (.title | test("news")) and .self == "/missions/'"$SK"'/feed.atom?lang=en" and all(.entries[]; .link | endswith("?lang=en")) and any(.entries[]; .title | startswith("New initiative: "))'
    check "atom: ... the same entries (ids) as in Swedish" \
        eval 'eq "$(jq -c "[.entries[].id]" "$AJ")" "$(jq -c "[.entries[].id]" "$AT_DIR/mission-sv.json")"'
    feed platform-accept /feed.atom -H 'Accept-Language: en'
    check "atom: Accept-Language: en gives English too" jqt "$AJ" '.lang == "en" and (.title | test("news"))'
    fetch "/missions/no-such-mission-x/feed.atom"
    check "atom: an unknown mission's feed is a 404" eq "$S" 404

    # ---- the pages link to their feeds
    fetch "/missions/$SK"
    check "atom: the mission page has <link rel=alternate type=application/atom+xml> in its head" \
        has_re "<head>.*<link rel=\"alternate\" type=\"application/atom\\+xml\" title=\"[^\"]+\" href=\"/missions/$SK/feed\\.atom\\?lang=sv\">.*</head>"
    check "atom: ... and a visible link to it with words" \
        has_re "<a href=\"/missions/$SK/feed\\.atom\\?lang=sv\" type=\"application/atom\\+xml\">[^<]*[a-zåäö][^<]*</a>"
    fetch "/?lang=en"
    check "atom: the front page's head links the platform's feed, in English on the English page" \
        has_re "<head>.*<link rel=\"alternate\" type=\"application/atom\\+xml\" title=\"Missions: news \\(Atom\\)\" href=\"/feed\\.atom\\?lang=en\">.*</head>"

    # ---- a status change through the API puts an entry at the top
    api_w PATCH "/api/v1/initiatives/$INIT_SK" '{"status": "stopped"}'
    check "atom: the admin stops an initiative through the API" eq "$S" 200
    EV=$(q "SELECT MAX(id) FROM audit_log WHERE entity = 'initiative' AND entity_id = $INIT_SK")
    feed mission-status "/missions/$SK/feed.atom?lang=en"
    check "atom: ... its status change is the mission feed's first entry" \
        eval 'match "$(first_of "$AJ")" "^initiative-status tag:samverka\.invalid,[0-9-]+:initiative-status/$INIT_SK/$EV$"'
    check "atom: ... titled with the new status, said from what to what" \
        jqt "$AJ" '.entries[0] | (.title | endswith(": Stopped")) and (.summary | test("from [A-Z][a-z]+ to Stopped")) and .link == "/initiatives/'"$INIT_SK"'?lang=en"'
    feed platform-status /feed.atom
    check "atom: ... and the platform feed's, in Swedish there" \
        eval 'match "$(first_of "$AJ")" "initiative-status/$INIT_SK/$EV$" && jqt "$AJ" ".entries[0].title | endswith(\": Avbrutet\")"'

    api_w PATCH "/api/v1/missions/$GA" '{"status": "concluded"}'
    EVM=$(q "SELECT MAX(id) FROM audit_log WHERE entity = 'mission' AND entity_id = $MID_GA")
    feed gator-status "/missions/$GA/feed.atom"
    check "atom: a mission's status change through the API is its feed's first entry" \
        eval 'eq "$S" 200 && match "$(first_of "$AJ")" "^mission-status .*:mission-status/$MID_GA/$EVM$" && jqt "$AJ" ".entries[0].link == \"/missions/$GA\""'
    check "atom: ... and not in the other mission's feed" \
        eval 'fetch "/missions/$SK/feed.atom" && lacks "mission-status/$MID_GA/"'

    # ---- new data through the API (an import): an entry at the top
    printf 'Year,Value\n2037,42.5\n' >"$AT_DIR/data.csv"
    fetch -X POST -H "Authorization: Bearer $A_TOK" -H 'Content-Type: text/csv' \
        --data-binary @"$AT_DIR/data.csv" "/api/v1/indicators/$IND/data?mode=merge"
    check "atom: a value imported through the API" eval 'eq "$S" 200 && jqt "$B" ".inserted == 1"'
    EVD=$(q "SELECT MAX(id) FROM audit_log WHERE entity = 'indicator' AND entity_id = $IND AND action = 'import'")
    feed mission-data "/missions/$SK/feed.atom?lang=en"
    check "atom: ... the import is the first entry, linking to the indicator, with its counts" \
        eval 'match "$(first_of "$AJ")" "^indicator-data .*:indicator-data/$IND/$EVD$" && jqt "$AJ" ".entries[0] | (.link == \"/indicators/$IND?lang=en\") and (.summary | test(\"1 values added, 0 changed, 0 removed\"))"'
    fetch -X POST -H "Authorization: Bearer $A_TOK" -H 'Content-Type: text/csv' \
        --data-binary @"$AT_DIR/data.csv" "/api/v1/indicators/$IND/data?mode=merge"
    feed mission-same "/missions/$SK/feed.atom?lang=en"
    check "atom: ... the same import again changes nothing, and adds no entry" \
        eval 'eq "$(first_of "$AJ")" "$(first_of "$AT_DIR/mission-data.json")"'

    # ---- a proposal under review is in no feed; accepted, it is a new initiative
    AT_JAR=$T/atom.actor
    rm -f "$AT_JAR" "$AT_JAR.c"
    check "atom: the representative signs in" sign_in_once "$AT_JAR" actor@example.org demo-actor-2026
    check "atom: the coordinator of $SK signs in" \
        sign_in_once "$AT_JAR.c" coordinator@example.org demo-coordinator-2026 SAMVERKADEMOCOORDINATORKEY234567
    # user_token JAR — a new API token of JAR's account, made on its tokens page
    user_token()
    {
        csrf_of "$1" /account/tokens
        post "$1" /account/tokens "csrf=$CSRF" "name=atom"
        [[ $BF =~ id=\"new-token\"\>(svku_[A-Za-z0-9_-]+)\< ]] && echo "${BASH_REMATCH[1]}"
    }
    R_TOK=$(user_token "$AT_JAR")
    C_TOK=$(user_token "$AT_JAR.c")
    check "atom: ... each makes an API token" eval 'match "$R_TOK" "^svku_" && match "$C_TOK" "^svku_"'
    # coord METHOD PATH BODY — an API write as the coordinator (a reviewer is a person)
    coord() { fetch -X "$1" -H "Authorization: Bearer $C_TOK" -H 'Content-Type: application/json' --data-binary "$3" "$2"; }
    HOF=$(q "SELECT id FROM actor WHERE slug = 'hofors-kommun'")
    PT="Atomförslag under granskning $RANDOM"
    fetch -X POST -H "Authorization: Bearer $R_TOK" -H 'Content-Type: application/json' \
        --data-binary "{\"title\": {\"sv\": \"$PT\", \"en\": \"$PT\"}, \"summary\": {\"sv\": \"Dolt tills det godtas\"}, \"lead_actor_id\": $HOF}" \
        "/api/v1/missions/$SK/proposals"
    PID=$(jq -r '.id // empty' "$B")
    check "atom: the representative proposes an initiative (201)" eval 'eq "$S" 201 && nonempty "$PID"'
    hidden()
    {
        local p
        for p in "/missions/$SK/feed.atom" "/missions/$SK/feed.atom?lang=en" /feed.atom; do
            fetch "$p"
            [ "$S" = 200 ] || { fail "$p: $S"; return 1; }
            lacks "$PT" && lacks "/$PID/" && lacks "/initiatives/$PID\"" || { fail "in $p"; return 1; }
        done
    }
    check "atom: ... the proposal under review is in neither feed, in no language" hidden
    coord POST "/api/v1/initiatives/$PID/review" '{"decision": "changes", "comment": "Mer om budgeten"}'
    check "atom: ... nor after changes are asked for" eval 'eq "$S" 200 && hidden'
    # the representative sends it again, the coordinator accepts it
    fetch -X PATCH -H "Authorization: Bearer $R_TOK" -H 'Content-Type: application/json' \
        --data-binary '{"summary": {"sv": "Nu med budget"}}' "/api/v1/initiatives/$PID/proposal"
    check "atom: the representative sends it again" eq "$S" 200
    coord POST "/api/v1/initiatives/$PID/review" '{"decision": "accept"}'
    check "atom: the coordinator accepts the proposal" eq "$S" 200
    EVA=$(q "SELECT MAX(id) FROM audit_log WHERE entity = 'initiative' AND entity_id = $PID AND action = 'accepted'")
    feed accepted "/missions/$SK/feed.atom"
    check "atom: ... now it is a new initiative at the top of the mission's feed" \
        eval 'match "$(first_of "$AJ")" "^initiative-new .*:initiative-new/$PID/$EVA$" && jqt "$AJ" ".entries[0] | (.title | contains(\"$PT\")) and .link == \"/initiatives/$PID\""'
    check "atom: ... once (its acceptance, no status change beside it) and none of its review steps" \
        eq "$(jq "[.entries[] | select(.id | test(\"/$PID/\"))] | length" "$AJ")" 1
    api_w POST "/api/v1/initiatives/$PID/archive" '{}'
    check "atom: archiving it takes its entries out of both feeds" \
        eval 'eq "$S" 200 && hidden'

    # ---- one value written through the indicator's data page: an entry of its own
    csrf_of "$AT_JAR.c" "/indicators/$IND/data"
    post "$AT_JAR.c" "/indicators/$IND/data/value" "csrf=$CSRF" "year=2037" "value=43,25" "source=" "note="
    check "atom: the coordinator changes one value on the data page" eq "$S" 303
    EVV=$(q "SELECT MAX(id) FROM audit_log WHERE entity = 'observation' AND entity_id = $IND")
    feed mission-value "/missions/$SK/feed.atom?lang=en"
    check "atom: ... it is the first entry: the period, the new value and the old one" \
        eval 'match "$(first_of "$AJ")" "^indicator-value .*:indicator-value/$IND/$EVV$" && jqt "$AJ" ".entries[0] | (.title | startswith(\"New value: \")) and (.summary | startswith(\"2037: 43.25 (was 42.5).\")) and .link == \"/indicators/$IND?lang=en\""'
    check "atom: ... and no entry of the import's own values beside the import's" \
        eq "$(jq --arg ind "$IND" --argjson ev "${EVD:-0}" '[.entries[] | select(.term == "indicator-value") | .id | capture("indicator-value/(?<s>[0-9]+)/(?<e>[0-9]+)$") | select(.s == $ind and (.e | tonumber) > $ev)] | length' "$AJ")" 1

    # ---- a change of an indicator's assessed progress (progress_log.c): an entry of its own,
    # the status and score before and after. A new indicator of the mission, so the statuses
    # are known: worked out by hand from docs/progress.md (no target: 1.5 % and 0.5 % a
    # year; the base year is the mission's start year Y0): Y0 100, Y0+5 110: P = 1.92 %/yr,
    # on track, 500·P − 5 = 4.6; then Y0+6 90: P = −1.74 %/yr, deterioration,
    # 125·P − 2.5 = −4.7
    Y0=$(q "SELECT start_year FROM mission WHERE id = $MID_SK")
    OBJ=$(q "SELECT MIN(id) FROM objective WHERE mission_id = $MID_SK AND archived_at IS NULL")
    api_w POST /api/v1/indicators "{\"mission\": \"$SK\", \"objective_id\": $OBJ, \"title\": {\"sv\": \"Atomindikator\", \"en\": \"Atom indicator\"}, \"direction\": \"increase\", \"decimals\": 1}"
    PI=$(jq -r '.id // empty' "$B")
    check "atom: a new indicator of the mission, higher is better" eval 'eq "$S" 201 && nonempty "$PI"'
    # progress_feed NAME — the mission's feed in English, and its indicator-progress entries
    # of the new indicator, newest first, as "title|summary" lines in $AT_DIR/NAME.progress
    progress_feed()
    {
        feed "$1" "/missions/$SK/feed.atom?lang=en"
        jq -r --arg pi "/$PI/" '.entries[] | select(.term == "indicator-progress" and (.id | contains($pi))) | "\(.title)|\(.summary)|\(.link)"' "$AJ" >"$AT_DIR/$1.progress"
    }
    check "atom: ... its own feed entries: none yet" eval 'progress_feed p0; eq "$(wc -l <"$AT_DIR/p0.progress")" 0'
    printf 'Year,Value\n%d,100\n%d,110\n' "$Y0" "$((Y0 + 5))" >"$AT_DIR/p1.csv"
    fetch -X POST -H "Authorization: Bearer $A_TOK" -H 'Content-Type: text/csv' \
        --data-binary @"$AT_DIR/p1.csv" "/api/v1/indicators/$PI/data"
    check "atom: its first data imported through the API" eval 'eq "$S" 200 && jqt "$B" ".inserted == 2"'
    check "atom: ... the API assesses it on track" \
        eval 'fetch "/api/v1/indicators/$PI" && jqt "$B" ".progress.status == \"substantial_progress\""'
    progress_feed p1
    check "atom: ... one progress entry: from cannot be assessed to on track (4.6 of 5), linked to the indicator" \
        eval 'eq "$(cat "$AT_DIR/p1.progress")" "Progress of Atom indicator: On track|The assessment of the indicator'"'"'s progress changed from Cannot be assessed to On track (4.6 of 5) (mission $(q "SELECT $(lc en title) FROM mission WHERE id = $MID_SK")).|/indicators/$PI?lang=en"'
    printf 'Year,Value\n%d,90\n' "$((Y0 + 6))" >"$AT_DIR/p2.csv"
    fetch -X POST -H "Authorization: Bearer $A_TOK" -H 'Content-Type: text/csv' \
        --data-binary @"$AT_DIR/p2.csv" "/api/v1/indicators/$PI/data?mode=merge"
    check "atom: an import that crosses a threshold" eval 'eq "$S" 200 && jqt "$B" ".inserted == 1"'
    check "atom: ... the API assesses it deterioration" \
        eval 'fetch "/api/v1/indicators/$PI" && jqt "$B" ".progress.status == \"deterioration\""'
    progress_feed p2
    check "atom: ... exactly one entry more, with both statuses and scores" \
        eval 'eq "$(wc -l <"$AT_DIR/p2.progress")" 2 && match "$(head -1 "$AT_DIR/p2.progress")" "^Progress of Atom indicator: Deterioration\|The assessment of the indicator.s progress changed from On track \(4\.6 of 5\) to Deterioration \(.4\.7 of 5\) "'
    check "atom: ... the import's data entry is in the feed beside it" \
        jqt "$AJ" "[.entries[] | select(.term == \"indicator-data\" and (.id | contains(\"/$PI/\")))] | length == 2"
    printf 'Year,Value\n%d,89\n' "$((Y0 + 6))" >"$AT_DIR/p3.csv"
    fetch -X POST -H "Authorization: Bearer $A_TOK" -H 'Content-Type: text/csv' \
        --data-binary @"$AT_DIR/p3.csv" "/api/v1/indicators/$PI/data?mode=merge"
    progress_feed p3
    check "atom: a new value that keeps the status adds no progress entry" \
        eval 'eq "$S" 200 && eq "$(wc -l <"$AT_DIR/p3.progress")" 2'
    # the progress settings: lower is better now, so the fall is good (P = +1.9 %/yr)
    api_w PATCH "/api/v1/indicators/$PI" '{"direction": "decrease"}'
    check "atom: the direction set to decrease through the API" eq "$S" 200
    progress_feed p4
    check "atom: ... an entry from deterioration (from the last value's score, −4.9) to on track" \
        eval 'eq "$(wc -l <"$AT_DIR/p4.progress")" 3 && match "$(head -1 "$AT_DIR/p4.progress")" "^Progress of Atom indicator: On track\|.* from Deterioration \(.4\.9 of 5\) to On track \("'
    check "atom: ... and in the platform's feed, in Swedish there" \
        eval 'feed platform-progress /feed.atom && jqt "$AJ" "[.entries[] | select(.term == \"indicator-progress\" and (.id | contains(\"/$PI/\")))] | length == 3" && jqt "$AJ" "[.entries[] | select(.term == \"indicator-progress\" and (.id | contains(\"/$PI/\")))][0].title == \"Framsteg för Atomindikator: I rätt takt\""'
    check "atom: ... stored: three changes of the indicator, each of two different statuses" \
        eq "$(q "SELECT COUNT(*) FROM progress_change WHERE indicator_id = $PI AND status_before <> status_after")" 3

    # ---- at most 50 entries, newest first: enough status changes to pass 50
    for st in running completed running stopped running completed running stopped; do
        api_w PATCH "/api/v1/initiatives/$INIT_SK" "{\"status\": \"$st\"}"
    done
    feed platform-full /feed.atom
    check "atom: after more changes than fit, the platform's feed holds exactly 50" \
        eq "$(jq '.entries | length' "$AJ")" 50
    check "atom: ... the newest status change first" \
        eval 'match "$(first_of "$AJ")" "initiative-status/$INIT_SK/$(q "SELECT MAX(id) FROM audit_log WHERE entity = '"'"'initiative'"'"' AND entity_id = $INIT_SK")$"'

    stop_server "$A_PID" 10
    # ---- with public-url: absolute links, ids tagged with its host
    start_server "$DB_A" "$T/atom2.out" "$T/atom2.log" --public-url https://uppdrag.example.se >"$T/atom2.msg" 2>&1
    A_PID=$SRV_PID
    BASE=$SRV_BASE
    SRV_PID=
    check "atom: a server with public-url starts" eval 'cat "$T/atom2.msg"; nonempty "$BASE"'
    feed public "/missions/$SK/feed.atom"
    check "atom: with public-url the links are absolute, the ids tags of its host" \
        jqt "$AJ" '(.self == "https://uppdrag.example.se/missions/'"$SK"'/feed.atom") and all(.entries[]; (.link | startswith("https://uppdrag.example.se/")) and (.id | startswith("tag:uppdrag.example.se,")))'
    stop_server "$A_PID" 10
fi
A_PID=
BASE=$A_MAIN_BASE
QDB=
