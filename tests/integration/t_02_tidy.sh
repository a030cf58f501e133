# t_02_tidy.sh — HTML Tidy finds no errors in any page of the route table, in
# either language, nor in the error pages (404, 400, 405); see tidy_clean in lib.sh.

# tidy_page PATH [STATUS [CURL-OPTIONS...]] — fetch, expect STATUS (200), run tidy. A page
# for signed-in users only (the account) sends a visitor to sign in: then that redirect's
# own small page is checked (t_20_signin checks the account pages signed in).
tidy_page()
{
    local path=$1 want=${2:-200}
    fetch "${@:3}" "$path"
    if [ "$want" = 200 ] && [ "$S" = 303 ] && [[ $(hdr Location) == /account/sign-in* ]]; then
        want=303
    fi
    check "tidy: $path ($want) is valid HTML" eval 'eq "$S" "$want" && tidy_clean'
}

# every page of the route table (GET, kind html; `samverka routes`), filled with
# demo ids by page_paths (tests/routes.sh), then what the table cannot know about:
# a second mission and a filtered list
if PAGES=$(page_paths); then
    check "tidy: the route table has pages ($(echo $PAGES))" ge "$(grep -c . <<<"$PAGES")" 5
else
    check "tidy: every page pattern of the route table can be filled with demo ids" fail "$PAGES"
    PAGES=
fi
for p in $PAGES "/missions/$GA" "/initiatives?mission=$SK&origin=bottom_up"; do
    tidy_page "$p"
    case $p in *'?'*) tidy_page "$p&lang=en" ;; *) tidy_page "$p?lang=en" ;; esac
done
tidy_page /no/such/page 404
tidy_page /no/such/page?lang=en 404
tidy_page "/indicators/999999999" 404
tidy_page /indicators/abc 400
tidy_page "/initiatives?origin=sideways" 400
tidy_page "/missions/$SK" 405 -X POST
