/*
 * i18n.h — UI text through gettext (Swedish default, English).
 *
 * msgids are English; po/sv.po translates them, po/en.po is the identity
 * catalogue. web_handle switches the calling thread's locale (uselocale) to
 * the request's language before running a handler, so _() in any view gives
 * the request's language. Content fields are bilingual in the database:
 * L() picks the English text when asked for and present, else the Swedish.
 */
#ifndef WEB_I18N_H
#define WEB_I18N_H

#include <libintl.h>
#include <stdbool.h>

#include "web/web.h"

/* a literal msgid (the compiler knows it: almost every _() call) is looked up through this
 * thread's memo (i18n_lit); any other through gettext itself */
#define _(s)       (__builtin_constant_p(s) ? i18n_lit(s) : gettext(s))
#define N_(s)      (s)
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

bool i18n_init(const char *localedir);
void i18n_fini(void);
/* Switch this thread's UI language. */
void i18n_use(enum lang lang);

const char *i18n_pgettext(const char *ctx_id, const char *msgid);
/* gettext(msgid) for a msgid that lives as long as the program (a string literal). */
const char *i18n_lit(const char *msgid) __attribute__((format_arg(1)));

/* "sv" / "en" */
const char *lang_code(enum lang lang);

/* The content text for the request's language: en when chosen and non-empty, else sv. */
static inline const char *
L(const struct req *rq, const char *sv, const char *en)
{
    if (rq->lang == LANG_EN && en != NULL && *en != '\0')
        return en;
    return sv;
}

/* Whether L() fell back to Swedish for English readers (mark it lang="sv"). */
static inline const char *
L_lang(const struct req *rq, const char *en)
{
    if (rq->lang == LANG_EN && (en == NULL || *en == '\0'))
        return "sv";
    return NULL;
}

/*
 * Whether a and b are the same words to a reader: equal but for letter case (ASCII and
 * Latin-1 letters: å/Å, ä/Ä, ö/Ö, é/É ...) and white space (any run of it, leading and
 * trailing too, counts as one space). NULL reads as "". Locale-free.
 */
bool i18n_same_words(const char *a, const char *b);

/*
 * lang="sv" for s on an English page when s is a text stored in one language only, Swedish,
 * the site's own (funding, sources, notes, disaggregation names and values, disciplines,
 * SNI titles, municipality and county names); NULL on a Swedish page or for an empty s.
 */
static inline const char *
sv_only(const struct req *rq, const char *s)
{
    return rq->lang == LANG_EN && s != NULL && *s != '\0' ? "sv" : NULL;
}

/* lang="en" on a Swedish page, for a text that exists in English only (the UN's SDG texts). */
static inline const char *
en_only(const struct req *rq)
{
    return rq->lang == LANG_EN ? NULL : "en";
}

/* Numbers in the request's language: "1 234,5" / "1,234.5". */
char *fmt_num(const struct req *rq, double v, int decimals);

#endif
