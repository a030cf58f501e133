/*
 * i18n.c — gettext set-up, per-thread language switching (see i18n.h) and the
 * request's language from ?lang= and Accept-Language (web_pick_lang, web.h).
 */
#include "web/i18n.h"

#include <locale.h>
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

void
i18n_use(enum lang lang)
{
    if (locales[lang] != (locale_t)0)
        uselocale(locales[lang]);
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

/* ------------------------------------------------ the request's language */

static enum lang
lang_from_accept(const char *h)
{
    /* the first of sv / en by q-value (ties: the earlier); anything else: sv */
    double best_q = -1, q;
    enum lang best = LANG_SV;
    const char *p = h, *end, *qs;
    char tag[16];
    size_t n;

    if (h == NULL)
        return LANG_SV;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        end = p;
        while (*end && *end != ',')
            end++;
        n = strcspn(p, ";,");
        if (n >= sizeof(tag))
            n = sizeof(tag) - 1;
        memcpy(tag, p, n);
        tag[n] = '\0';
        q = 1.0;
        qs = memchr(p, ';', (size_t)(end - p));
        if (qs != NULL && (qs = strstr(qs, "q=")) != NULL && qs < end)
            q = strtod(qs + 2, NULL);
        if (q > 0 && q > best_q &&
            (strncasecmp(tag, "sv", 2) == 0 || strncasecmp(tag, "en", 2) == 0) &&
            (tag[2] == '\0' || tag[2] == '-')) {
            best_q = q;
            best = strncasecmp(tag, "en", 2) == 0 ? LANG_EN : LANG_SV;
        }
        p = end;
    }
    return best;
}

enum lang
web_pick_lang(const char *query_lang, const char *accept_language, bool *out_explicit)
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
    return lang_from_accept(accept_language);
}
