/*
 * export.c — indicator data out as tidy CSV or JSON (see export.h).
 */
#include "domain/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/str.h"
#include "domain/indicator.h"

void
export_number(struct buf *b, double v)
{
    char tmp[40];

    str_shortest(tmp, sizeof(tmp), v);
    buf_adds(b, tmp);
}

void
export_csv_cell(struct buf *b, const char *s, bool text)
{
    size_t n = strlen(s);
    /* quoted too when it starts or ends with a space or a tab: libcsv trims those from an
     * unquoted field, and the export must import back as it was */
    bool quote = strpbrk(s, ",\"\r\n") != NULL ||
                 (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));
    bool neutral = text && tidy_formula_like(s); /* undone by tidy_unformula on import */

    if (neutral && !quote)
        quote = strchr(s, '\t') != NULL;
    if (quote)
        buf_addc(b, '"');
    if (neutral)
        buf_addc(b, '\'');
    for (; *s; s++) {
        if (*s == '"')
            buf_addc(b, '"');
        buf_addc(b, *s);
    }
    if (quote)
        buf_addc(b, '"');
}

/* The value of field `name` in "Field=Value" pairs joined by TIDY_DISAGG_SEP (disagg,
 * attrs): where it starts, *len its bytes; NULL when there is no such pair. */
static const char *
pair_value(const char *pairs, const char *name, size_t *len)
{
    size_t n = strlen(name);
    const char *p = pairs, *end;

    while (*p) {
        end = strchr(p, TIDY_DISAGG_SEP);
        if (end == NULL)
            end = p + strlen(p);
        if ((size_t)(end - p) > n && strncmp(p, name, n) == 0 && p[n] == '=') {
            *len = (size_t)(end - p - n - 1);
            return p + n + 1;
        }
        p = *end ? end + 1 : end;
    }
    return NULL;
}

/* The value of dimension `name` in a canonical disaggregation string, or "". */
static const char *
dim_value(struct arena *a, const char *disagg, const char *name)
{
    size_t len;
    const char *v = pair_value(disagg, name, &len);

    return v != NULL ? arena_strndup(a, v, len) : "";
}

/* The cell export_csv_cell writes for s, as a CSV parser reads it back (quotes undone,
 * the guard's apostrophe kept): what a column's header is to whoever reads the file. */
static const char *
cell_as_read(struct arena *a, const char *s, bool text)
{
    struct buf b;
    const char *p, *end;
    char *r, *w;

    buf_init(&b, 0);
    export_csv_cell(&b, s, text);
    if (buf_err(&b) || b.len == 0) {
        buf_free(&b);
        return s;
    }
    p = b.data;
    end = b.data + b.len;
    if (*p == '"') {
        p++;
        end--;
    }
    r = w = arena_alloc(a, (size_t)(end - p) + 1);
    for (; p < end; p++) {
        *w++ = *p;
        if (*p == '"')
            p++; /* "" inside quotes is one quote */
    }
    *w = '\0';
    buf_free(&b);
    return r;
}

int
export_columns(struct arena *a, const struct indicator *ind, const struct observation *obs, int n,
               struct export_column **out)
{
    bool has_series = false, has_unit = false, has_source = false, has_note = false;
    bool has_progress = false, has_attr[TIDY_N_ATTRIBUTES] = {false};
    struct export_column *c;
    const char *name;
    size_t len;
    int i, t, k = 0;

    for (i = 0; i < n; i++) {
        has_series = has_series || *obs[i].series != '\0';
        has_unit = has_unit || *obs[i].unit != '\0';
        has_source = has_source || *obs[i].source != '\0';
        has_note = has_note || *obs[i].note != '\0';
        has_progress = has_progress || obs[i].has_progress;
        for (t = 0; *obs[i].attrs && (name = tidy_attribute(t)) != NULL; t++)
            has_attr[t] = has_attr[t] || pair_value(obs[i].attrs, name, &len) != NULL;
    }
    c = arena_alloc(a, (size_t)(ind->n_dimensions + TIDY_N_ATTRIBUTES + 7) * sizeof(*c));
    c[k++] = (struct export_column){EXPORT_COL_YEAR, "Year", "Year"};
    if (has_series)
        c[k++] = (struct export_column){EXPORT_COL_SERIES, "Series", "Series"};
    if (has_unit)
        c[k++] = (struct export_column){EXPORT_COL_UNITS, "Units", "Units"};
    for (i = 0; i < ind->n_dimensions; i++)
        c[k++] = (struct export_column){EXPORT_COL_BREAKDOWN, ind->dimensions[i],
                                        cell_as_read(a, ind->dimensions[i], true)};
    for (t = 0; (name = tidy_attribute(t)) != NULL; t++)
        if (has_attr[t])
            c[k++] = (struct export_column){EXPORT_COL_ATTRIBUTE, name, name};
    if (has_source)
        c[k++] = (struct export_column){EXPORT_COL_SOURCE, "Source", "Source"};
    if (has_note)
        c[k++] = (struct export_column){EXPORT_COL_NOTE, "Note", "Note"};
    if (has_progress)
        c[k++] = (struct export_column){EXPORT_COL_PROGRESS, "Progress", "Progress"};
    c[k++] = (struct export_column){EXPORT_COL_VALUE, "Value", "Value"};
    *out = c;
    return k;
}

/* One observation's cell of column c, as the CSV export writes it. */
static void
csv_cell(struct buf *out, struct arena *a, const struct export_column *c,
         const struct observation *o)
{
    switch (c->kind) {
    case EXPORT_COL_YEAR:
        /* never guarded: the import refuses a period a spreadsheet would run */
        export_csv_cell(out, o->period, false);
        break;
    case EXPORT_COL_SERIES:
        export_csv_cell(out, o->series, true);
        break;
    case EXPORT_COL_UNITS:
        export_csv_cell(out, o->unit, true);
        break;
    case EXPORT_COL_BREAKDOWN:
        export_csv_cell(out, dim_value(a, o->disagg, c->name), true);
        break;
    case EXPORT_COL_ATTRIBUTE:
        export_csv_cell(out, dim_value(a, o->attrs, c->name), true);
        break;
    case EXPORT_COL_SOURCE:
        export_csv_cell(out, o->source, true);
        break;
    case EXPORT_COL_NOTE:
        export_csv_cell(out, o->note, true);
        break;
    case EXPORT_COL_PROGRESS:
        if (o->has_progress)
            export_number(out, o->progress);
        break;
    case EXPORT_COL_VALUE:
        export_number(out, o->value);
        break;
    }
}

enum err
indicator_export(struct db *db, struct arena *a, int64_t indicator_id, enum import_format fmt,
                 struct buf *out)
{
    struct indicator ind;
    struct observation *obs;
    struct export_column *cols;
    struct json j;
    const char *v, *name;
    int n, n_cols, i, k;
    enum err rc;

    rc = indicator_get(db, a, indicator_id, &ind);
    if (rc == ERR_OK)
        rc = indicator_observations(db, a, indicator_id, &obs, &n);
    if (rc)
        return rc;
    if (fmt == IMPORT_CSV) {
        n_cols = export_columns(a, &ind, obs, n, &cols);
        for (k = 0; k < n_cols; k++) {
            if (k > 0)
                buf_addc(out, ',');
            export_csv_cell(out, cols[k].name, cols[k].kind == EXPORT_COL_BREAKDOWN);
        }
        buf_addc(out, '\n');
        for (i = 0; i < n; i++) {
            for (k = 0; k < n_cols; k++) {
                if (k > 0)
                    buf_addc(out, ',');
                csv_cell(out, a, &cols[k], &obs[i]);
            }
            buf_addc(out, '\n');
        }
        return buf_err(out);
    }
    json_init(&j, out);
    json_arr_open(&j);
    for (i = 0; i < n; i++) {
        json_obj_open(&j);
        json_kstr(&j, "Year", obs[i].period);
        if (*obs[i].series)
            json_kstr(&j, "Series", obs[i].series);
        if (*obs[i].unit)
            json_kstr(&j, "Units", obs[i].unit);
        for (k = 0; k < ind.n_dimensions; k++) {
            v = dim_value(a, obs[i].disagg, ind.dimensions[k]);
            if (*v)
                json_kstr(&j, ind.dimensions[k], v);
        }
        /* attributes in the same order as the CSV's columns */
        for (k = 0; (name = tidy_attribute(k)) != NULL; k++) {
            v = dim_value(a, obs[i].attrs, name);
            if (*v)
                json_kstr(&j, name, v);
        }
        if (*obs[i].source)
            json_kstr(&j, "Source", obs[i].source);
        if (*obs[i].note)
            json_kstr(&j, "Note", obs[i].note);
        if (obs[i].has_progress)
            json_kdbl(&j, "Progress", obs[i].progress);
        json_kdbl(&j, "Value", obs[i].value);
        json_obj_close(&j);
    }
    json_arr_close(&j);
    if (json_finish(&j) == ERR_OK)
        buf_addc(out, '\n');
    return json_finish(&j);
}
