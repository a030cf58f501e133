/*
 * export.h — an indicator's observations as Open SDG-style tidy CSV or the
 * equivalent JSON (the formats import.h reads). Export -> import -> export
 * gives identical bytes.
 *
 * CSV: `Year`, then `Series` and `Units` when any observation has one, then
 * the disaggregation columns in their declared order, then the attribute
 * columns any observation has (tidy_attribute's order), then `Source`, `Note`
 * and `Progress` when any observation has one, then `Value` (export_columns); values in the
 * shortest form that reads back to the same double; RFC 4180 quoting; a text
 * cell (Series, Units, disaggregation values, Source, Note) that a spreadsheet
 * would run as a formula gets a leading apostrophe (tidy_formula_like: "=1+1",
 * "@SUM(A1)", "+A1", "-A1", TAB or CR first; not "-" or "- x"), which the
 * import takes off again (tidy_unformula). Periods are written as they are:
 * the import refuses one a spreadsheet would run.
 * JSON: an array of records with the same keys (empty cells omitted; Progress a
 * number).
 */
#ifndef DOMAIN_EXPORT_H
#define DOMAIN_EXPORT_H

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "domain/import.h"
#include "domain/indicator.h"

/* What a column of the tidy CSV holds (describe.c says it in the Data Package descriptor). */
enum export_col {
    EXPORT_COL_YEAR,      /* "Year": the period as published ("2019", "2009-10", "2013 Q1") */
    EXPORT_COL_SERIES,    /* "Series" */
    EXPORT_COL_UNITS,     /* "Units" */
    EXPORT_COL_BREAKDOWN, /* one of the indicator's disaggregation columns, by its name */
    EXPORT_COL_ATTRIBUTE, /* an Open SDG attribute column some observation has (tidycsv.h) */
    EXPORT_COL_SOURCE,    /* "Source": where the value comes from */
    EXPORT_COL_NOTE,      /* "Note": what to know about the value */
    EXPORT_COL_PROGRESS,  /* "Progress": what Open SDG assesses instead of Value */
    EXPORT_COL_VALUE,     /* "Value": a number */
};

struct export_column {
    enum export_col kind;
    const char *name;   /* the column's name ("Year", a disaggregation's name ...) */
    const char *header; /* its header cell as a CSV parser reads it back: the name, with the
                         * spreadsheet guard's apostrophe when export_csv_cell gives it one */
};

/*
 * The columns of the CSV export of ind whose observations are obs[0..n), in the order
 * indicator_export writes them: the one list its header and rows are written from, and
 * what describe.c declares, so a descriptor never names a column the file lacks. *out
 * lives in a; returns how many.
 */
int export_columns(struct arena *a, const struct indicator *ind, const struct observation *obs,
                   int n, struct export_column **out);

/* Write the export into out. Errors: ERR_NOTFOUND, ERR_DB, ERR_LIMIT (out's maximum). */
enum err indicator_export(struct db *db, struct arena *a, int64_t indicator_id,
                          enum import_format fmt, struct buf *out);

/* Append a double in its shortest round-trip form ("56", "0.1", "1e+300"). */
void export_number(struct buf *b, double v);
/* One tidy-CSV cell as the export writes it, so that the import reads it back as it was:
 * quoted when it holds a comma, quote or line break or starts or ends with blank space;
 * text (not a period) that a spreadsheet would take for a formula gets an apostrophe. */
void export_csv_cell(struct buf *b, const char *s, bool text);

#endif
