# t_02_tidy.sh — HTML Tidy finds no errors in any page type, in either
# language, nor in the error pages (404, 400, 405); see tidy_clean in lib.sh.

# tidy_page PATH [STATUS [CURL-OPTIONS...]] — fetch, expect STATUS (200), run tidy
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
