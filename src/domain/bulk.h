/*
 * bulk.h — the bulk download: every public mission, objective, indicator with its
 * observations, actor and initiative, with the link tables that join them, as one zip
 * (libarchive) holding a Frictionless Data Package descriptor (datapackage.json), one CSV
 * and one JSON file per table and a README.txt naming the licence. What the public API
 * shows and nothing more (q_bulk.def says which rows). Read in one snapshot
 * (db_snapshot_begin), so a write that commits meanwhile is either wholly in it or not at
 * all. The rows stream from the database into the compressor: memory is the compressed
 * package, never the rows.
 */
#ifndef DOMAIN_BULK_H
#define DOMAIN_BULK_H

#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/licence.h"

struct bulk_info {
    const struct licence *licence; /* the data's licence (never NULL) */
    /* where the data come from, for the descriptor's sources and homepage: the site's
     * public address ("https://uppdrag.example.se"), or "" (then no homepage) */
    const char *site_url;
    int64_t now; /* the package's "created", Unix seconds (the web: the data's last change) */
};

/* The tables, in the package's order: their names (the CSV is NAME.csv, the JSON
 * NAME.json). For tests and the open-data page. */
extern const char *const bulk_table_names[];
extern const int bulk_n_tables;

/*
 * Write the package to out (appended; out's maximum bounds it). Reads db in one snapshot.
 * Errors: ERR_LIMIT (the package would pass out's maximum), ERR_DB / ERR_BUSY (the database),
 * ERR_IO (the archive library failed; logged). On error out's content is unspecified.
 */
enum err bulk_write(struct db *db, const struct bulk_info *in, struct buf *out);

#endif
