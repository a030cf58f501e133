# t_11p_progress.sh — progress to the deadline (issue 3): the mission page and
# the indicator page show the assessment, the API carries it, the CLI's assess
# reproduces a reference vector, and import/export round-trips.

# prun CMD... — run the binary; sets PRC, POUT, PERR
prun()
{
    POUT=$T/p.out
    PERR=$T/p.err
    "$BIN" "$@" >"$POUT" 2>"$PERR"
    PRC=$?
    return 0
}

# the mission's roll-up as the API reports it, and its label in each language
fetch "/api/v1/missions/$SK"
P_STATUS=$(jq -r '.progress.status' "$B")
check "progress: the API gives the mission a status" match "$P_STATUS" \
    '^(target_achieved|substantial_progress|moderate_progress|limited_progress|deterioration|not_available)$'
declare -A LABEL_SV=([target_achieved]="Målet är nått" [substantial_progress]="I rätt takt"
    [moderate_progress]="Framsteg men behöver accelerera" [limited_progress]="Begränsade framsteg"
    [deterioration]="Försämring" [not_available]="Kan inte bedömas")
declare -A LABEL_EN=([target_achieved]="Target achieved" [substantial_progress]="On track"
    [moderate_progress]="Progress, acceleration needed" [limited_progress]="Limited progress"
    [deterioration]="Deterioration" [not_available]="Cannot be assessed")
fetch "/missions/$SK"
check "progress: the mission page shows the mission's status in Swedish" \
    text_has "${LABEL_SV[$P_STATUS]}"
N_IND=$(q "SELECT COUNT(*) FROM indicator WHERE mission_id = $MID_SK")
check "progress: a status badge for the mission, each objective and each indicator (twice)" \
    ge "$(count 'class="status status-')" "$((N_IND * 2 + 1))"
check "progress: a sparkline per indicator with data" ge "$(count '<svg xmlns="http://www.w3.org/2000/svg" class="spark"')" 2
check "progress: sparklines are named for screen readers" has_re 'class="spark"[^>]*role="img" aria-label="[^"]+"'
fetch "/missions/$SK?lang=en"
check "progress: the mission page shows the status in English" text_has "${LABEL_EN[$P_STATUS]}"
check "progress: the reason line gives the rates" has_re 'Needs [^<]*%/yr, achieving [^<]*%/yr'

fetch "/indicators/$IND?lang=en"
check "progress: the indicator page has an accessible chart" \
    eval 'has_re "<svg [^>]*role=\"img\"" && has "<title>" && has "<desc>"'
check "progress: the chart draws the path to the target and the projection" \
    eval 'has "class=\"required\"" && has "class=\"projected\""'
check "progress: the indicator page shows the method and its inputs" \
    eval 'has "<details>" && text_has "Progress value (P or R)" && text_has "Base year"'
check "progress: the indicator page keeps the observation table beside the chart" \
    eval 'has "<table" && has "<caption>"'
check "progress: the indicator page is tidy" tidy_clean "$B"
fetch "/api/v1/indicators/$IND"
check "progress: the API indicator carries the assessment" \
    jqt "$B" '.progress.status and (.progress.series | length >= 1) and (.progress.series[0] | has("rate_needed") and has("year_reached") and has("projection"))'
fetch "/api/v1/missions/$SK/objectives"
check "progress: the API objectives carry their roll-up" jqt "$B" '[.items[].progress.status] | length >= 3'

# the command line: a reference vector (V07: Canada GIF 1.2.1) and errors with a place
printf 'Year,Value\n2015,14.5\n2023,10.2\n' >"$T/v07.csv"
prun assess "$T/v07.csv" --target 7.25
check "assess: V07 gives substantial_progress" eq "$(jq -r .status "$POUT")" substantial_progress
check "assess: V07's progress value to 1e-9" \
    jqt "$POUT" '(.series[0].progress_value - 0.9525901792032172) | fabs < 1e-9'
check "assess: V07's score to 1e-9" jqt "$POUT" '(.score - 2.5185563910306596) | fabs < 1e-9'
prun assess --help
check "assess: --help names the Open SDG defaults" \
    eval 'eq "$PRC" 0 && grep -q 2015 "$POUT" && grep -q 2030 "$POUT" && grep -qi decrease "$POUT"'
printf 'Year,Value\n2015,1\n2016,x\n' >"$T/bad.csv"
prun assess "$T/bad.csv"
check "assess: a bad value is reported as FILE:LINE:COLUMN" \
    eval 'eq "$PRC" 1 && grep -q "bad.csv:3:2: " "$PERR"'
printf 'Year,Value\n2015,1\n2015,2\n' >"$T/dup.csv"
prun assess "$T/dup.csv"
check "assess: two values for one year are an error, not a pick" \
    eval 'eq "$PRC" 1 && grep -q "dup.csv:3:" "$PERR"'

# import/export through the CLI on a copy of the database
IO=$(new_db io)
db_copy "$DB" "$IO"
prun export --db "$IO" --indicator "$IND"
cp "$POUT" "$T/e1.csv"
check "export: CSV starts with Year and ends rows with values" \
    eval 'head -1 "$T/e1.csv" | grep -q "^Year," && head -1 "$T/e1.csv" | grep -q ",Value$"'
prun import --db "$IO" --indicator "$IND" "$T/e1.csv"
prun export --db "$IO" --indicator "$IND"
check "import: CSV export -> import -> export is byte-identical" cmp -s "$POUT" "$T/e1.csv"
prun export --db "$IO" --indicator "$IND" --format json
cp "$POUT" "$T/e1.json"
prun import --db "$IO" --indicator "$IND" "$T/e1.json"
prun export --db "$IO" --indicator "$IND" --format json
check "import: JSON export -> import -> export is byte-identical" cmp -s "$POUT" "$T/e1.json"
io_hash() { QDB=$IO q 'SELECT * FROM observation ORDER BY indicator_id, series, unit, disagg, year' | sha256sum | cut -d' ' -f1; }
H0=$(io_hash)
{ head -1 "$T/e1.csv"; tail -n +2 "$T/e1.csv"; printf '2099'; head -1 "$T/e1.csv" | tr -cd , | sed 's/,/,x/g'; echo; } >"$T/bad2.csv"
prun import --db "$IO" --indicator "$IND" "$T/bad2.csv"
check "import: a bad last row fails with FILE:LINE:COLUMN" \
    eval 'eq "$PRC" 1 && grep -Eq "bad2.csv:[0-9]+:[0-9]+: " "$PERR"'
check "import: ... and nothing changed" eq "$(io_hash)" "$H0"
printf '\xef\xbb\xbfYear,Value\n2015,\xff\n' >"$T/utf.csv"
prun import --db "$IO" --indicator "$IND" "$T/utf.csv"
check "import: invalid UTF-8 is reported with its place" eval 'eq "$PRC" 1 && grep -q "utf.csv:2:2: invalid UTF-8" "$PERR"'
: >"$T/empty.csv"
prun import --db "$IO" --indicator "$IND" "$T/empty.csv"
check "import: an empty file is refused" eval 'eq "$PRC" 1 && grep -q "empty file" "$PERR"'
check "import: ... and still nothing changed" eq "$(io_hash)" "$H0"

# settings through the CLI
prun indicator set --db "$IO" --id "$IND" --target-year 2035 --direction increase
check "indicator set: the new settings are stored and shown" \
    eval 'eq "$PRC" 0 && jq -e ".progress.config.target_year == 2035 and .progress.config.direction == \"increase\"" "$POUT" >/dev/null'
prun indicator set --db "$IO" --id "$IND" --thresholds 1,2,3
check "indicator set: bad thresholds are refused and change nothing" \
    eval 'eq "$PRC" 1 && grep -q thresholds "$PERR" && eq "$(QDB=$IO q "SELECT CASE WHEN progress_high IS NULL THEN 1 ELSE 0 END FROM indicator WHERE id = $IND")" 1'

# a duplicate far into a file is still placed exactly (PostgreSQL reports
# failures of pipelined inserts late; the import maps them back to their line)
{ echo 'Year,Value'; for i in $(seq 1 600); do echo "$((1000 + i)),$i"; done; echo '1500,9'; } >"$T/dup600.csv"
H1=$(io_hash)
prun import --db "$IO" --indicator "$IND" "$T/dup600.csv"
check "import: a duplicate on line 602 of 602 is reported at line 602" \
    eval 'eq "$PRC" 1 && grep -q "dup600.csv:602:" "$PERR" && grep -q "1500" "$PERR"'
check "import: ... and nothing changed" eq "$(io_hash)" "$H1"
{ echo 'Year,Value'; for i in $(seq 1 2000); do echo "$((999 + i)),$i"; done; } >"$T/ok2000.csv"
prun import --db "$IO" --indicator "$IND" "$T/ok2000.csv"
check "import: 2,000 rows in batches arrive complete" \
    eval 'eq "$PRC" 0 && eq "$(QDB=$IO q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IND")" 2000'
