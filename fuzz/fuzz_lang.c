/*
 * fuzz_lang.c — the language choice (web_pick_lang in src/web/i18n.c):
 * ?lang= and the Accept-Language header, on any bytes.
 *
 * Input: one flag byte (bit 0: a ?lang= value is given, bit 1: an
 * Accept-Language header is given), then the ?lang= value and the header
 * separated by the first NUL. The invariants:
 *   - the answer is Swedish or English, and the same when asked again;
 *   - ?lang= decides exactly when it is "sv" or "en" (and says so), whatever
 *     the header;
 *   - otherwise English needs a language range starting with "en" in the
 *     header; without a header the answer is Swedish;
 *   - a header made of one range "en" or "en-XX" with no q parameter is English,
 *     one made of "sv" or "sv-XX" is Swedish.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "web/web.h"

static bool
has_en_range(const char *h)
{
    const char *p;

    for (p = h; (p = strcasestr(p, "en")) != NULL; p++)
        if (p[2] == '\0' || p[2] == '-' || p[2] == ';' || p[2] == ',' || p[2] == ' ')
            return true;
    return false;
}

/* "xx" or "xx-" followed by letters, digits and hyphens only */
static bool
is_single_range(const char *h, const char *lang)
{
    size_t i;

    if (strncasecmp(h, lang, 2) != 0)
        return false;
    if (h[2] == '\0')
        return true;
    if (h[2] != '-' || h[3] == '\0')
        return false;
    for (i = 3; h[i]; i++)
        if (!isalnum((unsigned char)h[i]) && h[i] != '-')
            return false;
    return true;
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
    enum lang l, l2;

    if (size < 1)
        return 0;
    sep = memchr(data + 1, '\0', size - 1);
    nq = sep ? (size_t)(sep - (data + 1)) : size - 1;
    ql = fuzz_strndup(data + 1, nq);
    al = sep ? fuzz_strndup(sep + 1, size - 1 - nq - 1) : fuzz_strndup(data, 0);

    l = web_pick_lang(data[0] & 1 ? ql : NULL, data[0] & 2 ? al : NULL, &ex);
    l2 = web_pick_lang(data[0] & 1 ? ql : NULL, data[0] & 2 ? al : NULL, &ex2);
    FUZZ_CHECK(l == LANG_SV || l == LANG_EN, "language %d", (int)l);
    FUZZ_CHECK(l == l2 && ex == ex2, "a different answer the second time");
    if ((data[0] & 1) && (strcmp(ql, "en") == 0 || strcmp(ql, "sv") == 0)) {
        FUZZ_CHECK(ex, "?lang=%s not taken as explicit", ql);
        FUZZ_CHECK(l == (ql[0] == 'e' ? LANG_EN : LANG_SV), "?lang=%s gave %d", ql, (int)l);
    } else {
        FUZZ_CHECK(!ex, "explicit without a valid ?lang=");
        if (!(data[0] & 2))
            FUZZ_CHECK(l == LANG_SV, "English without an Accept-Language header");
        else if (l == LANG_EN)
            FUZZ_CHECK(has_en_range(al), "English for a header without \"en\"");
        if ((data[0] & 2) && is_single_range(al, "en"))
            FUZZ_CHECK(l == LANG_EN, "Accept-Language \"%s\" is not English", al);
        if ((data[0] & 2) && is_single_range(al, "sv"))
            FUZZ_CHECK(l == LANG_SV, "Accept-Language \"%s\" is not Swedish", al);
    }
    free(ql);
    free(al);
    return 0;
}
