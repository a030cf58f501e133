/*
 * api_person.c — people (contacts) in the JSON API: /api/v1/people and
 * /api/v1/people/{id}. A person's fields are also those of a mission's team
 * member (api_mission.c), so the Person resource is shared (api.h).
 *
 * Shapes are declared once, as field tables (resource.h); handlers load
 * through the domain and hand the struct to the engine.
 */
#include "domain/person.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/route.h"

/* clang-format off */
static const struct res_field person_fields[] = {
    R_INT("id", struct person, id, 0, NULL),
    R_STR("name", struct person, name, 0, NULL),
    R_TEXT("title", struct person, title_sv, title_en, "Job title"),
    R_OBJ_IF_ID("actor", R_FIELDS(
        R_INT("id", struct person, actor_id, 0, NULL),
        R_STR("name", struct person, actor_name, 0, NULL)),
        struct person, actor_id, RES_NULL, "The organisation the person belongs to"),
    R_STR("email", struct person, email, RES_NULL, "Null unless contact_public"),
    R_STR("phone", struct person, phone, RES_NULL, "Null unless contact_public"),
    R_BOOL("contact_public", struct person, contact_public, 0,
           "The person's e-mail and phone are public"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/people/{id}", NULL, R_ARG_INT("id", struct person, id))),
        0, NULL),
    R_END,
};
/* clang-format on */

const struct resource api_person_res = {
    .name = "Person",
    .desc = "A contact person",
    .fields = person_fields,
    .size = sizeof(struct person),
};

static enum err
people_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    struct person *ps = NULL;
    enum err rc;

    rc = person_list(rq->db, rq->arena, pg, &ps, out_n, out_total);
    *out = ps;
    return rc;
}

static const struct resource person_list_res = {
    .name = "PersonList",
    .paged = &api_person_res,
    .load = people_load,
};

const struct resource *const api_person_resources[] = {&api_person_res, &person_list_res, NULL};

enum err
api_people(struct req *rq)
{
    return res_list(rq, &person_list_res);
}

enum err
api_person(struct req *rq)
{
    struct person p;
    enum err rc;

    /* the person of an account that only signed up is in no public read (person.h) */
    rc = person_get(rq->db, rq->arena, req_int(rq, "id", 0), &p);
    if (rc == ERR_OK && !p.listed)
        rc = ERR_NOTFOUND;
    if (rc)
        return rc;
    return res_respond(rq, &api_person_res, &p);
}

enum err
api_person_respond(struct req *rq, struct db *db, int64_t id)
{
    struct person p;
    enum err rc;

    rc = person_get(db, rq->arena, id, &p);
    if (rc)
        return rc;
    return res_respond(rq, &api_person_res, &p);
}
