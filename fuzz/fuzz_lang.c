/*
 * fuzz_lang.c — the language choice (web_pick_lang in src/web/i18n.c):
 * ?lang= and the Accept-Language header, on any bytes.
 *
 * Input: one flag byte (bit 0: a ?lang= value is given, bit 1: an
 * Accept-Language header is given, bit 2: the path's language when none is
 * stated is English, as under /api/, else Swedish), then the ?lang= value and
 * the header separated by the first NUL. The invariants:
 *   - the answer is Swedish or English, and the same when asked again;
 *   - ?lang= decides exactly when it is "sv" or "en" (and says so), whatever
 *     the header;
 *   - otherwise, without a header the answer is the path's own; Swedish from a
 *     header needs a range starting with "sv" or "*" in it, or a header that
 *     states no preference on a Swedish path (a header naming neither language
 *     gets English);
 *   - a header made of one well-formed range "en" or "en-XX" with no q parameter
 *     is English, one made of "sv" or "sv-XX" is Swedish.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "web/web.h"

/* a range of lang ("sv", "en") somewhere in h */
static bool
has_range(const char *h, const char *lang)
{
    const char *p;

    for (p = h; (p = strcasestr(p, lang)) != NULL; p++)
        if (p[2] == '\0' || p[2] == '-' || p[2] == ';' || p[2] == ',' || p[2] == ' ' ||
            p[2] == '\t')
            return true;
    return false;
}

/* "xx" then any number of "-" and 1 to 8 letters or digits: a well-formed range of lang
 * (RFC 4647 §2.1) with no q parameter */
static bool
is_single_range(const char *h, const char *lang)
{
    size_t i = 2, n;

    if (strncasecmp(h, lang, 2) != 0)
        return false;
    while (h[i] == '-') {
        for (n = 0; isalnum((unsigned char)h[i + 1 + n]); n++)
            ;
        if (n < 1 || n > 8)
            return false;
        i += 1 + n;
    }
    return h[i] == '\0';
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *sep;
    char *ql, *al;
    size_t nq;
    bool ex, ex2;
    enum lang l, l2, unset;

    if (size < 1)
        return 0;
    sep = memchr(data + 1, '\0', size - 1);
    nq = sep ? (size_t)(sep - (data + 1)) : size - 1;
    ql = fuzz_strndup(data + 1, nq);
    al = sep ? fuzz_strndup(sep + 1, size - 1 - nq - 1) : fuzz_strndup(data, 0);

    unset = data[0] & 4 ? LANG_EN : LANG_SV;
    l = web_pick_lang(data[0] & 1 ? ql : NULL, data[0] & 2 ? al : NULL, unset, &ex);
    l2 = web_pick_lang(data[0] & 1 ? ql : NULL, data[0] & 2 ? al : NULL, unset, &ex2);
    FUZZ_CHECK(l == LANG_SV || l == LANG_EN, "language %d", (int)l);
    FUZZ_CHECK(l == l2 && ex == ex2, "a different answer the second time");
    if ((data[0] & 1) && (strcmp(ql, "en") == 0 || strcmp(ql, "sv") == 0)) {
        FUZZ_CHECK(ex, "?lang=%s not taken as explicit", ql);
        FUZZ_CHECK(l == (ql[0] == 'e' ? LANG_EN : LANG_SV), "?lang=%s gave %d", ql, (int)l);
    } else {
        FUZZ_CHECK(!ex, "explicit without a valid ?lang=");
        if (!(data[0] & 2))
            FUZZ_CHECK(l == unset, "not the path's language without an Accept-Language header");
        else if (l == LANG_SV)
            FUZZ_CHECK(has_range(al, "sv") || strchr(al, '*') != NULL || unset == LANG_SV,
                       "Swedish for a header without \"sv\" or \"*\" on an English path");
        if ((data[0] & 2) && is_single_range(al, "en"))
            FUZZ_CHECK(l == LANG_EN, "Accept-Language \"%s\" is not English", al);
        if ((data[0] & 2) && is_single_range(al, "sv"))
            FUZZ_CHECK(l == LANG_SV, "Accept-Language \"%s\" is not Swedish", al);
    }
    free(ql);
    free(al);
    return 0;
}
