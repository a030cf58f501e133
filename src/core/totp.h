/*
 * totp.h — one-time passwords for the second factor of a sign-in: RFC 4648 base32
 * (how a secret is shown and stored), HOTP (RFC 4226) and TOTP (RFC 6238: 30-second
 * steps, 6 digits, HMAC-SHA-1, the one algorithm every authenticator app supports),
 * and the otpauth:// link an app reads.
 *
 * Pure: no clock (the caller passes now), no randomness (the caller makes the secret),
 * no I/O. Never: accept a code of a step at or before the last one used (the caller
 * passes it), or compare a code in a way whose time depends on where it differs.
 */
#ifndef CORE_TOTP_H
#define CORE_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define TOTP_PERIOD     30 /* seconds per step */
#define TOTP_DIGITS     6
#define TOTP_WINDOW     1  /* steps accepted either side of now's: clocks drift */
#define TOTP_KEY_BYTES  20 /* a new secret: 160 bits, RFC 4226's recommendation */
#define TOTP_SECRET_LEN 33 /* its base32 text (32 characters) and NUL */
#define TOTP_KEY_MAX    64 /* the longest secret totp_verify and base32_decode take */

/*
 * Base32 (RFC 4648 section 6, alphabet A-Z2-7) of n bytes into out, without padding,
 * NUL-terminated. Returns the length written, or 0 when out (size bytes) is too small.
 */
size_t base32_encode(const unsigned char *in, size_t n, char *out, size_t size);

/*
 * Decode base32 text: letters in either case, spaces ignored, '=' padding allowed at the
 * end only. ERR_INVALID for any other character, a length no encoding has, or more than
 * size bytes; out_len receives the byte count.
 */
enum err base32_decode(const char *s, unsigned char *out, size_t size, size_t *out_len);

/* The HOTP value of a key at counter, digits (6-8) long (RFC 4226 section 5.3). */
uint32_t hotp(const unsigned char *key, size_t n, uint64_t counter, int digits);

/* The TOTP step of a Unix time: floor(now / TOTP_PERIOD) (RFC 6238, T0 = 0). */
int64_t totp_step(int64_t now);

/*
 * Check a code typed by a person (TOTP_DIGITS digits; spaces ignored) against the key at
 * now: it matches the step of now or one within TOTP_WINDOW of it, and that step is
 * later than last_step (the last one accepted; 0: none), so no code is used twice. On a
 * match, out_step receives the step (the caller stores it as the new last_step).
 */
bool totp_verify(const unsigned char *key, size_t n, const char *code, int64_t now,
                 int64_t last_step, int64_t *out_step);

/*
 * Append the Key URI (Google Authenticator's format) of a base32 secret:
 * otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30,
 * with the issuer and the account percent-encoded (str.h's url_encode).
 */
void totp_uri(struct buf *b, const char *issuer, const char *account, const char *secret);

#endif
