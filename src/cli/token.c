/*
 * token.c — `samverka token create|list|revoke`: API tokens for the JSON
 * API's writes. The token is printed once, on creation; only its hash is kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/str.h"
#include "domain/codes.h"
#include "domain/mission.h"
#include "domain/token.h"

static void
usage(FILE *f)
{
    fputs("usage: samverka token create --db URL --name NAME --role admin\n"
          "       samverka token create --db URL --name NAME --role coordinator --mission SLUG\n"
          "       samverka token list --db URL\n"
          "       samverka token revoke --db URL --id ID\n\n"
          "API tokens let a program change data through the JSON API\n"
          "(Authorization: Bearer TOKEN). An admin token may change every mission; a\n"
          "coordinator token only its own. The token is shown once; store it safely.\n",
          f);
}

int
cmd_token(int argc, char **argv)
{
    const char *url = getenv("SAMVERKA_DB"), *name = NULL, *role = NULL, *mission = NULL;
    char token[TOKEN_LEN];
    struct mission m;
    struct arena a;
    struct db *db;
    struct db_stmt *st;
    int64_t id = 0, mission_id = 0;
    enum err rc = ERR_OK;
    bool row;
    int i, ret = 0;

    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc < 1) {
        usage(stderr);
        return 2;
    }
    for (i = 1; i < argc; i += 2) { /* every option takes a value */
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;

        if (v == NULL) {
            fprintf(stderr, "samverka token: %s needs a value\n", argv[i]);
            return 2;
        } else if (strcmp(argv[i], "--db") == 0) {
            url = v;
        } else if (strcmp(argv[i], "--name") == 0) {
            name = v;
        } else if (strcmp(argv[i], "--role") == 0) {
            role = v;
        } else if (strcmp(argv[i], "--mission") == 0) {
            mission = v;
        } else if (strcmp(argv[i], "--id") == 0) {
            if (str_to_i64(v, &id) != ERR_OK || id < 1) {
                fputs("samverka token: --id needs a token id\n", stderr);
                return 2;
            }
        } else {
            fprintf(stderr, "samverka token: unknown option \"%s\"\n", argv[i]);
            return 2;
        }
    }
    if (url == NULL) {
        fputs("samverka token: --db is required\n", stderr);
        return 2;
    }
    if (db_open(url, NULL, &db) != ERR_OK)
        return 1;
    arena_init(&a);
    if (strcmp(argv[0], "create") == 0) {
        if (name == NULL || *name == '\0' || strlen(name) > 100 || role == NULL ||
            !code_is(&code_token_role, role) ||
            (strcmp(role, "coordinator") == 0) != (mission != NULL)) {
            fputs("samverka token create: give --name (1-100 characters) and --role admin, or "
                  "--role coordinator with --mission SLUG\n",
                  stderr);
            ret = 2;
            goto out;
        }
        if (mission != NULL) {
            if (mission_get(db, &a, mission, &m) != ERR_OK) {
                fprintf(stderr, "samverka token create: no mission is called \"%s\"\n", mission);
                ret = 1;
                goto out;
            }
            mission_id = m.id;
        }
        rc = token_create(db, name, role, mission_id, token, &id);
        if (rc == ERR_OK)
            printf("token %lld created; it is shown only now:\n%s\n", (long long)id, token);
    } else if (strcmp(argv[0], "list") == 0) {
        st = db_stmt(db, Q_TOKEN_LIST);
        if (st == NULL) {
            rc = ERR_DB;
            goto out;
        }
        printf("%-4s %-12s %-8s %-12s %s\n", "id", "role", "mission", "state", "name");
        while ((rc = db_step(st, &row)) == ERR_OK && row)
            printf("%-4lld %-12s %-8s %-12s %s\n", (long long)db_i64(st, 0), db_text(st, 2),
                   db_null(st, 3) ? "-" : db_text(st, 3), db_null(st, 5) ? "active" : "revoked",
                   db_text(st, 1));
        db_done(st);
    } else if (strcmp(argv[0], "revoke") == 0) {
        if (id == 0) {
            fputs("samverka token revoke: --id is required\n", stderr);
            ret = 2;
            goto out;
        }
        rc = token_revoke(db, id);
        if (rc == ERR_OK)
            printf("token %lld revoked\n", (long long)id);
    } else {
        fprintf(stderr, "samverka token: unknown action \"%s\" (create, list or revoke)\n",
                argv[0]);
        ret = 2;
    }
out:
    if (rc) {
        fprintf(stderr, "samverka token: %s\n", err_str(rc));
        ret = 1;
    }
    arena_free(&a);
    db_close(db);
    return ret;
}
