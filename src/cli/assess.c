/*
 * assess.c — `samverka assess FILE.csv`: the progress engine on an Open
 * SDG-style CSV, without a server or database. Prints JSON.
 *
 * Rows are filtered as sdg-build does (PROGRESS.md A.2 4.2): on unit, then on
 * series, then on each --disaggregation FIELD=VALUE; without any
 * disaggregation given, only headline rows (every disaggregation cell empty)
 * count. The rows left are grouped by (series, unit, disaggregation); each
 * group is one series to assess, and the indicator's status is the mean of
 * their scores. Two values for one year in one group are an error, reported
 * with both lines, never a silent pick.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/str.h"
#include "domain/assess.h"
#include "domain/progress.h"
#include "domain/tidycsv.h"

#define MAX_FILTERS 16
#define MAX_GROUPS  4096

struct group {
    char *series, *unit, *disagg;
    struct progress_point *pts;
    long *lines;
    int n, cap;
};

struct assess {
    const char *series, *unit;
    const char *filters[MAX_FILTERS]; /* "Field=Value" */
    int n_filters;
    struct group *groups;
    int n_groups, cap_groups;
    const char *file; /* for the notices */
};

static void
usage(FILE *f)
{
    fputs("usage: samverka assess FILE.csv [--target N | --target-change PERCENT]\n"
          "       [--target-year Y] [--base-year Y] [--direction increase|decrease]\n"
          "       [--limit L] [--series S] [--unit U] [--disaggregation FIELD=VALUE ...]\n\n"
          "Assess progress towards a target with the rate-ratio method of Open SDG /\n"
          "Statistics Canada / Eurostat (docs/progress.md) and print JSON.\n"
          "FILE.csv is Open SDG-style tidy CSV: Year, optional Series and Units,\n"
          "disaggregation columns, optional Progress, Value. \"-\" reads standard input.\n\n"
          "Defaults as in Open SDG: base year 2015, target year 2030, direction\n"
          "decrease (a decrease is desirable), no target (then the growth rate alone is\n"
          "judged). --target-change -50 means a target 50 % below the base value.\n"
          "Without --disaggregation only headline rows (all disaggregation cells empty)\n"
          "are assessed.\n",
          f);
}

/* Does the row's disaggregation contain FIELD=VALUE as a whole pair? */
static bool
has_pair(const char *disagg, const char *pair)
{
    size_t n = strlen(pair);
    const char *p = disagg;

    while ((p = strstr(p, pair)) != NULL) {
        if ((p == disagg || p[-1] == TIDY_DISAGG_SEP) && (p[n] == '\0' || p[n] == TIDY_DISAGG_SEP))
            return true;
        p += n;
    }
    return false;
}

static char *
xstrdup(const char *s)
{
    char *p = strdup(s);

    if (p == NULL) {
        fputs("samverka assess: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static enum err
on_row(void *ctx, const struct tidy_header *h, const struct tidy_row *r, struct tidy_error *e)
{
    struct assess *a = ctx;
    struct group *g = NULL;
    double value;
    bool has_value;
    int i;

    if (a->unit != NULL && strcmp(r->unit, a->unit) != 0)
        return ERR_OK;
    if (a->series != NULL && strcmp(r->series, a->series) != 0)
        return ERR_OK;
    if (a->n_filters == 0 && *r->disagg != '\0')
        return ERR_OK;
    for (i = 0; i < a->n_filters; i++)
        if (!has_pair(r->disagg, a->filters[i]))
            return ERR_OK;
    /* Open SDG assesses the Progress column when a file has one, else Value */
    has_value = h->progress_col >= 0 ? r->has_progress : r->has_value;
    value = h->progress_col >= 0 ? r->progress : r->value;
    if (!has_value)
        return ERR_OK; /* a missing value is ignored (PROGRESS.md A.2 4.2 step 3) */
    for (i = 0; i < a->n_groups; i++) {
        if (strcmp(a->groups[i].series, r->series) == 0 &&
            strcmp(a->groups[i].unit, r->unit) == 0 &&
            strcmp(a->groups[i].disagg, r->disagg) == 0) {
            g = &a->groups[i];
            break;
        }
    }
    if (g == NULL) {
        if (a->n_groups >= MAX_GROUPS) {
            snprintf(e->msg, sizeof(e->msg), "more than %d series", MAX_GROUPS);
            return ERR_LIMIT;
        }
        if (a->n_groups == a->cap_groups) {
            a->cap_groups = a->cap_groups ? a->cap_groups * 2 : 8;
            a->groups = realloc(a->groups, (size_t)a->cap_groups * sizeof(*a->groups));
            if (a->groups == NULL)
                return ERR_LIMIT;
        }
        g = &a->groups[a->n_groups++];
        memset(g, 0, sizeof(*g));
        g->series = xstrdup(r->series);
        g->unit = xstrdup(r->unit);
        g->disagg = xstrdup(r->disagg);
    }
    for (i = 0; i < g->n; i++)
        if (g->pts[i].year == r->year) {
            e->column = h->year_col + 1;
            snprintf(e->msg, sizeof(e->msg),
                     "a second value for %d in one series (first on line %ld)", r->year,
                     g->lines[i]);
            return ERR_INVALID;
        }
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 16;
        g->pts = realloc(g->pts, (size_t)g->cap * sizeof(*g->pts));
        g->lines = realloc(g->lines, (size_t)g->cap * sizeof(*g->lines));
        if (g->pts == NULL || g->lines == NULL)
            return ERR_LIMIT;
    }
    g->pts[g->n].year = r->year;
    g->pts[g->n].value = value;
    g->lines[g->n] = r->line;
    g->n++;
    return ERR_OK;
}

/* What the reader accepted but a user should know (columns ignored, Swedish Excel's
 * dialect): on standard error as FILE:LINE:, the JSON on standard output unchanged. */
static void
on_notice(void *ctx, long line, int column, const char *msg)
{
    const struct assess *a = ctx;

    (void)column;
    fprintf(stderr, "%s:%ld: %s\n", a->file, line, msg);
}

static void
write_key(struct buf *b, const struct group *g)
{
    const char *p;

    if (*g->series)
        buf_printf(b, "Series=%s", g->series);
    if (*g->unit)
        buf_printf(b, "%sUnits=%s", b->len ? ";" : "", g->unit);
    if (*g->disagg) {
        if (b->len)
            buf_addc(b, ';');
        for (p = g->disagg; *p; p++)
            buf_addc(b, *p == TIDY_DISAGG_SEP ? ';' : *p);
    }
    if (b->len == 0)
        buf_adds(b, "headline");
}

static void
write_series(struct json *j, const struct group *g, const struct progress_result *r,
             const struct progress_config *c)
{
    struct buf key;
    const char *p, *eq, *end;

    buf_init(&key, 0);
    write_key(&key, g);
    json_obj_open(j);
    json_kstr(j, "key", key.data);
    buf_free(&key);
    json_kstr(j, "series", g->series);
    json_kstr(j, "unit", g->unit);
    json_key(j, "disaggregation");
    json_obj_open(j);
    for (p = g->disagg; *p; p = *end ? end + 1 : end) {
        end = strchr(p, TIDY_DISAGG_SEP);
        if (end == NULL)
            end = p + strlen(p);
        eq = memchr(p, '=', (size_t)(end - p));
        if (eq == NULL)
            break;
        char *k = strndup(p, (size_t)(eq - p)), *v = strndup(eq + 1, (size_t)(end - eq - 1));
        json_kstr(j, k, v);
        free(k);
        free(v);
    }
    json_obj_close(j);
    json_kint(j, "observations", g->n);
    progress_json_members(j, r, c->target_year);
    json_obj_close(j);
}

static bool
arg_num(const char *flag, const char *v, double *out)
{
    /* the bound of the data's own values (tidycsv.h): a projection from them stays finite */
    if (v == NULL || str_to_double(v, out) != ERR_OK || fabs(*out) > TIDY_MAX_ABS) {
        fprintf(stderr, "samverka assess: %s needs a number from -1e15 to 1e15\n", flag);
        return false;
    }
    return true;
}

static bool
arg_year(const char *flag, const char *v, int *out)
{
    int64_t y;

    if (v == NULL || str_to_i64(v, &y) != ERR_OK || y < 1000 || y > 9999) {
        fprintf(stderr, "samverka assess: %s needs a four-digit year\n", flag);
        return false;
    }
    *out = (int)y;
    return true;
}

int
cmd_assess(int argc, char **argv)
{
    struct assess a;
    struct progress_config c;
    struct progress_result *res;
    struct tidy_error te;
    struct json j;
    struct buf out;
    const char *file = NULL, *v;
    enum progress_status st;
    bool has_score, have_target = false;
    double score;
    int i, rc = 0;
    enum err e;

    memset(&a, 0, sizeof(a));
    progress_config_default(&c);
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    for (i = 0; i < argc; i++) {
        v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--target") == 0 || strcmp(argv[i], "--target-change") == 0) {
            if (have_target) {
                fputs("samverka assess: give --target or --target-change, once\n", stderr);
                return 2;
            }
            have_target = true;
            if (strcmp(argv[i], "--target") == 0) {
                c.has_target = arg_num(argv[i], v, &c.target);
                if (!c.has_target)
                    return 2;
            } else {
                c.target_relative = arg_num(argv[i], v, &c.target_change);
                if (!c.target_relative)
                    return 2;
            }
            i++;
        } else if (strcmp(argv[i], "--target-year") == 0) {
            if (!arg_year(argv[i], v, &c.target_year))
                return 2;
            i++;
        } else if (strcmp(argv[i], "--base-year") == 0) {
            if (!arg_year(argv[i], v, &c.base_year))
                return 2;
            i++;
        } else if (strcmp(argv[i], "--direction") == 0) {
            c.direction = progress_direction_of(v);
            if (c.direction == 0) {
                fputs("samverka assess: --direction is increase or decrease\n", stderr);
                return 2;
            }
            i++;
        } else if (strcmp(argv[i], "--limit") == 0) {
            if (!(c.has_limit = arg_num(argv[i], v, &c.limit)))
                return 2;
            i++;
        } else if (strcmp(argv[i], "--series") == 0 || strcmp(argv[i], "--unit") == 0) {
            if (v == NULL) {
                fprintf(stderr, "samverka assess: %s needs a value\n", argv[i]);
                return 2;
            }
            if (strcmp(argv[i], "--series") == 0)
                a.series = v;
            else
                a.unit = v;
            i++;
        } else if (strcmp(argv[i], "--disaggregation") == 0) {
            if (v == NULL || strchr(v, '=') == NULL || v[0] == '=' || a.n_filters >= MAX_FILTERS) {
                fputs("samverka assess: --disaggregation takes FIELD=VALUE (up to 16)\n", stderr);
                return 2;
            }
            a.filters[a.n_filters++] = v;
            i++;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "samverka assess: unknown option \"%s\" (see --help)\n", argv[i]);
            return 2;
        } else if (file == NULL) {
            file = argv[i];
        } else {
            fprintf(stderr, "samverka assess: only one file, got \"%s\" too\n", argv[i]);
            return 2;
        }
    }
    if (file == NULL) {
        usage(stderr);
        return 2;
    }
    if (c.target_year <= c.base_year) {
        fputs("samverka assess: --target-year must be after --base-year\n", stderr);
        return 2;
    }
    a.file = file;
    e = tidy_read_file(file, NULL, on_row, on_notice, &a, 0, &te);
    if (e) {
        if (te.line > 0 && te.column > 0)
            fprintf(stderr, "%s:%ld:%d: %s\n", file, te.line, te.column, te.msg);
        else if (te.line > 0)
            fprintf(stderr, "%s:%ld: %s\n", file, te.line, te.msg);
        else
            fprintf(stderr, "%s: %s\n", file, te.msg[0] ? te.msg : err_str(e));
        rc = 1;
        goto out;
    }
    res = calloc((size_t)(a.n_groups ? a.n_groups : 1), sizeof(*res));
    if (res == NULL) {
        rc = 1;
        goto out;
    }
    for (i = 0; i < a.n_groups; i++)
        progress_assess(a.groups[i].pts, a.groups[i].n, &c, &res[i]);
    progress_combine(res, a.n_groups, &st, &has_score, &score);

    buf_init(&out, 0);
    json_init(&j, &out);
    json_obj_open(&j);
    json_kstr(&j, "status", progress_status_name(st));
    json_kdbl_or_null(&j, "score", has_score, score);
    json_key(&j, "config");
    progress_json_config(&j, &c);
    json_key(&j, "series");
    json_arr_open(&j);
    for (i = 0; i < a.n_groups; i++)
        write_series(&j, &a.groups[i], &res[i], &c);
    json_arr_close(&j);
    json_obj_close(&j);
    if (json_finish(&j) != ERR_OK) {
        fputs("samverka assess: the result could not be written as JSON\n", stderr);
        rc = 1;
    } else {
        fwrite(out.data, 1, out.len, stdout);
        fputc('\n', stdout);
    }
    buf_free(&out);
    free(res);
out:
    for (i = 0; i < a.n_groups; i++) {
        free(a.groups[i].series);
        free(a.groups[i].unit);
        free(a.groups[i].disagg);
        free(a.groups[i].pts);
        free(a.groups[i].lines);
    }
    free(a.groups);
    return rc;
}
