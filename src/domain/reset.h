/*
 * reset.h — password reset by an e-mailed one-time link: reset_request makes a
 * token (128 bits, only its hash stored; single use; one hour) and queues a
 * message with the link, reset_complete sets the new password and ends every
 * session of the account. The clock is passed in.
 *
 * The message's words are the caller's (the web layer's, translated): the domain
 * holds no UI strings. Never: say whether an address has an account (the same
 * return either way), store or log a token.
 */
#ifndef DOMAIN_RESET_H
#define DOMAIN_RESET_H

#include <stdint.h>

#include "db/db.h"
#include "domain/write.h"

#define RESET_TTL      3600 /* seconds a link works */
#define RESET_PER_HOUR 3    /* links one account is sent in an hour; more are not sent */
#define RESET_PATH     "/account/reset/"
#define RESET_BASE_MAX 512 /* bytes of the base URL */

/*
 * Ask for a reset link for email at now. For an active account: a token and one queued
 * message to its address, subject as given and body with its one "%s" replaced by the
 * link base_url + RESET_PATH + token (nothing else in body is interpreted). For an
 * unknown or disabled address, or an account sent RESET_PER_HOUR links in the last hour:
 * nothing, and the same ERR_OK. ERR_INVALID when base_url is not an http(s) address of
 * at most RESET_BASE_MAX bytes, or body has not exactly one "%s" (the caller's mistake,
 * whatever the address). ERR_DB, ERR_BUSY, ERR_IO.
 */
enum err reset_request(struct db *db, const char *email, const char *base_url, const char *subject,
                       const char *body, int64_t now);

/* Whether token is a live link (unknown, used, expired or of a disabled account:
 * ERR_NOTFOUND), without using it: the page of the link asks before showing its form.
 * ERR_DB, ERR_BUSY. */
enum err reset_check(struct db *db, const char *token, int64_t now);

/*
 * Use the link's token: the new password (user_password_hash's checks: ERR_INVALID with e
 * naming "password") replaces the old one, every session and every other open link of
 * the account end, an audit entry is written. ERR_NOTFOUND when the token is unknown,
 * used, expired or its account disabled. ERR_DB, ERR_BUSY, ERR_IO.
 */
enum err reset_complete(struct db *db, const char *token, const char *password, int64_t now,
                        struct write_error *e);

#endif
