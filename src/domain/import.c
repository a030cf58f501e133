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
#include "domain/audit.h"
#include "domain/settings.h"

#define MAX_DIMS    TIDY_MAX_COLUMNS
#define IMPORT_RING 1024 /* more than a pipeline batch */

struct import {
    struct db *db;
    int64_t indicator_id, mission_id;
    enum import_format fmt;
    bool own_tx; /* import_begin: this import begins and ends the transaction */
    char *who;
    struct tidy_reader *t;
    struct import_scan scan; /* JSON */
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

static enum err set_err(struct tidy_error *e, enum err rc, long line, int column, const char *fmt,
                        ...) __attribute__((format(printf, 5, 6)));

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
           const char *source, const char *note, struct tidy_error *e)
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
    db_bind_text_ref(st, 8, source);
    db_bind_text_ref(st, 9, note);
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
    const char *cells[MAX_DIMS] = {NULL};
    int i;

    if (!r->has_value)
        return ERR_OK;
    for (i = 0; i < im->n_dims; i++)
        cells[i] = im->dim_col[i] >= 0 ? r->cells[im->dim_col[i]] : "";
    return insert_row(im, r->line, h->year_col + 1, r->period, r->year, r->series, r->unit, cells,
                      r->raw_value, r->source, r->note, e);
}

/* ------------------------------------------------------------ JSON: the record scanner */

enum { SC_START, SC_FIRST, SC_NEXT, SC_RECORD, SC_AFTER, SC_END };

void
import_scan_init(struct import_scan *s)
{
    memset(s, 0, sizeof(*s));
    s->state = SC_START;
    s->line = 1;
    s->max_rows = IMPORT_MAX_ROWS;
    buf_init(&s->rec, IMPORT_MAX_RECORD);
}

void
import_scan_free(struct import_scan *s)
{
    buf_free(&s->rec);
}

static enum err scan_err(struct tidy_error *e, enum err rc, long line, int col, const char *field,
                         const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static enum err
scan_err(struct tidy_error *e, enum err rc, long line, int col, const char *field, const char *fmt,
         ...)
{
    va_list ap;

    e->line = line;
    e->column = col;
    /* a name too long to hold whole is not named (never cut inside a character) */
    snprintf(e->field, sizeof(e->field), "%s",
             field != NULL && strlen(field) < sizeof(e->field) ? field : "");
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return rc;
}

static bool
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The member's name, decoded (NULL if it is not a valid JSON string: jansson will say why). */
static json_t *
member_name(const struct import_scan *s, int i)
{
    return json_loadb(s->rec.data + s->m[i].key_off, s->m[i].key_len, JSON_DECODE_ANY, NULL);
}

/* One byte inside a record (depth >= 1); ERR_OK, or an error in e. */
static enum err
scan_record_byte(struct import_scan *s, unsigned char c, struct tidy_error *e)
{
    struct import_member *m;
    json_t *name;
    enum err rc;

    buf_addc(&s->rec, (char)c);
    if (buf_err(&s->rec))
        return scan_err(e, ERR_INVALID, s->rec_line, s->rec_col, NULL,
                        "record %ld is longer than %ld bytes", s->n_records, IMPORT_MAX_RECORD);
    if (s->in_str) {
        if (s->esc) {
            s->esc = false;
        } else if (c == '\\') {
            s->esc = true;
        } else if (c == '"') {
            s->in_str = false;
            if (s->str_is_key)
                s->m[s->n_members - 1].key_len = s->rec.len - s->m[s->n_members - 1].key_off;
        }
        if (s->in_value)
            s->value_end = s->rec.len;
        return ERR_OK;
    }
    if (is_space(c))
        return ERR_OK;
    if (s->depth == 1 && s->want_value && c != ',' && c != '}') {
        /* the first byte of a member's value */
        m = &s->m[s->n_members - 1];
        m->off = s->rec.len - 1;
        m->line = s->line;
        m->col = s->col;
        s->want_value = false;
        s->in_value = true;
    }
    if (s->depth == 1 && s->in_value && (c == ',' || c == '}' || c == ']')) {
        m = &s->m[s->n_members - 1];
        m->len = s->value_end - m->off;
        s->in_value = false;
    } else if (s->in_value) {
        s->value_end = s->rec.len;
    }
    switch (c) {
    case '"':
        s->in_str = true;
        s->str_is_key = s->depth == 1 && s->want_key;
        if (s->str_is_key) {
            if (s->n_members == TIDY_MAX_COLUMNS)
                return scan_err(e, ERR_LIMIT, s->line, s->col, NULL,
                                "record %ld has more than %d fields", s->n_records,
                                TIDY_MAX_COLUMNS);
            m = &s->m[s->n_members++];
            memset(m, 0, sizeof(*m));
            m->key_line = m->line = s->line;
            m->key_col = m->col = s->col;
            m->key_off = m->off = s->rec.len - 1;
            s->want_key = false;
        }
        break;
    case ':':
        if (s->depth == 1 && s->n_members > 0) /* (without a name first, jansson refuses it) */
            s->want_value = true;
        break;
    case ',':
        if (s->depth == 1)
            s->want_key = true;
        break;
    case '}':
    case ']':
        s->depth--;
        break;
    case '{':
    case '[':
        if (s->depth >= 1) {
            /* records are flat: a nested value is refused before anything is built */
            name = s->n_members > 0 && !s->want_key ? member_name(s, s->n_members - 1) : NULL;
            if (json_is_string(name))
                rc = scan_err(e, ERR_INVALID, s->line, s->col, json_string_value(name),
                              "%.*s must be a string, a number or null",
                              tidy_shown(json_string_value(name)), json_string_value(name));
            else
                rc = scan_err(e, ERR_INVALID, s->line, s->col, NULL,
                              "record %ld: a value must be a string, a number or null",
                              s->n_records);
            json_decref(name);
            return rc;
        }
        s->depth++;
        break;
    default:
        break;
    }
    return ERR_OK;
}

enum err
import_scan_feed(struct import_scan *s, const char *data, size_t len, import_record_cb cb,
                 void *ctx, struct tidy_error *e)
{
    const unsigned char *p = (const unsigned char *)data;
    size_t i;
    unsigned char c;
    enum err rc = ERR_OK;

    for (i = 0; i < len && rc == ERR_OK; i++) {
        c = p[i];
        if ((c & 0xc0) != 0x80)
            s->col++; /* columns count characters, as jansson's do */
        switch (s->state) {
        case SC_START:
            if (c == '[')
                s->state = SC_FIRST;
            else if (!is_space(c))
                rc =
                    scan_err(e, ERR_INVALID, s->line, s->col, NULL, "expected an array of records");
            break;
        case SC_FIRST:
        case SC_NEXT:
            if (is_space(c))
                break;
            if (c == ']' && s->state == SC_FIRST) {
                s->state = SC_END;
                break;
            }
            if (c != '{') {
                rc = scan_err(e, ERR_INVALID, s->line, s->col, NULL, "record %ld is not an object",
                              s->n_records + 1);
                break;
            }
            if (s->n_records >= s->max_rows) {
                rc = scan_err(e, ERR_LIMIT, s->line, s->col, NULL, "more than %ld records",
                              s->max_rows);
                break;
            }
            s->n_records++;
            buf_reset(&s->rec);
            s->rec_line = s->line;
            s->rec_col = s->col;
            s->n_members = 0;
            s->depth = 0;
            s->in_str = s->esc = s->want_value = s->in_value = false;
            s->want_key = true;
            s->state = SC_RECORD;
            rc = scan_record_byte(s, c, e);
            break;
        case SC_RECORD:
            rc = scan_record_byte(s, c, e);
            if (rc == ERR_OK && s->depth == 0) {
                s->state = SC_AFTER;
                rc = cb(ctx, s, e);
            }
            break;
        case SC_AFTER:
            if (c == ',')
                s->state = SC_NEXT;
            else if (c == ']')
                s->state = SC_END;
            else if (!is_space(c))
                rc = scan_err(e, ERR_INVALID, s->line, s->col, NULL,
                              "expected \",\" or \"]\" after record %ld", s->n_records);
            break;
        default: /* SC_END */
            if (!is_space(c))
                rc = scan_err(e, ERR_INVALID, s->line, s->col, NULL,
                              "data after the array of records");
            break;
        }
        if (c == '\n') {
            s->line++;
            s->col = 0;
        }
    }
    return rc;
}

enum err
import_scan_finish(struct import_scan *s, struct tidy_error *e)
{
    if (s->state == SC_END)
        return ERR_OK;
    if (s->state == SC_START)
        return scan_err(e, ERR_INVALID, 1, 0, NULL, "empty file");
    if (s->state == SC_RECORD)
        return scan_err(e, ERR_INVALID, s->rec_line, s->rec_col, NULL,
                        "record %ld is not complete at the end of the file", s->n_records);
    return scan_err(e, ERR_INVALID, s->line, s->col, NULL,
                    "the array of records is not closed at the end of the file");
}

/* ------------------------------------------------------------ JSON: one record */

/* e's problem, placed at a member's value (or name) */
static enum err
at_member(struct tidy_error *e, enum err rc, const struct import_member *m, bool name)
{
    e->line = name ? m->key_line : m->line;
    e->column = name ? m->key_col : m->col;
    return rc;
}

static enum err
on_record(void *ctx, const struct import_scan *s, struct tidy_error *e)
{
    struct import *im = ctx;
    const struct import_member *m;
    const char *cells[MAX_DIMS] = {0}, *key, *period = NULL, *series = "", *unit = "", *text;
    const char *source = "", *note = "";
    char yearbuf[24], num[TIDY_MAX_NUMBER + 1];
    size_t disagg_len = 0;
    long n = s->n_records;
    json_error_t je;
    json_t *rec, *v;
    double value = 0;
    bool has_value = false, is_su;
    int k, i = 0, year;
    enum err rc = ERR_OK;

    memset(e, 0, sizeof(*e));
    rec = json_loadb(s->rec.data, s->rec.len, JSON_REJECT_DUPLICATES, &je);
    if (rec == NULL) {
        /* jansson's place is within the record: make it the body's */
        if (je.line <= 1)
            return scan_err(e, ERR_INVALID, s->rec_line,
                            s->rec_col + (je.column > 0 ? je.column - 1 : 0), NULL, "%s", je.text);
        return scan_err(e, ERR_INVALID, s->rec_line + je.line - 1, je.column, NULL, "%s", je.text);
    }
    /* jansson keeps members in the order written (and duplicates were refused): member i of
     * the object is s->m[i] */
    json_object_foreach(rec, key, v)
    {
        if (i >= s->n_members) { /* cannot happen with valid JSON: never read past m[] */
            rc = scan_err(e, ERR_INVALID, s->rec_line, s->rec_col, NULL,
                          "record %ld could not be read", n);
            break;
        }
        m = &s->m[i++];
        if (strcmp(key, "Year") == 0) {
            if (json_is_integer(v)) {
                snprintf(yearbuf, sizeof(yearbuf), "%lld", (long long)json_integer_value(v));
                period = yearbuf;
            } else if (json_is_string(v)) {
                period = json_string_value(v);
                if (tidy_check_text(key, period, json_string_length(v), e)) {
                    rc = at_member(e, ERR_INVALID, m, false);
                    break;
                }
            } else {
                rc = scan_err(e, ERR_INVALID, m->line, m->col, key,
                              "record %ld: Year must be a string or integer", n);
                break;
            }
            for (k = 0; k < 4; k++)
                if (period[k] < '0' || period[k] > '9')
                    break;
            if (k < 4) {
                rc = scan_err(e, ERR_INVALID, m->line, m->col, key,
                              "Year \"%s\" does not start with a four-digit year", period);
                break;
            }
        } else if (strcmp(key, "Value") == 0) {
            if (json_is_number(v)) {
                /* the number as written, for its length and the message */
                if (tidy_check_text(key, s->rec.data + m->off, m->len, e)) {
                    rc = at_member(e, ERR_INVALID, m, false);
                    break;
                }
                memcpy(num, s->rec.data + m->off, m->len);
                num[m->len] = '\0';
                value = json_number_value(v);
                if (tidy_check_number(key, num, value, e)) {
                    rc = at_member(e, ERR_INVALID, m, false);
                    break;
                }
                has_value = true;
            } else if (!json_is_null(v)) {
                rc = scan_err(e, ERR_INVALID, m->line, m->col, key,
                              "record %ld: Value is not a number", n);
                break;
            }
        } else if (strcmp(key, "Progress") == 0) {
            rc = scan_err(e, ERR_INVALID, m->key_line, m->key_col, key,
                          "record %ld: the Progress column is not stored by an import", n);
            break;
        } else if (strcmp(key, "Source") == 0 || strcmp(key, "Note") == 0) {
            /* where the value comes from, what to know about it: text, or null for none */
            if (!json_is_string(v) && !json_is_null(v)) {
                rc = scan_err(e, ERR_INVALID, m->line, m->col, key,
                              "record %ld: %s must be a string or null", n, key);
                break;
            }
            text = json_is_string(v) ? json_string_value(v) : "";
            if (json_is_string(v) && tidy_check_text(key, text, json_string_length(v), e)) {
                rc = at_member(e, ERR_INVALID, m, false);
                break;
            }
            if (key[0] == 'S')
                source = text;
            else
                note = text;
        } else {
            is_su = strcmp(key, "Series") == 0 || strcmp(key, "Units") == 0;
            if (!json_is_string(v) && (is_su || !json_is_null(v))) {
                rc = scan_err(e, ERR_INVALID, m->line, m->col, key,
                              "record %ld: %.*s must be a string", n, tidy_shown(key), key);
                break;
            }
            text = json_is_string(v) ? json_string_value(v) : "";
            if (json_is_string(v) && tidy_check_text(key, text, json_string_length(v), e)) {
                rc = at_member(e, ERR_INVALID, m, false);
                break;
            }
            if (is_su) {
                if (key[0] == 'S')
                    series = text;
                else
                    unit = text;
                continue;
            }
            k = dim_index(im, key);
            if (k < 0) {
                if (tidy_check_name(key, strlen(key), e)) {
                    rc = at_member(e, ERR_INVALID, m, true);
                    break;
                }
                if (im->rows > 0 || n > 1) {
                    rc = scan_err(e, ERR_INVALID, m->key_line, m->key_col, key,
                                  "record %ld: unknown column \"%.*s\"", n, tidy_shown(key), key);
                    break;
                }
                rc = add_dim(im, key);
                if (rc)
                    break;
                k = im->n_dims - 1;
            }
            cells[k] = text;
            if (*text != '\0')
                disagg_len += (disagg_len > 0) + strlen(key) + 1 + strlen(text);
        }
    }
    if (rc == ERR_OK && period == NULL) {
        rc = scan_err(e, ERR_INVALID, s->rec_line, s->rec_col, NULL, "record %ld has no Year", n);
    } else if (rc == ERR_OK && tidy_check_series_key(strlen(series), strlen(unit), disagg_len, e)) {
        e->line = s->rec_line;
        e->column = s->rec_col;
        rc = ERR_INVALID;
    } else if (rc == ERR_OK && has_value) {
        year = (period[0] - '0') * 1000 + (period[1] - '0') * 100 + (period[2] - '0') * 10 +
               (period[3] - '0');
        rc = insert_row(im, s->rec_line, 0, period, year, series, unit, cells, value, source, note,
                        e);
    }
    json_decref(rec);
    return rc;
}

/* ------------------------------------------------------------ lifecycle */

static void
im_free(struct import *im)
{
    int i;

    db_bulk(im->db, false);
    tidy_free(im->t);
    import_scan_free(&im->scan);
    buf_free(&im->disagg);
    series_count_free(im->series);
    for (i = 0; i < im->n_dims; i++)
        free(im->dims[i]);
    free(im->who);
    free(im);
}

static enum err
begin(struct db *db, int64_t indicator_id, enum import_format fmt, const char *who, long max_rows,
      bool own_tx, struct import **out)
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
    im->own_tx = own_tx;
    im->who = strdup(who ? who : "unknown");
    if (im->who == NULL)
        die("out of memory");
    import_scan_init(&im->scan);
    if (max_rows > 0 && max_rows < IMPORT_MAX_ROWS)
        im->scan.max_rows = max_rows;
    /* no maximum of its own, so never a shorter key: its length is checked against
     * TIDY_MAX_SERIES_KEY before insert_row (tidycsv.c for CSV, on_record for JSON) */
    buf_init(&im->disagg, 0);
    im->series = series_count_new();
    db_bulk(db, true);
    rc = own_tx ? db_begin(db) : ERR_OK;
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
        im->t = tidy_new(on_header, on_row, im, im->scan.max_rows);
    *out = im;
    return ERR_OK;
fail:
    if (own_tx)
        db_rollback(db);
    im_free(im);
    return rc;
}

enum err
import_begin(struct db *db, int64_t indicator_id, enum import_format fmt, const char *who,
             long max_rows, struct import **out)
{
    return begin(db, indicator_id, fmt, who, max_rows, true, out);
}

enum err
import_begin_in(struct db *db, int64_t indicator_id, enum import_format fmt, const char *who,
                long max_rows, struct import **out)
{
    return begin(db, indicator_id, fmt, who, max_rows, false, out);
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
    im->rc = import_scan_feed(&im->scan, data, len, on_record, im, &im->err);
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
        rc = import_scan_finish(&im->scan, &im->err);
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
    /* the series the page shows and assesses follows the data (unless a coordinator chose
     * it): an import may bring the total series, or take it away */
    if (rc == ERR_OK)
        rc = settings_refresh_headline(im->db, im->indicator_id);
    if (rc == ERR_OK) {
        snprintf(detail, sizeof(detail), "%ld observations", im->rows);
        rc = audit_add(im->db, im->who, "import", "indicator", im->indicator_id, im->mission_id,
                       detail);
    }
    if (rc == ERR_OK && im->own_tx)
        rc = db_commit(im->db);
    if (rc) {
        if (im->own_tx)
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
    if (im->own_tx)
        db_rollback(im->db);
    im_free(im);
}

enum err
import_file(struct db *db, int64_t indicator_id, enum import_format fmt, const char *path,
            const char *who, long max_rows, long *out_rows, struct tidy_error *out_err)
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
    rc = import_begin(db, indicator_id, fmt, who, max_rows, &im);
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
