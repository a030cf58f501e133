# t_29_stored_xss.sh — stored XSS, one sweep over every field of every form and every
# page that shows them (SECURITY.md item 16). The forms are found, not listed: every
# `POST ... html write,form` route of the route table, looked for on the pages of the
# table as a role authz-expect.tsv allows it for (the admin for most; the representative
# for a proposal; the account holder for their own; the public for the open forms). Each
# gets payloads unique to the form and field (markup, attribute break-outs, script URLs,
# a </textarea>, Markdown links, CSV formulas), then every GET route of the table, filled
# with the rows made and edited, is fetched as the public and each role in Swedish and
# English, with payloads in its query parameters too. xss_sweep.py does the work and the
# checking with Python's html.parser, independently of samverka's escaper: no element,
# event handler or script URL of a payload's making on any page, no inline script at
# all, every stored payload seen on some page; JSON parses, CSV parses with formulas
# neutralised. Its own copy of the database and server, as it writes everywhere.

XS_DB=$(new_db stored_xss)
db_copy "$DB" "$XS_DB"
QDB_SAVED=${QDB:-}
QDB=$XS_DB
# accounts of the sweep's own: an admin and a coordinator of skolmat (second factors whose
# secrets are known here, their codes unused), a representative of hofors-kommun
xs_user()
{
    "$BIN" user add --db "$XS_DB" --email "$1" --name "$2" "${@:4}" --password-stdin <<<"$3" 2>&1 |
        grep -E '^  [A-Z2-7]{32}$' | tr -d ' '
}
XS_PW='stored xss sweep password'
XS_ADMIN_KEY=$(xs_user xss-admin@example.se "XSS Admin" "$XS_PW" --role admin)
XS_COORD_KEY=$(xs_user xss-coord@example.se "XSS Coordinator" "$XS_PW" --coordinator skolmat)
xs_user xss-rep@example.se "XSS Representative" "$XS_PW" >/dev/null
q "INSERT INTO actor_representative (user_id, actor_id, state, confirmed_at) SELECT u.id, a.id, 'confirmed', 1 FROM user_account u, actor a WHERE u.email_key = 'xss-rep@example.se' AND a.slug = 'hofors-kommun'" >/dev/null
printf 'admin\t%s\t%s\t%s\ncoord\t%s\t%s\t%s\nrep\t%s\t%s\n' \
    xss-admin@example.se "$XS_PW" "$XS_ADMIN_KEY" xss-coord@example.se "$XS_PW" "$XS_COORD_KEY" \
    xss-rep@example.se "$XS_PW" >"$T/xss-accounts"
routes >"$T/xss-routes"
check "xss: an admin, a coordinator and a representative of the sweep's own" \
    eval 'nonempty "$XS_ADMIN_KEY" && nonempty "$XS_COORD_KEY" && eq "$(q "SELECT COUNT(*) FROM actor_representative r JOIN user_account u ON u.id = r.user_id WHERE u.email_key = '"'xss-rep@example.se'"'")" 1'

start_server "$XS_DB" "$T/xs.out" "$T/xs.log" >"$T/xs.msg" 2>&1
XS_PID=$SRV_PID
SRV_PID=
check "xss: a server on a copy of the database" eval 'cat "$T/xs.msg"; nonempty "$SRV_BASE"'

if [ "$BACKEND" = pg ]; then
    XS_SQL=(psql -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 "$XS_DB" -c)
else
    XS_SQL=(sqlite3 -batch -noheader -separator $'\t' -cmd '.timeout 5000' "$XS_DB")
fi
XS_PY=/usr/bin/python3
[ -x "$XS_PY" ] || XS_PY=python3
"$XS_PY" "$(dirname "${BASH_SOURCE[0]}")/xss_sweep.py" "$SRV_BASE" "$T/xss-routes" \
    "$(dirname "${BASH_SOURCE[0]}")/authz-expect.tsv" "$T/xss-accounts" "${XS_SQL[@]}" >"$T/xss.out" 2>&1
tap_checks "xss: xss_sweep.py" "$T/xss.out" $?

stop_server "$XS_PID" 10
check "xss: the server stops cleanly after the sweep" eq "$STOP_RC" 0
QDB=$QDB_SAVED
