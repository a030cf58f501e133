/*
 * observation.h — one observation at a time: what the indicator page's single-value form
 * writes (an import replaces them all: import.h).
 *
 * An observation is identified by its key: (indicator, Series, Units, disaggregation,
 * period as published). A single value is one of the headline series: the indicator's first
 * Series/Units pair in key order ("" and "" for an indicator without data or without Series and
 * Units columns), with the disaggregation the caller gives as one value per declared dimension (an
 * empty one is the total over that dimension). The values follow the import's rules (tidycsv.h's
 * limits), so an export and a re-import keep them.
 *
 * Each function runs in its own write transaction (the callers are a web form and a test)
 * and leaves one audit entry: entity "observation", the indicator's id and mission, the key
 * as detail ("2024", "2013 Q1" or "2024 Kön=Flickor"), and the changes of value, source and note
 * (change.h): [null, after] for a new value, the fields that differ for a changed one,
 * [before, null] for a removed one. A refusal changes nothing.
 */
#ifndef DOMAIN_OBSERVATION_H
#define DOMAIN_OBSERVATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/change.h"
#include "domain/indicator.h"
#include "domain/write.h"

/* The fields an observation's audit entry records (value, source, note), here and in an
 * import's entries (import.c), so both read the same in the history. */
#define OBSERVATION_AUDIT_FIELDS 3
extern const struct change_field observation_audit_fields[OBSERVATION_AUDIT_FIELDS];
/* The audit detail of an observation's key: "2013 Q1 Series=X Units=Y Kön=Flickor" (disagg,
 * the canonical pairs, with spaces between them); in a. */
const char *observation_detail(struct arena *a, const char *period, const char *series,
                               const char *unit, const char *disagg);

/* Where one value of the headline series is: its period as published. */
struct observation_key {
    /* the period's label ("2024", "2015-16", "2013 Q1": what period_parse reads), or NULL
     * for the year's own label: an annual value is keyed by "2024" */
    const char *period;
    int year; /* with period NULL: the year; else ignored (the period's year is used) */
    /* cells[i]: the value of the indicator's declared dimension i, NULL or "": the total over
     * it; n_cells at most the indicator's dimensions (the rest are totals) */
    const char *const *cells;
    int n_cells;
};

struct observation_in {
    struct observation_key key;
    double value;
    const char *source, *note; /* NULL: "" */
};

/*
 * Store a value: a new one, or a change to the one at its key (its period: "2015" and
 * "2015-16" are two keys). *out_created says which; a value equal in every
 * field to the stored one writes nothing and no audit entry. Refusals (ERR_INVALID, err
 * names the input's field: "year", "value", "cells" with the item, "source", "note"): a period
 * period_parse cannot place or a year outside WRITE_MIN_YEAR..WRITE_MAX_YEAR, a value that is not
 * finite or over TIDY_MAX_ABS, text over TIDY_MAX_FIELD bytes, not UTF-8 or with a control
 * character, more cells than dimensions, a key over TIDY_MAX_SERIES_KEY, a new series past
 * ASSESS_MAX_SERIES. ERR_NOTFOUND: no such indicator. ERR_BUSY, ERR_DB.
 */
enum err observation_put(struct db *db, int64_t indicator_id, const struct observation_in *in,
                         const char *who, int64_t now, bool *out_created, struct write_error *err);

/* Remove the value at key. ERR_NOTFOUND when the indicator has none there; ERR_INVALID as
 * observation_put for a key it would refuse. */
enum err observation_remove(struct db *db, int64_t indicator_id, const struct observation_key *key,
                            const char *who, int64_t now, struct write_error *err);

/* The value at key (strings in a), for a confirmation page. ERR_NOTFOUND when there is none
 * (or the key is one observation_put would refuse: err says why); ERR_DB. */
enum err observation_find(struct db *db, struct arena *a, int64_t indicator_id,
                          const struct observation_key *key, struct observation *out,
                          struct write_error *err);

#endif
