/*
 * regform.c — the registry forms' shared pieces (see regform.h).
 */
#include "web/regform.h"

#include "domain/proposal.h"

#include <stdarg.h>
#include <string.h>

#include "web/auth.h"
#include "web/edit.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/route.h"

const char **
regform_lines(struct req *rq, const char *name, int max, int *out_n)
{
    const char *s = edit_field(rq, name), *end;
    const char **v = arena_alloc(rq->arena, (size_t)(max + 1) * sizeof(*v));
    size_t len;
    int n = 0;

    while (*s && n <= max) {
        end = s + strcspn(s, "\r\n");
        len = (size_t)(end - s);
        while (len > 0 && (s[0] == ' ' || s[0] == '\t')) {
            s++;
            len--;
        }
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        if (len > 0)
            v[n++] = arena_strndup(rq->arena, s, len);
        s = end + strspn(end, "\r\n");
    }
    *out_n = n;
    return v;
}

enum err
regform_who(struct req *rq, const char **out)
{
    const struct principal *p;
    enum err rc;

    rc = req_principal(rq, &p);
    if (rc)
        return rc;
    *out = p->name != NULL ? p->name : "";
    return ERR_OK;
}

void
regform_refused(struct req *rq, struct form_errors *fe, const struct write_error *we,
                const char *msg)
{
    form_error(fe, we->field != NULL ? we->field : "form", msg);
    rq->resp.status = 422;
}

void
regform_begin(struct req *rq, struct html *h, const char *title, const struct form_errors *fe)
{
    html_init(h, &rq->resp.body, rq->arena);
    layout_begin(rq, h, edit_title(rq, fe, title));
    html_elem(h, "h1", title);
    form_summary(rq, h, fe);
}

enum err
regform_archive_page(struct req *rq, const char *name, const char *action, const char *cancel_url)
{
    struct html h;
    const char *title = arena_printf(rq->arena, _("Archive %s?"), name);

    regform_begin(rq, &h, title, NULL);
    html_elem(&h, "p",
              _("It leaves the public lists; nothing is deleted. Its page stays, marked as "
                "archived, and what refers to it keeps the link."));
    form_begin(rq, &h, action);
    form_submit(&h, _("Archive"));
    form_end(&h);
    edit_cancel(&h, cancel_url);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
regform_archive(struct req *rq, enum err (*archive)(struct db *, int64_t, const char *, int64_t),
                int64_t id, const char *done)
{
    const char *who;
    enum err rc;

    rc = regform_who(rq, &who);
    if (rc)
        return rc;
    return edit_archive(rq, archive, id, who, done);
}

void
regform_archived_note(struct req *rq, struct html *h, int64_t archived_at)
{
    if (archived_at == 0)
        return;
    html_open(h, "p", "class", "notice", "role", "status", NULL);
    html_elem(h, "strong", _("Archived"));
    html_text(h, " ");
    html_printf(h, _("on %s: it is no longer in the public lists."),
                fmt_date_unix(rq, archived_at));
    html_close(h, "p");
}

void
regform_actions(struct html *h, ...)
{
    const char *label, *url;
    va_list ap;
    bool open = false;

    va_start(ap, h);
    for (;;) {
        label = va_arg(ap, const char *);
        if (label == NULL)
            break;
        url = va_arg(ap, const char *);
        if (url == NULL)
            continue;
        if (!open) {
            html_open(h, "ul", "class", "actions", NULL);
            open = true;
        }
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", label, "href", url, NULL);
        html_close(h, "li");
    }
    va_end(ap);
    if (open)
        html_close(h, "ul");
}

enum err
regform_not_pending(struct req *rq, struct db *db, int64_t id)
{
    bool hidden = false;
    enum err rc = proposal_is_hidden(db, id, &hidden);

    if (rc == ERR_OK && hidden)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, NULL,
                          _("This initiative is a proposal under review: it changes through its "
                            "review, not here."));
    return rc;
}

bool
regform_may_place(struct req *rq, int64_t from, int64_t to, struct write_error *we)
{
    struct authz_scope scope = {.actor_id = to};

    if (to == 0 || to == from || req_may(rq, AUTHZ_PERSON_CREATE, &scope))
        return true;
    write_refuse(we, "actor_id", "may only be an organisation you may add people to");
    return false;
}

/* Whether actor is among n's participants. */
static bool
takes_part(const struct initiative *n, int64_t actor)
{
    int i;

    for (i = 0; i < n->n_actors; i++)
        if (n->actors[i].actor_id == actor)
            return true;
    return false;
}

bool
regform_may_change_initiative(struct req *rq, const struct initiative *n,
                              const struct initiative_new *in, struct write_error *we)
{
    struct authz_scope scope = {.mission_id = n->mission_id};
    int i;

    /* the rule without the lead's representatives: a coordinator of its mission, an admin */
    if (req_may(rq, AUTHZ_INITIATIVE_EDIT, &scope))
        return true;
    if (in->lead_actor_id != n->lead_actor_id) {
        write_refuse(we, "lead_actor_id", "may be changed by the mission's coordinators only");
        return false;
    }
    for (i = 0; i < in->n_parts; i++)
        if (in->parts[i].actor_id != n->lead_actor_id && !takes_part(n, in->parts[i].actor_id)) {
            write_refuse_item(we, "parts", i,
                              "may name an organisation already taking part only: the "
                              "mission's coordinators add others");
            return false;
        }
    return true;
}
