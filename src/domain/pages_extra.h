/*
 * pages_extra.h — loaders only the public pages use (see model.h for the
 * conventions: database and arena first, results in the arena).
 */
#ifndef DOMAIN_PAGES_EXTRA_H
#define DOMAIN_PAGES_EXTRA_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

struct actor_role {
    int64_t initiative_id;
    const char *role; /* initiative_roles code */
};

/*
 * The roles an actor holds in initiatives (one per initiative it takes part
 * in), ordered by initiative id. An initiative that names the actor as lead
 * without listing it among the taking-part actors has no row here.
 * Errors: ERR_DB / ERR_BUSY.
 */
enum err actor_initiative_roles(struct db *db, struct arena *a, int64_t actor_id,
                                struct actor_role **out, int *out_n);

#endif
