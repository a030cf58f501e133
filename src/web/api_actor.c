/*
 * api_actor.c — actors (organisations) in the JSON API: /api/v1/actors (paged,
 * filtered by sector) and /api/v1/actors/{id} with its disciplines and contact
 * people (Person, api_person.c).
 *
 * Shapes are declared once, as field tables (resource.h); handlers load
 * through the domain and hand the struct to the engine.
 */
#include <string.h>

#include "domain/actor.h"
#include "domain/codes.h"
#include "domain/person.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/route.h"

/* An actor as the API shows it: the single resource adds its contact people. */
struct actor_view {
    struct actor x;
    const struct person *people;
    int n_people;
};

/* clang-format off */
#define T struct actor_view
static const struct res_field actor_fields[] = {
    R_INT("id", T, x.id, 0, NULL),
    R_STR("slug", T, x.slug, 0, NULL),
    R_STR("name", T, x.name, 0, NULL),
    R_STR("orgnr", T, x.orgnr, RES_NULL, "Swedish organisation number, NNNNNN-NNNN"),
    R_ENUM("sector", T, x.sector, &code_actor_sector, 0, NULL),
    R_OBJ_IF_PTR("sni", R_FIELDS(
        R_STR("code", T, x.sni, 0, "SNI 2007 code"),
        R_STR("label", T, x.sni_label, RES_NULL, "Swedish label")),
        T, x.sni, RES_NULL, "Industry (SNI 2007)"),
    R_OBJ_IF_PTR("municipality", R_FIELDS(
        R_STR("code", T, x.municipality, 0, "SCB municipality code"),
        R_STR("name", T, x.municipality_name, RES_NULL, NULL),
        R_STR("county", T, x.county_name, RES_NULL, "County name")),
        T, x.municipality, RES_NULL, NULL),
    R_STR("website", T, x.website, RES_NULL, NULL),
    R_TEXT("description", T, x.description_sv, x.description_en, NULL),
    R_INT("initiative_count", T, x.n_initiatives, 0, NULL),
    R_BOOL("is_demo", T, x.is_demo, 0, "Demonstration content, not real"),
    R_ARR("disciplines", T, x.disciplines, x.n_disciplines, const char *, R_ITEM_SELF_STR, RES_ONE,
          "Single resource only"),
    R_ARR("people", T, people, n_people, const struct person, R_ITEM_RES(&api_person_res), RES_ONE,
          "Contacts (single resource only)"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/actors/{id}", NULL, R_ARG_INT("id", T, x.id)),
        R_LINK("html", "/actors/{id}", "The public page", R_ARG_INT("id", T, x.id))),
        0, NULL),
    R_END,
};
#undef T
/* clang-format on */

static const struct resource actor_res = {
    .name = "Actor",
    .desc = "An organisation",
    .fields = actor_fields,
    .size = sizeof(struct actor_view),
};

static enum err
actors_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    struct actor_view *vs;
    struct actor *xs;
    enum err rc;
    int i;

    rc = actor_list(rq->db, rq->arena, req_str(rq, "sector"), pg, &xs, out_n, out_total);
    if (rc)
        return rc;
    vs = arena_alloc(rq->arena, (size_t)(*out_n > 0 ? *out_n : 1) * sizeof(*vs));
    for (i = 0; i < *out_n; i++)
        vs[i].x = xs[i];
    *out = vs;
    return ERR_OK;
}

static const struct resource actor_list_res = {
    .name = "ActorList",
    .paged = &actor_res,
    .load = actors_load,
};

const struct resource *const api_actor_resources[] = {&actor_res, &actor_list_res, NULL};

enum err
api_actors(struct req *rq)
{
    return res_list(rq, &actor_list_res);
}

enum err
api_actor(struct req *rq)
{
    return api_actor_respond(rq, rq->db, req_int(rq, "id", 0));
}

enum err
api_actor_respond(struct req *rq, struct db *db, int64_t id)
{
    struct person *people;
    struct actor_view v;
    enum err rc;

    memset(&v, 0, sizeof(v));
    rc = actor_get(db, rq->arena, id, &v.x);
    if (rc)
        return rc;
    rc = actor_people(db, rq->arena, v.x.id, &people, &v.n_people);
    if (rc)
        return rc;
    v.people = people;
    return res_respond(rq, &actor_res, &v);
}
