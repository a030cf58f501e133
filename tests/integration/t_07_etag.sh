# t_07_etag.sh — conditional GET and keep-alive: a 200 carries an ETag, the
# same ETag in If-None-Match gives 304 with no body (rendered or cached), a
# stale one gives 200; languages get different ETags; a page's ETag still
# gives 304 after its views were written (the suite's server writes them every
# second: a write of views alone moves no ETag, docs/internals/http.md); two
# requests on one curl run share one connection, and a GET 200 never says
# Connection: close.

etag_cycle()
{
    local path=$1 etag
    fetch "$path"
    etag=$(hdr ETag)
    check "etag $path: 200 with an ETag" eval 'eq "$S" 200 && match "$etag" "^(W/)?\"[^\"]+\"$"'
    check "etag $path: Vary names Accept-Language" match "$(hdr Vary)" 'Accept-Language'
    fetch -H "If-None-Match: $etag" "$path"
    check "etag $path: If-None-Match with it gives 304, no body" eval 'eq "$S" 304 && eq "$(stat -c %s "$B")" 0'
    check "etag $path: the 304 repeats the ETag" eval 'nonempty "$etag" && eq "$(hdr ETag)" "$etag"'
    fetch -H "If-None-Match: $etag" "$path"
    check "etag $path: 304 again (from the cache)" eq "$S" 304
    fetch -H 'If-None-Match: "0000000000000000"' "$path"
    check "etag $path: a stale ETag gives 200 with the body" eval 'eq "$S" 200 && [ -s "$B" ]'
    fetch -H "If-None-Match: \"00\", $etag" "$path"
    check "etag $path: matches within a list of ETags" eq "$S" 304
}
etag_cycle "/missions/$SK"
etag_cycle /api/v1/missions
etag_cycle "/indicators/$IND/data.csv"

fetch "/missions/$SK"
E_SV=$(hdr ETag)
fetch "/missions/$SK?lang=en"
check "etag: Swedish and English pages have different ETags" eval 'nonempty "$E_SV" && ne "$(hdr ETag)" "$E_SV"'
fetch -H "If-None-Match: $E_SV" -H 'Accept-Language: en' "/missions/$SK"
check "etag: the Swedish ETag does not validate the English page" eq "$S" 200

# views written: the page's ETag still holds (its view count is refreshed later, at the
# next change or after view-count-lag; t_16_view_lag)
E_VIEWS=$(q "SELECT COALESCE(SUM(n), 0) FROM page_view WHERE page = '/missions/$SK'")
fetch "/missions/$SK"
E_SV=$(hdr ETag)
fetch "/missions/$SK"
fetch "/missions/$SK"
views_written() { ge "$(q "SELECT COALESCE(SUM(n), 0) FROM page_view WHERE page = '/missions/$SK'")" $((E_VIEWS + 3)); }
check "etag: the views of /missions/$SK are written (flush every second)" wait_for 5 views_written
sleep 0.3 # the watcher's next look at the database after the write
fetch -H "If-None-Match: $E_SV" "/missions/$SK"
check "etag: after views were written, the page's ETag still gives 304" eq "$S" 304
fetch "/missions/$SK"
check "etag: ... and a fresh GET has the same ETag" eq "$(hdr ETag)" "$E_SV"

# ------------------------------------------------------------------ keep-alive

keep_alive()
{
    local path=$1
    curl -sv --max-time 10 -o /dev/null -o /dev/null "$BASE$path" "$BASE$path" >"$T/ka.out" 2>&1
    grep -qiE 're-?using existing connection' "$T/ka.out" ||
        fail "curl opened a second connection: $(grep -iE '^\* (connected|re-?using|closing)|^< connection' "$T/ka.out" | head -n 6)"
}
check "keep-alive: two GET / on one curl run reuse the connection" keep_alive /
check "keep-alive: two GET /api/v1/missions reuse the connection" keep_alive /api/v1/missions
check "keep-alive: two GET /missions/$SK reuse the connection" keep_alive "/missions/$SK"
fetch "/missions/$SK"
check "keep-alive: GET 200 has no Connection: close" eval 'eq "$S" 200 && ! match "$(hdr Connection)" "[Cc]lose"'
fetch /api/v1/missions
check "keep-alive: API GET 200 has no Connection: close" eval 'eq "$S" 200 && ! match "$(hdr Connection)" "[Cc]lose"'
