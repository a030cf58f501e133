/*
 * token.c — API tokens (see token.h).
 */
#include "domain/token.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "domain/audit.h"
#include "domain/codes.h"
#include "domain/load.h"

static void
token_hash(const char *token, char hex[65])
{
    unsigned char h[32];

    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof(h));
}

enum err
token_create(struct db *db, const char *name, const char *role, int64_t mission_id,
             char out[TOKEN_LEN], int64_t *out_id)
{
    unsigned char raw[32];
    char hex[65];
    struct db_stmt *st;
    enum err rc;
    bool row;

    if (!code_is(&code_token_role, role))
        return ERR_INVALID;
    if ((strcmp(role, "coordinator") == 0) != (mission_id != 0))
        return ERR_INVALID;
    if (sodium_init() < 0)
        return ERR_IO;
    randombytes_buf(raw, sizeof(raw));
    /* the prefix only: sodium_bin2base64 writes the rest and the terminator */
    memcpy(out, "svk_", 4); /* NOLINT(bugprone-not-null-terminated-result) */
    sodium_bin2base64(out + 4, TOKEN_LEN - 4, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof(raw));
    token_hash(out, hex);
    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_TOKEN_ADD);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_text(st, 1, name);
    db_bind_text(st, 2, hex);
    db_bind_text(st, 3, role);
    if (mission_id)
        db_bind_i64(st, 4, mission_id);
    else
        db_bind_null(st, 4);
    db_bind_i64(st, 5, (int64_t)time(NULL));
    rc = db_step(st, &row);
    if (rc == ERR_OK && row && out_id != NULL)
        *out_id = db_i64(st, 0);
    db_done(st);
    if (rc == ERR_OK)
        rc = audit_add(db, "cli", "create", "api_token", out_id ? *out_id : 0, mission_id, name);
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc)
        db_rollback(db);
    return rc;
}

/* One row of Q_TOKEN_FIND into a struct api_client (item). */
static void
client_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct api_client *c = item;

    c->token_id = db_i64(st, 0);
    c->name = db_text_dup(st, 1, a);
    c->role = db_text_dup(st, 2, a);
    c->mission_id = db_i64(st, 3);
}

enum err
token_find(struct db *db, struct arena *a, const char *token, struct api_client *out)
{
    char hex[65];
    struct db_stmt *st;

    memset(out, 0, sizeof(*out));
    if (token == NULL || strncmp(token, "svk_", 4) != 0 || strlen(token) > TOKEN_LEN)
        return ERR_NOTFOUND;
    token_hash(token, hex);
    st = db_stmt(db, Q_TOKEN_FIND);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, hex);
    return ld_one(st, a, client_row, out);
}

enum err
token_revoke(struct db *db, int64_t id)
{
    struct db_stmt *st;
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_TOKEN_REVOKE);
    if (st == NULL) {
        db_rollback(db);
        return ERR_DB;
    }
    db_bind_i64(st, 1, id);
    db_bind_i64(st, 2, (int64_t)time(NULL));
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = audit_add(db, "cli", "revoke", "api_token", id, 0, "");
    if (rc == ERR_OK)
        rc = db_commit(db);
    else
        db_rollback(db);
    return rc;
}

bool
token_may_write(const struct api_client *c, int64_t mission_id)
{
    if (c->role == NULL)
        return false;
    if (strcmp(c->role, "admin") == 0)
        return true;
    return strcmp(c->role, "coordinator") == 0 && c->mission_id != 0 && c->mission_id == mission_id;
}
