/*
 * page_indicator.c — the indicator page (/indicators/{id}) and its data
 * downloads: Open SDG-style tidy CSV (data.csv) and the same records as JSON
 * (data.json), written by domain/export.c.
 *
 * The page's observation table has the columns of the CSV (obs_cols): Year
 * (here "Period"), then Series and Units only when some observation has one,
 * then the disaggregation fields in the indicator's declared order (plus any
 * field an observation carries that was not declared, so no value is hidden),
 * then Value, with the source and note of each observation.
 *
 * Never writes user text raw: everything goes through the escaping writer.
 */
#include <math.h>
#include <string.h>

#include "core/str.h"
#include "domain/export.h"
#include "domain/model.h"
#include "domain/tidycsv.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/route.h"
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

static enum err
load_observations(struct req *rq, struct indicator *ind, struct obs_cols *tc)
{
    struct observation *obs;
    int n_obs;
    enum err rc;

    rc = indicator_get(rq->db, rq->arena, req_int(rq, "id", 0), ind);
    if (rc)
        return rc;
    rc = indicator_observations(rq->db, rq->arena, ind->id, &obs, &n_obs);
    if (rc)
        return rc;
    obs_cols_build(rq->arena, ind, obs, n_obs, tc);
    return ERR_OK;
}

/* ------------------------------------------------------------ page helpers */

/* Text, in a <span lang=...> when it is in another language than the page. */
static void
text_lang(struct html *h, const char *text, const char *lang)
{
    if (lang == NULL)
        html_text(h, text);
    else
        html_elem_attr(h, "span", text, "lang", lang, NULL);
}

/* "28 g per pupil per lunch": a number in the page's format and the indicator's unit. */
static void
num_unit(struct req *rq, struct html *h, const struct indicator *ind, double v)
{
    const char *unit = L(rq, ind->unit_sv, ind->unit_en);

    html_text(h, fmt_num(rq, v, ind->decimals));
    if (!str_empty(unit)) {
        html_text(h, " ");
        text_lang(h, unit, L_lang(rq, ind->unit_en));
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
    text_lang(h, L(rq, obj->title_sv, obj->title_en), L_lang(rq, obj->title_en));
    html_close(h, "dd");

    if (!str_empty(L(rq, ind->unit_sv, ind->unit_en))) {
        fact_open(h, _("Unit"));
        text_lang(h, L(rq, ind->unit_sv, ind->unit_en), L_lang(rq, ind->unit_en));
        html_close(h, "dd");
    }
    fact_open(h, _("Desired direction"));
    html_text(h, label_direction(ind->direction));
    html_close(h, "dd");

    fact_open(h, _("Baseline"));
    if (ind->has_base) {
        num_unit(rq, h, ind, ind->base_value);
        html_printf(h, " (%d)", ind->base_year);
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
                           ind->source_url, NULL);
        else
            html_text(h, ind->source);
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
            html_text(h, ind->dimensions[i]);
        }
        html_close(h, "dd");
    }
    html_close(h, "dl");
}

static void
observation_table(struct req *rq, struct html *h, const struct indicator *ind,
                  const struct obs_cols *tc)
{
    const char *unit = L(rq, ind->unit_sv, ind->unit_en);
    const struct obs_row *r;
    int i, k;

    html_open(h, "section", "aria-labelledby", "obs-h", NULL);
    html_elem_attr(h, "h2", _("Observations"), "id", "obs-h", NULL);
    if (tc->n_rows == 0) {
        html_elem(h, "p", _("No observations have been recorded yet."));
        html_close(h, "section");
        return;
    }
    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", NULL);
    html_open(h, "caption", NULL);
    html_printf(h,
                ngettext("All %s observation of this indicator",
                         "All %s observations of this indicator", (unsigned long)tc->n_rows),
                fmt_num(rq, tc->n_rows, 0));
    html_close(h, "caption");
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Period"), "scope", "col", NULL);
    if (tc->has_series)
        html_elem_attr(h, "th", _("Series"), "scope", "col", NULL);
    if (tc->has_unit)
        html_elem_attr(h, "th", _("Unit"), "scope", "col", NULL);
    for (k = 0; k < tc->n_fields; k++)
        html_elem_attr(h, "th", tc->fields[k], "scope", "col", NULL);
    html_open(h, "th", "scope", "col", "class", "num", NULL);
    html_text(h, _("Value"));
    if (!tc->has_unit && !str_empty(unit)) {
        html_text(h, " (");
        text_lang(h, unit, L_lang(rq, ind->unit_en));
        html_text(h, ")");
    }
    html_close(h, "th");
    html_elem_attr(h, "th", _("Source"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Note"), "scope", "col", NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < tc->n_rows; i++) {
        r = &tc->rows[i];
        html_open(h, "tr", NULL);
        html_elem(h, "td", r->o->period);
        if (tc->has_series)
            html_elem(h, "td", r->o->series);
        if (tc->has_unit)
            html_elem(h, "td", r->o->unit);
        for (k = 0; k < tc->n_fields; k++)
            html_elem(h, "td", row_value(r, tc->fields[k]));
        html_elem_attr(h, "td", fmt_num(rq, r->o->value, ind->decimals), "class", "num", NULL);
        html_elem(h, "td", r->o->source);
        html_elem(h, "td", r->o->note);
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
    html_elem(h, "p",
              _("The files follow the Open SDG data format: one row per observation with the "
                "columns Year, Series and Units when used, one column per breakdown, and Value."));
    html_open(h, "ul", NULL);
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("Observations as CSV"), "href", url_indicator_data(rq, ind->id, "csv"),
                   "type", "text/csv", NULL);
    html_close(h, "li");
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("Observations as JSON"), "href",
                   url_indicator_data(rq, ind->id, "json"), "type", "application/json", NULL);
    html_close(h, "li");
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("This indicator in the JSON API"), "href",
                   url_api(rq, arena_printf(rq->arena, "/indicators/%lld", (long long)ind->id)),
                   "type", "application/json", NULL);
    html_close(h, "li");
    html_close(h, "ul");
    html_close(h, "section");
}

/* ------------------------------------------------------------ handlers */

enum err
page_indicator(struct req *rq)
{
    struct indicator ind;
    struct obs_cols tc;
    struct mission m;
    struct objective obj;
    struct html h;
    const char *title, *desc;
    enum err rc;

    rc = load_observations(rq, &ind, &tc);
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
    layout_begin(rq, &h, title);
    html_elem_attr(&h, "h1", title, "lang", L_lang(rq, ind.title_en), NULL);
    if (m.is_demo)
        layout_demo_note(rq, &h);
    desc = L(rq, ind.description_sv, ind.description_en);
    if (!str_empty(desc)) {
        html_open(&h, "div", "class", "description", "lang", L_lang(rq, ind.description_en), NULL);
        html_markdown(&h, desc);
        html_close(&h, "div");
    }
    facts(rq, &h, &ind, &m, &obj);
    observation_table(rq, &h, &ind, &tc);
    downloads(rq, &h, &ind);
    layout_end_for(rq, &h, "indicator", ind.id, 0, m.owner_name);
    return ERR_OK;
}

/* ------------------------------------------------------------ downloads */

/*
 * The files come from domain/export.c, the same writer as `samverka export`,
 * so the downloads and the CLI agree byte for byte and import reads them back.
 */
static enum err
download(struct req *rq, enum import_format fmt, const char *type, const char *ext)
{
    int64_t id = req_int(rq, "id", 0);
    enum err rc;

    rc = indicator_export(rq->db, rq->arena, id, fmt, &rq->resp.body);
    if (rc)
        return rc;
    rq->resp.content_type = type;
    rq->resp.content_disposition = arena_printf(rq->arena,
                                                "attachment; filename=\"indicator-%lld.%s\"; "
                                                "filename*=UTF-8''indicator-%lld.%s",
                                                (long long)id, ext, (long long)id, ext);
    return ERR_OK;
}

enum err
file_indicator_csv(struct req *rq)
{
    return download(rq, IMPORT_CSV, "text/csv; charset=utf-8", "csv");
}

enum err
file_indicator_json(struct req *rq)
{
    return download(rq, IMPORT_JSON, "application/json", "json");
}
