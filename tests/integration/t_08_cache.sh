# t_08_cache.sh — the response cache never serves stale data: a commit by
# another process (sqlite3 writing to the database file) shows on the very next
# request, on the page, the index and the API, and the ETag moves with it. (On
# PostgreSQL, a writer that is not samverka is seen within 100 ms.)

cache_title() { q "SELECT title_sv FROM mission WHERE slug = '$GA'"; }
OLD_TITLE=$(cache_title)
NEW_TITLE="Gator i förändring $$-$RANDOM"

fetch "/missions/$GA"
fetch "/missions/$GA" # the second is served from the cache
E_OLD=$(hdr ETag)
check "cache: /missions/$GA shows the current title" h1_has "$OLD_TITLE"
fetch /
fetch "/api/v1/missions/$GA"

check "cache: another process updates the title" \
    q "UPDATE mission SET title_sv = $(sqls "$NEW_TITLE") WHERE slug = '$GA'"
# psql sends no notification: on PostgreSQL the watcher sees it within its 100 ms fallback
# (samverka's own commits, in any instance, notify and show at once: t_11y_instances)
foreign_write_seen() { [ "$BACKEND" != pg ] || sleep 0.15; }
foreign_write_seen
fetch "/missions/$GA"
check "cache: /missions/$GA shows the new title at once" eval 'eq "$S" 200 && text_has "$NEW_TITLE" && text_lacks "$OLD_TITLE"'
check "cache: the ETag changed" eval 'nonempty "$E_OLD" && ne "$(hdr ETag)" "$E_OLD"'
fetch -H "If-None-Match: $E_OLD" "/missions/$GA"
check "cache: the old ETag no longer gives 304" eq "$S" 200
fetch /
check "cache: / shows the new title at once" text_has "$NEW_TITLE"
fetch "/api/v1/missions/$GA"
check "cache: the API shows the new title at once" jqt "$B" --arg t "$NEW_TITLE" '[.. | strings] | index($t) != null'

check "cache: another process restores the title" \
    q "UPDATE mission SET title_sv = $(sqls "$OLD_TITLE") WHERE slug = '$GA'"
foreign_write_seen
fetch "/missions/$GA"
check "cache: /missions/$GA shows the restored title at once" eval 'text_has "$OLD_TITLE" && text_lacks "$NEW_TITLE"'
