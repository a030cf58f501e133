/*
 * page_indicator.c — the indicator page (/indicators/{id}) and its data
 * downloads: Open SDG-style tidy CSV (data.csv) and the same records as JSON
 * (data.json).
 *
 * The three share one column model (tidy_cols): Year, then Series and Units
 * only when some observation has one, then the disaggregation fields in the
 * indicator's declared order (plus any field an observation carries that was
 * not declared, so no value is ever dropped), then Value.
 *
 * Never writes user text raw: HTML through the escaping writer, JSON through
 * json.h, CSV through csv_cell (RFC 4180 quoting, formulas neutralised).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/model.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/json.h"
#include "web/layout.h"
#include "web/route.h"
#include "web/url.h"

#define DISAGG_SEP '\x1f' /* between "Field=Value" pairs in observation.disagg */

/* ------------------------------------------------------------ column model */

struct dpair {
    const char *field, *value;
};

struct tidy_row {
    const struct observation *o;
    struct dpair *pairs;
    int n_pairs;
};

struct tidy_cols {
    bool has_series, has_unit;
    const char **fields; /* disaggregation columns */
    int n_fields;
    struct tidy_row *rows;
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
        if (*p == DISAGG_SEP)
            n++;
    arr = arena_alloc(a, (size_t)n * sizeof(*arr));
    for (p = s; p != NULL;) {
        end = strchr(p, DISAGG_SEP);
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
row_value(const struct tidy_row *r, const char *field)
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
tidy_build(struct arena *a, const struct indicator *ind, const struct observation *obs, int n_obs,
           struct tidy_cols *tc)
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
load_tidy(struct req *rq, struct indicator *ind, struct tidy_cols *tc)
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
    tidy_build(rq->arena, ind, obs, n_obs, tc);
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
                  const struct tidy_cols *tc)
{
    const char *unit = L(rq, ind->unit_sv, ind->unit_en);
    const struct tidy_row *r;
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
    struct tidy_cols tc;
    struct mission m;
    struct objective obj;
    struct html h;
    const char *title, *desc;
    enum err rc;

    rc = load_tidy(rq, &ind, &tc);
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
 * The shortest decimal text that reads back as exactly v, as json_dbl finds
 * it, except that whole numbers never come out in exponent form: "%.1g" of 60
 * round-trips as "6e+01", which is valid but reads badly in a spreadsheet.
 */
static void
fmt_shortest(char *out, size_t n, double v)
{
    int prec, digits;

    if (!isfinite(v)) {
        out[0] = '\0';
        return;
    }
    for (prec = 1; prec <= 17; prec++) {
        snprintf(out, n, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            break;
    }
    if (strchr(out, 'e') != NULL && fabs(v) >= 1 && fabs(v) < 1e17) {
        digits = (int)floor(log10(fabs(v))) + 1;
        if (digits > prec)
            snprintf(out, n, "%.*g", digits, v);
    }
}

/* A whole number as an integer (json_dbl would write 60 as 6e+01), anything else as json_dbl. */
static void
json_kvalue(struct json *j, const char *k, double v)
{
    if (isfinite(v) && v == floor(v) && fabs(v) < 9007199254740992.0) /* 2^53 */
        json_kint(j, k, (int64_t)v);
    else
        json_kdbl(j, k, v);
}

/*
 * One CSV field (RFC 4180): quoted when it holds , " CR or LF, quotes doubled.
 * Text cells that a spreadsheet would run as a formula (= + - @ TAB CR first)
 * get a leading apostrophe, so "=1+1" opens as the text '=1+1 (OWASP).
 */
static void
csv_cell(struct buf *b, const char *s, bool is_text)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    const char *p;

    if (quote)
        buf_addc(b, '"');
    if (is_text && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r'))
        buf_addc(b, '\'');
    for (p = s; *p; p++) {
        if (*p == '"')
            buf_addc(b, '"');
        buf_addc(b, *p);
    }
    if (quote)
        buf_addc(b, '"');
}

static void
set_download(struct req *rq, const struct indicator *ind, const char *type, const char *ext)
{
    rq->resp.content_type = type;
    rq->resp.content_disposition = arena_printf(rq->arena,
                                                "attachment; filename=\"indicator-%lld.%s\"; "
                                                "filename*=UTF-8''indicator-%lld.%s",
                                                (long long)ind->id, ext, (long long)ind->id, ext);
}

enum err
file_indicator_csv(struct req *rq)
{
    struct indicator ind;
    struct tidy_cols tc;
    struct buf *b = &rq->resp.body;
    const struct tidy_row *r;
    char num[40];
    enum err rc;
    int i, k;

    rc = load_tidy(rq, &ind, &tc);
    if (rc)
        return rc;
    set_download(rq, &ind, "text/csv; charset=utf-8", "csv");

    /* header: fixed names, then the user-named breakdown fields (text, so neutralised too) */
    buf_adds(b, "Year");
    if (tc.has_series)
        buf_adds(b, ",Series");
    if (tc.has_unit)
        buf_adds(b, ",Units");
    for (k = 0; k < tc.n_fields; k++) {
        buf_addc(b, ',');
        csv_cell(b, tc.fields[k], true);
    }
    buf_adds(b, ",Value\r\n");
    for (i = 0; i < tc.n_rows; i++) {
        r = &tc.rows[i];
        csv_cell(b, r->o->period, true);
        if (tc.has_series) {
            buf_addc(b, ',');
            csv_cell(b, r->o->series, true);
        }
        if (tc.has_unit) {
            buf_addc(b, ',');
            csv_cell(b, r->o->unit, true);
        }
        for (k = 0; k < tc.n_fields; k++) {
            buf_addc(b, ',');
            csv_cell(b, row_value(r, tc.fields[k]), true);
        }
        buf_addc(b, ',');
        fmt_shortest(num, sizeof(num), r->o->value);
        csv_cell(b, num, false);
        buf_adds(b, "\r\n");
    }
    return buf_err(b);
}

/* An empty cell is null in JSON: "no value in this column", as Open SDG reads it. */
static void
json_kcell(struct json *j, const char *k, const char *s)
{
    if (str_empty(s))
        json_knull(j, k);
    else
        json_kstr(j, k, s);
}

enum err
file_indicator_json(struct req *rq)
{
    struct indicator ind;
    struct tidy_cols tc;
    const struct tidy_row *r;
    struct json j;
    enum err rc;
    int i, k;

    rc = load_tidy(rq, &ind, &tc);
    if (rc)
        return rc;
    set_download(rq, &ind, "application/json", "json");
    json_init(&j, &rq->resp.body);
    json_arr_open(&j);
    for (i = 0; i < tc.n_rows; i++) {
        r = &tc.rows[i];
        json_obj_open(&j);
        json_kstr(&j, "Year", r->o->period);
        if (tc.has_series)
            json_kcell(&j, "Series", r->o->series);
        if (tc.has_unit)
            json_kcell(&j, "Units", r->o->unit);
        for (k = 0; k < tc.n_fields; k++)
            json_kcell(&j, tc.fields[k], row_value(r, tc.fields[k]));
        json_kvalue(&j, "Value", r->o->value);
        json_obj_close(&j);
    }
    json_arr_close(&j);
    return json_finish(&j);
}
