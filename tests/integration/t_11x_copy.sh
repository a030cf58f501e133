# t_11x_copy.sh — samverka copy moves a whole database between the backends:
# the demo database SQLite -> PostgreSQL -> SQLite comes back with every row
# identical; a copy into a database that holds data is refused and changes
# nothing; after a copy into PostgreSQL new rows get fresh ids.
# Needs the throwaway cluster of tests/run-all.sh (SAMVERKA_TEST_PG_DIR).

if [ -z "${SAMVERKA_TEST_PG_DIR:-}" ]; then
    check "copy: a PostgreSQL test cluster is available (tests/run-all.sh starts one)" \
        fail "SAMVERKA_TEST_PG_DIR is not set"
else
    C_SQ1=$T/copy-a.db
    C_SQ2=$T/copy-b.db
    C_PG=$(BACKEND=pg new_db copy)
    "$BIN" init --db "$C_SQ1" --demo >"$T/copy.out" 2>&1
    # an account with an API token of its own and a deletion request, so that user_token
    # and deletion_request have a row to move
    sqlite3 "$C_SQ1" "INSERT INTO user_account (person_id, email, email_key, password_hash, status, role, created_at, updated_at)
        SELECT MIN(id), 'copy@example.org', 'copy@example.org', 'not-a-hash', 'active', 'none', 1, 1 FROM person;
        INSERT INTO user_token (user_id, name, hash, created_at, last_used_at)
        SELECT id, 'copied', 'ab12', 2, 3 FROM user_account WHERE email_key = 'copy@example.org';
        INSERT INTO deletion_request (user_id, created_at)
        SELECT id, 4 FROM user_account WHERE email_key = 'copy@example.org';"
    check "copy: SQLite -> PostgreSQL" eval '"$BIN" copy --from "$C_SQ1" --to "$C_PG" >>"$T/copy.out" 2>&1 || fail "$(cat "$T/copy.out")"'
    check "copy: PostgreSQL -> SQLite" eval '"$BIN" copy --from "$C_PG" --to "$C_SQ2" >>"$T/copy.out" 2>&1 || fail "$(cat "$T/copy.out")"'
    n_tables=0
    n_same=0
    for tb in $(sqlite3 "$C_SQ1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_version' ORDER BY name"); do
        n_tables=$((n_tables + 1))
        a=$(sqlite3 "$C_SQ1" "SELECT * FROM $tb ORDER BY 1, 2" | sha256sum)
        b=$(sqlite3 "$C_SQ2" "SELECT * FROM $tb ORDER BY 1, 2" | sha256sum)
        if [ "$a" = "$b" ]; then
            n_same=$((n_same + 1))
        else
            echo "# table $tb differs after the round trip"
        fi
    done
    check "copy: every row of all $n_tables tables is identical after the round trip" \
        eval 'ge "$n_tables" 20 && eq "$n_same" "$n_tables"'
    check "copy: the row counts agree on PostgreSQL" \
        eq "$(BACKEND=pg QDB=$C_PG q 'SELECT COUNT(*) FROM observation')" "$(sqlite3 "$C_SQ1" 'SELECT COUNT(*) FROM observation')"
    check "copy: a user's own API token is moved too" \
        eq "$(BACKEND=pg QDB=$C_PG q "SELECT name || ' ' || last_used_at FROM user_token")" "copied 3"
    H_PG=$(BACKEND=pg db_dump "$C_PG" | sha256sum)
    check "copy: into a database that holds data is refused" \
        eval '! "$BIN" copy --from "$C_SQ1" --to "$C_PG" >"$T/copy2.out" 2>&1 && grep -q "already holds data" "$T/copy2.out"'
    check "copy: ... and changes nothing" eq "$(BACKEND=pg db_dump "$C_PG" | sha256sum)" "$H_PG"
    check "copy: new rows on PostgreSQL get fresh ids after the copy" \
        eval '"$BIN" token create --db "$C_PG" --name after-copy --role admin >/dev/null 2>&1'
fi
