/*
 * api_body.c — reading a JSON write's body and answering it (see api_body.h): the members
 * through the write's callback, the protected ones refused by name, the domain's refusal
 * named by the body's member, the 201 of a create.
 *
 * Never: write to the database, ask the authorization table, or keep a pointer into the
 * parsed body past api_body_read (jansson frees it; values are copied into the arena).
 */
#include "web/api_body.h"

#include <string.h>

#include "domain/mission.h"
#include "web/i18n.h"
#include "web/resp.h"
#include "web/route.h"

/* Members no client sets, on every entity: refused by name as protected. */
static const char *const protected_members[] = {
    "id",     "is_demo", "archived_at", "created_at", "updated_at",
    "links",  "owner",   "owner_id",    "role",       "initiative_count",
    "people", "origin",  "mission_id",  "lead_actor", "user_id",
    "actor",  NULL};

bool
api_body_protected(const char *key)
{
    int i;

    for (i = 0; protected_members[i] != NULL; i++)
        if (strcmp(protected_members[i], key) == 0)
            return true;
    return false;
}

enum err
api_body_object(struct req *rq, json_t **out)
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

enum api_member
api_body_str(struct req *rq, json_t *v, bool nullable, const char **out)
{
    if (nullable && json_is_null(v)) {
        *out = NULL;
        return API_APPLIED;
    }
    if (!json_is_string(v))
        return API_BAD;
    *out = arena_strndup(rq->arena, json_string_value(v), json_string_length(v));
    return API_APPLIED;
}

enum api_member
api_body_text(struct req *rq, json_t *v, const char **sv, const char **en)
{
    const char *k;
    json_t *x;

    if (!json_is_object(v))
        return API_BAD;
    json_object_foreach(v, k, x)
    {
        if (!json_is_string(x) || (strcmp(k, "sv") != 0 && strcmp(k, "en") != 0))
            return API_BAD;
        *(strcmp(k, "sv") == 0 ? sv : en) =
            arena_strndup(rq->arena, json_string_value(x), json_string_length(x));
    }
    return API_APPLIED;
}

enum api_member
api_body_id(json_t *v, bool nullable, int64_t *out)
{
    if (nullable && json_is_null(v)) {
        *out = 0;
        return API_APPLIED;
    }
    if (!json_is_integer(v) || json_integer_value(v) <= 0)
        return API_BAD;
    *out = json_integer_value(v);
    return API_APPLIED;
}

enum api_member
api_body_strs(struct req *rq, json_t *v, const char *const **out, int *out_n)
{
    const char **s;
    size_t i;
    json_t *x;
    int n = 0;

    if (!json_is_array(v))
        return API_BAD;
    s = arena_alloc(rq->arena, (WRITE_MAX_ITEMS + 1) * sizeof(*s));
    json_array_foreach(v, i, x)
    {
        if (!json_is_string(x))
            return API_BAD;
        if (n <= WRITE_MAX_ITEMS)
            s[n++] = arena_strndup(rq->arena, json_string_value(x), json_string_length(x));
    }
    *out = s;
    *out_n = n;
    return API_APPLIED;
}

enum api_member
api_body_ids(struct req *rq, json_t *v, const int64_t **out, int *out_n)
{
    int64_t *ids, id;
    json_t *x;
    size_t i;
    int n = 0;

    if (!json_is_array(v))
        return API_BAD;
    ids = arena_alloc(rq->arena, (WRITE_MAX_ITEMS + 1) * sizeof(*ids));
    json_array_foreach(v, i, x)
    {
        if (api_body_id(x, false, &id) != API_APPLIED)
            return API_BAD;
        if (n <= WRITE_MAX_ITEMS)
            ids[n++] = id;
    }
    *out = ids;
    *out_n = n;
    return API_APPLIED;
}

enum api_member
api_body_parts(struct req *rq, json_t *v, struct initiative_new *in, int keep)
{
    struct initiative_part *parts;
    const char *k;
    json_t *x, *m;
    size_t i;
    int n = keep;

    if (!json_is_array(v))
        return API_BAD;
    parts = arena_alloc(rq->arena, (size_t)(WRITE_MAX_ITEMS + 1 + keep) * sizeof(*parts));
    if (keep > 0)
        memcpy(parts, in->parts, (size_t)keep * sizeof(*parts));
    json_array_foreach(v, i, x)
    {
        if (!json_is_object(x))
            return API_BAD;
        if (n > WRITE_MAX_ITEMS + keep)
            continue;
        parts[n].actor_id = 0;
        parts[n].role = "participant";
        json_object_foreach(x, k, m)
        {
            if (strcmp(k, "id") == 0 && api_body_id(m, false, &parts[n].actor_id) == API_APPLIED)
                continue;
            if (strcmp(k, "role") == 0 && json_is_string(m)) {
                parts[n].role = arena_strdup(rq->arena, json_string_value(m));
                continue;
            }
            return API_BAD;
        }
        if (parts[n].actor_id == 0)
            return API_BAD;
        n++;
    }
    in->parts = parts;
    in->n_parts = n;
    return API_APPLIED;
}

/* The refusal of member key: why, a sentence about the member (an English msgid:
 * req_refuse says it in the request's language). */
static enum err
refuse_member(struct req *rq, const char *key, enum api_member a, const char *why)
{
    const char *field = arena_strdup(rq->arena, key);

    if (a == API_UNKNOWN)
        return req_invalid(rq, field, _("is not a member of this write"));
    return req_refuse(rq, REFUSE_UNPROCESSABLE, field, why);
}

enum err
api_body_apply(struct req *rq, json_t *root, void *ctx, api_member_fn apply)
{
    const char *key, *why;
    json_t *v;
    enum api_member a;

    json_object_foreach(root, key, v)
    {
        if (api_body_protected(key))
            return req_refuse(rq, REFUSE_UNPROCESSABLE, arena_strdup(rq->arena, key),
                              _("is protected: it cannot be set through the API"));
    }
    json_object_foreach(root, key, v)
    {
        why = _("has a value of the wrong type");
        a = apply(rq, ctx, key, v, &why);
        if (a != API_APPLIED)
            return refuse_member(rq, key, a, why);
    }
    return ERR_OK;
}

enum err
api_body_read(struct req *rq, void *ctx, api_member_fn apply)
{
    json_t *root;
    enum err rc;

    rc = api_body_object(rq, &root);
    if (rc)
        return rc;
    rc = api_body_apply(rq, root, ctx, apply);
    json_decref(root);
    return rc;
}

enum err
api_body_empty(struct req *rq)
{
    const char *key;
    json_t *root, *v;

    if (rq->body_len == 0)
        return ERR_OK;
    if (api_body_object(rq, &root))
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

enum err
api_body_refuse_write(struct req *rq, const struct write_error *we)
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

enum err
api_body_saved(struct req *rq, enum err rc, const struct write_error *we, int64_t id,
               int64_t out_id, const char *prefix,
               enum err (*respond)(struct req *rq, struct db *db, int64_t id))
{
    if (rc == ERR_INVALID)
        return api_body_refuse_write(rq, we);
    if (rc)
        return rc;
    if (id != 0)
        return respond(rq, rq->wdb, id);
    rc = respond(rq, rq->wdb, out_id);
    if (rc)
        return rc;
    rq->resp.status = 201;
    return resp_header(rq, "Location",
                       arena_printf(rq->arena, "%s%lld", prefix, (long long)out_id));
}

void
api_body_from_initiative(struct req *rq, const struct initiative *n, struct initiative_new *in)
{
    struct initiative_part *parts;
    int i;

    memset(in, 0, sizeof(*in));
    in->mission_id = n->mission_id;
    in->slug = n->slug;
    in->title_sv = n->title_sv;
    in->title_en = n->title_en;
    in->summary_sv = n->summary_sv;
    in->summary_en = n->summary_en;
    in->origin = n->origin;
    in->status = n->status;
    in->lead_actor_id = n->lead_actor_id;
    in->start_date = n->start_date;
    in->end_date = n->end_date;
    in->has_budget = n->has_budget;
    in->budget_sek = n->budget_sek;
    in->funding = n->funding;
    in->hypotheses_sv = n->hypotheses_sv;
    in->hypotheses_en = n->hypotheses_en;
    in->learnings_sv = n->learnings_sv;
    in->learnings_en = n->learnings_en;
    parts = arena_alloc(rq->arena, (size_t)(n->n_actors > 0 ? n->n_actors : 1) * sizeof(*parts));
    for (i = 0; i < n->n_actors; i++) {
        parts[i].actor_id = n->actors[i].actor_id;
        parts[i].role = n->actors[i].role;
    }
    in->parts = parts;
    in->n_parts = n->n_actors;
    in->objective_ids = n->objective_ids;
    in->n_objectives = n->n_objectives;
    in->sdg_targets = n->sdg_targets;
    in->n_sdg_targets = n->n_sdg_targets;
}

enum api_member
api_body_initiative_member(struct req *rq, struct initiative_new *in, const char *key, json_t *v,
                           const char **why)
{
    static const char *const text_why = N_("must be {\"sv\": text, \"en\": text}");

    if (strcmp(key, "title") == 0) {
        *why = text_why;
        return api_body_text(rq, v, &in->title_sv, &in->title_en);
    }
    if (strcmp(key, "summary") == 0) {
        *why = text_why;
        return api_body_text(rq, v, &in->summary_sv, &in->summary_en);
    }
    if (strcmp(key, "start_date") == 0)
        return api_body_str(rq, v, true, &in->start_date);
    if (strcmp(key, "end_date") == 0)
        return api_body_str(rq, v, true, &in->end_date);
    if (strcmp(key, "budget_sek") == 0) {
        *why = N_("must be whole kronor or null");
        in->has_budget = !json_is_null(v);
        if (json_is_null(v))
            return API_APPLIED;
        if (!json_is_integer(v))
            return API_BAD;
        in->budget_sek = json_integer_value(v);
        return API_APPLIED;
    }
    if (strcmp(key, "objective_ids") == 0) {
        *why = N_("must be an array of objective ids");
        return api_body_ids(rq, v, &in->objective_ids, &in->n_objectives);
    }
    if (strcmp(key, "sdg_targets") == 0) {
        *why = N_("must be an array of SDG target codes");
        return api_body_strs(rq, v, &in->sdg_targets, &in->n_sdg_targets);
    }
    return API_UNKNOWN;
}

enum err
api_live_mission(struct req *rq, struct db *db, struct mission *out)
{
    enum err rc = mission_get(db, rq->arena, req_str(rq, "slug"), out);

    return rc == ERR_OK && out->archived_at != 0 ? ERR_NOTFOUND : rc;
}
