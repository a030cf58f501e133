/*
 * token.c — API tokens (see token.h).
 */
#include "domain/token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/seclog.h"
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

/* A new token: prefix and 32 random bytes in URL-safe base64, into out; its hash into hex. */
static enum err
token_make(const char *prefix, char out[TOKEN_LEN], char hex[65])
{
    unsigned char raw[32];
    size_t n = strlen(prefix);

    if (sodium_init() < 0)
        return ERR_IO;
    randombytes_buf(raw, sizeof(raw));
    /* the prefix only: sodium_bin2base64 writes the rest and the terminator */
    memcpy(out, prefix, n); /* NOLINT(bugprone-not-null-terminated-result) */
    sodium_bin2base64(out + n, TOKEN_LEN - n, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof(raw));
    token_hash(out, hex);
    return ERR_OK;
}

enum err
token_create(struct db *db, const char *name, const char *role, int64_t mission_id,
             char out[TOKEN_LEN], int64_t *out_id)
{
    char hex[65];
    struct db_stmt *st;
    enum err rc;
    bool row;

    if (!code_is(&code_token_role, role))
        return ERR_INVALID;
    if ((strcmp(role, "coordinator") == 0) != (mission_id != 0))
        return ERR_INVALID;
    rc = token_make("svk_", out, hex);
    if (rc)
        return rc;
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

/* ------------------------------------------------------------- users' own tokens */

/* The audit log's name for account id ("user:ID": never the address, personal data). */
static const char *
user_who(char buf[32], int64_t id)
{
    snprintf(buf, 32, "user:%lld", (long long)id);
    return buf;
}

enum err
user_token_create(struct db *db, int64_t user_id, const char *name, int64_t now,
                  char out[TOKEN_LEN], int64_t *out_id, struct write_error *e)
{
    char hex[65], who[32];
    struct db_stmt *st;
    int64_t live = 0, id = 0;
    bool active;
    enum err rc;

    out[0] = '\0';
    rc = write_text(e, "name", name, WRITE_MAX_LINE, true, false);
    if (rc)
        return rc;
    rc = token_make("svku_", out, hex);
    if (rc)
        return rc;
    rc = db_begin(db);
    if (rc)
        goto out;
    rc = write_exists_id(db, Q_USER_TOKEN_OWNER, user_id, &active);
    if (rc == ERR_OK && !active)
        rc = write_refuse(e, "user_id", "names no active account");
    if (rc)
        goto out;
    st = db_stmt(db, Q_USER_TOKEN_LIVE);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, user_id);
    rc = ld_count(st, &live);
    if (rc == ERR_OK && live >= TOKEN_USER_MAX)
        rc = ERR_LIMIT;
    if (rc)
        goto out;
    st = db_stmt(db, Q_USER_TOKEN_ADD);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, user_id);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, hex);
    db_bind_i64(st, 4, now);
    rc = write_insert_id(st, &id);
    if (rc == ERR_OK)
        rc = audit_add(db, user_who(who, user_id), "create", "user_token", id, 0, name);
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc) {
        db_rollback(db);
        sodium_memzero(out, TOKEN_LEN);
        return rc;
    }
    if (out_id != NULL)
        *out_id = id;
    seclog_event(now, "token.create", user_id, NULL, NULL,
                 (struct seclog_field[]){SECLOG_INT("token_id", id), SECLOG_STR("name", name)}, 2);
    return ERR_OK;
}

static void
user_token_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct user_token *t = item;

    t->id = db_i64(st, 0);
    t->name = ld_str(st, 1, a);
    t->created_at = db_i64(st, 2);
    t->last_used_at = db_null(st, 3) ? 0 : db_i64(st, 3);
}

enum err
user_token_list(struct db *db, struct arena *a, int64_t user_id, struct user_token **out,
                int *out_n)
{
    return ld_rows_id(db, Q_USER_TOKEN_LIST, user_id, a, sizeof(struct user_token), user_token_row,
                      out, out_n);
}

enum err
user_token_revoke(struct db *db, int64_t user_id, int64_t id, int64_t now)
{
    char who[32];
    struct db_stmt *st;
    enum err rc;
    bool row = false;

    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_USER_TOKEN_REVOKE);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, user_id);
    db_bind_i64(st, 2, id);
    db_bind_i64(st, 3, now);
    rc = db_step(st, &row);
    db_done(st);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        rc = audit_add(db, user_who(who, user_id), "revoke", "user_token", id, 0, NULL);
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc) {
        db_rollback(db);
        return rc;
    }
    seclog_event(now, "token.revoke", user_id, NULL, NULL, &SECLOG_INT("token_id", id), 1);
    return ERR_OK;
}

enum err
token_resolve(struct db *db, struct arena *a, const char *token, struct bearer *out)
{
    char hex[65];
    struct db_stmt *st;
    enum err rc;
    bool row = false;

    memset(out, 0, sizeof(*out));
    if (token == NULL || strlen(token) >= TOKEN_LEN)
        return ERR_NOTFOUND;
    if (strncmp(token, "svku_", 5) != 0) {
        rc = token_find(db, a, token, &out->legacy);
        if (rc == ERR_OK) {
            out->token_id = out->legacy.token_id;
            out->name = out->legacy.name;
        }
        return rc;
    }
    token_hash(token, hex);
    st = db_stmt(db, Q_USER_TOKEN_FIND);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, hex);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        out->token_id = db_i64(st, 0);
        out->user_id = db_i64(st, 1);
        out->name = ld_str(st, 2, a);
    }
    db_done(st);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    return rc;
}

enum err
user_tokens_seen(struct db *db, const struct token_seen *v, size_t n)
{
    struct db_stmt *st;
    enum err rc;
    size_t i;

    if (n == 0)
        return ERR_OK;
    rc = db_begin(db);
    if (rc)
        return rc;
    for (i = 0; i < n && rc == ERR_OK; i++) {
        st = db_stmt(db, Q_USER_TOKEN_SEEN);
        if (st == NULL) {
            rc = ERR_DB;
            break;
        }
        db_bind_i64(st, 1, v[i].token_id);
        db_bind_i64(st, 2, v[i].at);
        rc = db_run(st);
    }
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc)
        db_rollback(db);
    return rc;
}
