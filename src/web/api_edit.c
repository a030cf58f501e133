/*
 * api_edit.c — the registry's writes in the JSON API: actors, people and top-down
 * initiatives created (POST /api/v1/actors, /people, /initiatives: 201 with Location and the
 * resource), updated (PATCH .../{id}: only the members given change; 200 with the resource)
 * and archived (POST .../{id}/archive: 200 with the resource, archived_at set).
 *
 * The same rules as the forms (edit_*.c): the resource is read from the path and the
 * database, the authorization table asked for exactly the route's rule (req_allow) before
 * anything is written, one transaction per write (domain/registry.c), nothing changed on
 * any refusal. A body is a JSON object parsed with JSON_REJECT_DUPLICATES; a member that is
 * not in the write's schema is refused naming it (400); a member the client may not set
 * (ids, is_demo, archived_at, an initiative's origin and, on update, its mission, what is
 * computed) is refused by name as protected (422, SECURITY.md item 21: mass assignment); a
 * value of the wrong type or one the domain refuses is 422 naming the member.
 *
 * Bilingual texts are {"sv": ..., "en": ...} as the resources write them; in a PATCH a
 * text's missing half stays as stored.
 */
#include <jansson.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/actor.h"
#include "domain/codes.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/registry.h"
#include "web/api.h"
#include "web/api_body.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/regform.h"
#include "web/resp.h"
#include "web/route.h"

/* ------------------------------------------------------------ the bodies' schemas */

/* clang-format off */
static const struct res_field actor_write_fields[] = {
    R_DOC("slug", RT_STR, RES_OPT, "Required to create unless a name makes one; 1-64 of a-z, 0-9, -"),
    R_DOC("name", RT_STR, RES_OPT, "Required to create"),
    R_DOC("orgnr", RT_STR, RES_OPT | RES_NULL, "Swedish organisation number (check digit checked)"),
    R_DOC_ENUM("sector", &code_actor_sector, RES_OPT, "Required to create"),
    R_DOC("sni", RT_STR, RES_OPT | RES_NULL, "SNI 2007 code"),
    R_DOC("municipality", RT_STR, RES_OPT | RES_NULL, "SCB municipality code"),
    R_DOC("website", RT_STR, RES_OPT | RES_NULL, "http or https"),
    R_DOC("description", RT_TEXT, RES_OPT, "Markdown; a half not given stays"),
    R_DOC_ARR("disciplines", R_DOC_ITEM(RT_STR), RES_OPT, "Replaces the disciplines"),
    R_END,
};

static const struct res_field person_write_fields[] = {
    R_DOC("name", RT_STR, RES_OPT, "Required to create"),
    R_DOC("title", RT_TEXT, RES_OPT, "A half not given stays"),
    R_DOC("actor_id", RT_INT, RES_OPT | RES_NULL, "The organisation"),
    R_DOC("email", RT_STR, RES_OPT | RES_NULL, NULL),
    R_DOC("phone", RT_STR, RES_OPT | RES_NULL, "Digits, spaces and + - ( )"),
    R_DOC("contact_public", RT_BOOL, RES_OPT, "The e-mail and phone are public (default false)"),
    R_END,
};

static const struct res_field initiative_write_fields[] = {
    R_DOC("mission", RT_STR, RES_OPT, "Mission slug; required to create, protected on update"),
    R_DOC("slug", RT_STR, RES_OPT, "Unique in the mission; made from the Swedish title if not given"),
    R_DOC("title", RT_TEXT, RES_OPT, "Swedish required to create"),
    R_DOC("summary", RT_TEXT, RES_OPT, "Markdown"),
    R_DOC_ENUM("status", &code_initiative_status, RES_OPT, "Required to create"),
    R_DOC("lead_actor_id", RT_INT, RES_OPT | RES_NULL, NULL),
    R_DOC("start_date", RT_DATE, RES_OPT | RES_NULL, NULL),
    R_DOC("end_date", RT_DATE, RES_OPT | RES_NULL, "Not before the start date"),
    R_DOC("budget_sek", RT_INT, RES_OPT | RES_NULL, "Whole kronor"),
    R_DOC("funding", RT_STR, RES_OPT, NULL),
    R_DOC("hypotheses", RT_TEXT, RES_OPT, "Markdown"),
    R_DOC("learnings", RT_TEXT, RES_OPT, "Markdown"),
    R_DOC_ARR("actors", (&(const struct res_field){.type = RT_OBJ, .sub = R_FIELDS(
        R_DOC("id", RT_INT, 0, "The actor's id"),
        R_DOC_ENUM("role", &code_initiative_role, RES_OPT,
                   "Default participant; lead only for the lead actor"))}),
              RES_OPT, "Taking part, replacing those stored"),
    R_DOC_ARR("objective_ids", R_DOC_ITEM(RT_INT), RES_OPT, "Objectives of its mission"),
    R_DOC_ARR("sdg_targets", R_DOC_ITEM(RT_STR), RES_OPT, "SDG target codes"),
    R_END,
};
/* clang-format on */

static const struct resource actor_write_res = {
    .name = "ActorWrite",
    .desc = "An actor to create, or the members to change; unknown members are refused, "
            "protected ones (id, is_demo, archived_at ...) refused by name",
    .fields = actor_write_fields,
};
static const struct resource person_write_res = {
    .name = "PersonWrite",
    .desc = "A person to create, or the members to change; unknown and protected members are "
            "refused",
    .fields = person_write_fields,
};
static const struct resource initiative_write_res = {
    .name = "InitiativeWrite",
    .desc = "A top-down initiative to create, or the members to change; origin is protected "
            "(bottom-up initiatives are proposals), and so is the mission on update",
    .fields = initiative_write_fields,
};

/* (an archive's body is api_edit_mission.c's ArchiveRequest: {} or none) */
const struct resource *const api_edit_resources[] = {&actor_write_res, &person_write_res,
                                                     &initiative_write_res, NULL};

/* ------------------------------------------------------------ archives */

/*
 * The rest of an archive once its resource was read and allowed (rc: how that went): the
 * body has no members, the domain archives id as who asks, and the answer is the resource
 * (archived_at set).
 */
static enum err
archived(struct req *rq, enum err rc, int64_t id,
         enum err (*archive)(struct db *db, int64_t id, const char *who, int64_t now),
         enum err (*respond)(struct req *rq, struct db *db, int64_t id))
{
    const char *who;

    if (rc == ERR_OK)
        rc = api_body_empty(rq);
    if (rc == ERR_OK)
        rc = regform_who(rq, &who);
    if (rc == ERR_OK)
        rc = archive(rq->wdb, id, who, (int64_t)time(NULL));
    return rc ? rc : respond(rq, rq->wdb, id);
}

/* ------------------------------------------------------------ actors */

static enum api_member
actor_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct actor_new *in = ctx;

    if (strcmp(key, "slug") == 0)
        return api_body_str(rq, v, false, &in->slug);
    if (strcmp(key, "name") == 0)
        return api_body_str(rq, v, false, &in->name);
    if (strcmp(key, "orgnr") == 0)
        return api_body_str(rq, v, true, &in->orgnr);
    if (strcmp(key, "sector") == 0)
        return api_body_str(rq, v, false, &in->sector);
    if (strcmp(key, "sni") == 0)
        return api_body_str(rq, v, true, &in->sni);
    if (strcmp(key, "municipality") == 0)
        return api_body_str(rq, v, true, &in->municipality);
    if (strcmp(key, "website") == 0)
        return api_body_str(rq, v, true, &in->website);
    if (strcmp(key, "description") == 0) {
        *why = N_("must be {\"sv\": text, \"en\": text}");
        return api_body_text(rq, v, &in->description_sv, &in->description_en);
    }
    if (strcmp(key, "disciplines") == 0) {
        *why = N_("must be an array of texts");
        return api_body_strs(rq, v, &in->disciplines, &in->n_disciplines);
    }
    return API_UNKNOWN;
}

/* Create (id 0) or update the actor from the body. */
static enum err
actor_write(struct req *rq, int64_t id, struct actor_new *in)
{
    struct write_error we = {0};
    const char *who;
    int64_t out_id = 0;
    enum err rc;

    rc = api_body_read(rq, in, actor_member);
    if (rc)
        return rc;
    if (id == 0 && str_empty(in->slug))
        in->slug = registry_slug(rq->arena, in->name);
    rc = regform_who(rq, &who);
    if (rc)
        return rc;
    rc = registry_actor_save(rq->wdb, id, in, who, (int64_t)time(NULL), &out_id, &we);
    return api_body_saved(rq, rc, &we, id, out_id, "/api/v1/actors/", api_actor_respond);
}

/* The stored actor of the path, the caller allowed action on it. */
static enum err
actor_of_path(struct req *rq, enum authz_action action, struct actor *x)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = actor_get(rq->wdb, rq->arena, req_int(rq, "id", 0), x);
    if (rc)
        return rc;
    scope.actor_id = x->id;
    return req_allow(rq, action, &scope);
}

enum err
api_actor_create(struct req *rq)
{
    struct actor_new in = {0};
    enum err rc;

    rc = req_allow(rq, AUTHZ_ACTOR_CREATE, NULL);
    if (rc)
        return rc;
    return actor_write(rq, 0, &in);
}

enum err
api_actor_update(struct req *rq)
{
    struct actor_new in = {0};
    struct actor x;
    enum err rc;

    rc = actor_of_path(rq, AUTHZ_ACTOR_EDIT, &x);
    if (rc)
        return rc;
    if (x.archived_at != 0)
        return ERR_NOTFOUND;
    in.slug = x.slug;
    in.name = x.name;
    in.orgnr = x.orgnr;
    in.sector = x.sector;
    in.sni = x.sni;
    in.municipality = x.municipality;
    in.website = x.website;
    in.description_sv = x.description_sv;
    in.description_en = x.description_en;
    in.disciplines = x.disciplines;
    in.n_disciplines = x.n_disciplines;
    return actor_write(rq, x.id, &in);
}

enum err
api_actor_archive(struct req *rq)
{
    struct actor x;
    enum err rc;

    rc = actor_of_path(rq, AUTHZ_ACTOR_ARCHIVE, &x);
    return archived(rq, rc, x.id, registry_actor_archive, api_actor_respond);
}

/* ------------------------------------------------------------ people */

static enum api_member
person_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct person_new *in = ctx;

    if (strcmp(key, "name") == 0)
        return api_body_str(rq, v, false, &in->name);
    if (strcmp(key, "title") == 0) {
        *why = N_("must be {\"sv\": text, \"en\": text}");
        return api_body_text(rq, v, &in->title_sv, &in->title_en);
    }
    if (strcmp(key, "actor_id") == 0) {
        *why = N_("must be an actor's id or null");
        return api_body_id(v, true, &in->actor_id);
    }
    if (strcmp(key, "email") == 0)
        return api_body_str(rq, v, true, &in->email);
    if (strcmp(key, "phone") == 0)
        return api_body_str(rq, v, true, &in->phone);
    if (strcmp(key, "contact_public") == 0) {
        if (!json_is_boolean(v))
            return API_BAD;
        in->contact_public = json_is_true(v);
        return API_APPLIED;
    }
    return API_UNKNOWN;
}

/* Apply the body to in and save (id 0: create; its authorization is asked here, once the
 * actor the person will belong to is known: a create's scope). */
static enum err
person_write(struct req *rq, int64_t id, int64_t from, struct person_new *in)
{
    struct authz_scope scope = {0};
    const struct who *w;
    struct write_error we = {0};
    const char *who;
    int64_t out_id = 0;
    enum err rc;

    rc = api_body_read(rq, in, person_member);
    if (rc)
        return rc;
    if (id == 0) {
        /* a new person's actor is what the caller asks to add a contact to; a representative
         * who names none is asked for it (they may add to their own), others refused */
        scope.actor_id = in->actor_id;
        if (in->actor_id == 0 && !req_may(rq, AUTHZ_PERSON_CREATE, &scope)) {
            rc = req_who(rq, &w);
            if (rc)
                return rc;
            scope.actor_id = w->n_actors > 0 ? w->actors[0] : 0;
            rc = req_allow(rq, AUTHZ_PERSON_CREATE, &scope);
            if (rc)
                return rc;
            return req_refuse(rq, REFUSE_UNPROCESSABLE, "actor_id",
                              _("is required: the organisation you represent"));
        }
        rc = req_allow(rq, AUTHZ_PERSON_CREATE, &scope);
        if (rc)
            return rc;
    }
    /* a person's organisation: one the caller may add people to (regform.h) */
    if (id != 0 && !regform_may_place(rq, from, in->actor_id, &we))
        return req_refuse(rq, REFUSE_FORBIDDEN, we.field, we.msg);
    rc = regform_who(rq, &who);
    if (rc)
        return rc;
    rc = registry_person_save(rq->wdb, id, in, who, (int64_t)time(NULL), &out_id, &we);
    return api_body_saved(rq, rc, &we, id, out_id, "/api/v1/people/", api_person_respond);
}

static enum err
person_of_path(struct req *rq, enum authz_action action, struct person *out)
{
    struct authz_scope scope = {0};
    const struct principal *p;
    enum err rc;

    rc = person_get(rq->wdb, rq->arena, req_int(rq, "id", 0), out);
    if (rc)
        return rc;
    rc = req_principal(rq, &p);
    if (rc)
        return rc;
    scope.actor_id = out->actor_id;
    if (p->user_id != 0 && p->person_id == out->id)
        scope.owner_user_id = p->user_id;
    return req_allow(rq, action, &scope);
}

enum err
api_person_create(struct req *rq)
{
    struct person_new in = {0};

    return person_write(rq, 0, 0, &in);
}

enum err
api_person_update(struct req *rq)
{
    struct person_new in;
    struct person p;
    enum err rc;

    rc = person_of_path(rq, AUTHZ_PERSON_EDIT, &p);
    if (rc)
        return rc;
    rc = person_stored(rq->wdb, rq->arena, p.id, &in);
    if (rc)
        return rc;
    return person_write(rq, p.id, p.actor_id, &in);
}

enum err
api_person_archive(struct req *rq)
{
    struct person p;
    enum err rc;

    rc = person_of_path(rq, AUTHZ_PERSON_ARCHIVE, &p);
    return archived(rq, rc, p.id, registry_person_archive, api_person_respond);
}

/* ------------------------------------------------------------ initiatives */

/* The input being built and what only a create may give. */
struct initiative_body {
    struct initiative_new in;
    const char *mission; /* the slug a create names; NULL: not given */
    bool is_update;
};

static enum api_member
initiative_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct initiative_body *b = ctx;
    struct initiative_new *in = &b->in;
    static const char *const text_why = N_("must be {\"sv\": text, \"en\": text}");

    if (strcmp(key, "mission") == 0) {
        /* apply_body's protected list does not know a create from an update */
        if (b->is_update) {
            *why = N_("is protected: an initiative does not move between missions");
            return API_BAD;
        }
        return api_body_str(rq, v, false, &b->mission);
    }
    if (strcmp(key, "slug") == 0)
        return api_body_str(rq, v, false, &in->slug);
    if (strcmp(key, "status") == 0)
        return api_body_str(rq, v, false, &in->status);
    if (strcmp(key, "lead_actor_id") == 0) {
        *why = N_("must be an actor's id or null");
        return api_body_id(v, true, &in->lead_actor_id);
    }
    if (strcmp(key, "funding") == 0)
        return api_body_str(rq, v, false, &in->funding);
    if (strcmp(key, "hypotheses") == 0) {
        *why = text_why;
        return api_body_text(rq, v, &in->hypotheses_sv, &in->hypotheses_en);
    }
    if (strcmp(key, "learnings") == 0) {
        *why = text_why;
        return api_body_text(rq, v, &in->learnings_sv, &in->learnings_en);
    }
    if (strcmp(key, "actors") == 0) {
        *why = N_("must be an array of {\"id\": actor id, \"role\": role}");
        return api_body_parts(rq, v, in, 0);
    }
    return api_body_initiative_member(rq, in, key, v, why);
}

/* Save b (id 0: create) and answer. */
static enum err
initiative_write(struct req *rq, int64_t id, struct initiative_body *b)
{
    struct write_error we = {0};
    const char *who;
    int64_t out_id = 0;
    enum err rc;

    rc = regform_who(rq, &who);
    if (rc)
        return rc;
    if (id == 0 && str_empty(b->in.slug))
        b->in.slug = registry_slug(rq->arena, b->in.title_sv);
    rc = registry_initiative_save(rq->wdb, id, &b->in, who, (int64_t)time(NULL), &out_id, &we);
    return api_body_saved(rq, rc, &we, id, out_id, "/api/v1/initiatives/", api_initiative_respond);
}

enum err
api_initiative_create(struct req *rq)
{
    struct authz_scope scope = {0};
    const struct who *w;
    struct initiative_body b;
    struct mission m;
    json_t *root, *mv;
    enum err rc;

    memset(&b, 0, sizeof(b));
    rc = api_body_object(rq, &root);
    if (rc)
        return rc;
    /* the mission first: it is what the caller asks to add to (the rule's scope); without
     * one, a caller who may add to some mission is asked for it, others refused */
    mv = json_object_get(root, "mission");
    if (!json_is_string(mv)) {
        json_decref(root);
        rc = req_who(rq, &w);
        if (rc)
            return rc;
        scope.mission_id = w->n_missions > 0 ? w->missions[0] : 0;
        rc = req_allow(rq, AUTHZ_INITIATIVE_CREATE, &scope);
        if (rc)
            return rc;
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "mission", _("must be a mission's slug"));
    }
    rc = mission_get(rq->wdb, rq->arena, json_string_value(mv), &m);
    if (rc == ERR_NOTFOUND || (rc == ERR_OK && m.archived_at != 0)) {
        json_decref(root);
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "mission", _("names no live mission"));
    }
    if (rc == ERR_OK) {
        scope.mission_id = m.id;
        rc = req_allow(rq, AUTHZ_INITIATIVE_CREATE, &scope);
    }
    if (rc == ERR_OK)
        rc = api_body_apply(rq, root, &b, initiative_member);
    json_decref(root);
    if (rc)
        return rc;
    b.in.mission_id = m.id;
    b.in.origin = "top_down";
    return initiative_write(rq, 0, &b);
}

static enum err
initiative_of_path(struct req *rq, enum authz_action action, struct initiative *n)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = initiative_get(rq->wdb, rq->arena, req_int(rq, "id", 0), n);
    if (rc)
        return rc;
    scope.mission_id = n->mission_id;
    scope.actor_id = n->lead_actor_id;
    return req_allow(rq, action, &scope);
}

enum err
api_initiative_update(struct req *rq)
{
    struct write_error we = {0};
    struct initiative_body b;
    struct initiative n;
    enum err rc;

    rc = initiative_of_path(rq, AUTHZ_INITIATIVE_EDIT, &n);
    if (rc)
        return rc;
    rc = regform_not_pending(rq, rq->wdb, n.id);
    if (rc)
        return rc;
    if (n.archived_at != 0)
        return ERR_NOTFOUND;
    memset(&b, 0, sizeof(b));
    b.is_update = true;
    api_body_from_initiative(rq, &n, &b.in);
    rc = api_body_read(rq, &b, initiative_member);
    if (rc)
        return rc;
    /* what a lead's representative may not change (regform.h) */
    if (!regform_may_change_initiative(rq, &n, &b.in, &we))
        return req_refuse(rq, REFUSE_FORBIDDEN,
                          we.field != NULL && strcmp(we.field, "parts") == 0 ? "actors" : we.field,
                          we.msg);
    return initiative_write(rq, n.id, &b);
}

enum err
api_initiative_archive(struct req *rq)
{
    struct initiative n;
    enum err rc;

    rc = initiative_of_path(rq, AUTHZ_INITIATIVE_ARCHIVE, &n);
    if (rc == ERR_OK)
        rc = regform_not_pending(rq, rq->wdb, n.id);
    return archived(rq, rc, n.id, registry_initiative_archive, api_initiative_respond);
}
