/*
 * page_indicator.c — the indicator page (/indicators/{id}) and its data
 * downloads: Open SDG-style tidy CSV (data.csv) and the same records as JSON
 * (data.json), written by domain/export.c.
 *
 * The page's observation table shows the first OBS_TABLE_MAX observations
 * with the columns of the CSV (obs_cols): Year (here "Period"), then Series and
 * Units only when some row shown has one, then the disaggregation fields in the
 * indicator's declared order (plus any field a row shown carries that was not
 * declared, so no value is hidden), then Value, with the source and note of
 * each observation. The progress section reads the headline rows only
 * (assess.c), so the page's work does not grow with the breakdowns.
 *
 * Never writes user text raw: everything goes through the escaping writer.
 */
#include <math.h>
#include <string.h>

#include "core/str.h"
#include "domain/assess.h"
#include "domain/export.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "domain/sdg.h"
#include "domain/tidycsv.h"
#include "web/commitview.h"
#include "web/downloads.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/progress_view.h"
#include "web/route.h"
#include "web/svg.h"
#include "web/url.h"

/* ------------------------------------------------------------ column model */

struct dpair {
    const char *field, *value;
};

struct obs_row {
    const struct observation *o;
    struct dpair *pairs;
    int n_pairs;
};

struct obs_cols {
    bool has_series, has_unit;
    const char **fields; /* disaggregation columns */
    int n_fields;
    struct obs_row *rows;
    int n_rows;
};

/* Split "A=x<US>B=y" into pairs (arena copies). A piece without '=' is a field with no value. */
static int
parse_disagg(struct arena *a, const char *s, struct dpair **out)
{
    struct dpair *arr;
    const char *p, *end, *eq;
    int n = 1, k = 0;

    *out = NULL;
    if (s == NULL || *s == '\0')
        return 0;
    for (p = s; *p; p++)
        if (*p == TIDY_DISAGG_SEP)
            n++;
    arr = arena_alloc(a, (size_t)n * sizeof(*arr));
    for (p = s; p != NULL;) {
        end = strchr(p, TIDY_DISAGG_SEP);
        if (end == NULL)
            end = p + strlen(p);
        eq = memchr(p, '=', (size_t)(end - p));
        if (end > p) {
            if (eq != NULL) {
                arr[k].field = arena_strndup(a, p, (size_t)(eq - p));
                arr[k].value = arena_strndup(a, eq + 1, (size_t)(end - eq - 1));
            } else {
                arr[k].field = arena_strndup(a, p, (size_t)(end - p));
                arr[k].value = "";
            }
            k++;
        }
        p = *end ? end + 1 : NULL;
    }
    *out = arr;
    return k;
}

static const char *
row_value(const struct obs_row *r, const char *field)
{
    int i;

    for (i = 0; i < r->n_pairs; i++)
        if (strcmp(r->pairs[i].field, field) == 0)
            return r->pairs[i].value;
    return "";
}

static bool
has_field(const char **fields, int n, const char *f)
{
    int i;

    for (i = 0; i < n; i++)
        if (strcmp(fields[i], f) == 0)
            return true;
    return false;
}

static void
obs_cols_build(struct arena *a, const struct indicator *ind, const struct observation *obs,
               int n_obs, struct obs_cols *tc)
{
    int i, k, cap;

    memset(tc, 0, sizeof(*tc));
    /* room for every declared field and every pair any observation names */
    cap = ind->n_dimensions;
    tc->rows = arena_alloc(a, (size_t)(n_obs > 0 ? n_obs : 1) * sizeof(*tc->rows));
    for (i = 0; i < n_obs; i++) {
        tc->rows[i].o = &obs[i];
        tc->rows[i].n_pairs = parse_disagg(a, obs[i].disagg, &tc->rows[i].pairs);
        cap += tc->rows[i].n_pairs;
        if (*obs[i].series)
            tc->has_series = true;
        if (*obs[i].unit)
            tc->has_unit = true;
    }
    tc->n_rows = n_obs;
    tc->fields = arena_alloc(a, (size_t)(cap > 0 ? cap : 1) * sizeof(*tc->fields));
    for (i = 0; i < ind->n_dimensions; i++)
        if (!has_field(tc->fields, tc->n_fields, ind->dimensions[i]))
            tc->fields[tc->n_fields++] = ind->dimensions[i];
    for (i = 0; i < n_obs; i++)
        for (k = 0; k < tc->rows[i].n_pairs; k++)
            if (!has_field(tc->fields, tc->n_fields, tc->rows[i].pairs[k].field))
                tc->fields[tc->n_fields++] = tc->rows[i].pairs[k].field;
}

/* The page's table shows at most this many observations (the headline series
 * first), and only these are read: a breakdown by municipality can have
 * millions, and those are read from the downloads. */
#define OBS_TABLE_MAX 500

/* The indicator and the first OBS_TABLE_MAX of its observations, in columns. */
static enum err
load_observations(struct req *rq, struct indicator *ind, struct obs_cols *tc)
{
    struct observation *obs;
    int n_obs;
    enum err rc;

    rc = indicator_get(rq->db, rq->arena, req_int(rq, "id", 0), ind);
    if (rc)
        return rc;
    rc = indicator_observations_first(rq->db, rq->arena, ind->id, OBS_TABLE_MAX, &obs, &n_obs);
    if (rc)
        return rc;
    obs_cols_build(rq->arena, ind, obs, n_obs, tc);
    return ERR_OK;
}

/* The page's "Method and inputs" shows the inputs and results of at most this
 * many series (an indicator may have up to ASSESS_MAX_SERIES); every series is
 * in the API resource, which the page links to. */
#define SERIES_TABLE_MAX 20

/* ------------------------------------------------------------ page helpers */

/* "28 g per pupil per lunch": a number in the page's format and the indicator's unit. */
static void
num_unit(struct req *rq, struct html *h, const struct indicator *ind, double v)
{
    const char *unit = L(rq, ind->unit_sv, ind->unit_en);

    html_text(h, fmt_num(rq, v, ind->decimals));
    if (!str_empty(unit)) {
        html_text(h, " ");
        html_text_lang(h, unit, L_lang(rq, ind->unit_en));
    }
}

/* "−50 %" / "+12.5 %": a signed percentage with as few decimals as it needs (at most 3). */
static char *
fmt_pct_change(struct req *rq, double pct)
{
    double a = fabs(pct), scaled;
    int d;

    for (d = 0; d < 3; d++) {
        scaled = a * pow(10, d);
        if (fabs(scaled - round(scaled)) < 1e-9)
            break;
    }
    return arena_printf(rq->arena, "%s%s\xc2\xa0%%", pct < 0 ? "\xe2\x88\x92" : "+",
                        fmt_num(rq, a, d));
}

static void
fact_open(struct html *h, const char *term)
{
    html_elem(h, "dt", term);
    html_open(h, "dd", NULL);
}

static void
facts(struct req *rq, struct html *h, const struct indicator *ind, const struct mission *m,
      const struct objective *obj)
{
    double target_abs;
    int i;

    html_open(h, "dl", "class", "facts", NULL);
    fact_open(h, _("Mission"));
    html_elem_attr(h, "a", L(rq, m->title_sv, m->title_en), "href", url_mission(rq, m->slug),
                   "lang", L_lang(rq, m->title_en), NULL);
    html_close(h, "dd");
    fact_open(h, _("Objective"));
    html_text_lang(h, L(rq, obj->title_sv, obj->title_en), L_lang(rq, obj->title_en));
    html_close(h, "dd");

    if (!str_empty(L(rq, ind->unit_sv, ind->unit_en))) {
        fact_open(h, _("Unit"));
        html_text_lang(h, L(rq, ind->unit_sv, ind->unit_en), L_lang(rq, ind->unit_en));
        html_close(h, "dd");
    }
    fact_open(h, _("Desired direction"));
    html_text(h, label_code(&code_direction, ind->direction));
    html_close(h, "dd");

    fact_open(h, _("Baseline"));
    if (ind->has_base) {
        num_unit(rq, h, ind, ind->base_value);
        html_text(h, " (");
        /* the base year's period as the data writes it ("2009-10"); the year when the data
         * has several periods in it (the base is the year's mean) or none */
        html_text(h, ind->base_period != NULL ? ind->base_period
                                              : arena_printf(rq->arena, "%d", ind->base_year));
        html_text(h, ")");
    } else {
        html_text(h, _("Not set"));
    }
    html_close(h, "dd");

    fact_open(h, _("Target"));
    if (!ind->has_target || str_eq(ind->target_kind, "none")) {
        html_text(h, _("No numeric target"));
    } else if (str_eq(ind->target_kind, "relative")) {
        html_printf(h, _("%s from the baseline"), fmt_pct_change(rq, ind->target_value));
        if (indicator_target_abs(ind, &target_abs)) {
            html_text(h, " (");
            num_unit(rq, h, ind, target_abs);
            html_text(h, ")");
        }
    } else {
        num_unit(rq, h, ind, ind->target_value);
    }
    html_close(h, "dd");

    if (ind->has_target && !str_eq(ind->target_kind, "none")) {
        fact_open(h, _("Target year"));
        if (ind->target_year > 0)
            html_printf(h, "%d", ind->target_year);
        else
            html_printf(h, _("%d (the mission's deadline)"), m->deadline_year);
        html_close(h, "dd");
    }

    if (ind->has_limit) {
        fact_open(h, _("Natural limit"));
        num_unit(rq, h, ind, ind->limit_value);
        html_close(h, "dd");
    }

    fact_open(h, _("Latest value"));
    if (ind->has_latest) {
        num_unit(rq, h, ind, ind->latest_value);
        html_text(h, " (");
        html_text(h, ind->latest_period ? ind->latest_period : "");
        html_text(h, ")");
    } else {
        html_text(h, _("No data yet"));
    }
    html_close(h, "dd");

    if (!str_empty(ind->source) || url_is_http(ind->source_url)) {
        fact_open(h, _("Source"));
        if (url_is_http(ind->source_url))
            html_elem_attr(h, "a", str_empty(ind->source) ? ind->source_url : ind->source, "href",
                           ind->source_url, "lang", sv_only(rq, ind->source), NULL);
        else
            html_text_lang(h, ind->source, sv_only(rq, ind->source));
        html_close(h, "dd");
    }

    fact_open(h, _("Number of observations"));
    html_text(h, fmt_num(rq, ind->n_observations, 0));
    html_close(h, "dd");

    if (ind->n_dimensions > 0) {
        fact_open(h, _("Broken down by"));
        for (i = 0; i < ind->n_dimensions; i++) {
            if (i > 0)
                html_text(h, ", ");
            html_text_lang(h, ind->dimensions[i], sv_only(rq, ind->dimensions[i]));
        }
        html_close(h, "dd");
    }
    html_close(h, "dl");
}

/* "Agenda 2030: 12.3.1 (a) Food loss index …": the SDG indicators this one is linked to, each
 * linking to its goal's page. The UN's titles are English only: marked so on a Swedish page
 * (WCAG 3.1.2). Nothing when there are none. */
static enum err
agenda2030(struct req *rq, struct html *h, int64_t indicator_id)
{
    struct sdg_indicator *xs;
    int n, i;
    enum err rc;

    rc = sdg_indicators_of(rq->db, rq->arena, indicator_id, &xs, &n);
    if (rc || n == 0)
        return rc;
    html_open(h, "p", "class", "agenda2030", NULL);
    html_elem(h, "strong", _("Agenda 2030:"));
    for (i = 0; i < n; i++) {
        html_text(h, i == 0 ? " " : "; ");
        html_elem_attr(h, "a", xs[i].code, "href", url_sdg_goal(rq, xs[i].goal), NULL);
        html_text(h, " ");
        html_text_lang(h, xs[i].title_en, en_only(rq));
    }
    html_close(h, "p");
    return ERR_OK;
}

/* Canonical "Name=Value" pairs joined by 0x1f (a disaggregation, attribute cells) for a
 * reader: sep between the pairs, eq between a name and its value (a value may hold '='). */
static const char *
pairs_text(struct req *rq, const char *pairs, const char *sep, const char *eq)
{
    size_t ls = strlen(sep), le = strlen(eq), grow = ls > le ? ls : le;
    char *out = arena_alloc(rq->arena, strlen(pairs) * (grow > 1 ? grow : 1) + 1), *w = out;
    bool in_name = true;

    for (; *pairs; pairs++) {
        if (*pairs == TIDY_DISAGG_SEP) {
            memcpy(w, sep, ls);
            w += ls;
            in_name = true;
        } else if (*pairs == '=' && in_name) {
            memcpy(w, eq, le);
            w += le;
            in_name = false;
        } else {
            *w++ = *pairs;
        }
    }
    *w = '\0';
    return out;
}

static void
observation_table(struct req *rq, struct html *h, const struct indicator *ind,
                  const struct obs_cols *tc)
{
    const char *unit = L(rq, ind->unit_sv, ind->unit_en), *v;
    const struct obs_row *r;
    /* the count is read with the indicator; the rows are the first of them */
    int i, k, shown = tc->n_rows,
              total = ind->n_observations > tc->n_rows ? ind->n_observations : tc->n_rows;
    bool has_attrs = false;

    /* Open SDG's attributes (observation status, unit multiplier ...) beside the value */
    for (i = 0; i < shown && !has_attrs; i++)
        has_attrs = !str_empty(tc->rows[i].o->attrs);

    html_open(h, "section", "aria-labelledby", "obs-h", NULL);
    html_elem_attr(h, "h2", _("Observations"), "id", "obs-h", NULL);
    if (total == 0) {
        html_elem(h, "p", _("No observations have been recorded yet."));
        html_close(h, "section");
        return;
    }
    /* the table scrolls sideways on a phone: a region the keyboard can reach and scroll */
    html_open(h, "div", "class", "tablewrap", "role", "region", "tabindex", "0", "aria-labelledby",
              "obs-h", NULL);
    html_open(h, "table", NULL);
    html_open(h, "caption", NULL);
    if (shown == total)
        html_printf(h,
                    ngettext("All %s observation of this indicator",
                             "All %s observations of this indicator", (unsigned long)total),
                    fmt_num(rq, total, 0));
    else
        html_printf(h, _("The first %s of %s observations; all are in the downloads below"),
                    fmt_num(rq, shown, 0), fmt_num(rq, total, 0));
    html_close(h, "caption");
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Period"), "scope", "col", NULL);
    if (tc->has_series)
        html_elem_attr(h, "th", _("Series"), "scope", "col", NULL);
    if (tc->has_unit)
        html_elem_attr(h, "th", _("Unit"), "scope", "col", NULL);
    /* the data's own words (series, units, breakdowns, sources, notes) are stored in one
     * language, Swedish: marked on an English page */
    for (k = 0; k < tc->n_fields; k++)
        html_elem_attr(h, "th", tc->fields[k], "scope", "col", "lang", sv_only(rq, tc->fields[k]),
                       NULL);
    html_open(h, "th", "scope", "col", "class", "num", NULL);
    html_text(h, _("Value"));
    if (!tc->has_unit && !str_empty(unit)) {
        html_text(h, " (");
        html_text_lang(h, unit, L_lang(rq, ind->unit_en));
        html_text(h, ")");
    }
    html_close(h, "th");
    if (has_attrs)
        html_elem_attr(h, "th", _("Attributes"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Source"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Note"), "scope", "col", NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < shown; i++) {
        r = &tc->rows[i];
        html_open(h, "tr", NULL);
        html_elem(h, "td", r->o->period);
        if (tc->has_series)
            html_elem_attr(h, "td", r->o->series, "lang", sv_only(rq, r->o->series), NULL);
        if (tc->has_unit)
            html_elem_attr(h, "td", r->o->unit, "lang", sv_only(rq, r->o->unit), NULL);
        for (k = 0; k < tc->n_fields; k++) {
            v = row_value(r, tc->fields[k]);
            html_elem_attr(h, "td", v, "lang", sv_only(rq, v), NULL);
        }
        html_elem_attr(h, "td", fmt_num(rq, r->o->value, ind->decimals), "class", "num", NULL);
        if (has_attrs) /* SDMX attributes: codes, in no one language */
            html_elem(h, "td", pairs_text(rq, r->o->attrs ? r->o->attrs : "", "; ", ": "));
        html_elem_attr(h, "td", r->o->source, "lang", sv_only(rq, r->o->source), NULL);
        html_elem_attr(h, "td", r->o->note, "lang", sv_only(rq, r->o->note), NULL);
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
    html_close(h, "section");
}

static void
downloads(struct req *rq, struct html *h, const struct indicator *ind)
{
    html_open(h, "section", "aria-labelledby", "dl-h", NULL);
    html_elem_attr(h, "h2", _("Download the data"), "id", "dl-h", NULL);
    html_elem(
        h, "p",
        _("The files follow the Open SDG data format: one row per observation with the "
          "columns Year, Series and Units when used, one column per breakdown, Source and Note "
          "when used (where each value comes from, and what to know about it), and Value."));
    html_elem(h, "p",
              _("The description says what each column of the CSV holds, the indicator's unit, "
                "source and licence, in a format that data tools read (Frictionless Data "
                "Package)."));
    html_open(h, "ul", NULL);
    data_download_items(rq, h, ind->id);
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("This indicator in the JSON API"), "href",
                   url_api_indicator(rq, ind->id), "type", "application/json", NULL);
    html_close(h, "li");
    html_close(h, "ul");
    html_close(h, "section");
}

/* ------------------------------------------------------------ handlers */

/* ------------------------------------------------------------ progress */

static void
opt_value(struct req *rq, struct html *h, const struct indicator *ind, bool has, double v)
{
    if (has)
        num_unit(rq, h, ind, v);
    else
        html_text(h, "–");
}

static void
method_row(struct html *h, const char *name, const char *value)
{
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", name, "scope", "row", NULL);
    html_elem_attr(h, "td", value, "class", "num", NULL);
    html_close(h, "tr");
}

/* The inputs and intermediate values, so a reader can redo the computation. */
static void
method_table(struct req *rq, struct html *h, const struct indicator *ind,
             const struct indicator_progress *ip, const struct series_progress *sp)
{
    const struct progress_result *r = &sp->r;
    const struct progress_config *c = &ip->cfg;
    int dec = ind->decimals + 2;

    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", NULL);
    html_open(h, "caption", NULL);
    if (*sp->series || *sp->unit)
        html_printf(h, _("Inputs and results for the series %s"),
                    arena_printf(rq->arena, "%s%s%s", sp->series,
                                 *sp->series && *sp->unit ? ", " : "", sp->unit));
    else
        html_text(h, _("Inputs and results"));
    html_close(h, "caption");
    html_open(h, "tbody", NULL);
    method_row(h, _("Desired direction"),
               label_code(&code_direction, progress_direction_code(c->direction)));
    method_row(h, _("Base year (t₀) and value (y₀)"),
               r->assessable ? arena_printf(rq->arena, "%s: %s", year_label(rq, sp, r->base_year),
                                            fmt_num(rq, r->base_value, dec))
                             : arena_printf(rq->arena, _("configured %d, no data from then on"),
                                            c->base_year));
    method_row(h, _("Latest year (tᵢ) and value (yᵢ)"),
               r->assessable
                   ? arena_printf(rq->arena, "%s: %s", year_label(rq, sp, r->current_year),
                                  fmt_num(rq, r->current_value, dec))
                   : "–");
    method_row(h, _("Target (T) and target year (t_T)"),
               r->has_target
                   ? arena_printf(rq->arena, "%s (%d)", fmt_num(rq, r->target, dec), c->target_year)
                   : arena_printf(rq->arena, _("none; judged on the growth rate alone (%d)"),
                                  c->target_year));
    if (c->has_limit)
        method_row(h, _("Natural limit (L) and scaling factor (C)"),
                   arena_printf(rq->arena, "%s; C = %s", fmt_num(rq, c->limit, dec),
                                fmt_num(rq, r->limit_factor, 4)));
    method_row(h, _("Method"),
               r->method == 2
                   ? _("2: the rate so far divided by the rate needed, R = s·d·CAGRᵢ / |CAGR_T|")
                   : _("1: the growth rate, P = s·d·CAGRᵢ"));
    method_row(h, _("Current annual rate (CAGRᵢ)"),
               fmt_rate(rq, r->has_rate_current, r->rate_current));
    method_row(h, _("Progress value (P or R)"),
               r->has_progress ? fmt_num(rq, r->progress, 4) : "–");
    method_row(
        h, _("Thresholds (high, moderate, low)"),
        c->has_thresholds
            ? arena_printf(rq->arena, "%s; %s; %s", fmt_num(rq, c->high, 4), fmt_num(rq, c->med, 4),
                           fmt_num(rq, c->low, 4))
            : (r->method == 2
                   ? arena_printf(rq->arena, "%s; %s; 0", fmt_num(rq, 0.95, 2), fmt_num(rq, 0.6, 2))
                   : arena_printf(rq->arena, "%s; %s; 0", fmt_num(rq, 0.015 * r->limit_factor, 4),
                                  fmt_num(rq, 0.005 * r->limit_factor, 4))));
    method_row(h, _("Score (−5 to 5)"), r->has_score ? fmt_num(rq, r->score, 2) : "–");
    method_row(h, _("Status"), label_progress(r->status));
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
}

/* The sentence for one setting that no longer fits the data, in the reader's language and
 * from the numbers (the domain's message is English). */
static char *
mismatch_text(struct req *rq, const struct indicator *ind, const struct indicator_progress *ip,
              const struct setting_mismatch *mm)
{
    const struct series_progress *sp = &ip->series[0];
    int first = sp->n_pts ? sp->pts[0].year : 0, last = sp->n_pts ? sp->pts[sp->n_pts - 1].year : 0;
    double target;

    if (strcmp(mm->setting, "unit") == 0)
        return arena_printf(rq->arena,
                            _("The unit is set to “%s”, but the data's Units column says “%s”."),
                            L(rq, ind->unit_sv, ind->unit_en), sp->unit);
    if (strcmp(mm->setting, "base_year") == 0) {
        if (ind->base_year > last)
            return arena_printf(rq->arena,
                                _("The base year is set to %d, after the latest year of data "
                                  "(%s)."),
                                ind->base_year, year_label(rq, sp, last));
        if (ind->base_year == last)
            return arena_printf(rq->arena,
                                _("The base year is set to %d, the latest year of data, which "
                                  "leaves one year: a trend needs two."),
                                ind->base_year);
        return arena_printf(rq->arena,
                            _("The base year is set to %d, before the first year of data (%s): "
                              "the assessment starts there."),
                            ind->base_year, year_label(rq, sp, first));
    }
    if (strcmp(mm->setting, "decimals") == 0)
        /* the value as published, as the table below shows it (not a year's mean) */
        return arena_printf(rq->arena,
                            ngettext("The values are shown with %d decimal, so %s shows as %s; "
                                     "they need %d.",
                                     "The values are shown with %d decimals, so %s shows as %s; "
                                     "they need %d.",
                                     (unsigned long)ind->decimals),
                            ind->decimals, fmt_num(rq, mm->value, mm->need),
                            fmt_num(rq, mm->value, ind->decimals), mm->need);
    if (strcmp(mm->setting, "target") == 0 && indicator_target_abs(ind, &target) &&
        sp->r.assessable)
        return arena_printf(rq->arena,
                            _("The target (%s) is already met by the base value (%s in %s) "
                              "although %s: “Target achieved” would say nothing about the "
                              "trend."),
                            fmt_num(rq, target, ind->decimals),
                            fmt_num(rq, sp->r.base_value, ind->decimals),
                            year_label(rq, sp, sp->r.base_year),
                            ip->cfg.direction > 0 ? _("higher is better") : _("lower is better"));
    return NULL;
}

/* The settings that no longer fit the data, and, when one of them would decide the status,
 * the assessment without it (the page states no status from such a setting). */
static void
mismatches(struct req *rq, struct html *h, const struct indicator *ind,
           const struct indicator_progress *ip)
{
    const char *t;
    int k, n = 0;

    if (ip->n_mismatch == 0 || ip->n_series == 0)
        return;
    for (k = 0; k < ip->n_mismatch && k < ASSESS_MAX_MISMATCHES; k++) {
        /* the reason line says already what decides the status */
        if ((ip->contradicted_base && strcmp(ip->mismatch[k].setting, "base_year") == 0) ||
            (ip->contradicted_target && strcmp(ip->mismatch[k].setting, "target") == 0))
            continue;
        t = mismatch_text(rq, ind, ip, &ip->mismatch[k]);
        if (t == NULL)
            continue;
        if (n++ == 0) {
            html_open(h, "div", "class", "notice", "role", "note", NULL);
            html_elem(h, "p", _("Settings that no longer fit the data:"));
            html_open(h, "ul", NULL);
        }
        html_elem(h, "li", t);
    }
    if (n > 0) {
        html_close(h, "ul");
        html_close(h, "div");
    }
    if (!ip->contradicted)
        return;
    html_open(h, "p", NULL);
    html_text(h, ip->contradicted_base ? _("Without that base year, from the first year of data:")
                                       : _("Without that target:"));
    html_text(h, " ");
    view_status(rq, h, ip->without_status);
    if (ip->without_has_score) {
        html_text(h, " · ");
        html_printf(h, _("score %s"), fmt_score(rq, ip->without_score));
    }
    if (ip->n_series == 1 && ip->without != NULL) {
        t = series_reason(rq, &ip->series[0], &ip->without[0], 0);
        if (t != NULL) {
            html_text(h, ". ");
            html_text(h, t);
        }
    }
    html_close(h, "p");
}

/* The projections to the target year, the year the target is reached and the rates, for
 * a series with a trend. */
static void
forecast(struct req *rq, struct html *h, const struct indicator *ind,
         const struct indicator_progress *ip, const struct series_progress *sp)
{
    const struct progress_result *r = &sp->r;

    html_elem(h, "h3", arena_printf(rq->arena, _("Projection to %d"), ip->cfg.target_year));
    html_open(h, "dl", "class", "facts", NULL);
    html_elem(h, "dt", _("At the current annual rate"));
    html_open(h, "dd", NULL);
    opt_value(rq, h, ind, r->has_projection_cagr, r->projection_cagr);
    html_close(h, "dd");
    html_elem(h, "dt", _("Along the trend line of all observations"));
    html_open(h, "dd", NULL);
    opt_value(rq, h, ind, r->has_projection_ols, r->projection_ols);
    html_close(h, "dd");
    if (r->has_target) {
        html_elem(h, "dt", _("Year the target is reached at the current pace"));
        html_open(h, "dd", NULL);
        if (r->target_achieved)
            html_text(h, _("already reached"));
        else if (r->has_year_reached)
            html_printf(h, "%d", r->year_reached);
        else if (r->has_rate_current && r->rate_current * ip->cfg.direction <= 0)
            html_text(h, _("never: the values move away from the target"));
        else
            html_text(h, _("not within a hundred years"));
        html_close(h, "dd");
        /* a reached target needs no rate; one beyond the bounds cannot be reached */
        if (!r->target_achieved) {
            html_elem(h, "dt", _("Annual rate needed from now"));
            if ((sp->has_upper && r->target > sp->upper) ||
                (sp->has_lower && r->target < sp->lower))
                html_elem(h, "dd",
                          _("none: the target lies beyond the values the indicator "
                            "can take"));
            else
                html_elem(h, "dd", fmt_rate(rq, r->has_rate_needed, r->rate_needed));
        }
    }
    html_elem(h, "dt", _("Annual rate so far"));
    html_elem(h, "dd", fmt_rate(rq, r->has_rate_current, r->rate_current));
    html_close(h, "dl");
}

static void
progress_section(struct req *rq, struct html *h, const struct indicator *ind,
                 const struct indicator_progress *ip)
{
    const struct series_progress *sp;
    const struct progress_result *r;
    struct chart c;
    struct chart_point *pts;
    const char *reason, *hl = ip->headline ? ip->headline : "";
    int i, k;

    html_open(h, "section", "aria-labelledby", "prog-h", NULL);
    html_elem_attr(h, "h2", _("Progress towards the target"), "id", "prog-h", NULL);
    html_open(h, "p", "class", "lead", NULL);
    view_status(rq, h, ip->status);
    if (ip->has_score) {
        html_text(h, " · ");
        html_printf(h, _("score %s"), fmt_score(rq, ip->score));
    }
    html_close(h, "p");
    if (*hl != '\0') {
        const char *fmt = _("Shown: %s"), *at = strstr(fmt, "%s");
        const char *pairs = pairs_text(rq, hl, ", ", "=");

        html_open(h, "p", NULL);
        /* the breakdown's own words are stored in Swedish only: marked on an English page */
        html_textn(h, fmt, at != NULL ? (size_t)(at - fmt) : strlen(fmt));
        if (at == NULL)
            html_text(h, " ");
        html_text_lang(h, pairs, sv_only(rq, pairs));
        html_text(h, at != NULL ? at + 2 : "");
        html_text(h, " ");
        html_text(h, ip->headline_chosen ? _("(chosen for this indicator)")
                                         : _("(there is no total series)"));
        html_close(h, "p");
    }
    reason = progress_reason(rq, ip);
    if (reason != NULL)
        html_elem(h, "p", reason);
    mismatches(rq, h, ind, ip);
    if (ip->n_series == 0) {
        html_close(h, "section");
        return;
    }
    sp = &ip->series[0];
    r = &sp->r;

    /* the chart, with the observation table below as its text alternative */
    /* every period as published, in order: the k-th of a year's periods at year + k/m, m
     * the most periods any year of the series has (docs/progress.md) */
    pts = arena_alloc(rq->arena, (size_t)(sp->n_raw > 0 ? sp->n_raw : 1) * sizeof(*pts));
    for (i = 0, k = 0; i < sp->n_raw; i++) {
        k = i > 0 && sp->raw[i].year == sp->raw[i - 1].year ? k + 1 : 0;
        pts[i].year = sp->raw[i].year + (double)k / (sp->max_periods > 0 ? sp->max_periods : 1);
        pts[i].value = sp->raw[i].value;
    }
    memset(&c, 0, sizeof(c));
    c.id = "ind-chart";
    c.title = arena_printf(rq->arena, _("%s: observations, path to the target and projection"),
                           L(rq, ind->title_sv, ind->title_en));
    c.unit = L(rq, ind->unit_sv, ind->unit_en);
    c.decimals = ind->decimals;
    c.obs = pts;
    c.n_obs = sp->n_raw;
    c.has_lower = sp->has_lower;
    c.lower = sp->lower;
    c.has_upper = sp->has_upper;
    c.upper = sp->upper;
    if (r->assessable) {
        c.has_base = true;
        c.base.year = r->base_year;
        c.base.value = r->base_value;
    }
    if (r->has_target) {
        c.has_target = true;
        c.target.year = ip->cfg.target_year;
        c.target.value = r->target;
    }
    if (r->has_projection_cagr || r->has_projection_ols) {
        c.has_projection = true;
        c.projection.year = ip->cfg.target_year;
        c.projection.value = r->has_projection_cagr ? r->projection_cagr : r->projection_ols;
    }
    c.desc = arena_printf(rq->arena,
                          _("%d observations from %s to %s. The table of observations below has "
                            "every value."),
                          sp->n_raw, sp->n_raw ? sp->raw[0].label : "",
                          sp->n_raw ? sp->raw[sp->n_raw - 1].label : "");
    if (sp->n_raw > 0)
        svg_chart(rq, h, &c);

    /* no trend, no forecast: the reason above says why */
    if (r->assessable && r->current_year > r->base_year)
        forecast(rq, h, ind, ip, sp);

    html_open(h, "details", NULL);
    html_elem(h, "summary", _("Method and inputs"));
    html_elem(
        h, "p",
        _("The rate-ratio method of Eurostat, Statistics Canada and Open SDG compares the "
          "compound annual growth rate since the base year (CAGRᵢ) with the rate needed to "
          "reach the target in the target year (CAGR_T). With a target, R ≥ 0.95 is on track, "
          "0.60–0.95 needs acceleration, 0–0.60 is limited progress and below 0 is "
          "deterioration; without one, the growth rate itself is judged (1.5 and 0.5 per cent a "
          "year). Only the base and latest values count; values in between are shown but "
          "do not change the result. The score runs from −5 to 5 and the indicator's score "
          "is the mean over its series."));
    for (k = 0; k < ip->n_series && k < SERIES_TABLE_MAX; k++)
        method_table(rq, h, ind, ip, &ip->series[k]);
    if (ip->n_series > SERIES_TABLE_MAX) {
        html_open(h, "p", NULL);
        html_printf(h,
                    _("The inputs and results of the first %s of %s series are shown here; "
                      "those of every series are in the JSON API:"),
                    fmt_num(rq, SERIES_TABLE_MAX, 0), fmt_num(rq, ip->n_series, 0));
        html_text(h, " ");
        html_elem_attr(h, "a", _("This indicator in the JSON API"), "href",
                       url_api_indicator(rq, ind->id), "type", "application/json", NULL);
        html_close(h, "p");
    }
    html_close(h, "details");
    html_close(h, "section");
}

enum err
page_indicator(struct req *rq)
{
    struct indicator ind;
    struct indicator_progress ip;
    struct obs_cols tc;
    struct mission m;
    struct objective obj;
    struct html h;
    const char *title, *desc;
    enum err rc;

    rc = load_observations(rq, &ind, &tc);
    if (rc)
        return rc;
    req_shows_mission(rq, ind.mission_id);
    rc = indicator_progress_load(rq->db, rq->arena, &ind, &ip);
    if (rc)
        return rc;
    rc = mission_get_id(rq->db, rq->arena, ind.mission_id, &m);
    if (rc)
        return rc;
    rc = objective_get(rq->db, rq->arena, ind.objective_id, &obj);
    if (rc)
        return rc;

    title = L(rq, ind.title_sv, ind.title_en);
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin_described(rq, &h, title, url_indicator_datapackage(rq, ind.id));
    html_elem_attr(&h, "h1", title, "lang", L_lang(rq, ind.title_en), NULL);
    if (ind.archived_at != 0)
        html_elem_attr(&h, "p",
                       _("Archived: this indicator has left its mission's goal tree and the "
                         "lists. Its page and data stay; nothing is deleted."),
                       "class", "notice", "role", "status", NULL);
    if (m.is_demo)
        layout_demo_note(rq, &h);
    data_offer(rq, &h, &ind); /* page_data.c: for who may write the data */
    desc = L(rq, ind.description_sv, ind.description_en);
    if (!str_empty(desc)) {
        html_open(&h, "div", "class", "description", "lang", L_lang(rq, ind.description_en), NULL);
        html_markdown(&h, desc);
        html_close(&h, "div");
    }
    facts(rq, &h, &ind, &m, &obj);
    rc = agenda2030(rq, &h, ind.id);
    if (rc)
        return rc;
    progress_section(rq, &h, &ind, &ip);
    rc = commitment_indicator_section(rq, &h, &ind, &m);
    if (rc)
        return rc;
    observation_table(rq, &h, &ind, &tc);
    downloads(rq, &h, &ind);
    return layout_end_for(rq, &h, "indicator", ind.id, 0, m.owner_name);
}

/* ------------------------------------------------------------ downloads */

/* A download shows its indicator's mission's content alone (RF_ONE_MISSION). */
enum err
shows_mission_of(struct req *rq, int64_t indicator_id)
{
    struct indicator ind;
    enum err rc;

    rc = indicator_get(rq->db, rq->arena, indicator_id, &ind);
    if (rc == ERR_OK)
        req_shows_mission(rq, ind.mission_id);
    return rc;
}

/*
 * The files come from domain/export.c, the same writer as `samverka export`,
 * so the downloads and the CLI agree byte for byte and import reads them back.
 */
static enum err
download(struct req *rq, enum import_format fmt, const char *type, const char *ext)
{
    int64_t id = req_int(rq, "id", 0);
    enum err rc;

    rc = shows_mission_of(rq, id);
    if (rc)
        return rc;
    rc = indicator_export(rq->db, rq->arena, id, fmt, &rq->resp.body);
    if (rc)
        return rc;
    rq->resp.content_type = type;
    /* the CSV's description, where CSVW and Frictionless look for one (RFC 8288) */
    if (fmt == IMPORT_CSV) {
        rc = resp_header(rq, "Link",
                         arena_printf(rq->arena,
                                      "<%s>; rel=\"describedby\"; type=\"application/json\"",
                                      url_indicator_datapackage(rq, id)));
        if (rc)
            return rc;
    }
    return resp_header(rq, "Content-Disposition",
                       arena_printf(rq->arena,
                                    "attachment; filename=\"indicator-%lld.%s\"; "
                                    "filename*=UTF-8''indicator-%lld.%s",
                                    (long long)id, ext, (long long)id, ext));
}

enum err
file_indicator_csv(struct req *rq)
{
    return download(rq, IMPORT_CSV, "text/csv; charset=utf-8", "csv");
}

enum err
file_indicator_json(struct req *rq)
{
    return download(rq, IMPORT_JSON, "application/json; charset=utf-8", "json");
}
