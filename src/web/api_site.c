/*
 * api_site.c — the site's settings in the API (issue 12): GET /api/v1/site (public: the
 * "About missions" text, the general contact, the site owner) and PATCH /api/v1/site (admins,
 * authz site.edit: the members given change, the rest stay), the same settings and the same
 * write (site_save) as the admins' form (page_site.c).
 *
 * A body's members are read through api_body.c: an unknown member is 400 naming it, a
 * protected one (is_demo ...) 422 by name, a value the domain refuses 422 naming the body's
 * member (about, contact.email ...); nothing changes then.
 */
#include <string.h>
#include <time.h>

#include "domain/site.h"
#include "web/api.h"
#include "web/api_body.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/regform.h"
#include "web/resp.h"
#include "web/route.h"

#define T struct site
/* clang-format off */
static const struct res_field site_fields[] = {
    R_TEXT("about", T, about_sv, about_en, "The page About missions (/about), Markdown source"),
    R_OBJ("contact", R_FIELDS(
        R_STR("email", T, contact_email, RES_NULL, "The site's functional mailbox"),
        R_STR("phone", T, contact_phone, RES_NULL, NULL),
        R_STR("address", T, contact_address, RES_NULL, "Postal address, one line per line"),
        R_TEXT("text", T, contact_text_sv, contact_text_en,
               "The contact page's (/contact) short text, Markdown source")),
        0, "The general contact, shown on /contact and in every page's footer"),
    R_OBJ("owner", R_FIELDS(
        R_TEXT("name", T, owner_sv, owner_en,
               "The site owner; empty: the pages name the samverka administrators"),
        R_STR("url", T, owner_url, RES_NULL, "The owner's contact link (http or https)")),
        0, "The page owner of the pages that are not a mission's or an indicator's"),
    R_BOOL("is_demo", T, is_demo, 0, "Demonstration content, not real"),
    R_END,
};

static const struct res_field site_write_fields[] = {
    R_DOC("about", RT_TEXT, RES_OPT, "Markdown, at most 20,000 bytes a language; a half not given stays"),
    R_DOC_OBJ("contact", R_FIELDS(
        R_DOC("email", RT_STR, RES_OPT | RES_NULL, "An e-mail address"),
        R_DOC("phone", RT_STR, RES_OPT | RES_NULL, "One line, at most 40 bytes"),
        R_DOC("address", RT_STR, RES_OPT | RES_NULL, "At most 500 bytes"),
        R_DOC("text", RT_TEXT, RES_OPT, "Markdown, at most 2,000 bytes a language")),
              RES_OPT, "The members given change"),
    R_DOC_OBJ("owner", R_FIELDS(
        R_DOC("name", RT_TEXT, RES_OPT, "At most 300 bytes a language; required with a url"),
        R_DOC("url", RT_STR, RES_OPT | RES_NULL, "http or https")),
              RES_OPT, "The members given change"),
    R_END,
};
/* clang-format on */
#undef T

static const struct resource site_res = {
    .name = "Site",
    .desc = "The site's own settings: the About text, the general contact and the site owner",
    .fields = site_fields,
    .size = sizeof(struct site),
};
static const struct resource site_write_res = {
    .name = "SiteWrite",
    .desc = "The settings to change; unknown members are refused, and so is is_demo",
    .fields = site_write_fields,
};

const struct resource *const api_site_resources[] = {&site_res, &site_write_res, NULL};

enum err
api_site(struct req *rq)
{
    struct site s;
    enum err rc;

    rc = site_get(rq->db, rq->arena, &s);
    if (rc)
        return rc;
    return res_respond(rq, &site_res, &s);
}

/* One member of an object member (contact, owner): a member not known there is API_UNKNOWN. */
static enum api_member
contact_member(struct req *rq, struct site *s, const char *key, json_t *v, const char **why)
{
    if (strcmp(key, "email") == 0)
        return api_body_str(rq, v, true, &s->contact_email);
    if (strcmp(key, "phone") == 0)
        return api_body_str(rq, v, true, &s->contact_phone);
    if (strcmp(key, "address") == 0)
        return api_body_str(rq, v, true, &s->contact_address);
    if (strcmp(key, "text") == 0) {
        *why = "must be {\"sv\": text, \"en\": text}";
        return api_body_text(rq, v, &s->contact_text_sv, &s->contact_text_en);
    }
    return API_UNKNOWN;
}

static enum api_member
owner_member(struct req *rq, struct site *s, const char *key, json_t *v, const char **why)
{
    if (strcmp(key, "name") == 0) {
        *why = "must be {\"sv\": text, \"en\": text}";
        return api_body_text(rq, v, &s->owner_sv, &s->owner_en);
    }
    if (strcmp(key, "url") == 0)
        return api_body_str(rq, v, true, &s->owner_url);
    return API_UNKNOWN;
}

/* An object member's members through fn; the first that does not apply decides. */
static enum api_member
object_member(struct req *rq, struct site *s, json_t *v, const char **why,
              enum api_member (*fn)(struct req *, struct site *, const char *, json_t *,
                                    const char **))
{
    enum api_member m;
    const char *key;
    json_t *sub;

    if (!json_is_object(v)) {
        *why = "must be an object";
        return API_BAD;
    }
    json_object_foreach(v, key, sub)
    {
        m = fn(rq, s, key, sub, why);
        if (m == API_UNKNOWN)
            *why = "has a member that is not one of this object's";
        if (m != API_APPLIED)
            return API_BAD;
    }
    return API_APPLIED;
}

static enum api_member
site_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct site *s = ctx;

    if (strcmp(key, "about") == 0) {
        *why = "must be {\"sv\": text, \"en\": text}";
        return api_body_text(rq, v, &s->about_sv, &s->about_en);
    }
    if (strcmp(key, "contact") == 0)
        return object_member(rq, s, v, why, contact_member);
    if (strcmp(key, "owner") == 0)
        return object_member(rq, s, v, why, owner_member);
    return API_UNKNOWN;
}

/* The domain's field as the body's member. */
static const char *
body_member(const char *field)
{
    static const struct {
        const char *field, *member;
    } names[] = {
        {"about_sv", "about"},
        {"about_en", "about"},
        {"contact_email", "contact.email"},
        {"contact_phone", "contact.phone"},
        {"contact_address", "contact.address"},
        {"contact_text_sv", "contact.text"},
        {"contact_text_en", "contact.text"},
        {"owner_sv", "owner.name"},
        {"owner_en", "owner.name"},
        {"owner_url", "owner.url"},
    };
    size_t i;

    for (i = 0; field != NULL && i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(names[i].field, field) == 0)
            return names[i].member;
    return field;
}

enum err
api_site_update(struct req *rq)
{
    struct write_error we = {0};
    const struct who *w;
    const char *who;
    struct site s;
    enum err rc;

    rc = req_allow(rq, AUTHZ_SITE_EDIT, NULL);
    if (rc == ERR_OK)
        rc = regform_who(rq, &who);
    if (rc == ERR_OK)
        rc = req_who(rq, &w);
    if (rc == ERR_OK)
        rc = site_get(rq->wdb, rq->arena, &s);
    if (rc == ERR_OK)
        rc = api_body_read(rq, &s, site_member);
    if (rc)
        return rc;
    rc = site_save(rq->wdb, w, &s, who, (int64_t)time(NULL), NULL, &we);
    if (rc == ERR_INVALID)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, body_member(we.field),
                          we.msg != NULL ? we.msg : "is not accepted");
    if (rc)
        return rc;
    rc = site_get(rq->wdb, rq->arena, &s);
    if (rc)
        return rc;
    return res_respond(rq, &site_res, &s);
}
