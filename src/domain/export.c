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

/* Whether a "Field=Value" string (disagg, attrs) has a pair for field `name`. */
static bool
has_pair(const char *pairs, const char *name)
{
    size_t n = strlen(name);
    const char *p = pairs;

    while (*p) {
        if (strncmp(p, name, n) == 0 && p[n] == '=')
            return true;
        p = strchr(p, TIDY_DISAGG_SEP);
        if (p == NULL)
            break;
        p++;
    }
    return false;
}

/* The value of dimension `name` in a canonical disaggregation string, or "". */
static const char *
dim_value(struct arena *a, const char *disagg, const char *name)
{
    size_t n = strlen(name);
    const char *p = disagg, *end;

    while (*p) {
        end = strchr(p, TIDY_DISAGG_SEP);
        if (end == NULL)
            end = p + strlen(p);
        if ((size_t)(end - p) > n && strncmp(p, name, n) == 0 && p[n] == '=')
            return arena_strndup(a, p + n + 1, (size_t)(end - p - n - 1));
        p = *end ? end + 1 : end;
    }
    return "";
}

int
export_columns(const struct indicator *ind, const struct observation *obs, int n,
               struct export_column *out)
{
    bool has_series = false, has_unit = false, has_source = false, has_note = false;
    bool has_progress = false, has_attr[16] = {false};
    const char *name;
    int i, a, k = 0;

    for (i = 0; i < n; i++) {
        has_series = has_series || *obs[i].series != '\0';
        has_unit = has_unit || *obs[i].unit != '\0';
        has_source = has_source || *obs[i].source != '\0';
        has_note = has_note || *obs[i].note != '\0';
        has_progress = has_progress || obs[i].has_progress;
        for (a = 0; *obs[i].attrs && (name = tidy_attribute(a)) != NULL && a < 16; a++)
            has_attr[a] = has_attr[a] || has_pair(obs[i].attrs, name);
    }
    out[k++] = (struct export_column){EXPORT_YEAR, "Year", -1};
    if (has_series)
        out[k++] = (struct export_column){EXPORT_SERIES, "Series", -1};
    if (has_unit)
        out[k++] = (struct export_column){EXPORT_UNITS, "Units", -1};
    for (i = 0; i < ind->n_dimensions && k < EXPORT_MAX_COLUMNS - 3; i++)
        out[k++] = (struct export_column){EXPORT_DIMENSION, ind->dimensions[i], i};
    for (a = 0; (name = tidy_attribute(a)) != NULL && a < 16; a++)
        if (has_attr[a])
            out[k++] = (struct export_column){EXPORT_ATTRIBUTE, name, -1};
    if (has_source)
        out[k++] = (struct export_column){EXPORT_SOURCE, "Source", -1};
    if (has_note)
        out[k++] = (struct export_column){EXPORT_NOTE, "Note", -1};
    if (has_progress)
        out[k++] = (struct export_column){EXPORT_PROGRESS, "Progress", -1};
    out[k++] = (struct export_column){EXPORT_VALUE, "Value", -1};
    return k;
}

/* One observation's cell of column c, as the CSV export writes it. */
static void
csv_cell(struct buf *out, struct arena *a, const struct export_column *c,
         const struct observation *o)
{
    switch (c->kind) {
    case EXPORT_YEAR:
        /* never guarded: the import refuses a period a spreadsheet would run */
        export_csv_cell(out, o->period, false);
        break;
    case EXPORT_SERIES:
        export_csv_cell(out, o->series, true);
        break;
    case EXPORT_UNITS:
        export_csv_cell(out, o->unit, true);
        break;
    case EXPORT_DIMENSION:
        export_csv_cell(out, dim_value(a, o->disagg, c->name), true);
        break;
    case EXPORT_ATTRIBUTE:
        export_csv_cell(out, dim_value(a, o->attrs, c->name), true);
        break;
    case EXPORT_SOURCE:
        export_csv_cell(out, o->source, true);
        break;
    case EXPORT_NOTE:
        export_csv_cell(out, o->note, true);
        break;
    case EXPORT_PROGRESS:
        if (o->has_progress)
            export_number(out, o->progress);
        break;
    case EXPORT_VALUE:
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
    struct export_column cols[EXPORT_MAX_COLUMNS];
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
        n_cols = export_columns(&ind, obs, n, cols);
        for (k = 0; k < n_cols; k++) {
            if (k > 0)
                buf_addc(out, ',');
            /* names are checked on import (tidy_check_name): none is ever guarded */
            export_csv_cell(out, cols[k].name, true);
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
