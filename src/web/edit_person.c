/*
 * edit_person.c — people (contacts): their public page (/people/{id}), and the forms to
 * add one (/people/new, ?actor= choosing the organisation), edit one (/people/{id}/edit)
 * and archive one after a confirmation (/people/{id}/archive).
 *
 * Who may (authz.h): add, admins, any coordinator and a representative of the person's
 * actor (the one chosen in the form: a representative adds the contacts of their own
 * organisation only); edit, admins, any coordinator and the person's own account; archive,
 * admins and any coordinator. The scope is read from what is stored (the person's actor,
 * whether the caller's account is this person's), never from the body, but for a new
 * person's actor, which is what is being asked for.
 *
 * A person's e-mail and phone are private unless the person is marked public
 * (contact_public): the public page shows them only then (domain/person.c's public read
 * withholds them otherwise); the edit form, for those who may edit, shows the stored values.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/actor.h"
#include "domain/person.h"
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

/* The actors a person may belong to in a select: the live ones, by name, at most this. */
#define PERSON_FORM_ACTORS 1000

/* ------------------------------------------------------------ the public page */

enum err
page_person(struct req *rq)
{
    struct authz_scope scope = {0};
    const struct principal *u;
    const char *title, *mail;
    struct person p;
    struct html h;
    enum err rc;

    rc = person_get(rq->db, rq->arena, req_int(rq, "id", 0), &p);
    if (rc)
        return rc;
    /* the person of an account that only signed up: its own account's, no one else's
     * (person.h); the page of a request with credentials is never the shared copy */
    u = auth_has_session_cookie(rq) ? req_user(rq) : NULL;
    if (!p.listed && (u == NULL || u->person_id != p.id))
        return ERR_NOTFOUND;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, p.name);
    html_elem(&h, "h1", p.name);
    regform_archived_note(rq, &h, p.archived_at);
    if (p.archived_at == 0) {
        scope.actor_id = p.actor_id;
        if (u != NULL && u->person_id == p.id)
            scope.owner_user_id = u->user_id;
        regform_actions(
            &h, _("Edit the person"),
            req_offers(rq, AUTHZ_PERSON_EDIT, &scope) ? url_person_edit(rq, p.id) : NULL,
            _("Archive the person"),
            req_offers(rq, AUTHZ_PERSON_ARCHIVE, &scope) ? url_person_archive(rq, p.id) : NULL,
            NULL);
    }
    html_open(&h, "dl", "class", "facts", NULL);
    title = L(rq, p.title_sv, p.title_en);
    if (!str_empty(title)) {
        html_elem(&h, "dt", _("Title"));
        html_elem_attr(&h, "dd", title, "lang", L_lang(rq, p.title_en), NULL);
    }
    if (p.actor_id != 0) {
        html_elem(&h, "dt", _("Organisation"));
        html_open(&h, "dd", NULL);
        html_elem_attr(&h, "a", p.actor_name, "href", url_actor(rq, p.actor_id), NULL);
        html_close(&h, "dd");
    }
    /* NULL unless the person marked them public */
    mail = url_mailto(rq, p.email);
    if (p.email != NULL) {
        html_elem(&h, "dt", _("E-mail"));
        html_open(&h, "dd", NULL);
        if (mail != NULL)
            html_elem_attr(&h, "a", p.email, "href", mail, NULL);
        else
            html_text(&h, p.email);
        html_close(&h, "dd");
    }
    if (p.phone != NULL) {
        html_elem(&h, "dt", _("Phone"));
        html_elem(&h, "dd", p.phone);
    }
    html_close(&h, "dl");
    return layout_end_for(rq, &h, "person", p.id, 0, NULL);
}

/* ------------------------------------------------------------ the forms */

static void
person_read(struct req *rq, struct person_new *in)
{
    int64_t actor = 0;

    memset(in, 0, sizeof(*in));
    in->name = edit_field(rq, "name");
    in->title_sv = edit_field(rq, "title_sv");
    in->title_en = edit_field(rq, "title_en");
    in->email = edit_opt(rq, "email");
    in->phone = edit_opt(rq, "phone");
    in->contact_public = strcmp(edit_field(rq, "contact_public"), "1") == 0;
    /* not a number (or none): no actor; a number no actor has is the domain's refusal */
    if (str_to_i64(edit_field(rq, "actor_id"), &actor) != ERR_OK || actor < 0)
        actor = 0;
    in->actor_id = actor;
}

static const char *
person_refusal(const struct write_error *we)
{
    const char *f = we->field != NULL ? we->field : "";

    if (strcmp(f, "name") == 0)
        return _("Enter the person's name, at most 300 characters.");
    if (strcmp(f, "title_sv") == 0 || strcmp(f, "title_en") == 0)
        return _("Enter a title of at most 300 characters, or leave it empty.");
    if (strcmp(f, "actor_id") == 0)
        return strstr(we->msg, "add people")
                   ? _("You may place a person only in an organisation you may add people to: "
                       "one you represent.")
                   : _("Choose an organisation from the list, or none.");
    if (strcmp(f, "email") == 0)
        return _("Enter one e-mail address, such as name@example.se, or leave it empty.");
    if (strcmp(f, "phone") == 0)
        return _("Enter a phone number of digits, spaces and + - ( ), or leave it empty.");
    return _("Check this value.");
}

static enum err
person_form_page(struct req *rq, const char *title, const char *action, const struct person_new *in,
                 const struct form_errors *fe)
{
    struct page pg = {PERSON_FORM_ACTORS, 0};
    struct form_option *opts;
    struct actor *xs;
    struct html h;
    int64_t total;
    int n, i;
    enum err rc;

    rc = actor_list(rq->db, rq->arena, NULL, &pg, &xs, &n, &total);
    if (rc)
        return rc;
    opts = arena_alloc(rq->arena, (size_t)(n > 0 ? n : 1) * sizeof(*opts));
    for (i = 0; i < n; i++) {
        opts[i].value = arena_printf(rq->arena, "%lld", (long long)xs[i].id);
        opts[i].label = xs[i].name;
    }
    regform_begin(rq, &h, title, fe);
    form_begin(rq, &h, action);
    form_input(&h, fe, "name", _("Name"), NULL, FT_TEXT, in->name, true, "off");
    form_input(&h, fe, "title_sv", _("Title in Swedish"), _("Optional."), FT_TEXT, in->title_sv,
               false, "off");
    form_input(&h, fe, "title_en", _("Title in English"), _("Optional."), FT_TEXT, in->title_en,
               false, "off");
    form_select(&h, fe, "actor_id", _("Organisation"), NULL, opts, n,
                in->actor_id ? arena_printf(rq->arena, "%lld", (long long)in->actor_id) : NULL,
                _("None"));
    form_input(&h, fe, "email", _("E-mail address"), _("Optional."), FT_EMAIL, in->email, false,
               "off");
    form_input(&h, fe, "phone", _("Phone"), _("Optional."), FT_TEXT, in->phone, false, "off");
    form_flag(&h, "contact_public", _("Show the e-mail address and phone publicly"),
              _("Only then are they on the public pages and in the API. Leave it unticked "
                "unless the person has agreed."),
              in->contact_public);
    form_submit(&h, _("Save"));
    form_end(&h);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* The person of the path as stored, and the caller allowed action on it (the scope: the
 * person's actor, and the caller's account when it is this person's). */
static enum err
person_of_path(struct req *rq, struct db *db, enum authz_action action, struct person *out)
{
    struct authz_scope scope = {0};
    const struct principal *p;
    enum err rc;

    rc = person_get(db, rq->arena, req_int(rq, "id", 0), out);
    if (rc)
        return rc;
    rc = req_principal(rq, &p);
    if (rc)
        return rc;
    scope.actor_id = out->actor_id;
    if (p->user_id != 0 && p->person_id == out->id)
        scope.owner_user_id = p->user_id;
    rc = req_allow(rq, action, &scope);
    if (rc)
        return rc;
    return out->archived_at != 0 ? ERR_NOTFOUND : ERR_OK;
}

/* Save the posted person (id 0: a new one; from: the organisation it is in now), or show
 * the form again with the refusal. */
static enum err
person_save(struct req *rq, int64_t id, int64_t from, const struct person_new *in,
            const char *title, const char *action)
{
    struct form_errors fe = {0};
    struct write_error we = {0};
    const char *who;
    int64_t out_id = 0;
    enum err rc;

    rc = regform_who(rq, &who);
    if (rc)
        return rc;
    if (!regform_may_place(rq, from, in->actor_id, &we))
        rc = ERR_INVALID;
    else
        rc = registry_person_save(rq->wdb, id, in, who, (int64_t)time(NULL), &out_id, &we);
    if (rc == ERR_INVALID) {
        regform_refused(rq, &fe, &we, person_refusal(&we));
        return person_form_page(rq, title, action, in, &fe);
    }
    if (rc)
        return rc;
    return edit_done(rq, url_person(rq, out_id));
}

enum err
page_person_new(struct req *rq)
{
    struct authz_scope scope = {.actor_id = req_int(rq, "actor", 0)};
    const struct who *w;
    struct person_new in;
    enum err rc;

    /* no organisation asked for: a representative's own is the one they may add to */
    if (scope.actor_id == 0 && !req_may(rq, AUTHZ_PERSON_CREATE, &scope)) {
        rc = req_who(rq, &w);
        if (rc)
            return rc;
        scope.actor_id = w->n_actors > 0 ? w->actors[0] : 0;
    }
    memset(&in, 0, sizeof(in));
    in.actor_id = scope.actor_id;
    rc = req_allow(rq, AUTHZ_PERSON_CREATE, &scope);
    if (rc)
        return rc;
    return person_form_page(rq, _("Add a person"), url_person_new(rq, 0), &in, NULL);
}

enum err
post_person_new(struct req *rq)
{
    struct authz_scope scope = {0};
    struct form_errors fe = {0};
    const struct who *w;
    struct person_new in;
    enum err rc;

    person_read(rq, &in);
    /* a new person's actor is what the caller asks to add a contact to */
    scope.actor_id = in.actor_id;
    if (in.actor_id == 0 && !req_may(rq, AUTHZ_PERSON_CREATE, &scope)) {
        /* a representative adds contacts to their own organisation: without one chosen, the
         * form again asking for it (allowed for the first they represent), else the refusal */
        rc = req_who(rq, &w);
        if (rc)
            return rc;
        scope.actor_id = w->n_actors > 0 ? w->actors[0] : 0;
        rc = req_allow(rq, AUTHZ_PERSON_CREATE, &scope);
        if (rc)
            return rc;
        form_error(&fe, "actor_id", _("Choose the organisation the person works for."));
        rq->resp.status = 422;
        return person_form_page(rq, _("Add a person"), url_person_new(rq, 0), &in, &fe);
    }
    rc = req_allow(rq, AUTHZ_PERSON_CREATE, &scope);
    if (rc)
        return rc;
    return person_save(rq, 0, in.actor_id, &in, _("Add a person"), url_person_new(rq, 0));
}

enum err
page_person_edit(struct req *rq)
{
    struct person_new in;
    struct person p;
    enum err rc;

    rc = person_of_path(rq, rq->db, AUTHZ_PERSON_EDIT, &p);
    if (rc)
        return rc;
    rc = person_stored(rq->db, rq->arena, p.id, &in);
    if (rc)
        return rc;
    return person_form_page(rq, arena_printf(rq->arena, _("Edit %s"), p.name),
                            url_person_edit(rq, p.id), &in, NULL);
}

enum err
post_person_edit(struct req *rq)
{
    struct person_new in;
    struct person p;
    enum err rc;

    rc = person_of_path(rq, rq->wdb, AUTHZ_PERSON_EDIT, &p);
    if (rc)
        return rc;
    person_read(rq, &in);
    return person_save(rq, p.id, p.actor_id, &in, arena_printf(rq->arena, _("Edit %s"), p.name),
                       url_person_edit(rq, p.id));
}

enum err
page_person_archive(struct req *rq)
{
    struct person p;
    enum err rc;

    rc = person_of_path(rq, rq->db, AUTHZ_PERSON_ARCHIVE, &p);
    if (rc)
        return rc;
    return regform_archive_page(rq, p.name, url_person_archive(rq, p.id), url_person(rq, p.id));
}

enum err
post_person_archive(struct req *rq)
{
    struct person p;
    enum err rc;

    rc = person_of_path(rq, rq->wdb, AUTHZ_PERSON_ARCHIVE, &p);
    if (rc)
        return rc;
    return regform_archive(rq, registry_person_archive, p.id, url_person(rq, p.id));
}
