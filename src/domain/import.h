/*
 * import.h — an indicator's observations from Open SDG-style tidy CSV (streamed) or the
 * equivalent JSON, all or nothing, saying what it changed.
 *
 * An import runs in one write transaction. The file's rows stream into a staging table
 * (import_stage, migration 0015) with their line numbers, so memory stays bounded whatever
 * the file's size; at the end SQL decides, and any refusal rolls everything back and is
 * reported with line and column:
 *   - an observation is identified by (Series, Units, disaggregation, period as published):
 *     "2013 Q1" and "2013 Q2" are two observations;
 *   - a row that repeats another exactly (same key, value, source, note, attributes,
 *     Progress) is kept once, with a notice; two different rows for one key are refused,
 *     naming both lines;
 *   - IMPORT_REPLACE (the default): the indicator's observations become the file's, and its
 *     declared disaggregation columns the file's (recorded in the audit log): a CSV header's;
 *     for JSON, whose records leave empty cells out, the declared ones and those the records
 *     name, in that order;
 *     IMPORT_MERGE: insert or update by key, nothing removed, the declared columns kept (an
 *     unknown column is refused; an indicator with none declared takes the file's);
 *   - a file with no data rows is refused unless allow_empty (then a replace removes every
 *     observation, and a notice says how many);
 *   - provenance: Source and Note are each value's source and note (no part of its key). A
 *     row without the column (CSV: no Source column; JSON: no "Source" member) keeps the
 *     stored source of its key when its value is the stored value; an empty cell in a
 *     present column clears it. A changed value without a Source cell has none: the stored
 *     one was said of another number;
 *   - the audit log gets one entry for the import (entity "indicator", action "import", the
 *     counts as detail, a change of the declared columns) and one per observation it
 *     inserted, changed or removed (entity "observation", action create / update / remove,
 *     the key as detail, value, source and note before and after: observation.h's shape),
 *     for the first IMPORT_MAX_AUDIT_ROWS of them in key order (changes first, then
 *     removals); the counts cover all.
 * Attribute columns (GeoCode, Observation status ...) and Progress are stored with each
 * value. Rows with an empty Value are skipped. Both formats stream (CSV through tidycsv.c,
 * JSON record by record through import_scan) and apply the same limits (tidycsv.h): a field
 * over its maximum, a control character, a number out of range is refused naming the
 * field, never cut or stored.
 */
#ifndef DOMAIN_IMPORT_H
#define DOMAIN_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "db/db.h"
#include "domain/tidycsv.h"

#define IMPORT_MAX_ROWS 5000000L /* data rows of a CSV file, records of a JSON array */
/* bytes of one JSON record as written: a record at every field's maximum (TIDY_MAX_COLUMNS
 * names of TIDY_MAX_FIELD bytes, a series key of TIDY_MAX_SERIES_KEY) is under 70 KiB of
 * plain text; this leaves room for escapes and spacing. Memory per JSON import is bounded
 * by it, whatever the size of the body. */
#define IMPORT_MAX_RECORD (256L << 10)

/* the most audit entries of single observations one import writes (the counts cover all:
 * a 1,000,000-row import stays one transaction of bounded size in the log) */
#define IMPORT_MAX_AUDIT_ROWS 1000
/* the notices an import keeps (the total counts all) */
#define IMPORT_MAX_NOTICES 20

enum import_format { IMPORT_CSV, IMPORT_JSON };
enum import_mode { IMPORT_REPLACE, IMPORT_MERGE };

/* How to import (NULL: replace, no empty file). */
struct import_opts {
    enum import_mode mode;
    bool allow_empty; /* a file with no data rows: replace removes everything */
};

/* Something the import accepted but a user should know: where (line 0: the whole file;
 * column 0: not one field) and a sentence in the thread's language (English in the CLI; a
 * setting's, from assess.c, is English). */
struct import_notice {
    long line;
    int column;
    char msg[320]; /* cut on a character boundary when longer */
};

/* What an import did. */
struct import_result {
    long rows; /* the file's observations (each key once) */
    long inserted, changed, removed, unchanged;
    struct import_notice notices[IMPORT_MAX_NOTICES];
    int n_notices;
    long total_notices; /* all of them, kept or not */
    /* of the kept ones, how many name a setting that no longer fits the data ("setting
     * unit: ..."): the indicator's page says those too */
    int n_setting_notices;
};

/* Add a notice to r (kept while there is room; always counted): the place for notices
 * found after the import. fmt is a msgid, said in the thread's language (gettext). */
void import_result_notice(struct import_result *r, long line, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

struct import;

/*
 * Start: takes the write lock and checks the indicator. max_rows bounds the data rows or
 * records (0: IMPORT_MAX_ROWS; never more). Errors: ERR_NOTFOUND, ERR_BUSY, ERR_DB.
 */
enum err import_begin(struct db *db, int64_t indicator_id, enum import_format fmt, const char *who,
                      long max_rows, const struct import_opts *opts, struct import **out);
/*
 * The same inside the caller's write transaction (the demo and generated data sets, which
 * load many things in one transaction): takes no lock, and import_finish neither commits nor
 * rolls back; on an error the caller rolls back. Bulk mode (db_bulk) is on during the import
 * and off after it. Errors: ERR_NOTFOUND, ERR_DB.
 */
enum err import_begin_in(struct db *db, int64_t indicator_id, enum import_format fmt,
                         const char *who, long max_rows, const struct import_opts *opts,
                         struct import **out);
enum err import_feed(struct import *im, const char *data, size_t len);
/* Decide, apply and commit (ERR_OK) or roll back (neither after import_begin_in); frees im.
 * *out (may be NULL) says what changed and the notices; on error, *out_err says where and
 * why (ERR_INVALID, ERR_LIMIT: the file's fault). */
enum err import_finish_result(struct import *im, struct import_result *out,
                              struct tidy_error *out_err);
/* The same, giving only the file's observation count. */
enum err import_finish(struct import *im, long *out_rows, struct tidy_error *out_err);
/* Roll back (not after import_begin_in) and free (e.g. the client went away). */
void import_abort(struct import *im);

/*
 * The JSON record scanner, used by the import and exposed for its tests. A JSON body is an
 * array of flat records (members whose values are strings, numbers or null). It is never
 * parsed whole: import_scan_feed follows the bytes (strings, escapes, nesting) to find each
 * record's extent and hands the record alone to a callback, which parses it with jansson.
 * Memory is one record (IMPORT_MAX_RECORD), the row limit stops the scan at the record over
 * it, and every problem has a line and column (columns count characters, as jansson's do).
 * Refused here: anything but an array of objects, an array or object inside a record
 * (naming the member), a record over IMPORT_MAX_RECORD bytes or with more than
 * TIDY_MAX_COLUMNS members (ERR_LIMIT), more than IMPORT_MAX_ROWS records (ERR_LIMIT), and
 * anything after the array. JSON syntax inside a record is jansson's to check.
 */
struct import_member {
    long key_line, line; /* where the member's name and its value start */
    int key_col, col;
    size_t key_off, key_len; /* the name as written, quotes included, in the record */
    size_t off, len;         /* the value as written, in the record */
};

struct import_scan {
    int state, depth;
    bool in_str, esc, str_is_key, want_key, want_value, in_value;
    long line; /* of the byte being read */
    int col;
    long n_records;
    long max_rows;  /* IMPORT_MAX_ROWS unless import_begin was given fewer */
    struct buf rec; /* the current record as written */
    long rec_line;  /* where it starts */
    int rec_col;
    size_t value_end; /* one past the last byte of the current value that is not a space */
    int n_members;
    struct import_member m[TIDY_MAX_COLUMNS];
};

/* Called with each whole record (s->rec, s->m): ERR_OK to go on, or an error with e filled. */
typedef enum err (*import_record_cb)(void *ctx, const struct import_scan *s, struct tidy_error *e);

void import_scan_init(struct import_scan *s);
/* Feed bytes; on a problem (the scanner's or the callback's) e says where and why. */
enum err import_scan_feed(struct import_scan *s, const char *data, size_t len, import_record_cb cb,
                          void *ctx, struct tidy_error *e);
/* End of input: the array must be complete. */
enum err import_scan_finish(struct import_scan *s, struct tidy_error *e);
void import_scan_free(struct import_scan *s);

/* Convenience: import a whole file ("-" for standard input); max_rows and opts as for
 * import_begin, out as for import_finish_result. */
enum err import_file(struct db *db, int64_t indicator_id, enum import_format fmt, const char *path,
                     const char *who, long max_rows, const struct import_opts *opts,
                     struct import_result *out, struct tidy_error *out_err);

#endif
