# t_36_dialogues.sh — a mission's dialogues (issue 13): the list with the overdue
# follow-ups and the reach by sector, industry and county, one dialogue, an actor's
# history, the forms to log and edit one and a follow-up's done / reopen, and the API.
# The notes (summary, outcomes, follow-ups) of a dialogue not marked public are for the
# mission's coordinators only. Every expected value comes from the database under test
# (SQL written here, not the server's queries), so a wrong page fails.

DJ=$T/dlg-jar # browsers: $DJ.coord (skolmat), $DJ.gcoord (gator), $DJ.rep, $DJ.user, $DJ.anon
rm -f "$DJ".*
DPW='a long enough password'
XSS1='<script>alert(1)</script>'
d_audit() { q "SELECT COUNT(*) FROM audit_log"; }
d_count() { q "SELECT COUNT(*) FROM dialogue"; }
D_SK=$(q "SELECT id FROM mission WHERE slug = 'skolmat'")
D_GA=$(q "SELECT id FROM mission WHERE slug = 'gator'")
D_HOFORS=$(q "SELECT id FROM actor WHERE slug = 'hofors-kommun'")
D_VINNOVA=$(q "SELECT id FROM actor WHERE slug = 'vinnova'")
TODAY=$(date -u +%F)

# ---- who: coordinators of our own (of skolmat, of gator: their codes are ours alone), the
# demo representative of Hofors kommun and a plain signed-in user
"$BIN" user add --db "$DB" --email dlg-coord@example.se --name "Dlg Coord" \
    --coordinator skolmat --password-stdin <<<"$DPW" >"$T/dlg-coord.out" 2>&1
"$BIN" user add --db "$DB" --email dlg-gcoord@example.se --name "Dlg Gator Coord" \
    --coordinator gator --password-stdin <<<"$DPW" >"$T/dlg-gcoord.out" 2>&1
d_key() { grep -o 'secret=[A-Z2-7]*' "$1" | head -1 | cut -d= -f2; }
d_first_sign_in()
{
    csrf_of "$1" /account/sign-in
    post "$1" /account/sign-in "csrf=$CSRF" "email=$2" "password=$DPW"
    post "$1" /account/sign-in/code "csrf=$CSRF" "code=$(totp_now "$3")"
    [ -n "$(jar_cookie "$1" samverka_session)" ] || fail "first sign-in of $2: no session ($S)"
}
check "dialogues: a coordinator of skolmat signs in" d_first_sign_in "$DJ.coord" dlg-coord@example.se "$(d_key "$T/dlg-coord.out")"
check "dialogues: a coordinator of gator signs in" d_first_sign_in "$DJ.gcoord" dlg-gcoord@example.se "$(d_key "$T/dlg-gcoord.out")"
check "dialogues: the representative of Hofors kommun signs in" sign_in "$DJ.rep" actor@example.org demo-actor-2026
csrf_of "$DJ.user" /account/sign-up
post "$DJ.user" /account/sign-up "csrf=$CSRF" "name=Dlg User" "email=dlg-user@example.se" "password=$DPW"
check "dialogues: a plain user signs up" eq "$S" 303

# what the demo has: a public dialogue of skolmat, a dialogue of gator whose notes are not
# public, each with an overdue follow-up
DPUB=$(q "SELECT MIN(id) FROM dialogue WHERE mission_id = $D_SK AND is_public = 1 AND summary_sv <> ''")
DPRIV=$(q "SELECT MIN(id) FROM dialogue WHERE mission_id = $D_GA AND is_public = 0 AND summary_sv <> ''")
check "dialogues: the demo has a public dialogue in skolmat and a private one in gator, with notes" \
    eval 'nonempty "$DPUB" && nonempty "$DPRIV"'
check "dialogues: ... and an open follow-up that is overdue" \
    eval 'ge "$(q "SELECT COUNT(*) FROM follow_up WHERE done_at IS NULL AND due_on < '"'$TODAY'"'")" 1'

# ================================================================== the list

# d_section ID — the body (entities resolved) from the element with id ID to the end of its
# section, in DSEC
d_section()
{
    DSEC=${BD#*id=\"$1\"}
    [ "$DSEC" != "$BD" ] || { DSEC=; return 1; }
    DSEC=${DSEC%%</section>*}
}

# overdue_ok MISSION_ID NOTES — the overdue section of the last page lists exactly the
# mission's open follow-ups due before today (only those of public dialogues unless NOTES)
overdue_ok()
{
    local want n got line
    want=$(q "SELECT $(lc en f.text) FROM follow_up f JOIN dialogue d ON d.id = f.dialogue_id
              WHERE d.mission_id = $1 AND f.done_at IS NULL AND f.due_on < '$TODAY'
              $([ "$2" = 1 ] || echo 'AND d.is_public = 1') ORDER BY f.due_on, f.id")
    d_section overdue-h || { fail "no overdue section"; return; }
    got=${DSEC//<li>/$'\n'}
    n=$(($(printf '%s' "$DSEC" | grep -o '<li>' | wc -l)))
    if [ -z "$want" ]; then
        eq "$n" 0 || return
        contains "$DSEC" "No follow-up is overdue." || return
        return 0
    fi
    eq "$n" "$(printf '%s\n' "$want" | grep -c .)" || return
    while IFS= read -r line; do
        contains "$DSEC" ">$line</span>" || return
    done <<<"$want"
    # the open ones not yet due are not listed
    while IFS= read -r line; do
        [ -z "$line" ] || [[ $DSEC != *">$line</span>"* ]] || { fail "not yet due, listed: $line"; return; }
    done <<<"$(q "SELECT $(lc en f.text) FROM follow_up f JOIN dialogue d ON d.id = f.dialogue_id
                  WHERE d.mission_id = $1 AND f.done_at IS NULL AND f.due_on >= '$TODAY'")"
}

# reach_ok MISSION_ID — the three reach tables of the last page hold, row by row, for each
# sector / industry / county: the mission's actors (lead or participant of a shown
# initiative) and the actors of its dialogues that have it (live actors only)
reach_rows()
{
    local m=$1 key=$2 label=$3 join=$4
    q "WITH d_shown AS (SELECT n.id, n.lead_actor_id FROM initiative n WHERE n.mission_id = $m
                AND n.archived_at IS NULL AND n.id NOT IN (SELECT p.initiative_id FROM proposal p
                WHERE p.state <> 'accepted' AND p.initiative_id IS NOT NULL)),
            d_mact AS (SELECT lead_actor_id AS id FROM d_shown WHERE lead_actor_id IS NOT NULL
                UNION SELECT ia.actor_id FROM initiative_actor ia JOIN d_shown s ON s.id = ia.initiative_id),
            d_ract AS (SELECT da.actor_id AS id FROM dialogue_actor da JOIN dialogue d
                ON d.id = da.dialogue_id WHERE d.mission_id = $m)
       SELECT $label, SUM(CASE WHEN a.id IN (SELECT id FROM d_mact) THEN 1 ELSE 0 END),
              SUM(CASE WHEN a.id IN (SELECT id FROM d_ract) THEN 1 ELSE 0 END)
       FROM actor a $join
       WHERE a.archived_at IS NULL AND $key IS NOT NULL
         AND (a.id IN (SELECT id FROM d_mact) OR a.id IN (SELECT id FROM d_ract))
       GROUP BY $key ORDER BY $key"
}
# the English label of a sector code (samverka's code list, as a reader sees it)
sector_label()
{
    case $1 in
    public) echo 'Public sector' ;; private) echo Business ;; academia) echo 'Academia and research' ;;
    civil_society) echo 'Civil society' ;; *) echo Other ;;
    esac
}
# table_ok HEADING-ID ROWS [sv|sv-text] — the table after the heading has exactly ROWS (label
# TAB in TAB reached, one a line; reached 0 reads "Not reached"), each label marked Swedish
# (sv), or each that is not a bare code (sv-text)
table_ok()
{
    local sec=${BD#*id=\"$1\"} label in reached n want_n cellre lang
    [ "$sec" != "$BD" ] || { fail "no table $1"; return; }
    sec=${sec%%</table>*}
    n=$(($(printf '%s' "$sec" | grep -o '<th scope="row"' | wc -l)))
    want_n=$(printf '%s' "$2" | grep -c .)
    eq "$n" "$want_n" || { fail "$1: $n rows, expected $want_n"; return; }
    while IFS=$'\t' read -r label in reached; do
        [ -n "$label" ] || continue
        [ "$reached" = 0 ] && reached='Not reached'
        # on an English page a label stored in Swedish only says so (SNI titles, county
        # names); an SNI code without a title is no word of any language
        lang=''
        case ${3:-} in
        sv) lang=' lang="sv"' ;;
        sv-text) [[ $label =~ ^[0-9.]+$ ]] || lang=' lang="sv"' ;;
        esac
        cellre="<th scope=\"row\"$lang>$(ere "$label")</th>[[:space:]]*<td>$in</td>[[:space:]]*<td>$reached</td>"
        [[ $sec =~ $cellre ]] || { fail "$1: no row \"$label | $in | $reached\" in: $(short "$sec" 600)"; return; }
    done <<<"$2"
}
reach_ok()
{
    local m=$1 rows='' code in reached
    while IFS=$'\t' read -r code in reached; do
        [ -n "$code" ] && rows+="$(sector_label "$code")"$'\t'"$in"$'\t'"$reached"$'\n'
    done <<<"$(reach_rows "$m" a.sector a.sector '')"
    # at least one row: the demo missions have actors
    nonempty "$rows" "sector rows" || return
    table_ok reach-sector-h "$rows" || return
    table_ok reach-industry-h "$(reach_rows "$m" a.sni "MIN(COALESCE(s.label_sv, a.sni))" 'LEFT JOIN sni s ON s.code = a.sni')" sv-text || return
    table_ok reach-county-h "$(reach_rows "$m" mu.county 'MIN(c.name)' 'JOIN municipality mu ON mu.code = a.municipality JOIN county c ON c.code = mu.county')" sv
}

# list_ok MISSION_ID — every dialogue of the mission is listed, newest first, linked, with
# its date, and "Notes not public" beside exactly those not public
list_ok()
{
    local id held pub sec order='' want_order=''
    d_section list-h || { fail "no list section"; return; }
    sec=$DSEC
    while IFS=$'\t' read -r id held pub; do
        [ -n "$id" ] || continue
        want_order+="$id "
        held=$(LC_ALL=C date -u -d "$held" '+%-d %B %Y') # as an English reader is shown it
        [[ $sec =~ href=\"/dialogues/$id[^\"]*\"[^\>]*\>[^\<]*\</a\>\ —\ $held([^\<]*)(\<span[^\>]*\>Notes\ not\ public\</span\>)? ]] ||
            { fail "dialogue $id ($held) not listed: $(short "$sec" 400)"; return; }
        if [ "$pub" = 1 ]; then
            [ -z "${BASH_REMATCH[2]}" ] || { fail "dialogue $id is public but marked not"; return; }
        else
            nonempty "${BASH_REMATCH[2]}" "dialogue $id: no \"Notes not public\"" || return
        fi
    done <<<"$(q "SELECT id, held_on, is_public FROM dialogue WHERE mission_id = $1 ORDER BY held_on DESC, id DESC LIMIT 20")"
    while [[ $sec =~ href=\"/dialogues/([0-9]+)[\"?] ]]; do
        order+="${BASH_REMATCH[1]} "
        sec=${sec#*"${BASH_REMATCH[0]}"}
    done
    eq "$order" "$want_order"
}

fetch "/missions/skolmat/dialogues?lang=en"
check "list: the dialogues of skolmat, valid HTML" eval 'eq "$S" 200 && tidy_clean'
check "list: ... every dialogue listed, newest first, the private ones marked" list_ok "$D_SK"
check "list: ... the overdue follow-ups of public dialogues" overdue_ok "$D_SK" 0
check "list: ... the reach by sector, industry and county against the mission's actors" reach_ok "$D_SK"
check "list: ... a visitor is not offered \"Log a dialogue\"" lacks "/missions/skolmat/dialogues/new"
fetch "/missions/gator/dialogues?lang=en"
check "list: gator's list as a visitor: its dialogues, the private one marked" eval 'eq "$S" 200 && list_ok "$D_GA"'
check "list: ... the overdue follow-up of the private dialogue is not shown to a visitor" overdue_ok "$D_GA" 0
check "list: ... the reach of gator" reach_ok "$D_GA"
fetch -b "$DJ.gcoord" "/missions/gator/dialogues?lang=en"
check "list: gator's coordinator sees the overdue follow-up of the private dialogue too" overdue_ok "$D_GA" 1
check "list: ... and is offered \"Log a dialogue\"" links_to /missions/gator/dialogues/new
fetch -b "$DJ.coord" "/missions/gator/dialogues?lang=en"
check "list: skolmat's coordinator sees gator's list as the public does" \
    eval 'overdue_ok "$D_GA" 0 && lacks /missions/gator/dialogues/new'
fetch "/missions/skolmat?lang=en"
check "list: the mission page links to its dialogues" links_to /missions/skolmat/dialogues

# ================================================================== one dialogue

d_summary() { q "SELECT summary_en FROM dialogue WHERE id = $1"; }
d_outcomes() { q "SELECT outcomes_en FROM dialogue WHERE id = $1"; }
d_fu_texts() { q "SELECT text_en FROM follow_up WHERE dialogue_id = $1 AND text_en <> ''"; }
# notes_shown ID — the summary, outcomes and follow-ups of dialogue ID are on the last page
notes_shown()
{
    local l
    text_has "$(d_summary "$1")" || return
    [ -z "$(d_outcomes "$1")" ] || text_has "$(d_outcomes "$1")" || return
    while IFS= read -r l; do [ -z "$l" ] || text_has "$l" || return; done <<<"$(d_fu_texts "$1")"
}
notes_hidden()
{
    local l
    text_lacks "$(d_summary "$1")" || return
    [ -z "$(d_outcomes "$1")" ] || text_lacks "$(d_outcomes "$1")" || return
    while IFS= read -r l; do [ -z "$l" ] || text_lacks "$l" || return; done <<<"$(d_fu_texts "$1")"
    lacks 'id="fu-h"'
}
# actors_listed ID — the page links every actor of dialogue ID, by name
actors_listed()
{
    local id name
    while IFS=$'\t' read -r id name; do
        [ -n "$id" ] || continue
        [[ $BD =~ href=\"/actors/$id(\?lang=en)?\"\>"$name"\</a\> ]] || { fail "actor $id ($name) not listed"; return; }
    done <<<"$(q "SELECT a.id, a.name FROM dialogue_actor da JOIN actor a ON a.id = da.actor_id WHERE da.dialogue_id = $1")"
}

fetch "/dialogues/$DPUB?lang=en"
check "dialogue: a public dialogue, valid HTML, its title in the h1" \
    eval 'eq "$S" 200 && tidy_clean && h1_has "$(q "SELECT title_en FROM dialogue WHERE id = $DPUB")"'
check "dialogue: ... its date, format and actors" \
    eval 'text_has "$(LC_ALL=C date -u -d "$(q "SELECT held_on FROM dialogue WHERE id = $DPUB")" "+%-d %B %Y")" && actors_listed "$DPUB"'
check "dialogue: ... and its notes, to a visitor too" notes_shown "$DPUB"
check "dialogue: ... without the done / reopen buttons or an edit link" \
    eval 'lacks "/follow-ups/" && lacks "/dialogues/$DPUB/edit"'
fetch "/dialogues/$DPRIV?lang=en"
check "dialogue: a private dialogue as a visitor: its title, date and actors" \
    eval 'eq "$S" 200 && tidy_clean && h1_has "$(q "SELECT title_en FROM dialogue WHERE id = $DPRIV")" && actors_listed "$DPRIV"'
check "dialogue: ... but not its summary, outcomes or follow-ups" notes_hidden "$DPRIV"
fetch -b "$DJ.coord" "/dialogues/$DPRIV?lang=en"
check "dialogue: ... nor to a coordinator of another mission" notes_hidden "$DPRIV"
fetch -b "$DJ.rep" "/dialogues/$DPRIV?lang=en"
check "dialogue: ... nor to the representative of one of its actors" notes_hidden "$DPRIV"
fetch -b "$DJ.gcoord" "/dialogues/$DPRIV?lang=en"
check "dialogue: its mission's coordinator sees the notes, valid HTML" \
    eval 'eq "$S" 200 && tidy_clean && notes_shown "$DPRIV"'
check "dialogue: ... with Edit and the done buttons" \
    eval 'links_to "/dialogues/$DPRIV/edit" && has_re "action=\"/follow-ups/[0-9]+/done[\"?]"'
fetch "/dialogues/$DPRIV?lang=en"
check "dialogue: ... and the visitor's copy after that still hides them" notes_hidden "$DPRIV"
fetch "/dialogues/999999"
check "dialogue: an id that does not exist is 404" eq "$S" 404

# ================================================================== an actor's history

# history_ok ACTOR — the actor page's dialogue section links exactly the actor's dialogues
# in live missions, newest first, whoever asks (as the mission's list does: a dialogue's
# title, date and actors are public, its notes only when marked so), each whose notes are
# not public marked "Notes not public"
history_ok()
{
    local want='' got='' id sec priv
    d_section dialogues-h || { fail "no dialogue section on the actor's page"; return; }
    sec=$DSEC
    while [[ $sec =~ href=\"/dialogues/([0-9]+)[\"?] ]]; do
        got+="${BASH_REMATCH[1]} "
        sec=${sec#*"${BASH_REMATCH[0]}"}
    done
    want=$(q "SELECT d.id FROM dialogue d JOIN dialogue_actor da ON da.dialogue_id = d.id
              JOIN mission m ON m.id = d.mission_id WHERE da.actor_id = $1 AND m.archived_at IS NULL
              ORDER BY d.held_on DESC, d.id DESC" | tr '\n' ' ')
    eq "$got" "$want" || return
    for id in $(q "SELECT d.id FROM dialogue d JOIN dialogue_actor da ON da.dialogue_id = d.id
                   WHERE da.actor_id = $1 AND d.is_public = 0"); do
        priv=${DSEC#*href=\"/dialogues/$id}
        [[ ${priv%%</li>*} == *"Notes not public"* ]] || { fail "dialogue $id: no \"Notes not public\""; return; }
    done
}
D_PRIV_ACTOR=$(q "SELECT MIN(actor_id) FROM dialogue_actor WHERE dialogue_id = $DPRIV")
D_PUB_ACTOR=$(q "SELECT MIN(actor_id) FROM dialogue_actor WHERE dialogue_id = $DPUB")
fetch "/actors/$D_PUB_ACTOR?lang=en"
check "history: an actor's page lists its dialogues" \
    eval 'eq "$S" 200 && links_to "/dialogues/$DPUB" && history_ok "$D_PUB_ACTOR"'
fetch "/actors/$D_PRIV_ACTOR?lang=en"
check "history: ... to a visitor too one whose notes are private, marked so (as the mission's list)" \
    eval 'links_to "/dialogues/$DPRIV" && history_ok "$D_PRIV_ACTOR"'
fetch -b "$DJ.gcoord" "/actors/$D_PRIV_ACTOR?lang=en"
check "history: ... and to the coordinator of its mission" \
    eval 'links_to "/dialogues/$DPRIV" && history_ok "$D_PRIV_ACTOR"'

# ================================================================== the form

fetch /missions/skolmat/dialogues/new
check "form: a visitor asking for the new-dialogue form is sent to sign in" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in"'
fetch -b "$DJ.user" /missions/skolmat/dialogues/new
check "form: a plain signed-in user gets 403" eq "$S" 403
fetch -b "$DJ.rep" /missions/skolmat/dialogues/new
check "form: so does the representative" eq "$S" 403
fetch -b "$DJ.gcoord" /missions/skolmat/dialogues/new
check "form: so does a coordinator of another mission" eq "$S" 403
csrf_of "$DJ.rep" /account
post "$DJ.rep" /missions/skolmat/dialogues/new "csrf=$CSRF" "title_sv=Rep" "held_on=2026-01-01" "format=meeting"
check "form: the representative's post is refused (403), nothing written" \
    eval 'eq "$S" 403 && eq "$(q "SELECT COUNT(*) FROM dialogue WHERE title_sv = '"'Rep'"'")" 0'
csrf_of "$DJ.coord" "/missions/skolmat/dialogues/new?lang=en"
check "form: skolmat's coordinator gets the empty form, valid HTML" \
    eval 'eq "$S" 200 && tidy_clean && has "name=\"held_on\"" && has "name=\"actor-1\"" && has "name=\"fu-1-due_on\""'

D_OBJ=$(q "SELECT MIN(id) FROM objective WHERE mission_id = $D_SK")
D_OWNER=$(q "SELECT MIN(id) FROM person WHERE archived_at IS NULL")
N0=$(d_audit)
C0=$(d_count)
nothing_written() { eq "$(d_audit)" "$N0" && eq "$(d_count)" "$C0"; }
# d_post FIELD=VALUE... — the good form with the given fields replaced
d_post()
{
    local -A f=([csrf]=$CSRF [title_sv]="Dialogtest $XSS1" [title_en]="Dialogue test" [held_on]=2026-01-15
        [format]=interview [actor-1]=$D_HOFORS [actor-2]=$D_VINNOVA [objective_ids]=$D_OBJ
        [summary_sv]="Hemlig sammanfattning" [outcomes_sv]="Hemligt utfall"
        [fu-1-text_sv]="Ring tillbaka" [fu-1-text_en]="Call back" [fu-1-owner]=$D_OWNER
        [fu-1-due_on]=2020-01-01)
    local kv a=()
    for kv in "$@"; do f[${kv%%=*}]=${kv#*=}; done
    for kv in "${!f[@]}"; do a+=("$kv=${f[$kv]}"); done
    post "$DJ.coord" /missions/skolmat/dialogues/new "${a[@]}"
}
# refused FIELD — 422 with the message beside FIELD, linked from the summary, valid HTML,
# the values kept (the title, escaped), nothing written
refused()
{
    eq "$S" 422 || return
    has "id=\"f-$1-error\"" || return
    has "href=\"#f-$1\"" || return
    has "value=\"Dialogtest &lt;script&gt;alert(1)&lt;/script&gt;\"" || return
    has "value=\"Call back\"" || return
    lacks '<script>alert(1)' || return
    tidy_clean || return
    nothing_written
}
d_post held_on=2025-02-30
check "form: a date that does not exist is refused beside it (422), values kept, nothing written" refused held_on
check "form: ... the entered date kept" has 'value="2025-02-30"'
d_post format=banquet
check "form: an unknown format is refused beside it" refused format
d_post actor-2=999999
check "form: an actor that does not exist is refused beside its row" refused actor-2
d_post fu-1-due_on=2026-13-01
check "form: a follow-up's impossible due date is refused beside it" refused fu-1-due_on
d_post title_sv=
check "form: a missing Swedish title is refused beside it" \
    eval 'eq "$S" 422 && has "id=\"f-title_sv-error\"" && nothing_written'

d_post
NEWD=$(q "SELECT id FROM dialogue WHERE title_sv = 'Dialogtest $XSS1'")
check "form: a good form logs the dialogue and redirects to its page (303)" \
    eval 'eq "$S" 303 && nonempty "$NEWD" && eq "$(hdr Location)" "/dialogues/$NEWD"'
check "form: ... stored as entered: date, format, not public, its mission" \
    eval 'eq "$(q "SELECT held_on || '"' '"' || format || '"' '"' || is_public || '"' '"' || mission_id FROM dialogue WHERE id = $NEWD")" "2026-01-15 interview 0 $D_SK"'
check "form: ... its two actors, its objective and its follow-up" \
    eval 'eq "$(q "SELECT actor_id FROM dialogue_actor WHERE dialogue_id = $NEWD ORDER BY actor_id" | tr "\n" " ")" "$(printf "%s\n" "$D_HOFORS" "$D_VINNOVA" | sort -n | tr "\n" " ")" &&
          eq "$(q "SELECT objective_id FROM dialogue_objective WHERE dialogue_id = $NEWD")" "$D_OBJ" &&
          eq "$(q "SELECT text_sv || '"'|'"' || owner_id || '"'|'"' || due_on || '"'|'"' || COALESCE(done_at, 0) FROM follow_up WHERE dialogue_id = $NEWD")" "Ring tillbaka|$D_OWNER|2020-01-01|0"'
check "form: ... and the write is in the audit log" eval 'ge "$(d_audit)" "$((N0 + 1))"'
NEWFU=$(q "SELECT id FROM follow_up WHERE dialogue_id = $NEWD")
fetch "/dialogues/$NEWD"
check "dialogue: the new dialogue's page to a visitor: the title escaped, the notes hidden" \
    eval 'eq "$S" 200 && has "&lt;script&gt;" && lacks "<script>alert(1)" && text_lacks "Hemlig sammanfattning" && text_lacks "Ring tillbaka"'
fetch -b "$DJ.coord" "/dialogues/$NEWD?lang=en"
check "dialogue: ... to its coordinator: the notes, the follow-up open, a Mark as done button" \
    eval 'tidy_clean && text_has "Hemlig sammanfattning" && text_has "Call back" && has_re "action=\"/follow-ups/$NEWFU/done[\"?]"'
fetch -b "$DJ.coord" "/missions/skolmat/dialogues?lang=en"
check "list: the new dialogue is listed first, marked private, to its coordinator" list_ok "$D_SK"
check "list: ... its overdue follow-up is listed to the coordinator" overdue_ok "$D_SK" 1
check "list: ... the reach counts Vinnova and Hofors as reached" reach_ok "$D_SK"
fetch "/missions/skolmat/dialogues?lang=en"
check "list: ... not to a visitor" eval 'overdue_ok "$D_SK" 0 && text_lacks "Call back"'
fetch "/actors/$D_VINNOVA?lang=en"
check "history: a visitor sees the private dialogue on Vinnova's page, marked so" \
    eval 'links_to "/dialogues/$NEWD" && history_ok "$D_VINNOVA"'
fetch -b "$DJ.coord" "/actors/$D_VINNOVA?lang=en"
check "history: ... as its coordinator does" eval 'links_to "/dialogues/$NEWD" && history_ok "$D_VINNOVA"'

# ---- a follow-up done and reopened
csrf_of "$DJ.rep" /account
post "$DJ.rep" "/follow-ups/$NEWFU/done" "csrf=$CSRF" "done=1"
check "follow-up: the representative may not mark it done (403)" \
    eval 'eq "$S" 403 && eq "$(q "SELECT COUNT(*) FROM follow_up WHERE id = $NEWFU AND done_at IS NULL")" 1'
post "$DJ.anon" "/follow-ups/$NEWFU/done" "csrf=x" "done=1"
check "follow-up: a visitor's post is sent to sign in, nothing changed" \
    eval 'eq "$S" 303 && match "$(hdr Location)" "^/account/sign-in" && eq "$(q "SELECT COUNT(*) FROM follow_up WHERE id = $NEWFU AND done_at IS NULL")" 1'
csrf_of "$DJ.gcoord" /account
post "$DJ.gcoord" "/follow-ups/$NEWFU/done" "csrf=$CSRF" "done=1"
check "follow-up: ... nor a coordinator of another mission" \
    eval 'eq "$S" 403 && eq "$(q "SELECT COUNT(*) FROM follow_up WHERE id = $NEWFU AND done_at IS NULL")" 1'
csrf_of "$DJ.coord" "/dialogues/$NEWD"
post "$DJ.coord" "/follow-ups/$NEWFU/done" "csrf=$CSRF" "done=1"
check "follow-up: its coordinator marks it done: 303 to the dialogue, done in the database" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" "/dialogues/$NEWD" && eq "$(q "SELECT COUNT(*) FROM follow_up WHERE id = $NEWFU AND done_at IS NOT NULL")" 1'
fetch -b "$DJ.coord" "/dialogues/$NEWD?lang=en"
check "follow-up: ... the page says Done and offers Reopen" eval 'text_has "Done." && has "value=\"Reopen\"" || text_has "Reopen"'
fetch -b "$DJ.coord" "/missions/skolmat/dialogues?lang=en"
check "follow-up: ... it has left the overdue list" eval 'overdue_ok "$D_SK" 1 && text_lacks "Call back"'
csrf_of "$DJ.coord" "/dialogues/$NEWD"
post "$DJ.coord" "/follow-ups/$NEWFU/done" "csrf=$CSRF" "done=0"
check "follow-up: reopened: open in the database again" \
    eval 'eq "$S" 303 && eq "$(q "SELECT COUNT(*) FROM follow_up WHERE id = $NEWFU AND done_at IS NULL")" 1'
fetch -b "$DJ.coord" "/missions/skolmat/dialogues?lang=en"
check "follow-up: ... and overdue again" eval 'overdue_ok "$D_SK" 1 && text_has "Call back"'

# ---- edit
fetch -b "$DJ.rep" "/dialogues/$NEWD/edit"
check "edit: the representative may not edit a dialogue (403)" eq "$S" 403
fetch -b "$DJ.gcoord" "/dialogues/$NEWD/edit"
check "edit: ... nor a coordinator of another mission" eq "$S" 403
csrf_of "$DJ.coord" "/dialogues/$NEWD/edit?lang=en"
check "edit: its coordinator gets the filled-in form, valid HTML" \
    eval 'eq "$S" 200 && tidy_clean && has "value=\"2026-01-15\"" && has "value=\"Call back\"" && has "<option value=\"$D_VINNOVA\" selected>"'
N0=$(d_audit)
post "$DJ.coord" "/dialogues/$NEWD/edit" "csrf=$CSRF" "title_sv=Dialogtest ändrad" "held_on=2026-02-29" \
    "format=interview" "actor-1=$D_HOFORS" "is_public=1"
check "edit: a date that does not exist is refused beside it, nothing changed" \
    eval 'eq "$S" 422 && has "id=\"f-held_on-error\"" && has "value=\"Dialogtest ändrad\"" && eq "$(d_audit)" "$N0" && eq "$(q "SELECT is_public FROM dialogue WHERE id = $NEWD")" 0'
post "$DJ.coord" "/dialogues/$NEWD/edit" "csrf=$CSRF" "title_sv=Dialogtest ändrad" "held_on=2026-01-16" \
    "format=workshop" "actor-1=$D_HOFORS" "summary_sv=Nu offentlig" "is_public=1" "fu_rows=2" \
    "fu-1-id=$NEWFU" "fu-1-text_sv=Ring tillbaka" "fu-1-text_en=Call back" "fu-1-owner=$D_OWNER" "fu-1-due_on=2020-01-01"
check "edit: a good edit is saved and redirects to the page" \
    eval 'eq "$S" 303 && eq "$(hdr Location)" "/dialogues/$NEWD" && eq "$(q "SELECT title_sv || '"'|'"' || held_on || '"'|'"' || format || '"'|'"' || is_public FROM dialogue WHERE id = $NEWD")" "Dialogtest ändrad|2026-01-16|workshop|1"'
check "edit: ... one actor left, the objective removed, the follow-up kept (same id)" \
    eval 'eq "$(q "SELECT COUNT(*) FROM dialogue_actor WHERE dialogue_id = $NEWD")" 1 && eq "$(q "SELECT COUNT(*) FROM dialogue_objective WHERE dialogue_id = $NEWD")" 0 && eq "$(q "SELECT id FROM follow_up WHERE dialogue_id = $NEWD")" "$NEWFU"'
fetch "/dialogues/$NEWD?lang=en"
check "edit: ... now public, a visitor sees its notes and follow-up" \
    eval 'text_has "Nu offentlig" && text_has "Call back"'
fetch "/missions/skolmat/dialogues?lang=en"
check "edit: ... and its overdue follow-up in the list" overdue_ok "$D_SK" 0

# ================================================================== the API

api_d()
{
    local jar=$1 m=$2 path=$3 body=${4:-}
    csrf_of "$jar" /account/password
    fetch -b "$jar" -X "$m" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
        --data-binary "$body" "$path"
}
d_field() { jq -r ".error.field // empty" "$B"; }

fetch /api/v1/missions/skolmat/dialogues
check "api: the list of skolmat's dialogues: every one, newest first" \
    eval 'eq "$S" 200 && eq "$(jq -r "[.items[].id] | join(\" \")" "$B")" "$(q "SELECT id FROM dialogue WHERE mission_id = $D_SK ORDER BY held_on DESC, id DESC" | tr "\n" " " | sed "s/ $//")" && jqt "$B" ".total == $(q "SELECT COUNT(*) FROM dialogue WHERE mission_id = $D_SK")"'
fetch /api/v1/missions/gator/dialogues
check "api: ... gator's to a visitor: the private dialogue's notes empty" \
    jqt "$B" ".items[] | select(.id == $DPRIV) | .summary.sv == \"\" and .is_public == false"
fetch -b "$DJ.gcoord" /api/v1/missions/gator/dialogues
check "api: ... to its coordinator: its notes" \
    jqt "$B" ".items[] | select(.id == $DPRIV) | .summary.sv == $(q "SELECT summary_sv FROM dialogue WHERE id = $DPRIV" | jq -R .)"
fetch "/api/v1/dialogues/$DPUB"
check "api: one dialogue: its date, format, title, actors and follow-ups as stored" \
    eval 'eq "$S" 200 && eq "$(jq -r "[.held_on, .format, .title.sv, ([.actors[].id] | sort | join(\",\")), (.follow_ups | length)] | join(\"|\")" "$B")" "$(q "SELECT held_on || '"'|'"' || format || '"'|'"' || title_sv FROM dialogue WHERE id = $DPUB")|$(q "SELECT actor_id FROM dialogue_actor WHERE dialogue_id = $DPUB ORDER BY actor_id" | paste -sd,)|$(q "SELECT COUNT(*) FROM follow_up WHERE dialogue_id = $DPUB")"'
fetch "/api/v1/dialogues/$DPRIV"
check "api: a private dialogue to a visitor: no summary, outcomes or follow-ups" \
    jqt "$B" '.summary.sv == "" and .outcomes.sv == "" and (.follow_ups | length) == 0 and (.actors | length) > 0'
fetch -b "$DJ.gcoord" "/api/v1/dialogues/$DPRIV"
check "api: ... to its coordinator: all of them" \
    jqt "$B" ".summary.sv != \"\" and (.follow_ups | length) == $(q "SELECT COUNT(*) FROM follow_up WHERE dialogue_id = $DPRIV")"

N0=$(d_audit)
C0=$(d_count)
fetch -X POST -H 'Content-Type: application/json' --data-binary '{"held_on": "2026-03-01", "format": "meeting", "title": {"sv": "Anonym"}}' /api/v1/missions/skolmat/dialogues
check "api: creating without credentials is 401, nothing written" eval 'eq "$S" 401 && nothing_written'
api_d "$DJ.rep" POST /api/v1/missions/skolmat/dialogues '{"held_on": "2026-03-01", "format": "meeting", "title": {"sv": "Rep"}}'
check "api: the representative may not create (403)" eval 'eq "$S" 403 && nothing_written'
api_d "$DJ.gcoord" POST /api/v1/missions/skolmat/dialogues '{"held_on": "2026-03-01", "format": "meeting", "title": {"sv": "Fel mission"}}'
check "api: ... nor a coordinator of another mission (403)" eval 'eq "$S" 403 && nothing_written'
api_d "$DJ.coord" POST /api/v1/missions/skolmat/dialogues '{"held_on": "2026-02-30", "format": "meeting", "title": {"sv": "Api"}}'
check "api: a date that does not exist is refused naming held_on (422), nothing written" \
    eval 'eq "$S" 422 && eq "$(d_field)" held_on && nothing_written'
api_d "$DJ.coord" POST /api/v1/missions/skolmat/dialogues '{"held_on": "2026-03-01", "format": "banquet", "title": {"sv": "Api"}}'
check "api: an unknown format is refused naming format (422)" eval 'eq "$S" 422 && eq "$(d_field)" format && nothing_written'
api_d "$DJ.coord" POST /api/v1/missions/skolmat/dialogues '{"held_on": "2026-03-01", "format": "meeting", "title": {"sv": "Api"}, "actor_ids": [999999]}'
check "api: an actor that does not exist is refused naming actor_ids (422)" eval 'eq "$S" 422 && eq "$(d_field)" actor_ids && nothing_written'
api_d "$DJ.coord" POST /api/v1/missions/skolmat/dialogues '{"held_on": "2026-03-01", "format": "meeting", "title": {"sv": "Api"}, "colour": "red"}'
check "api: an unknown member is refused naming it (400)" eval 'eq "$S" 400 && eq "$(d_field)" colour && nothing_written'
api_d "$DJ.coord" POST /api/v1/missions/skolmat/dialogues '{"held_on": "2026-03-01", "format": "meeting", "title": {"sv": "Api"}, "is_demo": true}'
check "api: is_demo is refused as protected (422)" eval 'eq "$S" 422 && eq "$(d_field)" is_demo && nothing_written'
api_d "$DJ.coord" POST /api/v1/missions/skolmat/dialogues "{\"held_on\": \"2026-03-01\", \"format\": \"conference\", \"title\": {\"sv\": \"Api-dialog\", \"en\": \"API dialogue\"}, \"actor_ids\": [$D_HOFORS], \"objective_ids\": [$D_OBJ], \"summary\": {\"sv\": \"Api-sammanfattning\"}, \"follow_ups\": [{\"text\": {\"sv\": \"Api-uppföljning\"}, \"owner_id\": $D_OWNER, \"due_on\": \"2030-01-01\"}]}"
APID=$(jq -r '.id // empty' "$B")
check "api: a coordinator creates a dialogue: 201, Location, the resource" \
    eval 'eq "$S" 201 && nonempty "$APID" && eq "$(hdr Location)" "/api/v1/dialogues/$APID" && jqt "$B" ".format == \"conference\" and .is_public == false and .mission == \"skolmat\" and (.follow_ups | length) == 1"'
check "api: ... stored: one more dialogue, its actor, follow-up and an audit entry" \
    eval 'eq "$(d_count)" "$((C0 + 1))" && eq "$(q "SELECT actor_id FROM dialogue_actor WHERE dialogue_id = $APID")" "$D_HOFORS" && eq "$(q "SELECT due_on FROM follow_up WHERE dialogue_id = $APID")" 2030-01-01 && ge "$(d_audit)" "$((N0 + 1))"'
api_d "$DJ.coord" PATCH "/api/v1/dialogues/$APID" '{"is_public": true, "outcomes": {"sv": "Api-utfall"}}'
check "api: PATCH changes the members given: 200, the rest kept" \
    eval 'eq "$S" 200 && jqt "$B" ".is_public == true and .outcomes.sv == \"Api-utfall\" and .held_on == \"2026-03-01\" and .summary.sv == \"Api-sammanfattning\" and (.actors | length) == 1 and (.follow_ups | length) == 1"'
check "api: ... in the database too" \
    eval 'eq "$(q "SELECT is_public || '"'|'"' || outcomes_sv || '"'|'"' || held_on FROM dialogue WHERE id = $APID")" "1|Api-utfall|2026-03-01"'
N0=$(d_audit)
api_d "$DJ.coord" PATCH "/api/v1/dialogues/$APID" '{"held_on": "2026-04-31"}'
check "api: a bad date in a PATCH is refused naming held_on, nothing changed" \
    eval 'eq "$S" 422 && eq "$(d_field)" held_on && eq "$(q "SELECT held_on FROM dialogue WHERE id = $APID")" 2026-03-01 && eq "$(d_audit)" "$N0"'
api_d "$DJ.coord" PATCH "/api/v1/dialogues/$APID" '{"id": 5, "format": "meeting"}'
check "api: an id in a PATCH is refused as protected, nothing changed" \
    eval 'eq "$S" 422 && eq "$(d_field)" id && eq "$(q "SELECT format FROM dialogue WHERE id = $APID")" conference'
api_d "$DJ.coord" PATCH "/api/v1/dialogues/$APID" '{"colour": "red"}'
check "api: an unknown member in a PATCH is 400 naming it" eval 'eq "$S" 400 && eq "$(d_field)" colour'
api_d "$DJ.gcoord" PATCH "/api/v1/dialogues/$APID" '{"format": "meeting"}'
check "api: a coordinator of another mission may not PATCH (403)" \
    eval 'eq "$S" 403 && eq "$(q "SELECT format FROM dialogue WHERE id = $APID")" conference'
fetch -X PATCH -H 'Content-Type: application/json' --data-binary '{"format": "meeting"}' "/api/v1/dialogues/$APID"
check "api: without credentials a PATCH is 401" \
    eval 'eq "$S" 401 && eq "$(q "SELECT format FROM dialogue WHERE id = $APID")" conference'
fetch /api/v1/dialogues/999999
check "api: a dialogue that does not exist is 404" eq "$S" 404
check "dialogues: the database checks out after the writes" eval 'eq "$(db_integrity)" ok'
