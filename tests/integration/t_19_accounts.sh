# t_19_accounts.sh — accounts from the command line, and the demo accounts' fence:
# a fresh database has no account at all (SECURITY.md item 5: no default accounts);
# `samverka user add` makes the first admin, from a password on standard input, with a
# TOTP secret printed as text and as an otpauth:// link; the demo database's three
# demo accounts keep `serve` on the loopback interface until they are disabled;
# `user totp-code` prints codes for demo accounts only.

# urun CMD... — run the binary; sets RC, OUT, ERR (files)
urun()
{
    OUT=$T/user.out
    ERR=$T/user.err
    timeout 20 "$BIN" "$@" >"$OUT" 2>"$ERR"
    RC=$?
}

# ------------------------------------------------------------------ item 5

FRESH=$(new_db fresh_accounts)
urun init --db "$FRESH"
require "accounts: init makes a database without demo data" eq "$RC" 0
check "accounts: a fresh install has no account at all (item 5: no default accounts)" \
    eq "$(QDB=$FRESH q "SELECT COUNT(*) FROM user_account")" 0

# ------------------------------------------------------------------ user add

urun user add --db "$FRESH" --email Chef@Example.org --name "Anna Berg" --role admin --password-stdin <<<"the first admin's password"
check "user add: the first admin is created (exit 0)" eval 'eq "$RC" 0 && [ ! -s "$ERR" ]'
SECRET=$(sed -n 's/^  \([A-Z2-7]\{32\}\)$/\1/p' "$OUT")
check "user add: prints a 32-character base32 TOTP secret" nonempty "$SECRET" "output: $(head -c 300 "$OUT")"
check "user add: ... and the otpauth:// link with it" \
    grep -qxF "  otpauth://totp/samverka:Chef%40Example.org?secret=$SECRET&issuer=samverka&algorithm=SHA1&digits=6&period=30" "$OUT"
check "user add: the account is an active admin, its secret stored unconfirmed" \
    eq "$(QDB=$FRESH q "SELECT a.role, a.status, a.is_demo, t.secret, CASE WHEN t.confirmed_at IS NULL THEN 1 ELSE 0 END FROM user_account a JOIN user_totp t ON t.user_id = a.id")" \
    $'admin\tactive\t0\t'"$SECRET"$'\t1'
check "user add: the password is stored as an argon2id hash, not as given" \
    eq "$(QDB=$FRESH q "SELECT CASE WHEN password_hash LIKE '\$argon2id\$v=19\$m=19456,t=2,p=1\$%' THEN 1 ELSE 0 END, CASE WHEN password_hash LIKE '%first admin%' THEN 1 ELSE 0 END FROM user_account")" $'1\t0'
before=$(db_dump "$FRESH")
urun user add --db "$FRESH" --email chef@example.org --name "Another" --password-stdin <<<"another long password"
check "user add: the same address in another case is refused with a message" \
    eval '[ "$RC" = 1 ] && grep -q "has an account already" "$ERR"'
urun user add --db "$FRESH" --email short@example.org --name "Short" --password-stdin <<<"too short"
check "user add: a password under 12 bytes is refused with a message" \
    eval '[ "$RC" = 1 ] && grep -q "shorter than 12 bytes" "$ERR"'
urun user add --db "$FRESH" --email common@example.org --name "Common" --password-stdin <<<"Password2026!"
check "user add: a listed password (item 2) is refused with a message of its own" \
    eval '[ "$RC" = 1 ] && grep -q "the password is too common or too easy to guess" "$ERR" && ! grep -q "shorter" "$ERR"'
urun user add --db "$FRESH" --email kim.lind@example.org --name "Kim" --password-stdin <<<"kim.lind@example.org"
check "user add: the account's own address as its password is refused" \
    eval '[ "$RC" = 1 ] && grep -q "too common or too easy to guess" "$ERR"'
urun user add --db "$FRESH" --email c@example.org --name "C" --coordinator no-such-mission --password-stdin <<<"a long enough password"
check "user add: a coordinator of no mission is refused with a message" \
    eval '[ "$RC" = 1 ] && grep -q "no mission is called" "$ERR"'
urun user add --db "$FRESH" --email tty@example.org --name "No Terminal" </dev/null
check "user add: without a terminal and without --password-stdin: a usage error" \
    eval '[ "$RC" = 2 ] && grep -q -- "--password-stdin" "$ERR"'
check "user add: the refused ones changed nothing" eq "$(db_dump "$FRESH")" "$before"
urun user add --db "$FRESH" --email plain@example.org --name "Plain User" --password-stdin <<<"a plain user's password"
check "user add: an account with no role gets no TOTP secret" \
    eval 'eq "$RC" 0 && ! grep -q otpauth "$OUT"'
urun user list --db "$FRESH"
check "user list: lists both accounts" eval 'eq "$RC" 0 && grep -q "Chef@Example.org" "$OUT" && grep -q "plain@example.org" "$OUT"'
urun user totp-code --db "$FRESH" --email Chef@Example.org
check "user totp-code: refused for an account that is no demo account" \
    eval '[ "$RC" = 1 ] && grep -q "no demo account" "$ERR" && [ ! -s "$OUT" ]'
urun user disable --db "$FRESH" --email plain@example.org
check "user disable: disables the account" \
    eval 'eq "$RC" 0 && eq "$(QDB=$FRESH q "SELECT status FROM user_account WHERE email = '"'"'plain@example.org'"'"'")" disabled'

# ------------------------------------------------------------------ the demo accounts

check "demo: the demo database has three demo accounts" \
    eq "$(q "SELECT email || ' ' || role FROM user_account WHERE is_demo = 1 ORDER BY id" | tr '\n' ';')" \
    "admin@example.org admin;coordinator@example.org none;actor@example.org none;"
check "demo: the admin and the coordinator have confirmed TOTP secrets, the README's" \
    eq "$(q "SELECT t.secret FROM user_totp t JOIN user_account a ON a.id = t.user_id WHERE t.confirmed_at IS NOT NULL AND a.is_demo = 1 ORDER BY a.id" | tr '\n' ';')" \
    "SAMVERKADEMOADMINSECRETKEY234567;SAMVERKADEMOCOORDINATORKEY234567;"
check "demo: the coordinator coordinates skolmat, the actor account represents Hofors kommun" \
    eq "$(q "SELECT (SELECT m.slug FROM mission_coordinator c JOIN mission m ON m.id = c.mission_id JOIN user_account a ON a.id = c.user_id WHERE a.email = 'coordinator@example.org') || ' ' || (SELECT r.state || ':' || x.slug FROM actor_representative r JOIN actor x ON x.id = r.actor_id JOIN user_account a ON a.id = r.user_id WHERE a.email = 'actor@example.org')")" \
    "skolmat confirmed:hofors-kommun"
urun user totp-code --db "$DB" --email admin@example.org
check "user totp-code: prints a 6-digit code for a demo account" eval 'eq "$RC" 0 && match "$(cat "$OUT")" "^[0-9]{6}$"'
# the same code from the README's secret, computed independently (totp_py, lib.sh)
check "user totp-code: the code an authenticator computes from the README's secret" \
    eval 'totp_py SAMVERKADEMOADMINSECRETKEY234567 | grep -qxF "$(cat "$OUT")"'

DEMO=$(new_db demo_fence)
db_copy "$DB" "$DEMO"
urun serve --db "$DEMO" --listen 0.0.0.0:0
check "serve: refuses 0.0.0.0 while demo accounts are active" eval '[ "$RC" = 1 ] && ! grep -q "listening" "$OUT"'
check "serve: ... naming the demo accounts and samverka user disable" \
    eval 'grep -q "admin@example.org" "$ERR" && grep -q "actor@example.org" "$ERR" && grep -q "samverka user disable" "$ERR"'
urun serve --db "$DEMO" --listen 192.0.2.1:0
check "serve: refuses another non-loopback address too" eval '[ "$RC" = 1 ] && grep -q "demo accounts" "$ERR"'
check "serve: accepts 127.0.0.1 with demo accounts (the suite's server runs so)" \
    start_server "$DEMO" "$T/fence.out" "$T/fence.log"
stop_server "$SRV_PID" 10
SRV_PID=
for e in admin@example.org coordinator@example.org; do
    urun user disable --db "$DEMO" --email "$e"
done
urun serve --db "$DEMO" --listen 0.0.0.0:0
check "serve: with one demo account left it still refuses, naming only that one" \
    eval '[ "$RC" = 1 ] && grep -q "actor@example.org" "$ERR" && ! grep -q "admin@example.org" "$ERR"'
urun user disable --db "$DEMO" --email actor@example.org
fence_open()
{
    "$BIN" serve --db "$DEMO" --listen 0.0.0.0:0 >"$T/open.out" 2>"$T/open.log" &
    SRV_PID=$!
    wait_for 10 up_or_gone "$T/open.out" "$SRV_PID" >/dev/null 2>&1
    grep -q '^samverka: listening on http://0\.0\.0\.0:' "$T/open.out" ||
        fail "not listening: $(head -c 300 "$T/open.log")"
}
check "serve: once every demo account is disabled, it listens on 0.0.0.0" fence_open
stop_server "$SRV_PID" 10
SRV_PID=
