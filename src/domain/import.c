/*
 * import.c — all-or-nothing indicator data import through a staging table (see import.h).
 * The rows stream into import_stage; import_finish_result decides with SQL (duplicates,
 * conflicts, provenance kept, what changed), writes the audit log and applies. Never
 * formats SQL; memory is bounded by the record and notice limits, not by the file.
 *
 * Its refusals and notices are English msgids said in the thread's language (gettext at
 * format time: import_set_err, import_scan_err, import_result_notice), as tidycsv.c's: a
 * request's thread speaks the request's language (the server's i18n_use, before the handler
 * that runs the import), the CLI's English (it binds no text domain). Texts from a library
 * (jansson's, err_str) are quoted as they are, and so is what assess.c says of a setting.
 */
#include "domain/import.h"

#include <jansson.h>
#include <libintl.h>
#include <math.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/assess.h"
#include "domain/audit.h"
#include "domain/change.h"
#include "domain/observation.h"
#include "domain/period.h"
#include "domain/progress_log.h"
#include "domain/settings.h"

#define MAX_DIMS    TIDY_MAX_COLUMNS
#define IMPORT_RING 1024 /* more than a pipeline batch */

struct import {
    struct db *db;
    int64_t indicator_id, mission_id;
    int64_t stage_id; /* this import's rows in import_stage */
    enum import_format fmt;
    struct import_opts opts;
    bool own_tx; /* import_begin: this import begins and ends the transaction */
    int64_t now; /* what its audit entries and progress record are dated (set as it ends) */
    char *who;
    struct tidy_reader *t;
    struct import_scan scan; /* JSON */
    char *dims[MAX_DIMS];
    int n_dims;
    char *old_dims[MAX_DIMS]; /* replace: the declared columns before, for the audit log */
    int n_old_dims;
    int dim_col[MAX_DIMS]; /* declared dimension -> column in the file, -1 if absent */
    long rows;             /* rows staged */
    /* a backend may report an insert's failure a few statements later (PostgreSQL's
     * pipeline): remember the line and year of the recent statements by ordinal */
    long runs;
    long ring_line[IMPORT_RING];
    int ring_year[IMPORT_RING];
    struct buf disagg;
    struct series_count *series; /* distinct series so far: at most ASSESS_MAX_SERIES */
    struct import_result res;    /* the notices gathered while reading */
    struct tidy_error err;
    enum err rc;
};

/* A refusal at line:column, fmt (a msgid) said in the thread's language (a text ngettext has
 * already translated comes back from gettext as it is); named apart so that `make pot` finds
 * fmt (POT_KEYWORDS) */
static enum err import_set_err(struct tidy_error *e, enum err rc, long line, int column,
                               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static enum err
import_set_err(struct tidy_error *e, enum err rc, long line, int column, const char *fmt, ...)
{
    va_list ap;

    e->line = line;
    e->column = column;
    va_start(ap, fmt);
    utf8_vformat(e->msg, sizeof(e->msg), gettext(fmt), ap);
    va_end(ap);
    return rc;
}

static void notice_add(struct import_result *r, long line, int column, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* One notice at line:column (kept while there is room; always counted), when cut never half
 * a character: backs off to the start of the one that was cut. */
static void
notice_add(struct import_result *r, long line, int column, const char *fmt, va_list ap)
{
    struct import_notice *n;

    r->total_notices++;
    if (r->n_notices >= IMPORT_MAX_NOTICES)
        return;
    n = &r->notices[r->n_notices++];
    n->line = line;
    n->column = column;
    utf8_vformat(n->msg, sizeof(n->msg), fmt, ap);
}

static void notice_as_is(struct import_result *r, long line, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A notice whose words are no msgid of this file: the reader's (said already) and assess.c's
 * on a setting (English). */
static void
notice_as_is(struct import_result *r, long line, int column, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    notice_add(r, line, column, fmt, ap);
    va_end(ap);
}

void
import_result_notice(struct import_result *r, long line, int column, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    notice_add(r, line, column, gettext(fmt), ap);
    va_end(ap);
}

/* The declared dimensions into names[] (strdup'd), at most MAX_DIMS. */
static enum err
read_dims(struct import *im, char **names, int *n)
{
    struct db_stmt *st = db_stmt(im->db, Q_INDICATOR_DIMENSIONS);
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, im->indicator_id);
    while ((rc = db_step(st, &row)) == ERR_OK && row && *n < MAX_DIMS) {
        names[*n] = strdup(db_text(st, 0));
        if (names[*n] == NULL)
            die("out of memory");
        (*n)++;
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

/* Declare a dimension (an indicator with none declared, or a replace, takes the file's). */
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

/*
 * Stage one observation, r as the reader made it (its period parsed: r->p); cells[i] is the
 * value of declared dimension i ("" if none). has_source / has_note false: the row has no
 * such cell (the stored one is kept for an unchanged value).
 */
static enum err
insert_row(struct import *im, const struct tidy_row *r, long seq, int col, const char *const *cells,
           bool has_source, bool has_note, struct tidy_error *e)
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
    if (series_count_add(im->series, r->series, r->unit, im->disagg.data ? im->disagg.data : "") >
        ASSESS_MAX_SERIES)
        return import_set_err(
            e, ERR_INVALID, r->line, im->fmt == IMPORT_CSV ? 1 : 0,
            "more than %d series (distinct Series, Units and disaggregation) in one "
            "indicator",
            ASSESS_MAX_SERIES);
    st = db_stmt(im->db, Q_IMPORT_STAGE_ADD);
    if (st == NULL)
        return ERR_DB;
    /* the strings outlive the insert (db_run resets the statement before we return) */
    db_bind_i64(st, 1, im->stage_id);
    db_bind_text_ref(st, 2, r->series);
    db_bind_text_ref(st, 3, r->unit);
    db_bind_text_ref(st, 4, im->disagg.data ? im->disagg.data : "");
    db_bind_text_ref(st, 5, r->period);
    db_bind_i64(st, 6, seq);
    db_bind_i64(st, 7, r->line);
    db_bind_i64(st, 8, col);
    db_bind_i64(st, 9, r->p.key);
    db_bind_i64(st, 10, r->p.year);
    db_bind_dbl(st, 11, r->value);
    db_bind_text_ref(st, 12, has_source ? r->source : "");
    db_bind_text_ref(st, 13, has_note ? r->note : "");
    db_bind_text_ref(st, 14, r->attrs);
    if (r->has_progress)
        db_bind_dbl(st, 15, r->progress);
    else
        db_bind_null(st, 15);
    db_bind_i64(st, 16, (has_source ? 0 : 1) | (has_note ? 0 : 2));
    rc = run_at(im, st, r->line, r->p.year);
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

    for (i = 0; i < MAX_DIMS; i++)
        im->dim_col[i] = -1;
    for (i = 0; i < h->n_dims; i++) {
        c = h->dim_cols[i];
        k = dim_index(im, h->names[c]);
        if (k < 0 && !declare)
            return import_set_err(
                e, ERR_INVALID, 1, c + 1,
                "unknown column \"%s\": a merge keeps the indicator's disaggregation "
                "columns (a replace takes the file's)",
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
    /* a CSV row's place in the file is its line; a repeat is shown at its Year cell */
    return insert_row(im, r, r->line, h->year_col + 1, cells, h->source_col >= 0, h->note_col >= 0,
                      e);
}

/* What the reader accepted but a user should know: one of the import's notices. */
static void
on_notice(void *ctx, long line, int column, const char *msg)
{
    struct import *im = ctx;

    notice_as_is(&im->res, line, column, "%s", msg);
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

/* e placed at line:col, naming field (NULL: none; a name too long to hold whole is not named,
 * never cut inside a character). */
static void
scan_place(struct tidy_error *e, long line, int col, const char *field)
{
    e->line = line;
    e->column = col;
    snprintf(e->field, sizeof(e->field), "%s",
             field != NULL && strlen(field) < sizeof(e->field) ? field : "");
}

/* A problem of the JSON body, fmt (a msgid) said in the thread's language; named apart so that
 * `make pot` finds fmt (POT_KEYWORDS) */
static enum err import_scan_err(struct tidy_error *e, enum err rc, long line, int col,
                                const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static enum err
import_scan_err(struct tidy_error *e, enum err rc, long line, int col, const char *field,
                const char *fmt, ...)
{
    va_list ap;

    scan_place(e, line, col, field);
    va_start(ap, fmt);
    utf8_vformat(e->msg, sizeof(e->msg), gettext(fmt), ap);
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
        return import_scan_err(e, ERR_INVALID, s->rec_line, s->rec_col, NULL,
                               "record %ld is longer than %ld bytes", s->n_records,
                               IMPORT_MAX_RECORD);
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
                return import_scan_err(e, ERR_LIMIT, s->line, s->col, NULL,
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
                rc = import_scan_err(e, ERR_INVALID, s->line, s->col, json_string_value(name),
                                     "%.*s must be a string, a number or null",
                                     tidy_shown(json_string_value(name)), json_string_value(name));
            else
                rc = import_scan_err(e, ERR_INVALID, s->line, s->col, NULL,
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
                rc = import_scan_err(e, ERR_INVALID, s->line, s->col, NULL,
                                     "expected an array of records");
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
                rc = import_scan_err(e, ERR_INVALID, s->line, s->col, NULL,
                                     "record %ld is not an object", s->n_records + 1);
                break;
            }
            if (s->n_records >= s->max_rows) {
                rc = import_scan_err(e, ERR_LIMIT, s->line, s->col, NULL,
                                     ngettext("more than %ld record", "more than %ld records",
                                              (unsigned long)s->max_rows),
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
                rc = import_scan_err(e, ERR_INVALID, s->line, s->col, NULL,
                                     "expected \",\" or \"]\" after record %ld", s->n_records);
            break;
        default: /* SC_END */
            if (!is_space(c))
                rc = import_scan_err(e, ERR_INVALID, s->line, s->col, NULL,
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
        return import_scan_err(e, ERR_INVALID, 1, 0, NULL, "empty file");
    if (s->state == SC_RECORD)
        return import_scan_err(e, ERR_INVALID, s->rec_line, s->rec_col, NULL,
                               "record %ld is not complete at the end of the file", s->n_records);
    return import_scan_err(e, ERR_INVALID, s->line, s->col, NULL,
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

/* A record's Value or Progress: a number within the tidy limits, or null for none. */
static enum err
record_number(const struct import_scan *s, const struct import_member *m, const char *key,
              json_t *v, double *out, bool *has, struct tidy_error *e)
{
    char num[TIDY_MAX_NUMBER + 1];

    if (json_is_null(v))
        return ERR_OK;
    if (!json_is_number(v))
        return import_scan_err(e, ERR_INVALID, m->line, m->col, key,
                               "record %ld: %s is not a number", s->n_records, key);
    /* the number as written, for its length and the message */
    if (tidy_check_text(key, s->rec.data + m->off, m->len, e))
        return at_member(e, ERR_INVALID, m, false);
    memcpy(num, s->rec.data + m->off, m->len);
    num[m->len] = '\0';
    *out = json_number_value(v);
    if (tidy_check_number(key, num, *out, e))
        return at_member(e, ERR_INVALID, m, false);
    *has = true;
    return ERR_OK;
}

/*
 * One JSON record, read into the struct the CSV reader hands over (tidycsv.h's tidy_row: the
 * same fields, limits and messages: the period, Progress, attributes) and inserted. Its
 * breakdown cells go by declared dimension (cells[]), from which insert_row builds the
 * canonical disagg as for CSV rows.
 */
static enum err
on_record(void *ctx, const struct import_scan *s, struct tidy_error *e)
{
    struct import *im = ctx;
    const struct import_member *m;
    const char *cells[MAX_DIMS] = {0}, *key, *text, *why;
    struct tidy_row r = {.line = s->rec_line,
                         .series = "",
                         .unit = "",
                         .source = "",
                         .note = "",
                         .disagg = "",
                         .attrs = ""};
    bool has_source = false, has_note = false; /* false: no such member (the stored is kept) */
    char yearbuf[24];
    struct buf attrs;
    size_t disagg_len = 0;
    long n = s->n_records;
    json_error_t je;
    json_t *rec, *v;
    bool is_su, unit_named = false;
    int k, i = 0;
    enum err rc = ERR_OK;

    memset(e, 0, sizeof(*e));
    /* no maximum of its own: the record is within IMPORT_MAX_RECORD */
    buf_init(&attrs, 0);
    rec = json_loadb(s->rec.data, s->rec.len, JSON_REJECT_DUPLICATES, &je);
    if (rec == NULL) {
        buf_free(&attrs);
        /* a number too large for a double is no finite number, as in CSV */
        if (strncmp(je.text, "real number overflow", 20) == 0) {
            char jtext[sizeof(je.text)];

            snprintf(jtext, sizeof(jtext), "%s", je.text);
            snprintf(je.text, sizeof(je.text), gettext("not a finite number (%.*s)"), 120, jtext);
        }
        /* jansson's place is within the record: make it the body's (its text as it is) */
        if (je.line <= 1)
            scan_place(e, s->rec_line, s->rec_col + (je.column > 0 ? je.column - 1 : 0), NULL);
        else
            scan_place(e, s->rec_line + je.line - 1, je.column, NULL);
        utf8_format(e->msg, sizeof(e->msg), "%s", je.text);
        return ERR_INVALID;
    }
    /* jansson keeps members in the order written (and duplicates were refused): member i of
     * the object is s->m[i] */
    json_object_foreach(rec, key, v)
    {
        if (i >= s->n_members) { /* cannot happen with valid JSON: never read past m[] */
            rc = import_scan_err(e, ERR_INVALID, s->rec_line, s->rec_col, NULL,
                                 "record %ld could not be read", n);
            break;
        }
        m = &s->m[i++];
        if (strcmp(key, "Year") == 0) {
            if (json_is_integer(v)) {
                snprintf(yearbuf, sizeof(yearbuf), "%lld", (long long)json_integer_value(v));
                r.period = yearbuf;
            } else if (json_is_string(v)) {
                r.period = json_string_value(v);
                if (tidy_check_text(key, r.period, json_string_length(v), e)) {
                    rc = at_member(e, ERR_INVALID, m, false);
                    break;
                }
            } else {
                rc = import_scan_err(e, ERR_INVALID, m->line, m->col, key,
                                     "record %ld: Year must be a string or integer", n);
                break;
            }
            if (!period_parse(r.period, strlen(r.period), &r.p, &why)) {
                rc = import_scan_err(e, ERR_INVALID, m->line, m->col, key, "Year \"%.*s\" %s",
                                     tidy_shown(r.period), r.period, gettext(why));
                break;
            }
            if (tidy_formula_like(r.period)) {
                rc = import_scan_err(e, ERR_INVALID, m->line, m->col, key, "Year \"%.*s\" %s",
                                     tidy_shown(r.period), r.period, gettext(TIDY_FORMULA_PERIOD));
                break;
            }
        } else if (strcmp(key, "Value") == 0 || strcmp(key, "Progress") == 0) {
            /* Progress is the value Open SDG assesses when a file has one (Canada's) */
            rc = record_number(s, m, key, v, key[0] == 'V' ? &r.value : &r.progress,
                               key[0] == 'V' ? &r.has_value : &r.has_progress, e);
            if (rc)
                break;
        } else if (strcmp(key, "Source") == 0 || strcmp(key, "Note") == 0) {
            /* where the value comes from, what to know about it: text, or null for none */
            if (!json_is_string(v) && !json_is_null(v)) {
                rc = import_scan_err(e, ERR_INVALID, m->line, m->col, key,
                                     "record %ld: %s must be a string or null", n, key);
                break;
            }
            text = json_is_string(v) ? json_string_value(v) : "";
            if (json_is_string(v) && tidy_check_text(key, text, json_string_length(v), e)) {
                rc = at_member(e, ERR_INVALID, m, false);
                break;
            }
            if (key[0] == 'S') {
                r.source = text;
                has_source = true;
            } else {
                r.note = text;
                has_note = true;
            }
        } else {
            is_su = strcmp(key, "Series") == 0 || strcmp(key, "Units") == 0;
            if (!json_is_string(v) && (is_su || !json_is_null(v))) {
                rc = import_scan_err(e, ERR_INVALID, m->line, m->col, key,
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
                    r.series = text;
                else
                    r.unit = text;
                continue;
            }
            /* a unit or series named the SDMX way is the record's own when it has no Units
             * (Series) member, as a CSV file's column is (tidycsv.c, identity_attributes) */
            if (!unit_named && json_object_get(rec, "Units") == NULL &&
                (strcmp(key, "Unit measure") == 0 || strcmp(key, "UNIT_MEASURE") == 0)) {
                r.unit = text;
                unit_named = true;
                continue;
            }
            if (strcmp(key, "SERIES") == 0 && json_object_get(rec, "Series") == NULL) {
                r.series = text;
                continue;
            }
            if (tidy_is_attribute(key)) {
                /* said of this value, not a breakdown: "Name=Value" pairs in record order */
                if (*text != '\0') {
                    if (attrs.len > 0)
                        buf_addc(&attrs, TIDY_DISAGG_SEP);
                    buf_printf(&attrs, "%s=%s", key, text);
                }
                continue;
            }
            k = dim_index(im, key);
            if (k < 0) {
                if (tidy_check_name(key, strlen(key), e)) {
                    rc = at_member(e, ERR_INVALID, m, true);
                    break;
                }
                /* a replace takes the file's columns, from whichever record names them
                 * (a column new in a later record was empty in the earlier ones) */
                if (im->opts.mode == IMPORT_MERGE && (im->rows > 0 || n > 1)) {
                    rc = import_scan_err(e, ERR_INVALID, m->key_line, m->key_col, key,
                                         "record %ld: unknown column \"%.*s\"", n, tidy_shown(key),
                                         key);
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
    if (rc == ERR_OK && r.period == NULL) {
        rc = import_scan_err(e, ERR_INVALID, s->rec_line, s->rec_col, NULL,
                             "record %ld has no Year", n);
    } else if (rc == ERR_OK &&
               tidy_check_series_key(strlen(r.series), strlen(r.unit), disagg_len, e)) {
        e->line = s->rec_line;
        e->column = s->rec_col;
        rc = ERR_INVALID;
    } else if (rc == ERR_OK && r.has_value) {
        r.attrs = attrs.data ? attrs.data : "";
        r.year = r.p.year;
        /* a record's place is its number: a file may hold them all on one line */
        rc = insert_row(im, &r, n, s->rec_col, cells, has_source, has_note, e);
    }
    json_decref(rec);
    buf_free(&attrs);
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
    for (i = 0; i < im->n_old_dims; i++)
        free(im->old_dims[i]);
    free(im->who);
    free(im);
}

static enum err
begin(struct db *db, int64_t indicator_id, enum import_format fmt, const char *who, long max_rows,
      const struct import_opts *opts, bool own_tx, struct import **out)
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
    if (opts != NULL)
        im->opts = *opts;
    im->own_tx = own_tx;
    im->who = strdup(who ? who : "unknown");
    if (im->who == NULL)
        die("out of memory");
    /* a random id keeps two imports at once apart in import_stage (PostgreSQL) */
    randombytes_buf(&im->stage_id, sizeof(im->stage_id));
    im->stage_id &= INT64_MAX;
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
    if (im->opts.mode == IMPORT_MERGE) {
        rc = read_dims(im, im->dims, &im->n_dims);
    } else if (fmt == IMPORT_JSON) {
        /* a JSON record leaves its empty cells out (the export writes none), so a file
         * cannot say a column is gone: a replace keeps the declared columns, in their order,
         * and adds those its records name (the old ones kept for the audit log) */
        rc = read_dims(im, im->old_dims, &im->n_old_dims);
        if (rc == ERR_OK)
            rc = read_dims(im, im->dims, &im->n_dims);
    } else {
        /* replace means the columns too: the CSV header declares them afresh (the old ones
         * are kept for the audit log) */
        rc = read_dims(im, im->old_dims, &im->n_old_dims);
        st = rc == ERR_OK ? db_stmt(db, Q_DIMENSIONS_CLEAR) : NULL;
        if (rc == ERR_OK && st == NULL)
            rc = ERR_DB;
        if (rc == ERR_OK) {
            db_bind_i64(st, 1, indicator_id);
            rc = run_at(im, st, 0, 0);
        }
    }
    if (rc)
        goto fail;
    if (fmt == IMPORT_CSV) {
        im->t = tidy_new(on_header, on_row, im, im->scan.max_rows);
        tidy_on_notice(im->t, on_notice);
    }
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
             long max_rows, const struct import_opts *opts, struct import **out)
{
    return begin(db, indicator_id, fmt, who, max_rows, opts, true, out);
}

enum err
import_begin_in(struct db *db, int64_t indicator_id, enum import_format fmt, const char *who,
                long max_rows, const struct import_opts *opts, struct import **out)
{
    return begin(db, indicator_id, fmt, who, max_rows, opts, false, out);
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

/* ------------------------------------------------------------ deciding */

/* The rows that repeat a key: a duplicate is kept once (a notice), a conflict refused naming
 * both rows (CSV lines, JSON records: a JSON file may hold all its records on one line), at
 * the repeat's place. Then the repeats leave the stage. */
static enum err
check_repeats(struct import *im, long *out_dups)
{
    struct db_stmt *st = db_stmt(im->db, Q_IMPORT_STAGE_REPEATS);
    bool json = im->fmt == IMPORT_JSON;
    char a[32], b[32];
    long seq, q0, line;
    int col;
    bool row, same;
    enum err rc;

    *out_dups = 0;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, im->stage_id);
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        seq = (long)db_i64(st, 0);
        q0 = (long)db_i64(st, 1);
        line = (long)db_i64(st, 15);
        col = (int)db_i64(st, 16);
        same = db_dbl(st, 3) == db_dbl(st, 4) && strcmp(db_text(st, 5), db_text(st, 6)) == 0 &&
               strcmp(db_text(st, 7), db_text(st, 8)) == 0 &&
               strcmp(db_text(st, 9), db_text(st, 10)) == 0 && db_type(st, 11) == db_type(st, 12) &&
               (db_type(st, 11) == DB_NULL || db_dbl(st, 11) == db_dbl(st, 12)) &&
               db_i64(st, 13) == db_i64(st, 14);
        if (same) {
            (*out_dups)++;
            if (json)
                import_result_notice(&im->res, line, col,
                                     "record %ld repeats record %ld exactly; kept once", seq, q0);
            else
                import_result_notice(&im->res, line, 0,
                                     "line %ld repeats line %ld exactly; kept once", seq, q0);
            continue;
        }
        /* as short as it reads back exactly */
        str_shortest(a, sizeof(a), db_dbl(st, 4));
        str_shortest(b, sizeof(b), db_dbl(st, 3));
        if (db_dbl(st, 3) != db_dbl(st, 4) && json)
            rc = import_set_err(
                &im->err, ERR_INVALID, line, col,
                "records %ld and %ld give two values for %.*s in one series: %s and %s", q0, seq,
                tidy_shown(db_text(st, 2)), db_text(st, 2), a, b);
        else if (db_dbl(st, 3) != db_dbl(st, 4))
            rc = import_set_err(
                &im->err, ERR_INVALID, line, col,
                "lines %ld and %ld give two values for %.*s in one series: %s and %s", q0, seq,
                tidy_shown(db_text(st, 2)), db_text(st, 2), a, b);
        else if (json)
            rc = import_set_err(&im->err, ERR_INVALID, line, col,
                                "records %ld and %ld give %.*s in one series twice, with a "
                                "different source, note, attribute or Progress",
                                q0, seq, tidy_shown(db_text(st, 2)), db_text(st, 2));
        else
            rc = import_set_err(&im->err, ERR_INVALID, line, col,
                                "lines %ld and %ld give %.*s in one series twice, with a different "
                                "source, note, attribute or Progress",
                                q0, seq, tidy_shown(db_text(st, 2)), db_text(st, 2));
        break;
    }
    db_done(st);
    if (rc || *out_dups == 0)
        return rc;
    st = db_stmt(im->db, Q_IMPORT_STAGE_DEDUP);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, im->stage_id);
    return db_run(st);
}

/* Run one of the import's statements over the stage ($1) and the indicator ($2). */
static enum err
run_stage(struct import *im, enum q q)
{
    struct db_stmt *st = db_stmt(im->db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, im->stage_id);
    db_bind_i64(st, 2, im->indicator_id);
    return db_run(st);
}

/* One integer column of a one-row statement over the stage and the indicator. */
static enum err
count_stage(struct import *im, enum q q, long *out, int n)
{
    struct db_stmt *st = db_stmt(im->db, q);
    enum err rc;
    bool row;
    int i;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, im->stage_id);
    db_bind_i64(st, 2, im->indicator_id);
    rc = db_step(st, &row);
    for (i = 0; i < n; i++)
        out[i] = rc == ERR_OK && row ? (long)db_i64(st, i) : 0;
    db_done(st);
    return rc;
}

/* How many observations the indicator holds (before this import's writes). */
static enum err
stored_count(struct import *im, long *out)
{
    struct db_stmt *st = db_stmt(im->db, Q_INDICATOR_OBSERVATION_COUNT);
    enum err rc;
    bool row;

    *out = 0;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, im->indicator_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        *out = (long)db_i64(st, 0);
    db_done(st);
    return rc;
}

/* Audit entries of single observations from q ($3 = at most *budget rows): changed = the
 * statement reads a stored row beside the new one (Q_IMPORT_CHANGED), else removals. */
static enum err
audit_rows(struct import *im, enum q q, bool changed, int64_t now, long *budget)
{
    struct change_val before[OBSERVATION_AUDIT_FIELDS], after[OBSERVATION_AUDIT_FIELDS];
    struct pending {
        const char *detail, *changes;
        bool found;
    } * list;
    struct db_stmt *st;
    struct change_set c;
    struct arena a;
    const char *changes, *detail;
    enum err rc, rc2 = ERR_OK;
    bool row, found;
    long n = 0, k;

    if (*budget <= 0)
        return ERR_OK;
    st = db_stmt(im->db, q);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, im->stage_id);
    db_bind_i64(st, 2, im->indicator_id);
    db_bind_i64(st, 3, *budget);
    arena_init(&a);
    /* the rows (at most *budget) are read whole before any is written: one statement at a
     * time per connection, and audit_write is a statement of its own */
    list = arena_alloc(&a, (size_t)*budget * sizeof(*list));
    while ((rc = db_step(st, &row)) == ERR_OK && row && n < *budget) {
        detail =
            observation_detail(&a, db_text(st, 3), db_text(st, 0), db_text(st, 1), db_text(st, 2));
        if (changed) {
            found = db_i64(st, 7) != 0;
            after[0] = change_opt_dbl(true, db_dbl(st, 4));
            after[1] = change_opt(arena_strdup(&a, db_text(st, 5)));
            after[2] = change_opt(arena_strdup(&a, db_text(st, 6)));
            if (found) {
                before[0] = change_opt_dbl(true, db_dbl(st, 8));
                before[1] = change_opt(arena_strdup(&a, db_text(st, 9)));
                before[2] = change_opt(arena_strdup(&a, db_text(st, 10)));
            } else {
                before[0] = change_opt_dbl(false, 0);
                before[1] = before[2] = change_opt(NULL);
            }
        } else {
            found = true;
            before[0] = change_opt_dbl(true, db_dbl(st, 4));
            before[1] = change_opt(arena_strdup(&a, db_text(st, 5)));
            before[2] = change_opt(arena_strdup(&a, db_text(st, 6)));
            after[0] = change_opt_dbl(false, 0);
            after[1] = after[2] = change_opt(NULL);
        }
        change_init(&c);
        change_diff(&c, observation_audit_fields, OBSERVATION_AUDIT_FIELDS, before, after);
        rc2 = change_finish(&c, &changes);
        if (rc2 == ERR_OK) {
            list[n].detail = detail;
            list[n].changes = arena_strdup(&a, changes);
            list[n].found = found;
            n++;
        }
        change_free(&c);
        if (rc2)
            break;
    }
    db_done(st);
    if (rc == ERR_OK)
        rc = rc2;
    for (k = 0; rc == ERR_OK && k < n; k++)
        rc = audit_write(im->db, now, im->who,
                         !changed        ? "remove"
                         : list[k].found ? "update"
                                         : "create",
                         "observation", im->indicator_id, im->mission_id, list[k].detail,
                         list[k].changes);
    *budget -= n;
    arena_free(&a);
    return rc;
}

/* The import's own entry: the counts, and the declared columns when a replace changed
 * them. */
static enum err
audit_import(struct import *im, int64_t now)
{
    struct import_result *r = &im->res;
    struct change_set c;
    const char *changes;
    char detail[200];
    bool same = im->opts.mode == IMPORT_MERGE || im->n_dims == im->n_old_dims;
    enum err rc;
    int i;

    for (i = 0; im->opts.mode == IMPORT_REPLACE && same && i < im->n_dims; i++)
        same = strcmp(im->dims[i], im->old_dims[i]) == 0;
    snprintf(detail, sizeof(detail),
             "%s: %ld observations; %ld inserted, %ld changed, %ld removed, "
             "%ld unchanged",
             im->opts.mode == IMPORT_MERGE ? "merge" : "replace", r->rows, r->inserted, r->changed,
             r->removed, r->unchanged);
    change_init(&c);
    if (!same)
        change_texts(&c, "dimensions", (const char *const *)im->old_dims, im->n_old_dims,
                     (const char *const *)im->dims, im->n_dims, true, false);
    rc = change_finish(&c, &changes);
    if (rc == ERR_OK)
        rc = audit_write(im->db, now, im->who, "import", "indicator", im->indicator_id,
                         im->mission_id, detail, changes);
    change_free(&c);
    if (rc == ERR_OK && !same)
        import_result_notice(
            r, 0, 0, "the indicator's disaggregation columns are now the file's (%d)", im->n_dims);
    return rc;
}

/* Everything after the last row: the decisions, the audit log, the writes. */
static enum err
decide(struct import *im)
{
    struct import_result *r = &im->res;
    int64_t now = im->now;
    long dups, n[3] = {0}, held = 0, budget = IMPORT_MAX_AUDIT_ROWS;
    enum err rc;

    rc = check_repeats(im, &dups);
    if (rc)
        return rc;
    r->rows = im->rows - dups;
    rc = stored_count(im, &held);
    if (rc)
        return rc;
    if (r->rows == 0 && !im->opts.allow_empty && im->opts.mode == IMPORT_MERGE)
        return import_set_err(
            &im->err, ERR_INVALID, 1, 0,
            "the file has no data rows, only a header: there is nothing to merge");
    if (r->rows == 0 && !im->opts.allow_empty)
        return import_set_err(
            &im->err, ERR_INVALID, 1, 0,
            ngettext("the file has no data rows, only a header: importing it would remove the "
                     "indicator's %ld observation; to do that, ask for an empty import explicitly",
                     "the file has no data rows, only a header: importing it would remove all %ld "
                     "observations of the indicator; to do that, ask for an empty import "
                     "explicitly",
                     (unsigned long)held),
            held);
    /* an indicator without observations has nothing to keep, nothing to compare with */
    if (held > 0)
        rc = run_stage(im, Q_IMPORT_KEEP_SOURCE);
    if (rc == ERR_OK && held > 0)
        rc = run_stage(im, Q_IMPORT_KEEP_NOTE);
    if (rc == ERR_OK && held > 0)
        rc = count_stage(im, Q_IMPORT_COUNT, n, 3);
    if (rc == ERR_OK && held == 0) {
        n[0] = n[2] = r->rows;
        n[1] = 0;
    }
    if (rc)
        return rc;
    r->inserted = n[0];
    r->changed = n[1];
    r->unchanged = n[2] - n[0] - n[1];
    if (im->opts.mode == IMPORT_REPLACE && held > 0) {
        rc = count_stage(im, Q_IMPORT_COUNT_GONE, &r->removed, 1);
        if (rc)
            return rc;
    }
    /* a data set loaded inside its caller's transaction (the demo, generated data) is
     * recorded by the import's own entry, not value by value */
    if (!im->own_tx)
        budget = 0;
    rc = audit_rows(im, Q_IMPORT_CHANGED, true, now, &budget);
    if (rc == ERR_OK && im->opts.mode == IMPORT_REPLACE)
        rc = audit_rows(im, Q_IMPORT_GONE, false, now, &budget);
    if (rc == ERR_OK && im->opts.mode == IMPORT_REPLACE && r->removed > 0)
        rc = run_stage(im, Q_IMPORT_REMOVE_GONE);
    if (rc == ERR_OK && r->rows > 0)
        rc = run_stage(im, Q_IMPORT_APPLY);
    if (rc == ERR_OK)
        rc = run_stage(im, Q_IMPORT_STAGE_CLEAR);
    /* the indicator's stored count of observations (0023), which the writes emptied */
    if (rc == ERR_OK && r->inserted + r->removed > 0)
        rc = indicator_counts_refresh(im->db);
    if (rc)
        return rc;
    if (r->rows == 0 && r->removed > 0)
        import_result_notice(r, 0, 0,
                             ngettext("removed the indicator's %ld observation",
                                      "removed all %ld observations", (unsigned long)r->removed),
                             r->removed);
    if (im->own_tx && r->inserted + r->changed + r->removed > IMPORT_MAX_AUDIT_ROWS)
        import_result_notice(r, 0, 0,
                             "the history lists the first %d of the %ld observations inserted, "
                             "changed or removed",
                             IMPORT_MAX_AUDIT_ROWS, r->inserted + r->changed + r->removed);
    /* the summary last, so its counts and notices are complete */
    import_result_notice(r, 0, 0,
                         "observations: %ld in the file, %ld inserted, %ld changed, %ld removed, "
                         "%ld unchanged",
                         r->rows, r->inserted, r->changed, r->removed, r->unchanged);
    return audit_import(im, now);
}

/* The indicator assessed after the import: a notice for each setting that contradicts its
 * data now (assess.h's indicator_mismatches, on the series the page assesses), and a
 * change of its status recorded for the feeds. */
static enum err
assess_after(struct import *im)
{
    struct indicator_progress ip;
    struct indicator ind;
    struct arena a;
    enum err rc;
    int i;

    arena_init(&a);
    rc = indicator_get(im->db, &a, im->indicator_id, &ind);
    if (rc == ERR_OK)
        rc = indicator_progress_load(im->db, &a, &ind, &ip);
    for (i = 0; rc == ERR_OK && i < ip.n_mismatch && i < ASSESS_MAX_MISMATCHES; i++) {
        if (im->res.n_notices < IMPORT_MAX_NOTICES)
            im->res.n_setting_notices++;
        notice_as_is(&im->res, 0, 0, "setting %s: %s", ip.mismatch[i].setting, ip.mismatch[i].msg);
    }
    if (rc == ERR_OK)
        rc = progress_log_after(im->db, im->indicator_id, &ip, im->now, NULL);
    arena_free(&a);
    return rc;
}

enum err
import_finish_result(struct import *im, struct import_result *out, struct tidy_error *out_err)
{
    enum err rc = im->rc;

    memset(out_err, 0, sizeof(*out_err));
    im->now = (int64_t)time(NULL);
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

            /* the backend's word, as it is */
            im->err.line = line;
            im->err.column = 0;
            snprintf(im->err.msg, sizeof(im->err.msg), "%s", err_str(rc));
        }
        /* the decisions read as they write: statement by statement from here */
        db_bulk(im->db, false);
    }
    /* the assessment before the data changes, for the feeds (progress_log.h); a data set
     * loaded inside its caller's transaction (the demo, generated data) is not recorded */
    if (rc == ERR_OK && im->own_tx)
        rc = progress_log_before(im->db, im->indicator_id, im->now);
    if (rc == ERR_OK)
        rc = decide(im);
    /* the series the page shows and assesses follows the data (unless a coordinator chose
     * it): an import may bring the total series, or take it away */
    if (rc == ERR_OK)
        rc = settings_refresh_headline(im->db, im->indicator_id);
    /* the settings that no longer fit the new data (its unit, base year, decimals, target):
     * said now, while whoever imported is looking (the page says it too); and the
     * assessment after it, from the same computation */
    if (rc == ERR_OK && im->own_tx)
        rc = assess_after(im);
    else if (rc == ERR_OK)
        rc = progress_log_forget(im->db, im->indicator_id);
    if (rc == ERR_OK && im->own_tx)
        rc = db_commit(im->db);
    if (rc) {
        if (im->own_tx)
            db_rollback(im->db);
        *out_err = im->err;
        if (out_err->msg[0] == '\0')
            snprintf(out_err->msg, sizeof(out_err->msg), "%s", err_str(rc));
    }
    if (out != NULL) {
        *out = im->res;
        if (rc)
            memset(out, 0, sizeof(*out));
    }
    im_free(im);
    return rc;
}

enum err
import_finish(struct import *im, long *out_rows, struct tidy_error *out_err)
{
    struct import_result r;
    enum err rc;

    rc = import_finish_result(im, &r, out_err);
    if (out_rows != NULL)
        *out_rows = rc ? 0 : r.rows;
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
            const char *who, long max_rows, const struct import_opts *opts,
            struct import_result *out, struct tidy_error *out_err)
{
    struct import *im;
    char chunk[65536];
    size_t n;
    FILE *f;
    enum err rc;

    memset(out_err, 0, sizeof(*out_err));
    if (out != NULL)
        memset(out, 0, sizeof(*out));
    f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL) {
        snprintf(out_err->msg, sizeof(out_err->msg), "cannot open the file");
        return ERR_IO;
    }
    rc = import_begin(db, indicator_id, fmt, who, max_rows, opts, &im);
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
    rc = import_finish_result(im, out, out_err);
out:
    if (f != stdin)
        fclose(f);
    return rc;
}
