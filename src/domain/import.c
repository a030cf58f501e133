/*
 * import.c — all-or-nothing indicator data import (see import.h).
 */
#include "domain/import.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/str.h"
#include "domain/assess.h"
#include "domain/model.h"

#define MAX_DIMS    TIDY_MAX_COLUMNS
#define IMPORT_RING 1024 /* more than a pipeline batch */

struct import {
    struct db *db;
    int64_t indicator_id, mission_id;
    enum import_format fmt;
    char *who;
    struct tidy_reader *t;
    struct buf json;
    char *dims[MAX_DIMS];
    int n_dims;
    int dim_col[MAX_DIMS]; /* declared dimension -> column in the file, -1 if absent */
    long rows;
    /* a backend may report an insert's failure a few statements later (PostgreSQL's
     * pipeline): remember the line and year of the recent statements by ordinal */
    long runs;
    long ring_line[IMPORT_RING];
    int ring_year[IMPORT_RING];
    struct buf disagg;
    struct series_count *series; /* distinct series so far: at most ASSESS_MAX_SERIES */
    struct tidy_error err;
    enum err rc;
};

static enum err
set_err(struct tidy_error *e, enum err rc, long line, int column, const char *fmt, ...)
{
    va_list ap;

    e->line = line;
    e->column = column;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return rc;
}

static enum err
load_dims(struct import *im)
{
    struct db_stmt *st = db_stmt(im->db, Q_INDICATOR_DIMENSIONS);
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, im->indicator_id);
    while ((rc = db_step(st, &row)) == ERR_OK && row && im->n_dims < MAX_DIMS) {
        im->dims[im->n_dims] = strdup(db_text(st, 0));
        if (im->dims[im->n_dims] == NULL)
            die("out of memory");
        im->n_dims++;
    }
    db_done(st);
    return rc;
}

static int
dim_index(const struct import *im, const char *name)
{
    int i;

    for (i = 0; i < im->n_dims; i++)
        if (strcmp(im->dims[i], name) == 0)
            return i;
    return -1;
}

/* db_run, counting the statement and remembering where it came from. */
static enum err
run_at(struct import *im, struct db_stmt *st, long line, int year)
{
    im->ring_line[im->runs % IMPORT_RING] = line;
    im->ring_year[im->runs % IMPORT_RING] = year;
    im->runs++;
    return db_run(st);
}

/* Declare a dimension (an indicator with none declared takes the file's). */
static enum err
add_dim(struct import *im, const char *name)
{
    struct db_stmt *st = db_stmt(im->db, Q_DIMENSION_ADD);

    if (st == NULL)
        return ERR_DB;
    if (im->n_dims >= MAX_DIMS)
        return ERR_LIMIT;
    db_bind_i64(st, 1, im->indicator_id);
    db_bind_i64(st, 2, im->n_dims);
    db_bind_text(st, 3, name);
    im->dims[im->n_dims] = strdup(name);
    if (im->dims[im->n_dims] == NULL)
        die("out of memory");
    im->n_dims++;
    return run_at(im, st, 1, 0);
}

/* Insert one observation; cells[i] is the value of declared dimension i ("" if none). */
static enum err
insert_row(struct import *im, long line, int year_col, const char *period, int year,
           const char *series, const char *unit, const char *const *cells, double value,
           struct tidy_error *e)
{
    struct db_stmt *st;
    enum err rc;
    int i;

    buf_reset(&im->disagg);
    for (i = 0; i < im->n_dims; i++) {
        if (cells[i] == NULL || *cells[i] == '\0')
            continue;
        if (im->disagg.len > 0)
            buf_addc(&im->disagg, TIDY_DISAGG_SEP);
        buf_adds(&im->disagg, im->dims[i]);
        buf_addc(&im->disagg, '=');
        buf_adds(&im->disagg, cells[i]);
    }
    /* every later read of the indicator works in proportion to its series (assess.h) */
    if (series_count_add(im->series, series, unit, im->disagg.data ? im->disagg.data : "") >
        ASSESS_MAX_SERIES)
        return set_err(e, ERR_INVALID, line, year_col > 0 ? 1 : 0,
                       "more than %d series (distinct Series, Units and disaggregation) in one "
                       "indicator",
                       ASSESS_MAX_SERIES);
    st = db_stmt(im->db, Q_OBSERVATION_ADD);
    if (st == NULL)
        return ERR_DB;
    /* the strings outlive the insert (db_run resets the statement before we return) */
    db_bind_i64(st, 1, im->indicator_id);
    db_bind_text_ref(st, 2, period);
    db_bind_i64(st, 3, year);
    db_bind_text_ref(st, 4, series);
    db_bind_text_ref(st, 5, unit);
    db_bind_text_ref(st, 6, im->disagg.data ? im->disagg.data : "");
    db_bind_dbl(st, 7, value);
    db_bind_text_ref(st, 8, "");
    db_bind_text_ref(st, 9, "");
    rc = run_at(im, st, line, year);
    if (rc != ERR_OK) {
        long at = db_bulk_failed_at(im->db);

        /* the failure may be an earlier row's, reported now */
        if (at >= 0 && at < im->runs && im->runs - at <= IMPORT_RING) {
            line = im->ring_line[at % IMPORT_RING];
            year = im->ring_year[at % IMPORT_RING];
        }
    }
    if (rc == ERR_CONFLICT)
        return set_err(e, ERR_INVALID, line, year_col,
                       "a second value for %d in one series (same Series, Units and "
                       "disaggregation)",
                       year);
    if (rc == ERR_OK)
        im->rows++;
    return rc;
}

/* ------------------------------------------------------------ CSV */

static enum err
on_header(void *ctx, const struct tidy_header *h, struct tidy_error *e)
{
    struct import *im = ctx;
    bool declare = im->n_dims == 0;
    enum err rc;
    int i, k, c;

    if (h->progress_col >= 0)
        return set_err(e, ERR_INVALID, 1, h->progress_col + 1,
                       "the Progress column is not stored by an import; remove it");
    for (i = 0; i < MAX_DIMS; i++)
        im->dim_col[i] = -1;
    for (i = 0; i < h->n_dims; i++) {
        c = h->dim_cols[i];
        k = dim_index(im, h->names[c]);
        if (k < 0 && !declare)
            return set_err(e, ERR_INVALID, 1, c + 1,
                           "unknown column \"%s\": the indicator's disaggregation columns are "
                           "fixed once data has been imported",
                           h->names[c]);
        if (k < 0) {
            rc = add_dim(im, h->names[c]);
            if (rc)
                return rc;
            k = im->n_dims - 1;
        }
        im->dim_col[k] = c;
    }
    return ERR_OK;
}

static enum err
on_row(void *ctx, const struct tidy_header *h, const struct tidy_row *r, struct tidy_error *e)
{
    struct import *im = ctx;
    const char *cells[MAX_DIMS];
    int i;

    if (!r->has_value)
        return ERR_OK;
    for (i = 0; i < im->n_dims; i++)
        cells[i] = im->dim_col[i] >= 0 ? r->cells[im->dim_col[i]] : "";
    return insert_row(im, r->line, h->year_col + 1, r->period, r->year, r->series, r->unit, cells,
                      r->raw_value, e);
}

/* ------------------------------------------------------------ JSON */

static enum err
json_record(struct import *im, json_t *rec, long n, struct tidy_error *e)
{
    const char *cells[MAX_DIMS] = {0}, *key, *period = NULL, *series = "", *unit = "";
    char yearbuf[24];
    json_t *v;
    double value = 0;
    bool has_value = false;
    int k, i, year;
    enum err rc;

    if (!json_is_object(rec))
        return set_err(e, ERR_INVALID, n, 0, "record %ld is not an object", n);
    json_object_foreach(rec, key, v)
    {
        if (strcmp(key, "Year") == 0) {
            if (json_is_integer(v)) {
                snprintf(yearbuf, sizeof(yearbuf), "%lld", (long long)json_integer_value(v));
                period = yearbuf;
            } else if (json_is_string(v)) {
                period = json_string_value(v);
            } else {
                return set_err(e, ERR_INVALID, n, 0, "record %ld: Year must be a string or integer",
                               n);
            }
        } else if (strcmp(key, "Value") == 0) {
            if (json_is_number(v)) {
                value = json_number_value(v);
                has_value = true;
            } else if (!json_is_null(v)) {
                return set_err(e, ERR_INVALID, n, 0, "record %ld: Value is not a number", n);
            }
        } else if (strcmp(key, "Series") == 0 || strcmp(key, "Units") == 0) {
            if (!json_is_string(v))
                return set_err(e, ERR_INVALID, n, 0, "record %ld: %s must be a string", n, key);
            if (key[0] == 'S')
                series = json_string_value(v);
            else
                unit = json_string_value(v);
        } else if (strcmp(key, "Progress") == 0) {
            return set_err(e, ERR_INVALID, n, 0,
                           "record %ld: the Progress column is not stored by an import", n);
        } else {
            if (!json_is_string(v) && !json_is_null(v))
                return set_err(e, ERR_INVALID, n, 0, "record %ld: %s must be a string", n, key);
            if (strlen(key) == 0 || strlen(key) > TIDY_MAX_FIELD)
                return set_err(e, ERR_INVALID, n, 0, "record %ld: bad column name", n);
            k = dim_index(im, key);
            if (k < 0) {
                if (im->rows > 0 || n > 1)
                    return set_err(e, ERR_INVALID, n, 0, "record %ld: unknown column \"%s\"", n,
                                   key);
                rc = add_dim(im, key);
                if (rc)
                    return rc;
                k = im->n_dims - 1;
            }
            cells[k] = json_is_string(v) ? json_string_value(v) : "";
        }
    }
    if (period == NULL)
        return set_err(e, ERR_INVALID, n, 0, "record %ld has no Year", n);
    for (i = 0; i < 4; i++)
        if (period[i] < '0' || period[i] > '9')
            return set_err(e, ERR_INVALID, n, 0,
                           "record %ld: Year \"%s\" does not start with a four-digit year", n,
                           period);
    if (!has_value)
        return ERR_OK;
    if (!isfinite(value))
        return set_err(e, ERR_INVALID, n, 0, "record %ld: Value is not finite", n);
    year = (period[0] - '0') * 1000 + (period[1] - '0') * 100 + (period[2] - '0') * 10 +
           (period[3] - '0');
    return insert_row(im, n, 0, period, year, series, unit, cells, value, e);
}

static enum err
json_import(struct import *im, struct tidy_error *e)
{
    json_error_t je;
    json_t *root, *rec;
    size_t i;
    enum err rc = ERR_OK;

    if (im->json.len == 0)
        return set_err(e, ERR_INVALID, 1, 0, "empty file");
    if (!utf8_valid(im->json.data, im->json.len))
        return set_err(e, ERR_INVALID, 1, 0, "invalid UTF-8");
    root = json_loadb(im->json.data, im->json.len, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL)
        return set_err(e, ERR_INVALID, je.line, je.column, "%s", je.text);
    if (!json_is_array(root)) {
        json_decref(root);
        return set_err(e, ERR_INVALID, 1, 1, "expected an array of records");
    }
    if (IMPORT_MAX_ROWS < (long)json_array_size(root)) {
        json_decref(root);
        return set_err(e, ERR_LIMIT, 1, 0, "more than %ld records", IMPORT_MAX_ROWS);
    }
    json_array_foreach(root, i, rec)
    {
        rc = json_record(im, rec, (long)i + 1, e);
        if (rc)
            break;
    }
    json_decref(root);
    return rc;
}

/* ------------------------------------------------------------ lifecycle */

static void
im_free(struct import *im)
{
    int i;

    db_bulk(im->db, false);
    tidy_free(im->t);
    buf_free(&im->json);
    buf_free(&im->disagg);
    series_count_free(im->series);
    for (i = 0; i < im->n_dims; i++)
        free(im->dims[i]);
    free(im->who);
    free(im);
}

enum err
import_begin(struct db *db, int64_t indicator_id, enum import_format fmt, const char *who,
             struct import **out)
{
    struct import *im;
    struct db_stmt *st;
    enum err rc;
    bool row;

    *out = NULL;
    im = calloc(1, sizeof(*im));
    if (im == NULL)
        die("out of memory");
    im->db = db;
    im->indicator_id = indicator_id;
    im->fmt = fmt;
    im->who = strdup(who ? who : "unknown");
    if (im->who == NULL)
        die("out of memory");
    buf_init(&im->json, IMPORT_MAX_JSON);
    buf_init(&im->disagg, MAX_DIMS * (TIDY_MAX_FIELD + 2));
    im->series = series_count_new();
    db_bulk(db, true);
    rc = db_begin(db);
    if (rc) {
        im_free(im);
        return rc;
    }
    st = db_stmt(db, Q_INDICATOR_EXISTS);
    if (st == NULL) {
        rc = ERR_DB;
        goto fail;
    }
    db_bind_i64(st, 1, indicator_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        im->mission_id = db_i64(st, 0);
    db_done(st);
    if (rc)
        goto fail;
    rc = load_dims(im);
    if (rc)
        goto fail;
    st = db_stmt(db, Q_OBSERVATIONS_DELETE);
    if (st == NULL) {
        rc = ERR_DB;
        goto fail;
    }
    db_bind_i64(st, 1, indicator_id);
    rc = run_at(im, st, 0, 0);
    if (rc)
        goto fail;
    if (fmt == IMPORT_CSV)
        im->t = tidy_new(on_header, on_row, im, IMPORT_MAX_ROWS);
    *out = im;
    return ERR_OK;
fail:
    db_rollback(db);
    im_free(im);
    return rc;
}

enum err
import_feed(struct import *im, const char *data, size_t len)
{
    if (im->rc)
        return im->rc;
    if (im->fmt == IMPORT_CSV) {
        im->rc = tidy_feed(im->t, data, len);
        if (im->rc)
            im->err = *tidy_error(im->t);
        return im->rc;
    }
    buf_add(&im->json, data, len);
    if (buf_err(&im->json))
        im->rc = set_err(&im->err, ERR_LIMIT, 0, 0, "JSON larger than %ld bytes", IMPORT_MAX_JSON);
    return im->rc;
}

enum err
import_finish(struct import *im, long *out_rows, struct tidy_error *out_err)
{
    enum err rc = im->rc;
    char detail[64];

    memset(out_err, 0, sizeof(*out_err));
    if (rc == ERR_OK && im->fmt == IMPORT_CSV) {
        rc = tidy_finish(im->t);
        if (rc)
            im->err = *tidy_error(im->t);
    } else if (rc == ERR_OK) {
        rc = json_import(im, &im->err);
    }
    if (rc == ERR_OK) {
        /* statements still in flight (PostgreSQL's pipeline) fail here, if at all */
        rc = db_bulk_sync(im->db);
        if (rc != ERR_OK) {
            long at = db_bulk_failed_at(im->db);
            long line = at >= 0 ? im->ring_line[at % IMPORT_RING] : 0;
            int year = at >= 0 ? im->ring_year[at % IMPORT_RING] : 0;

            if (rc == ERR_CONFLICT)
                rc = set_err(&im->err, ERR_INVALID, line, 1,
                             "a second value for %d in one series (same Series, Units and "
                             "disaggregation)",
                             year);
        }
    }
    if (rc == ERR_OK) {
        snprintf(detail, sizeof(detail), "%ld observations", im->rows);
        rc = audit_add(im->db, im->who, "import", "indicator", im->indicator_id, im->mission_id,
                       detail);
    }
    if (rc == ERR_OK)
        rc = db_commit(im->db);
    if (rc) {
        db_rollback(im->db);
        *out_err = im->err;
        if (out_err->msg[0] == '\0')
            snprintf(out_err->msg, sizeof(out_err->msg), "%s", err_str(rc));
    }
    if (out_rows != NULL)
        *out_rows = rc ? 0 : im->rows;
    im_free(im);
    return rc;
}

void
import_abort(struct import *im)
{
    db_rollback(im->db);
    im_free(im);
}

enum err
import_file(struct db *db, int64_t indicator_id, enum import_format fmt, const char *path,
            const char *who, long *out_rows, struct tidy_error *out_err)
{
    struct import *im;
    char chunk[65536];
    size_t n;
    FILE *f;
    enum err rc;

    memset(out_err, 0, sizeof(*out_err));
    f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL) {
        snprintf(out_err->msg, sizeof(out_err->msg), "cannot open the file");
        return ERR_IO;
    }
    rc = import_begin(db, indicator_id, fmt, who, &im);
    if (rc) {
        snprintf(out_err->msg, sizeof(out_err->msg), "%s",
                 rc == ERR_NOTFOUND ? "no indicator has this id" : err_str(rc));
        goto out;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (import_feed(im, chunk, n) != ERR_OK)
            break;
    if (ferror(f)) {
        import_abort(im);
        snprintf(out_err->msg, sizeof(out_err->msg), "read error");
        rc = ERR_IO;
        goto out;
    }
    rc = import_finish(im, out_rows, out_err);
out:
    if (f != stdin)
        fclose(f);
    return rc;
}
