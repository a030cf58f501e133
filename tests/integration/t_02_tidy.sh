# t_02_tidy.sh — HTML Tidy finds no errors in any page type, in either
# language, nor in the error pages (404, 400, 405). tidy exits 2 for errors;
# of its warnings, those that mean broken structure fail too (tidy only warns
# about a stray end tag or a duplicate id); the rest are allowed.

TIDY_BAD_WARNINGS='discarding unexpected|missing </|inserting implicit|unescaped &|duplicate attribute|already defined|not recognized|proprietary attribute|nested emphasis'

tidy_clean()
{
    local rc
    tidy -e -q -utf8 "$B" >"$T/tidy.out" 2>&1
    rc=$?
    if [ "$rc" -ge 2 ] || grep -qE "$TIDY_BAD_WARNINGS" "$T/tidy.out"; then
        grep -E "Error|$TIDY_BAD_WARNINGS" "$T/tidy.out" | head -n 8
        return 1
    fi
}

# tidy_page PATH [CURL-OPTIONS...] — fetch and run tidy; the status is checked too
tidy_page()
{
    local path=$1 want=${2:-200}
    fetch "${@:3}" "$path"
    check "tidy: $path ($want) is valid HTML" eval 'eq "$S" "$want" && tidy_clean'
}

for p in / "/missions/$SK" "/missions/$GA" "/indicators/$IND" "/initiatives/$INIT" /initiatives \
    "/initiatives?mission=$SK&origin=bottom_up" "/actors/$INIT_LEAD" /actors /sdg /sdg/12; do
    tidy_page "$p"
    case $p in *'?'*) tidy_page "$p&lang=en" ;; *) tidy_page "$p?lang=en" ;; esac
done
tidy_page /no/such/page 404
tidy_page /no/such/page?lang=en 404
tidy_page "/indicators/999999999" 404
tidy_page /indicators/abc 400
tidy_page "/initiatives?origin=sideways" 400
tidy_page "/missions/$SK" 405 -X POST
