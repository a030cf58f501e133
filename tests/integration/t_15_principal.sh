# t_15_principal.sh — who asks never leaks through the shared response cache. Two API
# tokens, A (admin) and B (a coordinator), and anonymous ask GET /api/v1/me, one after
# another and all at once, many times: each always sees itself. A token's answer is
# private (Cache-Control: private, no-store; Vary names Authorization and Cookie), is
# never answered 304 (not with A's ETag, nor with "*"), and is never the copy another
# request gets; the anonymous answer is the only one shared. A request with a token is
# never answered from the shared cache, even for a public page.

P_A=$("$BIN" token create --db "$DB" --name "principal-a" --role admin 2>/dev/null | tail -1)
P_B=$("$BIN" token create --db "$DB" --name "principal-b" --role coordinator --mission "$SK" 2>/dev/null | tail -1)
check "principal: two API tokens are created" eval 'match "$P_A" "^svk_" && match "$P_B" "^svk_"'
ME=/api/v1/me

# me_is WHO — the last body says the request was WHO (anonymous, or a token's name)
me_is()
{
    if [ "$1" = anonymous ]; then
        jqt "$B" '.kind == "anonymous" and .name == null and .id == null and .role == null'
    else
        jqt "$B" --arg n "$1" '.kind == "token" and .name == $n'
    fi
}
private_headers()
{
    match "$(hdr Cache-Control)" '(^|[ ,])private($|[ ,])' &&
        match "$(hdr Cache-Control)" '(^|[ ,])no-store($|[ ,])' && vary_credentials
}
vary_credentials() { match "$(hdr Vary)" 'Authorization' && match "$(hdr Vary)" 'Cookie'; }

fetch "$ME"
check "principal: anonymous /me says anonymous" eval 'eq "$S" 200 && me_is anonymous'
check "principal: ... its Vary names Authorization and Cookie (a proxy keys it on them)" vary_credentials
E_ANON=$(hdr ETag)
fetch -H "Authorization: Bearer $P_A" "$ME"
check "principal: A's /me says A, admin of every mission" \
    eval 'eq "$S" 200 && me_is principal-a && jqt "$B" ".role == \"admin\" and .mission_id == null"'
check "principal: ... private, no-store, Vary: Authorization, Cookie" private_headers
E_A=$(hdr ETag)
A_BODY=$(<"$B")
fetch -H "Authorization: Bearer $P_B" "$ME"
check "principal: B's /me says B, coordinator of $SK" \
    eval 'eq "$S" 200 && me_is principal-b && jqt "$B" --argjson m "$MID_SK" ".role == \"coordinator\" and .mission_id == \$m"'
check "principal: ... private, no-store, Vary: Authorization, Cookie" private_headers

# one after another, many times: anonymous (which the cache keeps) between A and B
interleaved()
{
    local i who bad=
    for i in $(seq 1 20); do
        for who in anonymous principal-a principal-b; do
            case $who in
            anonymous) fetch "$ME" ;;
            principal-a) fetch -H "Authorization: Bearer $P_A" "$ME" ;;
            principal-b) fetch -H "Authorization: Bearer $P_B" "$ME" ;;
            esac
            [ "$S" = 200 ] && me_is "$who" >/dev/null || bad+=" $i:$who:$S:$(head -c 80 "$B")"
        done
    done
    [ -z "$bad" ] || fail "wrong answers:$bad"
}
check "principal: 20 rounds of anonymous, A, B: each always sees itself" interleaved

# all at once: three clients, 60 requests each on a keep-alive connection, at the same time
concurrent()
{
    local urls=() i pids=() who bad=
    for i in $(seq 1 60); do urls+=("$BASE$ME"); done
    curl -s --max-time 30 -w '\n' "${urls[@]}" >"$T/p_anon.out" &
    pids+=($!)
    curl -s --max-time 30 -w '\n' -H "Authorization: Bearer $P_A" "${urls[@]}" >"$T/p_a.out" &
    pids+=($!)
    curl -s --max-time 30 -w '\n' -H "Authorization: Bearer $P_B" "${urls[@]}" >"$T/p_b.out" &
    pids+=($!)
    wait "${pids[@]}"
    for who in anon a b; do
        [ "$(grep -c . "$T/p_$who.out")" = 60 ] || bad+=" $who: $(grep -c . "$T/p_$who.out") answers;"
    done
    [ "$(jq -r '.kind' "$T/p_anon.out" | sort -u)" = anonymous ] || bad+=" anonymous saw: $(jq -r '.name' "$T/p_anon.out" | sort -u | tr '\n' ' ');"
    [ "$(jq -r '.name' "$T/p_a.out" | sort -u)" = principal-a ] || bad+=" A saw: $(jq -r '.name' "$T/p_a.out" | sort -u | tr '\n' ' ');"
    [ "$(jq -r '.name' "$T/p_b.out" | sort -u)" = principal-b ] || bad+=" B saw: $(jq -r '.name' "$T/p_b.out" | sort -u | tr '\n' ' ');"
    [ -z "$bad" ] || fail "$bad"
}
check "principal: anonymous, A and B at once, 60 requests each: each always sees itself" concurrent

fetch -H "Authorization: Bearer $P_B" -H "If-None-Match: $E_A" "$ME"
check "principal: B sending A's ETag gets 200 with B" eval 'nonempty "$E_A" && eq "$S" 200 && me_is principal-b'
fetch -H "Authorization: Bearer $P_B" -H 'If-None-Match: *' "$ME"
check "principal: B sending If-None-Match: * gets 200 with B (a token's answer is never 304)" \
    eval 'eq "$S" 200 && me_is principal-b'
E_B=$(hdr ETag)
fetch -H "Authorization: Bearer $P_B" -H "If-None-Match: $E_B" "$ME"
check "principal: ... not even with its own ETag" eval 'eq "$S" 200 && me_is principal-b'
fetch -H "If-None-Match: $E_A" "$ME"
check "principal: anonymous sending A's ETag gets 200, anonymous" eval 'eq "$S" 200 && me_is anonymous'
fetch -H "If-None-Match: \"$(printf '%s' "$A_BODY" | b2sum -l 128 | cut -d' ' -f1)\"" "$ME"
check "principal: anonymous sending the hash of A's answer gets 200, anonymous" \
    eval 'eq "$S" 200 && me_is anonymous'
fetch -H "If-None-Match: $E_ANON" "$ME"
check "principal: the anonymous answer, shared, still revalidates: 304" eq "$S" 304
fetch -H "Authorization: Bearer $P_A" "$ME"
check "principal: A after all that still sees A" eval 'eq "$S" 200 && me_is principal-a'

fetch -H 'Authorization: Bearer svk_not-a-token' "$ME"
check "principal: a token that is not valid gets 401 invalid_token" \
    eval 'eq "$S" 401 && jqt "$B" ".error.code == \"unauthorized\"" && match "$(hdr WWW-Authenticate)" "invalid_token"'
fetch -H 'Authorization: Basic dXNlcjpwYXNz' "$ME"
check "principal: another scheme (Basic) is not a credential samverka takes: anonymous" \
    eval 'eq "$S" 200 && me_is anonymous'

# a public page: anonymous requests share the cached copy, one with a token never gets it
# (the access log says cache=hit or cache=miss; it logs the path without the query)
P_LIST=/api/v1/missions
logged() { grep -cF "path=\"$P_LIST\" status=200" "$T/server.log"; }
logged_at_least() { ge "$(logged)" "$1"; }
last_cache() { grep -F "path=\"$P_LIST\" status=200" "$T/server.log" | tail -n 1 | sed -n 's/.* cache=\([a-z]*\).*/\1/p'; }
fetch "$P_LIST"
N_LOGGED=$(($(logged) + 1))
fetch "$P_LIST"
ANON_BODY=$(<"$B")
check "principal: a public API list is answered from the cache to anonymous" \
    eval 'wait_for 3 logged_at_least $N_LOGGED >/dev/null && eq "$(last_cache)" hit'
fetch -H "Authorization: Bearer $P_A" "$P_LIST"
check "principal: ... and rendered for a request with a token (cache=miss)" \
    eval 'wait_for 3 logged_at_least $((N_LOGGED + 1)) >/dev/null && eq "$(last_cache)" miss'
check "principal: ... with the same content (it does not depend on who asks)" eq "$(<"$B")" "$ANON_BODY"
check "principal: ... which stays public (no-cache, no Vary on Authorization)" \
    eval 'eq "$(hdr Cache-Control)" no-cache && ! match "$(hdr Vary)" Authorization'
