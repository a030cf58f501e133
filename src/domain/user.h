/*
 * user.h — user accounts and their sessions: creating an account, hashing and
 * checking passwords, signing in (throttled), and the sessions a sign-in
 * opens. The web layer's session source and forms (issue 10) call these; the
 * clock is always passed in (now, Unix seconds), so tests can move it.
 *
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str_alg, m =
 * 19456 KiB, t = 2, p = 1) into a PHC string; at most as many hashes run at
 * once as the machine has cores. A session token is 128 bits from libsodium's
 * CSPRNG; only its BLAKE2b-256 hash is stored.
 *
 * Never: store or log a password or a token; tell an unknown account from a
 * wrong password; lock an account for good.
 */
#ifndef DOMAIN_USER_H
#define DOMAIN_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "domain/write.h"

#define USER_PASSWORD_MIN 12  /* bytes of UTF-8; no composition rules */
#define USER_PASSWORD_MAX 128 /* bytes; a longer one is refused, never cut */
#define USER_HASH_LEN     128 /* a PHC string and its NUL (crypto_pwhash_STRBYTES) */
#define USER_TOKEN_LEN    23  /* a session token (22 characters of URL-safe base64) and NUL */

#define USER_SESSION_IDLE 1800  /* default idle limit, seconds: 30 min */
#define USER_SESSION_MAX  43200 /* absolute limit, seconds: 12 h from sign-in */

/*
 * Throttling: at most USER_FAIL_ACCOUNT failed sign-ins per account and
 * USER_FAIL_ADDRESS per address within any USER_FAIL_WINDOW seconds. 25 in
 * 15 minutes keeps an account under 100 guesses an hour while a legitimate
 * user, once the guessing stops, waits at most 15 minutes (SECURITY.md item 3).
 */
#define USER_FAIL_WINDOW  900
#define USER_FAIL_ACCOUNT 25
#define USER_FAIL_ADDRESS 100

struct user_new {
    int64_t person_id;         /* required: the person the account belongs to */
    const char *email;         /* required; unique regardless of the case of A-Z */
    const char *password_hash; /* from user_password_hash */
    const char *role;          /* code_user_role; NULL is "none" */
    bool is_demo;
};

struct user {
    int64_t id;
    int64_t person_id;
    const char *email;
    const char *status; /* code_user_status */
    const char *role;   /* code_user_role */
    bool is_demo;
    int64_t created_at, updated_at;
};

struct user_session {
    int64_t id;
    int64_t user_id;
    int64_t created_at;   /* the sign-in */
    int64_t expires_at;   /* the absolute limit */
    int64_t last_seen_at; /* user_session_peek only */
};

/* What e->msg says of a password password.h finds too easy to guess (callers tell it
 * from the other refusals, which are all about length or encoding). */
#define USER_PASSWORD_WEAK "is too common or too easy to guess"

/*
 * Check a new password (USER_PASSWORD_MIN..USER_PASSWORD_MAX bytes of valid UTF-8, and
 * not too easy to guess for the account with address email, NULL when unknown: see
 * password.h; refused naming field otherwise, with USER_PASSWORD_WEAK for the last) and
 * hash it into out. Takes a hashing slot (may wait for one). Errors: ERR_INVALID (with
 * e), ERR_IO (libsodium failed: out of memory).
 */
enum err user_password_hash_for(struct write_error *e, const char *field, const char *password,
                                const char *email, char out[USER_HASH_LEN]);
/* The same without an address (only the lists and the shapes are checked). */
enum err user_password_hash(struct write_error *e, const char *field, const char *password,
                            char out[USER_HASH_LEN]);
/* The same for account user_id, whose address is read first. Errors as above, and
 * ERR_NOTFOUND, ERR_DB, ERR_BUSY from the read. */
enum err user_password_hash_account(struct db *db, int64_t user_id, struct write_error *e,
                                    const char *field, const char *password,
                                    char out[USER_HASH_LEN]);

/*
 * Create an account (write.h's contract: inside the caller's transaction, the whole input
 * checked first, an audit entry). Hash the password with user_password_hash before the
 * transaction, so no write lock is held while it runs. Errors: ERR_INVALID (with e:
 * person_id, email, password_hash, role), ERR_DB, ERR_BUSY.
 */
enum err user_create(struct db *db, const struct user_new *in, const char *who, int64_t now,
                     int64_t *out_id, struct write_error *e);

/*
 * A sign-up: a new person named name and their account, in one transaction of its own (both
 * or neither). The person's e-mail is not set: the account's address is never published.
 * Errors: ERR_INVALID (with e: name, email, password_hash), ERR_DB, ERR_BUSY.
 */
enum err user_sign_up(struct db *db, const char *name, const char *email, const char *password_hash,
                      int64_t now, int64_t *out_id, struct write_error *e);

/* One account (a's copy). ERR_NOTFOUND, ERR_DB, ERR_BUSY. */
enum err user_get(struct db *db, struct arena *a, int64_t id, struct user *out);

/*
 * Sign in from address (the client's IP, as text) at now. On success, open a session:
 * token receives it (given once; only its hash is stored), out_user the account.
 * ERR_NOTFOUND for an unknown account, a wrong password and a disabled account alike,
 * after the same hash work; each counts as a failure. ERR_LIMIT when the account or
 * the address has had its failures in the window (the password is not checked):
 * out_retry_after says in how many seconds one ages out. ERR_CONFLICT when the password
 * is right but the account has a second factor or must have one (mfa_required): no
 * session is opened; such an account signs in through mfa_sign_in (mfa.h), which is
 * what a sign-in form calls. ERR_DB, ERR_BUSY, ERR_IO.
 */
enum err user_sign_in(struct db *db, const char *email, const char *password, const char *address,
                      int64_t now, char token[USER_TOKEN_LEN], int64_t *out_user,
                      int64_t *out_retry_after);

/*
 * Change the password after checking the current one (ERR_INVALID naming
 * "current_password"; a new one that fails user_password_hash's check names
 * "password"); every session of the account ends. A wrong current password counts as a
 * failed sign-in of the account, and ERR_LIMIT refuses the check when the account is
 * throttled (as a sign-in would be). ERR_NOTFOUND, ERR_DB, ERR_BUSY, ERR_IO.
 */
enum err user_password_change(struct db *db, int64_t user_id, const char *current,
                              const char *password, int64_t now, struct write_error *e);

/* Disable an account and end its sessions (who for the audit log). ERR_NOTFOUND, ERR_DB. */
enum err user_disable(struct db *db, int64_t user_id, const char *who, int64_t now);

/* Open a session for user_id at now (a fresh token each time). ERR_DB, ERR_BUSY. */
enum err user_session_create(struct db *db, int64_t user_id, int64_t now,
                             char token[USER_TOKEN_LEN], int64_t *out_id);

/*
 * The live session of a presented token at now, which becomes its last use: ERR_NOTFOUND
 * when the token is unknown, revoked, unused for idle seconds or more, past its absolute
 * limit, or its account is disabled. ERR_DB, ERR_BUSY.
 */
enum err user_session_find(struct db *db, const char *token, int64_t now, int64_t idle,
                           struct user_session *out);

/*
 * The server's way (web/auth.c): the session of a presented token at now without a write,
 * so that a signed-in page view does not count as a change of the data (which would empty
 * the response cache). out->last_seen_at is the database's; the caller checks the idle
 * limit against it and the later uses it keeps in memory, and writes those in batches
 * with user_sessions_seen. ERR_NOTFOUND when unknown, revoked, past its absolute limit or
 * its account is disabled. ERR_DB, ERR_BUSY.
 */
enum err user_session_peek(struct db *db, const char *token, int64_t now, struct user_session *out);

/* A session's last use, for user_sessions_seen. */
struct session_seen {
    int64_t session_id;
    int64_t at;
};

/* Record the last uses of n sessions (a later time only) in one transaction. ERR_DB,
 * ERR_BUSY: nothing is written. */
enum err user_sessions_seen(struct db *db, const struct session_seen *v, size_t n);

/* End the session of a token (sign-out); an unknown one is no error. ERR_DB, ERR_BUSY. */
enum err user_session_revoke(struct db *db, const char *token, int64_t now);

/* End every session of an account, inside the caller's transaction. ERR_DB, ERR_BUSY. */
enum err user_sessions_revoke_all(struct db *db, int64_t user_id, int64_t now);

/* ---- for the second factor (mfa.c), password resets (reset.c) and the CLI ---- */

/*
 * The first step of a sign-in: everything user_sign_in does (the throttle, the same
 * error and work for an unknown account, a wrong password and a disabled account, each
 * failure recorded) except opening a session. out_user receives the account.
 * mfa_sign_in builds the two-step sign-in on it.
 */
enum err user_password_check(struct db *db, const char *email, const char *password,
                             const char *address, int64_t now, int64_t *out_user,
                             int64_t *out_retry_after);

/* Whether password is the account's (ERR_INVALID naming field otherwise: the
 * re-authentication before a change of the second factor). ERR_NOTFOUND, ERR_DB, ERR_IO. */
enum err user_password_verify(struct db *db, int64_t user_id, const char *password,
                              const char *field, struct write_error *e);

/* A failed second step of a sign-in (a wrong code), counted against the account and the
 * address like a wrong password (its own transaction). ERR_DB, ERR_BUSY. */
enum err user_signin_failure(struct db *db, int64_t user_id, const char *address, int64_t now);

/* ERR_LIMIT (with the wait in out_retry_after) when the account or the address has had
 * its failures in the window. ERR_DB, ERR_BUSY. */
enum err user_signin_throttled(struct db *db, int64_t user_id, const char *address, int64_t now,
                               int64_t *out_retry_after);

/* A new random token (as a session token: 128 bits, URL-safe base64) and the hash that
 * is stored of it. ERR_IO when libsodium cannot start. */
enum err user_token_new(char token[USER_TOKEN_LEN], char hash[65]);
/* The stored form of a token: BLAKE2b-256, hex. */
void user_token_hash(const char *token, char hash[65]);

/* The active account of an e-mail address (any case of A-Z): ERR_NOTFOUND when there is
 * none or it is disabled. ERR_DB, ERR_BUSY. */
enum err user_find_active(struct db *db, const char *email, int64_t *out_id);

/* The addresses of the active demo accounts (out_n of them, in a's array out_emails): while
 * there is one, `serve` listens only on the loopback interface. ERR_DB, ERR_BUSY. */
enum err user_demo_active(struct db *db, struct arena *a, const char ***out_emails, int *out_n);

/* Make an account a coordinator of a mission, or a confirmed (confirmed_by, 0: none) or
 * requested representative of an actor, inside the caller's transaction, with an audit
 * entry. ERR_CONFLICT when it is already, ERR_DB, ERR_BUSY. */
enum err user_coordinator_add(struct db *db, int64_t user_id, int64_t mission_id, const char *who);
enum err user_representative_add(struct db *db, int64_t user_id, int64_t actor_id, bool confirmed,
                                 int64_t confirmed_by, const char *who, int64_t now);

#endif
