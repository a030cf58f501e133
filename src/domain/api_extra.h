/*
 * api_extra.h — read loaders the JSON API needs beyond model.h: paged SDG
 * target and indicator lists, and the disaggregation names of indicators
 * that came from a list loader (which leaves them empty).
 *
 * Same contract as model.h: the connection and an arena first, everything
 * returned lives in that arena, ERR_DB / ERR_BUSY from the database.
 */
#ifndef DOMAIN_API_EXTRA_H
#define DOMAIN_API_EXTRA_H

#include "domain/model.h"

struct sdg_indicator {
    const char *code;   /* "12.3.1" */
    const char *target; /* "12.3" */
    int goal;
    const char *title_en, *unsd_code, *status_2025;
};

/* SDG targets in framework order; goal 0: all goals. */
enum err sdg_target_list(struct db *db, struct arena *a, int goal, const struct page *pg,
                         struct sdg_target **out, int *out_n, int64_t *out_total);
/* SDG indicators in framework order; goal 0: all goals. */
enum err sdg_indicator_list(struct db *db, struct arena *a, int goal, const struct page *pg,
                            struct sdg_indicator **out, int *out_n, int64_t *out_total);

#endif
