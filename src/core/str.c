/*
 * str.c — strict number parsing, URL encoding, formatting (see str.h); UTF-8 is in utf8.c.
 */
#include "core/str.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum err
str_to_i64(const char *s, int64_t *out)
{
    char *end;
    long long v;

    /* a digit first, or a minus and a digit: strtoll would skip spaces and take '+' */
    if (s == NULL || !((*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' && s[1] <= '9')))
        return ERR_INVALID;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return ERR_INVALID;
    *out = v;
    return ERR_OK;
}

enum err
str_to_double(const char *s, double *out)
{
    char *end;
    double v;
    const char *p;

    if (s == NULL || *s == '\0')
        return ERR_INVALID;
    /* only plain decimal notation: no hex floats, inf, nan, spaces; a sign only at the
     * start (minus) or right after the exponent mark */
    for (p = s; *p; p++) {
        if ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E')
            continue;
        if (*p == '-' && p == s)
            continue;
        if ((*p == '-' || *p == '+') && p > s && (p[-1] == 'e' || p[-1] == 'E'))
            continue;
        return ERR_INVALID;
    }
    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || *end != '\0' || !isfinite(v))
        return ERR_INVALID;
    *out = v;
    return ERR_OK;
}

size_t
str_find_control(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i;

    for (i = 0; i < n; i++) {
        if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') || p[i] == 0x7f)
            return i;
        /* C1: U+0080-U+009F is C2 80-C2 9F in UTF-8 */
        if (p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
            return i;
    }
    return n;
}

unsigned
str_control_at(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;

    if (n == 0)
        return 0;
    if (p[0] == 0xc2 && n > 1)
        return p[1];
    return p[0];
}

bool
str_eq(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

bool
str_empty(const char *s)
{
    return s == NULL || *s == '\0';
}

bool
str_has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static inline unsigned char
ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

bool
str_contains_ci(const char *s, const char *needle)
{
    size_t i;

    if (s == NULL)
        return false;
    for (; *s; s++) {
        for (i = 0;
             needle[i] && ascii_lower((unsigned char)s[i]) == ascii_lower((unsigned char)needle[i]);
             i++)
            ;
        if (needle[i] == '\0')
            return true;
    }
    return *needle == '\0';
}

size_t
str_ascii_lower(char *out, size_t size, const char *s)
{
    size_t i, n = strlen(s);

    if (size == 0)
        return n;
    for (i = 0; i < n && i + 1 < size; i++)
        out[i] = (char)ascii_lower((unsigned char)s[i]);
    out[i] = '\0';
    return n;
}

void
url_encode(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p;
    char esc[3];

    for (p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            buf_addc(b, (char)*p);
        } else {
            esc[0] = '%';
            esc[1] = hex[*p >> 4];
            esc[2] = hex[*p & 15];
            buf_add(b, esc, 3);
        }
    }
}

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

enum err
url_decode(char *s, bool plus_space, size_t *out_len)
{
    char *r = s, *w = s;
    int hi, lo;

    while (*r) {
        if (*r == '%') {
            hi = hexval(r[1]);
            lo = hi < 0 ? -1 : hexval(r[2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return ERR_INVALID;
            *w++ = (char)(hi * 16 + lo);
            r += 3;
        } else if (*r == '+' && plus_space) {
            *w++ = ' ';
            r++;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    if (out_len != NULL)
        *out_len = (size_t)(w - s);
    return ERR_OK;
}

bool
str_is_slug(const char *s)
{
    size_t n, i;

    if (s == NULL)
        return false;
    n = strlen(s);
    if (n == 0 || n > 64 || s[0] == '-' || s[n - 1] == '-')
        return false;
    for (i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return false;
    return true;
}

bool
str_is_http_url(const char *s)
{
    size_t i;

    if (s == NULL)
        return false;
    if (strncasecmp(s, "https://", 8) != 0 && strncasecmp(s, "http://", 7) != 0)
        return false;
    for (i = 0; s[i]; i++)
        if ((unsigned char)s[i] <= 0x20 || s[i] == '"' || s[i] == '<' || s[i] == '>' ||
            s[i] == '\\')
            return false;
    return true;
}

/* v with d decimals (0 to 6) into raw as snprintf's "%.*f" writes it, without printf for
 * the values pages show (|v| < 1e9): v times 10^d in long double is within 6e-5 of the
 * exact product (64 bits of mantissa, below 1e15), so its rounding to the nearest integer
 * is printf's but within a hair of a tie, which is left to snprintf (its ties go to the
 * even neighbour) as are infinities and NaN. The uncached mission page formats some two
 * hundred numbers; snprintf was 3 % of its time. */
static void
fixed_point(char *raw, size_t cap, double v, int d)
{
    static const unsigned pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    char digits[32], *p = digits + sizeof(digits);
    long double x, fl;
    uint64_t r, ip, fp;
    size_t o = 0;
    int i;

    if (!(fabs(v) < 1e9)) {
        snprintf(raw, cap, "%.*f", d, v);
        return;
    }
    x = fabsl((long double)v) * pow10[d];
    fl = floorl(x);
    if (fabsl(x - fl - 0.5L) < 1e-3L) {
        snprintf(raw, cap, "%.*f", d, v);
        return;
    }
    r = (uint64_t)fl + (x - fl > 0.5L);
    ip = r / pow10[d];
    fp = r % pow10[d];
    do {
        *--p = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip != 0);
    if (signbit(v))
        raw[o++] = '-';
    while (p < digits + sizeof(digits))
        raw[o++] = *p++;
    if (d > 0) {
        raw[o++] = '.';
        for (i = d - 1; i >= 0; i--) {
            raw[o + (size_t)i] = (char)('0' + fp % 10);
            fp /= 10;
        }
        o += (size_t)d;
    }
    raw[o] = '\0';
}

char *
str_fmt_number(struct arena *a, double v, int decimals, bool swedish)
{
    char raw[400] = "", out[800]; /* %.6f of the largest double is 316 characters */
    const char *group = swedish ? "\xc2\xa0" : ",";
    char dec = swedish ? ',' : '.';
    size_t glen = strlen(group), o = 0, i, intlen;
    const char *p, *dot;

    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    fixed_point(raw, sizeof(raw), v, decimals);
    p = raw;
    /* a negative value that rounds to zero is zero: never "−0,0" */
    if (*p == '-' && p[1 + strspn(p + 1, "0.")] == '\0')
        p++;
    if (*p == '-') {
        /* a true minus sign (U+2212) in both languages: it reads better, screen readers
         * say "minus", and the English pages' method texts already write "−5 to 5" */
        memcpy(out + o, "\xe2\x88\x92", 3);
        o += 3;
        p++;
    }
    dot = strchr(p, '.');
    intlen = dot ? (size_t)(dot - p) : strlen(p);
    for (i = 0; i < intlen; i++) {
        if (i > 0 && (intlen - i) % 3 == 0 && intlen > 4 - (swedish ? 0 : 1)) {
            memcpy(out + o, group, glen);
            o += glen;
        }
        out[o++] = p[i];
    }
    if (dot != NULL) {
        out[o++] = dec;
        for (p = dot + 1; *p; p++)
            out[o++] = *p;
    }
    out[o] = '\0';
    return arena_strdup(a, out);
}

void
str_shortest(char *out, size_t outsz, double v)
{
    int prec;

    /* the magnitude first: converting a double outside long long's range (or NaN) to an
     * integer is undefined behaviour, and 1e15 is well inside it */
    if (!isfinite(v)) {
        snprintf(out, outsz, "%s", isnan(v) ? "nan" : v < 0 ? "-inf" : "inf");
        return;
    }
    if (fabs(v) < 1e15 && v == (double)(long long)v) {
        snprintf(out, outsz, "%.0f", v);
        if (strcmp(out, "-0") == 0 && !signbit(v))
            snprintf(out, outsz, "0");
        return;
    }
    for (prec = 1; prec <= 17; prec++) {
        snprintf(out, outsz, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

void
str_utc_time(char *out, size_t outsz, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;

    if (gmtime_r(&tt, &tm) == NULL || strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(out, outsz, "%s", "1970-01-01T00:00:00Z");
}

/* n decimal digits at s, into *out. */
static bool
digits(const char *s, int n, int *out)
{
    int i, v = 0;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool
str_datetime_prefix(const char *s, struct str_datetime *out, const char **rest)
{
    struct str_datetime d;

    if (s == NULL || !digits(s, 4, &d.year) || s[4] != '-' || !digits(s + 5, 2, &d.month) ||
        s[7] != '-' || !digits(s + 8, 2, &d.day) || s[10] != 'T' || !digits(s + 11, 2, &d.hour) ||
        s[13] != ':' || !digits(s + 14, 2, &d.minute))
        return false;
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.hour > 23 || d.minute > 59)
        return false;
    *out = d;
    if (rest != NULL)
        *rest = s + 16;
    return true;
}
