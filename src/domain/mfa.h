/*
 * mfa.h — the second factor of a sign-in: TOTP (RFC 6238, core/totp.h) with
 * recovery codes, required of admins and of the coordinators of any mission.
 *
 * The two-step sign-in, as the web layer drives it:
 *   1. mfa_sign_in(email, password): the password step (user.c's throttle and
 *      errors). An account with no second factor that needs none gets its
 *      session at once (MFA_STEP_DONE). Any other gets no session but a pending
 *      sign-in: a 128-bit token (only its hash stored) that lives 5 minutes and
 *      dies after 5 wrong codes, and the step it waits for:
 *        MFA_STEP_CODE   the account has a confirmed TOTP: ask for a code (or a
 *                        recovery code);
 *        MFA_STEP_ENROL  the account must have one and has none confirmed: show
 *                        "set up your authenticator" (mfa_pending_enrol gives the
 *                        secret, or the one `samverka user add` printed is used),
 *                        then ask for the first code.
 *   2. mfa_complete(pending token, code): a right code opens the session (and,
 *      in MFA_STEP_ENROL, confirms the secret and returns the recovery codes,
 *      shown once). A wrong one counts as a failed sign-in of the account.
 * Nothing here opens a session of an admin or coordinator without a correct
 * second factor (SECURITY.md item 6), and user_sign_in refuses them too.
 *
 * Enrolment of a signed-in user: mfa_enrol_begin, then mfa_enrol_confirm with
 * the first code. Replacing a confirmed secret or removing it (mfa_disable)
 * needs the current password (SECURITY.md item 13); the old secret stays in
 * force until the new one is confirmed. The clock is always passed in.
 *
 * Never: store a recovery code or token (only BLAKE2b-256 hashes), log or audit
 * a secret or code, accept a code twice.
 */
#ifndef DOMAIN_MFA_H
#define DOMAIN_MFA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/totp.h"
#include "db/db.h"
#include "domain/user.h"
#include "domain/write.h"

#define MFA_PENDING_TTL      300 /* seconds a pending sign-in waits for its code */
#define MFA_PENDING_ATTEMPTS 5   /* wrong codes that end a pending sign-in */
#define MFA_RECOVERY_N       10  /* recovery codes per enrolment */
#define MFA_RECOVERY_CHARS   10  /* characters of one, from MFA_RECOVERY_ALPHABET */
#define MFA_RECOVERY_LEN     12  /* one as shown (five characters, a hyphen, five more) and NUL */
#define MFA_CODE_MAX         64  /* bytes of a typed code that are looked at; more: wrong */
#define MFA_ISSUER           "samverka" /* the issuer of the otpauth:// link */

/* 32 characters without 0/O and 1/I, which are read for one another: 50 bits a code. */
#define MFA_RECOVERY_ALPHABET "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

enum mfa_step {
    MFA_STEP_DONE,  /* signed in: the token is a session's */
    MFA_STEP_CODE,  /* the token is a pending sign-in's, waiting for a code */
    MFA_STEP_ENROL, /* the token is a pending sign-in's, waiting for an enrolment */
};

/* Recovery codes as shown to the user, once. */
struct mfa_recovery {
    char code[MFA_RECOVERY_N][MFA_RECOVERY_LEN];
};

/* Whether the account must have a second factor: an admin, or a coordinator of any
 * mission. ERR_DB, ERR_BUSY. */
enum err mfa_required(struct db *db, int64_t user_id, bool *out);
/* Whether the account has a confirmed TOTP. ERR_DB, ERR_BUSY. */
enum err mfa_enabled(struct db *db, int64_t user_id, bool *out);

/* Whether the account has a secret not yet confirmed (one `samverka user add` printed, or
 * an enrolment begun): its first code confirms it. ERR_DB, ERR_BUSY. */
enum err mfa_unconfirmed(struct db *db, int64_t user_id, bool *out);

/*
 * Start an enrolment: a new random secret (20 bytes, base32 into secret), unconfirmed.
 * With no confirmed one, it replaces any unconfirmed one and password may be NULL. With a
 * confirmed one, password must be the current one (ERR_INVALID naming
 * "current_password"), and the new secret waits beside the old, which stays in force
 * until the new one's first code. ERR_NOTFOUND (no account), ERR_DB, ERR_BUSY, ERR_IO.
 */
enum err mfa_enrol_begin(struct db *db, int64_t user_id, const char *password, int64_t now,
                         char secret[TOTP_SECRET_LEN], struct write_error *e);

/*
 * Confirm the enrolment in progress with its first code (ERR_INVALID naming "code" when
 * it is wrong; ERR_NOTFOUND when none is in progress): the secret is in force, the old
 * recovery codes are deleted and MFA_RECOVERY_N new ones returned in out (shown once).
 * An audit entry, without the secret. ERR_DB, ERR_BUSY, ERR_IO.
 */
enum err mfa_enrol_confirm(struct db *db, int64_t user_id, const char *code, int64_t now,
                           struct mfa_recovery *out, struct write_error *e);

/*
 * Remove the second factor (secret and recovery codes), with the current password
 * (ERR_INVALID naming "current_password"). ERR_CONFLICT when the account must have one.
 * ERR_NOTFOUND, ERR_DB, ERR_BUSY, ERR_IO.
 */
enum err mfa_disable(struct db *db, int64_t user_id, const char *password, int64_t now,
                     struct write_error *e);

/*
 * New recovery codes for an account with a confirmed TOTP, with the current password
 * (ERR_INVALID naming "current_password"): the old ones, used or not, no longer work and
 * MFA_RECOVERY_N new ones are returned in out (shown once). An audit entry. ERR_NOTFOUND
 * when the account has no confirmed TOTP; ERR_DB, ERR_BUSY, ERR_IO.
 */
enum err mfa_recovery_new(struct db *db, int64_t user_id, const char *password, int64_t now,
                          struct mfa_recovery *out, struct write_error *e);

/* Unused recovery codes of an account, in out. ERR_DB, ERR_BUSY. */
enum err mfa_recovery_left(struct db *db, int64_t user_id, int64_t *out);

/*
 * The password step of a sign-in from address at now (see the top of this file).
 * Errors as user_sign_in's: ERR_NOTFOUND (unknown account, wrong password, disabled:
 * one error), ERR_LIMIT with out_retry_after, ERR_DB, ERR_BUSY, ERR_IO. On ERR_OK, token
 * and out_step say what was given: a session (MFA_STEP_DONE) or a pending sign-in.
 */
enum err mfa_sign_in(struct db *db, const char *email, const char *password, const char *address,
                     int64_t now, char token[USER_TOKEN_LEN], int64_t *out_user,
                     int64_t *out_retry_after, enum mfa_step *out_step);

/* The account and step of a live pending sign-in (MFA_STEP_CODE or MFA_STEP_ENROL);
 * ERR_NOTFOUND when the token is unknown, expired or used up. ERR_DB, ERR_BUSY. */
enum err mfa_pending_get(struct db *db, const char *pending, int64_t now, int64_t *out_user,
                         enum mfa_step *out_step);

/*
 * For a pending sign-in in MFA_STEP_ENROL: begin the enrolment (mfa_enrol_begin without a
 * password: the pending sign-in proves it) and give the secret. ERR_CONFLICT in
 * MFA_STEP_CODE (a confirmed secret is replaced only after a full sign-in), ERR_NOTFOUND,
 * ERR_DB, ERR_BUSY, ERR_IO.
 */
enum err mfa_pending_enrol(struct db *db, const char *pending, int64_t now,
                           char secret[TOTP_SECRET_LEN]);

/*
 * The second step: code is a TOTP code (within one step of now, later than the last one
 * used) or, in MFA_STEP_CODE, an unused recovery code (then used up). A right one ends
 * the pending sign-in and opens a session (session, out_user); in MFA_STEP_ENROL it also
 * confirms the secret: *out_enrolled is true and out_codes holds the new recovery codes.
 * A wrong one is ERR_INVALID, counts as a failed sign-in of the account and the address,
 * and the fifth ends the pending sign-in. ERR_LIMIT (out_retry_after) when the account or
 * address is throttled; ERR_NOTFOUND when the pending sign-in is unknown, expired or
 * used up. ERR_DB, ERR_BUSY, ERR_IO.
 */
enum err mfa_complete(struct db *db, const char *pending, const char *code, const char *address,
                      int64_t now, char session[USER_TOKEN_LEN], int64_t *out_user,
                      int64_t *out_retry_after, bool *out_enrolled, struct mfa_recovery *out_codes);

/* The TOTP code of an account's secret at now, into code (TOTP_DIGITS + 1 bytes): for
 * `samverka user totp-code`, which allows it for demo accounts only. ERR_NOTFOUND when
 * the account has no secret. ERR_DB, ERR_BUSY. */
enum err mfa_code_now(struct db *db, int64_t user_id, int64_t now, char code[TOTP_DIGITS + 1]);

/* Enrol with a new random secret, unconfirmed (replacing any secret the account has),
 * inside the caller's transaction: for `samverka user add`, which prints it; the first
 * sign-in confirms it (MFA_STEP_ENROL). ERR_DB, ERR_BUSY, ERR_IO. */
enum err mfa_enrol_new(struct db *db, int64_t user_id, int64_t now, char secret[TOTP_SECRET_LEN]);

/* Enrol with a given base32 secret, confirmed at once, and no recovery codes: for the
 * demo accounts, whose secrets the README prints. Inside the caller's transaction.
 * ERR_INVALID (not base32 of 10-64 bytes), ERR_DB, ERR_BUSY. */
enum err mfa_enrol_fixed(struct db *db, int64_t user_id, const char *secret, int64_t now);

#endif
