# t_27_authz_matrix.sh — the authorization matrix over HTTP (SECURITY.md item 20): every
# write route of the route table (`samverka routes`, the routes naming a rule) x every
# role (the public, a plain user, the representative of hofors-kommun, the coordinator of
# skolmat, an admin) x a resource that is theirs and one that is not, against the outcome
# tests/integration/authz-expect.tsv gives for the route's rule (written by hand). A
# refused write is 403 for someone signed in (404 for a non-public learning log entry or
# portfolio review they may not read: its PATCH does not tell it exists), and for the
# public 401 (API) or a redirect to sign in (a page); an allowed one is neither (it may still be refused for its empty
# body: 400 or 422). The matrix runs on its own copy of the database and server, as the
# allowed requests may change data; the sign-out comes last for each role.

MX_DB=$(new_db authz_matrix)
MX_START=$(date +%s)
db_copy "$DB" "$MX_DB"
start_server "$MX_DB" "$T/mx.out" "$T/mx.log" >"$T/mx.msg" 2>&1
MX_PID=$SRV_PID
SRV_PID=
MX_MAIN=$BASE
BASE=$SRV_BASE
QDB_SAVED=${QDB:-}
QDB=$MX_DB
check "matrix: a server on a copy of the database" nonempty "$BASE"

declare -A EXPECT=()
while read -r rule rest; do
    [[ -z $rule || $rule == '#'* ]] && continue
    EXPECT[$rule]=$rest
done <"$(dirname "${BASH_SOURCE[0]}")/authz-expect.tsv"

# the roles' browsers; a plain user signs up
MXJ=$T/mx-jar
rm -f "$MXJ".*
csrf_of "$MXJ.user" /account/sign-up
post "$MXJ.user" /account/sign-up "csrf=$CSRF" "name=Matrix User" "email=matrix-user@example.se" "password=matrix user password"
check "matrix: a plain user signs up" eq "$S" 303
check "matrix: the representative of hofors-kommun signs in" sign_in "$MXJ.rep" actor@example.org demo-actor-2026
check "matrix: the coordinator of skolmat signs in (with the second factor)" \
    sign_in "$MXJ.coord" coordinator@example.org demo-coordinator-2026 SAMVERKADEMOCOORDINATORKEY234567
check "matrix: an admin signs in (with the second factor)" \
    sign_in "$MXJ.admin" admin@example.org demo-admin-2026 SAMVERKADEMOADMINSECRETKEY234567
: >"$MXJ.public"
declare -A TOK=()
for r in user rep coord admin; do
    csrf_of "$MXJ.$r" /account
    TOK[$r]=$CSRF
done
TOK[public]=

# what is whose: the resources each role owns, and ones it does not
declare -A EMAIL=([user]=matrix-user@example.se [rep]=actor@example.org [coord]=coordinator@example.org [admin]=admin@example.org)
own_person() { q "SELECT person_id FROM user_account WHERE email_key = '$1'"; }
FOREIGN_PERSON=$(q "SELECT MIN(id) FROM person WHERE id NOT IN (SELECT person_id FROM user_account)")
OWN_ACTOR=$(q "SELECT id FROM actor WHERE slug = 'hofors-kommun'")
FOREIGN_ACTOR=$(q "SELECT MIN(id) FROM actor WHERE slug <> 'hofors-kommun' AND id NOT IN (SELECT actor_id FROM actor_representative)")
OWN_MISSION=skolmat
FOREIGN_MISSION=gator
in_mission() { q "SELECT MIN(x.id) FROM $1 x JOIN mission m ON m.id = x.mission_id WHERE m.slug = '$2'"; }
OWN_INITIATIVE=$(q "SELECT MIN(n.id) FROM initiative n JOIN mission m ON m.id = n.mission_id WHERE m.slug = 'skolmat' AND n.lead_actor_id = $OWN_ACTOR")
FOREIGN_INITIATIVE=$(q "SELECT MIN(n.id) FROM initiative n JOIN mission m ON m.id = n.mission_id WHERE m.slug = 'gator' AND n.lead_actor_id <> $OWN_ACTOR")
OWN_COMMITMENT=$(q "SELECT MIN(c.id) FROM commitment c JOIN mission m ON m.id = c.mission_id WHERE m.slug = 'skolmat' AND c.actor_id = $OWN_ACTOR")
FOREIGN_COMMITMENT=$(q "SELECT MIN(c.id) FROM commitment c JOIN mission m ON m.id = c.mission_id WHERE m.slug = 'gator' AND c.actor_id <> $OWN_ACTOR")
OWN_LEARNING=$(q "SELECT MIN(e.id) FROM learning_entry e JOIN mission m ON m.id = e.mission_id WHERE m.slug = 'skolmat'")
FOREIGN_LEARNING=$(q "SELECT MIN(e.id) FROM learning_entry e JOIN mission m ON m.id = e.mission_id WHERE m.slug = 'gator'")
OWN_REVIEW=$(q "SELECT MIN(r.id) FROM portfolio_review r JOIN mission m ON m.id = r.mission_id WHERE m.slug = 'skolmat'")
FOREIGN_REVIEW=$(q "SELECT MIN(r.id) FROM portfolio_review r JOIN mission m ON m.id = r.mission_id WHERE m.slug = 'gator'")
# the account pages' resources: an account no role is (the admins' routes act on it, so
# that granting, taking and disabling change no role of the matrix), an API token of each
# role's own and one of that account's, the roles' own accounts and missions by id
"$BIN" user add --db "$MX_DB" --email matrix-other@example.se --name "Matrix Other" \
    --password-stdin <<<"matrix other password" >/dev/null 2>&1
OTHER_ACCOUNT=$(q "SELECT id FROM user_account WHERE email_key = 'matrix-other@example.se'")
q "INSERT INTO user_token (user_id, name, hash, created_at) SELECT id, 'matrix', 'matrix-' || id, 1 FROM user_account WHERE email_key IN ('matrix-user@example.se', 'actor@example.org', 'coordinator@example.org', 'admin@example.org', 'matrix-other@example.se')" >/dev/null
own_account() { q "SELECT id FROM user_account WHERE email_key = '$1'"; }
own_token() { q "SELECT MIN(t.id) FROM user_token t JOIN user_account u ON u.id = t.user_id WHERE u.email_key = '$1' AND t.revoked_at IS NULL"; }
FOREIGN_TOKEN=$(own_token matrix-other@example.se)

# proposals (page_proposal.c, and the API's in api_proposal.c): the routes of one act on
# it, by the initiative's id; each
# role's own is one it proposed to skolmat (the table's owner; the coordinator's mission),
# the foreign one another account's (matrix-other, above) to gator. Made here in the
# database, as only a representative may propose through the form.
mx_proposal()
{
    q "INSERT INTO initiative (mission_id, slug, title_sv, origin, status, lead_actor_id, created_at) VALUES ((SELECT id FROM mission WHERE slug = '$1'), '$4', 'Matrisförslag', 'bottom_up', 'proposed', $2, 0)" &&
        q "INSERT INTO proposal (initiative_id, mission_id, proposer_id, state, created_at, updated_at) SELECT n.id, n.mission_id, (SELECT id FROM user_account WHERE email_key = '$3'), 'submitted', 0, 0 FROM initiative n JOIN mission m ON m.id = n.mission_id WHERE m.slug = '$1' AND n.slug = '$4'" &&
        q "SELECT n.id FROM initiative n JOIN mission m ON m.id = n.mission_id WHERE m.slug = '$1' AND n.slug = '$4'"
}
declare -A PROP_OWN=()
for r in user rep coord admin; do
    PROP_OWN[$r]=$(mx_proposal skolmat "$OWN_ACTOR" "${EMAIL[$r]}" "matrix-$r")
done
PROP_FOREIGN=$(mx_proposal gator "$FOREIGN_ACTOR" matrix-other@example.se matrix-other)
PROP_OWN[public]=$PROP_FOREIGN
check "matrix: a proposal of each role to skolmat and another's to gator" \
    eval 'for r in user rep coord admin; do ge "${PROP_OWN[$r]}" 1 || return; done; ge "$PROP_FOREIGN" 1'

# fill PATTERN ROLE own|foreign — the pattern with each placeholder filled with a resource
# that is (own) or is not (foreign) the role's
fill()
{
    local p=$1 role=$2 side=$3 out='' seg prev='' v
    local IFS=/
    for seg in ${p#/}; do
        v=$seg
        case $prev:$seg in
        missions:'{slug}') [ "$side" = own ] && v=$OWN_MISSION || v=$FOREIGN_MISSION ;;
        indicators:'{id}') v=$(in_mission indicator "$([ "$side" = own ] && echo $OWN_MISSION || echo $FOREIGN_MISSION)") ;;
        objectives:'{id}') v=$(in_mission objective "$([ "$side" = own ] && echo $OWN_MISSION || echo $FOREIGN_MISSION)") ;;
        initiatives:'{id}')
            if [[ $p == */resubmit || $p == */review/* || $p == */review || $p == */proposal ]]; then
                [ "$side" = own ] && v=${PROP_OWN[$role]} || v=$PROP_FOREIGN
            else
                [ "$side" = own ] && v=$OWN_INITIATIVE || v=$FOREIGN_INITIATIVE
            fi ;;
        actors:'{id}')
            # a decision on a request to represent: on an actor no role represents, so that
            # no role loses its own representation to the matrix
            if [[ $p == */representatives/* ]]; then v=$FOREIGN_ACTOR
            elif [ "$side" = own ]; then v=$OWN_ACTOR; else v=$FOREIGN_ACTOR; fi ;;
        representatives:'{user}')
            # own: the role's own request (withdrawing it); a confirmation is never of one's
            # own (roles.c refuses that): both sides are another account's request
            if [ "$side" = own ] && [[ $p != */confirm ]] && [ -n "${EMAIL[$role]:-}" ]; then
                v=$(own_account "${EMAIL[$role]}")
            else
                v=$OTHER_ACCOUNT
            fi ;;
        users:'{id}') v=$OTHER_ACCOUNT ;;
        # a commitment: own, the representative's actor's to the coordinator's mission (a demo
        # commitment of hofors-kommun to skolmat); foreign, another actor's to gator
        commitments:'{id}')
            if [ "$side" = own ]; then v=$OWN_COMMITMENT; else v=$FOREIGN_COMMITMENT; fi ;;
        dialogues:'{id}') v=$(q "SELECT MIN(d.id) FROM dialogue d JOIN mission m ON m.id = d.mission_id WHERE m.slug = '$([ "$side" = own ] && echo $OWN_MISSION || echo $FOREIGN_MISSION)'") ;;
        follow-ups:'{id}') v=$(q "SELECT MIN(f.id) FROM follow_up f JOIN dialogue d ON d.id = f.dialogue_id JOIN mission m ON m.id = d.mission_id WHERE m.slug = '$([ "$side" = own ] && echo $OWN_MISSION || echo $FOREIGN_MISSION)'") ;;
        # a learning log entry or a portfolio review: of the coordinator's mission, or of gator
        learning:'{id}')
            if [ "$side" = own ]; then v=$OWN_LEARNING; else v=$FOREIGN_LEARNING; fi ;;
        reviews:'{id}' | portfolio_reviews:'{id}')
            if [ "$side" = own ]; then v=$OWN_REVIEW; else v=$FOREIGN_REVIEW; fi ;;
        missions:'{mission}') v=$(q "SELECT id FROM mission WHERE slug = '$([ "$side" = own ] && echo $OWN_MISSION || echo $FOREIGN_MISSION)'") ;;
        tokens:'{id}')
            v=$FOREIGN_TOKEN
            [ "$side" = own ] && [ -n "${EMAIL[$role]:-}" ] && v=$(own_token "${EMAIL[$role]}") ;;
        reset:'{token}') v=no-such-link ;;
        seminars:'{id}') v=$(q "SELECT MIN(s.id) FROM seminar s JOIN mission m ON m.id = s.mission_id WHERE m.slug = '$([ "$side" = own ] && echo $OWN_MISSION || echo $FOREIGN_MISSION)'") ;;
        # a cancel link of no registration: the link is the credential, anyone may use one
        cancel:'{token}') v=$(printf '%064d' 0) ;;
        people:'{id}') [ "$side" = own ] && [ -n "${EMAIL[$role]:-}" ] && v=$(own_person "${EMAIL[$role]}") || v=$FOREIGN_PERSON ;;
        # a member of the mission's team (its own/foreign side is the mission's), or anyone
        team:'{person}') v=$(q "SELECT COALESCE(MIN(t.person_id), $FOREIGN_PERSON) FROM team_member t JOIN mission m ON m.id = t.mission_id WHERE m.slug = '$([ "$side" = own ] && echo $OWN_MISSION || echo $FOREIGN_MISSION)'") ;;
        *:'{'*) echo "no value for $seg in $p"; return 1 ;;
        esac
        [ -n "$v" ] || { echo "no $side value for $seg in $p"; return 1; }
        out+=/$v
        prev=$seg
    done
    printf '%s\n' "$out"
}

# try ROLE METHOD PATH KIND — the write as ROLE, with an empty body of the route's kind
try()
{
    local role=$1 m=$2 path=$3 kind=$4
    local a=(-X "$m" -b "$MXJ.$role")
    if [ "$kind" = html ] && [[ $path == */upload ]]; then
        # a form with a file (BODY_UPLOAD): multipart/form-data, the CSRF token first
        a+=(-F "csrf=${TOK[$role]}")
    elif [ "$kind" = html ]; then
        a+=(-H 'Content-Type: application/x-www-form-urlencoded' --data "csrf=${TOK[$role]}")
    else
        [ -n "${TOK[$role]}" ] && a+=(-H "X-CSRF-Token: ${TOK[$role]}")
        case $path in
        */data) a+=(-H 'Content-Type: text/csv' --data-binary '') ;;
        *) a+=(-H 'Content-Type: application/json' --data '{}') ;;
        esac
    fi
    fetch "${a[@]}" "$path"
}
# is_hidden PATH — does PATH name a non-public learning log entry or portfolio review, in
# the API or its edit form (which is not there, 404, for one who may not read it:
# api_learning.c, page_learning.c)?
is_hidden()
{
    [[ $1 =~ /([0-9]+)(/edit)?$ ]] || return 1
    case $1 in
    /api/v1/learning/* | /learning/*/edit)
        [ "$(q "SELECT is_public FROM learning_entry WHERE id = ${BASH_REMATCH[1]}")" = 0 ] ;;
    /api/v1/portfolio_reviews/* | /reviews/*/edit)
        [ "$(q "SELECT is_public FROM portfolio_review WHERE id = ${BASH_REMATCH[1]}")" = 0 ] ;;
    *) return 1 ;;
    esac
}
# refused ROLE PATH
refused()
{
    case $1 in
    public) [ "$S" = 401 ] || { [ "$S" = 303 ] && [[ $(hdr Location) == /account/sign-in* ]]; } ||
        { [ "$S" = 404 ] && is_hidden "$2"; } ;;
    *) [ "$S" = 403 ] || { [ "$S" = 404 ] && is_hidden "$2"; } ;;
    esac
}

# every write route, the sign-out last (it ends the session the rest need)
ROUTE_LINES=$(routes | awk -F'\t' '$7 != "-" && $7 != "" { print ($7 == "session.end" ? 1 : 0) "\t" $0 }' | sort -s -k1,1n | cut -f2-)
N_ROUTES=0
MISMATCH=
COLS=(public:- user:own user:foreign rep:own rep:foreign coord:own coord:foreign admin:own admin:foreign)
while IFS=$'\t' read -r -u 4 meth pat kind flags schema query rule; do
    N_ROUTES=$((N_ROUTES + 1))
    exp=${EXPECT[$rule]:-}
    if [ -z "$exp" ]; then
        MISMATCH+=$'\n'"$meth $pat: rule $rule has no row in authz-expect.tsv"
        continue
    fi
    read -r -a want <<<"$exp"
    for i in "${!COLS[@]}"; do
        role=${COLS[$i]%%:*}
        side=${COLS[$i]#*:}
        [ "$side" = - ] && side=own
        w=${want[$i]}
        # a route without a resource in its path acts on the caller's own (their account)
        # or on none: its "foreign" case is its "own" one; so does asking to represent an
        # actor, whose path names the actor, never whose request it is (always the caller's)
        [[ ($pat != *'{'* || $rule = representative.request) && $side = foreign ]] &&
            w=${want[$((i - 1))]}
        path=$(fill "$pat" "$role" "$side") || { MISMATCH+=$'\n'"$path"; continue; }
        try "$role" "$meth" "$path" "$kind"
        if refused "$role" "$path"; then got=n; else got=y; fi
        # each cell starts from what the demo has live: an archived mission would take its
        # coordinators' registry rights with it (authz.h), an archived actor its
        # representative's proposals, and a later cell would pass for the wrong reason
        [[ $pat == */archive && $got = y ]] && for t in mission objective indicator actor person initiative; do
            q "UPDATE $t SET archived_at = NULL WHERE archived_at >= $MX_START" >/dev/null
        done
        [ "$got" = "$w" ] ||
            MISMATCH+=$'\n'"$meth $path ($rule) as $role ($side): $S, expected $w"
    done
done 4<<<"$ROUTE_LINES"
check "matrix: the table has every write route's rule, and write routes to walk ($N_ROUTES)" ge "$N_ROUTES" 8
check "matrix: every write route x role x own/foreign gives exactly the expected outcome" \
    eval '[ -z "$MISMATCH" ] || fail "$MISMATCH"'

stop_server "$MX_PID" 10
BASE=$MX_MAIN
QDB=$QDB_SAVED
