/*
 * api_edit_mission.c — the JSON API's writes of missions and their goal trees: create
 * (POST, 201 with Location and the resource), update (PATCH: only the members given
 * change) and archive (POST .../archive) of missions, objectives and indicators, a
 * mission's SDG targets (PUT, a set) and its team (add, change, remove).
 *
 * A body is one JSON object (jansson, duplicate members refused) read through a table of
 * the members each write takes, named as the resource shows them ("title": {"sv", "en"}).
 * An unknown member is refused naming it (400); a protected one (ids, the mission of an
 * objective or indicator once made, a mission's slug once made, role, owner, is_demo,
 * created_at, archived_at ...) is refused by name with 422 "is protected", so a client
 * cannot assign what it may not (SECURITY item 21); a value the domain refuses gives 422
 * naming the member. Every write asks req_allow for its route's rule with the scope read
 * from the database (for a create, the mission the body names, as stored), runs in one
 * transaction (domain/mission_edit.h) and changes nothing when it fails.
 */
#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/codes.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "domain/mission_edit.h"
#include "domain/sdg.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* ------------------------------------------------------------ the member table */

enum member_type {
    MT_TEXT,  /* {"sv": text, "en": text or null}: off the Swedish, off_en the English */
    MT_STR,   /* text */
    MT_OPT,   /* text or null */
    MT_INT,   /* an integer (int) */
    MT_ID,    /* an id or null (int64_t; null is 0) */
    MT_NUM,   /* a number (double) */
    MT_BOOL,  /* true or false */
    MT_LIST,  /* an array of texts (const char *const *, its count at off_n) */
    MT_REFUSE /* refused with 422 and why (a member another route changes) */
};

struct member {
    const char *name;
    enum member_type type;
    size_t off, off_en, off_n;
    const char *why; /* MT_REFUSE: the message */
};

#define M_TEXT(n, T, sv, en)                                                                       \
    {                                                                                              \
        n, MT_TEXT, offsetof(T, sv), offsetof(T, en), 0, NULL                                      \
    }
#define M(n, t, T, m)                                                                              \
    {                                                                                              \
        n, t, offsetof(T, m), 0, 0, NULL                                                           \
    }
#define M_LIST(n, T, m, c)                                                                         \
    {                                                                                              \
        n, MT_LIST, offsetof(T, m), 0, offsetof(T, c), NULL                                        \
    }
#define M_REFUSE(n, why)                                                                           \
    {                                                                                              \
        n, MT_REFUSE, 0, 0, 0, why                                                                 \
    }

/* Members no write of this file takes from a client, whatever the entity: refused by name. */
static const char *const protected_always[] = {
    "id",       "is_demo", "created_at", "archived_at", "updated_at", "owner",
    "owner_id", "role",    "user_id",    "position",    NULL,
};

static bool
in_list(const char *const *l, const char *s)
{
    for (; l != NULL && *l != NULL; l++)
        if (strcmp(*l, s) == 0)
            return true;
    return false;
}

/* The body as a JSON object, or a refusal (400) with the parser's reason. */
static enum err
body_object(struct req *rq, json_t **out)
{
    json_error_t je;
    json_t *root;

    *out = NULL;
    root = json_loadb(rq->body ? rq->body : "", rq->body_len, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL)
        return req_invalid(rq, NULL,
                           arena_printf(rq->arena, _("the body is not JSON (line %d, column %d)"),
                                        je.line, je.column));
    if (!json_is_object(root)) {
        json_decref(root);
        return req_invalid(rq, NULL, "the body must be a JSON object");
    }
    *out = root;
    return ERR_OK;
}

/* A string of v in the arena (jansson's lives with the body, which is freed first). */
static const char *
dup_str(struct req *rq, json_t *v)
{
    return arena_strndup(rq->arena, json_string_value(v), json_string_length(v));
}

/* Apply v to the member m of in; false with *why on a value of the wrong type. */
static bool
apply(struct req *rq, const struct member *m, json_t *v, void *in, const char **why,
      const char **field)
{
    char *base = in;
    const char *k, **items;
    json_t *x;
    size_t i, n;
    double d;

    *field = m->name;
    switch (m->type) {
    case MT_TEXT:
        *why = N_("must be an object {\"sv\": text, \"en\": text or null}");
        if (!json_is_object(v))
            return false;
        json_object_foreach(v, k, x)
        {
            bool sv = strcmp(k, "sv") == 0;

            if (!sv && strcmp(k, "en") != 0) {
                *field = arena_printf(rq->arena, "%s.%s", m->name, k);
                *why = N_("is not a language of the text (sv, en)");
                return false;
            }
            *field = arena_printf(rq->arena, "%s.%s", m->name, k);
            if (!(json_is_string(x) || (!sv && json_is_null(x)))) {
                *why = sv ? N_("must be a text") : N_("must be a text or null");
                return false;
            }
            *(const char **)(base + (sv ? m->off : m->off_en)) =
                json_is_null(x) ? NULL : dup_str(rq, x);
        }
        return true;
    case MT_STR:
        *why = N_("must be a text");
        if (!json_is_string(v))
            return false;
        *(const char **)(base + m->off) = dup_str(rq, v);
        return true;
    case MT_OPT:
        *why = N_("must be a text or null");
        if (!json_is_string(v) && !json_is_null(v))
            return false;
        *(const char **)(base + m->off) = json_is_null(v) ? NULL : dup_str(rq, v);
        return true;
    case MT_INT:
        *why = N_("must be an integer");
        if (!json_is_integer(v) || json_integer_value(v) < -1000000 ||
            json_integer_value(v) > 1000000)
            return false;
        *(int *)(base + m->off) = (int)json_integer_value(v);
        return true;
    case MT_ID:
        *why = N_("must be an id (a positive integer) or null");
        if (json_is_null(v)) {
            *(int64_t *)(base + m->off) = 0;
            return true;
        }
        if (!json_is_integer(v) || json_integer_value(v) < 1)
            return false;
        *(int64_t *)(base + m->off) = json_integer_value(v);
        return true;
    case MT_NUM:
        *why = N_("must be a number");
        if (!json_is_number(v) || !isfinite(json_number_value(v)))
            return false;
        d = json_number_value(v);
        memcpy(base + m->off, &d, sizeof(d));
        return true;
    case MT_BOOL:
        *why = N_("must be true or false");
        if (!json_is_boolean(v))
            return false;
        *(bool *)(base + m->off) = json_is_true(v);
        return true;
    case MT_LIST:
        *why = N_("must be an array of at most 64 texts");
        if (!json_is_array(v) || json_array_size(v) > WRITE_MAX_ITEMS)
            return false;
        n = json_array_size(v);
        items = arena_alloc(rq->arena, sizeof(*items) * (n ? n : 1));
        for (i = 0; i < n; i++) {
            x = json_array_get(v, i);
            if (!json_is_string(x))
                return false;
            items[i] = dup_str(rq, x);
        }
        *(const char *const **)(base + m->off) = items;
        *(int *)(base + m->off_n) = (int)n;
        return true;
    case MT_REFUSE:
        *why = m->why;
        return false;
    }
    return false;
}

/*
 * Read the body into in through the table (n members); extra names (NULL-terminated,
 * may be NULL) are the entity's own protected members. The members seen are marked in
 * *out_seen (bit i for members[i]; a table has fewer than 32). ERR_INVALID with the
 * refusal set; the body is freed in any case.
 */
static enum err
read_body(struct req *rq, json_t *root, const struct member *members, int n,
          const char *const *extra, void *in, unsigned *out_seen)
{
    const char *key, *why = NULL, *field = NULL;
    json_t *v;
    int i;

    *out_seen = 0;
    json_object_foreach(root, key, v)
    {
        for (i = 0; i < n && strcmp(members[i].name, key) != 0; i++)
            ;
        if (i == n) {
            field = arena_strdup(rq->arena, key);
            json_decref(root);
            if (in_list(protected_always, field) || in_list(extra, field))
                return req_refuse(rq, REFUSE_UNPROCESSABLE, field, "is protected");
            return req_invalid(rq, field, "is not a member this write takes");
        }
        if (!apply(rq, &members[i], v, in, &why, &field)) {
            json_decref(root);
            return req_refuse(rq, REFUSE_UNPROCESSABLE, field, why);
        }
        *out_seen |= 1u << i;
    }
    json_decref(root);
    return ERR_OK;
}

/* read_body on the request's body (parsed first: a 400 when it is no JSON object). */
static enum err
read_request(struct req *rq, const struct member *members, int n, const char *const *extra,
             void *in, unsigned *out_seen)
{
    json_t *root;
    enum err rc;

    *out_seen = 0;
    rc = body_object(rq, &root);
    if (rc)
        return rc;
    return read_body(rq, root, members, n, extra, in, out_seen);
}

/* The member that a domain refusal's field is ("title_sv" -> "title.sv"), through map
 * (pairs: domain field, member; NULL-terminated) first. */
static const char *
member_of(struct req *rq, const char *field, const char *const *map)
{
    size_t n = strlen(field);

    for (; map != NULL && map[0] != NULL; map += 2)
        if (strcmp(map[0], field) == 0)
            return map[1];
    if (n > 3 && (strcmp(field + n - 3, "_sv") == 0 || strcmp(field + n - 3, "_en") == 0))
        return arena_printf(rq->arena, "%.*s.%s", (int)(n - 3), field, field + n - 2);
    return field;
}

/* A domain refusal as the API's: 422 naming the member, the domain's reason. */
static enum err
refused(struct req *rq, const struct write_error *we, const char *const *map)
{
    const char *f = member_of(rq, we->field, map);

    if (we->item >= 0)
        f = arena_printf(rq->arena, "%s[%d]", f, we->item);
    return req_refuse(rq, REFUSE_UNPROCESSABLE, f, we->msg);
}

/* A save's result rc as the handler returns it: a domain refusal (we) as refused's. */
static enum err
saved(struct req *rq, enum err rc, const struct write_error *we, const char *const *map)
{
    return rc == ERR_INVALID ? refused(rq, we, map) : rc;
}

static void
created(struct req *rq, const char *location)
{
    rq->resp.status = 201;
    resp_header(rq, "Location", location);
}

/* The mission a create names by "mission": its slug, or its id. */
static enum err
body_mission(struct req *rq, json_t *root, struct mission *out)
{
    json_t *v = json_object_get(root, "mission");
    enum err rc;

    if (v == NULL)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "mission",
                          "is required: the mission's slug or id");
    if (json_is_string(v))
        rc = mission_get(rq->wdb, rq->arena, json_string_value(v), out);
    else if (json_is_integer(v))
        rc = mission_get_id(rq->wdb, rq->arena, json_integer_value(v), out);
    else
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "mission", "must be a slug or an id");
    if (rc == ERR_NOTFOUND)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "mission", "no mission has this slug or id");
    if (rc == ERR_OK && out->archived_at != 0)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "mission", "is archived");
    return rc;
}

/*
 * Before a create's body names its mission: a caller who may do action on no mission (not
 * an admin, and not on the first mission they coordinate, if any) is refused at once as
 * req_allow refuses (the public 401, anyone else 403), so an empty or wrong body tells them
 * nothing (not which missions exist). The mission the body names is checked after.
 */
static enum err
may_on_a_mission(struct req *rq, enum authz_action action)
{
    struct authz_scope scope = {0};
    const struct who *w;
    enum err rc;

    rc = req_who(rq, &w);
    if (rc)
        return rc;
    if (w->is_admin)
        return ERR_OK;
    scope.mission_id = w->n_missions > 0 ? w->missions[0] : 0;
    return req_allow(rq, action, &scope);
}

/*
 * A create's body, up to the members of the entity: the caller may do action on some
 * mission (may_on_a_mission), the body names one (body_mission) and the caller may do
 * action on it; the "mission" member is then taken out, so that read_body reads the rest
 * (and refuses it anywhere else). *out_root: the body, for read_body (which frees it);
 * on a refusal freed here.
 */
static enum err
create_body(struct req *rq, enum authz_action action, struct mission *m, json_t **out_root)
{
    struct authz_scope scope = {0};
    json_t *root;
    enum err rc;

    *out_root = NULL;
    rc = may_on_a_mission(rq, action);
    if (rc)
        return rc;
    rc = body_object(rq, &root);
    if (rc)
        return rc;
    rc = body_mission(rq, root, m);
    if (rc == ERR_OK) {
        scope.mission_id = m->id;
        rc = req_allow(rq, action, &scope);
    }
    if (rc) {
        json_decref(root);
        return rc;
    }
    json_object_del(root, "mission");
    *out_root = root;
    return ERR_OK;
}

static const char *
who(struct req *rq)
{
    const struct principal *p;

    return req_principal(rq, &p) == ERR_OK && p->name != NULL ? p->name : "api";
}

/* ---------------------------------------------------------------- missions */

/* clang-format off */
#define T struct mission_new
static const struct member mission_members[] = {
    M("slug", MT_STR, T, slug),
    M_TEXT("title", T, title_sv, title_en),
    M_TEXT("goal", T, goal_sv, goal_en),
    M_TEXT("description", T, description_sv, description_en),
    M("deadline", MT_STR, T, deadline),
    M("start_year", MT_INT, T, start_year),
    M("status", MT_STR, T, status),
    M("page_owner_id", MT_ID, T, owner_id),
    M_LIST("sdg_targets", T, sdg_targets, n_sdg_targets),
};
#undef T
/* clang-format on */
#define N_MISSION_MEMBERS ((int)(sizeof(mission_members) / sizeof(mission_members[0])))

static const char *const mission_map[] = {"owner_id", "page_owner_id", NULL};

enum err
api_mission_create(struct req *rq)
{
    struct mission_new in = {0};
    struct write_error we;
    unsigned seen;
    int64_t id;
    enum err rc;

    rc = req_allow(rq, AUTHZ_MISSION_CREATE, NULL);
    if (rc)
        return rc;
    rc = read_request(rq, mission_members, N_MISSION_MEMBERS,
                      (const char *const[]){"mission", "mission_id", NULL}, &in, &seen);
    if (rc)
        return rc;
    if (in.status == NULL)
        in.status = "active";
    rc = medit_mission_create(rq->wdb, &in, who(rq), &id, &we);
    rc = saved(rq, rc, &we, mission_map);
    if (rc)
        return rc;
    created(rq, url_api_mission(rq, in.slug));
    return api_mission_respond(rq, rq->wdb, in.slug);
}

/* The mission of the path, and the scope of the write (the mission as stored). */
static enum err
path_mission(struct req *rq, enum authz_action action, struct mission *m)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = mission_get(rq->wdb, rq->arena, req_str(rq, "slug"), m);
    if (rc)
        return rc;
    scope.mission_id = m->id;
    return req_allow(rq, action, &scope);
}

enum err
api_mission_update(struct req *rq)
{
    struct mission_new in = {0};
    struct sdg_target *t;
    struct write_error we;
    struct mission m = {0};
    const char **codes;
    unsigned seen;
    int n, i;
    enum err rc;
    /* the slug is the address, the SDG targets have their own route (and rule) */
    static const struct member refuse[] = {
        M_REFUSE("slug", "is protected"),
        M_REFUSE("sdg_targets", "is changed with PUT /api/v1/missions/{slug}/sdg_targets"),
    };
    struct member members[N_MISSION_MEMBERS];

    rc = path_mission(rq, AUTHZ_MISSION_EDIT, &m);
    if (rc)
        return rc;
    memcpy(members, mission_members, sizeof(members));
    members[0] = refuse[0];
    members[N_MISSION_MEMBERS - 1] = refuse[1];
    /* what is stored, then the members given */
    in.title_sv = m.title_sv;
    in.title_en = m.title_en;
    in.goal_sv = m.goal_sv;
    in.goal_en = m.goal_en;
    in.description_sv = m.description_sv;
    in.description_en = m.description_en;
    in.deadline = m.deadline;
    in.start_year = m.start_year;
    in.status = m.status;
    in.owner_id = m.owner_id;
    rc = mission_sdg_targets(rq->wdb, rq->arena, m.id, &t, &n);
    if (rc)
        return rc;
    codes = arena_alloc(rq->arena, sizeof(*codes) * (size_t)(n ? n : 1));
    for (i = 0; i < n; i++)
        codes[i] = t[i].code;
    in.sdg_targets = codes;
    in.n_sdg_targets = n;
    rc = read_request(rq, members, N_MISSION_MEMBERS,
                      (const char *const[]){"mission", "mission_id", NULL}, &in, &seen);
    if (rc)
        return rc;
    rc = medit_mission_update(rq->wdb, m.id, &in, who(rq), (int64_t)time(NULL), &we);
    rc = saved(rq, rc, &we, mission_map);
    if (rc)
        return rc;
    return api_mission_respond(rq, rq->wdb, m.slug);
}

/* An archive takes no member: a body, if any, must be an empty object. */
static enum err
empty_body(struct req *rq)
{
    const char *key;
    json_t *root, *v;
    enum err rc;

    if (rq->body_len == 0)
        return ERR_OK;
    rc = body_object(rq, &root);
    if (rc)
        return rc;
    json_object_foreach(root, key, v)
    {
        const char *f = arena_strdup(rq->arena, key);

        json_decref(root);
        return req_invalid(rq, f, "is not a member this write takes");
    }
    json_decref(root);
    return ERR_OK;
}

enum err
api_mission_archive(struct req *rq)
{
    struct mission m = {0};
    enum err rc;

    rc = path_mission(rq, AUTHZ_MISSION_ARCHIVE, &m);
    if (rc == ERR_OK)
        rc = empty_body(rq);
    if (rc == ERR_OK)
        rc = medit_mission_archive(rq->wdb, m.id, who(rq), (int64_t)time(NULL));
    if (rc)
        return rc;
    return api_mission_respond(rq, rq->wdb, m.slug);
}

/* PUT /api/v1/missions/{slug}/sdg_targets: {"sdg_targets": [...]} replaces the set. */
struct sdg_in {
    const char *const *targets;
    int n;
};

enum err
api_mission_sdg(struct req *rq)
{
    static const struct member members[] = {M_LIST("sdg_targets", struct sdg_in, targets, n)};
    struct sdg_in in = {0};
    struct write_error we;
    struct mission m = {0};
    unsigned seen;
    enum err rc;

    rc = path_mission(rq, AUTHZ_MISSION_SDG, &m);
    if (rc == ERR_OK)
        rc = read_request(rq, members, 1, NULL, &in, &seen);
    if (rc)
        return rc;
    if (!(seen & 1u))
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "sdg_targets", "is required");
    rc = medit_mission_sdg(rq->wdb, m.id, in.targets, in.n, who(rq), (int64_t)time(NULL), &we);
    rc = saved(rq, rc, &we, NULL);
    if (rc)
        return rc;
    return api_mission_respond(rq, rq->wdb, m.slug);
}

/* ------------------------------------------------------------------- team */

/* clang-format off */
#define T struct team_member_new
static const struct member team_members[] = {
    M("person_id", MT_ID, T, person_id),
    M("role", MT_STR, T, role),
    M("is_contact", MT_BOOL, T, is_contact),
};
#undef T
/* clang-format on */

enum err
api_team_add(struct req *rq)
{
    struct team_member_new in = {0};
    struct write_error we;
    struct mission m = {0};
    unsigned seen;
    enum err rc;

    rc = path_mission(rq, AUTHZ_TEAM_EDIT, &m);
    if (rc == ERR_OK)
        rc = read_request(rq, team_members, 3, (const char *const[]){"mission", NULL}, &in, &seen);
    if (rc)
        return rc;
    in.mission_id = m.id;
    if (in.role == NULL)
        in.role = "member";
    rc = medit_team_add(rq->wdb, &in, who(rq), &we);
    rc = saved(rq, rc, &we, NULL);
    if (rc)
        return rc;
    return api_mission_team(rq);
}

enum err
api_team_update(struct req *rq)
{
    struct team_member_new in = {0};
    struct team_member *t;
    struct write_error we;
    struct mission m = {0};
    unsigned seen;
    int n, i;
    enum err rc;

    rc = path_mission(rq, AUTHZ_TEAM_EDIT, &m);
    if (rc)
        return rc;
    in.mission_id = m.id;
    in.person_id = req_int(rq, "person", 0);
    rc = mission_team(rq->wdb, rq->arena, m.id, &t, &n);
    if (rc)
        return rc;
    for (i = 0; i < n && t[i].person.id != in.person_id; i++)
        ;
    if (i == n)
        return ERR_NOTFOUND;
    in.role = t[i].role;
    in.is_contact = t[i].is_contact;
    rc = read_request(rq, team_members + 1, 2, (const char *const[]){"person_id", "mission", NULL},
                      &in, &seen);
    if (rc)
        return rc;
    rc = medit_team_update(rq->wdb, &in, who(rq), (int64_t)time(NULL), &we);
    rc = saved(rq, rc, &we, NULL);
    if (rc)
        return rc;
    return api_mission_team(rq);
}

enum err
api_team_remove(struct req *rq)
{
    struct mission m = {0};
    enum err rc;

    rc = path_mission(rq, AUTHZ_TEAM_EDIT, &m);
    if (rc == ERR_OK)
        rc = empty_body(rq);
    if (rc == ERR_OK)
        rc = medit_team_remove(rq->wdb, m.id, req_int(rq, "person", 0), who(rq),
                               (int64_t)time(NULL));
    if (rc)
        return rc;
    return api_mission_team(rq);
}

/* -------------------------------------------------------------- objectives */

/* clang-format off */
#define T struct objective_new
static const struct member objective_members[] = {
    M("parent_id", MT_ID, T, parent_id),
    M_TEXT("title", T, title_sv, title_en),
    M_TEXT("description", T, description_sv, description_en),
    M("weight", MT_NUM, T, weight),
    /* the mission is read by body_mission on create, and is protected on update */
    M_REFUSE("mission", "is protected"),
};
#undef T
/* clang-format on */
#define N_OBJECTIVE_MEMBERS ((int)(sizeof(objective_members) / sizeof(objective_members[0])))

static const char *const objective_map[] = {"mission_id", "mission", NULL};

enum err
api_objective_create(struct req *rq)
{
    struct objective_new in = {0};
    struct write_error we;
    struct mission m = {0};
    unsigned seen;
    json_t *root;
    int64_t id;
    enum err rc;

    rc = create_body(rq, AUTHZ_OBJECTIVE_CREATE, &m, &root);
    if (rc)
        return rc;
    in.weight = 1;
    rc = read_body(rq, root, objective_members, N_OBJECTIVE_MEMBERS,
                   (const char *const[]){"mission_id", NULL}, &in, &seen);
    if (rc)
        return rc;
    in.mission_id = m.id;
    rc = medit_objective_create(rq->wdb, &in, who(rq), &id, &we);
    rc = saved(rq, rc, &we, objective_map);
    if (rc)
        return rc;
    created(rq, arena_printf(rq->arena, "/api/v1/objectives/%lld", (long long)id));
    return api_objective_respond(rq, rq->wdb, id, false);
}

static enum err
path_objective(struct req *rq, enum authz_action action, struct objective *o)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = objective_get(rq->wdb, rq->arena, req_int(rq, "id", 0), o);
    if (rc)
        return rc;
    scope.mission_id = o->mission_id;
    return req_allow(rq, action, &scope);
}

enum err
api_objective_update(struct req *rq)
{
    struct objective_new in = {0};
    struct write_error we;
    struct objective o;
    unsigned seen;
    enum err rc;

    rc = path_objective(rq, AUTHZ_OBJECTIVE_EDIT, &o);
    if (rc)
        return rc;
    in.mission_id = o.mission_id;
    in.parent_id = o.parent_id;
    in.title_sv = o.title_sv;
    in.title_en = o.title_en;
    in.description_sv = o.description_sv;
    in.description_en = o.description_en;
    in.weight = o.weight;
    rc = read_request(rq, objective_members, N_OBJECTIVE_MEMBERS,
                      (const char *const[]){"mission_id", NULL}, &in, &seen);
    if (rc)
        return rc;
    rc = medit_objective_update(rq->wdb, o.id, &in, who(rq), (int64_t)time(NULL), &we);
    rc = saved(rq, rc, &we, objective_map);
    if (rc)
        return rc;
    return api_objective_respond(rq, rq->wdb, o.id, false);
}

enum err
api_objective_archive(struct req *rq)
{
    struct objective o;
    enum err rc;

    rc = path_objective(rq, AUTHZ_OBJECTIVE_ARCHIVE, &o);
    if (rc == ERR_OK)
        rc = empty_body(rq);
    if (rc == ERR_OK)
        rc = medit_objective_archive(rq->wdb, o.id, who(rq), (int64_t)time(NULL));
    if (rc == ERR_CONFLICT)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, NULL,
                          "the objective has live sub-objectives or indicators: archive or move "
                          "them first");
    if (rc)
        return rc;
    return api_objective_respond(rq, rq->wdb, o.id, true);
}

/* -------------------------------------------------------------- indicators */

/* clang-format off */
#define T struct indicator_new
static const struct member indicator_members[] = {
    M("objective_id", MT_ID, T, objective_id),
    M_TEXT("title", T, title_sv, title_en),
    M_TEXT("description", T, description_sv, description_en),
    M_TEXT("unit", T, unit_sv, unit_en),
    M("decimals", MT_INT, T, decimals),
    M("source", MT_OPT, T, source),
    M("source_url", MT_OPT, T, source_url),
    M("weight", MT_NUM, T, weight),
    M_LIST("disaggregations", T, dimensions, n_dimensions),
    M_LIST("sdg_indicators", T, sdg_indicators, n_sdg_indicators),
    /* create: the direction of a new indicator; update: a progress setting */
    M("direction", MT_STR, T, progress.direction),
    M_REFUSE("mission", "is protected"),
};
#undef T
/* clang-format on */
#define N_INDICATOR_MEMBERS ((int)(sizeof(indicator_members) / sizeof(indicator_members[0])))

static const char *const indicator_map[] = {"dimensions", "disaggregations", "mission_id",
                                            "mission", NULL};

enum err
api_indicator_create(struct req *rq)
{
    struct indicator_new in = {0};
    struct write_error we;
    struct mission m = {0};
    unsigned seen;
    json_t *root;
    int64_t id, obj_mission = 0;
    enum err rc;

    rc = create_body(rq, AUTHZ_INDICATOR_CREATE, &m, &root);
    if (rc)
        return rc;
    in.weight = 1;
    in.decimals = 1;
    in.progress.direction = "increase";
    in.progress.target_kind = "none";
    in.progress.headline = "";
    rc = read_body(rq, root, indicator_members, N_INDICATOR_MEMBERS,
                   (const char *const[]){"mission_id", NULL}, &in, &seen);
    if (rc)
        return rc;
    /* the objective must be of the mission that was authorized */
    rc = objective_mission(rq->wdb, in.objective_id, &obj_mission);
    if (rc)
        return rc;
    if (obj_mission != m.id)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "objective_id",
                          "is not an objective of the mission");
    rc = medit_indicator_create(rq->wdb, &in, who(rq), &id, &we);
    rc = saved(rq, rc, &we, indicator_map);
    if (rc)
        return rc;
    created(rq, url_api_indicator(rq, id));
    return api_indicator_respond(rq, rq->wdb, id);
}

static enum err
path_indicator(struct req *rq, enum authz_action action, struct indicator *ind)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = indicator_get(rq->wdb, rq->arena, req_int(rq, "id", 0), ind);
    if (rc)
        return rc;
    scope.mission_id = ind->mission_id;
    return req_allow(rq, action, &scope);
}

enum err
api_indicator_update(struct req *rq)
{
    struct indicator_new in = {0};
    struct member members[N_INDICATOR_MEMBERS];
    struct write_error we;
    struct indicator ind;
    unsigned seen;
    enum err rc;

    rc = path_indicator(rq, AUTHZ_INDICATOR_EDIT, &ind);
    if (rc)
        return rc;
    memcpy(members, indicator_members, sizeof(members));
    members[N_INDICATOR_MEMBERS - 2] = (struct member)M_REFUSE(
        "direction", "is a progress setting: PATCH /api/v1/indicators/{id}");
    in.objective_id = ind.objective_id;
    in.title_sv = ind.title_sv;
    in.title_en = ind.title_en;
    in.description_sv = ind.description_sv;
    in.description_en = ind.description_en;
    in.unit_sv = ind.unit_sv;
    in.unit_en = ind.unit_en;
    in.decimals = ind.decimals;
    in.source = ind.source;
    in.source_url = ind.source_url;
    in.weight = ind.weight;
    in.dimensions = ind.dimensions;
    in.n_dimensions = ind.n_dimensions;
    rc = medit_indicator_sdg_codes(rq->wdb, rq->arena, ind.id, (const char ***)&in.sdg_indicators,
                                   &in.n_sdg_indicators);
    if (rc)
        return rc;
    rc = read_request(rq, members, N_INDICATOR_MEMBERS, (const char *const[]){"mission_id", NULL},
                      &in, &seen);
    if (rc)
        return rc;
    rc = medit_indicator_update(rq->wdb, ind.id, &in, who(rq), (int64_t)time(NULL), &we);
    rc = saved(rq, rc, &we, indicator_map);
    if (rc)
        return rc;
    return api_indicator_respond(rq, rq->wdb, ind.id);
}

enum err
api_indicator_archive(struct req *rq)
{
    struct indicator ind;
    enum err rc;

    rc = path_indicator(rq, AUTHZ_INDICATOR_ARCHIVE, &ind);
    if (rc == ERR_OK)
        rc = empty_body(rq);
    if (rc == ERR_OK)
        rc = medit_indicator_archive(rq->wdb, ind.id, who(rq), (int64_t)time(NULL));
    if (rc)
        return rc;
    return api_indicator_respond(rq, rq->wdb, ind.id);
}

/* ------------------------------------------------------------ the bodies' shapes */

/* For the OpenAPI document: what each write takes (read_body enforces it). */
/* clang-format off */
static const struct res_field text_in_fields[] = {
    R_DOC("sv", RT_STR, 0, NULL),
    R_DOC("en", RT_STR, RES_OPT | RES_NULL, NULL),
    R_END,
};
#define TEXT_IN(n, fl, d) R_DOC_OBJ(n, text_in_fields, fl, d)

static const struct res_field mission_in_fields[] = {
    R_DOC("slug", RT_STR, RES_OPT, "Create only (required there): the mission's address; protected after"),
    TEXT_IN("title", RES_OPT, "Required on create"),
    TEXT_IN("goal", RES_OPT, "Required on create"),
    TEXT_IN("description", RES_OPT, "Markdown"),
    R_DOC("deadline", RT_DATE, RES_OPT, "Required on create"),
    R_DOC("start_year", RT_INT, RES_OPT, "Required on create; not after the deadline's year"),
    R_DOC_ENUM("status", &code_mission_status, RES_OPT, "Default active"),
    R_DOC("page_owner_id", RT_INT, RES_OPT | RES_NULL, "A person's id: who owns the public page"),
    R_DOC_ARR("sdg_targets", R_DOC_ITEM(RT_STR), RES_OPT,
              "Create only; afterwards PUT /api/v1/missions/{slug}/sdg_targets"),
    R_END,
};

static const struct res_field sdg_in_fields[] = {
    R_DOC_ARR("sdg_targets", R_DOC_ITEM(RT_STR), 0, "SDG target codes, e.g. 12.3: the whole set"),
    R_END,
};

static const struct res_field team_in_fields[] = {
    R_DOC("person_id", RT_INT, RES_OPT, "Add only (required there): a person of the registry"),
    R_DOC_ENUM("role", &code_team_role, RES_OPT, "Default member"),
    R_DOC("is_contact", RT_BOOL, RES_OPT, "Their e-mail and phone are shown publicly"),
    R_END,
};

static const struct res_field objective_in_fields[] = {
    R_DOC("mission", RT_STR, RES_OPT, "Create only (required there): the mission's slug (or its id, an integer); protected after"),
    R_DOC("parent_id", RT_INT, RES_OPT | RES_NULL, "An objective of the same mission; null: the top of the tree"),
    TEXT_IN("title", RES_OPT, "Required on create"),
    TEXT_IN("description", RES_OPT, NULL),
    R_DOC("weight", RT_NUM, RES_OPT, "0 to 1e6; default 1"),
    R_END,
};

static const struct res_field indicator_in_fields[] = {
    R_DOC("mission", RT_STR, RES_OPT, "Create only (required there): the mission's slug (or its id, an integer); protected after"),
    R_DOC("objective_id", RT_INT, RES_OPT, "Required on create: an objective of the mission"),
    TEXT_IN("title", RES_OPT, "Required on create"),
    TEXT_IN("description", RES_OPT, NULL),
    TEXT_IN("unit", RES_OPT, NULL),
    R_DOC("decimals", RT_INT, RES_OPT, "0 to 6; default 1"),
    R_DOC("source", RT_STR, RES_OPT | RES_NULL, NULL),
    R_DOC("source_url", RT_STR, RES_OPT | RES_NULL, "http or https"),
    R_DOC("weight", RT_NUM, RES_OPT, "0 to 1e6; default 1"),
    R_DOC_ARR("disaggregations", R_DOC_ITEM(RT_STR), RES_OPT, "Column names of its data; fixed once it has data"),
    R_DOC_ARR("sdg_indicators", R_DOC_ITEM(RT_STR), RES_OPT, "UN indicator codes, e.g. 12.3.1"),
    R_DOC_ENUM("direction", &code_direction, RES_OPT,
               "Create only (default increase); afterwards a progress setting: PATCH /api/v1/indicators/{id}"),
    R_END,
};
/* clang-format on */

static const struct resource mission_in_res = {
    .name = "MissionInput",
    .desc = "Create: the members marked required; update: only the members given change. "
            "Unknown members are refused (400), protected ones (id, is_demo, archived_at, "
            "role, owner ...) with 422",
    .fields = mission_in_fields,
};
static const struct resource sdg_in_res = {
    .name = "MissionSdgTargets",
    .fields = sdg_in_fields,
};
static const struct resource team_in_res = {
    .name = "TeamMemberInput",
    .desc = "Add: person_id required; change: role and is_contact",
    .fields = team_in_fields,
};
static const struct resource objective_in_res = {
    .name = "ObjectiveInput",
    .desc = "Create: mission and title required; update: only the members given change",
    .fields = objective_in_fields,
};
static const struct resource indicator_in_res = {
    .name = "IndicatorInput",
    .desc = "Create: mission, objective_id and title required; update (PATCH "
            "/api/v1/indicators/{id}/metadata): only the members given change",
    .fields = indicator_in_fields,
};
static const struct resource archive_in_res = {
    .name = "ArchiveRequest",
    .desc = "No members: an empty object, or no body",
    .fields = (const struct res_field[]){R_END},
};

const struct resource *const api_edit_mission_resources[] = {
    &mission_in_res,   &sdg_in_res,     &team_in_res, &objective_in_res,
    &indicator_in_res, &archive_in_res, NULL,
};
