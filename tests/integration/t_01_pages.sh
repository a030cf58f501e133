# t_01_pages.sh — every page type answers 200 with the expected content, in
# Swedish (the default), in English by ?lang=en and by Accept-Language: en.
# Expected texts come from the database, in the page's language (English
# fields fall back to Swedish, as the pages do).

# ------------------------------------------------------------------ the page frame

# A Swedish page must not show these English UI strings (msgids of the frame).
ENGLISH_UI=('>Skip to content<' '>Page views<' '>Last updated<' '>Page owner<')

skip_link_first()
{
    local body=${BF#*<body}
    [[ $body =~ \<a\ [^\>]*\> ]] || fail "no link in <body>"
    match "${BASH_REMATCH[0]}" 'href="#main"' && has_re '<main [^>]*id="main"'
}

accountability_block()
{
    local lang=$1 aside rest
    [[ $BF =~ \<aside\ [^\>]*class=\"accountability\"[^\>]*\>.*\</aside\> ]] ||
        fail 'no <aside class="accountability">' || return 1
    aside=${BASH_REMATCH[0]}
    rest=${aside//<dt/}
    [ $(((${#aside} - ${#rest}) / 3)) -ge 3 ] || fail "fewer than three <dt>: $(short "$aside" 400)" || return 1
    if [ "$lang" = en ]; then
        contains "$aside" '>Last updated<' && contains "$aside" '>Page owner<' &&
            contains "$aside" '>Page views<' || return 1
    fi
    # the page-view count is a number
    match "$aside" '<dd[^>]*>[^<]*[0-9]'
}

ui_in_swedish()
{
    local s
    for s in "${ENGLISH_UI[@]}"; do
        lacks "$s" || return 1
    done
}

# frame LABEL LANG — the checks every HTML page gets, on the last fetch
frame()
{
    local label=$1 lang=$2
    check "$label: 200" eq "$S" 200
    check "$label: text/html; charset=utf-8" match "$CT" '^text/html; *charset=(utf|UTF)-8$'
    check "$label: <html lang=\"$lang\">" has_re "<html [^>]*lang=\"$lang\""
    check "$label: exactly one <h1>" eq "$(count '<h1')" 1
    check "$label: skip link to #main comes first" skip_link_first
    check "$label: accountability block (last updated, page owner, page views)" \
        accountability_block "$lang"
    if [ "$lang" = sv ]; then
        check "$label: interface text is in Swedish" ui_in_swedish
    else
        check "$label: interface text is in English" has '>Page views<'
    fi
}

# page PATH LABEL CHECKER — fetch PATH in sv and with ?lang=en: the frame
# checks and CHECKER LANG LABEL run on each; then with Accept-Language: en,
# which must give the English page
page()
{
    local path=$1 label=$2 checker=$3 sep='?' h1_en
    case $path in *'?'*) sep='&' ;; esac
    fetch "$path"
    frame "$label (sv)" sv
    $checker sv "$label (sv)"
    fetch "$path${sep}lang=en"
    frame "$label (?lang=en)" en
    $checker en "$label (?lang=en)"
    h1_en=$(inner h1)
    fetch -H 'Accept-Language: en-GB,en;q=0.9,sv;q=0.5' "$path"
    check "$label (Accept-Language: en): 200" eq "$S" 200
    check "$label (Accept-Language: en): <html lang=\"en\">, English interface" eval \
        'has_re "<html [^>]*lang=\"en\"" && has ">Page views<"'
    check "$label (Accept-Language: en): the English <h1>" eval 'nonempty "$h1_en" && eq "$(inner h1)" "$h1_en"'
}

# ------------------------------------------------------------------ /

c_index()
{
    local lang=$1 label=$2 slug title
    while IFS=$'\t' read -r slug title; do
        check "$label: lists mission $slug by its title" text_has "$title"
        check "$label: links to /missions/$slug" links_to "/missions/$slug"
    done < <(q "SELECT slug, $(lc "$lang" title) FROM mission ORDER BY position, id")
}
page / "index /" c_index

# ------------------------------------------------------------------ /missions/{slug}

c_mission()
{
    local lang=$1 label=$2 slug=$3 mid title goal year deadline owner obj ind ind_id td bu name email g gname
    IFS=$'\t' read -r mid title goal deadline owner < <(q "SELECT m.id, $(lc "$lang" m.title), $(lc "$lang" m.goal), m.deadline, COALESCE(p.name, '') FROM mission m LEFT JOIN person p ON p.id = m.owner_id WHERE m.slug = '$slug'")
    year=${deadline:0:4}
    check "$label: <h1> is the mission title" h1_has "$title"
    check "$label: goal statement" text_has "$goal"
    check "$label: deadline year $year in a <time>" has_re "<time [^>]*datetime=\"${year}[^\"]*\"[^>]*>[^<]*$year"
    while IFS= read -r obj; do
        check "$label: objective \"$obj\"" text_has "$obj"
    done < <(q "SELECT $(lc "$lang" title) FROM objective WHERE mission_id = $mid AND parent_id IS NULL ORDER BY position, id LIMIT 8")
    IFS=$'\t' read -r ind_id ind td bu < <(q "SELECT
        (SELECT id FROM indicator WHERE mission_id = $mid ORDER BY position, id LIMIT 1),
        (SELECT $(lc "$lang" title) FROM indicator WHERE mission_id = $mid ORDER BY position, id LIMIT 1),
        (SELECT $(lc "$lang" title) FROM initiative WHERE mission_id = $mid AND origin = 'top_down' ORDER BY id LIMIT 1),
        (SELECT $(lc "$lang" title) FROM initiative WHERE mission_id = $mid AND origin = 'bottom_up' ORDER BY id LIMIT 1)")
    check "$label: indicator \"$ind\" links to /indicators/$ind_id" eval \
        'nonempty "$ind_id" "no indicator in the data" && text_has "$ind" && links_to "/indicators/$ind_id"'
    if [ "$lang" = en ]; then
        check "$label: top-down and bottom-up sections in English" eval \
            'has_re "[Tt]op-down" && has_re "[Bb]ottom-up"'
    else
        check "$label: top-down and bottom-up sections in Swedish" eval \
            'lacks_re "[Tt]op-down" && lacks_re "[Bb]ottom-up"'
    fi
    check "$label: a top-down initiative is listed" eval 'nonempty "$td" "no top-down initiative in the data" && text_has "$td"'
    check "$label: a bottom-up initiative is listed" eval 'nonempty "$bu" "no bottom-up initiative in the data" && text_has "$bu"'
    IFS=$'\t' read -r name email g gname < <(q "SELECT
        (SELECT p.name FROM team_member t JOIN person p ON p.id = t.person_id WHERE t.mission_id = $mid AND t.is_contact = 1 ORDER BY t.position, p.id LIMIT 1),
        (SELECT COALESCE(p.email, '') FROM team_member t JOIN person p ON p.id = t.person_id WHERE t.mission_id = $mid AND t.is_contact = 1 ORDER BY t.position, p.id LIMIT 1),
        g.code, g.short_$lang FROM mission_sdg_target mt JOIN sdg_target t ON t.code = mt.target JOIN sdg_goal g ON g.code = t.goal WHERE mt.mission_id = $mid ORDER BY g.code LIMIT 1")
    check "$label: team contact ${name:-(none in the data)}" eval \
        'nonempty "$name" "no team contact in the data" && text_has "$name" && { [ -z "$email" ] || has "mailto:$email"; }'
    check "$label: SDG goal ${g:-?} ($gname) linked" eval \
        'nonempty "$g" "no SDG target in the data" && links_to "/sdg/$g" && text_has "$gname"'
    check "$label: page owner ${owner:-(none)} named" eval 'nonempty "$owner" "no owner in the data" && text_has "$owner"'
}
c_mission_sk() { c_mission "$1" "$2" "$SK"; }
c_mission_ga() { c_mission "$1" "$2" "$GA"; }
page "/missions/$SK" "mission /missions/$SK" c_mission_sk
page "/missions/$GA" "mission /missions/$GA" c_mission_ga

# ------------------------------------------------------------------ /indicators/{id}

c_indicator()
{
    local lang=$1 label=$2 title period
    title=$(q "SELECT $(lc "$lang" title) FROM indicator WHERE id = $IND")
    check "$label: <h1> is the indicator title" h1_has "$title"
    check "$label: links to its mission" links_to "/missions/$SK"
    check "$label: an observation table with a caption" has_re '<table[ >].*<caption[ >]'
    while IFS= read -r period; do
        check "$label: observation $period in the table" cell "$period"
    done < <(q "SELECT DISTINCT period FROM observation WHERE indicator_id = $IND AND disagg = '' ORDER BY year LIMIT 12")
    check "$label: links to data.csv and data.json" eval \
        'links_to "/indicators/$IND/data.csv" && links_to "/indicators/$IND/data.json"'
}
page "/indicators/$IND" "indicator /indicators/$IND" c_indicator

csv_header()
{
    local h
    IFS= read -r h <"$B"
    h=${h%$'\r'}
    match "$h" '^"?Year"?(,|$)' && match "$h" '(^|,)"?Value"?$'
}
csv_rows() { eq "$(tail -n +2 "$B" | tr -d '\r' | grep -c .)" "$1"; }
fetch "/indicators/$IND/data.csv"
check "data.csv: 200" eq "$S" 200
check "data.csv: Content-Type text/csv" match "$CT" '^text/csv(;|$)'
check "data.csv: header starts with Year and ends with Value" csv_header
check "data.csv: one row per observation ($N_OBS)" csv_rows "$N_OBS"
fetch "/indicators/$IND/data.json"
check "data.json: 200" eq "$S" 200
check "data.json: Content-Type application/json" match "$CT" '^application/json(;|$)'
check "data.json: a JSON array" jqt "$B" 'type == "array" and length > 0'

# ------------------------------------------------------------------ /initiatives/{id}

c_initiative()
{
    local lang=$1 label=$2 title lead mtitle
    title=$(q "SELECT $(lc "$lang" title) FROM initiative WHERE id = $INIT")
    lead=$(q "SELECT name FROM actor WHERE id = $INIT_LEAD")
    mtitle=$(q "SELECT $(lc "$lang" title) FROM mission WHERE id = $MID_SK")
    check "$label: <h1> is the initiative title" h1_has "$title"
    check "$label: its mission, linked" eval 'links_to "/missions/$SK" && text_has "$mtitle"'
    check "$label: lead actor $lead, linked" eval 'text_has "$lead" && links_to "/actors/$INIT_LEAD"'
}
page "/initiatives/$INIT" "initiative /initiatives/$INIT" c_initiative

# ------------------------------------------------------------------ /initiatives

# filtered LANG LABEL WHERE — every matching initiative listed (when there are
# few enough for one page), no other one
filtered()
{
    local lang=$1 label=$2 where=$3 t n
    n=$(q "SELECT COUNT(*) FROM initiative n WHERE $where")
    check "$label: the data has matching initiatives" ge "$n" 1
    if [ "$n" -le 10 ]; then
        while IFS= read -r t; do
            check "$label: lists \"$t\"" anchor_text "$t"
        done < <(q "SELECT $(lc "$lang" n.title) FROM initiative n WHERE $where ORDER BY n.id")
    fi
    while IFS= read -r t; do
        check "$label: does not list \"$t\"" no_anchor_text "$t"
    done < <(q "SELECT $(lc "$lang" n.title) FROM initiative n WHERE NOT ($where) ORDER BY n.id LIMIT 6")
}
c_initiatives()
{
    check "$2: filters by origin and sector (form fields or links)" eval \
        'has_re "name=\"origin\"|href=\"/initiatives[?][^\"]*origin=" && has_re "name=\"sector\"|href=\"/initiatives[?][^\"]*sector="'
}
page /initiatives "initiatives /initiatives" c_initiatives
fetch "/initiatives?mission=$SK&origin=top_down"
check "initiatives ?mission=$SK&origin=top_down: 200" eq "$S" 200
filtered sv "initiatives ?mission=$SK&origin=top_down" "n.mission_id = $MID_SK AND n.origin = 'top_down'"
fetch "/initiatives?sector=academia&lang=en"
check "initiatives ?sector=academia: 200" eq "$S" 200
filtered en "initiatives ?sector=academia" "$(sector_sql academia)"

# ------------------------------------------------------------------ /actors/{id}, /actors

c_actor()
{
    local lang=$1 label=$2 name t sector
    name=$(q "SELECT name FROM actor WHERE id = $INIT_LEAD")
    t=$(q "SELECT $(lc "$lang" title) FROM initiative WHERE id = $INIT")
    check "$label: <h1> is the actor's name" h1_has "$name"
    check "$label: lists the initiative it leads" eval 'text_has "$t" && links_to "/initiatives/$INIT"'
    if [ "$lang" = en ]; then
        sector=$(q "SELECT sector FROM actor WHERE id = $INIT_LEAD")
        case $sector in
        public) sector="Public sector" ;;
        private) sector="Business" ;;
        academia) sector="Academia and research" ;;
        civil_society) sector="Civil society" ;;
        *) sector="Other" ;;
        esac
        check "$label: names its sector ($sector)" text_has "$sector"
    fi
}
page "/actors/$INIT_LEAD" "actor /actors/$INIT_LEAD" c_actor

c_actors() { check "$2: filter by sector (form field or links)" has_re 'name="sector"|href="/actors[?][^"]*sector='; }
page /actors "actors /actors" c_actors
# the sector with the fewest actors: its page lists all of them and no other
SECTOR=$(q "SELECT sector FROM actor GROUP BY sector ORDER BY COUNT(*), sector LIMIT 1")
fetch "/actors?sector=$SECTOR"
check "actors ?sector=$SECTOR: 200" eq "$S" 200
while IFS= read -r a; do
    check "actors ?sector=$SECTOR: lists $a" anchor_text "$a"
done < <(q "SELECT name FROM actor WHERE sector = '$SECTOR' ORDER BY name LIMIT 10")
while IFS= read -r a; do
    check "actors ?sector=$SECTOR: does not list $a" no_anchor_text "$a"
done < <(q "SELECT name FROM actor WHERE sector <> '$SECTOR' ORDER BY id LIMIT 3")

# ------------------------------------------------------------------ /sdg, /sdg/12

all_goals()
{
    local lang=$1 code name
    while IFS=$'\t' read -r code name; do
        text_has "$name" && links_to "/sdg/$code" || return 1
    done < <(q "SELECT code, short_$lang FROM sdg_goal ORDER BY code")
}
c_sdg() { check "$2: all 17 goals, named and linked" all_goals "$1"; }
page /sdg "SDG /sdg" c_sdg

targets_listed()
{
    local tc missing=
    for tc in $(q "SELECT code FROM sdg_target WHERE goal = $1 ORDER BY position"); do
        [[ $BD =~ (^|[^0-9.])$(ere "$tc")([^0-9a-z]|$) ]] || missing="$missing $tc"
    done
    [ -z "$missing" ] || fail "missing:$missing"
}
c_sdg12()
{
    local lang=$1 label=$2 slug title
    check "$label: <h1> names goal 12" h1_has "$(q "SELECT short_$lang FROM sdg_goal WHERE code = 12")"
    check "$label: lists every target of goal 12" targets_listed 12
    while IFS=$'\t' read -r slug title; do
        check "$label: mission $slug (spans goal 12) listed" eval 'text_has "$title" && links_to "/missions/$slug"'
    done < <(q "SELECT DISTINCT m.slug, $(lc "$lang" m.title) FROM mission m JOIN mission_sdg_target mt ON mt.mission_id = m.id JOIN sdg_target t ON t.code = mt.target WHERE t.goal = 12")
}
page /sdg/12 "SDG /sdg/12" c_sdg12

# ------------------------------------------------------------------ operations and assets

fetch /healthz
check "/healthz: 200" eq "$S" 200
check "/healthz: says ok" has ok
fetch /static/style.css
check "/static/style.css: 200" eq "$S" 200
check "/static/style.css: text/css" match "$CT" '^text/css'
check "/static/style.css: not empty" eval '[ -s "$B" ]'
fetch /robots.txt
check "/robots.txt: 200" eq "$S" 200
check "/robots.txt: text/plain" match "$CT" '^text/plain'
check "/robots.txt: has a User-agent line" has 'User-agent:'
