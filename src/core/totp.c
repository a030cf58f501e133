/*
 * totp.c — base32, HOTP and TOTP (see totp.h). HMAC-SHA-1 comes from nettle:
 * libsodium, which does every other hash and random number here, has no SHA-1,
 * and SHA-1 is what authenticator apps compute (docs/internals/core.md).
 */
#include "core/totp.h"

#include <nettle/hmac.h>
#include <string.h>

#include "core/str.h"

static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

size_t
base32_encode(const unsigned char *in, size_t n, char *out, size_t size)
{
    size_t i, len = 0, need = (n * 8 + 4) / 5;
    unsigned acc = 0;
    int bits = 0;

    if (size < need + 1)
        return 0;
    for (i = 0; i < n; i++) {
        acc = (acc << 8) | in[i];
        bits += 8;
        while (bits >= 5) {
            out[len++] = b32_alphabet[(acc >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0)
        out[len++] = b32_alphabet[(acc << (5 - bits)) & 31];
    out[len] = '\0';
    return len;
}

/* The value of a base32 character in either case, or -1. */
static int
b32_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= '2' && c <= '7')
        return c - '2' + 26;
    return -1;
}

enum err
base32_decode(const char *s, unsigned char *out, size_t size, size_t *out_len)
{
    size_t len = 0, chars = 0;
    unsigned acc = 0;
    bool padding = false;
    int bits = 0, v;

    *out_len = 0;
    for (; *s != '\0'; s++) {
        if (*s == ' ')
            continue;
        if (*s == '=') {
            padding = true;
            continue;
        }
        v = b32_value(*s);
        if (v < 0 || padding)
            return ERR_INVALID;
        chars++;
        acc = (acc << 5) | (unsigned)v;
        bits += 5;
        if (bits >= 8) {
            if (len == size)
                return ERR_INVALID;
            out[len++] = (unsigned char)(acc >> (bits - 8));
            bits -= 8;
        }
        acc &= 0xff; /* at most 12 bits are ever pending: keep the low ones */
    }
    /* 1, 3 or 6 characters past a group of 8 are no encoding of whole bytes */
    switch (chars % 8) {
    case 1:
    case 3:
    case 6:
        return ERR_INVALID;
    default:
        break;
    }
    *out_len = len;
    return ERR_OK;
}

uint32_t
hotp(const unsigned char *key, size_t n, uint64_t counter, int digits)
{
    struct hmac_sha1_ctx ctx;
    uint8_t msg[8], mac[SHA1_DIGEST_SIZE];
    uint32_t bin, mod = 1;
    int i, off;

    for (i = 7; i >= 0; i--) {
        msg[i] = (uint8_t)(counter & 0xff);
        counter >>= 8;
    }
    hmac_sha1_set_key(&ctx, n, key);
    hmac_sha1_update(&ctx, sizeof(msg), msg);
    hmac_sha1_digest(&ctx, sizeof(mac), mac);
    /* dynamic truncation (RFC 4226 section 5.3) */
    off = mac[SHA1_DIGEST_SIZE - 1] & 0x0f;
    bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
          ((uint32_t)mac[off + 2] << 8) | (uint32_t)mac[off + 3];
    for (i = 0; i < digits; i++)
        mod *= 10;
    memset(&ctx, 0, sizeof(ctx));
    return bin % mod;
}

int64_t
totp_step(int64_t now)
{
    /* floor division: a time before 1970 is a negative step, not step 0 twice */
    return now >= 0 ? now / TOTP_PERIOD : -((-now + TOTP_PERIOD - 1) / TOTP_PERIOD);
}

bool
totp_verify(const unsigned char *key, size_t n, const char *code, int64_t now, int64_t last_step,
            int64_t *out_step)
{
    uint32_t want = 0, diff;
    int64_t step = totp_step(now), s, found = 0;
    bool matched = false;
    int digits = 0;

    for (; *code != '\0'; code++) {
        if (*code == ' ')
            continue;
        if (*code < '0' || *code > '9' || digits == TOTP_DIGITS)
            return false;
        want = want * 10 + (uint32_t)(*code - '0');
        digits++;
    }
    if (digits != TOTP_DIGITS || n == 0 || n > TOTP_KEY_MAX)
        return false;
    /* every step of the window is computed and compared, whichever matches */
    for (s = step - TOTP_WINDOW; s <= step + TOTP_WINDOW; s++) {
        diff = hotp(key, n, (uint64_t)s, TOTP_DIGITS) ^ want;
        if (diff == 0 && s > last_step && !matched) {
            matched = true;
            found = s;
        }
    }
    if (!matched)
        return false;
    *out_step = found;
    return true;
}

void
totp_uri(struct buf *b, const char *issuer, const char *account, const char *secret)
{
    buf_adds(b, "otpauth://totp/");
    url_encode(b, issuer);
    buf_addc(b, ':');
    url_encode(b, account);
    buf_adds(b, "?secret=");
    url_encode(b, secret);
    buf_adds(b, "&issuer=");
    url_encode(b, issuer);
    buf_printf(b, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_PERIOD);
}
