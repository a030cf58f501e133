/*
 * user.c — user accounts, passwords, sign-in and sessions (see user.h).
 *
 * Never hold a write transaction while a password is hashed: argon2id takes tens of
 * milliseconds and the write lock is shared by the whole process (SQLite).
 */
#include "domain/user.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/seclog.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/codes.h"
#include "domain/load.h"
#include "domain/password.h"
#include "domain/person.h"

/* argon2id's cost (SECURITY.md, "Decisions already taken"); p = 1 is libsodium's. */
#define HASH_OPSLIMIT 2
#define HASH_MEMLIMIT ((size_t)19456 * 1024)

/*
 * The hashing slots: a counting semaphore of as many slots as cores, so that a flood of
 * sign-ins queues for the CPU instead of taking 19 MiB each without bound. It is the
 * process's, like the cores it counts: set up once (hash_once), owned by this file,
 * never destroyed. The dummy hash is what a sign-in for an unknown account is checked
 * against, so that it costs the same as a wrong password.
 */
static pthread_once_t hash_once = PTHREAD_ONCE_INIT;
static sem_t hash_slots;
static char dummy_hash[USER_HASH_LEN];
static bool hash_ready;

static int
hash_str(char out[USER_HASH_LEN], const char *pw)
{
    return crypto_pwhash_str_alg(out, pw, strlen(pw), HASH_OPSLIMIT, HASH_MEMLIMIT,
                                 crypto_pwhash_ALG_ARGON2ID13);
}

static void
hash_init(void)
{
    unsigned char raw[16];
    char pw[33];
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    if (sodium_init() < 0)
        return;
    if (sem_init(&hash_slots, 0, n > 0 ? (unsigned)n : 1) != 0)
        return;
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(pw, sizeof(pw), raw, sizeof(raw));
    if (hash_str(dummy_hash, pw) != 0)
        return;
    sodium_memzero(pw, sizeof(pw));
    hash_ready = true;
}

static void
slot_take(void)
{
    while (sem_wait(&hash_slots) != 0 && errno == EINTR)
        ;
}

static void
slot_give(void)
{
    sem_post(&hash_slots);
}

/* Whether pw matches the PHC string hash, with a hashing slot held. */
static bool
hash_verify(const char *hash, const char *pw)
{
    int r;

    slot_take();
    r = crypto_pwhash_str_verify(hash, pw, strlen(pw));
    slot_give();
    return r == 0;
}

void
user_token_hash(const char *token, char hex[65])
{
    unsigned char h[32];

    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof(h));
}

/* -------------------------------------------------------------- passwords */

enum err
user_password_hash_for(struct write_error *e, const char *field, const char *password,
                       const char *email, char out[USER_HASH_LEN])
{
    size_t n;
    int r;

    if (password == NULL || *password == '\0')
        return write_refuse(e, field, "is required");
    n = strlen(password);
    if (n < USER_PASSWORD_MIN)
        return write_refuse(e, field, "is shorter than 12 bytes");
    if (n > USER_PASSWORD_MAX)
        return write_refuse(e, field, "is longer than 128 bytes");
    if (!utf8_valid(password, n))
        return write_refuse(e, field, "is not valid UTF-8");
    if (password_is_weak(password, n, email))
        return write_refuse(e, field, USER_PASSWORD_WEAK);
    pthread_once(&hash_once, hash_init);
    if (!hash_ready)
        return ERR_IO;
    slot_take();
    r = hash_str(out, password);
    slot_give();
    return r == 0 ? ERR_OK : ERR_IO;
}

enum err
user_password_hash(struct write_error *e, const char *field, const char *password,
                   char out[USER_HASH_LEN])
{
    return user_password_hash_for(e, field, password, NULL, out);
}

/* ---------------------------------------------------------------- accounts */

enum err
user_create(struct db *db, const struct user_new *in, const char *who, int64_t now, int64_t *out_id,
            struct write_error *e)
{
    char key[WRITE_MAX_LINE + 1];
    const char *role = in->role != NULL ? in->role : "none";
    struct db_stmt *st;
    bool taken;
    enum err rc;

    rc = write_ref_id(db, e, "person_id", Q_PERSON_EXISTS, in->person_id, true, "names no person");
    if (rc)
        return rc;
    if (in->email == NULL)
        return write_refuse(e, "email", "is required");
    rc = write_email(e, "email", in->email);
    if (rc)
        return rc;
    if (in->password_hash == NULL || strncmp(in->password_hash, "$argon2id$", 10) != 0 ||
        strlen(in->password_hash) >= USER_HASH_LEN)
        return write_refuse(e, "password_hash", "is not an argon2id hash");
    rc = write_code(e, "role", &code_user_role, role);
    if (rc)
        return rc;
    str_ascii_lower(key, sizeof(key), in->email);
    rc = write_exists_text(db, Q_USER_EMAIL_EXISTS, key, &taken);
    if (rc)
        return rc;
    if (taken)
        return write_refuse(e, "email", "has an account already");
    st = db_stmt(db, Q_USER_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->person_id);
    db_bind_text(st, 2, in->email);
    db_bind_text(st, 3, key);
    db_bind_text(st, 4, in->password_hash);
    db_bind_text(st, 5, role);
    db_bind_i64(st, 6, in->is_demo ? 1 : 0);
    db_bind_i64(st, 7, now);
    rc = write_insert_id(st, out_id);
    if (rc)
        return rc;
    /* the address is personal data: the audit log names the account by id only */
    return audit_add(db, who, "create", "user_account", *out_id, 0, NULL);
}

static void
user_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct user *u = item;

    u->id = db_i64(st, 0);
    u->person_id = db_i64(st, 1);
    u->email = ld_str(st, 2, a);
    u->status = ld_str(st, 3, a);
    u->role = ld_str(st, 4, a);
    u->is_demo = db_i64(st, 5) != 0;
    u->created_at = db_i64(st, 6);
    u->updated_at = db_i64(st, 7);
}

enum err
user_get(struct db *db, struct arena *a, int64_t id, struct user *out)
{
    struct db_stmt *st;

    memset(out, 0, sizeof(*out));
    st = db_stmt(db, Q_USER_GET);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    return ld_one(st, a, user_row, out);
}

/* The stored hash of an account (copied into hash) and, when email is not NULL, its
 * address (copied into email); ERR_NOTFOUND if there is none. */
static enum err
stored_account(struct db *db, int64_t id, char hash[USER_HASH_LEN], char email[WRITE_MAX_LINE + 1])
{
    struct db_stmt *st;
    enum err rc;
    bool row;

    st = db_stmt(db, Q_USER_GET);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK && snprintf(hash, USER_HASH_LEN, "%s", db_text(st, 8)) >= USER_HASH_LEN)
        rc = ERR_DB;
    if (rc == ERR_OK && email != NULL &&
        snprintf(email, WRITE_MAX_LINE + 1, "%s", db_text(st, 2)) > WRITE_MAX_LINE)
        rc = ERR_DB;
    db_done(st);
    return rc;
}

static enum err
stored_hash(struct db *db, int64_t id, char hash[USER_HASH_LEN])
{
    return stored_account(db, id, hash, NULL);
}

enum err
user_password_hash_account(struct db *db, int64_t user_id, struct write_error *e, const char *field,
                           const char *password, char out[USER_HASH_LEN])
{
    char old[USER_HASH_LEN], email[WRITE_MAX_LINE + 1];
    enum err rc;

    rc = stored_account(db, user_id, old, email);
    sodium_memzero(old, sizeof(old));
    if (rc)
        return rc;
    return user_password_hash_for(e, field, password, email, out);
}

enum err
user_sessions_revoke_all(struct db *db, int64_t user_id, int64_t now)
{
    struct db_stmt *st = db_stmt(db, Q_SESSION_REVOKE_USER);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    db_bind_i64(st, 2, now);
    return db_run(st);
}

enum err
user_password_change(struct db *db, int64_t user_id, const char *current, const char *password,
                     int64_t now, struct write_error *e)
{
    char old[USER_HASH_LEN], fresh[USER_HASH_LEN], email[WRITE_MAX_LINE + 1];
    struct db_stmt *st;
    int64_t retry = 0;
    enum err rc;

    rc = stored_account(db, user_id, old, email);
    if (rc)
        return rc;
    pthread_once(&hash_once, hash_init);
    if (!hash_ready)
        return ERR_IO;
    /* a stolen session must not become a way to guess the password: the current password
     * is throttled and counted like a sign-in's */
    rc = user_signin_throttled(db, user_id, "", now, &retry);
    if (rc)
        return rc;
    if (current == NULL || !hash_verify(old, current)) {
        rc = user_signin_failure(db, user_id, "", now);
        return rc ? rc : write_refuse(e, "current_password", "is not the current password");
    }
    rc = user_password_hash_for(e, "password", password, email, fresh);
    if (rc)
        return rc;
    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_USER_SET_PASSWORD);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, user_id);
    db_bind_text(st, 2, fresh);
    db_bind_i64(st, 3, now);
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = user_sessions_revoke_all(db, user_id, now);
    if (rc == ERR_OK)
        rc = audit_add(db, "user", "password", "user_account", user_id, 0, NULL);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc == ERR_OK)
        seclog_event(now, "password.change", user_id, NULL, NULL, NULL, 0);
out:
    if (rc)
        db_rollback(db);
    return rc;
}

enum err
user_disable(struct db *db, int64_t user_id, const char *who, int64_t now)
{
    char hash[USER_HASH_LEN];
    struct db_stmt *st;
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    rc = stored_hash(db, user_id, hash);
    if (rc)
        goto out;
    st = db_stmt(db, Q_USER_SET_STATUS);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, user_id);
    db_bind_text(st, 2, "disabled");
    db_bind_i64(st, 3, now);
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = user_sessions_revoke_all(db, user_id, now);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "disable", "user_account", user_id, 0, NULL);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc == ERR_OK)
        seclog_event(now, "account.disable", user_id, NULL, NULL, &SECLOG_STR("by", who), 1);
out:
    if (rc)
        db_rollback(db);
    return rc;
}

/* ---------------------------------------------------------------- sign-in */

/* Failures of key through q since the window began: ERR_LIMIT at max, with the wait. */
static enum err
throttled(struct db *db, enum q q, const char *key, int max, int64_t now, int64_t *retry_after)
{
    struct db_stmt *st = db_stmt(db, q);
    int64_t n = 0, oldest = 0, wait;
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, key);
    db_bind_i64(st, 2, now - USER_FAIL_WINDOW);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        n = db_i64(st, 0);
        oldest = db_null(st, 1) ? now : db_i64(st, 1);
    }
    db_done(st);
    if (rc || n < max)
        return rc;
    /* refused attempts are not recorded, so the count falls below max when the oldest ages */
    wait = oldest + USER_FAIL_WINDOW - now + 1;
    if (wait > *retry_after)
        *retry_after = wait;
    return ERR_LIMIT;
}

/* Record one failure (and forget those that have aged out), in a transaction of its own. */
static enum err
record_failure(struct db *db, const char *key, const char *address, int64_t now)
{
    struct db_stmt *st;
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_SIGNIN_FAILURE_ADD);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, address);
    db_bind_i64(st, 3, now);
    rc = db_run(st);
    if (rc)
        goto out;
    st = db_stmt(db, Q_SIGNIN_FAILURES_PRUNE);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, now - USER_FAIL_WINDOW);
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc)
        db_rollback(db);
    return rc;
}

enum err
user_password_check(struct db *db, const char *email, const char *password, const char *address,
                    int64_t now, int64_t *out_user, int64_t *out_retry_after)
{
    char key[WRITE_MAX_LINE + 1], hash[USER_HASH_LEN];
    int64_t id = 0;
    struct db_stmt *st;
    bool row = false, active = false, match;
    enum err rc, lim;

    *out_user = 0;
    *out_retry_after = 0;
    pthread_once(&hash_once, hash_init);
    if (!hash_ready)
        return ERR_IO;
    /* an address too long to be an account's is throttled as the empty key, never cut
     * into another account's */
    if (email == NULL || strlen(email) > WRITE_MAX_LINE)
        key[0] = '\0';
    else
        str_ascii_lower(key, sizeof(key), email);
    if (address == NULL)
        address = "";
    lim = throttled(db, Q_SIGNIN_FAILURES_ACCOUNT, key, USER_FAIL_ACCOUNT, now, out_retry_after);
    if (lim != ERR_OK && lim != ERR_LIMIT)
        return lim;
    rc = throttled(db, Q_SIGNIN_FAILURES_ADDRESS, address, USER_FAIL_ADDRESS, now, out_retry_after);
    if (rc == ERR_OK)
        rc = lim;
    if (rc == ERR_LIMIT)
        seclog_event(now, "signin.throttled", 0, email, address,
                     &SECLOG_INT("retry_after", *out_retry_after), 1);
    if (rc)
        return rc;
    memcpy(hash, dummy_hash, sizeof(hash));
    if (key[0] != '\0') {
        st = db_stmt(db, Q_USER_BY_EMAIL);
        if (st == NULL)
            return ERR_DB;
        db_bind_text(st, 1, key);
        rc = db_step(st, &row);
        if (rc == ERR_OK && row) {
            id = db_i64(st, 0);
            active = strcmp(db_text(st, 1), "active") == 0;
            if (snprintf(hash, sizeof(hash), "%s", db_text(st, 2)) >= (int)sizeof(hash))
                rc = ERR_DB;
        }
        db_done(st);
        if (rc)
            return rc;
    }
    /* the same work whether or not the account exists or is active */
    match = hash_verify(hash, password != NULL ? password : "");
    if (!row || !active || !match) {
        seclog_event(now, "signin.failure", id, email, address,
                     &SECLOG_STR("reason", !row      ? "unknown"
                                           : !active ? "disabled"
                                                     : "password"),
                     1);
        rc = record_failure(db, key, address, now);
        return rc ? rc : ERR_NOTFOUND;
    }
    *out_user = id;
    return ERR_OK;
}

/* Whether an account has, or must have, a second factor (mfa.c's rule, one query). */
static enum err
needs_second_factor(struct db *db, int64_t user_id, bool *out)
{
    struct db_stmt *st = db_stmt(db, Q_MFA_STATE);
    enum err rc;
    bool row = false;

    *out = true;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        *out = db_i64(st, 0) > 0 || db_i64(st, 1) > 0;
    db_done(st);
    return rc;
}

enum err
user_sign_in(struct db *db, const char *email, const char *password, const char *address,
             int64_t now, char token[USER_TOKEN_LEN], int64_t *out_user, int64_t *out_retry_after)
{
    int64_t id;
    bool second;
    enum err rc;

    token[0] = '\0';
    *out_user = 0;
    rc = user_password_check(db, email, password, address, now, &id, out_retry_after);
    if (rc)
        return rc;
    /* SECURITY.md item 6: a password alone never opens a session of an account with a
     * second factor, or of one that must have it (mfa_sign_in is the way in for those) */
    rc = needs_second_factor(db, id, &second);
    if (rc)
        return rc;
    if (second)
        return ERR_CONFLICT;
    rc = user_session_create(db, id, now, token, NULL);
    if (rc == ERR_OK) {
        *out_user = id;
        seclog_event(now, "signin", id, email, address, NULL, 0);
    }
    return rc;
}

/* --------------------------------------------------------------- sessions */

enum err
user_token_new(char token[USER_TOKEN_LEN], char hex[65])
{
    unsigned char raw[16];

    if (sodium_init() < 0)
        return ERR_IO;
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(token, USER_TOKEN_LEN, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof(raw));
    user_token_hash(token, hex);
    return ERR_OK;
}

enum err
user_session_create(struct db *db, int64_t user_id, int64_t now, char token[USER_TOKEN_LEN],
                    int64_t *out_id)
{
    char hex[65];
    struct db_stmt *st;
    int64_t id = 0;
    enum err rc;

    rc = user_token_new(token, hex);
    if (rc)
        return rc;
    rc = db_begin(db);
    if (rc)
        goto out;
    st = db_stmt(db, Q_SESSION_ADD);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, user_id);
    db_bind_text(st, 2, hex);
    db_bind_i64(st, 3, now);
    db_bind_i64(st, 4, now + USER_SESSION_MAX);
    rc = write_insert_id(st, &id);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc == ERR_OK && out_id != NULL)
        *out_id = id;
out:
    if (rc) {
        db_rollback(db);
        token[0] = '\0';
    }
    return rc;
}

enum err
user_session_find(struct db *db, const char *token, int64_t now, int64_t idle,
                  struct user_session *out)
{
    char hex[65];
    struct db_stmt *st;
    enum err rc;
    bool row = false;

    memset(out, 0, sizeof(*out));
    if (token == NULL || strlen(token) != USER_TOKEN_LEN - 1)
        return ERR_NOTFOUND;
    user_token_hash(token, hex);
    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_SESSION_TOUCH);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_text(st, 1, hex);
    db_bind_i64(st, 2, now);
    db_bind_i64(st, 3, now - idle);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        out->id = db_i64(st, 0);
        out->user_id = db_i64(st, 1);
        out->created_at = db_i64(st, 2);
        out->expires_at = db_i64(st, 3);
    }
    db_done(st);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc == ERR_OK && !row)
        return ERR_NOTFOUND;
out:
    if (rc)
        db_rollback(db);
    return rc;
}

enum err
user_session_revoke(struct db *db, const char *token, int64_t now)
{
    char hex[65];
    struct db_stmt *st;
    int64_t user_id = 0;
    enum err rc;
    bool row = false;

    if (token == NULL || strlen(token) != USER_TOKEN_LEN - 1)
        return ERR_OK;
    user_token_hash(token, hex);
    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_SESSION_REVOKE);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_text(st, 1, hex);
    db_bind_i64(st, 2, now);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        user_id = db_i64(st, 0);
    db_done(st);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc == ERR_OK && user_id != 0)
        seclog_event(now, "signout", user_id, NULL, NULL, NULL, 0);
out:
    if (rc)
        db_rollback(db);
    return rc;
}

enum err
user_session_peek(struct db *db, const char *token, int64_t now, struct user_session *out)
{
    char hex[65];
    struct db_stmt *st;
    enum err rc;
    bool row = false;

    memset(out, 0, sizeof(*out));
    if (token == NULL || strlen(token) != USER_TOKEN_LEN - 1)
        return ERR_NOTFOUND;
    user_token_hash(token, hex);
    st = db_stmt(db, Q_SESSION_PEEK);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, hex);
    db_bind_i64(st, 2, now);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        out->id = db_i64(st, 0);
        out->user_id = db_i64(st, 1);
        out->created_at = db_i64(st, 2);
        out->expires_at = db_i64(st, 3);
        out->last_seen_at = db_i64(st, 4);
    }
    db_done(st);
    if (rc == ERR_OK && !row)
        return ERR_NOTFOUND;
    return rc;
}

enum err
user_sessions_seen(struct db *db, const struct session_seen *v, size_t n)
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
        st = db_stmt(db, Q_SESSION_SEEN);
        if (st == NULL) {
            rc = ERR_DB;
            break;
        }
        db_bind_i64(st, 1, v[i].session_id);
        db_bind_i64(st, 2, v[i].at);
        rc = db_run(st);
    }
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc)
        db_rollback(db);
    return rc;
}

enum err
user_sign_up(struct db *db, const char *name, const char *email, const char *password_hash,
             int64_t now, int64_t *out_id, struct write_error *e)
{
    struct person_new pn = {0};
    struct user_new un = {0};
    int64_t person_id = 0;
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    pn.name = name;
    rc = person_create(db, &pn, email, &person_id, e);
    if (rc == ERR_OK) {
        un.person_id = person_id;
        un.email = email;
        un.password_hash = password_hash;
        rc = user_create(db, &un, email, now, out_id, e);
    }
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc)
        db_rollback(db);
    return rc;
}

/* ------------------------------------ second factor, resets, the CLI (see user.h) */

enum err
user_password_verify(struct db *db, int64_t user_id, const char *password, const char *field,
                     struct write_error *e)
{
    char hash[USER_HASH_LEN];
    enum err rc;

    rc = stored_hash(db, user_id, hash);
    if (rc)
        return rc;
    pthread_once(&hash_once, hash_init);
    if (!hash_ready)
        return ERR_IO;
    if (password == NULL || !hash_verify(hash, password))
        return write_refuse(e, field, "is not the current password");
    return ERR_OK;
}

/* The throttle key of an account (its email_key) into key. */
static enum err
account_key(struct db *db, int64_t user_id, char key[WRITE_MAX_LINE + 1])
{
    struct db_stmt *st = db_stmt(db, Q_USER_GET);
    enum err rc;
    bool row = false;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        str_ascii_lower(key, WRITE_MAX_LINE + 1, db_text(st, 2));
    db_done(st);
    return rc == ERR_OK && !row ? ERR_NOTFOUND : rc;
}

enum err
user_signin_failure(struct db *db, int64_t user_id, const char *address, int64_t now)
{
    char key[WRITE_MAX_LINE + 1];
    enum err rc;

    rc = account_key(db, user_id, key);
    if (rc)
        return rc;
    return record_failure(db, key, address != NULL ? address : "", now);
}

enum err
user_signin_throttled(struct db *db, int64_t user_id, const char *address, int64_t now,
                      int64_t *out_retry_after)
{
    char key[WRITE_MAX_LINE + 1];
    enum err rc, lim;

    *out_retry_after = 0;
    rc = account_key(db, user_id, key);
    if (rc)
        return rc;
    lim = throttled(db, Q_SIGNIN_FAILURES_ACCOUNT, key, USER_FAIL_ACCOUNT, now, out_retry_after);
    if (lim != ERR_OK && lim != ERR_LIMIT)
        return lim;
    rc = throttled(db, Q_SIGNIN_FAILURES_ADDRESS, address != NULL ? address : "", USER_FAIL_ADDRESS,
                   now, out_retry_after);
    return rc ? rc : lim;
}

enum err
user_find_active(struct db *db, const char *email, int64_t *out_id)
{
    char key[WRITE_MAX_LINE + 1];
    struct db_stmt *st;
    enum err rc;
    bool row = false;

    *out_id = 0;
    if (email == NULL || *email == '\0' || strlen(email) > WRITE_MAX_LINE)
        return ERR_NOTFOUND;
    str_ascii_lower(key, sizeof(key), email);
    st = db_stmt(db, Q_USER_BY_EMAIL);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, key);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row && strcmp(db_text(st, 1), "active") == 0)
        *out_id = db_i64(st, 0);
    db_done(st);
    if (rc == ERR_OK && *out_id == 0)
        rc = ERR_NOTFOUND;
    return rc;
}

enum err
user_coordinator_add(struct db *db, int64_t user_id, int64_t mission_id, const char *who)
{
    struct db_stmt *st = db_stmt(db, Q_COORDINATOR_ADD);
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    db_bind_i64(st, 2, mission_id);
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "coordinator", "user_account", user_id, mission_id, NULL);
    return rc;
}

enum err
user_representative_add(struct db *db, int64_t user_id, int64_t actor_id, bool confirmed,
                        int64_t confirmed_by, const char *who, int64_t now)
{
    struct db_stmt *st = db_stmt(db, Q_REPRESENTATIVE_ADD);
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    db_bind_i64(st, 2, actor_id);
    db_bind_text(st, 3, confirmed ? "confirmed" : "requested");
    write_bind_id(st, 4, confirmed ? confirmed_by : 0);
    if (confirmed)
        db_bind_i64(st, 5, now);
    else
        db_bind_null(st, 5);
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "representative", "actor", actor_id, 0, NULL);
    return rc;
}

static void
email_row(struct db_stmt *st, struct arena *a, void *item)
{
    *(const char **)item = ld_str(st, 0, a);
}

enum err
user_demo_active(struct db *db, struct arena *a, const char ***out_emails, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_USER_DEMO_ACTIVE);

    *out_emails = NULL;
    *out_n = 0;
    if (st == NULL)
        return ERR_DB;
    return ld_rows(st, a, sizeof(const char *), email_row, out_emails, out_n);
}
