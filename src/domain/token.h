/*
 * token.h — API tokens: bearer secrets for the JSON API. Two kinds:
 *   - legacy tokens, made by the CLI (samverka token create) with a role of their own
 *     (admin, or coordinator of one mission): "svk_" and 43 characters of URL-safe
 *     base64 (32 random bytes from libsodium);
 *   - users' own tokens, made and revoked by a signed-in account for itself: "svku_" and
 *     43 characters the same way. Such a token acts as its owner with the owner's rights
 *     at the time of use (authz_who_load), never more: a role the owner loses is lost to
 *     its tokens, and the tokens of a disabled account stop working.
 * Only a token's BLAKE2b-256 hash is stored; the token itself is shown once, when
 * created. token_resolve tells both kinds apart.
 *
 * Never: store, log or return a token after its creation.
 */
#ifndef DOMAIN_TOKEN_H
#define DOMAIN_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "domain/write.h"

#define TOKEN_LEN      64 /* bytes for a token and its NUL */
#define TOKEN_USER_MAX 20 /* live tokens of one account */

/* The API client a bearer token identifies. */
struct api_client {
    int64_t token_id;
    const char *name;
    const char *role;   /* admin | coordinator */
    int64_t mission_id; /* coordinator: the one mission; 0 for admin */
};

/* Create a token; out receives it (shown once). Errors: ERR_INVALID (role), ERR_DB. */
enum err token_create(struct db *db, const char *name, const char *role, int64_t mission_id,
                      char out[TOKEN_LEN], int64_t *out_id);
/* The client of a presented token. ERR_NOTFOUND for an unknown or revoked token. */
enum err token_find(struct db *db, struct arena *a, const char *token, struct api_client *out);
enum err token_revoke(struct db *db, int64_t id);
/* May this client change data of mission_id? */
bool token_may_write(const struct api_client *c, int64_t mission_id);

/* ---- users' own tokens */

struct user_token {
    int64_t id;
    const char *name;
    int64_t created_at;
    int64_t last_used_at; /* 0: never used */
};

/* What a presented bearer token is. */
struct bearer {
    int64_t token_id;
    int64_t user_id;          /* the owner of a user token; 0 for a legacy token */
    const char *name;         /* the token's name */
    struct api_client legacy; /* a legacy token's client; all 0 for a user token */
};

/*
 * Create a token for account user_id (active), named name (a required line of at most
 * WRITE_MAX_LINE bytes); out receives it, shown once. Its own transaction, with an audit
 * entry and the security event "token.create". Errors: ERR_INVALID (with e: name, or
 * user_id for an unknown or disabled account), ERR_LIMIT when the account has
 * TOKEN_USER_MAX live tokens, ERR_DB, ERR_BUSY, ERR_IO.
 */
enum err user_token_create(struct db *db, int64_t user_id, const char *name, int64_t now,
                           char out[TOKEN_LEN], int64_t *out_id, struct write_error *e);

/* The live tokens of account user_id, oldest first (never the tokens themselves: only
 * their hashes are stored), in a. ERR_DB, ERR_BUSY. */
enum err user_token_list(struct db *db, struct arena *a, int64_t user_id, struct user_token **out,
                         int *out_n);

/*
 * Revoke token id of account user_id (only an account's own: another's, or one revoked
 * already, is ERR_NOTFOUND and changes nothing). Its own transaction, with an audit entry
 * and the security event "token.revoke". ERR_DB, ERR_BUSY.
 */
enum err user_token_revoke(struct db *db, int64_t user_id, int64_t id, int64_t now);

/*
 * What a presented bearer token is: a user token (live, of an active account) or a legacy
 * token (token_find). Nothing is written, so a request with a token does not count as a
 * change of the data (which would empty the response cache): the caller keeps a user
 * token's last use and writes it with user_tokens_seen, as it does a session's.
 * ERR_NOTFOUND for anything else; ERR_DB, ERR_BUSY.
 */
enum err token_resolve(struct db *db, struct arena *a, const char *token, struct bearer *out);

/* A user token's last use, for user_tokens_seen. */
struct token_seen {
    int64_t token_id;
    int64_t at;
};

/* Record the last uses of n user tokens (a later time only) in one transaction. ERR_DB,
 * ERR_BUSY: nothing is written. */
enum err user_tokens_seen(struct db *db, const struct token_seen *v, size_t n);

#endif
