/*
 * utf8.c — UTF-8 validation (see utf8.h). Depends on nothing else in the project, so that
 * the log (log.c), which escapes untrusted bytes with it, sits below everything that logs.
 */
#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>

size_t
utf8_seq_len(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    size_t len, i;

    if (n == 0)
        return 0;
    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf) {
        len = 2;
        cp = p[0] & 0x1f;
    } else if (p[0] >= 0xe0 && p[0] <= 0xef) {
        len = 3;
        cp = p[0] & 0x0f;
    } else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
        len = 4;
        cp = p[0] & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

bool
utf8_valid(const char *s, size_t n)
{
    size_t i = 0, k;

    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        k = utf8_seq_len(s + i, n - i);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

size_t
utf8_count(const char *s, size_t n)
{
    size_t i, c = 0;

    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            c++;
    return c;
}

void
utf8_vformat(char *dst, size_t cap, const char *fmt, va_list ap)
{
    int n = vsnprintf(dst, cap, fmt, ap);
    size_t len, lead;

    if (n < 0) {
        dst[0] = '\0';
        return;
    }
    if ((size_t)n < cap)
        return;
    /* vsnprintf kept cap - 1 bytes: the last sequence among them goes if it is not whole
     * (back over its continuation bytes to its lead byte) */
    len = cap - 1;
    lead = len;
    while (lead > 0 && ((unsigned char)dst[lead - 1] & 0xc0) == 0x80)
        lead--;
    if (lead > 0 && utf8_seq_len(dst + lead - 1, len - (lead - 1)) == 0)
        dst[lead - 1] = '\0';
}

void
utf8_format(char *dst, size_t cap, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    utf8_vformat(dst, cap, fmt, ap);
    va_end(ap);
}
