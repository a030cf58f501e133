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

/* Parse "Field=Value,Field=Value" (or "" / "none") into the canonical form, ordered as the
 * indicator's dimensions; false with *out_msg if a field is not one of them. */
bool settings_parse_headline(struct arena *a, const struct indicator *ind, const char *text,
                             const char **out, const char **out_msg);

#endif
