/* actor.c — placeholder until its issue-2 work is merged. */
#include "domain/model.h"
#include "domain/demo.h"

enum err
actor_list(struct db *db, struct arena *a, const char *sector, const struct page *pg, struct actor **out, int *out_n, int64_t *out_total)
{
    (void)db;
    (void)a;
    (void)sector;
    (void)pg;
    (void)out;
    (void)out_n;
    (void)out_total;
    return ERR_NOTFOUND;
}

enum err
actor_get(struct db *db, struct arena *a, int64_t id, struct actor *out)
{
    (void)db;
    (void)a;
    (void)id;
    (void)out;
    return ERR_NOTFOUND;
}

enum err
actor_people(struct db *db, struct arena *a, int64_t actor_id, struct person **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)actor_id;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

enum err
person_list(struct db *db, struct arena *a, const struct page *pg, struct person **out, int *out_n, int64_t *out_total)
{
    (void)db;
    (void)a;
    (void)pg;
    (void)out;
    (void)out_n;
    (void)out_total;
    return ERR_NOTFOUND;
}

enum err
person_get(struct db *db, struct arena *a, int64_t id, struct person *out)
{
    (void)db;
    (void)a;
    (void)id;
    (void)out;
    return ERR_NOTFOUND;
}

enum err
initiative_list(struct db *db, struct arena *a, const struct initiative_filter *f, const struct page *pg, struct initiative **out, int *out_n, int64_t *out_total)
{
    (void)db;
    (void)a;
    (void)f;
    (void)pg;
    (void)out;
    (void)out_n;
    (void)out_total;
    return ERR_NOTFOUND;
}

enum err
initiative_get(struct db *db, struct arena *a, int64_t id, struct initiative *out)
{
    (void)db;
    (void)a;
    (void)id;
    (void)out;
    return ERR_NOTFOUND;
}

