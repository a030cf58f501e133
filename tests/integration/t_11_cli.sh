# t_11_cli.sh — the command line: help for the program and every subcommand
# exits 0; an unknown command or flag exits 2 with a message on stderr; serve
# rejects a bad listen address and reports a bad config line as
# FILE:LINE:COLUMN; --check-config prints the effective values; serve refuses
# a security-log it cannot open; check passes on the demo database; init --demo
# on an existing database fails and changes nothing.

# run CMD... — run the binary; sets RC, OUT (stdout file), ERR (stderr file)
run()
{
    OUT=$T/cli.out
    ERR=$T/cli.err
    timeout 10 "$BIN" "$@" >"$OUT" 2>"$ERR"
    RC=$?
}
usage_error()
{
    eq "$RC" 2 && [ -s "$ERR" ] || fail "stderr: \"$(head -c 200 "$ERR")\"" || return 1
    [ ! -s "$OUT" ] || fail "the message went to stdout: $(head -c 200 "$OUT")"
}
failed_with_message()
{
    [ "$RC" != 0 ] && [ "$RC" != 124 ] || fail "exit status $RC" || return 1
    [ -s "$ERR" ] || fail "nothing on stderr"
}

run --help
check "cli: samverka --help exits 0 with a usage text" eval 'eq "$RC" 0 && grep -qi "usage" "$OUT"'
SUBCOMMANDS=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$OUT")
check "cli: --help lists subcommands (serve, init, check among them)" eval \
    'match "$(echo $SUBCOMMANDS)" "serve" && match "$(echo $SUBCOMMANDS)" "init" && match "$(echo $SUBCOMMANDS)" "check"'
for c in $SUBCOMMANDS; do
    run "$c" --help
    check "cli: samverka $c --help exits 0 and prints help" eval 'eq "$RC" 0 && [ -s "$OUT" ] && [ ! -s "$ERR" ]'
done
run
check "cli: samverka without a command exits 2 with usage on stderr" eval 'eq "$RC" 2 && grep -qi usage "$ERR"'
run frobnicate
check "cli: an unknown command exits 2 with a message" usage_error
run --frobnicate
check "cli: an unknown top-level flag exits 2 with a message" usage_error
run init --db "$T/x.db" --bogus
check "cli: init with an unknown flag exits 2 with a message" usage_error
check "cli: ... and creates no database" test ! -e "$T/x.db"
run check --db
check "cli: check --db without a value exits 2 with a message" usage_error
run serve --bogus-option 1
check "cli: serve with an unknown option exits 2 with a message" usage_error
run serve --db "$DB" --listen nonsense
check "cli: serve --listen nonsense fails with a message" failed_with_message
run serve --db "$DB" --listen 127.0.0.1:99999
check "cli: serve --listen with port 99999 fails with a message" failed_with_message
run serve --db "$DB" --listen 127.0.0.1:0 --threads many
check "cli: serve --threads many fails with a message" failed_with_message
run serve --db "$T/missing/none.db" --listen 127.0.0.1:0
check "cli: serve on a database that does not exist fails with a message" failed_with_message

# ------------------------------------------------------------------ config file

CONF=$T/bad.conf
printf '# samverka test configuration\nthreads 2\n   frobnicate yes\n' >"$CONF"
run serve --config "$CONF" --check-config
check "cli: an unknown option in the config file fails" failed_with_message
check "cli: ... reported as FILE:3:4" grep -qF "$CONF:3:4" "$ERR"
printf 'flush-interval nonsense\n' >"$CONF"
run serve --config "$CONF" --check-config
check "cli: a bad value in the config file is reported as FILE:1:COLUMN" eval \
    'failed_with_message && grep -qE "$(ere "$CONF"):1:[0-9]+" "$ERR"'
run serve --config "$T/no-such.conf" --check-config
check "cli: a missing config file fails with a message" failed_with_message

CONF=$T/good.conf
printf '# comment\n\nflush-interval 7\nlisten 127.0.0.1:9123\nthreads 2\n' >"$CONF"
SAMVERKA_DB='' SAMVERKA_LISTEN='' run serve --config "$CONF" --threads 3 --check-config
check "cli: --check-config exits 0" eval 'eq "$RC" 0 && [ ! -s "$ERR" ]'
check "cli: --check-config prints the file's values" eval 'grep -qx "flush-interval 7" "$OUT" && grep -qx "listen 127.0.0.1:9123" "$OUT"'
check "cli: --check-config: a flag beats the file" grep -qx "threads 3" "$OUT"
check "cli: --check-config: defaults for the rest" grep -qx "max-per-ip 32" "$OUT"
SAMVERKA_LISTEN=127.0.0.1:9124 run serve --config "$CONF" --check-config
check "cli: --check-config: SAMVERKA_LISTEN beats the file" grep -qx "listen 127.0.0.1:9124" "$OUT"
SAMVERKA_LISTEN=127.0.0.1:9124 run serve --config "$CONF" --listen 127.0.0.1:9125 --check-config
check "cli: --check-config: the flag beats SAMVERKA_LISTEN" grep -qx "listen 127.0.0.1:9125" "$OUT"
run serve --config "$CONF" --security-log "$T/sec.log" --check-config
check "cli: --check-config prints security-log" grep -qx "security-log $T/sec.log" "$OUT"
run serve --db "$DB" --listen 127.0.0.1:0 --security-log "$T/no-such-dir/sec.log"
check "cli: a security-log that cannot be opened stops serve with a message" eval \
    'eq "$RC" 2 && grep -qF "security-log $T/no-such-dir/sec.log" "$ERR"'

# ------------------------------------------------------------------ check, init, migrate

run check --db "$DB"
check "cli: samverka check --db passes on the demo database" eval 'eq "$RC" 0 || fail "$(cat "$ERR")"'
run check --db "$T/no-such.db"
check "cli: samverka check on a missing database fails with a message" failed_with_message
check "cli: ... and does not create it" test ! -e "$T/no-such.db"
run migrate --db "$DB"
check "cli: samverka migrate on a current database exits 0" eval 'eq "$RC" 0 || fail "$(cat "$ERR")"'

DB2=$(new_db second)
dump_hash() { db_dump "$DB2" | sha256sum | cut -d' ' -f1; }
run init --db "$DB2" --demo
check "cli: init --demo creates a second demo database" eq "$RC" 0
H_BEFORE=$(dump_hash)
run init --db "$DB2" --demo
check "cli: init --demo on an existing database fails with a message" failed_with_message
check "cli: ... and changes nothing (same .dump)" eq "$(dump_hash)" "$H_BEFORE"
run init --db "$DB2"
check "cli: init without --demo on an initialised database exits 0" eq "$RC" 0
check "cli: ... and changes nothing (same .dump)" eq "$(dump_hash)" "$H_BEFORE"
