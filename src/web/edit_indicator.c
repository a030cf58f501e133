/*
 * edit_indicator.c — the forms of an indicator: create under one of the mission's
 * objectives, edit its descriptive fields, archive it, and its progress settings, a form of
 * their own for the settings writer that the API's PATCH uses too (domain/settings.h:
 * the same checks, refusing the same field). The conventions are edit_mission.c's.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/codes.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "domain/mission_edit.h"
#include "domain/settings.h"
#include "web/auth.h"
#include "web/edit.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* Comma-separated lists (dimensions, SDG indicator codes) at most this long in items. */
#define EDIT_MAX_LIST WRITE_MAX_ITEMS

/* The descriptive fields as text (from the store, or as posted). */
struct indicator_vals {
    const char *objective_id, *title_sv, *title_en, *description_sv, *description_en;
    const char *unit_sv, *unit_en, *direction, *decimals, *source, *source_url, *weight;
    const char *dimensions, *sdg_indicators;
};

static void
vals_posted(struct req *rq, struct indicator_vals *v)
{
    v->objective_id = edit_field(rq, "objective_id");
    v->title_sv = edit_field(rq, "title_sv");
    v->title_en = edit_field(rq, "title_en");
    v->description_sv = edit_field(rq, "description_sv");
    v->description_en = edit_field(rq, "description_en");
    v->unit_sv = edit_field(rq, "unit_sv");
    v->unit_en = edit_field(rq, "unit_en");
    v->direction = edit_field(rq, "direction");
    v->decimals = edit_field(rq, "decimals");
    v->source = edit_field(rq, "source");
    v->source_url = edit_field(rq, "source_url");
    v->weight = edit_field(rq, "weight");
    v->dimensions = edit_field(rq, "dimensions");
    v->sdg_indicators = edit_field(rq, "sdg_indicators");
}

/* items joined by ", " */
static const char *
joined(struct req *rq, const char *const *items, int n)
{
    const char *s = "";
    int i;

    for (i = 0; i < n; i++)
        s = arena_printf(rq->arena, "%s%s%s", s, i ? ", " : "", items[i]);
    return s;
}

/* Split a comma-separated list into trimmed, non-empty items; -1 past max. */
static int
split(struct req *rq, const char *s, const char **out, int max)
{
    char *t = arena_strdup(rq->arena, s), *p = t, *e;
    int n = 0;

    while (p != NULL && *p) {
        e = strchr(p, ',');
        if (e != NULL)
            *e = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        for (char *z = p + strlen(p); z > p && (z[-1] == ' ' || z[-1] == '\t'); z--)
            z[-1] = '\0';
        if (*p) {
            if (n == max)
                return -1;
            out[n++] = p;
        }
        p = e != NULL ? e + 1 : NULL;
    }
    return n;
}

static enum err
indicator_form(struct req *rq, const struct form_errors *e, const struct mission *m,
               const struct indicator *ind, const struct indicator_vals *v)
{
    const char *title = ind == NULL ? _("Add an indicator") : _("Edit the indicator");
    struct form_option *objectives;
    struct html h;
    int n;

    objectives = edit_objectives(rq, m->id, 0, &n);
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, e, title));
    html_elem(&h, "h1", title);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, m->title_sv, m->title_en), "href", url_mission(rq, m->slug),
                   NULL);
    html_close(&h, "p");
    form_summary(rq, &h, e);
    form_begin(rq, &h,
               ind == NULL ? url_indicator_new(rq, m->slug) : url_indicator_edit(rq, ind->id));
    form_select(&h, e, "objective_id", _("Objective"), _("The objective the indicator measures."),
                objectives, n, v->objective_id, n ? NULL : _("Add an objective first"));
    form_input(&h, e, "title_sv", _("Title in Swedish"), NULL, FT_TEXT, v->title_sv, true, NULL);
    form_input(&h, e, "title_en", _("Title in English"), _("Optional."), FT_TEXT, v->title_en,
               false, NULL);
    form_textarea(&h, e, "description_sv", _("Description in Swedish"), _("Optional."),
                  v->description_sv, false, 5);
    form_textarea(&h, e, "description_en", _("Description in English"), _("Optional."),
                  v->description_en, false, 5);
    form_input(&h, e, "unit_sv", _("Unit in Swedish"), _("Optional, for example procent."), FT_TEXT,
               v->unit_sv, false, NULL);
    form_input(&h, e, "unit_en", _("Unit in English"), _("Optional, for example percent."), FT_TEXT,
               v->unit_en, false, NULL);
    if (ind == NULL)
        form_select(&h, e, "direction", _("Better is"),
                    _("The base, target and thresholds are set under Progress settings."),
                    edit_codes(rq, &code_direction), code_direction.n, v->direction, NULL);
    form_input(&h, e, "decimals", _("Decimals shown"), _("From 0 to 6."), FT_NUMBER, v->decimals,
               true, NULL);
    form_input(&h, e, "source", _("Source"), _("Optional: who publishes the data."), FT_TEXT,
               v->source, false, NULL);
    form_input(&h, e, "source_url", _("Address of the source"),
               _("Optional: an http or https address."), FT_URL, v->source_url, false, NULL);
    form_input(&h, e, "weight", _("Weight"),
               _("Its share in the progress of its objective, for example 1."), FT_NUMBER,
               v->weight, true, NULL);
    form_input(&h, e, "dimensions", _("Disaggregation columns"),
               _("Optional: the columns of its data besides year and value, separated by "
                 "commas, for example Kommun, Kön. They cannot change once it has data."),
               FT_TEXT, v->dimensions, false, NULL);
    form_input(&h, e, "sdg_indicators", _("SDG indicators"),
               _("Optional: UN indicator codes separated by commas, for example 12.3.1."), FT_TEXT,
               v->sdg_indicators, false, NULL);
    form_submit(&h, ind == NULL ? _("Create") : _("Save"));
    form_end(&h);
    edit_cancel(&h, ind == NULL ? url_mission(rq, m->slug) : url_indicator(rq, ind->id));
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

static const char *
indicator_message(const struct write_error *we)
{
    static const struct {
        const char *field, *msg;
    } t[] = {
        {"objective_id", N_("Choose an objective of this mission from the list.")},
        {"title_sv", N_("Enter a title in Swedish of at most 300 characters, on one line.")},
        {"title_en", N_("Enter a title in English of at most 300 characters, on one line, or "
                        "leave it empty.")},
        {"description_sv", N_("Shorten the description to at most 4,000 characters.")},
        {"description_en", N_("Shorten the description to at most 4,000 characters.")},
        {"unit_sv", N_("Enter a unit of at most 300 characters, on one line, or leave it empty.")},
        {"unit_en", N_("Enter a unit of at most 300 characters, on one line, or leave it empty.")},
        {"direction", N_("Choose whether more or less is better.")},
        {"decimals", N_("Enter a number of decimals from 0 to 6.")},
        {"source", N_("Enter a source of at most 300 characters, on one line, or leave it "
                      "empty.")},
        {"source_url", N_("Enter an address that starts with http:// or https://, or leave it "
                          "empty.")},
        {"weight", N_("Enter a weight from 0 to 1,000,000, for example 1.")},
        {"dimensions", N_("Enter different column names separated by commas, none of Year, "
                          "Series, Units, Source, Note, Progress or Value; they cannot change "
                          "once the indicator has data.")},
        {"sdg_indicators", N_("Enter UN indicator codes such as 12.3.1, separated by commas, "
                              "each once.")},
    };
    size_t i;

    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (strcmp(t[i].field, we->field) == 0)
            return _(t[i].msg);
    return _("Check this value.");
}

/* The posted fields into in (lists in the arena); false with e filled for what is not a
 * number or a list too long. */
static bool
indicator_in(struct req *rq, const struct indicator_vals *v, struct indicator_new *in,
             struct form_errors *e)
{
    const char **dims = arena_alloc(rq->arena, sizeof(*dims) * EDIT_MAX_LIST);
    const char **sdgs = arena_alloc(rq->arena, sizeof(*sdgs) * EDIT_MAX_LIST);
    int64_t obj = 0, dec = 0;

    memset(in, 0, sizeof(*in));
    if (!edit_int(v->objective_id, 1, INT64_MAX, &obj))
        form_error(e, "objective_id", _("Choose an objective of this mission from the list."));
    in->objective_id = obj;
    in->title_sv = v->title_sv;
    in->title_en = edit_opt(rq, "title_en");
    in->description_sv = edit_opt(rq, "description_sv");
    in->description_en = edit_opt(rq, "description_en");
    in->unit_sv = edit_opt(rq, "unit_sv");
    in->unit_en = edit_opt(rq, "unit_en");
    in->source = edit_opt(rq, "source");
    in->source_url = edit_opt(rq, "source_url");
    if (!edit_int(v->decimals, 0, 6, &dec))
        form_error(e, "decimals", _("Enter a number of decimals from 0 to 6."));
    in->decimals = (int)dec;
    if (!edit_num(rq->arena, v->weight, &in->weight))
        form_error(e, "weight", _("Enter a weight from 0 to 1,000,000, for example 1."));
    in->n_dimensions = split(rq, v->dimensions, dims, EDIT_MAX_LIST);
    if (in->n_dimensions < 0)
        form_error(e, "dimensions",
                   arena_printf(rq->arena, _("Enter at most %d columns."), EDIT_MAX_LIST));
    in->dimensions = dims;
    in->n_sdg_indicators = split(rq, v->sdg_indicators, sdgs, EDIT_MAX_LIST);
    if (in->n_sdg_indicators < 0)
        form_error(e, "sdg_indicators",
                   arena_printf(rq->arena, _("Enter at most %d codes."), EDIT_MAX_LIST));
    in->sdg_indicators = sdgs;
    /* a new indicator's progress: its direction; no base, target or thresholds yet */
    in->progress.direction = v->direction;
    in->progress.target_kind = "none";
    in->progress.headline = "";
    return e->n == 0;
}

/* The indicator of the path ("id") and its mission, once req_allow lets the request do action
 * on it (the scope: its mission as stored); a missing one is ERR_NOTFOUND before any check. */
static enum err
indicator_allowed(struct req *rq, enum authz_action action, struct indicator *ind,
                  struct mission *m)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = indicator_get(edit_db(rq), rq->arena, req_int(rq, "id", 0), ind);
    if (rc == ERR_OK)
        rc = mission_get_id(edit_db(rq), rq->arena, ind->mission_id, m);
    if (rc)
        return rc;
    scope.mission_id = ind->mission_id;
    return req_allow(rq, action, &scope);
}

enum err
page_indicator_new(struct req *rq)
{
    struct indicator_vals v = {0};
    struct mission m;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_INDICATOR_CREATE, &m);
    if (rc)
        return rc;
    v.objective_id = req_str(rq, "objective") ? req_str(rq, "objective") : "";
    v.title_sv = v.title_en = v.description_sv = v.description_en = v.unit_sv = v.unit_en = "";
    v.source = v.source_url = v.dimensions = v.sdg_indicators = "";
    v.direction = "increase";
    v.decimals = "0";
    v.weight = "1";
    return indicator_form(rq, NULL, &m, NULL, &v);
}

enum err
post_indicator_new(struct req *rq)
{
    struct form_errors e = {0};
    struct indicator_vals v;
    struct indicator_new in;
    struct write_error we;
    struct mission m;
    int64_t id = 0, obj_mission = 0;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_INDICATOR_CREATE, &m);
    if (rc)
        return rc;
    vals_posted(rq, &v);
    if (indicator_in(rq, &v, &in, &e)) {
        /* the objective must be this mission's: the path's mission is what was authorized */
        rc = objective_mission(edit_db(rq), in.objective_id, &obj_mission);
        if (rc)
            return rc;
        if (obj_mission != m.id) {
            form_error(&e, "objective_id", _("Choose an objective of this mission from the list."));
        } else {
            rc = edit_refused(medit_indicator_create(rq->wdb, &in, edit_who(rq), &id, &we), &e, &we,
                              indicator_message);
            if (rc)
                return rc;
        }
    }
    if (edit_failed(rq, &e))
        return indicator_form(rq, &e, &m, NULL, &v);
    return edit_done(rq, url_indicator(rq, id));
}

enum err
page_indicator_edit(struct req *rq)
{
    struct indicator_vals v;
    struct indicator ind;
    struct mission m;
    const char **sdg;
    int n_sdg;
    enum err rc;

    rc = indicator_allowed(rq, AUTHZ_INDICATOR_EDIT, &ind, &m);
    if (rc)
        return rc;
    rc = medit_indicator_sdg_codes(edit_db(rq), rq->arena, ind.id, &sdg, &n_sdg);
    if (rc)
        return rc;
    v.objective_id = arena_printf(rq->arena, "%lld", (long long)ind.objective_id);
    v.title_sv = ind.title_sv;
    v.title_en = ind.title_en;
    v.description_sv = ind.description_sv;
    v.description_en = ind.description_en;
    v.unit_sv = ind.unit_sv;
    v.unit_en = ind.unit_en;
    v.direction = ind.direction;
    v.decimals = arena_printf(rq->arena, "%d", ind.decimals);
    v.source = ind.source;
    v.source_url = ind.source_url;
    v.weight = arena_printf(rq->arena, "%g", ind.weight);
    v.dimensions = joined(rq, ind.dimensions, ind.n_dimensions);
    v.sdg_indicators = joined(rq, sdg, n_sdg);
    return indicator_form(rq, NULL, &m, &ind, &v);
}

enum err
post_indicator_edit(struct req *rq)
{
    struct form_errors e = {0};
    struct indicator_vals v;
    struct indicator_new in;
    struct indicator ind;
    struct write_error we;
    struct mission m;
    enum err rc;

    rc = indicator_allowed(rq, AUTHZ_INDICATOR_EDIT, &ind, &m);
    if (rc)
        return rc;
    vals_posted(rq, &v);
    v.direction = ind.direction; /* a progress setting: not this form's */
    if (indicator_in(rq, &v, &in, &e)) {
        rc = edit_refused(
            medit_indicator_update(rq->wdb, ind.id, &in, edit_who(rq), (int64_t)time(NULL), &we),
            &e, &we, indicator_message);
        if (rc)
            return rc;
    }
    if (edit_failed(rq, &e))
        return indicator_form(rq, &e, &m, &ind, &v);
    return edit_done(rq, url_indicator(rq, ind.id));
}

enum err
page_indicator_archive(struct req *rq)
{
    struct indicator ind;
    struct mission m;
    enum err rc;

    rc = indicator_allowed(rq, AUTHZ_INDICATOR_ARCHIVE, &ind, &m);
    if (rc)
        return rc;
    edit_confirm(rq, _("Archive the indicator?"), L(rq, ind.title_sv, ind.title_en),
                 url_indicator_archive(rq, ind.id), NULL, url_indicator(rq, ind.id));
    return ERR_OK;
}

enum err
post_indicator_archive(struct req *rq)
{
    struct indicator ind;
    struct mission m;
    enum err rc;

    rc = indicator_allowed(rq, AUTHZ_INDICATOR_ARCHIVE, &ind, &m);
    if (rc)
        return rc;
    return edit_archive(rq, medit_indicator_archive, ind.id, edit_who(rq), url_mission(rq, m.slug));
}

/* ------------------------------------------------------ progress settings */

struct settings_vals {
    const char *base_year, *base_value, *target_kind, *target_value, *target_year, *direction;
    const char *limit, *th_high, *th_med, *th_low, *headline;
    const char *bounds, *lower, *upper; /* bounds: "default" or "set" */
};

/* The form offers the indicator's series to choose from up to this many; past it (a
 * breakdown by every municipality) the headline is typed as Field=Value pairs. */
#define HEADLINE_CHOICES_MAX 200

static const char *
num_text(struct req *rq, bool has, double v)
{
    return has ? arena_printf(rq->arena, "%.15g", v) : "";
}

/* The headline as the form shows it: "Field=Value, Field=Value". */
static const char *
headline_text(struct req *rq, const char *canon)
{
    char *s = arena_strdup(rq->arena, canon ? canon : ""), *c;

    for (c = s; *c; c++)
        if (*c == '\x1f')
            *c = ',';
    return s;
}

/* The headline: a choice among the indicator's series (samverka's choice first), or a
 * Field=Value text when there are too many to list. */
static enum err
headline_field(struct req *rq, struct html *h, const struct form_errors *e,
               const struct indicator *ind, const char *value)
{
    struct headline_candidate *c;
    struct form_option *opts;
    int n, i, k = 0;
    bool listed = str_empty(value);
    enum err rc;

    rc = settings_headline_candidates(rq->db, rq->arena, ind->id, &c, &n);
    if (rc)
        return rc;
    if (n > HEADLINE_CHOICES_MAX) {
        form_input(h, e, "headline", _("Headline series"),
                   _("Optional: the disaggregation the headline shows, as Column=Value pairs "
                     "separated by commas, for example Kön=Kvinnor. Empty: samverka chooses, "
                     "the total when there is one."),
                   FT_TEXT, value, false, NULL);
        return ERR_OK;
    }
    settings_headline_order(c, n);
    opts = arena_alloc(rq->arena, (size_t)(n + 2) * sizeof(*opts));
    opts[k].value = "";
    opts[k++].label = n > 0 && *c[0].disagg
                          ? arena_printf(rq->arena, _("Chosen by samverka (now %s)"),
                                         headline_text(rq, c[0].disagg))
                          : _("Chosen by samverka: the total");
    for (i = 0; i < n; i++) {
        if (*c[i].disagg == '\0')
            continue; /* the total is samverka's choice already */
        opts[k].value = headline_text(rq, c[i].disagg);
        opts[k].label = arena_printf(
            rq->arena,
            ngettext("%s (%lld period)", "%s (%lld periods)", (unsigned long)c[i].n_periods),
            opts[k].value, (long long)c[i].n_periods);
        listed = listed || strcmp(opts[k].value, value) == 0;
        k++;
    }
    if (!listed) {
        /* a series chosen before its data went away stays choosable as it is */
        opts[k].value = value;
        opts[k++].label = value;
    }
    form_select(h, e, "headline", _("Headline series"),
                _("The series the indicator's page draws and assesses. samverka chooses the "
                  "total when there is one, else the series with the fewest breakdowns, then "
                  "the most periods."),
                opts, k, value, NULL);
    return ERR_OK;
}

static enum err
settings_form(struct req *rq, const struct form_errors *e, const struct indicator *ind,
              const struct settings_vals *v)
{
    const char *title = _("Progress settings");
    struct form_option bkinds[2] = {
        {"default", _("The default: 0 to 100 for a percentage unit, else none")},
        {"set", _("The bounds below")}};
    enum err rc;
    struct form_option kinds[3] = {{"none", _("No target")},
                                   {"absolute", _("A value to reach")},
                                   {"relative", _("A change from the base, in percent")}};
    struct html h;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, e, title));
    html_elem(&h, "h1", title);
    html_open(&h, "p", NULL);
    html_text(&h, _("Indicator:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, ind->title_sv, ind->title_en), "href", url_indicator(rq, ind->id),
                   NULL);
    html_close(&h, "p");
    form_summary(rq, &h, e);
    form_begin(rq, &h, url_indicator_settings(rq, ind->id));
    form_input(&h, e, "base_year", _("Base year"), _("Optional: from 1900 to 2200."), FT_NUMBER,
               v->base_year, false, NULL);
    form_input(&h, e, "base_value", _("Base value"), _("Optional; needs a base year."), FT_NUMBER,
               v->base_value, false, NULL);
    form_select(&h, e, "target_kind", _("Target"), NULL, kinds, 3, v->target_kind, NULL);
    form_input(&h, e, "target_value", _("Target value"),
               _("The value to reach, or the change in percent (above -100)."), FT_NUMBER,
               v->target_value, false, NULL);
    form_input(&h, e, "target_year", _("Target year"),
               _("Optional: after the base year; empty means the mission's deadline."), FT_NUMBER,
               v->target_year, false, NULL);
    form_select(&h, e, "direction", _("Better is"), NULL, edit_codes(rq, &code_direction),
                code_direction.n, v->direction, NULL);
    form_input(&h, e, "limit", _("Natural limit"),
               _("Optional: a value the indicator cannot pass, for example 100 for a percentage."),
               FT_NUMBER, v->limit, false, NULL);
    form_fieldset_begin(&h, e, "thresholds", _("Status thresholds (optional, all three)"));
    form_input(&h, e, "th_high", _("High"), NULL, FT_NUMBER, v->th_high, false, NULL);
    form_input(&h, e, "th_med", _("Medium"), NULL, FT_NUMBER, v->th_med, false, NULL);
    form_input(&h, e, "th_low", _("Low"), NULL, FT_NUMBER, v->th_low, false, NULL);
    form_fieldset_end(&h);
    form_fieldset_begin(&h, e, "bounds", _("Values the indicator can take"));
    form_select(&h, e, "bounds_kind", _("Bounds"),
                _("Projections and the chart stop at them: no share above 100 %."), bkinds, 2,
                v->bounds, NULL);
    form_input(&h, e, "lower_bound", _("Lower bound"), _("Optional: empty for none."), FT_NUMBER,
               v->lower, false, NULL);
    form_input(&h, e, "upper_bound", _("Upper bound"), _("Optional: empty for none."), FT_NUMBER,
               v->upper, false, NULL);
    form_fieldset_end(&h);
    rc = headline_field(rq, &h, e, ind, v->headline);
    if (rc)
        return rc;
    form_submit(&h, _("Save"));
    form_end(&h);
    edit_cancel(&h, url_indicator(rq, ind->id));
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* What to do about a refused setting (the field settings_apply names). */
static const char *
settings_message(const char *field)
{
    static const struct {
        const char *field, *msg;
    } t[] = {
        {"base_year", N_("Enter a base year from 1900 to 2200, or leave it empty.")},
        {"base_value", N_("Enter a base value (a number) together with a base year, or leave it "
                          "empty.")},
        {"target_kind", N_("Choose a kind of target from the list.")},
        {"target_value", N_("Enter the target value, a number (a relative target above -100 "
                            "percent).")},
        {"target_year", N_("Enter a target year from 1900 to 2200 after the base year, or leave "
                           "it empty.")},
        {"direction", N_("Choose whether more or less is better.")},
        {"limit", N_("Enter the natural limit as a number, or leave it empty.")},
        {"thresholds", N_("Enter all three thresholds as numbers with high above medium above "
                          "low, or leave all three empty.")},
        {"headline", N_("Choose a series from the list (or enter Column=Value pairs separated "
                        "by commas, with columns of the indicator's data), or leave it empty.")},
        {"bounds", N_("Enter the bounds as numbers with the lower below the upper, or leave "
                      "them empty.")},
    };
    size_t i;

    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (strcmp(t[i].field, field) == 0)
            return _(t[i].msg);
    return _("Check this value.");
}

/* An optional number: has false for "" ; false when not a number. */
static bool
opt_num(struct req *rq, const char *s, bool *has, double *out)
{
    *has = *s != '\0';
    return !*has || edit_num(rq->arena, s, out);
}

enum err
page_indicator_settings(struct req *rq)
{
    struct indicator_settings s;
    struct settings_vals v;
    struct indicator ind;
    struct mission m;
    enum err rc;

    rc = indicator_allowed(rq, AUTHZ_INDICATOR_SETTINGS, &ind, &m);
    if (rc)
        return rc;
    settings_from_indicator(&ind, &s);
    v.base_year = s.has_base_year ? arena_printf(rq->arena, "%d", s.base_year) : "";
    v.base_value = num_text(rq, s.has_base_value, s.base_value);
    v.target_kind = s.target_kind;
    v.target_value = num_text(rq, s.has_target_value, s.target_value);
    v.target_year = s.target_year ? arena_printf(rq->arena, "%d", s.target_year) : "";
    v.direction = s.direction;
    v.limit = num_text(rq, s.has_limit, s.limit);
    v.th_high = num_text(rq, s.has_thresholds, s.high);
    v.th_med = num_text(rq, s.has_thresholds, s.med);
    v.th_low = num_text(rq, s.has_thresholds, s.low);
    v.headline = headline_text(rq, s.headline);
    v.bounds = s.bounds_set ? "set" : "default";
    v.lower = num_text(rq, s.bounds_set && s.has_lower, s.lower);
    v.upper = num_text(rq, s.bounds_set && s.has_upper, s.upper);
    return settings_form(rq, NULL, &ind, &v);
}

enum err
post_indicator_settings(struct req *rq)
{
    struct form_errors e = {0};
    struct indicator_settings s;
    struct settings_vals v;
    struct indicator ind;
    struct mission m;
    const char *field, *msg;
    int64_t y;
    bool h1 = false, h2 = false, h3 = false;
    enum err rc;

    rc = indicator_allowed(rq, AUTHZ_INDICATOR_SETTINGS, &ind, &m);
    if (rc)
        return rc;
    v.base_year = edit_field(rq, "base_year");
    v.base_value = edit_field(rq, "base_value");
    v.target_kind = edit_field(rq, "target_kind");
    v.target_value = edit_field(rq, "target_value");
    v.target_year = edit_field(rq, "target_year");
    v.direction = edit_field(rq, "direction");
    v.limit = edit_field(rq, "limit");
    v.th_high = edit_field(rq, "th_high");
    v.th_med = edit_field(rq, "th_med");
    v.th_low = edit_field(rq, "th_low");
    v.headline = edit_field(rq, "headline");
    v.bounds = edit_field(rq, "bounds_kind");
    v.lower = edit_field(rq, "lower_bound");
    v.upper = edit_field(rq, "upper_bound");

    memset(&s, 0, sizeof(s));
    s.has_base_year = *v.base_year != '\0';
    if (s.has_base_year && !edit_int(v.base_year, 1900, 2200, &y))
        form_error(&e, "base_year", settings_message("base_year"));
    s.base_year = s.has_base_year ? (int)y : 0;
    if (!opt_num(rq, v.base_value, &s.has_base_value, &s.base_value))
        form_error(&e, "base_value", settings_message("base_value"));
    s.target_kind = v.target_kind;
    if (!opt_num(rq, v.target_value, &s.has_target_value, &s.target_value))
        form_error(&e, "target_value", settings_message("target_value"));
    y = 0;
    if (*v.target_year && !edit_int(v.target_year, 1900, 2200, &y))
        form_error(&e, "target_year", settings_message("target_year"));
    s.target_year = (int)y;
    s.direction = v.direction;
    if (!opt_num(rq, v.limit, &s.has_limit, &s.limit))
        form_error(&e, "limit", settings_message("limit"));
    if (!opt_num(rq, v.th_high, &h1, &s.high) || !opt_num(rq, v.th_med, &h2, &s.med) ||
        !opt_num(rq, v.th_low, &h3, &s.low) || h1 != h2 || h2 != h3)
        form_error(&e, "thresholds", settings_message("thresholds"));
    s.has_thresholds = h1 && h2 && h3;
    if (!settings_parse_headline(rq->arena, &ind, v.headline, &s.headline, &msg))
        form_error(&e, "headline", settings_message("headline"));
    /* a form without the choice (posted before there were bounds) keeps the default */
    s.bounds_set = strcmp(v.bounds, "set") == 0;
    if ((!s.bounds_set && *v.bounds && strcmp(v.bounds, "default") != 0) ||
        !opt_num(rq, v.lower, &s.has_lower, &s.lower) ||
        !opt_num(rq, v.upper, &s.has_upper, &s.upper))
        form_error(&e, "bounds", settings_message("bounds"));
    if (e.n == 0) {
        rc = settings_apply(rq->wdb, rq->arena, ind.id, &s, edit_who(rq), &field, &msg);
        if (rc == ERR_INVALID)
            form_error(&e, strcmp(field, "thresholds") == 0 ? "thresholds" : field,
                       settings_message(field));
        else if (rc)
            return rc;
    }
    if (edit_failed(rq, &e))
        return settings_form(rq, &e, &ind, &v);
    return edit_done(rq, url_indicator(rq, ind.id));
}
