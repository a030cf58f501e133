# t_11w_write.sh — the JSON API's writes: tokens, scope, content types, the
# import of an indicator's data (all or nothing, errors with line and column),
# settings with mass-assignment refused, and the pages showing a write at once.

mk_token() { "$BIN" token create --db "$DB" "$@" 2>/dev/null | tail -1; }
TOK_ADMIN=$(mk_token --name it-admin --role admin)
TOK_GA=$(mk_token --name it-gator --role coordinator --mission "$GA")
check "write: tokens are created" eval 'match "$TOK_ADMIN" "^svk_" && match "$TOK_GA" "^svk_"'
# (other files create tokens of their own: count these two)
only_hash_stored()
{
    eq "$(q "SELECT COUNT(*) FROM api_token WHERE hash = $(sqls "$TOK_ADMIN")")" 0 &&
        eq "$(q "SELECT COUNT(*) FROM api_token WHERE name IN ('it-admin', 'it-gator')")" 2
}
check "write: only a hash of the token is stored" only_hash_stored

obs_hash() { q "SELECT * FROM observation WHERE indicator_id = $IND ORDER BY series, unit, disagg, year" | sha256sum | cut -d' ' -f1; }
H0=$(obs_hash)
printf 'Year,Value\n2019,60\n2022,50\n2024,44\n' >"$T/up.csv"
fetch -X POST -H 'Content-Type: text/csv' --data-binary @"$T/up.csv" "/api/v1/indicators/$IND/data"
check "write: no token -> 401 with WWW-Authenticate" eval 'eq "$S" 401 && has_hdr WWW-Authenticate'
fetch -X POST -H 'Authorization: Bearer svk_notatoken' -H 'Content-Type: text/csv' --data-binary @"$T/up.csv" "/api/v1/indicators/$IND/data"
check "write: a wrong token -> 401" eq "$S" 401
fetch -X POST -H "Authorization: Bearer $TOK_ADMIN" -H 'Content-Type: text/plain' --data-binary @"$T/up.csv" "/api/v1/indicators/$IND/data"
check "write: a wrong content type -> 415" eq "$S" 415
fetch -X POST -H "Authorization: Bearer $TOK_GA" -H 'Content-Type: text/csv' --data-binary @"$T/up.csv" "/api/v1/indicators/$IND/data"
check "write: a coordinator of another mission -> 403" eq "$S" 403
fetch -X POST -H "Authorization: Bearer $TOK_ADMIN" -H 'Sec-Fetch-Site: cross-site' -H 'Content-Type: text/csv' --data-binary @"$T/up.csv" "/api/v1/indicators/$IND/data"
check "write: a cross-site request -> 403" eq "$S" 403
check "write: nothing changed so far" eq "$(obs_hash)" "$H0"

printf 'Year,Value\n2019,60\n2022,50\n2023,oops\n' >"$T/bad.csv"
fetch -X POST -H "Authorization: Bearer $TOK_ADMIN" -H 'Content-Type: text/csv' --data-binary @"$T/bad.csv" "/api/v1/indicators/$IND/data"
check "write: a bad row -> 422 naming line 4, column 2" \
    eval 'eq "$S" 422 && jq -e ".error.line == 4 and .error.column == 2" "$B" >/dev/null'
check "write: ... and nothing changed" eq "$(obs_hash)" "$H0"
head -c 26214500 /dev/zero | tr '\0' 'a' >"$T/big.csv"
fetch -X POST -H "Authorization: Bearer $TOK_ADMIN" -H 'Content-Type: text/csv' --data-binary @"$T/big.csv" "/api/v1/indicators/$IND/data"
check "write: a body over 25 MiB -> 413" eq "$S" 413
check "write: ... and nothing changed" eq "$(obs_hash)" "$H0"

fetch "/indicators/$IND" # warm the cache
fetch -X POST -H "Authorization: Bearer $TOK_ADMIN" -H 'Content-Type: text/csv' --data-binary @"$T/up.csv" "/api/v1/indicators/$IND/data"
check "write: a valid file -> 200 with the count and the new assessment" \
    eval 'eq "$S" 200 && jq -e ".observations == 3 and (.progress.status | type == \"string\")" "$B" >/dev/null'
check "write: the observations are replaced" eq "$(q "SELECT year || ':' || CAST(value AS INTEGER) FROM observation WHERE indicator_id = $IND ORDER BY year" | paste -sd' ')" "2019:60 2022:50 2024:44"
check "write: the import is in the audit log" ge "$(q "SELECT COUNT(*) FROM audit_log WHERE entity = 'indicator' AND entity_id = $IND AND action = 'import' AND who = 'it-admin'")" 1
fetch "/indicators/$IND"
check "write: the indicator page shows the new data at once" eval 'cell 44 || text_has ">44<"'
fetch "/indicators/$IND/data.csv"
check "write: the download shows the new data" eq "$(tail -n +2 "$B" | awk -F, '{ print $1 ":" $NF }' | paste -sd' ')" "2019:60 2022:50 2024:44"
printf '[{"Year":"2019","Value":61},{"Year":"2024","Value":45}]' >"$T/up.json"
fetch -X POST -H "Authorization: Bearer $TOK_ADMIN" -H 'Content-Type: application/json' --data-binary @"$T/up.json" "/api/v1/indicators/$IND/data"
check "write: JSON records import too" eval 'eq "$S" 200 && jq -e ".observations == 2" "$B" >/dev/null'

# settings
fetch -X PATCH -H "Authorization: Bearer $TOK_ADMIN" -H 'Content-Type: application/json' -d '{"target":{"kind":"absolute","value":20,"year":2030},"thresholds":{"high":0.9,"med":0.5,"low":0}}' "/api/v1/indicators/$IND"
check "write: PATCH settings -> 200 with the new configuration" \
    eval 'eq "$S" 200 && jq -e ".progress.config.target == 20 and .progress.config.thresholds.high == 0.9" "$B" >/dev/null'
SET0=$(q "SELECT target_value, mission_id, objective_id FROM indicator WHERE id = $IND")
for body in '{"mission_id": 2}' '{"role": "admin"}' '{"owner_id": 1}' '{"target": {"kind": "absolute"}}' '{"base_year": 1700}' '{"thresholds": {"high": 0, "med": 1, "low": 2}}' '[1]' '{"direction": "sideways"}'; do
    fetch -X PATCH -H "Authorization: Bearer $TOK_ADMIN" -H 'Content-Type: application/json' -d "$body" "/api/v1/indicators/$IND"
    check "write: PATCH $body is refused (4xx) and names the problem" \
        eval 'match "$S" "^4(00|22)$" && jq -e ".error.message | length > 0" "$B" >/dev/null'
done
check "write: ... and none of them changed anything" eq "$(q "SELECT target_value, mission_id, objective_id FROM indicator WHERE id = $IND")" "$SET0"
fetch -X PATCH -H "Authorization: Bearer $TOK_ADMIN" -H 'Content-Type: text/plain' -d '{}' "/api/v1/indicators/$IND"
check "write: PATCH without application/json -> 415" eq "$S" 415

# concurrency limit on imports: two slow uploads hold the slots, a third gets 429
head -c 6000 /dev/zero | tr '\0' '1' | sed 's/^/Year,Value\n/' >"$T/slow.csv"
SLOW=()
for n in 1 2; do
    curl -s -o /dev/null --limit-rate 2000 -X POST -H "Authorization: Bearer $TOK_ADMIN" \
        -H 'Content-Type: text/csv' --data-binary @"$T/slow.csv" "$BASE/api/v1/indicators/$IND/data" &
    SLOW+=($!)
done
sleep 1
fetch -X POST -H "Authorization: Bearer $TOK_ADMIN" -H 'Content-Type: text/csv' --data-binary @"$T/up.csv" "/api/v1/indicators/$IND/data"
check "write: a third import at once -> 429 with Retry-After" eval 'eq "$S" 429 && has_hdr Retry-After'
wait "${SLOW[@]}" # only the uploads: the server is a child too
"$BIN" token revoke --db "$DB" --id "$(q "SELECT id FROM api_token WHERE name = 'it-admin'")" >/dev/null 2>&1
fetch -X PATCH -H "Authorization: Bearer $TOK_ADMIN" -H 'Content-Type: application/json' -d '{}' "/api/v1/indicators/$IND"
check "write: a revoked token -> 401" eq "$S" 401
