/* mission.c — placeholder until its issue-2 work is merged. */
#include "domain/model.h"
#include "domain/demo.h"

enum err
mission_list(struct db *db, struct arena *a, struct mission **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

enum err
mission_get(struct db *db, struct arena *a, const char *slug, struct mission *out)
{
    (void)db;
    (void)a;
    (void)slug;
    (void)out;
    return ERR_NOTFOUND;
}

enum err
mission_get_id(struct db *db, struct arena *a, int64_t id, struct mission *out)
{
    (void)db;
    (void)a;
    (void)id;
    (void)out;
    return ERR_NOTFOUND;
}

enum err
mission_objectives(struct db *db, struct arena *a, int64_t mission_id, struct objective **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)mission_id;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

enum err
mission_indicators(struct db *db, struct arena *a, int64_t mission_id, struct indicator **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)mission_id;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

enum err
mission_sdg_targets(struct db *db, struct arena *a, int64_t mission_id, struct sdg_target **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)mission_id;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

enum err
mission_team(struct db *db, struct arena *a, int64_t mission_id, struct team_member **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)mission_id;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

enum err
mission_actors(struct db *db, struct arena *a, int64_t mission_id, struct actor **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)mission_id;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

enum err
objective_get(struct db *db, struct arena *a, int64_t id, struct objective *out)
{
    (void)db;
    (void)a;
    (void)id;
    (void)out;
    return ERR_NOTFOUND;
}

enum err
indicator_get(struct db *db, struct arena *a, int64_t id, struct indicator *out)
{
    (void)db;
    (void)a;
    (void)id;
    (void)out;
    return ERR_NOTFOUND;
}

enum err
indicator_list(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg, struct indicator **out, int *out_n, int64_t *out_total)
{
    (void)db;
    (void)a;
    (void)mission_id;
    (void)pg;
    (void)out;
    (void)out_n;
    (void)out_total;
    return ERR_NOTFOUND;
}

enum err
indicator_observations(struct db *db, struct arena *a, int64_t indicator_id, struct observation **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)indicator_id;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

