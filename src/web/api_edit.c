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

/* ------------------------------------------------------------ reading a body */

/* Members no client sets, on every entity: refused by name as protected. */
static const char *const protected_members[] = {
    "id",     "is_demo", "archived_at", "created_at", "updated_at",
    "links",  "owner",   "owner_id",    "role",       "initiative_count",
    "people", "origin",  "mission_id",  "lead_actor", "user_id",
    "actor",  NULL};

static bool
is_protected(const char *key)
{
    int i;

    for (i = 0; protected_members[i] != NULL; i++)
        if (strcmp(protected_members[i], key) == 0)
            return true;
    return false;
}

/* The body as a JSON object (the caller decrefs), or a 400 naming what is wrong. */
static enum err
body_object(struct req *rq, json_t **out)
{
    json_error_t je;
    json_t *root;

    *out = NULL;
    root = json_loadb(rq->body ? rq->body : "", rq->body_len, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL)
        return req_invalid(
            rq, NULL, arena_printf(rq->arena, _("The body is not valid JSON (line %d)."), je.line));
    if (!json_is_object(root)) {
        json_decref(root);
        return req_invalid(rq, NULL, _("The body must be a JSON object."));
    }
    *out = root;
    return ERR_OK;
}

/* The verdict on one member: applied, not a member of this write, or a wrong value. */
enum apply { APPLIED, UNKNOWN, BAD };

/* A string member (nullable: null is NULL) copied into the request's arena. */
static enum apply
get_str(struct req *rq, json_t *v, bool nullable, const char **out)
{
    if (nullable && json_is_null(v)) {
        *out = NULL;
        return APPLIED;
    }
    if (!json_is_string(v))
        return BAD;
    *out = arena_strndup(rq->arena, json_string_value(v), json_string_length(v));
    return APPLIED;
}

/* A bilingual text {"sv", "en"}: each half given replaces the stored one. */
static enum apply
get_text(struct req *rq, json_t *v, const char **sv, const char **en)
{
    const char *k;
    json_t *x;

    if (!json_is_object(v))
        return BAD;
    json_object_foreach(v, k, x)
    {
        if (!json_is_string(x) || (strcmp(k, "sv") != 0 && strcmp(k, "en") != 0))
            return BAD;
        *(strcmp(k, "sv") == 0 ? sv : en) =
            arena_strndup(rq->arena, json_string_value(x), json_string_length(x));
    }
    return APPLIED;
}

/* An id (nullable: null is 0). */
static enum apply
get_id(json_t *v, bool nullable, int64_t *out)
{
    if (nullable && json_is_null(v)) {
        *out = 0;
        return APPLIED;
    }
    if (!json_is_integer(v) || json_integer_value(v) <= 0)
        return BAD;
    *out = json_integer_value(v);
    return APPLIED;
}

/* An array of strings, at most WRITE_MAX_ITEMS + 1 kept (the domain refuses more). */
static enum apply
get_strs(struct req *rq, json_t *v, const char *const **out, int *out_n)
{
    const char **s;
    size_t i;
    json_t *x;
    int n = 0;

    if (!json_is_array(v))
        return BAD;
    s = arena_alloc(rq->arena, (WRITE_MAX_ITEMS + 1) * sizeof(*s));
    json_array_foreach(v, i, x)
    {
        if (!json_is_string(x))
            return BAD;
        if (n <= WRITE_MAX_ITEMS)
            s[n++] = arena_strndup(rq->arena, json_string_value(x), json_string_length(x));
    }
    *out = s;
    *out_n = n;
    return APPLIED;
}

/* The refusal of member key: why, as a sentence about the member (English, as the API's
 * field messages are). */
static enum err
refuse_member(struct req *rq, const char *key, enum apply a, const char *why)
{
    const char *field = arena_strdup(rq->arena, key);

    if (a == UNKNOWN)
        return req_invalid(rq, field, _("is not a member of this write"));
    return req_refuse(rq, REFUSE_UNPROCESSABLE, field, why);
}

/*
 * Walk the body's members through apply (ctx the input being built): a protected one is
 * refused by name first, then an unknown or bad one. ERR_OK when every member applied.
 */
static enum err
apply_body(struct req *rq, json_t *root, void *ctx,
           enum apply (*apply)(struct req *rq, void *ctx, const char *key, json_t *v,
                               const char **why))
{
    const char *key, *why;
    json_t *v;
    enum apply a;

    json_object_foreach(root, key, v)
    {
        if (is_protected(key))
            return req_refuse(rq, REFUSE_UNPROCESSABLE, arena_strdup(rq->arena, key),
                              _("is protected: it cannot be set through the API"));
    }
    json_object_foreach(root, key, v)
    {
        why = _("has a value of the wrong type");
        a = apply(rq, ctx, key, v, &why);
        if (a != APPLIED)
            return refuse_member(rq, key, a, why);
    }
    return ERR_OK;
}

/* The domain's refusal: the input struct's field as the body's member. */
static enum err
refuse_write(struct req *rq, const struct write_error *we)
{
    const char *f = we->field != NULL ? we->field : NULL;

    if (f != NULL && (strcmp(f, "title_sv") == 0 || strcmp(f, "title_en") == 0))
        f = "title";
    else if (f != NULL && (strncmp(f, "description_", 12) == 0))
        f = "description";
    else if (f != NULL && strncmp(f, "summary_", 8) == 0)
        f = "summary";
    else if (f != NULL && strncmp(f, "hypotheses_", 11) == 0)
        f = "hypotheses";
    else if (f != NULL && strncmp(f, "learnings_", 10) == 0)
        f = "learnings";
    else if (f != NULL && strcmp(f, "parts") == 0)
        f = "actors";
    else if (f != NULL && strcmp(f, "mission_id") == 0)
        f = "mission";
    return req_refuse(rq, REFUSE_UNPROCESSABLE, f, we->msg != NULL ? we->msg : "is not accepted");
}

/* An archive's body: nothing, or an object without members (a member is refused naming it). */
static enum err
archive_body(struct req *rq)
{
    const char *key;
    json_t *root, *v;

    if (rq->body_len == 0)
        return ERR_OK;
    if (body_object(rq, &root))
        return ERR_INVALID;
    json_object_foreach(root, key, v)
    {
        key = arena_strdup(rq->arena, key);
        json_decref(root);
        return req_invalid(rq, key, _("is not a member of this write"));
    }
    json_decref(root);
    return ERR_OK;
}

/* Answer a create: 201, Location, the resource. */
static enum err
created(struct req *rq, const char *prefix, int64_t id,
        enum err (*respond)(struct req *rq, struct db *db, int64_t id))
{
    enum err rc;

    rc = respond(rq, rq->wdb, id);
    if (rc)
        return rc;
    rq->resp.status = 201;
    return resp_header(rq, "Location", arena_printf(rq->arena, "%s%lld", prefix, (long long)id));
}

/* ------------------------------------------------------------ actors */

static enum apply
actor_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct actor_new *in = ctx;

    if (strcmp(key, "slug") == 0)
        return get_str(rq, v, false, &in->slug);
    if (strcmp(key, "name") == 0)
        return get_str(rq, v, false, &in->name);
    if (strcmp(key, "orgnr") == 0)
        return get_str(rq, v, true, &in->orgnr);
    if (strcmp(key, "sector") == 0)
        return get_str(rq, v, false, &in->sector);
    if (strcmp(key, "sni") == 0)
        return get_str(rq, v, true, &in->sni);
    if (strcmp(key, "municipality") == 0)
        return get_str(rq, v, true, &in->municipality);
    if (strcmp(key, "website") == 0)
        return get_str(rq, v, true, &in->website);
    if (strcmp(key, "description") == 0) {
        *why = "must be {\"sv\": text, \"en\": text}";
        return get_text(rq, v, &in->description_sv, &in->description_en);
    }
    if (strcmp(key, "disciplines") == 0) {
        *why = "must be an array of texts";
        return get_strs(rq, v, &in->disciplines, &in->n_disciplines);
    }
    return UNKNOWN;
}

/* Create (id 0) or update the actor from the body. */
static enum err
actor_write(struct req *rq, int64_t id, struct actor_new *in)
{
    struct write_error we = {0};
    const char *who;
    int64_t out_id = 0;
    json_t *root;
    enum err rc;

    rc = body_object(rq, &root);
    if (rc)
        return rc;
    rc = apply_body(rq, root, in, actor_member);
    json_decref(root);
    if (rc)
        return rc;
    if (id == 0 && str_empty(in->slug))
        in->slug = registry_slug(rq->arena, in->name);
    rc = regform_who(rq, &who);
    if (rc)
        return rc;
    rc = registry_actor_save(rq->wdb, id, in, who, (int64_t)time(NULL), &out_id, &we);
    if (rc == ERR_INVALID)
        return refuse_write(rq, &we);
    if (rc)
        return rc;
    return id == 0 ? created(rq, "/api/v1/actors/", out_id, api_actor_respond)
                   : api_actor_respond(rq, rq->wdb, id);
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
    const char *who;
    struct actor x;
    enum err rc;

    rc = actor_of_path(rq, AUTHZ_ACTOR_ARCHIVE, &x);
    if (rc == ERR_OK)
        rc = archive_body(rq);
    if (rc == ERR_OK)
        rc = regform_who(rq, &who);
    if (rc == ERR_OK)
        rc = registry_actor_archive(rq->wdb, x.id, who, (int64_t)time(NULL));
    return rc ? rc : api_actor_respond(rq, rq->wdb, x.id);
}

/* ------------------------------------------------------------ people */

static enum apply
person_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct person_new *in = ctx;

    if (strcmp(key, "name") == 0)
        return get_str(rq, v, false, &in->name);
    if (strcmp(key, "title") == 0) {
        *why = "must be {\"sv\": text, \"en\": text}";
        return get_text(rq, v, &in->title_sv, &in->title_en);
    }
    if (strcmp(key, "actor_id") == 0) {
        *why = "must be an actor's id or null";
        return get_id(v, true, &in->actor_id);
    }
    if (strcmp(key, "email") == 0)
        return get_str(rq, v, true, &in->email);
    if (strcmp(key, "phone") == 0)
        return get_str(rq, v, true, &in->phone);
    if (strcmp(key, "contact_public") == 0) {
        if (!json_is_boolean(v))
            return BAD;
        in->contact_public = json_is_true(v);
        return APPLIED;
    }
    return UNKNOWN;
}

/* Apply the body to in and save (id 0: create; its authorization is asked here, once the
 * actor the person will belong to is known: a create's scope). */
static enum err
person_write(struct req *rq, int64_t id, struct person_new *in)
{
    struct authz_scope scope = {0};
    const struct who *w;
    struct write_error we = {0};
    const char *who;
    int64_t out_id = 0;
    json_t *root;
    enum err rc;

    rc = body_object(rq, &root);
    if (rc)
        return rc;
    rc = apply_body(rq, root, in, person_member);
    json_decref(root);
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
    rc = regform_who(rq, &who);
    if (rc)
        return rc;
    rc = registry_person_save(rq->wdb, id, in, who, (int64_t)time(NULL), &out_id, &we);
    if (rc == ERR_INVALID)
        return refuse_write(rq, &we);
    if (rc)
        return rc;
    return id == 0 ? created(rq, "/api/v1/people/", out_id, api_person_respond)
                   : api_person_respond(rq, rq->wdb, id);
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

    return person_write(rq, 0, &in);
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
    return person_write(rq, p.id, &in);
}

enum err
api_person_archive(struct req *rq)
{
    const char *who;
    struct person p;
    enum err rc;

    rc = person_of_path(rq, AUTHZ_PERSON_ARCHIVE, &p);
    if (rc == ERR_OK)
        rc = archive_body(rq);
    if (rc == ERR_OK)
        rc = regform_who(rq, &who);
    if (rc == ERR_OK)
        rc = registry_person_archive(rq->wdb, p.id, who, (int64_t)time(NULL));
    return rc ? rc : api_person_respond(rq, rq->wdb, p.id);
}

/* ------------------------------------------------------------ initiatives */

/* The input being built and what only a create may give. */
struct initiative_body {
    struct initiative_new in;
    const char *mission; /* the slug a create names; NULL: not given */
    bool is_update;
};

static enum apply
get_parts(struct req *rq, json_t *v, struct initiative_new *in)
{
    struct initiative_part *parts;
    const char *k;
    json_t *x, *m;
    size_t i;
    int n = 0;

    if (!json_is_array(v))
        return BAD;
    parts = arena_alloc(rq->arena, (WRITE_MAX_ITEMS + 1) * sizeof(*parts));
    json_array_foreach(v, i, x)
    {
        if (!json_is_object(x))
            return BAD;
        if (n > WRITE_MAX_ITEMS)
            continue;
        parts[n].actor_id = 0;
        parts[n].role = "participant";
        json_object_foreach(x, k, m)
        {
            if (strcmp(k, "id") == 0 && get_id(m, false, &parts[n].actor_id) == APPLIED)
                continue;
            if (strcmp(k, "role") == 0 && json_is_string(m)) {
                parts[n].role = arena_strdup(rq->arena, json_string_value(m));
                continue;
            }
            return BAD;
        }
        if (parts[n].actor_id == 0)
            return BAD;
        n++;
    }
    in->parts = parts;
    in->n_parts = n;
    return APPLIED;
}

static enum apply
get_ids(struct req *rq, json_t *v, const int64_t **out, int *out_n)
{
    int64_t *ids, id;
    json_t *x;
    size_t i;
    int n = 0;

    if (!json_is_array(v))
        return BAD;
    ids = arena_alloc(rq->arena, (WRITE_MAX_ITEMS + 1) * sizeof(*ids));
    json_array_foreach(v, i, x)
    {
        if (get_id(x, false, &id) != APPLIED)
            return BAD;
        if (n <= WRITE_MAX_ITEMS)
            ids[n++] = id;
    }
    *out = ids;
    *out_n = n;
    return APPLIED;
}

static enum apply
initiative_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct initiative_body *b = ctx;
    struct initiative_new *in = &b->in;
    static const char *const text_why = "must be {\"sv\": text, \"en\": text}";

    if (strcmp(key, "mission") == 0) {
        /* apply_body's protected list does not know a create from an update */
        if (b->is_update) {
            *why = "is protected: an initiative does not move between missions";
            return BAD;
        }
        return get_str(rq, v, false, &b->mission);
    }
    if (strcmp(key, "slug") == 0)
        return get_str(rq, v, false, &in->slug);
    if (strcmp(key, "title") == 0) {
        *why = text_why;
        return get_text(rq, v, &in->title_sv, &in->title_en);
    }
    if (strcmp(key, "summary") == 0) {
        *why = text_why;
        return get_text(rq, v, &in->summary_sv, &in->summary_en);
    }
    if (strcmp(key, "status") == 0)
        return get_str(rq, v, false, &in->status);
    if (strcmp(key, "lead_actor_id") == 0) {
        *why = "must be an actor's id or null";
        return get_id(v, true, &in->lead_actor_id);
    }
    if (strcmp(key, "start_date") == 0)
        return get_str(rq, v, true, &in->start_date);
    if (strcmp(key, "end_date") == 0)
        return get_str(rq, v, true, &in->end_date);
    if (strcmp(key, "budget_sek") == 0) {
        *why = "must be whole kronor or null";
        in->has_budget = !json_is_null(v);
        if (json_is_null(v))
            return APPLIED;
        if (!json_is_integer(v))
            return BAD;
        in->budget_sek = json_integer_value(v);
        return APPLIED;
    }
    if (strcmp(key, "funding") == 0)
        return get_str(rq, v, false, &in->funding);
    if (strcmp(key, "hypotheses") == 0) {
        *why = text_why;
        return get_text(rq, v, &in->hypotheses_sv, &in->hypotheses_en);
    }
    if (strcmp(key, "learnings") == 0) {
        *why = text_why;
        return get_text(rq, v, &in->learnings_sv, &in->learnings_en);
    }
    if (strcmp(key, "actors") == 0) {
        *why = "must be an array of {\"id\": actor id, \"role\": role}";
        return get_parts(rq, v, in);
    }
    if (strcmp(key, "objective_ids") == 0) {
        *why = "must be an array of objective ids";
        return get_ids(rq, v, &in->objective_ids, &in->n_objectives);
    }
    if (strcmp(key, "sdg_targets") == 0) {
        *why = "must be an array of SDG target codes";
        return get_strs(rq, v, &in->sdg_targets, &in->n_sdg_targets);
    }
    return UNKNOWN;
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
    if (rc == ERR_INVALID)
        return refuse_write(rq, &we);
    if (rc)
        return rc;
    return id == 0 ? created(rq, "/api/v1/initiatives/", out_id, api_initiative_respond)
                   : api_initiative_respond(rq, rq->wdb, id);
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
    rc = body_object(rq, &root);
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
        rc = apply_body(rq, root, &b, initiative_member);
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
    struct initiative_body b;
    struct initiative_part *parts;
    struct initiative n;
    json_t *root;
    enum err rc;
    int i;

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
    b.in.mission_id = n.mission_id;
    b.in.slug = n.slug;
    b.in.title_sv = n.title_sv;
    b.in.title_en = n.title_en;
    b.in.summary_sv = n.summary_sv;
    b.in.summary_en = n.summary_en;
    b.in.origin = n.origin;
    b.in.status = n.status;
    b.in.lead_actor_id = n.lead_actor_id;
    b.in.start_date = n.start_date;
    b.in.end_date = n.end_date;
    b.in.has_budget = n.has_budget;
    b.in.budget_sek = n.budget_sek;
    b.in.funding = n.funding;
    b.in.hypotheses_sv = n.hypotheses_sv;
    b.in.hypotheses_en = n.hypotheses_en;
    b.in.learnings_sv = n.learnings_sv;
    b.in.learnings_en = n.learnings_en;
    parts = arena_alloc(rq->arena, (size_t)(n.n_actors > 0 ? n.n_actors : 1) * sizeof(*parts));
    for (i = 0; i < n.n_actors; i++) {
        parts[i].actor_id = n.actors[i].actor_id;
        parts[i].role = n.actors[i].role;
    }
    b.in.parts = parts;
    b.in.n_parts = n.n_actors;
    b.in.objective_ids = n.objective_ids;
    b.in.n_objectives = n.n_objectives;
    b.in.sdg_targets = n.sdg_targets;
    b.in.n_sdg_targets = n.n_sdg_targets;
    rc = body_object(rq, &root);
    if (rc)
        return rc;
    rc = apply_body(rq, root, &b, initiative_member);
    json_decref(root);
    if (rc)
        return rc;
    return initiative_write(rq, n.id, &b);
}

enum err
api_initiative_archive(struct req *rq)
{
    struct initiative n;
    const char *who;
    enum err rc;

    rc = initiative_of_path(rq, AUTHZ_INITIATIVE_ARCHIVE, &n);
    if (rc == ERR_OK)
        rc = archive_body(rq);
    if (rc == ERR_OK)
        rc = regform_who(rq, &who);
    if (rc == ERR_OK)
        rc = registry_initiative_archive(rq->wdb, n.id, who, (int64_t)time(NULL));
    return rc ? rc : api_initiative_respond(rq, rq->wdb, n.id);
}
