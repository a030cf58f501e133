/*
 * page_data.c — an indicator's observations in the browser (issue 10): the page
 * /indicators/{id}/data with three forms, for who may write the indicator's data (authz
 * observation.write, scope: the indicator's mission as stored):
 *
 *  - add or change one value of the headline series (year, or a period as the data names
 *    it: "2013 Q1"; value with a decimal comma or point, one value per breakdown, source,
 *    note): domain/observation.c;
 *  - remove one (the form asks first, on a page of its own; only the confirmed post
 *    removes);
 *  - upload a file (tidy CSV or JSON) that replaces all of them or merges into them (and
 *    may be empty only when the form says so), through the importer, all or nothing: the body is
 * multipart/form-data spooled by http, its csrf part checked by the dispatcher before any byte of
 * the file is read (web/upload.h), the file streamed to import_feed; a refusal names the line and
 * column, and a stored file whose import has notices (repeated rows kept once, columns ignored ...)
 * gets a page listing them.
 *
 * Every handler resolves the indicator from the path, asks req_allow before anything else,
 * writes through one domain call (its own transaction) and answers 303 to the indicator
 * page; a form with errors comes back with status 422, the values kept, nothing written.
 * The indicator page offers the link (data_offer) only to who may use it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/form.h"
#include "core/str.h"
#include "domain/import.h"
#include "domain/indicator.h"
#include "domain/observation.h"
#include "domain/period.h"
#include "web/auth.h"
#include "web/downloads.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/upload.h"
#include "web/url.h"

/* What the edit page shows: the three forms' entered values and errors. */
struct data_view {
    struct form_errors value_e, remove_e, upload_e;
    const char *year, *value, *source, *note, *remove_year, *format, *mode;
    bool allow_empty;
    const char **cells, **remove_cells; /* one per dimension */
};

static const char *
field(const struct req *rq, const char *name)
{
    const char *v = rq->form ? form_get(rq->form, name) : NULL;

    return v != NULL ? v : "";
}

/* The indicator of the path, if who asks may write its data (else the refusal). */
static enum err
load(struct req *rq, struct db *db, struct indicator *ind)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = indicator_get(db, rq->arena, req_int(rq, "id", 0), ind);
    if (rc)
        return rc;
    scope.mission_id = ind->mission_id;
    return req_allow(rq, AUTHZ_OBSERVATION_WRITE, &scope);
}

/* The breakdown fields' names: prefix and the dimension's position ("d0", "rd1"). */
static const char *
cell_name(struct req *rq, const char *prefix, int i)
{
    return arena_printf(rq->arena, "%s%d", prefix, i);
}

static const char **
cells_from_form(struct req *rq, const struct indicator *ind, const char *prefix)
{
    const char **v = arena_alloc(rq->arena, sizeof(*v) * (size_t)(ind->n_dimensions + 1));
    int i;

    for (i = 0; i < ind->n_dimensions; i++)
        v[i] = field(rq, cell_name(rq, prefix, i));
    return v;
}

/* The headline's breakdown ("Kön=Flickor"), as the single-value form's starting values. */
static const char **
cells_from_headline(struct req *rq, const struct indicator *ind)
{
    const char **v = arena_alloc(rq->arena, sizeof(*v) * (size_t)(ind->n_dimensions + 1));
    const char *p, *end, *eq;
    size_t n;
    int i;

    for (i = 0; i < ind->n_dimensions; i++) {
        v[i] = "";
        n = strlen(ind->dimensions[i]);
        for (p = ind->headline ? ind->headline : ""; *p; p = *end ? end + 1 : end) {
            end = strchr(p, '\x1f');
            if (end == NULL)
                end = p + strlen(p);
            eq = memchr(p, '=', (size_t)(end - p));
            if (eq != NULL && (size_t)(eq - p) == n && memcmp(p, ind->dimensions[i], n) == 0)
                v[i] = arena_strndup(rq->arena, eq + 1, (size_t)(end - eq - 1));
        }
    }
    return v;
}

/* A year as typed: four digits (spaces around are forgiven). */
static bool
parse_year(const char *s, int *out)
{
    char buf[16];
    int64_t y;
    size_t n;

    while (*s == ' ')
        s++;
    n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0 || n >= sizeof(buf))
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (str_to_i64(buf, &y) != ERR_OK || y < 0 || y > 9999)
        return false;
    *out = (int)y;
    return true;
}

/* The key's period as typed: four digits (an annual value, key.year), or a period as the
 * data names it ("2015-16", "2013 Q1": key.period), spaces around forgiven. */
static bool
parse_key_period(struct req *rq, const char *s, struct observation_key *key)
{
    struct period p;
    const char *why;
    size_t n;

    if (parse_year(s, &key->year))
        return true;
    while (*s == ' ')
        s++;
    n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0 || n > TIDY_MAX_PERIOD || !period_parse(s, n, &p, &why))
        return false;
    key->period = arena_strndup(rq->arena, s, n);
    key->year = p.year;
    return true;
}

/*
 * A number as a Swedish or English reader types it: a decimal comma or point (not both),
 * spaces and no-break spaces between digit groups, a minus sign or U+2212. "12,5", "1 234,5",
 * "-0.25" and "−3" are numbers; "1.234,5" and "1,2,3" are not.
 */
static bool
parse_number(const char *s, double *out)
{
    char buf[TIDY_MAX_NUMBER + 1];
    size_t n = 0;
    bool comma = false, point = false;

    while (*s) {
        if (*s == ' ') {
            s++;
        } else if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
            s += 2; /* U+00A0 */
        } else if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
                   (unsigned char)s[2] == 0xaf) {
            s += 3; /* U+202F, the narrow no-break space Swedish groups with */
        } else if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x88 &&
                   (unsigned char)s[2] == 0x92) {
            if (n == sizeof(buf) - 1)
                return false;
            buf[n++] = '-'; /* U+2212 MINUS SIGN */
            s += 3;
        } else {
            if (*s == ',') {
                if (comma || point)
                    return false;
                comma = true;
            } else if (*s == '.') {
                if (comma || point)
                    return false;
                point = true;
            }
            if (n == sizeof(buf) - 1)
                return false;
            buf[n++] = *s == ',' ? '.' : *s;
            s++;
        }
    }
    buf[n] = '\0';
    return n > 0 && str_to_double(buf, out) == ERR_OK;
}

/* ------------------------------------------------------------ the edit page */

static void
breakdown_fields(struct req *rq, struct html *h, const struct indicator *ind,
                 const struct form_errors *e, const char *prefix, const char **values)
{
    int i;

    if (ind->n_dimensions == 0)
        return;
    html_open(h, "fieldset", NULL);
    html_elem(h, "legend", _("Breakdown"));
    html_elem_attr(h, "p", _("Leave a field empty for the total over it."), "class", "hint", NULL);
    for (i = 0; i < ind->n_dimensions; i++)
        form_input(h, e, cell_name(rq, prefix, i), ind->dimensions[i], NULL, FT_TEXT,
                   values ? values[i] : NULL, false, NULL);
    html_close(h, "fieldset");
}

static enum err
edit_page(struct req *rq, const struct indicator *ind, const struct data_view *v)
{
    static const char *const formats[] = {"csv", "json"};
    static const char *const modes[] = {"replace", "merge"};
    const char *format_labels[] = {_("Tidy CSV"), _("JSON")};
    const char *mode_labels[] = {_("Replace all of the indicator's observations"),
                                 _("Merge: add and change values, remove none")};
    const char *name = L(rq, ind->title_sv, ind->title_en), *title;
    bool errors = v->value_e.n + v->remove_e.n + v->upload_e.n > 0;
    struct html h;

    title = arena_printf(rq->arena, _("Edit the data: %s"), name);
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, errors ? arena_printf(rq->arena, "%s: %s", _("Error"), title) : title);
    html_elem(&h, "h1", title);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the indicator"), "href", url_indicator(rq, ind->id), NULL);
    html_close(&h, "p");
    /* the data as it is now, to edit offline and upload again, with its description */
    html_open(&h, "ul", "class", "downloads", "aria-label", _("Download the data"), NULL);
    data_download_items(rq, &h, ind->id);
    html_close(&h, "ul");
    form_summary(rq, &h, &v->value_e);
    form_summary(rq, &h, &v->remove_e);
    form_summary(rq, &h, &v->upload_e);

    html_open(&h, "section", "aria-labelledby", "value-h", NULL);
    html_elem_attr(&h, "h2", _("Add or change a value"), "id", "value-h", NULL);
    html_elem(&h, "p",
              _("A value for a year (and breakdown) that already has one replaces it. The change "
                "is recorded in the indicator's history."));
    form_begin(rq, &h, url_indicator_data_value(rq, ind->id));
    form_input(&h, &v->value_e, "year", _("Year"), _("Four digits, for example 2024."), FT_TEXT,
               v->year, true, NULL);
    form_input(&h, &v->value_e, "value", _("Value"),
               _("A number; a decimal comma or point, for example 12,5."), FT_TEXT, v->value, true,
               NULL);
    breakdown_fields(rq, &h, ind, &v->value_e, "d", v->cells);
    form_input(&h, &v->value_e, "source", _("Source"), _("Where the value comes from (optional)."),
               FT_TEXT, v->source, false, NULL);
    form_input(&h, &v->value_e, "note", _("Note"),
               _("What a reader should know about the value (optional)."), FT_TEXT, v->note, false,
               NULL);
    form_submit(&h, _("Save"));
    form_end(&h);
    html_close(&h, "section");

    html_open(&h, "section", "aria-labelledby", "remove-h", NULL);
    html_elem_attr(&h, "h2", _("Remove a value"), "id", "remove-h", NULL);
    html_elem(&h, "p", _("You will be asked to confirm before anything is removed."));
    form_begin(rq, &h, url_indicator_data_remove(rq, ind->id));
    form_input(&h, &v->remove_e, "remove_year", _("Year"), _("Four digits, for example 2024."),
               FT_TEXT, v->remove_year, true, NULL);
    breakdown_fields(rq, &h, ind, &v->remove_e, "rd", v->remove_cells);
    form_submit(&h, _("Remove"));
    form_end(&h);
    html_close(&h, "section");

    html_open(&h, "section", "aria-labelledby", "upload-h", NULL);
    html_elem_attr(&h, "h2", _("Upload a file"), "id", "upload-h", NULL);
    html_elem(&h, "p",
              _("The file replaces all of the indicator's observations, or, if anything in it is "
                "wrong, changes nothing. Use the format of the downloads on the indicator page: "
                "tidy CSV with the columns Year and Value (and Series, Units, one column per "
                "breakdown, Source and Note when used), or the same records as JSON."));
    form_begin_upload(rq, &h, url_indicator_data_upload(rq, ind->id));
    form_select_list(&h, &v->upload_e, "format", _("Format"), NULL, formats, format_labels, 2,
                     v->format);
    form_select_list(&h, &v->upload_e, "mode", _("What the file does"),
                     _("A replace also takes the file's breakdown columns. Without a Source or "
                       "Note column, a value that stays the same keeps its source and note."),
                     modes, mode_labels, 2, v->mode);
    form_checkbox(&h, "allow_empty", "1",
                  _("The file may have no data rows (a replace then removes every value)"),
                  v->allow_empty);
    form_file(&h, &v->upload_e, "file", _("File"), _("At most 25 MB."), ".csv,.json");
    form_submit(&h, _("Upload"));
    form_end(&h);
    html_close(&h, "section");

    layout_end(rq, &h, NULL);
    if (errors)
        rq->resp.status = 422;
    return ERR_OK;
}

static void
view_init(struct req *rq, const struct indicator *ind, struct data_view *v)
{
    memset(v, 0, sizeof(*v));
    v->cells = cells_from_headline(rq, ind);
    v->format = "csv";
    v->mode = "replace";
}

enum err
page_data_edit(struct req *rq)
{
    struct indicator ind;
    struct data_view v;
    enum err rc;

    rc = load(rq, rq->db, &ind);
    if (rc)
        return rc;
    view_init(rq, &ind, &v);
    return edit_page(rq, &ind, &v);
}

/* ------------------------------------------------------------ one value */

/* The message for a refusal of observation_put / observation_remove, beside its field. */
static void
refusal(struct req *rq, struct form_errors *e, const struct write_error *we, const char *prefix,
        const char *year_field)
{
    if (we->field != NULL && strcmp(we->field, "year") == 0)
        form_error(e, year_field, _("Enter a year from 1900 to 2200."));
    else if (we->field != NULL && strcmp(we->field, "value") == 0)
        form_error(e, "value", _("Enter a number from -1000000000000000 to 1000000000000000."));
    else if (we->field != NULL && strcmp(we->field, "cells") == 0)
        form_error(e, cell_name(rq, prefix, we->item > 0 ? we->item : 0),
                   _("Enter at most 1024 characters, without control characters; the breakdown "
                     "values together may have at most 2048."));
    else if (we->field != NULL && strcmp(we->field, "note") == 0)
        form_error(e, "note", _("Enter a note of at most 1024 characters."));
    else
        form_error(e, "source", _("Enter a source of at most 1024 characters."));
}

enum err
post_data_value(struct req *rq)
{
    const struct principal *who;
    struct observation_in in = {0};
    struct write_error we = {0};
    struct indicator ind;
    struct data_view v;
    bool created;
    enum err rc;

    rc = load(rq, rq->wdb, &ind);
    if (rc)
        return rc;
    rc = req_principal(rq, &who);
    if (rc)
        return rc;
    view_init(rq, &ind, &v);
    v.year = field(rq, "year");
    v.value = field(rq, "value");
    v.source = field(rq, "source");
    v.note = field(rq, "note");
    v.cells = cells_from_form(rq, &ind, "d");
    if (!parse_key_period(rq, v.year, &in.key))
        form_error(&v.value_e, "year", _("Enter the year as four digits, for example 2024."));
    if (!parse_number(v.value, &in.value))
        form_error(&v.value_e, "value", _("Enter the value as a number, for example 12,5."));
    if (v.value_e.n)
        return edit_page(rq, &ind, &v);
    in.key.cells = v.cells;
    in.key.n_cells = ind.n_dimensions;
    in.source = v.source;
    in.note = v.note;
    rc = observation_put(rq->wdb, ind.id, &in, who->name, (int64_t)time(NULL), &created, &we);
    if (rc == ERR_INVALID) {
        refusal(rq, &v.value_e, &we, "d", "year");
        return edit_page(rq, &ind, &v);
    }
    if (rc)
        return rc;
    resp_redirect(rq, url_indicator(rq, ind.id));
    return ERR_OK;
}

/* ------------------------------------------------------------ removing one */

static enum err
confirm_page(struct req *rq, const struct indicator *ind, const struct data_view *v,
             const struct observation *o)
{
    const char *title = _("Remove this value?");
    struct html h;
    int i;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    html_elem(&h, "p",
              _("The value leaves the indicator's data and its progress. The removal is recorded "
                "in the indicator's history, and the value can be entered again."));
    html_open(&h, "dl", NULL);
    html_elem(&h, "dt", _("Indicator"));
    html_elem(&h, "dd", L(rq, ind->title_sv, ind->title_en));
    html_elem(&h, "dt", _("Period"));
    html_elem(&h, "dd", o->period);
    for (i = 0; i < ind->n_dimensions; i++) {
        html_elem_attr(&h, "dt", ind->dimensions[i], "lang", sv_only(rq, ind->dimensions[i]), NULL);
        html_elem_attr(&h, "dd", *v->remove_cells[i] ? v->remove_cells[i] : _("Total"), "lang",
                       sv_only(rq, v->remove_cells[i]), NULL);
    }
    html_elem(&h, "dt", _("Value"));
    html_elem(&h, "dd", str_fmt_number(rq->arena, o->value, ind->decimals, rq->lang == LANG_SV));
    if (*o->source) {
        html_elem(&h, "dt", _("Source"));
        html_elem_attr(&h, "dd", o->source, "lang", sv_only(rq, o->source), NULL);
    }
    if (*o->note) {
        html_elem(&h, "dt", _("Note"));
        html_elem_attr(&h, "dd", o->note, "lang", sv_only(rq, o->note), NULL);
    }
    html_close(&h, "dl");
    form_begin(rq, &h, url_indicator_data_remove(rq, ind->id));
    form_hidden(&h, "remove_year", v->remove_year);
    for (i = 0; i < ind->n_dimensions; i++)
        form_hidden(&h, cell_name(rq, "rd", i), v->remove_cells[i]);
    form_hidden(&h, "confirm", "yes");
    form_submit(&h, _("Remove"));
    form_end(&h);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Cancel"), "href", url_indicator_data_edit(rq, ind->id), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
post_data_remove(struct req *rq)
{
    const struct principal *who;
    struct observation_key key = {0};
    struct write_error we = {0};
    struct observation o;
    struct indicator ind;
    struct data_view v;
    enum err rc;

    rc = load(rq, rq->wdb, &ind);
    if (rc)
        return rc;
    rc = req_principal(rq, &who);
    if (rc)
        return rc;
    view_init(rq, &ind, &v);
    v.remove_year = field(rq, "remove_year");
    v.remove_cells = cells_from_form(rq, &ind, "rd");
    if (!parse_key_period(rq, v.remove_year, &key)) {
        form_error(&v.remove_e, "remove_year",
                   _("Enter the year as four digits, for example 2024."));
        return edit_page(rq, &ind, &v);
    }
    key.cells = v.remove_cells;
    key.n_cells = ind.n_dimensions;
    rc = observation_find(rq->wdb, rq->arena, ind.id, &key, &o, &we);
    if (rc == ERR_OK && strcmp(field(rq, "confirm"), "yes") != 0)
        return confirm_page(rq, &ind, &v, &o);
    if (rc == ERR_OK)
        rc = observation_remove(rq->wdb, ind.id, &key, who->name, (int64_t)time(NULL), &we);
    if (rc == ERR_NOTFOUND || rc == ERR_INVALID) {
        form_error(&v.remove_e, "remove_year",
                   _("There is no value for this year and breakdown. Check the year and the "
                     "breakdown values."));
        return edit_page(rq, &ind, &v);
    }
    if (rc)
        return rc;
    resp_redirect(rq, url_indicator(rq, ind.id));
    return ERR_OK;
}

/* ------------------------------------------------------------ uploading a file */

struct upload_state {
    struct req *rq;
    const struct indicator *ind;
    const char *who;
    enum import_format fmt;
    struct import_opts opts;
    struct import *im;
    bool bad_format, bad_mode;
};

/* The form's parts after csrf: format (read before the file: the form puts it first), then
 * the file, streamed to the importer; any other part is ignored. */
static enum err
on_part(void *ctx, enum multipart_event ev, const struct multipart_part *p, const char *data,
        size_t len)
{
    struct upload_state *st = ctx;

    if (ev == MP_FIELD && strcmp(p->name, "mode") == 0) {
        if (strcmp(data, "merge") == 0)
            st->opts.mode = IMPORT_MERGE;
        else if (strcmp(data, "replace") != 0)
            st->bad_mode = true;
        return ERR_OK;
    }
    if (ev == MP_FIELD && strcmp(p->name, "allow_empty") == 0) {
        st->opts.allow_empty = strcmp(data, "1") == 0;
        return ERR_OK;
    }
    if (strcmp(p->name, ev == MP_FIELD ? "format" : "file") != 0)
        return ERR_OK;
    switch (ev) {
    case MP_FIELD:
        if (strcmp(data, "csv") == 0 || strcmp(data, "json") == 0)
            st->fmt = data[0] == 'j' ? IMPORT_JSON : IMPORT_CSV;
        else
            st->bad_format = true;
        return ERR_OK;
    case MP_FILE_BEGIN:
        /* no file chosen: the browser sends the part with an empty name */
        if (p->filename[0] == '\0' || st->bad_format || st->bad_mode || st->im != NULL)
            return ERR_OK;
        return import_begin(st->rq->wdb, st->ind->id, st->fmt, st->who, 0, &st->opts, &st->im);
    case MP_FILE_DATA:
        /* a refused row stops the import (import_finish reports it); the rest is read on */
        if (st->im != NULL)
            import_feed(st->im, data, len);
        return ERR_OK;
    case MP_FILE_END:
        break;
    }
    return ERR_OK;
}

/* What a stored file changed, and what the import accepted but the user should know
 * (repeated rows kept once, columns ignored ...): the notices in the page's language, as the
 * importer said them (its thread speaks the request's), and so are its refusals. */
static enum err
result_page(struct req *rq, const struct indicator *ind, const struct import_result *ir)
{
    const char *title = _("The file was stored");
    const struct import_notice *n;
    struct html h;
    int i;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    html_open(&h, "p", "role", "status", NULL);
    html_printf(&h,
                ngettext("%ld observation in the file: %ld added, %ld changed, %ld removed, %ld "
                         "unchanged.",
                         "%ld observations in the file: %ld added, %ld changed, %ld removed, %ld "
                         "unchanged.",
                         (unsigned long)ir->rows),
                ir->rows, ir->inserted, ir->changed, ir->removed, ir->unchanged);
    html_close(&h, "p");
    html_elem(&h, "h2", _("Notices"));
    html_open(&h, "ul", "class", "notices", NULL);
    /* the settings that no longer fit the data come last, in the domain's English: the
     * indicator's page says them in the reader's language, with the numbers */
    for (i = 0; i < ir->n_notices - ir->n_setting_notices; i++) {
        n = &ir->notices[i];
        html_open(&h, "li", NULL);
        if (n->line > 0 && n->column > 0)
            html_printf(&h, _("Line %ld, column %d: %s"), n->line, n->column, n->msg);
        else if (n->line > 0)
            html_printf(&h, _("Line %ld: %s"), n->line, n->msg);
        else
            html_text(&h, n->msg);
        html_close(&h, "li");
    }
    if (ir->n_setting_notices > 0) {
        html_open(&h, "li", NULL);
        html_text(&h, ngettext("One of the indicator's settings no longer fits its data:",
                               "Some of the indicator's settings no longer fit its data:",
                               (unsigned long)ir->n_setting_notices));
        html_text(&h, " ");
        html_elem_attr(&h, "a", _("see the indicator's page"), "href", url_indicator(rq, ind->id),
                       NULL);
        html_text(&h, ".");
        html_close(&h, "li");
    }
    html_close(&h, "ul");
    if (ir->total_notices > ir->n_notices)
        html_elem(&h, "p",
                  arena_printf(rq->arena, _("%ld more notices are not shown."),
                               ir->total_notices - ir->n_notices));
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the indicator"), "href", url_indicator(rq, ind->id), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
post_data_upload(struct req *rq)
{
    struct upload_state st = {0};
    const struct principal *who;
    struct import_result ir;
    struct tidy_error te;
    struct indicator ind;
    struct data_view v;
    const char *msg;
    enum err rc;

    rc = load(rq, rq->wdb, &ind);
    if (rc)
        return rc;
    rc = req_principal(rq, &who);
    if (rc)
        return rc;
    view_init(rq, &ind, &v);
    st.rq = rq;
    st.ind = &ind;
    st.who = who->name;
    st.fmt = IMPORT_CSV;
    rc = upload_read(rq, on_part, &st, &msg);
    if (rc) {
        if (st.im != NULL)
            import_abort(st.im);
        if (rc == ERR_LIMIT)
            return req_refuse(rq, REFUSE_TOO_LARGE, NULL,
                              _("The form could not be read. Please reload the page and try "
                                "again."));
        if (rc == ERR_INVALID)
            return req_invalid(rq, NULL,
                               _("The form could not be read. Please reload the page and try "
                                 "again."));
        return rc;
    }
    v.format = st.fmt == IMPORT_JSON ? "json" : "csv";
    v.mode = st.opts.mode == IMPORT_MERGE ? "merge" : "replace";
    v.allow_empty = st.opts.allow_empty;
    if (st.bad_mode) {
        form_error(&v.upload_e, "mode", _("Choose replace or merge."));
        return edit_page(rq, &ind, &v);
    }
    if (st.bad_format) {
        form_error(&v.upload_e, "format", _("Choose tidy CSV or JSON."));
        return edit_page(rq, &ind, &v);
    }
    if (st.im == NULL) {
        form_error(&v.upload_e, "file", _("Choose a file to upload."));
        return edit_page(rq, &ind, &v);
    }
    rc = import_finish_result(st.im, &ir, &te);
    if (rc == ERR_INVALID || rc == ERR_LIMIT) {
        /* the data's fault: nothing was stored (the transaction rolled back); say where */
        if (te.column > 0)
            msg = arena_printf(rq->arena, _("The file was not stored. Line %ld, column %d: %s"),
                               te.line, te.column, te.msg);
        else
            msg = arena_printf(rq->arena, _("The file was not stored. Line %ld: %s"), te.line,
                               te.msg);
        form_error(&v.upload_e, "file", msg);
        return edit_page(rq, &ind, &v);
    }
    if (rc)
        return rc;
    /* the count summary is always a notice; anything more is shown before going on, but
     * the settings that no longer fit the data: the indicator's page names those itself */
    if (ir.n_notices - ir.n_setting_notices > 1)
        return result_page(rq, &ind, &ir);
    resp_redirect(rq, url_indicator_stored(rq, ind.id, ir.rows));
    return ERR_OK;
}

/* ------------------------------------------------------------ on the indicator page */

void
data_offer(struct req *rq, struct html *h, const struct indicator *ind)
{
    struct authz_scope scope = {0};
    int64_t stored = req_int(rq, "stored", -1);

    scope.mission_id = ind->mission_id;
    if (!req_offers(rq, AUTHZ_OBSERVATION_WRITE, &scope))
        return;
    if (stored >= 0) {
        html_open(h, "p", "class", "notice", "role", "status", NULL);
        html_printf(h,
                    ngettext("The file was stored: %s observation.",
                             "The file was stored: %s observations.", (unsigned long)stored),
                    str_fmt_number(rq->arena, (double)stored, 0, rq->lang == LANG_SV));
        html_close(h, "p");
    }
    html_open(h, "p", NULL);
    html_elem_attr(h, "a", _("Edit the data"), "href", url_indicator_data_edit(rq, ind->id), NULL);
    html_close(h, "p");
}
