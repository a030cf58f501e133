# t_41_bulk.sh — the bulk download (/data/samverka-data.zip), tested as a contract with tools
# that are not samverka's (bulk_check.py: Python's zipfile, json, csv and python3-jsonschema
# with the official Frictionless v1 schemas): the zip, its datapackage.json, each CSV and
# JSON, the row counts against the API's totals, the joins, no person's contact details;
# served as a download with the licence's Link header and CORS, cached with an ETag until
# the next change; what is archived leaves it; linked from the public /data page and the
# footer; the data-licence setting and public-url flow into it.

BK_DIR=$T/bulk
mkdir -p "$BK_DIR"

# bk_expect LICENCE-JSON HOMEPAGE-JSON — the API's totals and the licence, for bulk_check.py
bk_expect()
{
    local obs objs slug
    curl -sS --max-time 10 -o "$BK_DIR/m.json" "$BASE/api/v1/missions?per_page=100"
    curl -sS --max-time 10 -o "$BK_DIR/i.json" "$BASE/api/v1/indicators?per_page=100"
    curl -sS --max-time 10 -o "$BK_DIR/a.json" "$BASE/api/v1/actors?per_page=100"
    curl -sS --max-time 10 -o "$BK_DIR/n.json" "$BASE/api/v1/initiatives?per_page=100"
    obs=0
    for id in $(jq -r '.items[].id' "$BK_DIR/i.json"); do
        obs=$((obs + $(curl -sS --max-time 10 "$BASE/api/v1/indicators/$id/observations" | jq '.items | length')))
    done
    objs=0
    for slug in $(jq -r '.items[].slug' "$BK_DIR/m.json"); do
        objs=$((objs + $(curl -sS --max-time 10 "$BASE/api/v1/missions/$slug/objectives" | jq '.items | length')))
    done
    jq -n --argjson lic "$1" --argjson home "$2" \
        --argjson m "$(jq .total "$BK_DIR/m.json")" --argjson i "$(jq .total "$BK_DIR/i.json")" \
        --argjson a "$(jq .total "$BK_DIR/a.json")" --argjson n "$(jq .total "$BK_DIR/n.json")" \
        --argjson o "$obs" --argjson ob "$objs" \
        --arg forbidden "$(q "SELECT email FROM person WHERE email IS NOT NULL AND email <> '' UNION SELECT phone FROM person WHERE phone IS NOT NULL AND phone <> ''")" \
        '{license: $lic, homepage: $home, forbidden: ($forbidden | split("\n") | map(select(length > 0))),
          counts: {missions: $m, indicators: $i, actors: $a, initiatives: $n, observations: $o, objectives: $ob}}' \
        >"$BK_DIR/expect.json"
}
bk_check()
{
    local rc
    /usr/bin/python3 "$here/bulk_check.py" "$here/data/frictionless" "$1" "$BK_DIR/expect.json" >"$T/bulk.out" 2>&1
    rc=$?
    tap_checks "bulk: bulk_check.py" "$T/bulk.out" "$rc"
}
BK_CC0='{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/", "title": "Creative Commons Zero v1.0 Universal"}'

# ---- the page and the footer
fetch /data
check "bulk: /data is the public open-data page, linking the package and the API" \
    eval 'eq "$S" 200 && links_to /data/samverka-data.zip && links_to /api/v1/openapi.json && has "rel=\"license\""'
check "bulk: /data is tidy" tidy_clean
check "bulk: /data is in Swedish by default" \
    eval 'anchor_text "Ladda ned alla data (zip)" && text_has "Alla data i en fil"'
fetch "/missions/$SK"
check "bulk: the footer links the open-data page and the package" \
    eval 'links_to /data && links_to /data/samverka-data.zip'

# ---- the package as a contract
fetch /data/samverka-data.zip
cp "$B" "$BK_DIR/cc0.zip"
check "bulk: 200 application/zip, an attachment named samverka-data.zip" \
    eval 'eq "$S" 200 && eq "$CT" application/zip && contains "$(hdr Content-Disposition)" "filename=\"samverka-data.zip\""'
check "bulk: the licence's Link header and CORS, as every download" \
    eval 'contains "$HD" "<https://creativecommons.org/publicdomain/zero/1.0/>; rel=\"license\"" && eq "$(hdr Access-Control-Allow-Origin)" "*"'
BK_E=$(hdr ETag)
bk_expect "$BK_CC0" null
bk_check "$BK_DIR/cc0.zip"

# ---- cached until the next change
fetch /data/samverka-data.zip
check "bulk: the second download is the same file (cached, same ETag)" \
    eval 'eq "$(hdr ETag)" "$BK_E" && cmp -s "$B" "$BK_DIR/cc0.zip"'
fetch -H "If-None-Match: $BK_E" /data/samverka-data.zip
check "bulk: If-None-Match with its ETag -> 304" eq "$S" 304

# ---- what leaves the public side leaves the package: archive an actor
BK_TOK=$("$BIN" token create --db "$DB" --name it-bulk --role admin 2>/dev/null | tail -1)
BK_ACTOR=$(q "SELECT a.id FROM actor a WHERE a.archived_at IS NULL AND EXISTS (SELECT 1 FROM initiative_actor ia WHERE ia.actor_id = a.id) ORDER BY a.id DESC LIMIT 1")
fetch -X POST -H "Authorization: Bearer $BK_TOK" -H 'Content-Type: application/json' --data '{}' \
    "/api/v1/actors/$BK_ACTOR/archive"
check "bulk: an actor taking part in an initiative is archived (admin token)" eq "$S" 200
fetch /data/samverka-data.zip
cp "$B" "$BK_DIR/after.zip"
check "bulk: after the change a new package (another ETag)" \
    eval 'eq "$S" 200 && ne "$(hdr ETag)" "$BK_E"'
check "bulk: the archived actor is neither in actors.csv nor in initiative_actors.csv" \
    /usr/bin/python3 -c '
import csv, io, sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); a = sys.argv[2]
for t, col in (("actors", "id"), ("initiative_actors", "actor_id"), ("initiatives", "lead_actor_id")):
    rows = list(csv.DictReader(io.StringIO(z.read(t + ".csv").decode())))
    if any(r[col] == a for r in rows):
        sys.exit("%s.%s still has %s" % (t, col, a))
' "$BK_DIR/after.zip" "$BK_ACTOR"
bk_expect "$BK_CC0" null
bk_check "$BK_DIR/after.zip"
# put it back as it was (there is no way back through the API; the next files expect it live)
q "UPDATE actor SET archived_at = NULL WHERE id = $BK_ACTOR" >/dev/null

# ---- a text a spreadsheet would run: behind an apostrophe in the CSV, as it is in the JSON
BK_FA=$(q "SELECT id FROM actor WHERE archived_at IS NULL ORDER BY id LIMIT 1")
BK_FD=$(q "SELECT description_en FROM actor WHERE id = $BK_FA")
q "UPDATE actor SET description_en = '=HYPERLINK(\"http://x.example\")' WHERE id = $BK_FA" >/dev/null
# (PostgreSQL's watcher sees a psql write within 100 ms, without its notification)
sleep 0.3
curl -sS --max-time 30 -o "$BK_DIR/formula.zip" "$BASE/data/samverka-data.zip"
check "bulk: a description a spreadsheet would run is '= in actors.csv and = in actors.json" \
    /usr/bin/python3 -c '
import csv, io, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); a = sys.argv[2]; want = "=HYPERLINK(\"http://x.example\")"
c = [r for r in csv.DictReader(io.StringIO(z.read("actors.csv").decode())) if r["id"] == a]
j = [r for r in json.loads(z.read("actors.json"))["rows"] if str(r["id"]) == a]
if not (c and j and c[0]["description_en"] == "\x27" + want and j[0]["description_en"] == want):
    sys.exit("csv %r, json %r" % (c and c[0]["description_en"], j and j[0]["description_en"]))
' "$BK_DIR/formula.zip" "$BK_FA"
q "UPDATE actor SET description_en = $(sqls "$BK_FD") WHERE id = $BK_FA" >/dev/null

# ---- the data-licence setting and public-url
bk_second()
{
    start_server "$DB" "$T/bk2.out" "$T/bk2.log" --data-licence CC-BY-4.0 \
        --public-url https://uppdrag.example.se >"$T/bk2.msg" 2>&1 || { cat "$T/bk2.msg"; return 1; }
}
check "bulk: a server with data-licence CC-BY-4.0 and public-url starts" bk_second
BK2_PID=$SRV_PID
curl -sS --max-time 60 -D "$BK_DIR/by.head" -o "$BK_DIR/by.zip" "$SRV_BASE/data/samverka-data.zip"
check "bulk (CC-BY-4.0): the Link header names CC BY 4.0" \
    grep -q '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' "$BK_DIR/by.head"
bk_expect '{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0 International"}' \
    '"https://uppdrag.example.se"'
bk_check "$BK_DIR/by.zip"
stop_server "$BK2_PID" 10
SRV_PID=
