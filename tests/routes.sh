# routes.sh — the route table as the binary serves it (`samverka routes`, see
# samverka(1)), and a concrete path for each of its patterns, filled with real
# slugs and ids of the database under test. Sourced by the integration suite
# (tests/integration/lib.sh) and the browser suite (tests/browser/run.sh), so
# that a new route is checked by both without editing either.
#
# Needs a function q SQL that queries the database being served and prints one
# value a line. PICK (an associative array) may name the value to use after a
# path segment: PICK[missions]=skolmat fills /missions/{slug}; PICK[goal]=12
# fills every {goal}. Without one, a placeholder gets the first row by id (a
# goal: the first one a mission links to).

declare -gA PICK=()
ROUTES=

# routes_load BIN — read the table from BIN; fails (saying why) when it cannot
routes_load()
{
    ROUTES=$("$1" routes 2>&1) || { printf '%s routes failed: %s\n' "$1" "${ROUTES:0:300}"; return 1; }
    [ -n "$ROUTES" ] || { printf '%s routes printed nothing\n' "$1"; return 1; }
}

# routes — the table, one route a line: METHOD PATTERN KIND FLAGS SCHEMA QUERY
# (tab-separated; "-" for an empty field)
routes() { printf '%s\n' "$ROUTES"; }

# the table behind the entities of a path segment
entity_table()
{
    case $1 in
    people) echo person ;;
    users) echo user_account ;;
    learning) echo learning_entry ;;
    reviews) echo portfolio_review ;;
    *) echo "${1%s}" ;;
    esac
}

# concrete PATTERN — the pattern with every {placeholder} replaced by a value
# from the database; prints why and fails when there is none
concrete()
{
    local p=$1 out='' seg prev='' v
    local IFS=/
    for seg in ${p#/}; do
        v=
        case $seg in
        '{goal}')
            # a goal some mission links to (its page has content), else the first
            v=${PICK[goal]:-$(q "SELECT COALESCE((SELECT MIN(t.goal) FROM mission_sdg_target ms JOIN sdg_target t ON t.code = ms.target), (SELECT MIN(code) FROM sdg_goal))" 2>/dev/null)}
            ;;
        '{slug}')
            v=${PICK[$prev]:-$(q "SELECT slug FROM $(entity_table "$prev") ORDER BY id LIMIT 1" 2>/dev/null)}
            ;;
        '{id}')
            v=${PICK[$prev]:-$(q "SELECT MIN(id) FROM $(entity_table "$prev")" 2>/dev/null)}
            ;;
        '{token}')
            # a link that does not work (a reset link's page says so and offers a new one)
            v=${PICK[token]:-no-such-token}
            ;;
        '{'*) ;;
        *) v=$seg ;;
        esac
        [ -n "$v" ] || { echo "no value for $seg in $p"; return 1; }
        out+=/$v
        prev=$seg
    done
    printf '%s' "${out:-/}"
}

# page_paths — a concrete path for every GET route of kind html (the public
# pages), one a line, in table order; fails on a pattern it cannot fill
page_paths()
{
    local meth pat kind rest path
    while IFS=$'\t' read -r meth pat kind rest; do
        [ "$meth" = GET ] && [ "$kind" = html ] || continue
        path=$(concrete "$pat") || { echo "$path"; return 1; }
        printf '%s\n' "$path"
    done <<<"$ROUTES"
}
