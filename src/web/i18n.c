/*
 * i18n.c — gettext set-up, per-thread language switching (see i18n.h) and the
 * request's language from ?lang= and Accept-Language (web_pick_lang, web.h).
 */
#include "web/i18n.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/log.h"
#include "core/str.h"

static locale_t locales[LANG__MAX];

static const char *const lang_codes[LANG__MAX] = {"sv", "en"};
static const char *const locale_names[LANG__MAX][3] = {
    {"sv_SE.UTF-8", "sv_SE.utf8", "sv_FI.UTF-8"},
    {"en_GB.UTF-8", "en_US.UTF-8", "en_GB.utf8"},
};

bool
i18n_init(const char *localedir)
{
    bool ok = true;
    int l, k;

    bindtextdomain("samverka", localedir);
    bind_textdomain_codeset("samverka", "UTF-8");
    textdomain("samverka");
    for (l = 0; l < LANG__MAX; l++) {
        for (k = 0; k < 3 && locales[l] == (locale_t)0; k++)
            locales[l] =
                newlocale(LC_MESSAGES_MASK | LC_CTYPE_MASK, locale_names[l][k], (locale_t)0);
        if (locales[l] == (locale_t)0) {
            log_msg(LOG_WARN, "msg=\"locale missing: UI text falls back to English\" lang=%s",
                    lang_codes[l]);
            locales[l] = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
            ok = false;
        }
    }
    return ok;
}

void
i18n_fini(void)
{
    int l;

    for (l = 0; l < LANG__MAX; l++) {
        if (locales[l] != (locale_t)0)
            freelocale(locales[l]);
        locales[l] = (locale_t)0;
    }
}

/*
 * Each thread's memo of the literal msgids it has translated, by language: gettext takes a
 * process-wide read lock, searches a tree of the translations it knows and hashes the msgid
 * into the catalogue on every call, and the demo mission page makes about 400 calls (10 % of
 * its uncached render). A literal's address names its text for the program's life, and what
 * gettext returns for it lives as long (the catalogue stays mapped), so a slot keeps the two
 * pointers. A msgid goes in the first free slot of the MEMO_PROBE from its hash on (with one
 * slot a msgid, two of a page's 200 that hashed alike evicted each other at every render:
 * a fifth of the page's calls still reached gettext); when all are taken, the first is
 * overwritten. Owned by its thread, never shared: no lock. use_lang is the language
 * i18n_use last switched this thread to (-1: none yet, and then gettext answers).
 */
#define MEMO_BITS  11
#define MEMO_SLOTS (1u << MEMO_BITS)
#define MEMO_PROBE 4
struct memo_slot {
    const char *id, *text;
};
static _Thread_local struct memo_slot memo[LANG__MAX][MEMO_SLOTS];
static _Thread_local int use_lang = -1;

void
i18n_use(enum lang lang)
{
    if (locales[lang] != (locale_t)0)
        uselocale(locales[lang]);
    use_lang = (int)lang;
}

const char *
i18n_lit(const char *msgid)
{
    struct memo_slot *row, *m;
    uintptr_t k = (uintptr_t)msgid;
    unsigned i, at;

    if (use_lang < 0)
        return gettext(msgid);
    /* Fibonacci hashing: literals sit a few bytes apart, and the multiply spreads the low
     * bits of their addresses over the slot number's */
    row = memo[use_lang];
    at = (unsigned)((uint64_t)k * UINT64_C(0x9E3779B97F4A7C15) >> (64 - MEMO_BITS));
    for (i = 0; i < MEMO_PROBE; i++) {
        m = &row[(at + i) & (MEMO_SLOTS - 1)];
        if (m->id == msgid)
            return m->text;
        if (m->id == NULL)
            break;
    }
    if (i == MEMO_PROBE)
        m = &row[at];
    m->text = gettext(msgid);
    m->id = msgid;
    return m->text;
}

const char *
i18n_pgettext(const char *ctx_id, const char *msgid)
{
    const char *t = gettext(ctx_id);

    return t == ctx_id ? msgid : t;
}

const char *
lang_code(enum lang lang)
{
    return lang_codes[lang];
}

char *
fmt_num(const struct req *rq, double v, int decimals)
{
    return str_fmt_number(rq->arena, v, decimals, rq->lang == LANG_SV);
}

/* The next code point of *p folded to lower case (ASCII and Latin-1 letters), a run of
 * white space as one ' ', and 0 at the end; *p moves past what was read. A byte that
 * starts no two-byte sequence is taken as it is. */
static unsigned
next_folded(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned c;

    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        *p = s;
        return *s == '\0' ? 0 : ' ';
    }
    if (*s == '\0')
        return 0;
    if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
        c = ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        *p = s + 2;
        /* U+00C0..U+00DE are the capitals of U+00E0..U+00FE, but for U+00D7 (×) */
        return c >= 0xC0 && c <= 0xDE && c != 0xD7 ? c + 0x20 : c;
    }
    c = *s;
    *p = s + 1;
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

bool
i18n_same_words(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)(a != NULL ? a : "");
    const unsigned char *q = (const unsigned char *)(b != NULL ? b : "");
    unsigned x, y;

    /* leading white space does not count */
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
        q++;
    do {
        x = next_folded(&p);
        y = next_folded(&q);
        if (x != y)
            return false;
    } while (x != 0);
    return true;
}

/* ------------------------------------------------ the request's language */

/*
 * Accept-Language by RFC 9110 §12.5.4: a comma-separated list of language-ranges
 * (RFC 4647: "*" or 1*8ALPHA *("-" 1*8alphanum)), each with an optional weight
 * ";q=" qvalue (0 to 1, at most three decimals; 1 when left out; 0 means "not
 * acceptable"). A malformed element is ignored, as if it were not there.
 */
enum { Q_NONE = -1, Q_ONE = 1000 };

/* A qvalue from s (len bytes): 0..1000 thousandths, or Q_NONE when malformed. */
static int
parse_qvalue(const char *s, size_t len)
{
    int q = 0, scale = 100;
    size_t i;

    if (len == 0 || (s[0] != '0' && s[0] != '1'))
        return Q_NONE;
    if (len > 1 && (s[1] != '.' || len > 5))
        return Q_NONE;
    for (i = 2; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return Q_NONE;
        q += (s[i] - '0') * scale;
        scale /= 10;
    }
    if (s[0] == '1')
        return q == 0 ? Q_ONE : Q_NONE;
    return q;
}

/* Whether s (len bytes) is a language-range: "*" or 1*8ALPHA *("-" 1*8alphanum). */
static bool
is_language_range(const char *s, size_t len)
{
    size_t i, run = 0;
    bool first = true; /* the primary subtag is letters only */
    char c;

    if (len == 1 && s[0] == '*')
        return true;
    for (i = 0; i < len; i++) {
        c = s[i];
        if (c == '-') {
            if (run == 0)
                return false;
            run = 0;
            first = false;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9')))
            return false;
        if (++run > 8)
            return false;
    }
    return run > 0;
}

/* The weight one language got: from its own range ("sv") before a narrower one
 * ("sv-FI", the highest of them) before the wildcard; pos is the element's index. */
struct lang_weight {
    int q_exact, q_sub, q_any; /* Q_NONE when not named that way */
    int pos_exact, pos_sub, pos_any;
};

static void
weight_of(const struct lang_weight *w, int *out_q, int *out_pos)
{
    if (w->q_exact != Q_NONE) {
        *out_q = w->q_exact;
        *out_pos = w->pos_exact;
    } else if (w->q_sub != Q_NONE) {
        *out_q = w->q_sub;
        *out_pos = w->pos_sub;
    } else {
        *out_q = w->q_any;
        *out_pos = w->pos_any;
    }
}

#define IS_OWS(c) ((c) == ' ' || (c) == '\t')

/*
 * The language of a request by its Accept-Language h: of Swedish and English, the
 * one with the higher weight (a tie: the one named first; both by "*" alone: unset).
 * When the header names neither (or refuses both with q=0), the reader asked for a
 * language we do not have: English, the one more readers of other languages read.
 * No header at all (or one with no well-formed element) expresses no preference:
 * unset, the caller's default (web_pick_lang).
 */
static enum lang
lang_from_accept(const char *h, enum lang unset)
{
    struct lang_weight w[LANG__MAX];
    const char *p = h, *e, *end, *semi, *r_end;
    int l, q, pos = 0, best_q[LANG__MAX], best_pos[LANG__MAX];
    bool any_valid = false;
    size_t n;

    if (h == NULL)
        return unset;
    for (l = 0; l < LANG__MAX; l++)
        w[l] = (struct lang_weight){Q_NONE, Q_NONE, Q_NONE, 0, 0, 0};
    for (; *p; p = *end ? end + 1 : end, pos++) {
        end = strchr(p, ',');
        if (end == NULL)
            end = p + strlen(p);
        while (p < end && IS_OWS(*p))
            p++;
        e = end;
        while (e > p && IS_OWS(e[-1]))
            e--;
        if (p == e)
            continue; /* an empty list element is allowed and means nothing */
        semi = memchr(p, ';', (size_t)(e - p));
        r_end = semi != NULL ? semi : e;
        while (r_end > p && IS_OWS(r_end[-1]))
            r_end--;
        n = (size_t)(r_end - p);
        if (!is_language_range(p, n))
            continue;
        q = Q_ONE;
        if (semi != NULL) {
            semi++;
            while (semi < e && IS_OWS(*semi))
                semi++;
            if (e - semi < 3 || (semi[0] != 'q' && semi[0] != 'Q') || semi[1] != '=')
                continue;
            q = parse_qvalue(semi + 2, (size_t)(e - semi - 2));
            if (q == Q_NONE)
                continue;
        }
        any_valid = true;
        if (n == 1 && p[0] == '*') {
            for (l = 0; l < LANG__MAX; l++) {
                if (w[l].q_any == Q_NONE) {
                    w[l].q_any = q;
                    w[l].pos_any = pos;
                }
            }
            continue;
        }
        for (l = 0; l < LANG__MAX; l++) {
            if (n < 2 || strncasecmp(p, lang_codes[l], 2) != 0)
                continue;
            if (n == 2 && w[l].q_exact == Q_NONE) {
                w[l].q_exact = q;
                w[l].pos_exact = pos;
            } else if (n > 2 && p[2] == '-' && q > w[l].q_sub) {
                w[l].q_sub = q;
                w[l].pos_sub = pos;
            }
        }
    }
    if (!any_valid)
        return unset;
    for (l = 0; l < LANG__MAX; l++)
        weight_of(&w[l], &best_q[l], &best_pos[l]);
    if (best_q[LANG_SV] <= 0 && best_q[LANG_EN] <= 0)
        return LANG_EN;
    if (best_q[LANG_SV] != best_q[LANG_EN])
        return best_q[LANG_SV] > best_q[LANG_EN] ? LANG_SV : LANG_EN;
    if (best_pos[LANG_SV] != best_pos[LANG_EN])
        return best_pos[LANG_EN] < best_pos[LANG_SV] ? LANG_EN : LANG_SV;
    return unset;
}

enum lang
web_pick_lang(const char *query_lang, const char *accept_language, enum lang unset,
              bool *out_explicit)
{
    *out_explicit = false;
    if (query_lang != NULL) {
        if (strcmp(query_lang, "en") == 0) {
            *out_explicit = true;
            return LANG_EN;
        }
        if (strcmp(query_lang, "sv") == 0) {
            *out_explicit = true;
            return LANG_SV;
        }
    }
    return lang_from_accept(accept_language, unset);
}

enum lang
web_lang_unset(const char *path)
{
    return path != NULL && str_has_prefix(path, "/api/") ? LANG_EN : LANG_SV;
}

const char *
web_plain_text(const char *msgid, const char *accept_language, const char *path)
{
    bool explicit;

    i18n_use(web_pick_lang(NULL, accept_language, web_lang_unset(path), &explicit));
    return gettext(msgid);
}
