/*
 * describe.c — an indicator's Data Package descriptor (see describe.h).
 *
 * The columns come from export_columns, the list the CSV export writes its header and
 * rows from: the descriptor cannot name a column the file lacks or miss one it has.
 * The texts are English msgids marked N_() (xgettext reads this file as it reads the web
 * layer's); the caller's tr translates them. They are filled by subst, never by printf:
 * a translation is not trusted as a format string.
 */
#include "domain/describe.h"

#include <string.h>

#include "core/json.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/export.h"
#include "domain/indicator.h"
#include "domain/mission.h"

#define N_(s) (s)

struct describe {
    struct arena *a;
    const struct describe_opts *o;
    struct json j;
};

static const char *
tr(const struct describe *d, const char *msgid)
{
    return d->o->tr != NULL ? d->o->tr(msgid) : msgid;
}

/* fmt with its one "%s" replaced by arg (arena copy); fmt itself when it has none. */
static const char *
subst(struct arena *a, const char *fmt, const char *arg)
{
    const char *p = strstr(fmt, "%s");
    size_t head, alen, tail;
    char *r;

    if (p == NULL)
        return fmt;
    head = (size_t)(p - fmt);
    alen = strlen(arg);
    tail = strlen(p + 2);
    r = arena_alloc(a, head + alen + tail + 1);
    memcpy(r, fmt, head);
    memcpy(r + head, arg, alen);
    memcpy(r + head + alen, p + 2, tail + 1);
    return r;
}

/* The reader's language's text: en when English is asked for and en is not empty. */
static const char *
pick(const struct describe *d, const char *sv, const char *en)
{
    return d->o->english && en != NULL && *en != '\0' ? en : (sv != NULL ? sv : "");
}

/* An address of the site: absolute with the public origin, else the path itself. */
static const char *
site_url(const struct describe *d, const char *path)
{
    if (d->o->base == NULL || *d->o->base == '\0')
        return path;
    return arena_printf(d->a, "%s%s", d->o->base, path);
}

/* Unix seconds as an RFC 3339 date-time (UTC), in a. */
static const char *
iso_time(struct arena *a, int64_t t)
{
    char s[STR_UTC_TIME_SIZE];

    str_utc_time(s, sizeof(s), t);
    return arena_strdup(a, s);
}

/* {"sv": sv, "en": en}, as the API writes its bilingual texts. */
static void
kboth(struct json *j, const char *key, const char *sv, const char *en)
{
    json_key(j, key);
    json_obj_open(j);
    json_kstr(j, "sv", sv != NULL ? sv : "");
    json_kstr(j, "en", en != NULL ? en : "");
    json_obj_close(j);
}

/* A URL a Data Package "path" may hold: http(s), and no ".." (the profile's pattern
 * refuses one anywhere in a path). */
static bool
is_package_url(const char *s)
{
    return s != NULL && str_is_http_url(s) && strstr(s, "..") == NULL;
}

/* ------------------------------------------------------------------ the schema */

/* Every period a plain four-digit year: the column is then of Table Schema's type year. */
static bool
all_plain_years(const struct observation *obs, int n)
{
    const char *p;
    int i, k;

    for (i = 0; i < n; i++) {
        p = obs[i].period;
        for (k = 0; k < 4; k++)
            if (p[k] < '0' || p[k] > '9')
                return false;
        if (p[4] != '\0')
            return false;
    }
    return true;
}

static void
field_open(struct describe *d, const struct export_column *c, const char *title, const char *desc,
           const char *type)
{
    json_obj_open(&d->j);
    json_kstr(&d->j, "name", c->header);
    json_kstr(&d->j, "title", title);
    json_kstr(&d->j, "description", desc);
    json_kstr(&d->j, "type", type);
}

static void
field(struct describe *d, const struct export_column *c, const struct indicator *ind,
      const struct observation *obs, int n)
{
    struct json *j = &d->j;
    const char *unit = pick(d, ind->unit_sv, ind->unit_en);

    bool years;

    switch (c->kind) {
    case EXPORT_COL_YEAR:
        years = all_plain_years(obs, n);
        field_open(d, c, tr(d, N_("Period")),
                   tr(d, N_("The period the value is for, as published: a year (2019), a split "
                            "year (2009-10), a quarter (2013 Q1), a month or a date range; "
                            "each names its year.")),
                   years ? "year" : "string");
        json_key(j, "constraints");
        json_obj_open(j);
        json_kbool(j, "required", true);
        if (!years)
            json_kstr(j, "pattern", ".*[0-9]{4}.*");
        json_obj_close(j);
        break;
    case EXPORT_COL_SERIES:
        field_open(d, c, tr(d, N_("Series")),
                   tr(d, N_("Which of the indicator's series the value belongs to (Open SDG's "
                            "Series column); empty: the indicator's own.")),
                   "string");
        break;
    case EXPORT_COL_UNITS:
        field_open(d, c, tr(d, N_("Unit")),
                   *unit ? subst(d->a,
                                 tr(d, N_("The unit of the value when the row names one (Open "
                                          "SDG's Units column); empty: the indicator's unit, "
                                          "%s.")),
                                 unit)
                         : tr(d, N_("The unit of the value when the row names one (Open SDG's "
                                    "Units column).")),
                   "string");
        break;
    case EXPORT_COL_BREAKDOWN:
        field_open(d, c, c->name,
                   subst(d->a,
                         tr(d, N_("Breakdown (disaggregation) \"%s\": the group the value is "
                                  "for; empty in the rows of the whole.")),
                         c->name),
                   "string");
        break;
    case EXPORT_COL_ATTRIBUTE:
        field_open(d, c, c->name,
                   subst(d->a,
                         tr(d, N_("Attribute \"%s\" of the value as published (Open SDG's "
                                  "attribute columns: not a breakdown); may be empty.")),
                         c->name),
                   "string");
        break;
    case EXPORT_COL_PROGRESS:
        field_open(d, c, tr(d, N_("Progress")),
                   tr(d, N_("The number the publisher assesses progress on instead of Value "
                            "(Open SDG's Progress column); empty where there is none.")),
                   "number");
        break;
    case EXPORT_COL_SOURCE:
        field_open(d, c, tr(d, N_("Source")), tr(d, N_("Where the value comes from.")), "string");
        break;
    case EXPORT_COL_NOTE:
        field_open(d, c, tr(d, N_("Note")), tr(d, N_("What a reader should know about the value.")),
                   "string");
        break;
    case EXPORT_COL_VALUE:
        field_open(d, c, tr(d, N_("Value")),
                   *unit ? subst(d->a, tr(d, N_("The value, in %s.")), unit)
                         : tr(d, N_("The value.")),
                   "number");
        json_key(j, "constraints");
        json_obj_open(j);
        json_kbool(j, "required", true);
        json_obj_close(j);
        kboth(j, "samverka:unit", ind->unit_sv, ind->unit_en);
        break;
    }
    json_obj_close(j);
}

/* ------------------------------------------------------------------ the package */

/* "sources": the indicator's own, then each distinct per-value source (up to
 * DESCRIBE_MAX_SOURCES in all); nothing when there is none (the profile wants one item at
 * least). */
static void
sources(struct describe *d, const struct indicator *ind, const struct observation *obs, int n)
{
    struct json *j = &d->j;
    const char **seen;
    int n_seen = 0, i, k;
    bool open = false;

    seen = arena_alloc(d->a, DESCRIBE_MAX_SOURCES * sizeof(*seen));
    if (ind->source != NULL && *ind->source) {
        json_key(j, "sources");
        json_arr_open(j);
        open = true;
        json_obj_open(j);
        json_kstr(j, "title", ind->source);
        if (is_package_url(ind->source_url))
            json_kstr(j, "path", ind->source_url);
        json_obj_close(j);
        seen[n_seen++] = ind->source;
    }
    for (i = 0; i < n && n_seen < DESCRIBE_MAX_SOURCES; i++) {
        if (*obs[i].source == '\0')
            continue;
        /* rows come grouped by series and breakdown, so a source repeats in runs: the
         * newest seen first */
        for (k = n_seen - 1; k >= 0; k--)
            if (strcmp(seen[k], obs[i].source) == 0)
                break;
        if (k >= 0)
            continue;
        if (!open) {
            json_key(j, "sources");
            json_arr_open(j);
            open = true;
        }
        json_obj_open(j);
        json_kstr(j, "title", obs[i].source);
        json_obj_close(j);
        seen[n_seen++] = obs[i].source;
    }
    if (open)
        json_arr_close(j);
}

static void
package(struct describe *d, const struct indicator *ind, const struct mission *m,
        const struct observation *obs, int n, const struct export_column *cols, int n_cols,
        int64_t created, int64_t modified)
{
    struct json *j = &d->j;
    const char *title = pick(d, ind->title_sv, ind->title_en);
    const char *desc = pick(d, ind->description_sv, ind->description_en);
    const char *page = arena_printf(d->a, "/indicators/%lld", (long long)ind->id);
    const char *mission_page = arena_printf(d->a, "/missions/%s", m->slug);
    bool absolute = d->o->base != NULL && *d->o->base != '\0';
    int k;

    json_obj_open(j);
    json_kstr(j, "profile", "tabular-data-package");
    json_kstr(j, "name", arena_printf(d->a, "samverka-indicator-%lld", (long long)ind->id));
    json_kstr(j, "title", title);
    json_kstr(j, "description",
              *desc ? desc
                    : subst(d->a,
                            tr(d, N_("The observations of the indicator \"%s\", one row a "
                                     "value.")),
                            title));
    if (absolute)
        json_kstr(j, "homepage", site_url(d, page));
    if (created > 0)
        json_kstr(j, "created", iso_time(d->a, created));
    json_key(j, "keywords");
    json_arr_open(j);
    json_str(j, "samverka");
    json_str(j, pick(d, m->title_sv, m->title_en));
    json_arr_close(j);
    json_key(j, "licenses");
    json_arr_open(j);
    json_obj_open(j);
    json_kstr(j, "name", d->o->licence->spdx);
    json_kstr(j, "path", d->o->licence->url);
    json_kstr(j, "title", d->o->licence->name);
    json_obj_close(j);
    json_arr_close(j);
    sources(d, ind, obs, n);
    if (m->owner_name != NULL && *m->owner_name) {
        json_key(j, "contributors");
        json_arr_open(j);
        json_obj_open(j);
        json_kstr(j, "title", m->owner_name);
        json_kstr(j, "role", "maintainer");
        json_obj_close(j);
        json_arr_close(j);
    }

    json_key(j, "resources");
    json_arr_open(j);
    json_obj_open(j);
    json_kstr(j, "profile", "tabular-data-resource");
    json_kstr(j, "name", arena_printf(d->a, "indicator-%lld", (long long)ind->id));
    json_kstr(j, "path",
              absolute ? site_url(d, arena_printf(d->a, "%s/data.csv", page)) : "data.csv");
    json_kstr(j, "title", title);
    json_kstr(j, "format", "csv");
    json_kstr(j, "mediatype", "text/csv");
    json_kstr(j, "encoding", "utf-8");
    json_key(j, "dialect");
    json_obj_open(j);
    json_kstr(j, "delimiter", ",");
    json_kbool(j, "doubleQuote", true);
    json_kstr(j, "quoteChar", "\"");
    json_kstr(j, "lineTerminator", "\n");
    json_kbool(j, "header", true);
    json_obj_close(j);
    json_key(j, "schema");
    json_obj_open(j);
    json_key(j, "fields");
    json_arr_open(j);
    for (k = 0; k < n_cols; k++)
        field(d, &cols[k], ind, obs, n);
    json_arr_close(j);
    json_key(j, "missingValues");
    json_arr_open(j);
    json_str(j, "");
    json_arr_close(j);
    json_obj_close(j);
    json_obj_close(j);
    json_arr_close(j);

    /* what the profile has no property for, and the other language's texts */
    json_key(j, "samverka:indicator");
    json_obj_open(j);
    json_kint(j, "id", ind->id);
    kboth(j, "title", ind->title_sv, ind->title_en);
    kboth(j, "description", ind->description_sv, ind->description_en);
    kboth(j, "unit", ind->unit_sv, ind->unit_en);
    json_kstr(j, "direction", ind->direction);
    json_kint(j, "decimals", ind->decimals);
    json_kstr(j, "source", ind->source != NULL ? ind->source : "");
    json_kstr(j, "source_url",
              ind->source_url != NULL && str_is_http_url(ind->source_url) ? ind->source_url : "");
    json_kstr(j, "page", site_url(d, page));
    json_obj_close(j);
    json_key(j, "samverka:mission");
    json_obj_open(j);
    json_kstr(j, "slug", m->slug);
    kboth(j, "title", m->title_sv, m->title_en);
    json_kstr(j, "page", site_url(d, mission_page));
    json_obj_close(j);
    if (modified > 0)
        json_kstr(j, "samverka:lastModified", iso_time(d->a, modified));
    json_obj_close(j);
}

enum err
describe_indicator(struct db *db, struct arena *a, int64_t id, const struct describe_opts *o,
                   struct buf *out)
{
    struct describe d = {a, o, {0}};
    struct indicator ind;
    struct mission m;
    struct observation *obs;
    struct export_column *cols;
    int64_t created, modified;
    int n, n_cols;
    enum err rc;

    rc = indicator_get(db, a, id, &ind);
    if (rc == ERR_OK)
        rc = mission_get_id(db, a, ind.mission_id, &m);
    if (rc == ERR_OK)
        rc = indicator_observations(db, a, id, &obs, &n);
    if (rc == ERR_OK)
        rc = audit_indicator_span(db, id, &created, &modified);
    if (rc)
        return rc;
    n_cols = export_columns(a, &ind, obs, n, &cols);
    json_init(&d.j, out);
    package(&d, &ind, &m, obs, n, cols, n_cols, created, modified);
    rc = json_finish(&d.j);
    if (rc == ERR_OK)
        buf_addc(out, '\n');
    return rc == ERR_OK ? buf_err(out) : rc;
}
