# t_32_import.sh — the import of issue 11 through the real binary: observations keyed by
# their period ("2013 Q1" and "2013 Q2" are two), provenance kept (the review's round trip of
# indicator 13, and a file without Source and Note that adds one row), merge, a header-only
# file refused unless --allow-empty, exact duplicate rows kept once with a notice, two values
# for one key refused naming both lines, a replace taking the file's columns, and the audit
# log row by row; then the API's counts and notices (POST .../data?mode=merge). The CLI
# part runs on a fresh demo database of its own; the files are written here.

irun()
{
    IOUT=$T/i.out
    IERR=$T/i.err
    "$BIN" "$@" >"$IOUT" 2>"$IERR"
    IRC=$?
    return 0
}
IM=$(new_db imp)
"$BIN" init --demo --db "$IM" >/dev/null 2>&1
iq() { QDB=$IM q "$1"; }
ihash() { iq "SELECT series, unit, disagg, period, period_key, year, value, source, note FROM observation ORDER BY indicator_id, series, unit, disagg, period" | sha256sum | cut -d' ' -f1; }
NOTES13=$(iq "SELECT COUNT(*) FROM observation WHERE indicator_id = 13 AND note <> ''")
require "import: the demo's indicator 13 has 7 observations, each with a source" \
    eq "$(iq "SELECT COUNT(*) || ':' || SUM(CASE WHEN source <> '' THEN 1 ELSE 0 END) FROM observation WHERE indicator_id = 13")" "7:7"

# ---- provenance: the review's round trip
irun export --db "$IM" --indicator 13
cp "$IOUT" "$T/i13.csv"
A13=$(iq "SELECT COALESCE(MAX(id), 0) FROM audit_log")
irun import --db "$IM" --indicator 13 "$T/i13.csv"
check "import: indicator 13 exported and imported again: rc 0, every source still there" \
    eval 'eq "$IRC" 0 && eq "$(iq "SELECT SUM(CASE WHEN source <> '"''"' THEN 1 ELSE 0 END) FROM observation WHERE indicator_id = 13")" 7'
check "import: ... the summary says nothing changed" grep -q "notice: observations: 7 in the file, 0 inserted, 0 changed, 0 removed, 7 unchanged" "$IERR"
irun export --db "$IM" --indicator 13
check "import: ... and the export is byte-identical" cmp -s "$IOUT" "$T/i13.csv"
check "import: ... and logs no observation as changed" \
    eq "$(iq "SELECT COUNT(*) FROM audit_log WHERE entity = 'observation' AND id > $A13")" 0
# a file without Source and Note, with one row more: the unchanged values keep theirs
irun export --db "$IM" --indicator 13 --format json
jq 'map(del(.Source, .Note)) + [{"Year": "2026", "Value": 90}]' "$IOUT" >"$T/i13-nosource.json"
irun import --db "$IM" --indicator 13 "$T/i13-nosource.json"
check "import: a file without Source and Note and one row more: rc 0, the 7 sources kept" \
    eval 'eq "$IRC" 0 && eq "$(iq "SELECT COUNT(*) || '"':'"' || SUM(CASE WHEN source <> '"''"' THEN 1 ELSE 0 END) FROM observation WHERE indicator_id = 13")" "8:7"'
check "import: ... the notes too" \
    eq "$(iq "SELECT COUNT(*) FROM observation WHERE indicator_id = 13 AND note <> ''")" "$NOTES13"
check "import: ... the new row is logged as created, the others not at all" \
    eq "$(iq "SELECT action || ' ' || detail FROM audit_log WHERE entity = 'observation' AND entity_id = 13 AND id > $A13 ORDER BY id" | paste -sd'|')" "create 2026"
# an empty cell in a present Source column clears it
printf 'Year,Source,Value\n2020,,70\n' >"$T/i13-clear.csv"
irun import --db "$IM" --indicator 13 --merge "$T/i13-clear.csv"
check "import: an empty cell in a present Source column clears that value's source (merge)" \
    eval 'eq "$IRC" 0 && eq "$(iq "SELECT source FROM observation WHERE indicator_id = 13 AND period = '"'2020'"' AND disagg = '"''"'")" ""'
check "import: ... logged as an update of the source" \
    match "$(iq "SELECT changes FROM audit_log WHERE entity = 'observation' AND entity_id = 13 AND action = 'update' ORDER BY id DESC LIMIT 1")" '^\{"source":\["Novus'

# ---- periods finer than a year
IQ=$(iq "SELECT i.id FROM indicator i WHERE NOT EXISTS (SELECT 1 FROM indicator_dimension d WHERE d.indicator_id = i.id) ORDER BY i.id LIMIT 1")
printf 'Year,Value\n2013 Q1,1\n2013 Q2,2\n2013 Q3,3\n2013 Q4,4\n2014 Q1,5\n' >"$T/q.csv"
irun import --db "$IM" --indicator "$IQ" "$T/q.csv"
check "import: quarters: 5 observations, each period its own" \
    eval 'eq "$IRC" 0 && eq "$(iq "SELECT period FROM observation WHERE indicator_id = $IQ ORDER BY period_key, period" | paste -sd'"'|'"')" "2013 Q1|2013 Q2|2013 Q3|2013 Q4|2014 Q1"'
irun export --db "$IM" --indicator "$IQ"
check "import: ... exported in period order" eq "$(tail -n +2 "$IOUT" | cut -d, -f1 | paste -sd'|')" "2013 Q1|2013 Q2|2013 Q3|2013 Q4|2014 Q1"
irun indicator show --db "$IM" --id "$IQ"
check "import: ... the assessment folds them to years and leaves the incomplete 2014 out" \
    jqt "$IOUT" '.progress.series[0].observations == 1'

# ---- exact duplicates and conflicts
printf 'Year,Value\n2013 Q1,1\n2013 Q2,2\n2013 Q1,1\n' >"$T/dup.csv"
irun import --db "$IM" --indicator "$IQ" "$T/dup.csv"
check "import: an exact duplicate row is kept once, with a notice on its line" \
    eval 'eq "$IRC" 0 && grep -q "dup.csv:4: notice: line 4 repeats line 2 exactly; kept once" "$IERR" && eq "$(iq "SELECT COUNT(*) FROM observation WHERE indicator_id = $IQ")" 2'
H1=$(ihash)
printf 'Year,Value\n2013 Q1,4.1\n2013 Q2,2\n2013 Q1,4.2\n' >"$T/conflict.csv"
irun import --db "$IM" --indicator "$IQ" "$T/conflict.csv"
check "import: two values for one period: refused, both lines named" \
    eval 'eq "$IRC" 1 && grep -q "conflict.csv:4:1: lines 2 and 4 give two values for 2013 Q1 in one series: 4.1 and 4.2" "$IERR"'
check "import: ... and nothing changed" eq "$(ihash)" "$H1"

# ---- merge
printf 'Year,Value\n2013 Q3,30\n2013 Q1,10\n' >"$T/merge.csv"
irun import --db "$IM" --indicator "$IQ" --merge "$T/merge.csv"
check "import: --merge inserts and updates by key and removes nothing" \
    eval 'eq "$IRC" 0 && eq "$(iq "SELECT period || '"'='"' || CAST(value AS INTEGER) FROM observation WHERE indicator_id = $IQ ORDER BY period_key" | paste -sd'"'|'"')" "2013 Q1=10|2013 Q2=2|2013 Q3=30"'
check "import: ... the summary counts it" grep -q "notice: observations: 2 in the file, 1 inserted, 1 changed, 0 removed, 0 unchanged" "$IERR"

# ---- a header and no rows
H2=$(ihash)
printf 'Year,Value\n' >"$T/header.csv"
irun import --db "$IM" --indicator "$IQ" "$T/header.csv"
check "import: a header-only file is refused, saying how many would go" \
    eval 'eq "$IRC" 1 && grep -q "would remove all 3 observations" "$IERR" && eq "$(ihash)" "$H2"'
AQ=$(iq "SELECT COALESCE(MAX(id), 0) FROM audit_log")
irun import --db "$IM" --indicator "$IQ" --allow-empty "$T/header.csv"
check "import: ... --allow-empty empties the indicator and says how many were removed" \
    eval 'eq "$IRC" 0 && grep -q "notice: removed all 3 observations" "$IERR" && eq "$(iq "SELECT COUNT(*) FROM observation WHERE indicator_id = $IQ")" 0'
check "import: ... each removal is in the audit log with its key and value" \
    eq "$(iq "SELECT COUNT(*) FROM audit_log WHERE entity = 'observation' AND entity_id = $IQ AND id > $AQ AND action = 'remove' AND changes LIKE '{\"value\":[%,null]%'")" 3

# ---- replace means the columns too; merge keeps them
printf 'Year,Kön,Value\n2020,,5\n2020,Flickor,6\n' >"$T/cols.csv"
irun import --db "$IM" --indicator 13 --merge "$T/cols.csv"
check "import: a merge refuses a column the indicator does not have" \
    eval 'eq "$IRC" 1 && grep -q "cols.csv:1:2: unknown column \"Kön\"" "$IERR"'
irun import --db "$IM" --indicator 13 "$T/cols.csv"
check "import: a replace takes the file's columns" \
    eval 'eq "$IRC" 0 && eq "$(iq "SELECT name FROM indicator_dimension WHERE indicator_id = 13 ORDER BY position" | paste -sd,)" "Kön"'
check "import: ... recorded in the audit log" \
    match "$(iq "SELECT changes FROM audit_log WHERE entity = 'indicator' AND entity_id = 13 AND action = 'import' ORDER BY id DESC LIMIT 1")" '"dimensions":\[\["Projekt"\],\["Kön"\]\]'

# ---- the settings that no longer fit the data: said by the import (indicator 13's unit is
# "% of respondents" with no decimals)
printf 'Year,Units,Value\n2020,kronor,70.123\n2021,kronor,72.456\n2022,kronor,75.789\n' >"$T/kronor.csv"
irun import --db "$IM" --indicator 13 "$T/kronor.csv"
check "import: data in another unit: rc 0, and a notice names the unit setting and the data's Units" \
    eval 'eq "$IRC" 0 && grep -q "kronor.csv: notice: setting unit: .*% of respondents.*kronor" "$IERR"'
check "import: ... and the decimals that hide the values" \
    grep -q "kronor.csv: notice: setting decimals: 0 decimals show 72.5 as 72" "$IERR"

# ---- the API: counts and notices
mk_token() { "$BIN" token create --db "$DB" "$@" 2>/dev/null | tail -1; }
ITOK=$(mk_token --name it-import --role admin)
IA=$(q "SELECT i.id FROM indicator i WHERE NOT EXISTS (SELECT 1 FROM indicator_dimension d WHERE d.indicator_id = i.id) ORDER BY i.id DESC LIMIT 1")
NA=$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IA")
printf 'Year,Value\n2031,1\n2031,1\n' >"$T/api.csv"
fetch -X POST -H "Authorization: Bearer $ITOK" -H 'Content-Type: text/csv' --data-binary @"$T/api.csv" "/api/v1/indicators/$IA/data?mode=merge"
check "import API: a merge -> 200 with the counts" \
    eval 'eq "$S" 200 && jq -e ".observations == 1 and .inserted == 1 and .changed == 0 and .removed == 0 and .unchanged == 0" "$B" >/dev/null'
check "import API: ... the duplicate as a notice with its line" \
    jqt "$B" '.notices | any(.line == 3 and .column == 0 and .message == "line 3 repeats line 2 exactly; kept once")'
check "import API: ... nothing removed" eq "$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IA")" "$((NA + 1))"
fetch -X POST -H "Authorization: Bearer $ITOK" -H 'Content-Type: text/csv' --data-binary @"$T/api.csv" "/api/v1/indicators/$IA/data?mode=sideways"
check "import API: an unknown mode -> 400 naming mode" eval 'eq "$S" 400 && jq -e ".error.field == \"mode\"" "$B" >/dev/null'
printf 'Year,Value\n' >"$T/api-empty.csv"
fetch -X POST -H "Authorization: Bearer $ITOK" -H 'Content-Type: text/csv' --data-binary @"$T/api-empty.csv" "/api/v1/indicators/$IA/data"
check "import API: a header-only file -> 422, nothing removed" \
    eval 'eq "$S" 422 && eq "$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IA")" "$((NA + 1))"'
printf 'Year,Units,Value\n2030,no such unit,1.25\n2031,no such unit,1.5\n' >"$T/api-unit.csv"
fetch -X POST -H "Authorization: Bearer $ITOK" -H 'Content-Type: text/csv' --data-binary @"$T/api-unit.csv" "/api/v1/indicators/$IA/data"
check "import API: a file in another unit -> 200, a notice names the unit setting" \
    eval 'eq "$S" 200 && jqt "$B" ".notices | any(.message | test(\"^setting unit: .*no such unit\"))"'
# ---- Open SDG's attributes: stored, not a breakdown, shown beside the value (page and API)
printf 'Year,Observation status,Unit multiplier,Value\n2020,Provisional,Units,1.25\n2021,Undefined,Units,1.5\n' >"$T/api-attrs.csv"
fetch -X POST -H "Authorization: Bearer $ITOK" -H 'Content-Type: text/csv' --data-binary @"$T/api-attrs.csv" "/api/v1/indicators/$IA/data"
check "import API: a file with attribute columns -> 200, no breakdown declared" \
    eval 'eq "$S" 200 && eq "$(q "SELECT COUNT(*) FROM indicator_dimension WHERE indicator_id = $IA")" 0'
fetch "/api/v1/indicators/$IA/observations"
check "import API: ... each observation lists its attributes" \
    jqt "$B" '.items | any(.period == "2020" and .attributes["Observation status"] == "Provisional" and .attributes["Unit multiplier"] == "Units" and .disaggregation == {})'
fetch "/indicators/$IA?lang=en"
check "import: ... the indicator page shows them beside the value" \
    eval 'eq "$S" 200 && has "<th scope=\"col\">Attributes</th>" && has "<td>Observation status: Provisional; Unit multiplier: Units</td>"'
