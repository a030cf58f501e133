/*
 * mfa.c — the second factor of a sign-in (see mfa.h): TOTP enrolment, recovery
 * codes, and the pending sign-ins between the password and the code.
 *
 * Every check that decides whether a code was used reads and writes in one
 * statement (UPDATE ... RETURNING), so two requests with the same code, or the
 * same pending sign-in, cannot both pass. The password is checked before any
 * write transaction begins (argon2id is slow; user.c).
 */
#include "domain/mfa.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/seclog.h"
#include "domain/audit.h"
#include "domain/load.h"

#define SECRET_TEXT_MAX 128 /* base32 of TOTP_KEY_MAX bytes (103 characters) fits */

/* An account's row of user_totp. */
struct totp_row {
    bool exists, confirmed, has_new;
    int64_t last_step;
    char secret[SECRET_TEXT_MAX], new_secret[SECRET_TEXT_MAX];
};

static enum err
totp_load(struct db *db, int64_t user_id, struct totp_row *t)
{
    struct db_stmt *st = db_stmt(db, Q_TOTP_GET);
    enum err rc;
    bool row = false;

    memset(t, 0, sizeof(*t));
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        t->exists = true;
        snprintf(t->secret, sizeof(t->secret), "%s", db_text(st, 0));
        t->confirmed = !db_null(st, 1);
        t->last_step = db_i64(st, 2);
        t->has_new = !db_null(st, 3);
        if (t->has_new)
            snprintf(t->new_secret, sizeof(t->new_secret), "%s", db_text(st, 3));
    }
    db_done(st);
    return rc;
}

/* Whether code is a right TOTP code of a base32 secret at now, later than last_step. */
static bool
code_matches(const char *secret, const char *code, int64_t now, int64_t last_step,
             int64_t *out_step)
{
    unsigned char key[TOTP_KEY_MAX];
    size_t n;
    bool match;

    if (base32_decode(secret, key, sizeof(key), &n) != ERR_OK)
        return false;
    match = totp_verify(key, n, code, now, last_step, out_step);
    sodium_memzero(key, sizeof(key));
    return match;
}

/* A new random secret, as base32 text. */
static enum err
secret_new(char secret[TOTP_SECRET_LEN])
{
    unsigned char key[TOTP_KEY_BYTES];

    if (sodium_init() < 0)
        return ERR_IO;
    randombytes_buf(key, sizeof(key));
    base32_encode(key, sizeof(key), secret, TOTP_SECRET_LEN);
    sodium_memzero(key, sizeof(key));
    return ERR_OK;
}

/* Run a statement with one integer parameter. */
static enum err
run_id(struct db *db, enum q q, int64_t id)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    return db_run(st);
}

/* Step a statement once: whether it returned a row (UPDATE/DELETE ... RETURNING). */
static enum err
step_hit(struct db_stmt *st, bool *out_hit)
{
    enum err rc;

    *out_hit = false;
    rc = db_step(st, out_hit);
    db_done(st);
    return rc;
}

/* Replace whatever secret the account has by an unconfirmed one (caller's transaction). */
static enum err
totp_put(struct db *db, int64_t user_id, const char *secret, int64_t now)
{
    struct db_stmt *st;
    enum err rc;

    rc = run_id(db, Q_TOTP_DELETE, user_id);
    if (rc)
        return rc;
    st = db_stmt(db, Q_TOTP_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    db_bind_text(st, 2, secret);
    db_bind_i64(st, 3, now);
    return db_run(st);
}

/* ------------------------------------------------------------ recovery codes */

/* A recovery code as stored: upper case, spaces and dashes dropped, then BLAKE2b-256 hex.
 * false when what is left is no code (wrong length or a character not in the alphabet). */
static bool
recovery_hash(const char *code, char hex[65])
{
    char norm[MFA_RECOVERY_CHARS + 1];
    unsigned char h[32];
    size_t n = 0;
    char c;

    for (; *code != '\0'; code++) {
        c = *code;
        if (c == ' ' || c == '-')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (n == MFA_RECOVERY_CHARS || c == '\0' || strchr(MFA_RECOVERY_ALPHABET, c) == NULL)
            return false;
        norm[n++] = c;
    }
    if (n != MFA_RECOVERY_CHARS)
        return false;
    norm[n] = '\0';
    crypto_generichash(h, sizeof(h), (const unsigned char *)norm, n, NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof(h));
    return true;
}

/* Delete the account's recovery codes and store MFA_RECOVERY_N new ones, given in out. */
static enum err
recovery_renew(struct db *db, int64_t user_id, struct mfa_recovery *out)
{
    static const char alphabet[] = MFA_RECOVERY_ALPHABET;
    struct db_stmt *st;
    char hex[65];
    enum err rc;
    int i, k, j;

    if (sodium_init() < 0)
        return ERR_IO;
    rc = run_id(db, Q_RECOVERY_DELETE, user_id);
    for (i = 0; rc == ERR_OK && i < MFA_RECOVERY_N; i++) {
        for (k = 0, j = 0; k < MFA_RECOVERY_CHARS; k++) {
            if (k == MFA_RECOVERY_CHARS / 2)
                out->code[i][j++] = '-';
            out->code[i][j++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
        }
        out->code[i][j] = '\0';
        recovery_hash(out->code[i], hex);
        st = db_stmt(db, Q_RECOVERY_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, user_id);
        db_bind_text(st, 2, hex);
        rc = db_run(st);
    }
    return rc;
}

enum err
mfa_recovery_left(struct db *db, int64_t user_id, int64_t *out)
{
    struct db_stmt *st = db_stmt(db, Q_RECOVERY_LEFT);

    *out = 0;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    return ld_count(st, out);
}

/* ------------------------------------------------------------------ the rule */

/* Whether the account has a confirmed TOTP and whether it must have one. */
static enum err
mfa_state(struct db *db, int64_t user_id, bool *out_has, bool *out_required)
{
    struct db_stmt *st = db_stmt(db, Q_MFA_STATE);
    enum err rc;
    bool row = false;

    *out_has = false;
    *out_required = false;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        *out_has = db_i64(st, 0) > 0;
        *out_required = db_i64(st, 1) > 0;
    }
    db_done(st);
    return rc;
}

enum err
mfa_required(struct db *db, int64_t user_id, bool *out)
{
    bool has;

    return mfa_state(db, user_id, &has, out);
}

enum err
mfa_enabled(struct db *db, int64_t user_id, bool *out)
{
    bool required;

    return mfa_state(db, user_id, out, &required);
}

enum err
mfa_unconfirmed(struct db *db, int64_t user_id, bool *out)
{
    struct db_stmt *st = db_stmt(db, Q_TOTP_GET);
    enum err rc;
    bool row = false;

    *out = false;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        *out = db_null(st, 1) && !db_null(st, 0) && *db_text(st, 0) != '\0';
    db_done(st);
    return rc;
}

/* ----------------------------------------------------------------- enrolment */

enum err
mfa_enrol_new(struct db *db, int64_t user_id, int64_t now, char secret[TOTP_SECRET_LEN])
{
    enum err rc;

    rc = secret_new(secret);
    if (rc == ERR_OK)
        rc = totp_put(db, user_id, secret, now);
    if (rc)
        secret[0] = '\0';
    return rc;
}

enum err
mfa_enrol_fixed(struct db *db, int64_t user_id, const char *secret, int64_t now)
{
    unsigned char key[TOTP_KEY_MAX];
    struct db_stmt *st;
    size_t n;
    enum err rc;
    bool hit;

    if (strlen(secret) >= SECRET_TEXT_MAX || base32_decode(secret, key, sizeof(key), &n) || n < 10)
        return ERR_INVALID;
    rc = totp_put(db, user_id, secret, now);
    if (rc)
        return rc;
    st = db_stmt(db, Q_TOTP_CONFIRM);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    db_bind_i64(st, 2, now);
    db_bind_i64(st, 3, 0);
    rc = step_hit(st, &hit);
    if (rc == ERR_OK)
        rc = audit_add(db, "demo", "mfa-enrol", "user_account", user_id, 0, NULL);
    return rc;
}

enum err
mfa_enrol_begin(struct db *db, int64_t user_id, const char *password, int64_t now,
                char secret[TOTP_SECRET_LEN], struct write_error *e)
{
    struct totp_row t;
    struct db_stmt *st;
    bool exists, verified = false;
    enum err rc;

    secret[0] = '\0';
    rc = write_exists_id(db, Q_USER_GET, user_id, &exists);
    if (rc == ERR_OK && !exists)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        rc = totp_load(db, user_id, &t);
    if (rc)
        return rc;
    /* SECURITY.md item 13: replacing a second factor in force needs the password again */
    if (t.confirmed) {
        rc = user_password_verify(db, user_id, password, "current_password", e);
        if (rc)
            return rc;
        verified = true;
    }
    rc = secret_new(secret);
    if (rc)
        return rc;
    rc = db_begin(db);
    if (rc)
        goto out;
    rc = totp_load(db, user_id, &t); /* again, under the write lock */
    if (rc)
        goto out;
    if (t.confirmed && !verified) {
        rc = write_refuse(e, "current_password", "is not the current password");
        goto out;
    }
    if (t.confirmed) {
        st = db_stmt(db, Q_TOTP_SET_NEW);
        if (st == NULL) {
            rc = ERR_DB;
            goto out;
        }
        db_bind_i64(st, 1, user_id);
        db_bind_text(st, 2, secret);
        db_bind_i64(st, 3, now);
        rc = db_run(st);
    } else {
        rc = totp_put(db, user_id, secret, now);
    }
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc) {
        db_rollback(db);
        secret[0] = '\0';
    }
    return rc;
}

/* Put the secret waiting for its first code in force at step (caller's transaction):
 * a re-enrolment's new secret, or a first enrolment's. New recovery codes into out;
 * ERR_NOTFOUND when none was waiting. */
static enum err
confirm_in(struct db *db, int64_t user_id, bool is_new, int64_t step, int64_t now,
           struct mfa_recovery *out)
{
    struct db_stmt *st = db_stmt(db, is_new ? Q_TOTP_SWAP : Q_TOTP_CONFIRM);
    enum err rc;
    bool hit;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    db_bind_i64(st, 2, now);
    db_bind_i64(st, 3, step);
    rc = step_hit(st, &hit);
    if (rc == ERR_OK && !hit)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        rc = recovery_renew(db, user_id, out);
    /* the audit entry says that it happened, never the secret or the codes */
    if (rc == ERR_OK)
        rc = audit_add(db, "user", "mfa-enrol", "user_account", user_id, 0, NULL);
    return rc;
}

enum err
mfa_enrol_confirm(struct db *db, int64_t user_id, const char *code, int64_t now,
                  struct mfa_recovery *out, struct write_error *e)
{
    struct totp_row t;
    int64_t step = 0;
    enum err rc;

    memset(out, 0, sizeof(*out));
    rc = db_begin(db);
    if (rc)
        return rc;
    rc = totp_load(db, user_id, &t);
    if (rc)
        goto out;
    if (!t.has_new && (!t.exists || t.confirmed)) {
        rc = ERR_NOTFOUND;
        goto out;
    }
    if (code == NULL || strlen(code) > MFA_CODE_MAX ||
        !code_matches(t.has_new ? t.new_secret : t.secret, code, now, t.has_new ? t.last_step : 0,
                      &step)) {
        rc = write_refuse(e, "code", "is not the authenticator's current code");
        goto out;
    }
    rc = confirm_in(db, user_id, t.has_new, step, now, out);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc == ERR_OK)
        seclog_event(now, "mfa.enrol", user_id, NULL, NULL, NULL, 0);
out:
    if (rc) {
        db_rollback(db);
        memset(out, 0, sizeof(*out));
    }
    return rc;
}

enum err
mfa_disable(struct db *db, int64_t user_id, const char *password, int64_t now,
            struct write_error *e)
{
    bool required;
    enum err rc;

    (void)now;
    rc = mfa_required(db, user_id, &required);
    if (rc)
        return rc;
    if (required)
        return ERR_CONFLICT;
    rc = user_password_verify(db, user_id, password, "current_password", e);
    if (rc)
        return rc;
    rc = db_begin(db);
    if (rc)
        return rc;
    rc = mfa_required(db, user_id, &required); /* a role given meanwhile */
    if (rc == ERR_OK && required)
        rc = ERR_CONFLICT;
    if (rc == ERR_OK)
        rc = run_id(db, Q_TOTP_DELETE, user_id);
    if (rc == ERR_OK)
        rc = run_id(db, Q_RECOVERY_DELETE, user_id);
    if (rc == ERR_OK)
        rc = audit_add(db, "user", "mfa-disable", "user_account", user_id, 0, NULL);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc == ERR_OK)
        seclog_event(now, "mfa.disable", user_id, NULL, NULL, NULL, 0);
    if (rc)
        db_rollback(db);
    return rc;
}

enum err
mfa_recovery_new(struct db *db, int64_t user_id, const char *password, int64_t now,
                 struct mfa_recovery *out, struct write_error *e)
{
    bool on = false;
    enum err rc;

    (void)now;
    rc = mfa_enabled(db, user_id, &on);
    if (rc)
        return rc;
    if (!on)
        return ERR_NOTFOUND;
    rc = user_password_verify(db, user_id, password, "current_password", e);
    if (rc)
        return rc;
    rc = db_begin(db);
    if (rc)
        return rc;
    rc = mfa_enabled(db, user_id, &on); /* turned off meanwhile */
    if (rc == ERR_OK && !on)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        rc = recovery_renew(db, user_id, out);
    if (rc == ERR_OK)
        rc = audit_add(db, "user", "mfa-recovery-new", "user_account", user_id, 0, NULL);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc == ERR_OK)
        seclog_event(now, "mfa.recovery_new", user_id, NULL, NULL, NULL, 0);
    if (rc) {
        db_rollback(db);
        memset(out, 0, sizeof(*out));
    }
    return rc;
}

enum err
mfa_code_now(struct db *db, int64_t user_id, int64_t now, char code[TOTP_DIGITS + 1])
{
    unsigned char key[TOTP_KEY_MAX];
    struct totp_row t;
    size_t n;
    enum err rc;

    code[0] = '\0';
    rc = totp_load(db, user_id, &t);
    if (rc)
        return rc;
    if (!t.exists || base32_decode(t.secret, key, sizeof(key), &n) != ERR_OK)
        return ERR_NOTFOUND;
    snprintf(code, TOTP_DIGITS + 1, "%0*u", TOTP_DIGITS,
             hotp(key, n, (uint64_t)totp_step(now), TOTP_DIGITS));
    sodium_memzero(key, sizeof(key));
    return ERR_OK;
}

/* ------------------------------------------------------------ the sign-in */

enum err
mfa_sign_in(struct db *db, const char *email, const char *password, const char *address,
            int64_t now, char token[USER_TOKEN_LEN], int64_t *out_user, int64_t *out_retry_after,
            enum mfa_step *out_step)
{
    char hex[65];
    struct db_stmt *st;
    int64_t id, pid;
    bool has, required;
    enum err rc;

    token[0] = '\0';
    *out_step = MFA_STEP_DONE;
    rc = user_password_check(db, email, password, address, now, &id, out_retry_after);
    if (rc == ERR_OK)
        rc = mfa_state(db, id, &has, &required);
    if (rc)
        return rc;
    if (!has && !required) {
        rc = user_session_create(db, id, now, token, NULL);
        if (rc == ERR_OK)
            *out_user = id;
        return rc;
    }
    rc = user_token_new(token, hex);
    if (rc)
        return rc;
    rc = db_begin(db);
    if (rc)
        goto out;
    st = db_stmt(db, Q_PENDING_PRUNE);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, now);
    db_bind_i64(st, 2, MFA_PENDING_ATTEMPTS);
    rc = db_run(st);
    if (rc)
        goto out;
    st = db_stmt(db, Q_PENDING_ADD);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, id);
    db_bind_text(st, 2, hex);
    db_bind_i64(st, 3, now);
    db_bind_i64(st, 4, now + MFA_PENDING_TTL);
    db_bind_text(st, 5, address != NULL ? address : "");
    rc = write_insert_id(st, &pid);
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc) {
        db_rollback(db);
        token[0] = '\0';
        return rc;
    }
    *out_user = id;
    *out_step = has ? MFA_STEP_CODE : MFA_STEP_ENROL;
    return ERR_OK;
}

/* The live pending sign-in of a token: its row id and account. */
static enum err
pending_find(struct db *db, const char *pending, int64_t now, int64_t *out_id, int64_t *out_user)
{
    char hex[65];
    struct db_stmt *st;
    enum err rc;
    bool row = false;

    if (pending == NULL || strlen(pending) != USER_TOKEN_LEN - 1)
        return ERR_NOTFOUND;
    user_token_hash(pending, hex);
    st = db_stmt(db, Q_PENDING_GET);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, hex);
    db_bind_i64(st, 2, now);
    db_bind_i64(st, 3, MFA_PENDING_ATTEMPTS);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        *out_id = db_i64(st, 0);
        *out_user = db_i64(st, 1);
    }
    db_done(st);
    return rc == ERR_OK && !row ? ERR_NOTFOUND : rc;
}

enum err
mfa_pending_get(struct db *db, const char *pending, int64_t now, int64_t *out_user,
                enum mfa_step *out_step)
{
    int64_t id;
    bool has, required;
    enum err rc;

    *out_user = 0;
    rc = pending_find(db, pending, now, &id, out_user);
    if (rc == ERR_OK)
        rc = mfa_state(db, *out_user, &has, &required);
    if (rc == ERR_OK)
        *out_step = has ? MFA_STEP_CODE : MFA_STEP_ENROL;
    return rc;
}

enum err
mfa_pending_enrol(struct db *db, const char *pending, int64_t now, char secret[TOTP_SECRET_LEN])
{
    enum mfa_step step;
    int64_t uid;
    bool has, required;
    enum err rc;

    secret[0] = '\0';
    rc = mfa_pending_get(db, pending, now, &uid, &step);
    if (rc)
        return rc;
    if (step != MFA_STEP_ENROL)
        return ERR_CONFLICT;
    rc = db_begin(db);
    if (rc)
        return rc;
    rc = mfa_state(db, uid, &has, &required); /* again, under the write lock */
    if (rc == ERR_OK && has)
        rc = ERR_CONFLICT;
    if (rc == ERR_OK)
        rc = mfa_enrol_new(db, uid, now, secret);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc) {
        db_rollback(db);
        secret[0] = '\0';
    }
    return rc;
}

/* A wrong code: one more attempt on the pending sign-in (the last one ends it), and a
 * failed sign-in of the account and the address. */
static enum err
complete_wrong(struct db *db, int64_t pid, int64_t uid, const char *address, int64_t now)
{
    struct db_stmt *st;
    int64_t attempts = 0;
    enum err rc;
    bool row = false;

    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PENDING_FAIL);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, pid);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        attempts = db_i64(st, 0);
    db_done(st);
    if (rc == ERR_OK && attempts >= MFA_PENDING_ATTEMPTS)
        rc = run_id(db, Q_PENDING_TAKE, pid);
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc) {
        db_rollback(db);
        return rc;
    }
    rc = user_signin_failure(db, uid, address, now);
    return rc ? rc : ERR_INVALID;
}

enum err
mfa_complete(struct db *db, const char *pending, const char *code, const char *address, int64_t now,
             char session[USER_TOKEN_LEN], int64_t *out_user, int64_t *out_retry_after,
             bool *out_enrolled, struct mfa_recovery *out_codes)
{
    char hex[65];
    struct totp_row t;
    struct db_stmt *st;
    int64_t pid = 0, uid = 0, step = 0;
    bool totp_ok = false, recovery = false, hit = false;
    enum err rc;

    /* the pending token is read before session is written: they may share a buffer */
    rc = pending_find(db, pending, now, &pid, &uid);
    session[0] = '\0';
    *out_user = 0;
    *out_retry_after = 0;
    *out_enrolled = false;
    memset(out_codes, 0, sizeof(*out_codes));
    if (rc == ERR_OK)
        rc = user_signin_throttled(db, uid, address, now, out_retry_after);
    if (rc == ERR_OK)
        rc = totp_load(db, uid, &t);
    if (rc)
        return rc;
    if (code != NULL && strlen(code) <= MFA_CODE_MAX && t.exists) {
        if (t.confirmed)
            totp_ok = code_matches(t.secret, code, now, t.last_step, &step);
        else
            totp_ok = code_matches(t.secret, code, now, 0, &step);
        /* a recovery code stands in for a code of a secret in force, never for an
         * enrolment's first code */
        recovery = !totp_ok && t.confirmed && recovery_hash(code, hex);
    }
    if (!totp_ok && !recovery)
        return complete_wrong(db, pid, uid, address, now);
    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PENDING_TAKE); /* the one request that completes it */
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, pid);
    rc = step_hit(st, &hit);
    if (rc == ERR_OK && !hit)
        rc = ERR_NOTFOUND;
    if (rc)
        goto out;
    if (totp_ok && t.confirmed) {
        st = db_stmt(db, Q_TOTP_USE_STEP);
        if (st == NULL) {
            rc = ERR_DB;
            goto out;
        }
        db_bind_i64(st, 1, uid);
        db_bind_i64(st, 2, step);
        rc = step_hit(st, &hit);
    } else if (totp_ok) {
        rc = confirm_in(db, uid, false, step, now, out_codes);
        *out_enrolled = rc == ERR_OK;
        hit = rc == ERR_OK;
    } else {
        st = db_stmt(db, Q_RECOVERY_USE);
        if (st == NULL) {
            rc = ERR_DB;
            goto out;
        }
        db_bind_i64(st, 1, uid);
        db_bind_text(st, 2, hex);
        db_bind_i64(st, 3, now);
        rc = step_hit(st, &hit);
        if (rc == ERR_OK && hit)
            rc = audit_add(db, "user", "mfa-recovery", "user_account", uid, 0, NULL);
    }
    if (rc == ERR_OK && !hit) {
        /* used meanwhile by another request (or an unknown recovery code): a wrong code */
        db_rollback(db);
        return complete_wrong(db, pid, uid, address, now);
    }
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc) {
        db_rollback(db);
        *out_enrolled = false;
        memset(out_codes, 0, sizeof(*out_codes));
        return rc;
    }
    rc = user_session_create(db, uid, now, session, NULL);
    if (rc == ERR_OK)
        *out_user = uid;
    return rc;
}
