# t_28_get_changes_nothing.sh — a GET changes no state (SECURITY.md item 14): every GET
# route of the route table, filled with ids of the database, fetched by a visitor and by
# each signed-in role (a plain user, the representative, the coordinator, an admin), leaves
# every table as it was but the two the server writes for reading by design: the page-view
# counts and a session's last use (both written by the change watcher, never by the request).

GC_DB=$(new_db get_state)
db_copy "$DB" "$GC_DB"
start_server "$GC_DB" "$T/gc.out" "$T/gc.log" >"$T/gc.msg" 2>&1
GC_PID=$SRV_PID
SRV_PID=
GC_MAIN=$BASE
BASE=$SRV_BASE
GC_QDB=${QDB:-}
QDB=$GC_DB
GCJ=$T/gc-jar
rm -f "$GCJ".*
csrf_of "$GCJ.user" /account/sign-up
post "$GCJ.user" /account/sign-up "csrf=$CSRF" "name=Crawl User" "email=crawl-user@example.se" "password=crawl user password"
check "get: the crawling roles sign in" eval '[ "$S" = 303 ] &&
    sign_in "$GCJ.rep" actor@example.org demo-actor-2026 &&
    sign_in "$GCJ.coord" coordinator@example.org demo-coordinator-2026 SAMVERKADEMOCOORDINATORKEY234567 &&
    sign_in "$GCJ.admin" admin@example.org demo-admin-2026 SAMVERKADEMOADMINSECRETKEY234567'
: >"$GCJ.public"

# the database without the counts reading writes by design
state()
{
    db_dump "$GC_DB" | awk '
        /^COPY public\.(page_view|user_session) / { skip = 1; next }
        skip && /^\\\.$/ { skip = 0; next }
        skip { next }
        /^INSERT INTO "?(page_view|user_session)"? / { next }
        { print }'
}
BEFORE=$(state)
N_GETS=0
GC_BAD=
while IFS=$'\t' read -r -u 3 meth pat kind flags schema query authz; do
    [ "$meth" = GET ] || continue
    path=$(concrete "$pat") || continue
    for role in public user rep coord admin; do
        fetch -b "$GCJ.$role" "$path"
        N_GETS=$((N_GETS + 1))
        case $S in 5*) GC_BAD+=" $role:$path:$S" ;; esac
    done
done 3< <(routes)
check "get: every GET route was fetched by five roles ($N_GETS requests), none answered 5xx" \
    eval 'ge "$N_GETS" 100 && { [ -z "$GC_BAD" ] || fail "$GC_BAD"; }'
sleep 1 # any write a request made is committed before its answer; this only lets a slow one land
AFTER=$(state)
check "get: ... and every table is as it was (but page views and sessions' last use)" \
    eval '[ "$BEFORE" = "$AFTER" ] || fail "$(diff <(echo "$BEFORE") <(echo "$AFTER") | head -n 8)"'
stop_server "$GC_PID" 10
BASE=$GC_MAIN
QDB=$GC_QDB
