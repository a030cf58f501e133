/*
 * test_totp.c — src/core/totp.c against the published vectors: base32 (RFC 4648
 * section 10), HOTP (RFC 4226 Appendix D), TOTP with SHA-1 (RFC 6238 Appendix B);
 * then what the second factor relies on: a window of one step either side and no
 * more, no replay of a step at or before the last one used, strict code syntax,
 * and the otpauth:// link.
 */
#include <stdio.h>
#include <string.h>

#include "core/totp.h"
#include "tap.h"

/* RFC 4226 and RFC 6238 (SHA-1): the ASCII of "12345678901234567890" is the key. */
static const unsigned char rfc_key[] = "12345678901234567890";
#define RFC_KEY_LEN 20

static void
test_base32(void)
{
    static const struct {
        const char *plain, *encoded, *padded;
    } v[] = {
        {"", "", ""},
        {"f", "MY", "MY======"},
        {"fo", "MZXQ", "MZXQ===="},
        {"foo", "MZXW6", "MZXW6==="},
        {"foob", "MZXW6YQ", "MZXW6YQ="},
        {"fooba", "MZXW6YTB", "MZXW6YTB"},
        {"foobar", "MZXW6YTBOI", "MZXW6YTBOI======"},
    };
    unsigned char raw[64];
    char out[64], name[96];
    size_t i, n;

    for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        n = base32_encode((const unsigned char *)v[i].plain, strlen(v[i].plain), out, sizeof(out));
        snprintf(name, sizeof(name), "base32 of \"%s\" (RFC 4648 section 10, unpadded)",
                 v[i].plain);
        is_str(out, v[i].encoded, name);
        is_int((int64_t)n, (int64_t)strlen(v[i].encoded), "  its length is returned");
        snprintf(name, sizeof(name), "%s decodes to \"%s\"", v[i].padded, v[i].plain);
        ok(base32_decode(v[i].padded, raw, sizeof(raw), &n) == ERR_OK && n == strlen(v[i].plain) &&
               memcmp(raw, v[i].plain, n) == 0,
           "%s", name);
        ok(base32_decode(v[i].encoded, raw, sizeof(raw), &n) == ERR_OK && n == strlen(v[i].plain) &&
               memcmp(raw, v[i].plain, n) == 0,
           "  and so does %s, without padding", v[i].encoded);
    }
    ok(base32_decode("mzxw 6ytb oi", raw, sizeof(raw), &n) == ERR_OK && n == 6 &&
           memcmp(raw, "foobar", 6) == 0,
       "decoding takes lower case and spaces (as a person types a secret)");
    is_int(base32_decode("MZXW1", raw, sizeof(raw), &n), ERR_INVALID,
           "a character outside the alphabet (1) is refused");
    is_int(base32_decode("MZ=XW", raw, sizeof(raw), &n), ERR_INVALID,
           "padding before the end is refused");
    is_int(base32_decode("MZX", raw, sizeof(raw), &n), ERR_INVALID,
           "a length no encoding has (3 characters) is refused");
    is_int(base32_decode("MZXW6YTBOI", raw, 5, &n), ERR_INVALID,
           "more bytes than the output holds are refused");
    is_int((int64_t)base32_encode((const unsigned char *)"foobar", 6, out, 10), 0,
           "encoding into too small an output writes nothing and returns 0");
    n = base32_encode(rfc_key, RFC_KEY_LEN, out, sizeof(out));
    is_int((int64_t)n + 1, TOTP_SECRET_LEN, "a 20-byte secret is TOTP_SECRET_LEN - 1 characters");
}

static void
test_hotp(void)
{
    static const uint32_t want[10] = {755224, 287082, 359152, 969429, 338314,
                                      254676, 287922, 162583, 399871, 520489};
    int i;

    for (i = 0; i < 10; i++)
        ok(hotp(rfc_key, RFC_KEY_LEN, (uint64_t)i, 6) == want[i],
           "HOTP count %d is %06u (RFC 4226 Appendix D)", i, want[i]);
}

static void
test_totp_vectors(void)
{
    static const struct {
        int64_t t;
        uint32_t code;
    } v[] = {
        {59, 94287082},         {1111111109, 7081804},  {1111111111, 14050471},
        {1234567890, 89005924}, {2000000000, 69279037}, {20000000000, 65353130},
    };
    size_t i;

    for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        ok(hotp(rfc_key, RFC_KEY_LEN, (uint64_t)totp_step(v[i].t), 8) == v[i].code,
           "TOTP at %lld is %08u (RFC 6238 Appendix B, SHA-1)", (long long)v[i].t, v[i].code);
    is_int(totp_step(29), 0, "step of 29 s is 0");
    is_int(totp_step(30), 1, "step of 30 s is 1");
    is_int(totp_step(-1), -1, "a time before 1970 is a step of its own, not step 0");
}

/* The 6-digit code of a step, as text. */
static const char *
code_of(char out[8], int64_t step)
{
    snprintf(out, 8, "%06u", hotp(rfc_key, RFC_KEY_LEN, (uint64_t)step, TOTP_DIGITS));
    return out;
}

static void
test_verify(void)
{
    const int64_t now = 1111111111, step = now / 30;
    char c[8], spaced[16];
    int64_t got = 0;

    ok(totp_verify(rfc_key, RFC_KEY_LEN, code_of(c, step), now, 0, &got) && got == step,
       "the code of now's step is accepted, and its step returned");
    ok(totp_verify(rfc_key, RFC_KEY_LEN, code_of(c, step - 1), now, 0, &got) && got == step - 1,
       "the code of the step before is accepted (window -1)");
    ok(totp_verify(rfc_key, RFC_KEY_LEN, code_of(c, step + 1), now, 0, &got) && got == step + 1,
       "the code of the step after is accepted (window +1)");
    ok(!totp_verify(rfc_key, RFC_KEY_LEN, code_of(c, step - 2), now, 0, &got),
       "the code of two steps before is refused");
    ok(!totp_verify(rfc_key, RFC_KEY_LEN, code_of(c, step + 2), now, 0, &got),
       "the code of two steps after is refused");
    ok(!totp_verify(rfc_key, RFC_KEY_LEN, code_of(c, step), now, step, &got),
       "a code of the last step used is refused (no replay)");
    ok(!totp_verify(rfc_key, RFC_KEY_LEN, code_of(c, step - 1), now, step, &got),
       "  and so is one of an earlier step");
    ok(totp_verify(rfc_key, RFC_KEY_LEN, code_of(c, step + 1), now, step, &got) && got == step + 1,
       "  a later step's code still works");
    code_of(c, step);
    snprintf(spaced, sizeof(spaced), "%.3s %.3s", c, c + 3);
    ok(totp_verify(rfc_key, RFC_KEY_LEN, spaced, now, 0, &got),
       "a code typed as \"123 456\" works");
    ok(!totp_verify(rfc_key, RFC_KEY_LEN, "12345", now, 0, &got), "five digits are refused");
    snprintf(spaced, sizeof(spaced), "%s0", c);
    ok(!totp_verify(rfc_key, RFC_KEY_LEN, spaced, now, 0, &got),
       "seven digits (a right code and one more) are refused");
    snprintf(spaced, sizeof(spaced), "%.5sx", c);
    ok(!totp_verify(rfc_key, RFC_KEY_LEN, spaced, now, 0, &got), "a letter is refused");
    ok(!totp_verify(rfc_key, RFC_KEY_LEN, "", now, 0, &got), "an empty code is refused");
}

static void
test_uri(void)
{
    struct buf b;

    buf_init(&b, 0);
    totp_uri(&b, "samverka", "anna.berg@example.org", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    is_str(b.data,
           "otpauth://totp/samverka:anna.berg%40example.org?secret="
           "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=samverka&algorithm=SHA1&digits=6&period=30",
           "the otpauth:// link");
    buf_reset(&b);
    totp_uri(&b, "Samverka Demo", "a&b:c@x", "MY");
    is_str(b.data,
           "otpauth://totp/Samverka%20Demo:a%26b%3Ac%40x?secret=MY&issuer=Samverka%20Demo"
           "&algorithm=SHA1&digits=6&period=30",
           "  issuer and account are percent-encoded (a space, & and : too)");
    buf_free(&b);
}

int
main(void)
{
    test_base32();
    test_hotp();
    test_totp_vectors();
    test_verify();
    test_uri();
    return done_testing();
}
