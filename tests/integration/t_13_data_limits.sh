# t_13_data_limits.sh — issue 8, limits 1, 3, 4 and 5 at the import and write boundary,
# through the real binary (API and CLI):
#   1. memory per import is bounded by one record, not by the body: a 25 MiB JSON body
#      raises the server's peak RSS (VmHWM) by less than 8 MiB, a third of the body
#      (SECURITY.md #22); a body over the limit gets a JSON 413 before it is read;
#   3. every field has one maximum, the same for CSV and JSON: a longer value is a 422
#      naming the field, with the same message in both formats; nothing stored, nothing cut;
#   4. numbers out of range (1e19, 1.7e308) are refused in data and settings;
#   5. control bytes (the 0x1F separator of the stored disaggregation among them) are
#      refused with line and column;
# and `samverka import` says FILE:LINE:COLUMN for the same cases.

DL_TOK=$("$BIN" token create --db "$DB" --name it-limits --role admin 2>/dev/null | tail -1)
# an indicator with a declared disaggregation column, and not $IND (t_11w rewrites it)
IFS=$'\t' read -r DL_IND DL_DIM < <(q "SELECT indicator_id, name FROM indicator_dimension WHERE indicator_id <> ${IND:-0} ORDER BY indicator_id, position LIMIT 1")
require "limits: an API token and an indicator with a disaggregation column" \
    eval 'match "$DL_TOK" "^svk_" && nonempty "$DL_IND" && nonempty "$DL_DIM"'

# dl_cols COLUMN... — SQL for the columns' values as one text, NULL as "-"
dl_cols()
{
    local c out=
    for c in "$@"; do out+="${out:+ || '|' || }COALESCE(CAST($c AS TEXT), '-')"; done
    printf '%s' "$out"
}
# everything an import or a settings change could touch, as text: one query (a process
# costs tens of milliseconds on PostgreSQL), the observations' lines start with "o"
dl_dump()
{
    q "SELECT 'o', period, CAST(year AS TEXT), series, unit, disagg, CAST(value AS TEXT) FROM observation WHERE indicator_id = $DL_IND
       UNION ALL SELECT 'd', CAST(position AS TEXT), name, '', '', '', '' FROM indicator_dimension WHERE indicator_id = $DL_IND
       UNION ALL SELECT 'i', $(dl_cols base_year base_value), $(dl_cols target_kind target_value),
              $(dl_cols target_year direction), $(dl_cols limit_value progress_high),
              $(dl_cols progress_med progress_low), $(dl_cols headline)
         FROM indicator WHERE id = $DL_IND
       ORDER BY 1, 2, 3, 4, 5, 6"
}

# dl_post CONTENT-TYPE FILE — an import through the API (the state before it in DL_HB)
dl_post()
{
    dl_mark
    fetch -X POST -H "Authorization: Bearer $DL_TOK" -H "Content-Type: $1" --data-binary @"$2" \
        "/api/v1/indicators/$DL_IND/data"
}
# dl_refused STATUS FIELD MESSAGE-PART LINE COLUMN — the last answer is that refusal
dl_refused()
{
    eq "$S" "$1" || return 1
    jqt "$B" --arg f "$2" --arg m "$3" --argjson l "$4" --argjson c "$5" \
        '.error.field == (if $f == "" then null else $f end) and (.error.message | contains($m)) and .error.line == $l and .error.column == $c'
}
# nothing changed since dl_mark
dl_mark() { DL_HB=$(dl_dump); DL_NB=$(grep -c '^o' <<<"$DL_HB"); }
dl_unchanged()
{
    local now
    now=$(dl_dump)
    grep -q '^i' <<<"$now" || fail "the indicator's row was not read: $now" || return 1
    eq "$(grep -c '^o' <<<"$now")" "$DL_NB" && [ "$now" = "$DL_HB" ] || fail "the stored data changed"
}
# the message and field of the last answer, to compare CSV with JSON
dl_said() { jq -c '[.error.field, .error.message]' "$B"; }
require "limits: the indicator has observations to keep, all read by dl_dump" \
    eval 'dl_mark && ge "$DL_NB" 1 && eq "$DL_NB" "$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $DL_IND")" && grep -q "^i" <<<"$DL_HB"'

# ------------------------------------------------------------------ 3. field lengths

dl_fill() { head -c "$1" /dev/zero | tr '\0' "${2:-a}"; }
DL_PRE="[{\"Year\":\"2015\",\"$DL_DIM\":"
for DL_N in 65661 2000 1025; do
    DL_V=$(dl_fill "$DL_N")
    printf '%s"%s","Value":1}]' "$DL_PRE" "$DL_V" >"$T/dl_long.json"
    printf 'Year,%s,Value\n2015,%s,1\n' "$DL_DIM" "$DL_V" >"$T/dl_long.csv"
    dl_post application/json "$T/dl_long.json"
    check "limits: JSON, a $DL_N-byte $DL_DIM value -> 422 naming the field at its line and column" \
        dl_refused 422 "$DL_DIM" "longer than 1024 bytes" 1 $((${#DL_PRE} + 1))
    SAID_JSON=$(dl_said)
    check "limits: ... and nothing is stored (rows $DL_NB before and after)" dl_unchanged
    dl_post text/csv "$T/dl_long.csv"
    check "limits: CSV, the same $DL_N-byte value -> 422 naming the field at line 2, column 2" \
        dl_refused 422 "$DL_DIM" "longer than 1024 bytes" 2 2
    check "limits: ... refused with the same field and message as in JSON" eq "$(dl_said)" "$SAID_JSON"
    check "limits: ... and nothing is stored" dl_unchanged
done
# the maximum itself is a value like any other (the import replaces the data: last)
printf 'Year,Series,Units,Value\n2015,%s,x,1\n' "$(dl_fill 1025 s)" >"$T/dl_series.csv"
dl_post text/csv "$T/dl_series.csv"
check "limits: CSV, a 1025-byte Series -> 422 naming Series" dl_refused 422 Series "longer than 1024 bytes" 2 2
printf '[{"Year":"2015","Units":"%s","Value":1}]' "$(dl_fill 1025 u)" >"$T/dl_units.json"
dl_post application/json "$T/dl_units.json"
check "limits: JSON, a 1025-byte Units -> 422 naming Units" dl_refused 422 Units "longer than 1024 bytes" 1 25
printf 'Year,Value\n%s,1\n' "2015$(dl_fill 61 0)" >"$T/dl_year.csv"
dl_post text/csv "$T/dl_year.csv"
check "limits: CSV, a 65-byte Year -> 422 naming Year" dl_refused 422 Year "longer than 64 bytes" 2 1
# Series, Units and the disaggregation together are one series' identity (a unique index)
printf 'Year,Series,Units,%s,Value\n2015,%s,%s,%s,1\n' "$DL_DIM" "$(dl_fill 1000 s)" "$(dl_fill 1000 u)" "$(dl_fill 100 d)" >"$T/dl_key.csv"
dl_post text/csv "$T/dl_key.csv"
check "limits: CSV, Series + Units + disaggregation over 2048 bytes -> 422 at line 2" \
    dl_refused 422 "" "longer than 2048 bytes" 2 0
printf '[{"Year":"2015","Series":"%s","Units":"%s","%s":"%s","Value":1}]' "$(dl_fill 1000 s)" "$(dl_fill 1000 u)" "$DL_DIM" "$(dl_fill 100 d)" >"$T/dl_key.json"
dl_post application/json "$T/dl_key.json"
check "limits: JSON, the same record -> 422 with the same message" \
    dl_refused 422 "" "longer than 2048 bytes" 1 2
check "limits: ... and nothing is stored" dl_unchanged
DL_PRE="[{\"Year\":\"2015\",\"$DL_DIM\":"
printf '%s{"a":[1]},"Value":1}]' "$DL_PRE" >"$T/dl_nest.json"
dl_post application/json "$T/dl_nest.json"
check "limits: JSON, an object as a value -> 422 naming the field" \
    dl_refused 422 "$DL_DIM" "must be a string, a number or null" 1 $((${#DL_PRE} + 1))

# ------------------------------------------------------------------ 4. numbers

for DL_V in 1e19 -1e19 1.7e308 1000000000000001; do
    printf '[{"Year":"2015","Value":%s}]' "$DL_V" >"$T/dl_num.json"
    printf 'Year,Value\n2015,%s\n' "$DL_V" >"$T/dl_num.csv"
    dl_post application/json "$T/dl_num.json"
    check "limits: JSON, Value $DL_V -> 422 naming Value" dl_refused 422 Value "\"$DL_V\" is out of range" 1 25
    SAID_JSON=$(dl_said)
    check "limits: ... and nothing is stored" dl_unchanged
    dl_post text/csv "$T/dl_num.csv"
    check "limits: CSV, Value $DL_V -> 422 at line 2, column 2, the same message" \
        eval 'dl_refused 422 Value "\"$DL_V\" is out of range" 2 2 && eq "$(dl_said)" "$SAID_JSON"'
    check "limits: ... and nothing is stored" dl_unchanged
done
printf '[{"Year":"2015","Value":1e400}]' >"$T/dl_num.json"
dl_post application/json "$T/dl_num.json"
check "limits: JSON, Value 1e400 (beyond a double) -> 422 with its place" \
    eval 'eq "$S" 422 && jqt "$B" ".error.line == 1 and .error.column > 0"'
check "limits: ... and nothing is stored" dl_unchanged

# settings: the same bound, so that no projection or chart made from them overflows
dl_mark
for DL_BODY in '{"target":{"kind":"absolute","value":1e19,"year":2030}}:target_value' \
    '{"limit":1.7e308}:limit' '{"base_year":2020,"base_value":-1e19}:base_value' \
    '{"thresholds":{"high":1e300,"med":0.5,"low":0}}:thresholds'; do
    fetch -X PATCH -H "Authorization: Bearer $DL_TOK" -H 'Content-Type: application/json' \
        -d "${DL_BODY%:*}" "/api/v1/indicators/$DL_IND"
    check "limits: PATCH ${DL_BODY%:*} -> 422 naming ${DL_BODY##*:}" \
        eval 'eq "$S" 422 && jqt "$B" --arg f "${DL_BODY##*:}" ".error.field == \$f"'
done
check "limits: ... and no setting changed" dl_unchanged

# ------------------------------------------------------------------ 5. control bytes

printf 'Year,%s,Value\n2015,a\037%s=b,1\n' "$DL_DIM" "$DL_DIM" >"$T/dl_us.csv"
dl_post text/csv "$T/dl_us.csv"
check "limits: CSV, 0x1F inside a value -> 422 at line 2, column 2 naming the field" \
    dl_refused 422 "$DL_DIM" "control character U+001F" 2 2
SAID_CSV=$(dl_said)
printf '%s"a\\u001f%s=b","Value":1}]' "$DL_PRE" "$DL_DIM" >"$T/dl_us.json"
dl_post application/json "$T/dl_us.json"
check "limits: JSON, \\u001f inside a value -> 422 at its line and column, as in CSV" \
    eval 'dl_refused 422 "$DL_DIM" "control character U+001F" 1 $((${#DL_PRE} + 1)) && eq "$(dl_said)" "$SAID_CSV"'
printf 'Year,Series,Value\n2015,x,1\n2016,\033[31mred,2\n' >"$T/dl_esc.csv"
dl_post text/csv "$T/dl_esc.csv"
check "limits: CSV, ESC in a Series -> 422 at line 3, column 2" dl_refused 422 Series "U+001B" 3 2
printf 'Year,Units,Value\n2015,x\177,1\n' >"$T/dl_del.csv"
dl_post text/csv "$T/dl_del.csv"
check "limits: CSV, DEL in Units -> 422 at line 2, column 2" dl_refused 422 Units "U+007F" 2 2
printf 'Year,%s\037x,Value\n2015,a,1\n' "$DL_DIM" >"$T/dl_name.csv"
dl_post text/csv "$T/dl_name.csv"
check "limits: CSV, 0x1F in a column name -> 422 at line 1, column 2" \
    dl_refused 422 "" "control character U+001F" 1 2
printf 'Year,%s=x,Value\n2015,a,1\n' "$DL_DIM" >"$T/dl_eq.csv"
dl_post text/csv "$T/dl_eq.csv"
check "limits: CSV, \"=\" in a column name -> 422 at line 1, column 2" dl_refused 422 "" 'contains "="' 1 2
check "limits: ... and nothing is stored" dl_unchanged
dl_mark
fetch -X PATCH -H "Authorization: Bearer $DL_TOK" -H 'Content-Type: application/json' \
    -d "{\"headline\":{\"$DL_DIM\":\"x\\u001f$DL_DIM=y\"}}" "/api/v1/indicators/$DL_IND"
check "limits: PATCH a headline with \\u001f -> 422 naming headline" \
    eval 'eq "$S" 422 && jqt "$B" ".error.field == \"headline\""'
check "limits: ... and nothing changed" dl_unchanged

# ------------------------------------------------------------------ CLI: FILE:LINE:COLUMN

# dl_cli FILE WANT — samverka import refuses FILE, saying WANT first, and changes nothing
dl_cli()
{
    local rc=0
    dl_mark
    "$BIN" import --db "$DB" --indicator "$DL_IND" "$1" >"$T/dl_cli.out" 2>"$T/dl_cli.err" || rc=$?
    eq "$rc" 1 || return 1
    contains "$(head -n 1 "$T/dl_cli.err")" "$2" || return 1
    grep -q 'nothing was changed' "$T/dl_cli.err" || fail "no \"nothing was changed\"" || return 1
    dl_unchanged
}
printf '%s"%s","Value":1}]' "$DL_PRE" "$(dl_fill 65661)" >"$T/dl_long.json"
check "limits: samverka import, a 65661-byte value (JSON) -> FILE:1:COLUMN naming the field" \
    dl_cli "$T/dl_long.json" "$T/dl_long.json:1:$((${#DL_PRE} + 1)): $DL_DIM is longer than 1024 bytes"
printf 'Year,Value\n2015,1e19\n' >"$T/dl_num.csv"
check "limits: samverka import, Value 1e19 (CSV) -> FILE:2:2" \
    dl_cli "$T/dl_num.csv" "$T/dl_num.csv:2:2: Value \"1e19\" is out of range"
printf 'Year,Value\n2015,1.7e308\n' >"$T/dl_max.csv"
check "limits: samverka import, Value 1.7e308 (CSV) -> FILE:2:2" \
    dl_cli "$T/dl_max.csv" "$T/dl_max.csv:2:2: Value \"1.7e308\" is out of range"
check "limits: samverka import, 0x1F in a value (CSV) -> FILE:2:2" \
    dl_cli "$T/dl_us.csv" "$T/dl_us.csv:2:2: $DL_DIM contains the control character U+001F"
check "limits: samverka import, \\u001f in a value (JSON) -> FILE:1:COLUMN" \
    dl_cli "$T/dl_us.json" "$T/dl_us.json:1:$((${#DL_PRE} + 1)): $DL_DIM contains the control character U+001F"

# ------------------------------------------------------------------ 1. memory per request

# A fresh server on a copy of the database: its peak RSS (VmHWM) says what one import cost.
dl_hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
DL_DB=$(new_db limits)
db_copy "$DB" "$DL_DB"
# (an AddressSanitizer build keeps freed memory in quarantine, 256 MiB by default: without
# it, what it measures is the import's; the option means nothing to other builds)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0" \
    start_server "$DL_DB" "$T/dl_srv.out" "$T/dl_srv.log" >"$T/dl_start.msg" 2>&1
DL_PID=$SRV_PID
DL_BASE=$SRV_BASE
require "limits: a second server on a copy of the database" eval 'cat "$T/dl_start.msg"; [ -n "$DL_BASE" ]'
# dl_upload FILE [CURL-OPTIONS...] — POST FILE as JSON to the second server: "STATUS UPLOADED"
dl_upload()
{
    curl -sS --max-time 60 -o "$T/dl_up.body" -w '%{http_code} %{size_upload}' -X POST \
        -H "Authorization: Bearer $DL_TOK" -H 'Content-Type: application/json' "${@:2}" \
        --data-binary @"$1" "$DL_BASE/api/v1/indicators/$DL_IND/data"
}
printf '[{"Year":"2015","Value":1}]' >"$T/dl_small.json"
dl_upload "$T/dl_small.json" >/dev/null # the first import sets up what every import uses
HWM0=$(dl_hwm "$DL_PID")
# the issue's worst shape: 25 MiB of empty records (jansson's tree of it took 2 GB)
{ printf '['; yes '{},' | head -n 6553599; printf '{}]'; } >"$T/dl_empty.json"
DL_R=$(dl_upload "$T/dl_empty.json")
HWM1=$(dl_hwm "$DL_PID")
check "limits: 25 MiB of [{},{},...] -> 422 at record 1" \
    eval 'eq "${DL_R% *}" 422 && jqt "$T/dl_up.body" ".error.line == 1 and .error.column == 2"'
check "limits: ... and the server's peak RSS grew by less than 8 MiB (${HWM0} -> ${HWM1} kB)" \
    le "$((HWM1 - HWM0))" 8192
# 25 MiB of records that are read to the end (no Value: nothing to store)
{ printf '['; yes '{"Year":"2015"},' | head -n 1500000; printf '{"Year":"2016"}]'; } >"$T/dl_years.json"
DL_R=$(dl_upload "$T/dl_years.json" --url-query allow_empty=1)
HWM2=$(dl_hwm "$DL_PID")
check "limits: 1.5 million records in $(($(wc -c <"$T/dl_years.json") >> 20)) MiB are all read -> 200" \
    eval 'eq "${DL_R% *}" 200 && jqt "$T/dl_up.body" ".observations == 0"'
check "limits: ... and the peak RSS grew by less than 8 MiB (${HWM0} -> ${HWM2} kB)" \
    le "$((HWM2 - HWM0))" 8192
# over the limit: refused from the headers, before the body is read
head -c $((25 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$T/dl_over.json"
DL_R=$(dl_upload "$T/dl_over.json" -H 'Expect: 100-continue')
check "limits: a declared body over 25 MiB -> 413 with a JSON error, nothing uploaded" \
    eval 'eq "$DL_R" "413 0" && jqt "$T/dl_up.body" ".error.code == \"too_large\""'
DL_R=$(dl_upload "$T/dl_over.json" -H 'Transfer-Encoding: chunked')
HWM3=$(dl_hwm "$DL_PID")
check "limits: a chunked body over 25 MiB -> 413 with a JSON error" \
    eval 'eq "${DL_R% *}" 413 && jqt "$T/dl_up.body" ".error.code == \"too_large\""'
check "limits: ... and the peak RSS grew by less than 8 MiB (${HWM0} -> ${HWM3} kB)" \
    le "$((HWM3 - HWM0))" 8192
stop_server "$DL_PID" 10
rm -f "$T"/dl_empty.json "$T"/dl_years.json "$T"/dl_over.json

# ------------------------------------------------------------------ at the maximum

# a value at the bound is data like any other, and the chart made from it is finite
printf 'Year,%s,Value\n2015,,1e15\n2016,,-1e15\n2017,%s,1\n' "$DL_DIM" "$(dl_fill 1024)" >"$T/dl_max.csv"
dl_post text/csv "$T/dl_max.csv"
check "limits: values at their maxima (1e15, a 1024-byte value) are stored -> 200" \
    eval 'eq "$S" 200 && jqt "$B" ".observations == 3"'
check "limits: ... whole" eq "$(q "SELECT MAX(LENGTH(disagg)) FROM observation WHERE indicator_id = $DL_IND")" $((${#DL_DIM} + 1 + 1024))
fetch "/indicators/$DL_IND"
check "limits: ... and the indicator page draws no NaN or infinity" \
    eval 'eq "$S" 200 && lacks_re "[\"=, ]-?(nan|inf)[\", ]"'
