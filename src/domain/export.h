/*
 * export.h — an indicator's observations as Open SDG-style tidy CSV or the
 * equivalent JSON (the formats import.h reads). Export -> import -> export
 * gives identical bytes.
 *
 * CSV: `Year`, then `Series` and `Units` when any observation has one, then
 * the disaggregation columns in their declared order, then `Source` and `Note`
 * when any observation has one, then `Value`; values in the shortest form that
 * reads back to the same double; RFC 4180 quoting; text cells (Series, Units,
 * disaggregation values, Source, Note) that start with = + - @ TAB or CR get a
 * leading apostrophe so a spreadsheet does not run them.
 * JSON: an array of records with the same keys (empty cells omitted).
 */
#ifndef DOMAIN_EXPORT_H
#define DOMAIN_EXPORT_H

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "domain/import.h"

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
