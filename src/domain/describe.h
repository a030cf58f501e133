/*
 * describe.h — the metadata that lets an indicator's CSV download be read on its own: a
 * Frictionless Data Package descriptor (datapackage.json, spec v1, the Tabular Data
 * Package profile) with one resource, the CSV, and a Table Schema field for each of its
 * columns (name, title, description, type), taken from export_columns so that the
 * descriptor names exactly the file's header; the indicator's name and description in
 * the reader's language (both languages in "samverka:" properties), its unit, source and
 * mission, the data's licence, the per-value sources, the publisher, when it was created
 * and last changed.
 *
 * Never writes text but through the JSON writer (core/json.h).
 */
#ifndef DOMAIN_DESCRIBE_H
#define DOMAIN_DESCRIBE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/licence.h"

/* The most distinct per-value sources a descriptor lists under "sources" (the CSV's
 * Source column has every one). */
#define DESCRIBE_MAX_SOURCES 100

/* Translate one of describe.c's texts (an English msgid, marked N_() for xgettext) into
 * the reader's language; the result is never a format string for printf. */
typedef const char *(*describe_tr_fn)(const char *msgid);

struct describe_opts {
    bool english;                  /* the indicator's own texts in English (else Swedish) */
    describe_tr_fn tr;             /* describe.c's texts; NULL: English, as written */
    const struct licence *licence; /* the data's licence (never NULL) */
    /* the site's public origin ("https://uppdrag.example.se", no trailing slash): the CSV's
     * path and the pages' addresses are absolute; "" or NULL: the CSV's path is relative to
     * the descriptor's own address ("data.csv") and pages are named by their paths */
    const char *base;
};

/*
 * Write the descriptor of indicator id's CSV download (GET /indicators/{id}/data.csv) into
 * out, one JSON object and a newline. Memory from a. Errors: ERR_NOTFOUND, ERR_DB /
 * ERR_BUSY, ERR_INVALID (text that is not UTF-8), ERR_LIMIT (out's maximum).
 */
enum err describe_indicator(struct db *db, struct arena *a, int64_t id,
                            const struct describe_opts *o, struct buf *out);

#endif
