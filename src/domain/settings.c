/*
 * settings.c — validate and store an indicator's progress settings.
 */
#include "domain/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/change.h"
#include "domain/load.h"
#include "domain/progress_log.h"
#include "domain/tidycsv.h"
#include "domain/write.h"

/* xgettext extracts N_() here (and the msg of write_refuse and settings_invalid by `make
 * pot`'s keywords); the web layer says these refusals in the request's language */
#define N_(s) (s)

void
settings_from_indicator(const struct indicator *ind, struct indicator_settings *s)
{
    memset(s, 0, sizeof(*s));
    s->has_base_year = ind->has_base || ind->base_year != 0;
    s->base_year = ind->base_year;
    s->has_base_value = ind->has_base;
    s->base_value = ind->base_value;
    s->target_kind = ind->target_kind;
    s->has_target_value = ind->has_target;
    s->target_value = ind->target_value;
    s->target_year = ind->target_year;
    s->direction = ind->direction;
    s->has_limit = ind->has_limit;
    s->limit = ind->limit_value;
    s->has_thresholds = ind->has_thresholds;
    s->high = ind->th_high;
    s->med = ind->th_med;
    s->low = ind->th_low;
    /* the headline as set: "" while samverka chooses it, whichever series it chose */
    s->headline = ind->headline_chosen && ind->headline ? ind->headline : "";
    s->bounds_set = ind->bounds_set;
    s->has_lower = ind->has_lower;
    s->lower = ind->lower;
    s->has_upper = ind->has_upper;
    s->upper = ind->upper;
}

/* The index of field among the indicator's dimensions, -1 if none. */
static int
dimension_of(const struct indicator *ind, const char *field, size_t len)
{
    int k;

    for (k = 0; k < ind->n_dimensions && k < SETTINGS_MAX_HEADLINE; k++)
        if (strlen(ind->dimensions[k]) == len && memcmp(ind->dimensions[k], field, len) == 0)
            return k;
    return -1;
}

bool
settings_headline_from_pairs(struct arena *a, const struct indicator *ind,
                             const char *const *fields, const char *const *values, int n,
                             const char **out, const char **out_msg)
{
    const char *vals[SETTINGS_MAX_HEADLINE] = {0};
    struct buf b;
    int i, k;

    for (i = 0; i < n; i++) {
        k = dimension_of(ind, fields[i], strlen(fields[i]));
        if (k < 0) {
            *out_msg =
                N_("names a field that is not one of the indicator's disaggregation columns");
            return false;
        }
        if (*values[i] == '\0') {
            *out_msg = N_("gives a field without a value");
            return false;
        }
        /* the stored form joins pairs with 0x1F: no control character may ride along */
        if (str_find_control(values[i], strlen(values[i])) < strlen(values[i])) {
            *out_msg = N_("must not contain control characters");
            return false;
        }
        if (vals[k] != NULL) {
            *out_msg = N_("names a field twice");
            return false;
        }
        vals[k] = values[i];
    }
    buf_init(&b, 4096);
    for (i = 0; i < ind->n_dimensions && i < SETTINGS_MAX_HEADLINE; i++) {
        if (vals[i] == NULL)
            continue;
        if (b.len)
            buf_addc(&b, TIDY_DISAGG_SEP);
        buf_printf(&b, "%s=%s", ind->dimensions[i], vals[i]);
    }
    if (buf_err(&b)) {
        buf_free(&b);
        *out_msg = N_("is too long");
        return false;
    }
    *out = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return true;
}

bool
settings_parse_headline(struct arena *a, const struct indicator *ind, const char *text,
                        const char **out, const char **out_msg)
{
    const char *fields[SETTINGS_MAX_HEADLINE], *values[SETTINGS_MAX_HEADLINE];
    char *copy, *p, *comma, *eq, *next;
    int n = 0;

    if (text == NULL || *text == '\0' || strcmp(text, "none") == 0) {
        *out = "";
        return true;
    }
    copy = arena_strdup(a, text);
    /*
     * A comma ends a pair only where a field of the indicator follows it ("Units=Rate per
     * 100,000 population,Sex=F" is two pairs): values may hold commas, as published units
     * do, and a text is ambiguous only if a value holds ",Field=" itself.
     */
    for (p = copy; p != NULL;) {
        eq = strchr(p, '=');
        if (eq == NULL || eq == p || dimension_of(ind, p, (size_t)(eq - p)) < 0) {
            *out_msg = eq == NULL || eq == p ? N_("must be FIELD=VALUE pairs separated by commas")
                                             : N_("names a field that is not one of the "
                                                  "indicator's disaggregation columns");
            return false;
        }
        next = NULL;
        for (comma = strchr(eq + 1, ','); comma != NULL; comma = strchr(comma + 1, ',')) {
            char *e2 = strchr(comma + 1, '=');

            if (e2 != NULL && dimension_of(ind, comma + 1, (size_t)(e2 - comma - 1)) >= 0) {
                next = comma + 1;
                *comma = '\0';
                break;
            }
        }
        *eq = '\0';
        if (n == SETTINGS_MAX_HEADLINE) {
            *out_msg = N_("names too many fields");
            return false;
        }
        fields[n] = p;
        values[n] = eq + 1;
        n++;
        p = next;
    }
    return settings_headline_from_pairs(a, ind, fields, values, n, out, out_msg);
}

/* The progress settings as stored: Q_INDICATOR_SETTINGS_STORED's columns and
 * Q_INDICATOR_SET_PROGRESS's $2.. in this order, named as the audit log records them. */
static const struct change_field settings_fields[] = {
    {"base_year", CH_OPT_INT, false},     {"base_value", CH_OPT_DBL, false},
    {"target_kind", CH_TEXT, false},      {"target_value", CH_OPT_DBL, false},
    {"target_year", CH_OPT_INT, false},   {"direction", CH_TEXT, false},
    {"limit", CH_OPT_DBL, false},         {"threshold_high", CH_OPT_DBL, false},
    {"threshold_med", CH_OPT_DBL, false}, {"threshold_low", CH_OPT_DBL, false},
    {"headline", CH_TEXT, false},         {"bounds_set", CH_INT, false},
    {"lower_bound", CH_OPT_DBL, false},   {"upper_bound", CH_OPT_DBL, false},
};
#define N_SETTINGS_FIELDS ((int)(sizeof(settings_fields) / sizeof(settings_fields[0])))

/* s's values as the columns store them. */
static void
settings_values(const struct indicator_settings *s, struct change_val *v)
{
    v[0] = change_opt_int(s->has_base_year, s->base_year);
    v[1] = change_opt_dbl(s->has_base_value, s->base_value);
    v[2] = change_text(s->target_kind);
    v[3] = change_opt_dbl(strcmp(s->target_kind, "none") != 0, s->target_value);
    v[4] = change_opt_int(s->target_year != 0, s->target_year);
    v[5] = change_text(s->direction);
    v[6] = change_opt_dbl(s->has_limit, s->limit);
    v[7] = change_opt_dbl(s->has_thresholds, s->high);
    v[8] = change_opt_dbl(s->has_thresholds, s->med);
    v[9] = change_opt_dbl(s->has_thresholds, s->low);
    v[10] = change_text(s->headline);
    v[11] = change_int(s->bounds_set ? 1 : 0);
    v[12] = change_opt_dbl(s->bounds_set && s->has_lower, s->lower);
    v[13] = change_opt_dbl(s->bounds_set && s->has_upper, s->upper);
}

/* The number of breakdowns a canonical disaggregation fills. */
static int
filled(const char *disagg)
{
    int n = *disagg ? 1 : 0;

    for (; *disagg; disagg++)
        n += *disagg == TIDY_DISAGG_SEP;
    return n;
}

/* settings_headline_pick's order: a series with a trend (two periods or more) before one
 * without, so whatever can be assessed is; then the total; then the fewest breakdowns, the
 * most periods, byte order. A total of one period loses to a breakdown with a trend (the
 * page names the series it shows). */
static int
cmp_candidate(const void *a, const void *b)
{
    const struct headline_candidate *p = a, *q = b;
    int fp = filled(p->disagg), fq = filled(q->disagg);
    bool tp = p->n_periods >= 2, tq = q->n_periods >= 2;

    if (tp != tq)
        return tp ? -1 : 1;
    if ((fp == 0) != (fq == 0))
        return fp == 0 ? -1 : 1;
    if (fp != fq)
        return fp < fq ? -1 : 1;
    if (p->n_periods != q->n_periods)
        return p->n_periods > q->n_periods ? -1 : 1;
    return strcmp(p->disagg, q->disagg);
}

void
settings_headline_order(struct headline_candidate *c, int n)
{
    if (n > 1)
        qsort(c, (size_t)n, sizeof(*c), cmp_candidate);
}

int
settings_headline_pick(const struct headline_candidate *c, int n)
{
    int i, best = -1;

    for (i = 0; i < n; i++)
        if (best < 0 || cmp_candidate(&c[i], &c[best]) < 0)
            best = i;
    return best;
}

enum err
settings_headline_candidates(struct db *db, struct arena *a, int64_t indicator_id,
                             struct headline_candidate **out, int *out_n)
{
    struct headline_candidate *c = NULL;
    struct db_stmt *st;
    int n = 0, cap = 0;
    enum err rc;
    bool row;

    *out = NULL;
    *out_n = 0;
    st = db_stmt(db, Q_INDICATOR_HEADLINE_CANDIDATES);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        c = ld_grow(a, c, n, &cap, sizeof(*c));
        c[n].disagg = ld_str(st, 0, a);
        c[n].n_periods = db_i64(st, 1);
        n++;
    }
    db_done(st);
    if (rc)
        return rc;
    *out = c;
    *out_n = n;
    return ERR_OK;
}

enum err
settings_refresh_headline(struct db *db, int64_t indicator_id)
{
    struct headline_candidate *c;
    struct arena a;
    struct db_stmt *st;
    int n, k;
    enum err rc;

    arena_init(&a);
    rc = settings_headline_candidates(db, &a, indicator_id, &c, &n);
    if (rc)
        goto out;
    k = settings_headline_pick(c, n);
    st = db_stmt(db, Q_INDICATOR_SET_HEADLINE_AUTO);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, indicator_id);
    db_bind_text(st, 2, k >= 0 ? c[k].disagg : "");
    rc = db_run(st);
out:
    arena_free(&a);
    return rc;
}

enum err
settings_apply(struct db *db, struct arena *a, int64_t indicator_id,
               const struct indicator_settings *s, const char *who, const char **out_field,
               const char **out_msg)
{
    struct change_val before[N_SETTINGS_FIELDS], after[N_SETTINGS_FIELDS];
    struct change_set c;
    struct arena scratch;
    struct indicator ind;
    struct db_stmt *st;
    const char *changes;
    int64_t now = (int64_t)time(NULL);
    enum err rc;

    *out_field = NULL;
    *out_msg = NULL;
    rc = indicator_get(db, a, indicator_id, &ind);
    if (rc)
        return rc;
    rc = indicator_settings_check(s, out_field, out_msg);
    if (rc)
        return rc;

    settings_values(s, after);
    arena_init(&scratch);
    change_init(&c);
    rc = db_begin(db);
    if (rc)
        goto done;
    rc = write_stored(db, Q_INDICATOR_SETTINGS_STORED, indicator_id, &scratch, settings_fields,
                      N_SETTINGS_FIELDS, before);
    /* the assessment before and after, for the feeds (progress_log.h) */
    if (rc == ERR_OK)
        rc = progress_log_before(db, indicator_id, now);
    if (rc)
        goto out;
    st = db_stmt(db, Q_INDICATOR_SET_PROGRESS);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, indicator_id);
    change_bind(st, 2, settings_fields, N_SETTINGS_FIELDS, after);
    rc = db_run(st);
    if (rc)
        goto out;
    /* back to samverka's choice: the one the data calls for now */
    if (str_empty(s->headline))
        rc = settings_refresh_headline(db, indicator_id);
    if (rc)
        goto out;
    /* the entry is written whatever changed (as before there were changes to record) */
    change_diff(&c, settings_fields, N_SETTINGS_FIELDS, before, after);
    rc = change_finish(&c, &changes);
    if (rc)
        goto out;
    rc = audit_write(db, now, who, "update", "indicator", indicator_id, ind.mission_id,
                     "progress settings", changes);
    if (rc == ERR_OK)
        rc = progress_log_after(db, indicator_id, NULL, now, NULL);
    if (rc)
        goto out;
    rc = db_commit(db);
out:
    if (rc)
        db_rollback(db);
done:
    change_free(&c);
    arena_free(&scratch);
    return rc;
}
