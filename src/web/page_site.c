/*
 * page_site.c — the site's own pages (issue 12): "About missions" (/about, Markdown in the
 * request's language), the general contact (/contact: the functional mailbox, phone, postal
 * address and a short text), and the admins' form that edits both and the site owner
 * (/admin/site). The footer of every page (layout.c) links the two pages and shows the
 * mailbox; the accountability block names the site owner.
 *
 * The public pages are the shared cached copy for every visitor: they read who asks only
 * through req_offers (the admins' "Edit" link), so a visitor's request reads nothing. The
 * form asks the authorization table (site.edit: admins) first, GET and POST alike; a post
 * is one transaction (site_save), a refusal shows the form again with the message beside the
 * field, the values kept, status 422 and nothing written, and a success answers 303 to the
 * About page. The write commits on the writer connection, which moves the cache's
 * generation at once, so the edit shows on every page at the next request.
 *
 * Never: render Markdown but through html_markdown (cmark, unsafe HTML off), or link an
 * address but through url_mailto.
 */
#include <string.h>
#include <time.h>

#include "domain/site.h"
#include "web/auth.h"
#include "web/edit.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/regform.h"
#include "web/resp.h"
#include "web/url.h"

/* The admins' link to the form, for who may use it (a visitor's page reads nothing). */
static void
edit_link(struct req *rq, struct html *h)
{
    if (!req_offers(rq, AUTHZ_SITE_EDIT, NULL))
        return;
    html_open(h, "p", NULL);
    html_elem_attr(h, "a", _("Edit the site's texts and contact"), "href", url_site_edit(rq),
                   "class", "button", NULL);
    html_close(h, "p");
}

/* Markdown in the request's language (or Swedish, marked so), in a div of class cls. */
static void
markdown_block(struct req *rq, struct html *h, const char *cls, const char *sv, const char *en)
{
    html_open(h, "div", "class", cls, "lang", L_lang(rq, en), NULL);
    html_markdown(h, L(rq, sv, en));
    html_close(h, "div");
}

/* The start of both site pages: the settings read into s, the layout begun with title as
 * the page's title and heading, the demo note and the admins' edit link. */
static enum err
site_page_begin(struct req *rq, struct html *h, struct site *s, const char *title)
{
    enum err rc;

    rc = site_get(rq->db, rq->arena, s);
    if (rc)
        return rc;
    html_init(h, &rq->resp.body, rq->arena);
    layout_begin(rq, h, title);
    html_elem(h, "h1", title);
    if (s->is_demo)
        layout_demo_note(rq, h);
    edit_link(rq, h);
    return ERR_OK;
}

enum err
page_about(struct req *rq)
{
    struct site s;
    struct html h;
    enum err rc;

    rc = site_page_begin(rq, &h, &s, _("About missions"));
    if (rc)
        return rc;
    if (*L(rq, s.about_sv, s.about_en) == '\0')
        html_elem(&h, "p", _("Nothing has been written here yet."));
    else
        markdown_block(rq, &h, "description", s.about_sv, s.about_en);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Contact"), "href", url_contact(rq), NULL);
    html_close(&h, "p");
    return layout_end_for(rq, &h, "site", 1, 0, NULL);
}

enum err
page_contact(struct req *rq)
{
    const char *mail, *line, *end;
    struct site s;
    struct html h;
    enum err rc;

    rc = site_page_begin(rq, &h, &s, _("Contact"));
    if (rc)
        return rc;
    if (*L(rq, s.contact_text_sv, s.contact_text_en) != '\0')
        markdown_block(rq, &h, "description", s.contact_text_sv, s.contact_text_en);
    if (s.contact_email == NULL && s.contact_phone == NULL && s.contact_address == NULL) {
        html_elem(&h, "p", _("No contact details have been given yet."));
        return layout_end_for(rq, &h, "site", 1, 0, NULL);
    }
    html_open(&h, "dl", "class", "contact", NULL);
    mail = url_mailto(rq, s.contact_email);
    if (mail != NULL) {
        html_elem(&h, "dt", _("E-mail"));
        html_open(&h, "dd", NULL);
        html_elem_attr(&h, "a", s.contact_email, "href", mail, NULL);
        html_close(&h, "dd");
    }
    if (s.contact_phone != NULL) {
        html_elem(&h, "dt", _("Phone"));
        html_elem(&h, "dd", s.contact_phone);
    }
    if (s.contact_address != NULL) {
        html_elem(&h, "dt", _("Postal address"));
        html_open(&h, "dd", NULL);
        html_open(&h, "address", NULL);
        /* the lines as the admin wrote them, each on its own */
        for (line = s.contact_address; *line != '\0'; line = end + strspn(end, "\r\n")) {
            end = line + strcspn(line, "\r\n");
            if (line != s.contact_address)
                html_void(&h, "br", NULL);
            html_text(&h, arena_strndup(rq->arena, line, (size_t)(end - line)));
        }
        html_close(&h, "address");
        html_close(&h, "dd");
    }
    html_close(&h, "dl");
    return layout_end_for(rq, &h, "site", 1, 0, NULL);
}

/* ------------------------------------------------------------ the admins' form */

/* What to do about a refused field, said to the admin filling in the form. */
static const char *
site_refusal(const struct write_error *we)
{
    const char *f = we->field != NULL ? we->field : "";

    if (strcmp(f, "about_sv") == 0 || strcmp(f, "about_en") == 0)
        return _("Enter a text of at most 20,000 characters.");
    if (strcmp(f, "contact_email") == 0)
        return _("Enter an e-mail address such as missions@example.org, or leave it empty.");
    if (strcmp(f, "contact_phone") == 0)
        return _("Enter a phone number of at most 40 characters on one line, or leave it "
                 "empty.");
    if (strcmp(f, "contact_address") == 0)
        return _("Enter a postal address of at most 500 characters, or leave it empty.");
    if (strcmp(f, "contact_text_sv") == 0 || strcmp(f, "contact_text_en") == 0)
        return _("Enter a text of at most 2,000 characters.");
    if (strcmp(f, "owner_sv") == 0)
        return strstr(we->msg, "required")
                   ? _("Enter the site owner's name: the link needs one.")
                   : _("Enter a name of at most 300 characters on one line.");
    if (strcmp(f, "owner_en") == 0)
        return _("Enter a name of at most 300 characters on one line.");
    if (strcmp(f, "owner_url") == 0)
        return _("Enter an address that starts with https:// or http://, or leave it empty.");
    return _("Check this value.");
}

static void
site_form_page(struct req *rq, const struct site *s, const struct form_errors *fe)
{
    struct html h;

    regform_begin(rq, &h, _("The site's texts and contact"), fe);
    form_begin(rq, &h, url_site_edit(rq));
    form_fieldset_begin(&h, fe, "about", _("About missions"));
    form_textarea(&h, fe, "about_sv", _("Text in Swedish"),
                  _("Markdown: **bold**, *italics*, lists and links. Shown on the page About "
                    "missions."),
                  s->about_sv, false, 16);
    form_textarea(&h, fe, "about_en", _("Text in English"),
                  _("Markdown. Optional: the Swedish one is shown when it is empty."), s->about_en,
                  false, 16);
    form_fieldset_end(&h);
    form_fieldset_begin(&h, fe, "contact", _("Contact"));
    form_input(&h, fe, "contact_email", _("E-mail"),
               _("A functional mailbox, shown on the contact page and at the foot of every "
                 "page. Optional."),
               FT_EMAIL, s->contact_email, false, "off");
    form_input(&h, fe, "contact_phone", _("Phone"), _("Optional."), FT_TEXT, s->contact_phone,
               false, "off");
    form_textarea(&h, fe, "contact_address", _("Postal address"),
                  _("Optional. Each line as it should be printed."), s->contact_address, false, 4);
    form_textarea(&h, fe, "contact_text_sv", _("Text in Swedish"),
                  _("Markdown. A short text at the top of the contact page. Optional."),
                  s->contact_text_sv, false, 4);
    form_textarea(&h, fe, "contact_text_en", _("Text in English"),
                  _("Markdown. Optional: the Swedish one is shown when it is empty."),
                  s->contact_text_en, false, 4);
    form_fieldset_end(&h);
    form_fieldset_begin(&h, fe, "owner", _("Site owner"));
    html_elem_attr(&h, "p",
                   _("Named as the page owner on the pages that are not a mission's or an "
                     "indicator's. Left empty: \"The samverka administrators\"."),
                   "class", "hint", NULL);
    form_input(&h, fe, "owner_sv", _("Name in Swedish"), NULL, FT_TEXT, s->owner_sv, false, "off");
    form_input(&h, fe, "owner_en", _("Name in English"),
               _("Optional: the Swedish one is shown when it is empty."), FT_TEXT, s->owner_en,
               false, "off");
    form_input(&h, fe, "owner_url", _("Contact link"),
               _("Starts with https:// or http://, such as the contact page's address. "
                 "Optional."),
               FT_URL, s->owner_url, false, "url");
    form_fieldset_end(&h);
    form_submit(&h, _("Save"));
    form_end(&h);
    edit_cancel(&h, url_about(rq));
    layout_end(rq, &h, NULL);
}

enum err
page_site_edit(struct req *rq)
{
    struct site s;
    enum err rc;

    rc = req_allow(rq, AUTHZ_SITE_EDIT, NULL);
    if (rc)
        return rc;
    rc = site_get(rq->db, rq->arena, &s);
    if (rc)
        return rc;
    site_form_page(rq, &s, NULL);
    return ERR_OK;
}

enum err
post_site_edit(struct req *rq)
{
    struct form_errors fe = {0};
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
    if (rc)
        return rc;
    memset(&s, 0, sizeof(s));
    s.about_sv = edit_field(rq, "about_sv");
    s.about_en = edit_field(rq, "about_en");
    s.contact_email = edit_opt(rq, "contact_email");
    s.contact_phone = edit_opt(rq, "contact_phone");
    s.contact_address = edit_opt(rq, "contact_address");
    s.contact_text_sv = edit_field(rq, "contact_text_sv");
    s.contact_text_en = edit_field(rq, "contact_text_en");
    s.owner_sv = edit_field(rq, "owner_sv");
    s.owner_en = edit_field(rq, "owner_en");
    s.owner_url = edit_opt(rq, "owner_url");
    rc = site_save(rq->wdb, w, &s, who, (int64_t)time(NULL), NULL, &we);
    if (rc == ERR_INVALID) {
        regform_refused(rq, &fe, &we, site_refusal(&we));
        site_form_page(rq, &s, &fe);
        return ERR_OK;
    }
    if (rc)
        return rc;
    return edit_done(rq, url_about(rq));
}
