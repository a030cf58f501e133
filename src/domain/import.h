/*
 * import.h — replace an indicator's observations from Open SDG-style tidy CSV
 * (streamed) or the equivalent JSON, all or nothing.
 *
 * An import runs in one write transaction: the indicator's observations are
 * deleted and the file's rows inserted; any problem rolls everything back and
 * is reported with line and column. Columns other than Year, Series, Units
 * and Value are disaggregation columns: they must be the indicator's declared
 * ones; an indicator with none declared takes the file's. Two values for one
 * year of one series are an error (the database's unique key catches it, so
 * memory stays bounded whatever the file size). Rows with an empty Value are
 * skipped.
 */
#ifndef DOMAIN_IMPORT_H
#define DOMAIN_IMPORT_H

#include <stddef.h>

#include "db/db.h"
#include "domain/tidycsv.h"

#define IMPORT_MAX_ROWS 5000000L
#define IMPORT_MAX_JSON (25L << 20) /* JSON is parsed whole: bounded here */

enum import_format { IMPORT_CSV, IMPORT_JSON };

struct import;

/* Start: takes the write lock and checks the indicator. Errors: ERR_NOTFOUND, ERR_BUSY, ERR_DB. */
enum err import_begin(struct db *db, int64_t indicator_id, enum import_format fmt, const char *who,
                      struct import **out);
enum err import_feed(struct import *im, const char *data, size_t len);
/* Commit (ERR_OK) or roll back; frees im. On error, *out_err says where and why. */
enum err import_finish(struct import *im, long *out_rows, struct tidy_error *out_err);
/* Roll back and free (e.g. the client went away). */
void import_abort(struct import *im);

/* Convenience: import a whole file ("-" for standard input). */
enum err import_file(struct db *db, int64_t indicator_id, enum import_format fmt, const char *path,
                     const char *who, long *out_rows, struct tidy_error *out_err);

#endif
