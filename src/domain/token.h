/*
 * token.h — API tokens: bearer secrets for the JSON API's writes until user
 * accounts arrive. A token is "svk_" and 43 characters of URL-safe base64
 * (32 random bytes from libsodium); only its BLAKE2b-256 hash is stored, and
 * the token itself is shown once, when created.
 */
#ifndef DOMAIN_TOKEN_H
#define DOMAIN_TOKEN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

#define TOKEN_LEN 64 /* bytes for a token and its NUL */

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

#endif
