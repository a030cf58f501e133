/*
 * test_core.c — src/core: arena, buf, UTF-8, strict number parsing, URL
 * encoding, slugs, number formatting, log_repr, csvrows, err_str.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/csvrows.h"
#include "core/err.h"
#include "core/log.h"
#include "core/str.h"
#include "tap.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A small deterministic generator, so every run sees the same "random" input. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t
rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static bool
all_zero(const unsigned char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] != 0)
            return false;
    return true;
}

/* ------------------------------------------------------------------ arena */

static void
test_arena(void)
{
    struct arena a;
    unsigned char *p, *q;
    char *s, big[10001];
    size_t total, sizes[] = {1, 3, 7, 16, 17, 100, 4000};
    size_t i;
    bool aligned = true;

    arena_init(&a);
    is_int((int64_t)a.total, 0, "arena: a new arena holds nothing");

    p = arena_alloc(&a, 200);
    ok(p != NULL && all_zero(p, 200), "arena: alloc returns zeroed memory");
    memset(p, 0xAB, 200);
    total = a.total;
    is_int((int64_t)total, 8192, "arena: first small alloc takes one 8 KiB chunk");

    arena_reset(&a);
    is_int((int64_t)a.total, 8192, "arena: reset keeps the first chunk");
    q = arena_alloc(&a, 200);
    ok(q == p, "arena: after reset the kept chunk is reused from its start");
    ok(all_zero(q, 200), "arena: reused memory is zeroed again");

    for (i = 0; i < N(sizes); i++) {
        p = arena_alloc(&a, sizes[i]);
        if (((uintptr_t)p & 15) != 0)
            aligned = false;
    }
    ok(aligned, "arena: every allocation is 16-byte aligned");

    p = arena_alloc(&a, 0);
    q = arena_alloc(&a, 0);
    ok(p != NULL && q != NULL && p != q, "arena: alloc(0) gives distinct non-NULL pointers");

    /* many chunks */
    for (i = 0; i < 100; i++)
        (void)arena_alloc(&a, 1000);
    ok(a.total >= 100 * 1000, "arena: grows by chunks (total %zu)", a.total);
    arena_reset(&a);
    ok(a.total >= 8192 && a.total <= 24 * 8192 && a.total % 8192 == 0,
       "arena: reset after many chunks keeps a few standard ones (total %zu)", a.total);
    q = arena_alloc(&a, 200);
    ok(all_zero(q, 200), "arena: a kept chunk's memory is zeroed again");

    /* a big block gets its own chunk behind the current one */
    arena_reset(&a);
    (void)arena_alloc(&a, 16);
    total = a.total;
    p = arena_alloc(&a, 1 << 20);
    ok(p != NULL && all_zero(p, 1 << 20), "arena: a 1 MiB block is zeroed");
    memset(p, 0x5A, 1 << 20);
    is_int((int64_t)a.total, (int64_t)(total + (1 << 20)), "arena: a big block is sized exactly");
    total = a.total;
    q = arena_alloc(&a, 64);
    is_int((int64_t)a.total, (int64_t)total,
           "arena: small allocs after a big block still use the current chunk");
    ok(q < p || q >= p + (1 << 20), "arena: small alloc does not overlap the big block");
    ok(p[0] == 0x5A && p[(1 << 20) - 1] == 0x5A, "arena: big block keeps its contents");
    arena_reset(&a);

    s = arena_printf(&a, "%s-%d-%05.1f", "ab", 12, 3.25);
    is_str(s, "ab-12-003.2", "arena_printf formats");
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    s = arena_printf(&a, "<%s>", big);
    ok(s != NULL && strlen(s) == 10002 && s[0] == '<' && s[10001] == '>',
       "arena_printf: 10 kB result is complete");
    is_str(arena_strdup(&a, "hej"), "hej", "arena_strdup copies");
    ok(arena_strdup(&a, NULL) == NULL, "arena_strdup(NULL) is NULL");
    is_str(arena_strndup(&a, "abcdef", 3), "abc", "arena_strndup copies n bytes and terminates");

    arena_free(&a);
    is_int((int64_t)a.total, 0, "arena: free releases everything");
    p = arena_alloc(&a, 10);
    ok(p != NULL && all_zero(p, 10), "arena: usable again after free");
    arena_free(&a);
}

/* -------------------------------------------------------------------- buf */

/* arena_printf's own loop for %s %d %i %u (l, ll, z) and %% against libc's snprintf, at
 * the edges of each type, at the edge of a chunk's free space (where it gives the work to
 * vsnprintf), and for what it must decline (flags, widths, precisions, other conversions,
 * argument numbers, a NULL string): the bytes must be snprintf's every time. */
#define SAME_AS_LIBC(what, ...)                                                                    \
    do {                                                                                           \
        char want_[512];                                                                           \
        const char *got_;                                                                          \
        snprintf(want_, sizeof(want_), __VA_ARGS__);                                               \
        got_ = arena_printf(&a, __VA_ARGS__);                                                      \
        if (strcmp(got_, want_) != 0) {                                                            \
            same = false;                                                                          \
            diag("%s: got \"%s\", snprintf \"%s\"", what, got_, want_);                            \
        }                                                                                          \
    } while (0)

static void
test_arena_format(void)
{
    struct arena a;
    char pad[200];
    const char *s;
    bool same = true;
    int i;

    arena_init(&a);
    SAME_AS_LIBC("plain", "no conversion at all");
    SAME_AS_LIBC("empty", "%s", "");
    SAME_AS_LIBC("percent", "100%% of %s%%", "it");
    SAME_AS_LIBC("int", "%d %i %d %d %d", 0, -1, 42, INT32_MAX, INT32_MIN);
    SAME_AS_LIBC("unsigned", "%u %u", 0u, UINT32_MAX);
    SAME_AS_LIBC("long", "%ld %li %lu", (long)INT64_MIN, (long)INT64_MAX,
                 (unsigned long)UINT64_MAX);
    SAME_AS_LIBC("long long", "%lld %lli %llu %lld", (long long)INT64_MIN, (long long)-7,
                 (unsigned long long)UINT64_MAX, (long long)1000000);
    SAME_AS_LIBC("size_t", "%zu bytes", (size_t)30701);
    SAME_AS_LIBC("mixed", "%s (%d) – %s: %lld%%", "Skolmat", 2030, "åäö", (long long)62);
    SAME_AS_LIBC("utf-8 around", "«%s» %d\xc2\xa0%%", "x", 5);
    /* declined: left to vsnprintf */
    SAME_AS_LIBC("width", "%5d|%-4s|%05d", 42, "ab", -3);
    SAME_AS_LIBC("precision", "%.2f %.3s %g", 3.14159, "abcdef", 0.5);
    SAME_AS_LIBC("hex and char", "%x %X %c %o", 255u, 255u, 'q', 8u);
    SAME_AS_LIBC("argument numbers", "%2$s %1$s", "world", "hello");
    SAME_AS_LIBC("plus and space", "%+d % d", 5, 5);
    SAME_AS_LIBC("a declined one after a taken one", "%s then %5.1f", "taken", 2.25);
    SAME_AS_LIBC("short and char lengths", "%hd %hhu", (short)-2, (unsigned char)200);
    SAME_AS_LIBC("trailing lone l", "%ls", L"w");
    ok(same, "arena_printf: its own conversions and the declined ones are snprintf's bytes");

    /* at every end of a chunk's free space: a string that fits to the byte, one that is a
     * byte too long, and a number cut there, each whole and NUL-terminated */
    memset(pad, 'x', sizeof(pad) - 1);
    pad[sizeof(pad) - 1] = '\0';
    for (i = 0; i < 200 && same; i++) {
        char want[512];

        s = arena_printf(&a, "%s|%d|%s", pad + i, -123456789 + i, pad + 199 - i % 50);
        snprintf(want, sizeof(want), "%s|%d|%s", pad + i, -123456789 + i, pad + 199 - i % 50);
        if (strcmp(s, want) != 0) {
            same = false;
            diag("round %d: \"%s\"", i, s);
        }
    }
    ok(same, "arena_printf: 200 strings across chunk ends, each complete");
    arena_free(&a);
}
#undef SAME_AS_LIBC

static void
test_buf(void)
{
    struct buf b;
    char *p, big[300];
    size_t len = 99;

    buf_init(&b, 10);
    buf_adds(&b, "12345");
    ok(b.err == ERR_OK && b.len == 5, "buf: append within the limit");
    buf_adds(&b, "678901");
    is_int(buf_err(&b), ERR_LIMIT, "buf: append past the limit sets ERR_LIMIT");
    is_mem(b.data, b.len, "12345", 5, "buf: nothing of the refused append is kept");
    ok(b.data[b.len] == '\0', "buf: still NUL-terminated");
    buf_adds(&b, "x");
    buf_addc(&b, 'y');
    buf_printf(&b, "%d", 7);
    ok(b.err == ERR_LIMIT && b.len == 5, "buf: the error is sticky: later appends are no-ops");
    buf_reset(&b);
    ok(b.err == ERR_OK && b.len == 0 && b.data[0] == '\0', "buf: reset clears data and error");
    buf_adds(&b, "1234567890");
    ok(b.err == ERR_OK && b.len == 10, "buf: exactly max bytes is allowed");
    buf_addc(&b, '!');
    is_int(buf_err(&b), ERR_LIMIT, "buf: max + 1 is refused");
    buf_free(&b);

    /* buf_room and buf_commit: the same rules, one check for several pieces */
    buf_init(&b, 10);
    p = buf_room(&b, 4);
    ok(p != NULL, "buf_room: room in an empty buffer (it grows)");
    if (p != NULL) {
        memcpy(p, "<ab", 3);
        buf_commit(&b, 3);
    }
    is_mem(b.data, b.len, "<ab", 3, "buf_room: what was committed is kept");
    ok(b.data[b.len] == '\0', "buf_room: NUL-terminated after the commit");
    p = buf_room(&b, 7);
    ok(p != NULL, "buf_room: exactly up to max");
    if (p != NULL) {
        memcpy(p, "cdefghi", 7);
        buf_commit(&b, 7);
    }
    ok(b.err == ERR_OK && b.len == 10 && strcmp(b.data, "<abcdefghi") == 0,
       "buf_room: max bytes in all");
    ok(buf_room(&b, 1) == NULL && b.err == ERR_LIMIT && b.len == 10,
       "buf_room: past max is refused, sets ERR_LIMIT and keeps what was there");
    buf_reset(&b);
    ok(buf_room(&b, 1) != NULL, "buf_room: room again after a reset");
    buf_free(&b);
    buf_init(&b, 0);
    for (len = 0; len < 2000 && (p = buf_room(&b, 3)) != NULL; len++) {
        memcpy(p, "xyz", 3);
        buf_commit(&b, 3);
    }
    ok(len == 2000 && b.len == 6000 && b.data[5999] == 'z' && b.data[6000] == '\0',
       "buf_room: 2,000 pieces through the buffer's growth");
    buf_free(&b);
    len = 99;

    buf_init(&b, 8);
    buf_printf(&b, "%s", "123456789");
    ok(b.err == ERR_LIMIT && b.len == 0, "buf: printf past the limit is refused whole");
    buf_free(&b);

    buf_init(&b, 0);
    memset(big, 'z', sizeof(big));
    for (int i = 0; i < 4000; i++)
        buf_add(&b, big, sizeof(big));
    ok(b.err == ERR_OK && b.len == 4000 * sizeof(big), "buf: max 0 means no limit (1.2 MB)");
    buf_reset(&b);
    buf_printf(&b, "%d-%s-%c", -5, "ab", 'c');
    buf_add(&b, "\0x", 2);
    is_mem(b.data, b.len, "-5-ab-c\0x", 9, "buf: printf and binary add");

    p = buf_steal(&b, &len);
    is_mem(p, len, "-5-ab-c\0x", 9, "buf_steal hands over the data and length");
    ok(b.data == NULL && b.len == 0 && b.cap == 0, "buf_steal empties the buf");
    free(p);
    buf_adds(&b, "again");
    is_str(b.data, "again", "buf: usable after steal");
    buf_free(&b);

    buf_init(&b, 0);
    p = buf_steal(&b, &len);
    ok(p != NULL && p[0] == '\0' && len == 0, "buf_steal of an empty buf gives \"\"");
    free(p);
    buf_free(&b);
}

/* ------------------------------------------------------------------- utf8 */

struct bytes_case {
    const char *s;
    size_t n;
    bool valid;
    const char *what;
};

#define B(lit) lit, sizeof(lit) - 1

static const struct bytes_case utf8_cases[] = {
    {B(""), true, "empty"},
    {B("abc"), true, "ASCII"},
    {B("a\0b"), true, "embedded NUL is a code point"},
    {B("\xc3\xa5"), true, "2 bytes (U+00E5)"},
    {B("\xc2\x80"), true, "2 bytes lowest (U+0080)"},
    {B("\xdf\xbf"), true, "2 bytes highest (U+07FF)"},
    {B("\xe0\xa0\x80"), true, "3 bytes lowest (U+0800)"},
    {B("\xe2\x82\xac"), true, "3 bytes (U+20AC)"},
    {B("\xed\x9f\xbf"), true, "just below the surrogates (U+D7FF)"},
    {B("\xee\x80\x80"), true, "just above the surrogates (U+E000)"},
    {B("\xef\xbf\xbf"), true, "U+FFFF"},
    {B("\xf0\x90\x80\x80"), true, "4 bytes lowest (U+10000)"},
    {B("\xf0\x9f\x98\x80"), true, "4 bytes (U+1F600)"},
    {B("\xf4\x8f\xbf\xbf"), true, "highest (U+10FFFF)"},
    {B("\xc0\x80"), false, "overlong NUL C0 80"},
    {B("\xc1\xbf"), false, "overlong C1 BF"},
    {B("\xe0\x80\x80"), false, "overlong E0 80 80"},
    {B("\xe0\x9f\xbf"), false, "overlong E0 9F BF"},
    {B("\xf0\x80\x80\x80"), false, "overlong F0 80 80 80"},
    {B("\xf0\x8f\xbf\xbf"), false, "overlong F0 8F BF BF"},
    {B("\xed\xa0\x80"), false, "surrogate ED A0 80 (U+D800)"},
    {B("\xed\xbf\xbf"), false, "surrogate ED BF BF (U+DFFF)"},
    {B("\xed\xa0\xbd\xed\xb8\x80"), false, "CESU-8 surrogate pair"},
    {B("\xf4\x90\x80\x80"), false, "above U+10FFFF (F4 90 80 80)"},
    {B("\xf5\x80\x80\x80"), false, "lead byte F5"},
    {B("\xf8\x88\x80\x80\x80"), false, "5-byte form"},
    {B("\xff"), false, "byte FF"},
    {B("\xfe"), false, "byte FE"},
    {B("\x80"), false, "lone continuation byte"},
    {B("a\xbf"), false, "continuation byte after ASCII"},
    {B("\xc3"), false, "truncated 2-byte sequence"},
    {B("\xe2\x82"), false, "truncated 3-byte sequence"},
    {B("\xf0\x9f\x98"), false, "truncated 4-byte sequence"},
    {B("abc\xc3"), false, "truncated at the end"},
    {B("\xc3"
       "a"),
     false, "lead byte followed by ASCII"},
    {B("\xe2\x28\xa1"), false, "bad second byte in a 3-byte sequence"},
};

static void
test_utf8(void)
{
    size_t i;

    for (i = 0; i < N(utf8_cases); i++)
        ok(utf8_valid(utf8_cases[i].s, utf8_cases[i].n) == utf8_cases[i].valid, "utf8_valid: %s %s",
           utf8_cases[i].what, utf8_cases[i].valid ? "accepted" : "rejected");

    /* the length argument, not the NUL, ends the input */
    ok(!utf8_valid("\xe2\x82\xac", 2), "utf8_valid: a sequence cut by n is invalid");
    is_int((int64_t)utf8_seq_len("a", 1), 1, "utf8_seq_len: ASCII is 1");
    is_int((int64_t)utf8_seq_len("\xe2\x82\xac", 3), 3, "utf8_seq_len: euro sign is 3");
    is_int((int64_t)utf8_seq_len("\xf0\x9f\x98\x80", 4), 4, "utf8_seq_len: emoji is 4");
    is_int((int64_t)utf8_seq_len("\xc0\x80", 2), 0, "utf8_seq_len: overlong is 0");
    is_int((int64_t)utf8_seq_len("a", 0), 0, "utf8_seq_len: n = 0 is 0");
    is_int((int64_t)utf8_count(B("\xc3\xa5\xc3\xa4\xc3\xb6")), 3, "utf8_count: åäö is 3");
    is_int((int64_t)utf8_count(B("a\xe2\x82\xac\xf0\x9f\x98\x80")), 3, "utf8_count: a€😀 is 3");
}

/* a diagnostic of 256 bytes quoting a user's text: cut, never half a character */
static void
test_utf8_format(void)
{
    char out[16], big[64];
    int k;

    /* "ä" is 2 bytes: 15 bytes of room hold 7 whole and half of the 8th */
    utf8_format(out, sizeof(out), "%s", "äääääääää");
    is_str(out, "äääääää", "utf8_format: 7 whole ä of 9");
    is_int((int64_t)strlen(out), 14, "utf8_format: ... 14 bytes");
    /* "x" then "€" (3 bytes): 1 + 4 * 3 = 13 fit, the 5th € would end at 16 */
    utf8_format(out, sizeof(out), "x%s", "€€€€€");
    is_str(out, "x€€€€", "utf8_format: a 3-byte character cut off whole");
    /* "😀" (4 bytes) after 12 ASCII: 3 of its bytes would fit */
    utf8_format(out, sizeof(out), "%s😀", "abcdefghijkl");
    is_str(out, "abcdefghijkl", "utf8_format: a 4-byte character cut off whole");
    /* exactly filling: 15 bytes kept as they are */
    utf8_format(out, sizeof(out), "%s", "abcdefghijklmnä");
    is_str(out, "abcdefghijklmn", "utf8_format: the last 2-byte one, whose 2nd byte is the 16th");
    utf8_format(out, sizeof(out), "%s", "abcdefghijklmä");
    is_str(out, "abcdefghijklmä", "utf8_format: 15 bytes that fit stay whole");
    utf8_format(out, sizeof(out), "short %d", 7);
    is_str(out, "short 7", "utf8_format: what fits is vsnprintf's");
    for (k = 1; k <= 16; k++) {
        utf8_format(big, (size_t)k, "%s", "åäöåäöåäö€😀");
        if (!utf8_valid(big, strlen(big)))
            break;
    }
    is_int(k, 17, "utf8_format: valid UTF-8 in every room from 1 to 16 bytes");
}

/* ---------------------------------------------------------------- numbers */

struct i64_case {
    const char *s;
    bool ok;
    int64_t v;
};

static const struct i64_case i64_cases[] = {
    {"0", true, 0},
    {"1", true, 1},
    {"-1", true, -1},
    {"42", true, 42},
    {"01", true, 1}, /* leading zeros are still the whole string as a number */
    {"-0", true, 0},
    {"9223372036854775807", true, INT64_MAX},
    {"-9223372036854775808", true, INT64_MIN},
    {"9223372036854775808", false, 0},
    {"-9223372036854775809", false, 0},
    {"99999999999999999999999", false, 0},
    {"", false, 0},
    {" 1", false, 0},
    {"1 ", false, 0},
    {"\t1", false, 0},
    {"+1", false, 0},
    {"0x10", false, 0},
    {"1e3", false, 0},
    {"1.0", false, 0},
    {"1,0", false, 0},
    {"-", false, 0},
    {"--1", false, 0},
    {"-+1", false, 0},
    {"1a", false, 0},
    {"abc", false, 0},
    {"1\n", false, 0},
};

struct dbl_case {
    const char *s;
    bool ok;
    double v;
};

static const struct dbl_case dbl_cases[] = {
    {"0", true, 0},
    {"1", true, 1},
    {"-1.5", true, -1.5},
    {"0.1", true, 0.1},
    {".5", true, 0.5},
    {"1e3", true, 1000},
    {"1E3", true, 1000},
    {"1e+3", true, 1000},
    {"1e-3", true, 0.001},
    {"123456789.125", true, 123456789.125},
    {"1.7976931348623157e308", true, 1.7976931348623157e308},
    {"", false, 0},
    {" 1", false, 0},
    {"1 ", false, 0},
    {"\t1", false, 0},
    {"0x10", false, 0},
    {"0x1p3", false, 0},
    {"nan", false, 0},
    {"NaN", false, 0},
    {"inf", false, 0},
    {"-inf", false, 0},
    {"Infinity", false, 0},
    {"1e400", false, 0},
    {"-1e400", false, 0},
    {"1,5", false, 0},
    {"1e", false, 0},
    {".", false, 0},
    {"-", false, 0},
    {"1.2.3", false, 0},
    {"1-2", false, 0},
};

static void
test_numbers(void)
{
    size_t i;
    int64_t iv;
    double dv;
    enum err rc;
    char name[128];

    for (i = 0; i < N(i64_cases); i++) {
        iv = 77;
        rc = str_to_i64(i64_cases[i].s, &iv);
        if (i64_cases[i].ok) {
            snprintf(name, sizeof(name), "str_to_i64(\"%s\") = %lld", i64_cases[i].s,
                     (long long)i64_cases[i].v);
            ok(rc == ERR_OK && iv == i64_cases[i].v, "%s", name);
        } else {
            ok(rc == ERR_INVALID && iv == 77, "str_to_i64 rejects \"%s\" and leaves *out",
               i64_cases[i].s[0] == '\t' ? "\\t1" : i64_cases[i].s);
        }
    }
    is_int(str_to_i64(NULL, &iv), ERR_INVALID, "str_to_i64(NULL) is ERR_INVALID");

    for (i = 0; i < N(dbl_cases); i++) {
        dv = 77;
        rc = str_to_double(dbl_cases[i].s, &dv);
        if (dbl_cases[i].ok)
            ok(rc == ERR_OK && dv == dbl_cases[i].v, "str_to_double(\"%s\") = %.17g",
               dbl_cases[i].s, dbl_cases[i].v);
        else
            ok(rc == ERR_INVALID && dv == 77, "str_to_double rejects \"%s\" and leaves *out",
               dbl_cases[i].s[0] == '\t' ? "\\t1" : dbl_cases[i].s);
    }
    is_int(str_to_double(NULL, &dv), ERR_INVALID, "str_to_double(NULL) is ERR_INVALID");
}

/* The shortest round-trip text: exact for integers below 1e15, and no integer conversion of
 * a double outside long long's range (undefined behaviour, caught by the SAN build's
 * float-cast-overflow). */
static void
test_shortest(void)
{
    static const struct {
        double v;
        const char *s;
    } cases[] = {
        {0, "0"},
        {10, "10"},
        {-3, "-3"},
        {0.1, "0.1"},
        {1.5e-7, "1.5e-07"},
        {999999999999999, "999999999999999"},
        {1e15, "1e+15"},
        {9.2233720368547758e18, "9.223372036854776e+18"},
        {1e19, "1e+19"},
        {-1e19, "-1e+19"},
        {1.7e308, "1.7e+308"},
        {-1.7976931348623157e308, "-1.7976931348623157e+308"},
    };
    char out[40], name[80];
    double back;
    size_t i;

    for (i = 0; i < N(cases); i++) {
        str_shortest(out, sizeof(out), cases[i].v);
        snprintf(name, sizeof(name), "str_shortest(%.17g)", cases[i].v);
        is_str(out, cases[i].s, name);
        back = strtod(out, NULL);
        ok(back == cases[i].v, "  reads back as the same double");
    }
    str_shortest(out, sizeof(out), NAN);
    is_str(out, "nan", "str_shortest(NaN) names it, converts nothing");
    str_shortest(out, sizeof(out), -INFINITY);
    is_str(out, "-inf", "str_shortest(-inf) names it, converts nothing");
}

/* RFC 3339 UTC date-times, and the epoch for a moment with no four-digit year. */
static void
test_utc_time(void)
{
    char out[STR_UTC_TIME_SIZE];

    str_utc_time(out, sizeof(out), 1796341200);
    is_str(out, "2026-12-03T23:40:00Z", "str_utc_time: seconds as an RFC 3339 UTC date-time");
    str_utc_time(out, sizeof(out), INT64_C(253402300800));
    is_str(out, "1970-01-01T00:00:00Z", "str_utc_time: the year 10000 does not fit: the epoch");
}

/* Control characters in imported text: C0 but TAB, LF and CR; DEL; C1 (as UTF-8). */
static void
test_control(void)
{
    static const struct {
        const char *s;
        size_t at;
        unsigned cp;
    } cases[] = {
        {"plain text", 10, 0},
        {"tab\tnew\nline\r", 13, 0},
        {"Umeå Ö €", 12, 0},
        {"a\x1f"
         "b",
         1, 0x1f},
        {"\x01", 0, 0x01},
        {"ab\x1b[31m", 2, 0x1b},
        {"x\x7f", 1, 0x7f},
        {"x\xc2\x85y", 1, 0x85},
        {"x\xc2\x9f", 1, 0x9f},
        {"x\xc2\xa0y", 4, 0}, /* U+00A0 is a character, not a control */
        {"\x0b\x0c", 0, 0x0b},
    };
    char name[80];
    size_t i, at;

    for (i = 0; i < N(cases); i++) {
        at = str_find_control(cases[i].s, strlen(cases[i].s));
        snprintf(name, sizeof(name), "str_find_control case %zu: at %zu", i, cases[i].at);
        is_int((int64_t)at, (int64_t)cases[i].at, name);
        if (cases[i].cp != 0) {
            snprintf(name, sizeof(name), "  U+%04X", cases[i].cp);
            is_int(str_control_at(cases[i].s + at, strlen(cases[i].s) - at), cases[i].cp, name);
        }
    }
    is_int(str_find_control("a\0b", 3), 1, "a NUL byte is a control character");
}

/* --------------------------------------------------------- small helpers */

static void
test_str_misc(void)
{
    ok(str_eq("a", "a") && !str_eq("a", "b"), "str_eq compares");
    ok(str_eq(NULL, NULL) && !str_eq(NULL, "") && !str_eq("", NULL), "str_eq is NULL-safe");
    ok(str_empty(NULL) && str_empty("") && !str_empty(" "), "str_empty");
    ok(str_has_prefix("/api/v1", "/api/") && !str_has_prefix("/ap", "/api/") &&
           str_has_prefix("x", ""),
       "str_has_prefix");
}

/* str_ascii_lower: the key an e-mail address is compared by */
static void
test_ascii_lower(void)
{
    char out[16];

    memset(out, 'x', sizeof(out));
    is_int(str_ascii_lower(out, sizeof(out), ""), 0, "str_ascii_lower(\"\") is 0 long");
    is_str(out, "", "str_ascii_lower(\"\") writes the empty string");
    is_int(str_ascii_lower(out, sizeof(out), "Anna.Berg@X.SE"), 14, "str_ascii_lower: the length");
    is_str(out, "anna.berg@x.se", "str_ascii_lower lowers A-Z, keeps the rest");
    is_int(str_ascii_lower(out, sizeof(out), "\xc3\x85SA@x.se"), 9,
           "str_ascii_lower: bytes, not characters");
    is_str(out, "\xc3\x85sa@x.se", "str_ascii_lower keeps \xc3\x85's bytes unchanged (ASCII only)");
    str_ascii_lower(out, sizeof(out), "@[\\]^_`{az09Z");
    is_str(out, "@[\\]^_`{az09z", "str_ascii_lower: the bytes beside A-Z are kept");
    memset(out, 'x', sizeof(out));
    is_int(str_ascii_lower(out, 4, "ABCDEF"), 6,
           "str_ascii_lower returns the whole length when cut");
    is_str(out, "abc", "str_ascii_lower cuts to size - 1 bytes and terminates");
    ok(out[4] == 'x', "str_ascii_lower writes nothing past size");
    is_int(str_ascii_lower(out, 7, "ABCDEF"), 6, "str_ascii_lower: exactly the size");
    is_str(out, "abcdef", "str_ascii_lower: size = length + 1 keeps it whole");
    out[0] = 'x';
    is_int(str_ascii_lower(out, 0, "AB"), 2, "str_ascii_lower(size 0) returns the length");
    ok(out[0] == 'x', "str_ascii_lower(size 0) writes nothing");
    is_int(str_ascii_lower(out, 1, "AB"), 2, "str_ascii_lower(size 1): the length");
    is_str(out, "", "str_ascii_lower(size 1) writes the empty string");
}

/* str_contains_ci against libc's strcasestr in the C locale (ASCII folding only there), over
 * every text of up to 5 bytes from an alphabet with both cases, a UTF-8 letter and a byte
 * that is not ASCII, and needles of up to 3 of the same */
static void
test_contains_ci(void)
{
    static const char alpha[] = {'a', 'B', 'b', 'A', '\xc3', '\x96', '%'};
    const int na = (int)sizeof(alpha);
    char s[8], nd[4];
    long checked = 0, wrong = 0;
    int ls, ln, i, j, k, m;

    ok(str_contains_ci("Procent av eleverna", "procent") && str_contains_ci("% CHANGE", "change") &&
           str_contains_ci("x", "") && str_contains_ci("", "") && !str_contains_ci("", "a") &&
           !str_contains_ci(NULL, "a") && !str_contains_ci("perc", "percent"),
       "str_contains_ci: fixed cases");
    ok(str_contains_ci("Förändring", "förändr") && !str_contains_ci("FÖRÄNDRING", "förändr"),
       "str_contains_ci folds ASCII letters only");
    for (ls = 0; ls <= 5; ls++) {
        for (i = 0, m = 1; i < ls; i++)
            m *= na;
        for (k = 0; k < m; k++) {
            for (i = 0, j = k; i < ls; i++, j /= na)
                s[i] = alpha[j % na];
            s[ls] = '\0';
            for (ln = 0; ln <= 3; ln++) {
                int mn = 1, q;

                for (i = 0; i < ln; i++)
                    mn *= na;
                for (q = 0; q < mn; q++) {
                    for (i = 0, j = q; i < ln; i++, j /= na)
                        nd[i] = alpha[j % na];
                    nd[ln] = '\0';
                    checked++;
                    if (str_contains_ci(s, nd) != (strcasestr(s, nd) != NULL))
                        wrong++;
                }
            }
        }
    }
    ok(wrong == 0 && checked > 1000000, "str_contains_ci agrees with strcasestr (%ld pairs)",
       checked);
}

/* -------------------------------------------------------------------- url */

struct enc_case {
    const char *in, *out;
};

static const struct enc_case enc_cases[] = {
    {"", ""},
    {"abcXYZ019", "abcXYZ019"},
    {"-_.~", "-_.~"},
    {"a b", "a%20b"},
    {"a/b", "a%2Fb"},
    {"a+b", "a%2Bb"},
    {"%", "%25"},
    {"?&=#", "%3F%26%3D%23"},
    {"\"<>'", "%22%3C%3E%27"},
    {"\xc3\xa5", "%C3%A5"},
    {"\x01\x7f\xff", "%01%7F%FF"},
    {"../x", "..%2Fx"},
};

struct dec_case {
    const char *in;
    bool plus;
    enum err rc;
    const char *out;
};

static const struct dec_case dec_cases[] = {
    {"", true, ERR_OK, ""},
    {"abc", true, ERR_OK, "abc"},
    {"a%20b", false, ERR_OK, "a b"},
    {"a+b", true, ERR_OK, "a b"},
    {"a+b", false, ERR_OK, "a+b"},
    {"%2B", true, ERR_OK, "+"},
    {"%41%42", false, ERR_OK, "AB"},
    {"%c3%a5%C3%A5", false, ERR_OK, "\xc3\xa5\xc3\xa5"},
    {"%2500", false, ERR_OK, "%00"},
    {"%00", false, ERR_INVALID, NULL},
    {"a%00b", true, ERR_INVALID, NULL},
    {"%zz", false, ERR_INVALID, NULL},
    {"%g0", false, ERR_INVALID, NULL},
    {"%0g", false, ERR_INVALID, NULL},
    {"%4", false, ERR_INVALID, NULL},
    {"%", false, ERR_INVALID, NULL},
    {"ab%", false, ERR_INVALID, NULL},
    {"% 1", false, ERR_INVALID, NULL},
};

static void
test_url(void)
{
    struct buf b;
    char tmp[64], name[160];
    size_t i, len;
    enum err rc;

    buf_init(&b, 0);
    for (i = 0; i < N(enc_cases); i++) {
        buf_reset(&b);
        url_encode(&b, enc_cases[i].in);
        snprintf(name, sizeof(name), "url_encode -> \"%s\"", enc_cases[i].out);
        is_str(b.data ? b.data : "", enc_cases[i].out, name);
    }

    for (i = 0; i < N(dec_cases); i++) {
        snprintf(tmp, sizeof(tmp), "%s", dec_cases[i].in);
        len = 999;
        rc = url_decode(tmp, dec_cases[i].plus, &len);
        if (dec_cases[i].rc == ERR_OK) {
            snprintf(name, sizeof(name), "url_decode(\"%s\", plus=%d)", dec_cases[i].in,
                     dec_cases[i].plus);
            ok(rc == ERR_OK && len == strlen(dec_cases[i].out), "%s: ok, length %zu", name,
               strlen(dec_cases[i].out));
            is_str(tmp, dec_cases[i].out, name);
        } else {
            is_int(rc, ERR_INVALID, dec_cases[i].in);
        }
    }

    /* decode(encode(s)) == s */
    for (i = 0; i < N(enc_cases); i++) {
        buf_reset(&b);
        url_encode(&b, enc_cases[i].in);
        snprintf(tmp, sizeof(tmp), "%s", b.data ? b.data : "");
        rc = url_decode(tmp, true, NULL);
        snprintf(name, sizeof(name), "url_decode(url_encode(s)) round-trips \"%s\"",
                 enc_cases[i].out);
        ok(rc == ERR_OK && strcmp(tmp, enc_cases[i].in) == 0, "%s", name);
    }
    buf_free(&b);
}

/* ------------------------------------------------------------------- slug */

static void
test_slug(void)
{
    static const struct {
        const char *s;
        bool ok;
    } cases[] = {
        {"a", true},    {"abc", true},  {"a-b", true},  {"klimat-2030", true},
        {"0", true},    {"a--b", true}, {"", false},    {"-a", false},
        {"a-", false},  {"-", false},   {"A", false},   {"a_b", false},
        {"a b", false}, {"a.b", false}, {"a/b", false}, {"\xc3\xa5", false},
    };
    char s64[65], s65[66];
    size_t i;

    for (i = 0; i < N(cases); i++)
        ok(str_is_slug(cases[i].s) == cases[i].ok, "str_is_slug(\"%s\") is %s", cases[i].s,
           cases[i].ok ? "true" : "false");
    ok(!str_is_slug(NULL), "str_is_slug(NULL) is false");
    memset(s64, 'a', 64);
    s64[64] = '\0';
    memset(s65, 'a', 65);
    s65[65] = '\0';
    ok(str_is_slug(s64), "str_is_slug: 64 characters accepted");
    ok(!str_is_slug(s65), "str_is_slug: 65 characters rejected");
}

/* ---------------------------------------------------------- number format */

#define NBSP  "\xc2\xa0"
#define MINUS "\xe2\x88\x92"

static void
test_fmt_number(void)
{
    static const struct {
        double v;
        int dec;
        bool sv;
        const char *want;
    } cases[] = {
        {0, 0, true, "0"},
        {0.5, 2, true, "0,50"},
        {123, 0, true, "123"},
        {1234, 0, true, "1234"}, /* Swedish leaves four-digit numbers ungrouped */
        {12345, 0, true, "12" NBSP "345"},
        {1234567.5, 1, true, "1" NBSP "234" NBSP "567,5"},
        {-1234567, 0, true, MINUS "1" NBSP "234" NBSP "567"},
        {-1234, 0, true, MINUS "1234"},
        {-0.25, 2, true, MINUS "0,25"},
        {999999.999, 2, true, "1" NBSP "000" NBSP "000,00"},
        {0, 0, false, "0"},
        {0.5, 2, false, "0.50"},
        {123, 0, false, "123"},
        {1234, 0, false, "1,234"},
        {12345, 0, false, "12,345"},
        {1234567.5, 1, false, "1,234,567.5"},
        {-1234.5, 1, false, MINUS "1,234.5"}, /* a true minus in English too */
        {999999.999, 2, false, "1,000,000.00"},
        {1e20, 0, false, "100,000,000,000,000,000,000"},
        {2.5, -3, false, "2"},           /* decimals < 0 means 0 (round half to even) */
        {1.0 / 3, 9, false, "0.333333"}, /* at most 6 decimals */
        {-0.04, 1, true, "0,0"},         /* a negative value that rounds to zero is zero */
        {-0.4, 0, false, "0"},
        {-0.0, 2, false, "0.00"},
        {-0.05, 1, false, MINUS "0.1"},
        {0.125, 2, false, "0.12"}, /* exact ties go to the even neighbour, as printf's */
        {0.375, 2, false, "0.38"},
        {2.675, 2, false, "2.67"}, /* 2.67499999... in binary */
        {999999999.5, 0, false, "1,000,000,000"},
        {1e9 + 0.5, 0, false, "1,000,000,000"},
    };
    struct arena a;
    char name[128], want[64];
    size_t i;
    int d, k, bad = 0;
    double v;

    arena_init(&a);
    for (i = 0; i < N(cases); i++) {
        snprintf(name, sizeof(name), "str_fmt_number(%.17g, %d, %s)", cases[i].v, cases[i].dec,
                 cases[i].sv ? "sv" : "en");
        is_str(str_fmt_number(&a, cases[i].v, cases[i].dec, cases[i].sv), cases[i].want, name);
    }
    /* the digits are printf's "%.*f" (below 999.5 nothing is grouped in English): values on
     * and around every thousandth, halves and eighths among them */
    for (k = 0; k < 199000; k++) {
        v = k / 200.0 + (k % 3 - 1) * 1e-9 * (k % 7);
        for (d = 0; d <= 6; d++) {
            snprintf(want, sizeof(want), "%.*f", d, v);
            if (strcmp(str_fmt_number(&a, v, d, false), want) != 0 && bad++ < 5)
                diag("%.17g with %d decimals: %s, printf %s", v, d, str_fmt_number(&a, v, d, false),
                     want);
        }
        arena_reset(&a);
    }
    ok(bad == 0, "str_fmt_number writes printf's digits (%d differ)", bad);
    arena_free(&a);
}

/* --------------------------------------------------------------- log_repr */

static void
test_log_repr(void)
{
    static const struct {
        const char *in;
        size_t n;
        const char *want;
    } cases[] = {
        {B("abc"), "abc"},
        {B("a\"b"), "a\\\"b"},
        {B("a\\b"), "a\\\\b"},
        {B("line\nnext"), "line\\x0anext"},
        {B("\r\t"), "\\x0d\\x09"},
        {B("\x1b[31m"), "\\x1b[31m"},
        {B("\x7f"), "\\x7f"},
        {B("a\0b"), "a\\x00b"},
        {B("\xc3\xa5\xc3\xa4\xc3\xb6 \xe2\x82\xac \xf0\x9f\x98\x80"),
         "\xc3\xa5\xc3\xa4\xc3\xb6 \xe2\x82\xac \xf0\x9f\x98\x80"},
        {B("\xff"), "\\xff"},
        {B("\xc3\x28"), "\\xc3("},
        {B("\xc0\x80"), "\\xc0\\x80"},
        {B("\xed\xa0\x80"), "\\xed\\xa0\\x80"},
        {B("\xe2\x82"), "\\xe2\\x82"},
        {B("%s%n"), "%s%n"},
    };
    char out[256], in[200], canary[80], name[64];
    size_t i, j, n, outsz, len;
    bool good = true;

    for (i = 0; i < N(cases); i++) {
        snprintf(name, sizeof(name), "log_repr case %zu", i + 1);
        is_str(log_repr(out, sizeof(out), cases[i].in, cases[i].n), cases[i].want, name);
    }

    memset(in, 'a', 100);
    is_str(log_repr(out, 16, in, 100), "aaaaaaaa...", "log_repr: truncates with ...");
    is_str(log_repr(out, 16, "hello", 5), "hello", "log_repr: short input is not truncated");
    is_str(log_repr(out, 4, "hello", 5), "", "log_repr: outsz < 8 gives \"\"");
    out[0] = 'X';
    log_repr(out, 0, "hello", 5);
    ok(out[0] == 'X', "log_repr: outsz 0 writes nothing");

    /*
     * Invariant over random bytes: the result fits in outsz with its NUL, nothing
     * past outsz is touched, no control byte or bare quote survives, and it is
     * valid UTF-8 (so one event stays one line).
     */
    for (i = 0; i < 5000 && good; i++) {
        n = rng() % sizeof(in);
        for (j = 0; j < n; j++)
            in[j] = (char)(rng() & 0xff);
        outsz = 8 + rng() % 64;
        memset(canary, 0xAA, sizeof(canary));
        log_repr(canary, outsz, in, n);
        len = strnlen(canary, outsz);
        if (len >= outsz)
            good = ok(false, "log_repr: random input %zu is NUL-terminated within outsz", i);
        for (j = outsz; good && j < sizeof(canary); j++)
            if ((unsigned char)canary[j] != 0xAA)
                good = ok(false, "log_repr: random input %zu writes past outsz %zu", i, outsz);
        for (j = 0; good && j < len; j++) {
            unsigned char c = (unsigned char)canary[j];
            if (c < 0x20 || c == 0x7f || (c == '"' && (j == 0 || canary[j - 1] != '\\')))
                good = ok(false, "log_repr: random input %zu leaves byte 0x%02x at %zu", i, c, j);
        }
        if (good && !utf8_valid(canary, len))
            good = ok(false, "log_repr: random input %zu gives invalid UTF-8", i);
    }
    if (good)
        ok(true, "log_repr: 5000 random inputs stay bounded, escaped and valid UTF-8");
}

/* ---------------------------------------------------------------- csvrows */

struct rows {
    int n;
    char got[8][64];
    long lines[8];
    int stop_at;
};

static enum err
collect(void *ctx, char **f, int n, long line)
{
    struct rows *r = ctx;
    int i;
    size_t o = 0;

    if (r->n == r->stop_at)
        return ERR_CONFLICT;
    if (r->n < 8) {
        for (i = 0; i < n; i++)
            o += (size_t)snprintf(r->got[r->n] + o, sizeof(r->got[0]) - o, "%s%s", i ? "|" : "",
                                  f[i]);
        r->lines[r->n] = line;
    }
    r->n++;
    return ERR_OK;
}

static void
test_csvrows(void)
{
    static const char doc[] = "h1,h2,h3\n"
                              "a,b,c\n"
                              "\"x,y\",\"say \"\"hi\"\"\",\n"
                              "\"multi\nline\",2,3\n"
                              "after,the,break\n";
    struct rows r;
    char wide[200];
    int i;
    size_t o = 0;

    memset(&r, 0, sizeof(r));
    r.stop_at = -1;
    is_int(csvrows_parse(doc, sizeof(doc) - 1, collect, &r), ERR_OK, "csvrows: parses");
    is_int(r.n, 4, "csvrows: the header row is skipped");
    is_str(r.got[0], "a|b|c", "csvrows: plain fields");
    is_str(r.got[1], "x,y|say \"hi\"|", "csvrows: quoted comma, doubled quote, empty field");
    is_str(r.got[2], "multi\nline|2|3", "csvrows: newline inside quotes");
    ok(r.lines[0] == 2 && r.lines[1] == 3, "csvrows: line numbers count rows from 1");
    ok(r.lines[2] == 4 && r.lines[3] == 6,
       "csvrows: a row after a cell with a line break starts on the line an editor shows");
    {
        long at = 0;

        memset(&r, 0, sizeof(r));
        r.stop_at = 3;
        is_int(csvrows_read(doc, sizeof(doc) - 1, NULL, collect, &r, &at), ERR_CONFLICT,
               "csvrows_read: a callback error stops and is returned");
        is_int(at, 6, "csvrows_read: the line of the row that stopped the read");
        memset(&r, 0, sizeof(r));
        r.stop_at = -1;
        is_int(csvrows_read(doc, sizeof(doc) - 1, collect, NULL, &r, &at), ERR_OK,
               "csvrows_read: the header alone");
        ok(r.n == 1 && strcmp(r.got[0], "h1|h2|h3") == 0 && r.lines[0] == 1,
           "csvrows_read: the header row goes to on_header, on line 1");
    }

    memset(&r, 0, sizeof(r));
    r.stop_at = 1;
    is_int(csvrows_parse(doc, sizeof(doc) - 1, collect, &r), ERR_CONFLICT,
           "csvrows: a callback error stops and is returned");
    is_int(r.n, 1, "csvrows: no row after the stop");

    memset(&r, 0, sizeof(r));
    r.stop_at = -1;
    is_int(csvrows_parse(B("h\n\"unterminated\n"), collect, &r), ERR_INVALID,
           "csvrows: unterminated quote is ERR_INVALID");

    for (i = 0; i < 40; i++)
        o += (size_t)snprintf(wide + o, sizeof(wide) - o, "%s%d", i ? "," : "", i);
    wide[o++] = '\n';
    memset(&r, 0, sizeof(r));
    r.stop_at = -1;
    is_int(csvrows_parse(wide, o, collect, &r), ERR_LIMIT,
           "csvrows: more than 32 fields is ERR_LIMIT");
}

static void
test_err_str(void)
{
    int e;
    bool all = true;

    for (e = 0; e < ERR__MAX; e++)
        if (err_str((enum err)e) == NULL || strcmp(err_str((enum err)e), "unknown") == 0)
            all = false;
    ok(all, "err_str names every error code");
    is_str(err_str(ERR_OK), "ok", "err_str(ERR_OK)");
    is_str(err_str(ERR_NOTFOUND), "not found", "err_str(ERR_NOTFOUND)");
    is_str(err_str(ERR__MAX), "unknown", "err_str out of range");
}

static void
test_datetime_prefix(void)
{
    struct str_datetime d;
    const char *rest = NULL;

    ok(str_datetime_prefix("2030-06-10T13:05", &d, &rest) && d.year == 2030 && d.month == 6 &&
           d.day == 10 && d.hour == 13 && d.minute == 5 && *rest == '\0',
       "str_datetime_prefix: a datetime-local value");
    ok(str_datetime_prefix("2030-06-10T13:05:59+02:00", &d, &rest) &&
           strcmp(rest, ":59+02:00") == 0,
       "str_datetime_prefix: the rest of an RFC 3339 date-time");
    ok(!str_datetime_prefix("2030-6-10T13:05", &d, NULL), "str_datetime_prefix: a short month");
    ok(!str_datetime_prefix("2030-13-10T13:05", &d, NULL), "str_datetime_prefix: month 13");
    ok(!str_datetime_prefix("2030-06-10 13:05", &d, NULL), "str_datetime_prefix: a space for T");
    ok(!str_datetime_prefix("2030-06-10T24:00", &d, NULL), "str_datetime_prefix: hour 24");
    ok(!str_datetime_prefix("2030-06-10T13:+5", &d, NULL), "str_datetime_prefix: a sign");
    ok(!str_datetime_prefix("2030-06-10T13", &d, NULL) && !str_datetime_prefix("", &d, NULL) &&
           !str_datetime_prefix(NULL, &d, NULL),
       "str_datetime_prefix: too short, empty, NULL");
}

int
main(void)
{
    log_threshold = LOG_ERROR + 1; /* csvrows logs its parse errors; keep the TAP clean */
    test_arena();
    test_arena_format();
    test_buf();
    test_utf8();
    test_utf8_format();
    test_numbers();
    test_shortest();
    test_utc_time();
    test_control();
    test_str_misc();
    test_ascii_lower();
    test_contains_ci();
    test_url();
    test_slug();
    test_fmt_number();
    test_log_repr();
    test_csvrows();
    test_err_str();
    test_datetime_prefix();
    return done_testing();
}
