/*
 * i18n.c — gettext set-up and per-thread language switching (see i18n.h).
 */
#include "web/i18n.h"

#include <locale.h>
#include <string.h>

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
