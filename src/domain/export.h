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

/* The columns of the CSV export, in their order (the JSON export's records have the same
 * names); what a descriptor of the download lists. */
enum export_col {
    EXPORT_YEAR,      /* the period as published */
    EXPORT_SERIES,    /* when any observation has one */
    EXPORT_UNITS,     /* when any observation has one */
    EXPORT_DIMENSION, /* each declared disaggregation column, in declared order */
    EXPORT_ATTRIBUTE, /* each attribute column some observation has, in sdg-build's order */
    EXPORT_SOURCE,    /* when any observation has one */
    EXPORT_NOTE,      /* when any observation has one */
    EXPORT_PROGRESS,  /* when any observation has one */
    EXPORT_VALUE,
};

struct export_column {
    enum export_col kind;
    const char *name; /* borrowed: a literal, or the indicator's dimension name */
    int dimension;    /* EXPORT_DIMENSION: its index in the indicator's dimensions; else -1 */
};

#define EXPORT_MAX_COLUMNS (TIDY_MAX_COLUMNS + 16)

/*
 * The columns the CSV export of these observations (n of them, of indicator ind) has, into
 * out (room for EXPORT_MAX_COLUMNS); returns how many. Names are borrowed from ind.
 */
int export_columns(const struct indicator *ind, const struct observation *obs, int n,
                   struct export_column *out);

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
