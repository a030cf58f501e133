/*
 * api_seminar.c — seminars in the JSON API (issue 14):
 *   GET /api/v1/seminars                 every live mission's, the latest start first (paged)
 *   GET /api/v1/missions/{slug}/seminars a mission's, likewise
 *   GET /api/v1/seminars/{id}            one, with its places and where registration stands
 *   POST /api/v1/missions/{slug}/seminars, PATCH /api/v1/seminars/{id}: the coordinators'
 *     (api_body.h's rules: the mission from the path, the rule asked before the body is read,
 *     one transaction, a refusal naming the body's member).
 * Times are RFC 3339: written in UTC ("2030-06-10T11:00:00Z"); read with Z or an offset
 * ("2030-06-10T13:00:00+02:00"). Registration itself is the form's (page_seminar.c), for
 * people; the registrations' personal data are not in the API (the coordinators' CSV has
 * them).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/codes.h"
#include "domain/mission.h"
#include "domain/seminar.h"
#include "web/api.h"
#include "web/api_body.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/regform.h"
#include "web/resp.h"
#include "web/route.h"

static void
utc(struct json *j, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char s[80];

    gmtime_r(&tt, &tm);
    snprintf(s, sizeof(s), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    json_str(j, s);
}

static void
w_starts(struct json *j, struct req *rq, const void *base)
{
    (void)rq;
    utc(j, ((const struct seminar *)base)->starts_at);
}

static void
w_ends(struct json *j, struct req *rq, const void *base)
{
    (void)rq;
    utc(j, ((const struct seminar *)base)->ends_at);
}

static void
w_closes(struct json *j, struct req *rq, const void *base)
{
    (void)rq;
    utc(j, ((const struct seminar *)base)->closes_at);
}

static void
w_cancelled(struct json *j, struct req *rq, const void *base)
{
    (void)rq;
    json_bool(j, ((const struct seminar *)base)->cancelled_at != 0);
}

static void
w_places(struct json *j, struct req *rq, const void *base)
{
    (void)rq;
    json_int(j, seminar_places_left(base));
}

static void
w_registration(struct json *j, struct req *rq, const void *base)
{
    static const char *const names[] = {"open", "closed", "started", "cancelled"};
    int64_t now = (int64_t)time(NULL);

    /* it changes at the deadline and the start: so does the response */
    resp_expires(rq, seminar_changes_at(base, now));
    json_str(j, names[seminar_open(base, now)]);
}

/* clang-format off */
#define T struct seminar
static const struct res_field seminar_fields[] = {
    R_INT("id", T, id, 0, NULL),
    R_STR("mission", T, mission_slug, 0, "Mission slug"),
    R_TEXT("title", T, title_sv, title_en, NULL),
    R_TEXT("description", T, description_sv, description_en, "Markdown source"),
    R_CALC("starts_at", RT_STR, w_starts, 0, "Start, RFC 3339 in UTC"),
    R_CALC("ends_at", RT_STR, w_ends, 0, "End, RFC 3339 in UTC"),
    R_CALC("registration_closes_at", RT_STR, w_closes, 0,
           "Registration closes then or at the start, whichever is first"),
    R_STR("place", T, place, 0, "An address; empty when online only"),
    R_STR("online_url", T, online_url, 0, "A link to take part online; empty when none"),
    R_ENUM("language", T, language, &code_seminar_language, 0, NULL),
    R_INT("capacity", T, capacity, 0, "Places"),
    R_INT("registered", T, n_registered, 0, "Registrations with a place"),
    R_INT("waiting", T, n_waiting, 0, "Registrations on the waiting list"),
    R_CALC("places_left", RT_INT, w_places, 0, NULL),
    R_CALC("registration", RT_STR, w_registration, 0,
           "open, closed (past the deadline), started (begun or over) or cancelled"),
    R_TEXT("accessibility", T, accessibility_sv, accessibility_en, NULL),
    R_CALC("cancelled", RT_BOOL, w_cancelled, 0, "The seminar is called off"),
    R_INT("attended", T, attended_total, 0, "How many attended, once marked after it"),
    R_BOOL("is_demo", T, is_demo, 0, "Demonstration content, not real"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/seminars/{id}", NULL, R_ARG_INT("id", T, id)),
        R_LINK("html", "/seminars/{id}", "The page, with registration", R_ARG_INT("id", T, id)),
        R_LINK("ics", "/seminars/{id}/seminar.ics", "iCalendar", R_ARG_INT("id", T, id)),
        R_LINK("mission", "/api/v1/missions/{slug}", NULL, R_ARG_STR("slug", T, mission_slug))),
        0, NULL),
    R_END,
};
#undef T

static const struct res_field seminar_write_fields[] = {
    R_DOC("title", RT_TEXT, RES_OPT, "Swedish required to create"),
    R_DOC("description", RT_TEXT, RES_OPT, "Markdown"),
    R_DOC("starts_at", RT_STR, RES_OPT, "RFC 3339 with Z or an offset; required to create"),
    R_DOC("ends_at", RT_STR, RES_OPT, "After the start; required to create"),
    R_DOC("registration_closes_at", RT_STR, RES_OPT, "At or before the start; none: at the start"),
    R_DOC("place", RT_STR, RES_OPT, "A place or an online link, or both"),
    R_DOC("online_url", RT_STR, RES_OPT, "http or https"),
    R_DOC_ENUM("language", &code_seminar_language, RES_OPT, "Required to create"),
    R_DOC("capacity", RT_INT, RES_OPT, "1 to 100000; required to create"),
    R_DOC("accessibility", RT_TEXT, RES_OPT, NULL),
    R_DOC("cancelled", RT_BOOL, RES_OPT, "Call it off (true) or on again (update only)"),
    R_END,
};
/* clang-format on */

static const struct resource seminar_res = {
    .name = "Seminar",
    .fields = seminar_fields,
    .size = sizeof(struct seminar),
};

static const struct resource seminar_write_res = {
    .name = "SeminarWrite",
    .desc = "A seminar to announce, or the members to change; unknown and protected members "
            "are refused",
    .fields = seminar_write_fields,
};

static enum err
list_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    struct seminar *s = NULL;
    struct mission m;
    enum err rc;

    m.id = 0;
    if (req_str(rq, "slug") != NULL) {
        rc = api_live_mission(rq, rq->db, &m);
        if (rc)
            return rc;
        req_shows_mission(rq, m.id);
    }
    rc = seminar_all(rq->db, rq->arena, m.id, pg, &s, out_n, out_total);
    *out = s;
    return rc;
}

static const struct resource seminar_list_res = {
    .name = "SeminarList",
    .paged = &seminar_res,
    .load = list_load,
};

const struct resource *const api_seminar_resources[] = {&seminar_res, &seminar_list_res,
                                                        &seminar_write_res, NULL};

enum err
api_seminars(struct req *rq)
{
    return res_list(rq, &seminar_list_res);
}

static enum err
respond(struct req *rq, struct db *db, int64_t id)
{
    struct seminar s;
    enum err rc;

    rc = seminar_get(db, rq->arena, id, &s);
    if (rc)
        return rc;
    req_shows_mission(rq, s.mission_id);
    return res_respond(rq, &seminar_res, &s);
}

enum err
api_seminar(struct req *rq)
{
    return respond(rq, rq->db, req_int(rq, "id", 0));
}

/* ------------------------------------------------------------ writes */

/* An RFC 3339 date-time with Z or an offset (seconds optional) to Unix seconds. */
static bool
rfc3339(const char *s, int64_t *out)
{
    struct str_datetime d;
    struct tm tm = {0};
    const char *p;
    int sec = 0, off = 0;

    if (!str_datetime_prefix(s, &d, &p))
        return false;
    if (*p == ':') {
        if (p[1] < '0' || p[1] > '5' || p[2] < '0' || p[2] > '9')
            return false;
        sec = (p[1] - '0') * 10 + (p[2] - '0');
        p += 3;
    }
    if (*p == 'Z' && p[1] == '\0') {
        off = 0;
    } else if ((*p == '+' || *p == '-') && p[1] >= '0' && p[1] <= '2' && p[2] >= '0' &&
               p[2] <= '9' && p[3] == ':' && p[4] >= '0' && p[4] <= '5' && p[5] >= '0' &&
               p[5] <= '9' && p[6] == '\0') {
        off = ((p[1] - '0') * 10 + (p[2] - '0')) * 3600 + ((p[4] - '0') * 10 + (p[5] - '0')) * 60;
        if (*p == '-')
            off = -off;
    } else {
        return false;
    }
    if (d.year < 1900)
        return false;
    tm.tm_year = d.year - 1900;
    tm.tm_mon = d.month - 1;
    tm.tm_mday = d.day;
    tm.tm_hour = d.hour;
    tm.tm_min = d.minute;
    tm.tm_sec = sec;
    *out = (int64_t)timegm(&tm);
    if (tm.tm_mday != d.day)
        return false; /* 31 April */
    *out -= off;
    return true;
}

static enum api_member
time_member(struct req *rq, json_t *v, bool nullable, int64_t *out)
{
    const char *s = NULL;

    if (api_body_str(rq, v, nullable, &s) != API_APPLIED)
        return API_BAD;
    if (s == NULL) {
        *out = 0;
        return API_APPLIED;
    }
    return rfc3339(s, out) ? API_APPLIED : API_BAD;
}

static enum api_member
seminar_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct seminar_new *in = ctx;
    static const char *const text_why = N_("must be {\"sv\": text, \"en\": text}");
    static const char *const time_why =
        N_("must be an RFC 3339 date-time with Z or an offset, e.g. 2030-06-10T13:00:00+02:00");

    if (strcmp(key, "title") == 0) {
        *why = text_why;
        return api_body_text(rq, v, &in->title_sv, &in->title_en);
    }
    if (strcmp(key, "description") == 0) {
        *why = text_why;
        return api_body_text(rq, v, &in->description_sv, &in->description_en);
    }
    if (strcmp(key, "accessibility") == 0) {
        *why = text_why;
        return api_body_text(rq, v, &in->accessibility_sv, &in->accessibility_en);
    }
    if (strcmp(key, "starts_at") == 0) {
        *why = time_why;
        return time_member(rq, v, false, &in->starts_at);
    }
    if (strcmp(key, "ends_at") == 0) {
        *why = time_why;
        return time_member(rq, v, false, &in->ends_at);
    }
    if (strcmp(key, "registration_closes_at") == 0) {
        *why = time_why;
        return time_member(rq, v, true, &in->closes_at);
    }
    if (strcmp(key, "place") == 0)
        return api_body_str(rq, v, true, &in->place);
    if (strcmp(key, "online_url") == 0)
        return api_body_str(rq, v, true, &in->online_url);
    if (strcmp(key, "language") == 0)
        return api_body_str(rq, v, false, &in->language);
    if (strcmp(key, "capacity") == 0) {
        if (!json_is_integer(v))
            return API_BAD;
        in->capacity = (int64_t)json_integer_value(v);
        return API_APPLIED;
    }
    if (strcmp(key, "cancelled") == 0) {
        if (!json_is_boolean(v))
            return API_BAD;
        in->cancelled = json_is_true(v);
        return API_APPLIED;
    }
    return API_UNKNOWN;
}

static enum err
seminar_write(struct req *rq, int64_t id, struct seminar_new *in)
{
    struct write_error we = {0};
    const char *who;
    int64_t out_id = 0;
    enum err rc;

    rc = api_body_read(rq, in, seminar_member);
    if (rc == ERR_OK)
        rc = regform_who(rq, &who);
    if (rc)
        return rc;
    if (id == 0 && in->cancelled)
        return req_invalid(rq, "cancelled", _("a new seminar cannot be cancelled"));
    rc = seminar_save(rq->wdb, id, in, who, (int64_t)time(NULL), &out_id, &we);
    /* the body's members are named as the resource names them */
    if (rc == ERR_INVALID && we.field != NULL) {
        if (strncmp(we.field, "title_", 6) == 0)
            we.field = "title";
        else if (strncmp(we.field, "description_", 12) == 0)
            we.field = "description";
        else if (strncmp(we.field, "accessibility_", 14) == 0)
            we.field = "accessibility";
        else if (strcmp(we.field, "closes_at") == 0)
            we.field = "registration_closes_at";
    }
    return api_body_saved(rq, rc, &we, id, out_id, "/api/v1/seminars/", respond);
}

enum err
api_seminar_create(struct req *rq)
{
    struct authz_scope scope = {0};
    struct seminar_new in = {0};
    struct mission m;
    enum err rc;

    rc = api_live_mission(rq, rq->wdb, &m);
    if (rc)
        return rc;
    scope.mission_id = m.id;
    rc = req_allow(rq, AUTHZ_SEMINAR_CREATE, &scope);
    if (rc)
        return rc;
    in.mission_id = m.id;
    return seminar_write(rq, 0, &in);
}

enum err
api_seminar_update(struct req *rq)
{
    struct authz_scope scope = {0};
    struct seminar_new in = {0};
    struct seminar s;
    enum err rc;

    rc = seminar_get(rq->wdb, rq->arena, req_int(rq, "id", 0), &s);
    if (rc)
        return rc;
    scope.mission_id = s.mission_id;
    rc = req_allow(rq, AUTHZ_SEMINAR_EDIT, &scope);
    if (rc)
        return rc;
    /* what is stored, for the members not given */
    in.title_sv = s.title_sv;
    in.title_en = s.title_en;
    in.description_sv = s.description_sv;
    in.description_en = s.description_en;
    in.starts_at = s.starts_at;
    in.ends_at = s.ends_at;
    in.closes_at = s.closes_at;
    in.place = s.place;
    in.online_url = s.online_url;
    in.language = s.language;
    in.capacity = s.capacity;
    in.accessibility_sv = s.accessibility_sv;
    in.accessibility_en = s.accessibility_en;
    in.cancelled = s.cancelled_at != 0;
    return seminar_write(rq, s.id, &in);
}
