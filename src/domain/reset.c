/*
 * reset.c — password reset links (see reset.h). The message is queued in the same
 * transaction as the token, so there is never a token without its message or a
 * message whose token was rolled back.
 */
#include "domain/reset.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/load.h"
#include "domain/mail.h"
#include "domain/user.h"

/* The body with its one "%s" replaced by link; ERR_INVALID unless there is exactly one. */
static enum err
body_with_link(struct buf *b, const char *body, const char *link)
{
    const char *at = strstr(body, "%s");

    if (at == NULL || strstr(at + 2, "%s") != NULL)
        return ERR_INVALID;
    buf_add(b, body, (size_t)(at - body));
    buf_adds(b, link);
    buf_adds(b, at + 2);
    return buf_err(b) ? ERR_INVALID : ERR_OK; /* longer than a message may be */
}

enum err
reset_request(struct db *db, const char *email, const char *base_url, const char *subject,
              const char *body, int64_t now)
{
    char token[USER_TOKEN_LEN], hex[65], link[RESET_BASE_MAX + sizeof(RESET_PATH) + USER_TOKEN_LEN];
    struct user u;
    struct arena a;
    struct db_stmt *st;
    struct buf text;
    int64_t uid, recent = 0, rid;
    size_t n;
    enum err rc;

    if (base_url == NULL || (n = strlen(base_url)) > RESET_BASE_MAX || !str_is_http_url(base_url) ||
        body == NULL || subject == NULL)
        return ERR_INVALID;
    /* a base URL with a final slash makes no empty path segment */
    if (n > 0 && base_url[n - 1] == '/')
        n--;
    buf_init(&text, MAIL_BODY_MAX + 1);
    rc = body_with_link(&text, body, "");
    buf_free(&text);
    if (rc)
        return rc;
    rc = user_find_active(db, email, &uid);
    if (rc == ERR_NOTFOUND)
        return ERR_OK; /* nothing, and no difference for the caller */
    if (rc)
        return rc;
    rc = user_token_new(token, hex);
    if (rc)
        return rc;
    snprintf(link, sizeof(link), "%.*s%s%s", (int)n, base_url, RESET_PATH, token);
    buf_init(&text, MAIL_BODY_MAX + 1);
    arena_init(&a);
    rc = body_with_link(&text, body, link);
    if (rc)
        goto done;
    rc = db_begin(db);
    if (rc)
        goto done;
    st = db_stmt(db, Q_RESET_RECENT);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, uid);
    db_bind_i64(st, 2, now - 3600);
    rc = ld_count(st, &recent);
    if (rc || recent >= RESET_PER_HOUR)
        goto out; /* enough mail to that address for now: nothing, the same return */
    rc = user_get(db, &a, uid, &u);
    if (rc)
        goto out;
    st = db_stmt(db, Q_RESET_ADD);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, uid);
    db_bind_text(st, 2, hex);
    db_bind_i64(st, 3, now);
    db_bind_i64(st, 4, now + RESET_TTL);
    rc = write_insert_id(st, &rid);
    if (rc == ERR_OK)
        rc = mail_enqueue(db, u.email, subject, text.data, (time_t)now, NULL);
    if (rc == ERR_OK)
        rc = audit_add(db, "user", "reset-request", "user_account", uid, 0, NULL);
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc || recent >= RESET_PER_HOUR)
        db_rollback(db);
done:
    sodium_memzero(token, sizeof(token));
    sodium_memzero(link, sizeof(link));
    arena_free(&a);
    buf_free(&text);
    return rc;
}

/* The live link of token: its id and account. ERR_NOTFOUND, ERR_DB, ERR_BUSY. */
static enum err
reset_find(struct db *db, const char *token, int64_t now, int64_t *out_id, int64_t *out_user)
{
    char hex[65];
    struct db_stmt *st;
    enum err rc;
    bool row = false;

    if (token == NULL || strlen(token) != USER_TOKEN_LEN - 1)
        return ERR_NOTFOUND;
    user_token_hash(token, hex);
    st = db_stmt(db, Q_RESET_FIND);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, hex);
    db_bind_i64(st, 2, now);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        *out_id = db_i64(st, 0);
        *out_user = db_i64(st, 1);
    }
    db_done(st);
    if (rc)
        return rc;
    return row ? ERR_OK : ERR_NOTFOUND;
}

enum err
reset_check(struct db *db, const char *token, int64_t now)
{
    int64_t id = 0, uid = 0;

    return reset_find(db, token, now, &id, &uid);
}

enum err
reset_complete(struct db *db, const char *token, const char *password, int64_t now,
               struct write_error *e)
{
    char fresh[USER_HASH_LEN];
    struct db_stmt *st;
    int64_t id = 0, uid = 0;
    enum err rc;
    bool row = false;

    rc = reset_find(db, token, now, &id, &uid);
    if (rc)
        return rc;
    /* hashed before the write transaction (user.c: no lock held while argon2id runs) */
    rc = user_password_hash_account(db, uid, e, "password", password, fresh);
    if (rc)
        return rc;
    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_RESET_USE); /* the one request that uses it */
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, id);
    db_bind_i64(st, 2, now);
    row = false;
    rc = db_step(st, &row);
    db_done(st);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc)
        goto out;
    st = db_stmt(db, Q_RESET_USE_ALL);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, uid);
    db_bind_i64(st, 2, now);
    rc = db_run(st);
    if (rc)
        goto out;
    st = db_stmt(db, Q_USER_SET_PASSWORD);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, uid);
    db_bind_text(st, 2, fresh);
    db_bind_i64(st, 3, now);
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = user_sessions_revoke_all(db, uid, now);
    if (rc == ERR_OK)
        rc = audit_add(db, "user", "password-reset", "user_account", uid, 0, NULL);
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc)
        db_rollback(db);
    return rc;
}
