/*
 * settings.h — an indicator's progress settings (PROGRESS.md B.4): base year
 * and value, target (absolute, relative or none), target year, direction,
 * natural limit, status thresholds and the headline disaggregation. Changed
 * as a whole, validated, in one transaction with an audit entry; the same
 * rules serve the CLI and the API.
 */
#ifndef DOMAIN_SETTINGS_H
#define DOMAIN_SETTINGS_H

#include "domain/indicator.h"

/* The indicator's current settings. */
void settings_from_indicator(const struct indicator *ind, struct indicator_settings *out);

/*
 * Validate (indicator_settings_check) and store. On ERR_INVALID *out_field names the setting and
 * *out_msg says why (English, static); nothing is changed. Other errors: ERR_NOTFOUND, ERR_BUSY,
 * ERR_DB.
 */
enum err settings_apply(struct db *db, struct arena *a, int64_t indicator_id,
                        const struct indicator_settings *s, const char *who, const char **out_field,
                        const char **out_msg);

/* A headline names at most this many fields (an indicator's dimensions, in practice few). */
#define SETTINGS_MAX_HEADLINE 64

/* The canonical form of a headline given as n (field, value) pairs, ordered as the
 * indicator's dimensions; false with *out_msg (English, static) if a field is not one of
 * them, is named twice, or a value is empty or holds a control character. */
bool settings_headline_from_pairs(struct arena *a, const struct indicator *ind,
                                  const char *const *fields, const char *const *values, int n,
                                  const char **out, const char **out_msg);

/* Parse "Field=Value,Field=Value" (or "" / "none") into the canonical form, ordered as the
 * indicator's dimensions; false with *out_msg if a field is not one of them. A comma ends a
 * pair only where one of the indicator's fields and "=" follow it, so values may hold
 * commas ("Units=Rate per 100,000 population"). */
bool settings_parse_headline(struct arena *a, const struct indicator *ind, const char *text,
                             const char **out, const char **out_msg);

/* One disaggregation of an indicator's data and how many periods it has. */
struct headline_candidate {
    const char *disagg; /* canonical, "" for the rows with every breakdown empty */
    int64_t n_periods;
};

/*
 * The headline series samverka chooses when no coordinator has (docs/progress.md): a series
 * with a trend (two periods or more) before one without; then the rows with every breakdown
 * empty (the total); then the fewest breakdowns filled (the nearest to a total); then the
 * most periods (the longest trend); then the first in byte order (the same choice on every
 * backend and every run). Its index, -1 when n is 0. Pure.
 */
int settings_headline_pick(const struct headline_candidate *c, int n);

/* Sort c into settings_headline_pick's order (its choice first). */
void settings_headline_order(struct headline_candidate *c, int n);

/* Every disaggregation of an indicator's observations with its number of periods, in no
 * particular order (one per series: up to ASSESS_MAX_SERIES). Everything lives in a.
 * Errors: ERR_DB, ERR_BUSY. */
enum err settings_headline_candidates(struct db *db, struct arena *a, int64_t indicator_id,
                                      struct headline_candidate **out, int *out_n);

/* Set the headline of an indicator whose coordinator has not chosen one to
 * settings_headline_pick's choice over its observations now. Call after any change of its
 * observations, inside the same transaction. Errors: ERR_DB, ERR_BUSY. */
enum err settings_refresh_headline(struct db *db, int64_t indicator_id);

#endif
