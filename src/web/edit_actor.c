/*
 * edit_actor.c — the actor forms: add an actor (/actors/new), edit one
 * (/actors/{id}/edit) and archive one after a confirmation (/actors/{id}/archive).
 *
 * Every handler first reads the actor from the path (never from the body), asks the
 * authorization table (authz.h: create by admins and any coordinator; edit by those and the
 * actor's representatives; archive by admins and coordinators) and only then shows or
 * writes. A post is one transaction (domain/registry.c): a refusal shows the form again
 * with the message beside the field and in the summary, the values kept, status 422, and
 * nothing written; a success redirects to the actor's page (303).
 *
 * The organisation number is checked by the domain (orgnr.c: form and check digit) and
 * must be the actor's own; the website must be http or https.
 */
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/actor.h"
#include "domain/codes.h"
#include "domain/registry.h"
#include "web/auth.h"
#include "web/edit.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/regform.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* What the form shows: the input struct, and the disciplines as the textarea's text. */
struct actor_form {
    struct actor_new in;
    const char *disciplines;
};

/* The posted form into f (values kept as entered, for showing again). */
static void
actor_read(struct req *rq, struct actor_form *f)
{
    memset(f, 0, sizeof(*f));
    f->in.slug = edit_field(rq, "slug");
    f->in.name = edit_field(rq, "name");
    f->in.orgnr = edit_opt(rq, "orgnr");
    f->in.sector = edit_field(rq, "sector");
    f->in.sni = edit_opt(rq, "sni");
    f->in.municipality = edit_opt(rq, "municipality");
    f->in.website = edit_opt(rq, "website");
    f->in.description_sv = edit_field(rq, "description_sv");
    f->in.description_en = edit_field(rq, "description_en");
    f->in.disciplines = regform_lines(rq, "disciplines", WRITE_MAX_ITEMS, &f->in.n_disciplines);
    f->disciplines = edit_field(rq, "disciplines");
}

/* A stored actor into f. */
static void
actor_fill(struct req *rq, const struct actor *x, struct actor_form *f)
{
    struct buf b;
    int i;

    memset(f, 0, sizeof(*f));
    f->in.slug = x->slug;
    f->in.name = x->name;
    f->in.orgnr = x->orgnr;
    f->in.sector = x->sector;
    f->in.sni = x->sni;
    f->in.municipality = x->municipality;
    f->in.website = x->website;
    f->in.description_sv = x->description_sv;
    f->in.description_en = x->description_en;
    buf_init(&b, WRITE_MAX_ITEMS * (WRITE_MAX_LINE + 1));
    for (i = 0; i < x->n_disciplines; i++)
        buf_printf(&b, "%s%s", i ? "\n" : "", x->disciplines[i]);
    f->disciplines = arena_strndup(rq->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
}

/* What to do about a refused field, said to the person filling in the form. */
static const char *
actor_refusal(const struct write_error *we)
{
    const char *f = we->field != NULL ? we->field : "";

    if (strcmp(f, "slug") == 0)
        return strstr(we->msg, "taken") || strstr(we->msg, "another") || strstr(we->msg, "used")
                   ? _("Another actor has this web address name. Enter another one.")
                   : _("Enter a web address name of 1 to 64 lower-case letters, digits and "
                       "hyphens.");
    if (strcmp(f, "name") == 0)
        return _("Enter the organisation's name, at most 300 characters.");
    if (strcmp(f, "orgnr") == 0)
        return strstr(we->msg, "another")
                   ? _("Another actor has this organisation number. Check the number.")
                   : _("Enter a Swedish organisation number such as 556677-8899: this one is "
                       "not valid (its form or check digit is wrong).");
    if (strcmp(f, "sector") == 0)
        return _("Choose the sector.");
    if (strcmp(f, "sni") == 0)
        return _("Enter an SNI 2007 code of five digits, such as 84110, or leave it empty.");
    if (strcmp(f, "municipality") == 0)
        return _("Choose a municipality from the list, or none.");
    if (strcmp(f, "website") == 0)
        return _("Enter an address that starts with https:// or http://, or leave it empty.");
    if (strcmp(f, "description_sv") == 0 || strcmp(f, "description_en") == 0)
        return _("Enter a description of at most 4,000 characters.");
    if (strcmp(f, "disciplines") == 0)
        return _("Enter at most 64 fields of work, one per line, each at most 300 characters "
                 "and none twice.");
    return _("Check this value.");
}

static enum err
actor_form_page(struct req *rq, const char *title, const char *action, const struct actor_form *f,
                const struct form_errors *fe)
{
    struct municipality_item *mu;
    struct form_option *opts;
    struct html h;
    int n, i;
    enum err rc;

    rc = registry_municipalities(rq->db, rq->arena, &mu, &n);
    if (rc)
        return rc;
    regform_begin(rq, &h, title, fe);
    form_begin(rq, &h, action);
    form_input(&h, fe, "name", _("Name"), NULL, FT_TEXT, f->in.name, true, "organization");
    form_input(&h, fe, "slug", _("Web address name"),
               _("Lower-case letters, digits and hyphens, used in addresses. Leave it empty to "
                 "make one from the name."),
               FT_TEXT, f->in.slug, false, "off");
    form_input(&h, fe, "orgnr", _("Organisation number"),
               _("Swedish organisation number, NNNNNN-NNNN. Optional."), FT_TEXT, f->in.orgnr,
               false, "off");
    form_select(&h, fe, "sector", _("Sector"), NULL, edit_codes(rq, &code_actor_sector),
                code_actor_sector.n, f->in.sector, _("Choose a sector"));
    opts = arena_alloc(rq->arena, (size_t)(n > 0 ? n : 1) * sizeof(*opts));
    for (i = 0; i < n; i++) {
        opts[i].value = mu[i].code;
        opts[i].label = mu[i].name;
    }
    form_select(&h, fe, "municipality", _("Municipality"),
                _("Where the organisation is based. Its county follows from it."), opts, n,
                f->in.municipality, _("None"));
    form_input(&h, fe, "sni", _("Industry (SNI 2007)"),
               _("Five-digit code from Statistics Sweden's SNI 2007, such as 84110. Optional."),
               FT_TEXT, f->in.sni, false, "off");
    form_input(&h, fe, "website", _("Website"), _("Starts with https:// or http://. Optional."),
               FT_URL, f->in.website, false, "url");
    form_textarea(&h, fe, "disciplines", _("Disciplines"), _("Fields of work, one per line."),
                  f->disciplines, false, 4);
    form_textarea(&h, fe, "description_sv", _("Description in Swedish"), _("Markdown."),
                  f->in.description_sv, false, 5);
    form_textarea(&h, fe, "description_en", _("Description in English"),
                  _("Markdown. Optional: the Swedish one is shown when it is empty."),
                  f->in.description_en, false, 5);
    form_submit(&h, _("Save"));
    form_end(&h);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* The actor of the path as stored, and the caller allowed action on it. */
static enum err
actor_of_path(struct req *rq, struct db *db, enum authz_action action, struct actor *out)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = actor_get(db, rq->arena, req_int(rq, "id", 0), out);
    if (rc)
        return rc;
    scope.actor_id = out->id;
    rc = req_allow(rq, action, &scope);
    if (rc)
        return rc;
    /* an archived actor is brought back before it is edited or archived again */
    return out->archived_at != 0 ? ERR_NOTFOUND : ERR_OK;
}

/* Save the posted form (id 0: a new actor; an edit left without a slug keeps stored_slug):
 * redirect to the actor, or the form again. */
static enum err
actor_save(struct req *rq, int64_t id, const char *stored_slug, const char *title,
           const char *action)
{
    struct form_errors fe = {0};
    struct write_error we = {0};
    struct actor_form f;
    const char *who;
    int64_t out_id = 0;
    enum err rc;

    rc = regform_who(rq, &who);
    if (rc)
        return rc;
    actor_read(rq, &f);
    if (*f.in.slug == '\0')
        f.in.slug = id == 0 ? registry_slug(rq->arena, f.in.name) : stored_slug;
    rc = registry_actor_save(rq->wdb, id, &f.in, who, (int64_t)time(NULL), &out_id, &we);
    if (rc == ERR_INVALID) {
        regform_refused(rq, &fe, &we, actor_refusal(&we));
        return actor_form_page(rq, title, action, &f, &fe);
    }
    if (rc)
        return rc;
    return edit_done(rq, url_actor(rq, out_id));
}

enum err
page_actor_new(struct req *rq)
{
    struct actor_form f;
    enum err rc;

    rc = req_allow(rq, AUTHZ_ACTOR_CREATE, NULL);
    if (rc)
        return rc;
    memset(&f, 0, sizeof(f));
    return actor_form_page(rq, _("Add an actor"), url_actor_new(rq), &f, NULL);
}

enum err
post_actor_new(struct req *rq)
{
    enum err rc;

    rc = req_allow(rq, AUTHZ_ACTOR_CREATE, NULL);
    if (rc)
        return rc;
    return actor_save(rq, 0, NULL, _("Add an actor"), url_actor_new(rq));
}

enum err
page_actor_edit(struct req *rq)
{
    struct actor_form f;
    struct actor x;
    enum err rc;

    rc = actor_of_path(rq, rq->db, AUTHZ_ACTOR_EDIT, &x);
    if (rc)
        return rc;
    actor_fill(rq, &x, &f);
    return actor_form_page(rq, arena_printf(rq->arena, _("Edit %s"), x.name),
                           url_actor_edit(rq, x.id), &f, NULL);
}

enum err
post_actor_edit(struct req *rq)
{
    struct actor x;
    enum err rc;

    rc = actor_of_path(rq, rq->wdb, AUTHZ_ACTOR_EDIT, &x);
    if (rc)
        return rc;
    return actor_save(rq, x.id, x.slug, arena_printf(rq->arena, _("Edit %s"), x.name),
                      url_actor_edit(rq, x.id));
}

enum err
page_actor_archive(struct req *rq)
{
    struct actor x;
    enum err rc;

    rc = actor_of_path(rq, rq->db, AUTHZ_ACTOR_ARCHIVE, &x);
    if (rc)
        return rc;
    return regform_archive_page(rq, x.name, url_actor_archive(rq, x.id), url_actor(rq, x.id));
}

enum err
post_actor_archive(struct req *rq)
{
    struct actor x;
    enum err rc;

    rc = actor_of_path(rq, rq->wdb, AUTHZ_ACTOR_ARCHIVE, &x);
    if (rc)
        return rc;
    return regform_archive(rq, registry_actor_archive, x.id, url_actor(rq, x.id));
}
