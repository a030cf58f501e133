/*
 * warm.c — which pages a new PostgreSQL read connection renders before the server listens
 * (http's warm_connections; docs/internals/db.md, "The first render after a start").
 */
#include "domain/indicator.h"
#include "domain/mission.h"
#include "web/web.h"

int
web_warm_paths(struct db *db, struct arena *a, const char **out, int max)
{
    struct mission *ms;
    struct indicator *inds;
    int n_ms = 0, n_inds = 0, n = 0, i;

    if (n < max)
        out[n++] = "/";
    if (mission_list(db, a, &ms, &n_ms) != ERR_OK || n_ms == 0)
        return n;
    if (n < max)
        out[n++] = arena_printf(a, "/missions/%s", ms[0].slug);
    if (mission_indicators(db, a, ms[0].id, &inds, &n_inds) != ERR_OK)
        return n;
    for (i = 0; i < n_inds && n < max; i++)
        out[n++] = arena_printf(a, "/indicators/%lld", (long long)inds[i].id);
    return n;
}
