# t_33_honest.sh — every number on a page is honest (issue 11): a setting that leaves one
# year is named as the cause, with what would be assessed without it; projections stop at
# the bounds (no "114 % of respondents"); a reached target has no rate needed; no −0,0;
# one rounding for a rate; periods as in the data; an indicator without a total series
# shows a chart and an assessed series by default, and a coordinator picks another
# (commas in values) through the API and the CLI; settings that contradict the data are
# named and decide no status.

hq_tok() { "$BIN" token create --db "$DB" "$@" 2>/dev/null | tail -1; }
HTOK=$(hq_tok --name it-honest --role admin)
check "honest: a token" match "$HTOK" '^svk_'
hpatch() { fetch -X PATCH -H "Authorization: Bearer $HTOK" -H 'Content-Type: application/json' -d "$1" "/api/v1/indicators/$2"; }
hdata() { fetch -X POST -H "Authorization: Bearer $HTOK" -H 'Content-Type: text/csv' --data-binary @"$1" "/api/v1/indicators/$2/data"; }

# indicator 11 of the demo: its base year is set to its latest year (2023) of four
I11=$(q "SELECT id FROM indicator WHERE title_en = 'Electric share of road traffic'")
check "honest: the demo's electric share indicator exists" nonempty "$I11"
fetch "/indicators/$I11?lang=en"
check "honest: one year left by the base year setting is not blamed on the data" \
    eval 'text_lacks "Only one year of data" && text_has "The base year is set to 2023, the latest year of data"'
check "honest: ... and the page shows what would be assessed without it" \
    eval 'text_has "Without that base year, from the first year of data:" && has_re "Without that base year[^<]*<span class=\"status status-[a-z_]+\""'
check "honest: no forecast sentence without a trend" \
    eval 'text_lacks "not at the current pace" && text_lacks "Target reached, at the current pace"'
fetch "/indicators/$I11?lang=sv"
check "honest: ... in Swedish, naming the setting" text_has "Basåret är satt till 2023, det senaste året med data"
fetch "/missions/$GA?lang=en"
check "honest: an indicator that cannot be assessed draws no sparkline, it says why" \
    has_re "Electric share of road traffic</a> <span class=\"trend\"><span class=\"reason small\">The base year is set to 2023"
check "honest: ... and the others still have theirs" ge "$(count 'class="spark"')" 3
fetch "/api/v1/indicators/$I11"
check "honest: the API names the base year setting and the assessment without it" \
    jqt "$B" '.progress.settings_mismatches[0].setting == "base_year" and (.progress.without_contradicting_settings.status | type == "string") and .progress.status == "not_available"'

# indicator 13: a share of respondents, target reached (its data as the demo has it: files
# before this one import other data into it)
I13=$(q "SELECT id FROM indicator WHERE title_en = 'Residents positive about the street transformation'")
"$BIN" init --demo --db "$T/honest-demo.db" >/dev/null 2>&1
"$BIN" export --db "$T/honest-demo.db" --indicator "$I13" >"$T/i13.csv"
hdata "$T/i13.csv" "$I13"
check "honest: indicator 13 has the demo's data" eq "$S" 200
fetch "/api/v1/indicators/$I13"
check "honest: a percentage is bounded by 0 and 100 by default" \
    jqt "$B" '.bounds.lower == 0 and .bounds.upper == 100 and .bounds.set == false'
check "honest: the projection stops at 100 %" \
    jqt "$B" '.progress.series[0].projection.cagr <= 100 and .progress.series[0].projection.ols <= 100'
check "honest: a reached target has no rate needed" jqt "$B" '.progress.series[0].rate_needed == null'
fetch "/indicators/$I13?lang=en"
check "honest: no 114 % of respondents on the page" text_lacks "114"
check "honest: no rate needed for a reached target" text_lacks "Annual rate needed from now"
check "honest: the chart's axis stops at 100" \
    eval 'has_re "class=\"tick\"[^>]*>100</text>" && lacks_re "class=\"tick\"[^>]*>1[1-9]0</text>"'

# one rounding for one figure, and no negative zero, on every page of the demo
rates_agree()
{
    local p
    for p in $(q "SELECT id FROM indicator WHERE archived_at IS NULL"); do
        fetch "/indicators/$p?lang=en"
        lacks_re "[0-9]\.[0-9][0-9]"$'\xc2\xa0'"?%/yr" || return 1
    done
}
check "honest: every rate on every indicator page has one decimal" rates_agree
no_negative_zero()
{
    local u
    for u in "/?lang=sv" "/missions/$SK?lang=sv" "/missions/$GA?lang=sv" "/missions/$SK?lang=en" \
        "/missions/$GA?lang=en"; do
        fetch "$u"
        text_lacks "−0,0" && text_lacks "-0.0" && text_lacks "−0.0" || return 1
    done
}
check "honest: no negative zero on the mission pages" no_negative_zero
true_minus()
{
    # a negative score or rate reads with the minus sign (U+2212) in English as in Swedish,
    # never a hyphen; the demo's skolmat mission has negative scores in both languages
    local u
    for u in "/missions/$SK?lang=sv" "/missions/$SK?lang=en"; do
        fetch "$u"
        text_has "−" && lacks_re "(score|poäng) -[0-9]" && lacks_re " -[0-9][0-9.,]*"$'\xc2\xa0'"?%/" || return 1
    done
}
check "honest: negative numbers on the mission pages have a true minus in both languages" true_minus

# a file without a total series: samverka shows the longest series nearest to a total, says
# which it is, and a coordinator picks another (a value with commas) through the API
OBJ_GA=$(q "SELECT MIN(id) FROM objective WHERE mission_id = (SELECT id FROM mission WHERE slug = '$GA')")
fetch -X POST -H "Authorization: Bearer $HTOK" -H 'Content-Type: application/json' \
    -d "{\"mission\":\"$GA\",\"objective_id\":$OBJ_GA,\"title\":{\"sv\":\"Dödlighet i trafiken\",\"en\":\"Road deaths\"},\"unit\":{\"sv\":\"antal\",\"en\":\"number\"},\"decimals\":1,\"source\":\"t_33\",\"weight\":0,\"disaggregations\":[\"Sex\",\"Measure\"]}" \
    /api/v1/indicators
IH=$(jq -r '.id' "$B")
check "honest: an indicator with two breakdowns is created" match "$IH" '^[0-9]+$'
cat >"$T/nototal.csv" <<'EOF'
Year,Sex,Measure,Value
2020,F,"Rate per 100,000 population",10.5
2021,F,"Rate per 100,000 population",10.1
2022,F,"Rate per 100,000 population",9.9
2020,M,"Rate per 100,000 population",12
2021,M,"Rate per 100,000 population",11
2020,,Count,600
2020,F,Count,300
2021,F,Count,310
2022,F,Count,290
2023,F,Count,280
EOF
hdata "$T/nototal.csv" "$IH"
check "honest: a file without a total series imports" eq "$S" 200
fetch "/api/v1/indicators/$IH"
check "honest: samverka picks the series with a trend nearest a total, the longest" \
    jqt "$B" '.progress.headline == {"Sex":"F","Measure":"Count"} and .progress.headline_chosen == false and .progress.series[0].observations == 4'
fetch "/indicators/$IH?lang=sv"
check "honest: the page draws it and says which series it is" \
    eval 'has "id=\"ind-chart\"" && text_has "Visar: Sex=F, Measure=Count (ingen totalserie finns)"'
check "honest: ... and assesses it" lacks '<span class="status status-not_available">'
hpatch '{"headline":{"Measure":"Rate per 100,000 population","Sex":"M"}}' "$IH"
check "honest: PATCH picks a series whose value holds commas" \
    eval 'eq "$S" 200 && jq -e ".progress.headline == {\"Sex\":\"M\",\"Measure\":\"Rate per 100,000 population\"} and .progress.headline_chosen == true" "$B" >/dev/null'
fetch "/indicators/$IH?lang=en"
# (the breakdown's words are stored in Swedish only: lang="sv" on the English page)
check "honest: the page names the chosen series" text_has "Shown: <span lang=\"sv\">Sex=M, Measure=Rate per 100,000 population</span> (chosen for this indicator)"
hpatch '{"headline":{"Measure":"Rate"}}' "$IH"
check "honest: a series no row has is still a choice, a field the data lacks is refused" eq "$S" 200
hpatch '{"headline":{"Colour":"red"}}' "$IH"
check "honest: ... a field the indicator lacks is refused (422, named)" \
    eval 'eq "$S" 422 && jq -e ".error.field == \"headline\"" "$B" >/dev/null'
hpatch '{"headline":null}' "$IH"
check "honest: null gives the choice back to samverka" \
    jqt "$B" '.progress.headline == {"Sex":"F","Measure":"Count"} and .progress.headline_chosen == false'

# the settings form: the indicator's series to choose from, a value with commas included
HJ=$T/honest.jar
check "honest: the admin signs in" sign_in_once "$HJ" admin@example.org demo-admin-2026 SAMVERKADEMOADMINSECRETKEY234567
csrf_of "$HJ" "/indicators/$IH/settings?lang=en"
check "honest: the settings form offers the indicator's series to choose from" \
    eval 'has_re "<select[^>]*name=\"headline\"" && has "value=\"Sex=M,Measure=Rate per 100,000 population\"" && text_has "Chosen by samverka (now Sex=F,Measure=Count)"'
post "$HJ" "/indicators/$IH/settings" "csrf=$CSRF" "base_year=" "base_value=" "target_kind=none" \
    "target_value=" "target_year=" "direction=increase" "limit=" "th_high=" "th_med=" "th_low=" \
    "bounds_kind=default" "lower_bound=" "upper_bound=" \
    "headline=Sex=M,Measure=Rate per 100,000 population"
check "honest: the form sets a series whose value holds commas" eq "$S" 303
fetch "/api/v1/indicators/$IH"
check "honest: ... stored as chosen" \
    jqt "$B" '.progress.headline == {"Sex":"M","Measure":"Rate per 100,000 population"} and .progress.headline_chosen == true'
csrf_of "$HJ" "/indicators/$IH/settings"
post "$HJ" "/indicators/$IH/settings" "csrf=$CSRF" "base_year=" "base_value=" "target_kind=none" \
    "target_value=" "target_year=" "direction=increase" "limit=" "th_high=" "th_med=" "th_low=" \
    "bounds_kind=set" "lower_bound=5" "upper_bound=1" "headline="
check "honest: the form refuses bounds out of order beside them (422)" \
    eval 'eq "$S" 422 && has "id=\"f-bounds\""'
post "$HJ" "/indicators/$IH/settings" "csrf=$CSRF" "base_year=" "base_value=" "target_kind=none" \
    "target_value=" "target_year=" "direction=increase" "limit=" "th_high=" "th_med=" "th_low=" \
    "bounds_kind=default" "lower_bound=" "upper_bound=" "headline="
fetch "/api/v1/indicators/$IH"
check "honest: ... and gives the choice back to samverka" jqt "$B" '.progress.headline_chosen == false'

# the CLI: --headline-part takes a value with commas; --headline splits only before a field
IHDB=$(new_db honest)
db_copy "$DB" "$IHDB"
prun_h() { "$BIN" "$@" >"$T/h.out" 2>"$T/h.err"; HRC=$?; }
prun_h indicator set --db "$IHDB" --id "$IH" --headline-part "Measure=Rate per 100,000 population" --headline-part Sex=F
check "honest: CLI --headline-part sets a value with commas" \
    eval 'eq "$HRC" 0 && jq -e ".progress.headline == {\"Sex\":\"F\",\"Measure\":\"Rate per 100,000 population\"}" "$T/h.out" >/dev/null'
prun_h indicator set --db "$IHDB" --id "$IH" --headline "Sex=M,Measure=Rate per 100,000 population"
check "honest: CLI --headline reads a comma inside a value" \
    eval 'eq "$HRC" 0 && jq -e ".progress.headline == {\"Sex\":\"M\",\"Measure\":\"Rate per 100,000 population\"}" "$T/h.out" >/dev/null'
prun_h indicator set --db "$IHDB" --id "$IH" --bounds 0,11
check "honest: CLI --bounds sets them and the projection keeps inside" \
    eval 'eq "$HRC" 0 && jq -e ".progress.config.upper_bound == 11 and .progress.config.lower_bound == 0 and ([.progress.series[].projection.cagr // 0] | max <= 11)" "$T/h.out" >/dev/null'
prun_h indicator set --db "$IHDB" --id "$IH" --bounds 5,1
check "honest: CLI --bounds refuses a lower above the upper, naming it" \
    eval 'eq "$HRC" 1 && grep -q bounds "$T/h.err"'
prun_h indicator set --db "$IHDB" --id "$IH" --headline none --bounds default
check "honest: CLI gives both back to samverka" \
    eval 'eq "$HRC" 0 && jq -e ".headline_chosen == false and .progress.config.upper_bound == null" "$T/h.out" >/dev/null'

# bounds over the API, and the chart's axis
hpatch '{"bounds":{"lower":0,"upper":12}}' "$IH"
fetch "/api/v1/indicators/$IH"
check "honest: PATCH sets the bounds" jqt "$B" '.bounds == {"lower":0,"upper":12,"set":true}'
hpatch '{"bounds":{"lower":3,"upper":1}}' "$IH"
check "honest: PATCH refuses bounds out of order (422, named)" \
    eval 'eq "$S" 422 && jq -e ".error.field == \"bounds\"" "$B" >/dev/null'
hpatch '{"bounds":null}' "$IH"
fetch "/api/v1/indicators/$IH"
check "honest: PATCH null gives the default back" jqt "$B" '.bounds.set == false and .bounds.upper == null'

# periods as the data writes them, and decimals that hide the values
cat >"$T/split.csv" <<'EOF'
Year,Sex,Measure,Value
2009-10,,,4.76
2015-16,,,4.52
2021-22,,,4.31
EOF
hdata "$T/split.csv" "$IH"
check "honest: a split-year file imports" eq "$S" 200
hpatch '{"base_year":2009,"base_value":4.76,"target":{"kind":"absolute","value":4,"year":2030},"direction":"decrease"}' "$IH"
fetch "/indicators/$IH?lang=en"
check "honest: the baseline shows its period as in the data" text_has "(2009-10)"
check "honest: the method table and the chart too" \
    eval 'text_has "2009-10: 4.760" && text_has "from 2009-10 to 2021-22"'
check "honest: the total comes back as the headline" text_lacks "Shown:"
fetch "/missions/$GA?lang=en"
check "honest: the mission page shows the baseline's period as in the data too" \
    text_has "4.8 number (2009-10)"
fetch -X PATCH -H "Authorization: Bearer $HTOK" -H 'Content-Type: application/json' \
    -d '{"decimals":0}' "/api/v1/indicators/$IH/metadata"
fetch "/indicators/$IH?lang=en"
check "honest: decimals that hide the values are named" \
    text_has "The values are shown with 0 decimals, so 4.76 shows as 5; they need 2."

# a target already met at the base value where lower is better: no "target achieved"
hpatch '{"target":{"kind":"absolute","value":5,"year":2030}}' "$IH"
check "honest: a target met at the base value states no status" \
    jqt "$B" '.progress.status == "not_available" and .progress.without_contradicting_settings.status != null and ([.progress.settings_mismatches[].setting] | index("target") != null)'
fetch "/indicators/$IH?lang=en"
check "honest: ... the page says why and what it would be without the target" \
    eval 'text_lacks "Target achieved ·" && text_has "No status is stated: the target is already met by the base value" && text_has "Without that target:"'
check "honest: the indicator page is tidy" tidy_clean "$B"
# periods finer than a year: every one on the chart in order (counted in the wide drawing;
# the narrow one for phones has the same), the assessment on years, and
# an incomplete latest year named
cat >"$T/quarters.csv" <<'EOQ'
Year,Sex,Measure,Value
2020 Q1,,,10
2020 Q2,,,11
2020 Q3,,,12
2020 Q4,,,13
2021 Q1,,,12
2021 Q2,,,11
2021 Q3,,,10
2021 Q4,,,9
2022 Q1,,,8
2022 Q2,,,7
EOQ
hdata "$T/quarters.csv" "$IH"
check "honest: a quarterly file imports" eq "$S" 200
hpatch '{"base_year":null,"target":null}' "$IH"
fetch "/indicators/$IH?lang=en"
check "honest: the chart draws every quarter, the first of a year at the year" \
    eval 'eq "$(tr -d "\n" <"$B" | sed "s/class=\"narrow\".*//" | grep -o "<circle class=\"observed\"" | wc -l)" 10 && text_has "10 observations from 2020 Q1 to 2022 Q2"'
check "honest: an incomplete latest year is named" \
    text_has "2022 is left out: it has 2 of the 4 periods of the year before."
check "honest: a year of quarters is shown as the year" text_has "2020: 11.50"
hpatch '{"base_year":2020,"base_value":11.5}' "$IH"
fetch "/indicators/$IH?lang=en"
check "honest: ... in the baseline too, not as its first quarter" \
    eval 'text_has "12 number (2020)" && text_lacks "(2020 Q1)"'
# decimals that hide a quarter's value: the page names the value as published (the table's),
# not the year's mean the assessment folds it into
printf 'Year,Sex,Measure,Value\n2020 Q1,,,10.4\n2020 Q2,,,10.6\n2021 Q1,,,10\n2021 Q2,,,10\n' \
    >"$T/halves.csv"
hdata "$T/halves.csv" "$IH"
fetch "/indicators/$IH?lang=en"
check "honest: decimals that hide a quarter's value name that value" \
    text_has "The values are shown with 0 decimals, so 10.4 shows as 10; they need 1."

fetch -X POST -H "Authorization: Bearer $HTOK" -H 'Content-Type: application/json' -d '{}' "/api/v1/indicators/$IH/archive"
check "honest: the test indicator is archived again" eq "$S" 200
