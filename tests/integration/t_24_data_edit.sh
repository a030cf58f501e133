# t_24_data_edit.sh — an indicator's observations in the browser (page_data.c): one value
# added, changed and removed (after a confirmation page) by the coordinator of skolmat,
# with a decimal comma and a breakdown; refusals naming the field, keeping the values and
# changing nothing; XSS payloads escaped; a file uploaded as multipart/form-data through the
# importer (the page shows the new values), a file with an error on line 3, column 2 (the
# message says so, nothing stored), an upload over the limit (413), one without the csrf
# part first or with another's token (403), no file chosen (422); gator's indicator
# refused (403), a visitor sent to sign in. Every page and form state is valid HTML.

DJ=$T/data-jar
rm -f "$DJ".*
COORD_KEY=SAMVERKADEMOCOORDINATORKEY234567
XSS='<script>alert(1)</script>'
XSS2='"><img src=x onerror=alert(1)>'

# skolmat's indicators: one without breakdowns, one with; and one of gator
if [ -z "$(q "SELECT 1 FROM indicator_dimension d JOIN indicator i ON i.id = d.indicator_id WHERE i.mission_id = $MID_SK LIMIT 1")" ]; then
    # earlier files replaced skolmat's data with files without a breakdown, and a replace
    # takes the file's columns (issue 11): give its first indicator one again
    printf 'Year,Setting,Value\n2019,,60\n2019,Förskola,55\n2022,,50\n' >"$T/d24-setting.csv"
    "$BIN" import --db "$DB" --indicator "$IND" "$T/d24-setting.csv" >/dev/null 2>&1
fi
IND_P=$(q "SELECT i.id FROM indicator i WHERE i.mission_id = $MID_SK AND NOT EXISTS (SELECT 1 FROM indicator_dimension d WHERE d.indicator_id = i.id) ORDER BY i.id LIMIT 1")
IND_D=$(q "SELECT i.id FROM indicator i WHERE i.mission_id = $MID_SK AND EXISTS (SELECT 1 FROM indicator_dimension d WHERE d.indicator_id = i.id) ORDER BY i.id LIMIT 1")
DIM_D=$(q "SELECT name FROM indicator_dimension WHERE indicator_id = ${IND_D:-0} ORDER BY position LIMIT 1")
IND_G=$(q "SELECT i.id FROM indicator i WHERE i.mission_id = $MID_GA ORDER BY i.id LIMIT 1")
obs() { q "SELECT COUNT(*) || ':' || COALESCE(SUM(value), 0) FROM observation WHERE indicator_id = $1"; }
obs_at() { q "SELECT value || '|' || source || '|' || note FROM observation WHERE indicator_id = $1 AND year = $2 AND disagg = '${3:-}'"; }

# the coordinator signs in once for the whole file (a TOTP code is good once: when another
# file used this step's, the next step's is taken)
coord_sign_in()
{
    csrf_of "$DJ.c" /account/sign-in
    post "$DJ.c" /account/sign-in "csrf=$CSRF" "email=coordinator@example.org" \
        "password=demo-coordinator-2026"
    [ "$S" = 200 ] || { fail "password step: $S"; return; }
    post "$DJ.c" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$COORD_KEY")"
    [ "$S" = 303 ] || post "$DJ.c" /account/sign-in/code "csrf=$CSRF" \
        "code=$(totp_py "$COORD_KEY" | sed -n 3p)"
    [ "$S" = 303 ] || fail "code step: $S"
}
require "data: the demo has skolmat indicators with and without breakdowns, and gator's" \
    eval 'nonempty "$IND_P" && nonempty "$IND_D" && nonempty "$DIM_D" && nonempty "$IND_G"'
require "data: the coordinator of skolmat signs in (password and code)" coord_sign_in

# ---- who sees what
fetch "/indicators/$IND_P"
check "data: a visitor's indicator page offers no data editing" \
    eval 'eq "$S" 200 && lacks "/indicators/$IND_P/data\""'
fetch "/indicators/$IND_P/data"
check "data: a visitor asking for the data page is sent to sign in" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch -b "$DJ.c" "/indicators/$IND_P"
check "data: the coordinator's indicator page links to the data page" \
    eval 'eq "$S" 200 && has "href=\"/indicators/$IND_P/data\""'
fetch -b "$DJ.c" "/indicators/$IND_G"
check "data: ... but not on gator's indicator" eval 'eq "$S" 200 && lacks "/indicators/$IND_G/data\""'
fetch -b "$DJ.c" "/indicators/$IND_G/data"
check "data: gator's data page is 403 for skolmat's coordinator" eval 'eq "$S" 403'
csrf_of "$DJ.c" "/indicators/$IND_P/data"
check "data: the data page: 200, private, three forms, valid HTML" \
    eval 'eq "$S" 200 && match "$(hdr Cache-Control)" "private" && eq "$(count "<form method=\"post\" action=\"/indicators/$IND_P/data/")" 3 && tidy_clean'
check "data: ... the upload form is multipart/form-data with the CSRF token as its first field and a file input for .csv and .json" \
    eval 'has_re "<form [^>]*enctype=\"multipart/form-data\"[^>]*><input type=\"hidden\" name=\"csrf\"" && has "type=\"file\"" && has "accept=\".csv,.json\""'
TOK=$CSRF

# ---- one value: add, change, refuse
BEFORE=$(obs "$IND_P")
post "$DJ.c" "/indicators/$IND_P/data/value" "csrf=$TOK" "year=2031" "value=12,5" "source=$XSS" "note=$XSS2"
check "data: a new value with a decimal comma: 303 to the indicator page" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" "/indicators/$IND_P"'
check "data: ... stored as 12.5 with its source and note" \
    eval 'eq "$(obs_at "$IND_P" 2031)" "12.5|$XSS|$XSS2"'
check "data: ... and logged (create, with the values)" \
    eval 'eq "$(q "SELECT action FROM audit_log WHERE entity = '"'"'observation'"'"' AND entity_id = $IND_P ORDER BY id DESC LIMIT 1")" create'
fetch -b "$DJ.c" "/indicators/$IND_P"
check "data: the indicator page shows the value and the payloads escaped" \
    eval 'eq "$S" 200 && cell "2031" && has "&lt;script&gt;alert(1)&lt;/script&gt;" && lacks "<script>alert(1)" && lacks "<img src=x"'
fetch "/indicators/$IND_P"
check "data: ... the visitor's page too" \
    eval 'eq "$S" 200 && cell "2031" && lacks "<script>alert(1)" && lacks "<img src=x"'
post "$DJ.c" "/indicators/$IND_P/data/value" "csrf=$TOK" "year=2031" "value=1 234,75" "source=SCB" "note="
check "data: the same year again changes the value (a group space and a decimal comma)" \
    eval 'eq "$S" 303 && eq "$(obs_at "$IND_P" 2031)" "1234.75|SCB|"'
check "data: ... logged as an update with the value, source and note before and after" \
    eval 'match "$(q "SELECT action || '"'"' '"'"' || changes FROM audit_log WHERE entity = '"'"'observation'"'"' AND entity_id = $IND_P ORDER BY id DESC LIMIT 1")" "^update \{\"value\":\[12.5,1234.75\]"'
NOW=$(obs "$IND_P")
post "$DJ.c" "/indicators/$IND_P/data/value" "csrf=$TOK" "year=20x1" "value=1.234,5" "source=$XSS" "note=n"
check "data: a bad year and value: 422, both named beside their fields, the values kept" \
    eval 'eq "$S" 422 && has "id=\"f-year-error\"" && has "id=\"f-value-error\"" && has "href=\"#f-year\"" && has "value=\"20x1\"" && has "value=\"1.234,5\""'
check "data: ... the title starts with the error, the page is valid HTML, the payload escaped" \
    eval 'has_re "<title>(Fel|Error): " && tidy_clean && lacks "<script>alert(1)"'
check "data: ... and nothing changed" eval 'eq "$(obs "$IND_P")" "$NOW"'
post "$DJ.c" "/indicators/$IND_P/data/value" "csrf=$TOK" "year=1850" "value=3"
check "data: a year before 1900 is refused by the domain, named, nothing changed" \
    eval 'eq "$S" 422 && has "id=\"f-year-error\"" && eq "$(obs "$IND_P")" "$NOW"'
post "$DJ.c" "/indicators/$IND_P/data/value" "year=2032" "value=3"
check "data: a post without the CSRF token is 403, nothing changed" \
    eval 'eq "$S" 403 && eq "$(obs "$IND_P")" "$NOW"'
post "$DJ.c" "/indicators/$IND_G/data/value" "csrf=$TOK" "year=2031" "value=3"
check "data: a value for gator's indicator is 403, nothing changed" \
    eval 'eq "$S" 403 && eq "$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IND_G AND year = 2031")" 0'
post "$DJ.v" "/indicators/$IND_P/data/value" "csrf=x" "year=2032" "value=3"
check "data: a visitor's post changes nothing (refused before its body is read)" \
    eval 'match "$S" "^(303|401|403)$" && eq "$(obs "$IND_P")" "$NOW"'

# ---- a breakdown
post "$DJ.c" "/indicators/$IND_D/data/value" "csrf=$TOK" "year=2031" "value=-0,5" "d0=Förskola $XSS"
check "data: a value for one breakdown ($DIM_D) is stored under it" \
    eval 'eq "$S" 303 && eq "$(obs_at "$IND_D" 2031 "$DIM_D=Förskola $XSS")" "-0.5||"'

# ---- removing a value: a confirmation first
NOW=$(obs "$IND_P")
post "$DJ.c" "/indicators/$IND_P/data/remove" "csrf=$TOK" "remove_year=2031"
check "data: removing asks first: a confirmation page (200) showing the value, nothing removed" \
    eval 'eq "$S" 200 && has "name=\"confirm\" value=\"yes\"" && text_has "SCB" && tidy_clean && eq "$(obs "$IND_P")" "$NOW"'
post "$DJ.c" "/indicators/$IND_P/data/remove" "csrf=$TOK" "remove_year=2031" "confirm=yes"
check "data: the confirmed removal: 303 to the indicator page, the value gone" \
    eval 'eq "$S" 303 && eq "$(obs_at "$IND_P" 2031)" "" && eq "$(obs "$IND_P")" "$BEFORE"'
post "$DJ.c" "/indicators/$IND_P/data/remove" "csrf=$TOK" "remove_year=2031" "confirm=yes"
check "data: removing a value that is not there: 422 beside the year, valid HTML" \
    eval 'eq "$S" 422 && has "id=\"f-remove_year-error\"" && has "value=\"2031\"" && tidy_clean'
post "$DJ.c" "/indicators/$IND_D/data/remove" "csrf=$TOK" "remove_year=2031" "rd0=Förskola $XSS" "confirm=yes"
check "data: a breakdown's value is removed by its breakdown" \
    eval 'eq "$S" 303 && eq "$(obs_at "$IND_D" 2031 "$DIM_D=Förskola $XSS")" ""'

# ---- a period finer than a year (issue 11: observations are keyed by their period)
post "$DJ.c" "/indicators/$IND_P/data/value" "csrf=$TOK" "year=2031 Q1" "value=5"
post "$DJ.c" "/indicators/$IND_P/data/value" "csrf=$TOK" "year=2031 Q2" "value=6"
check "data: two quarters of one year are two values" \
    eval 'eq "$S" 303 && eq "$(q "SELECT period || '"'='"' || CAST(value AS INTEGER) FROM observation WHERE indicator_id = $IND_P AND year = 2031 ORDER BY period_key" | paste -sd,)" "2031 Q1=5,2031 Q2=6"'
post "$DJ.c" "/indicators/$IND_P/data/remove" "csrf=$TOK" "remove_year=2031 Q1" "confirm=yes"
post "$DJ.c" "/indicators/$IND_P/data/remove" "csrf=$TOK" "remove_year=2031 Q2" "confirm=yes"
check "data: ... each removed by its period" \
    eval 'eq "$S" 303 && eq "$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IND_P AND year = 2031")" 0'

# ---- uploading a file
printf 'Year,Value,Source\n2020,10.5,%s\n2021,11,SCB\n2022,12.25,SCB\n' "$XSS" >"$T/good.csv"
printf 'Year,Value\n2020,1\n2021,abc\n2022,3\n' >"$T/bad.csv"
upload() { local jar=$1 path=$2; shift 2; fetch -b "$jar" -c "$jar" "$@" "$path"; }
BEFORE=$(obs "$IND_P")
upload "$DJ.c" "/indicators/$IND_P/data/upload" -F "csrf=$TOK" -F format=csv -F "file=@$T/good.csv;type=text/csv;filename=../../x\"y.csv"
check "data: a good CSV: 303 to the indicator page saying 3 rows were stored" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" "/indicators/$IND_P?stored=3"'
check "data: ... the file replaced the observations (3 rows), the file name reached no path" \
    eval 'eq "$(obs "$IND_P")" "3:33.75" && [ ! -e "$T/x\"y.csv" ] && [ ! -e "x\"y.csv" ]'
fetch -b "$DJ.c" "/indicators/$IND_P?stored=3"
check "data: ... the page shows the notice and the new values, the payload escaped" \
    eval 'eq "$S" 200 && has "class=\"notice\"" && cell "2022" && has "&lt;script&gt;" && lacks "<script>alert"'
fetch "/indicators/$IND_P?stored=3"
check "data: ... a visitor is shown no notice" eval 'eq "$S" 200 && lacks "class=\"notice\" role=\"status\">"'
# a merge with a repeated row: the result page lists the notice, nothing removed
printf 'Year,Value\n2023,13\n2023,13\n' >"$T/merge-dup.csv"
upload "$DJ.c" "/indicators/$IND_P/data/upload" -H "Accept-Language: en" -F "csrf=$TOK" -F format=csv -F mode=merge -F "file=@$T/merge-dup.csv;type=text/csv"
check "data: a merge with a repeated row: 200, the page lists the notice and the counts, valid HTML" \
    eval 'eq "$S" 200 && text_has "Line 3: line 3 repeats line 2 exactly; kept once" && text_has "1 observation in the file: 1 added, 0 changed, 0 removed, 0 unchanged." && tidy_clean'
check "data: ... merged: the three values stay, one is added" eq "$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IND_P")" 4
# the same on a Swedish page: the values (10.5, 12.25) need decimals the indicator (0) does
# not show; the page sends the reader to the indicator's page for that, in Swedish, rather
# than list the domain's English notice
upload "$DJ.c" "/indicators/$IND_P/data/upload" -F "csrf=$TOK" -F format=csv -F mode=merge -F "file=@$T/merge-dup.csv;type=text/csv"
check "data: ... on a Swedish page, a setting that no longer fits the data is said in Swedish, with a link to the indicator's page" \
    eval 'eq "$S" 200 && text_has "indikatorns inställningar passar inte längre dess data: <a href=\"/indicators/$IND_P\">se indikatorns sida</a>." && lacks "setting decimals" && tidy_clean'
fetch "/missions/$SK/history?lang=en"
check "data: ... the mission's history shows the value the import added, by its period" \
    eval 'eq "$S" 200 && has "<span class=\"key\">2023</span>" && text_has "Value: – → 13" && tidy_clean'
printf 'Year,Value\n' >"$T/header-only.csv"
upload "$DJ.c" "/indicators/$IND_P/data/upload" -H "Accept-Language: en" -F "csrf=$TOK" -F format=csv -F "file=@$T/header-only.csv;type=text/csv"
check "data: a header-only file without the box ticked: 422, nothing removed" \
    eval 'eq "$S" 422 && text_has "would remove all 4 observations" && eq "$(q "SELECT COUNT(*) FROM observation WHERE indicator_id = $IND_P")" 4'
printf 'Year,Value,Source\n2020,10.5,%s\n2021,11,SCB\n2022,12.25,SCB\n' "$XSS" >"$T/good.csv"
upload "$DJ.c" "/indicators/$IND_P/data/upload" -F "csrf=$TOK" -F format=csv -F "file=@$T/good.csv;type=text/csv"
NOW=$(obs "$IND_P")
upload "$DJ.c" "/indicators/$IND_P/data/upload" -H "Accept-Language: en" -F "csrf=$TOK" -F format=csv -F "file=@$T/bad.csv;type=text/csv"
check "data: a CSV with an error on line 3, column 2: 422, the message says where, beside the file field" \
    eval 'eq "$S" 422 && has "id=\"f-file-error\"" && text_has "Line 3, column 2" && tidy_clean'
check "data: ... and nothing was stored" eval 'eq "$(obs "$IND_P")" "$NOW"'
check "data: ... the importer's diagnostic in English on the English page" \
    text_has 'The file was not stored. Line 3, column 2: Value "abc" is not a number'
upload "$DJ.c" "/indicators/$IND_P/data/upload" -F "csrf=$TOK" -F format=csv -F "file=@$T/bad.csv;type=text/csv"
check "data: ... in Swedish by default: \"Rad 3, kolumn 2\", nothing stored" \
    eval 'eq "$S" 422 && text_has "Filen sparades inte. Rad 3, kolumn 2" && eq "$(obs "$IND_P")" "$NOW"'
check "data: ... the importer's diagnostic in Swedish too, on the Swedish page" \
    text_has 'Filen sparades inte. Rad 3, kolumn 2: Value ”abc” är inte ett tal'
printf '[{"Year": 2019, "Value": 1.5}, {"Year": 2020, "Value": 2}]' >"$T/good.json"
upload "$DJ.c" "/indicators/$IND_P/data/upload" -F "csrf=$TOK" -F format=json -F "file=@$T/good.json;type=application/json"
check "data: a JSON file: 303, 2 rows stored" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" "/indicators/$IND_P?stored=2" && eq "$(obs "$IND_P")" "2:3.5"'
NOW=$(obs "$IND_P")
upload "$DJ.c" "/indicators/$IND_P/data/upload" -F "csrf=$TOK" -F format=csv -F "file=@/dev/null;filename="
check "data: no file chosen: 422 beside the file field, nothing changed" \
    eval 'eq "$S" 422 && has "id=\"f-file-error\"" && eq "$(obs "$IND_P")" "$NOW"'
upload "$DJ.c" "/indicators/$IND_P/data/upload" -F format=csv -F "csrf=$TOK" -F "file=@$T/good.csv;type=text/csv"
check "data: an upload whose first part is not csrf is 403, nothing changed" \
    eval 'eq "$S" 403 && eq "$(obs "$IND_P")" "$NOW"'
upload "$DJ.c" "/indicators/$IND_P/data/upload" -F format=csv -F "file=@$T/good.csv;type=text/csv"
check "data: an upload without the csrf part is 403, nothing changed" \
    eval 'eq "$S" 403 && eq "$(obs "$IND_P")" "$NOW"'
upload "$DJ.c" "/indicators/$IND_P/data/upload" -F "csrf=not-the-token" -F "file=@$T/good.csv;type=text/csv"
check "data: an upload with another token is 403, nothing changed" \
    eval 'eq "$S" 403 && eq "$(obs "$IND_P")" "$NOW"'
upload "$DJ.c" "/indicators/$IND_G/data/upload" -F "csrf=$TOK" -F "file=@$T/good.csv;type=text/csv"
check "data: an upload to gator's indicator is 403, nothing changed" \
    eval 'eq "$S" 403 && ne "$(obs "$IND_G")" "3:33.75"'
upload "$DJ.v" "/indicators/$IND_P/data/upload" -F "csrf=x" -F "file=@$T/good.csv;type=text/csv"
check "data: a visitor's upload changes nothing" \
    eval 'match "$S" "^(303|401|403)$" && eq "$(obs "$IND_P")" "$NOW"'
head -c $((26 << 20)) /dev/zero | tr '\0' '1' >"$T/big.csv"
upload "$DJ.c" "/indicators/$IND_P/data/upload" -F "csrf=$TOK" -F "file=@$T/big.csv;type=text/csv"
check "data: an upload over the limit (26 MiB) is 413, nothing changed" \
    eval 'eq "$S" 413 && eq "$(obs "$IND_P")" "$NOW"'
rm -f "$T/big.csv"
upload "$DJ.c" "/indicators/$IND_P/data/upload" -H "Content-Type: multipart/form-data" --data-binary "x"
check "data: a multipart body without a boundary is 415" eval 'eq "$S" 415'
upload "$DJ.c" "/indicators/$IND_P/data/upload" -H "Content-Type: multipart/form-data; boundary=b" --data-binary $'--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'"$TOK"$'\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nYear,Value\r\n2020,5\r\n'
check "data: a body that ends before its closing boundary is 400, nothing changed" \
    eval 'eq "$S" 400 && eq "$(obs "$IND_P")" "$NOW"'
