# t_33_datapackage.sh — downloads that describe themselves: every indicator's CSV has a
# Frictionless Data Package descriptor (/indicators/{id}/datapackage.json) that the
# official v1 JSON Schemas accept and whose fields are exactly the CSV's header, each cell
# casting to its field's type (datapackage_check.py: Python's json and csv and
# python3-jsonschema, no samverka code); in both languages; the CSV points to it (Link:
# rel="describedby"), the page names it in its head and links to it beside the CSV and
# the JSON, as the data page does, and the API's indicator links it; cached with an ETag
# like the CSV; the licence is the data-licence setting's (an unknown one stops the
# server from starting), and with public-url the addresses in it are absolute.

DP_SCHEMAS=$here/data/frictionless
DP_DIR=$T/dp
mkdir -p "$DP_DIR"

# dp_fetch ID LANG — the descriptor and the CSV of indicator ID into $DP_DIR; adds the pair
# to DP_ARGS for datapackage_check.py
DP_ARGS=()
dp_fetch()
{
    local id=$1 lang=$2
    curl -sS --max-time 10 -o "$DP_DIR/$id-$lang.json" "$BASE/indicators/$id/datapackage.json?lang=$lang"
    curl -sS --max-time 10 -o "$DP_DIR/$id.csv" "$BASE/indicators/$id/data.csv"
    DP_ARGS+=("indicator $id ($lang)" "$DP_DIR/$id-$lang.json" "$DP_DIR/$id.csv")
}
dp_check()
{
    local rc
    /usr/bin/python3 "$here/datapackage_check.py" "$DP_SCHEMAS" "${DP_ARGS[@]}" >"$T/dp.out" 2>&1
    rc=$?
    tap_checks "datapackage: datapackage_check.py" "$T/dp.out" "$rc"
    DP_ARGS=()
}

# ---- every indicator with data, both languages: valid, and exactly the CSV's columns
DP_IDS=$(q "SELECT i.id FROM indicator i WHERE EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.id) ORDER BY i.id")
# (the files before this one may have replaced some indicators' data: any with breakdowns)
DP_DIM=$(q "SELECT i.id FROM indicator i WHERE EXISTS (SELECT 1 FROM indicator_dimension d WHERE d.indicator_id = i.id) AND EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.id) ORDER BY i.id LIMIT 1")
require "datapackage: the demo has indicators with data, one with breakdowns" \
    eval 'ge "$(echo "$DP_IDS" | grep -c .)" 5 && nonempty "$DP_DIM"'
for id in $DP_IDS; do
    dp_fetch "$id" sv
    dp_fetch "$id" en
done
dp_check

# ---- what it says
fetch "/indicators/$DP_DIM/datapackage.json?lang=en"
check "datapackage: 200 application/json" eval 'eq "$S" 200 && match "$CT" "^application/json(;|$)"'
DP_T=$(q "SELECT title_sv || '|' || $(lc en title) || '|' || source FROM indicator WHERE id = $DP_DIM")
check "datapackage: English: the title is the indicator's English name, both names under samverka:indicator" \
    jqt "$B" --arg sv "${DP_T%%|*}" --arg en "$(cut -d'|' -f2 <<<"$DP_T")" \
    '.title == $en and .["samverka:indicator"].title == {sv: $sv, en: $en}'
check "datapackage: the indicator's source, the licence (CC0-1.0 by default), the mission, created and last modified" \
    jqt "$B" --arg src "${DP_T##*|}" \
    '(.sources[0].title == $src) and .licenses == [{name: "CC0-1.0", path: "https://creativecommons.org/publicdomain/zero/1.0/", title: "Creative Commons Zero v1.0 Universal"}] and .["samverka:mission"].slug != null and (.created | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")) and (.["samverka:lastModified"] | test("Z$"))'
DP_DIMS=$(q "SELECT name FROM indicator_dimension WHERE indicator_id = $DP_DIM ORDER BY position" | paste -sd'|')
check "datapackage: a field for each breakdown, titled with its name; Value in the indicator's unit" \
    jqt "$B" --arg dims "$DP_DIMS" --arg unit "$(q "SELECT $(lc en unit) FROM indicator WHERE id = $DP_DIM")" \
    '([.resources[0].schema.fields[] | select(.description | startswith("Breakdown")) | .title] | join("|")) == $dims and (.resources[0].schema.fields[-1] | .name == "Value" and .type == "number" and (.description | contains($unit)))'
check "datapackage: the per-value sources are listed once each" \
    jqt "$B" '(.sources | map(.title) | length) == (.sources | map(.title) | unique | length)'
check "datapackage: without public-url the resource's path is relative to the descriptor (data.csv)" \
    jqt "$B" '.resources[0].path == "data.csv" and (has("homepage") | not)'
fetch "/indicators/$DP_DIM/datapackage.json"
check "datapackage: Swedish by default: the Swedish name and texts" \
    jqt "$B" --arg sv "${DP_T%%|*}" '.title == $sv and .resources[0].schema.fields[-1].title == "Värde"'
E_DP=$(hdr ETag)
fetch -H "If-None-Match: $E_DP" "/indicators/$DP_DIM/datapackage.json"
check "datapackage: an ETag, and If-None-Match with it gives 304 (as the CSV's)" \
    eval 'nonempty "$E_DP" && eq "$S" 304'
fetch /indicators/999999999/datapackage.json
check "datapackage: an unknown indicator -> 404" eq "$S" 404

# ---- the CSV, the pages and the API point to it
for n in 1 2; do
    fetch "/indicators/$DP_DIM/data.csv"
    check "datapackage: the CSV's Link header names its descriptor (rel=describedby) ($n: rendered, then cached)" \
        eq "$(hdr Link)" "</indicators/$DP_DIM/datapackage.json>; rel=\"describedby\"; type=\"application/json\""
done
fetch "/indicators/$DP_DIM"
check "datapackage: the indicator page's head has <link rel=describedby> to it" \
    has "<link rel=\"describedby\" type=\"application/json\" href=\"/indicators/$DP_DIM/datapackage.json\">"
check "datapackage: the page links to it beside the CSV and the JSON" \
    eval 'links_to "/indicators/$DP_DIM/data.csv" && links_to "/indicators/$DP_DIM/data.json" && links_to "/indicators/$DP_DIM/datapackage.json"'
fetch "/api/v1/indicators/$DP_DIM"
check "datapackage: the API's indicator links it" \
    jqt "$B" --arg p "/indicators/$DP_DIM/datapackage.json" '.links.datapackage == $p'
DPJ=$T/dp-jar
rm -f "$DPJ"
check "datapackage: the admin signs in" \
    sign_in_once "$DPJ" admin@example.org demo-admin-2026 SAMVERKADEMOADMINSECRETKEY234567
fetch -b "$DPJ" "/indicators/$DP_DIM/data"
check "datapackage: the data page links to the CSV, the JSON and the descriptor" \
    eval 'eq "$S" 200 && links_to "/indicators/$DP_DIM/data.csv" && links_to "/indicators/$DP_DIM/data.json" && links_to "/indicators/$DP_DIM/datapackage.json"'

# ---- Series, Units, Note, split years, a cell with a comma and one a spreadsheet would run
DP_G=$(q "SELECT i.id FROM indicator i WHERE i.mission_id = $MID_GA AND NOT EXISTS (SELECT 1 FROM indicator_dimension d WHERE d.indicator_id = i.id) AND EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.id) ORDER BY i.id LIMIT 1")
DP_TOK=$("$BIN" token create --db "$DB" --name it-datapackage --role admin 2>/dev/null | tail -1)
curl -sS --max-time 10 -o "$DP_DIR/orig.csv" "$BASE/indicators/$DP_G/data.csv"
cat >"$DP_DIR/attrs.csv" <<'EOF'
Year,Series,Units,Source,Note,Value
2009-10,Total,"tonnes, CO2e",SCB,=SUM(A1),1.5
2010-11,Total,"tonnes, CO2e",SCB,,2
2010-11,Cars,"tonnes, CO2e","Trafikverket, 2024",prel.,1e3
2011-12,Cars,kt,,,0.25
EOF
fetch -X POST -H "Authorization: Bearer $DP_TOK" -H 'Content-Type: text/csv' --data-binary @"$DP_DIR/attrs.csv" "/api/v1/indicators/$DP_G/data"
check "datapackage: a file with Series, Units, Source, Note and split years imports" eq "$S" 200
fetch "/indicators/$DP_G/datapackage.json"
check "datapackage: its fields: Year (a string naming its year), Series, Units, Source, Note, Value" \
    jqt "$B" '[.resources[0].schema.fields[] | .name] == ["Year", "Series", "Units", "Source", "Note", "Value"] and (.resources[0].schema.fields[0] | .type == "string" and .constraints.pattern == ".*[0-9]{4}.*")'
check "datapackage: the per-value sources after the indicator's own" \
    jqt "$B" '[.sources[] | .title] | (index("SCB") != null and index("Trafikverket, 2024") != null)'
dp_fetch "$DP_G" sv
dp_fetch "$DP_G" en
dp_check
fetch -X POST -H "Authorization: Bearer $DP_TOK" -H 'Content-Type: text/csv' --data-binary @"$DP_DIR/orig.csv" "/api/v1/indicators/$DP_G/data"
check "datapackage: the indicator's own data is put back" \
    eval 'eq "$S" 200 && curl -sS --max-time 10 "$BASE/indicators/$DP_G/data.csv" | cmp -s - "$DP_DIR/orig.csv"'

# ---- the data-licence setting, and public-url's absolute addresses
dp_second()
{
    start_server "$DB" "$T/dp2.out" "$T/dp2.log" --data-licence cc-by-4.0 \
        --public-url https://uppdrag.example.se >"$T/dp2.msg" 2>&1 || { cat "$T/dp2.msg"; return 1; }
}
check "datapackage: a server with data-licence cc-by-4.0 and a public-url starts" dp_second
DP2_PID=$SRV_PID
curl -sS --max-time 10 -o "$DP_DIR/lic.json" "$SRV_BASE/indicators/$DP_DIM/datapackage.json?lang=en"
check "datapackage: its descriptors name CC-BY-4.0 (the SPDX spelling) with its name and address" \
    jqt "$DP_DIR/lic.json" '.licenses == [{name: "CC-BY-4.0", path: "https://creativecommons.org/licenses/by/4.0/", title: "Creative Commons Attribution 4.0 International"}]'
check "datapackage: with public-url the CSV's path and the homepage are absolute" \
    jqt "$DP_DIR/lic.json" --arg id "$DP_DIM" '.resources[0].path == "https://uppdrag.example.se/indicators/\($id)/data.csv" and .homepage == "https://uppdrag.example.se/indicators/\($id)"'
DP_ARGS+=("indicator $DP_DIM (CC-BY-4.0, public-url)" "$DP_DIR/lic.json" "$DP_DIR/$DP_DIM.csv")
dp_check
stop_server "$DP2_PID" 10
SRV_PID=
check "datapackage: data-licence MIT (not an open-data licence of the table) stops the server from starting, naming the setting" \
    eval 'timeout 10 "$BIN" serve --db "$DB" --listen 127.0.0.1:0 --data-licence MIT >"$T/dp3.out" 2>"$T/dp3.log"; rc=$?; [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && grep -q "data-licence must be" "$T/dp3.log" || fail "rc $rc: $(cat "$T/dp3.log")"'
