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

enum err
indicator_export(struct db *db, struct arena *a, int64_t indicator_id, enum import_format fmt,
                 struct buf *out)
{
    struct indicator ind;
    struct observation *obs;
    struct json j;
    bool has_series = false, has_unit = false, has_source = false, has_note = false;
    const char *v;
    int n, i, k;
    enum err rc;

    rc = indicator_get(db, a, indicator_id, &ind);
    if (rc == ERR_OK)
        rc = indicator_observations(db, a, indicator_id, &obs, &n);
    if (rc)
        return rc;
    for (i = 0; i < n; i++) {
        has_series = has_series || *obs[i].series != '\0';
        has_unit = has_unit || *obs[i].unit != '\0';
        has_source = has_source || *obs[i].source != '\0';
        has_note = has_note || *obs[i].note != '\0';
    }
    if (fmt == IMPORT_CSV) {
        buf_adds(out, "Year");
        if (has_series)
            buf_adds(out, ",Series");
        if (has_unit)
            buf_adds(out, ",Units");
        for (k = 0; k < ind.n_dimensions; k++) {
            buf_addc(out, ',');
            export_csv_cell(out, ind.dimensions[k], true);
        }
        if (has_source)
            buf_adds(out, ",Source");
        if (has_note)
            buf_adds(out, ",Note");
        buf_adds(out, ",Value\n");
        for (i = 0; i < n; i++) {
            export_csv_cell(out, obs[i].period, false);
            if (has_series) {
                buf_addc(out, ',');
                export_csv_cell(out, obs[i].series, true);
            }
            if (has_unit) {
                buf_addc(out, ',');
                export_csv_cell(out, obs[i].unit, true);
            }
            for (k = 0; k < ind.n_dimensions; k++) {
                buf_addc(out, ',');
                export_csv_cell(out, dim_value(a, obs[i].disagg, ind.dimensions[k]), true);
            }
            if (has_source) {
                buf_addc(out, ',');
                export_csv_cell(out, obs[i].source, true);
            }
            if (has_note) {
                buf_addc(out, ',');
                export_csv_cell(out, obs[i].note, true);
            }
            buf_addc(out, ',');
            export_number(out, obs[i].value);
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
        if (*obs[i].source)
            json_kstr(&j, "Source", obs[i].source);
        if (*obs[i].note)
            json_kstr(&j, "Note", obs[i].note);
        json_kdbl(&j, "Value", obs[i].value);
        json_obj_close(&j);
    }
    json_arr_close(&j);
    if (json_finish(&j) == ERR_OK)
        buf_addc(out, '\n');
    return json_finish(&j);
}
