/*
 * page_history.c — the public history of a mission (everything of it) and of an
 * initiative: what changed when, field by field in words ("Title: X → Y"), newest first,
 * paged, from the audit log (domain/audit.h's audit_history, the `changes` of each entry).
 *
 * Who made a change is said only as a staff member's name (an admin, or a coordinator of
 * the mission: domain/history.h); of anyone else nothing. The mission's coordinators and
 * admins also see the address the entry records; that is asked through req_offers, so a
 * visitor without credentials reads nothing and the page stays the one shared, cached copy.
 *
 * Never: show an address or a phone number to the public. A person's private contact
 * fields are logged as changed (true), never with their values; a value shown here is
 * escaped like any other text.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "domain/actor.h"
#include "domain/audit.h"
#include "domain/codes.h"
#include "domain/history.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/proposal.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pager.h"
#include "web/route.h"
#include "web/url.h"

#define HISTORY_PER_PAGE  20
#define HISTORY_VALUE_MAX 300 /* bytes of one value shown (a long Markdown text is cut) */

/* The words for the fields the change tables name (domain/change.h), the rest as named. */
static const struct {
    const char *field, *label;
} field_labels[] = {
    {"title_sv", N_("Title (Swedish)")},
    {"title_en", N_("Title (English)")},
    {"name", N_("Name")},
    {"slug", N_("Address")},
    {"goal_sv", N_("Goal (Swedish)")},
    {"goal_en", N_("Goal (English)")},
    {"description_sv", N_("Description (Swedish)")},
    {"description_en", N_("Description (English)")},
    {"summary_sv", N_("Description (Swedish)")},
    {"summary_en", N_("Description (English)")},
    {"status", N_("Status")},
    {"origin", N_("Origin")},
    {"deadline", N_("Deadline")},
    {"start_year", N_("Start year")},
    {"start_date", N_("Start date")},
    {"end_date", N_("End date")},
    {"budget_sek", N_("Budget (SEK)")},
    {"funding", N_("Funding")},
    {"lead_actor_id", N_("Lead actor")},
    {"hypotheses_sv", N_("Hypotheses (Swedish)")},
    {"hypotheses_en", N_("Hypotheses (English)")},
    {"learnings_sv", N_("Learnings (Swedish)")},
    {"learnings_en", N_("Learnings (English)")},
    {"parts", N_("Participating actors")},
    {"objective_ids", N_("Objectives")},
    {"sdg_targets", N_("SDG targets")},
    {"archived_at", N_("Archived")},
    {"weight", N_("Weight")},
    {"parent_id", N_("Parent objective")},
    {"email", N_("E-mail address")},
    {"phone", N_("Phone")},
    {"role", N_("Role")},
    {"website", N_("Website")},
    {"sector", N_("Sector")},
    {"unit_sv", N_("Unit (Swedish)")},
    {"target_value", N_("Target value")},
    {"target_year", N_("Target year")},
    {"source", N_("Source")},
    {"value", N_("Value")},
    {"note", N_("Note")},
    {"dimensions", N_("Breakdown columns")},
};

static const char *
field_label(const char *field)
{
    size_t i;

    for (i = 0; i < sizeof(field_labels) / sizeof(field_labels[0]); i++)
        if (strcmp(field_labels[i].field, field) == 0)
            return _(field_labels[i].label);
    return field;
}

static const char *
action_label(const char *action)
{
    static const struct {
        const char *action, *label;
    } actions[] = {
        {"create", N_("Created")},
        {"update", N_("Changed")},
        {"archive", N_("Archived")},
        {"unarchive", N_("Brought back")},
        {"remove", N_("Removed")},
        {"import", N_("Data imported")},
        {"propose", N_("Proposed")},
        {"resubmit", N_("Sent again")},
        {"changes_requested", N_("Asked for changes")},
        {"accepted", N_("Accepted the proposal")},
        {"declined", N_("Declined the proposal")},
    };
    size_t i;

    for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
        if (strcmp(actions[i].action, action) == 0)
            return _(actions[i].label);
    return action;
}

static const char *
entity_label(const char *entity)
{
    static const struct {
        const char *entity, *label;
    } entities[] = {
        {"mission", N_("Mission")},     {"objective", N_("Objective")},
        {"indicator", N_("Indicator")}, {"initiative", N_("Initiative")},
        {"team_member", N_("Team")},    {"actor", N_("Actor")},
        {"person", N_("Person")},       {"observation", N_("Value")},
    };
    size_t i;

    for (i = 0; i < sizeof(entities) / sizeof(entities[0]); i++)
        if (strcmp(entities[i].entity, entity) == 0)
            return _(entities[i].label);
    return entity;
}

/* An actor by id, as its name ("#id" when it is gone). */
static const char *
actor_words(struct req *rq, int64_t id)
{
    struct actor a;

    if (actor_get(rq->db, rq->arena, id, &a) == ERR_OK)
        return a.name;
    return arena_printf(rq->arena, "#%lld", (long long)id);
}

/* An objective by id, as its title in the page's language. */
static const char *
objective_words(struct req *rq, int64_t id)
{
    struct objective o;

    if (objective_get(rq->db, rq->arena, id, &o) == ERR_OK)
        return L(rq, o.title_sv, o.title_en);
    return arena_printf(rq->arena, "#%lld", (long long)id);
}

/* The code set a field's values come from (its labels are shown), NULL for none. */
static const struct code_set *
field_codes(const char *entity, const char *field)
{
    if (strcmp(field, "status") == 0)
        return strcmp(entity, "mission") == 0      ? &code_mission_status
               : strcmp(entity, "initiative") == 0 ? &code_initiative_status
                                                   : NULL;
    if (strcmp(field, "origin") == 0)
        return &code_initiative_origin;
    if (strcmp(field, "sector") == 0)
        return &code_actor_sector;
    if (strcmp(field, "role") == 0 && strcmp(entity, "team_member") == 0)
        return &code_team_role;
    return NULL;
}

static const char *value_words(struct req *rq, const char *entity, const char *field, json_t *v);

/* A list in words, its items joined by ", " (participants as "Actor (role)"). */
static const char *
list_words(struct req *rq, const char *entity, const char *field, json_t *v)
{
    struct buf b;
    const char *s;
    json_t *item;
    size_t i;

    buf_init(&b, 0);
    json_array_foreach(v, i, item)
    {
        if (i > 0)
            buf_adds(&b, ", ");
        if (json_is_object(item) && json_is_integer(json_object_get(item, "actor_id"))) {
            buf_adds(&b, actor_words(rq, json_integer_value(json_object_get(item, "actor_id"))));
            if (json_is_string(json_object_get(item, "role"))) {
                buf_adds(&b, " (");
                buf_adds(&b, label_code(&code_initiative_role,
                                        json_string_value(json_object_get(item, "role"))));
                buf_adds(&b, ")");
            }
        } else if (strcmp(field, "objective_ids") == 0 && json_is_integer(item)) {
            buf_adds(&b, objective_words(rq, json_integer_value(item)));
        } else {
            buf_adds(&b, value_words(rq, entity, "", item));
        }
    }
    s = arena_strndup(rq->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
    return *s != '\0' ? s : "–";
}

/* One JSON value in words: text as is (cut), a code by its label, an actor or objective by
 * its name, null as a dash, true as "changed" (a private value: only that it changed is
 * logged), a list as its items. */
static const char *
value_words(struct req *rq, const char *entity, const char *field, json_t *v)
{
    const struct code_set *set = field_codes(entity, field);
    const char *s;
    char *dump;
    size_t n;

    if (v == NULL || json_is_null(v))
        return "–";
    if (json_is_true(v))
        return _("(changed)");
    if (json_is_string(v)) {
        s = json_string_value(v);
        if (set != NULL && code_is(set, s))
            return label_code(set, s);
        n = strlen(s);
        if (n <= HISTORY_VALUE_MAX)
            return arena_strdup(rq->arena, s);
        n = HISTORY_VALUE_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
        return arena_printf(rq->arena, "%.*s…", (int)n, s);
    }
    if (json_is_integer(v)) {
        if (strcmp(field, "archived_at") == 0)
            return fmt_date_unix(rq, (int64_t)json_integer_value(v));
        if (strcmp(field, "lead_actor_id") == 0 || strcmp(field, "actor_id") == 0)
            return actor_words(rq, json_integer_value(v));
        if (strcmp(field, "objective_id") == 0 || strcmp(field, "parent_id") == 0)
            return objective_words(rq, json_integer_value(v));
        return arena_printf(rq->arena, "%lld", (long long)json_integer_value(v));
    }
    if (json_is_array(v))
        return list_words(rq, entity, field, v);
    dump = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (dump == NULL)
        return "";
    s = arena_strdup(rq->arena, dump);
    free(dump);
    return s;
}

/* The changes of one entry as a list "Field: before → after". */
static void
changes_list(struct req *rq, struct html *h, const char *entity, const char *changes)
{
    json_error_t jerr;
    const char *key;
    json_t *root, *pair;

    if (str_empty(changes))
        return;
    root = json_loads(changes, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL || !json_is_object(root)) {
        json_decref(root);
        return;
    }
    html_open(h, "ul", "class", "changes", NULL);
    json_object_foreach(root, key, pair)
    {
        json_t *before = json_array_get(pair, 0), *after = json_array_get(pair, 1);

        html_open(h, "li", NULL);
        html_text(h, field_label(key));
        html_text(h, ": ");
        html_text(h, value_words(rq, entity, key, before));
        html_text(h, " → ");
        html_text(h, value_words(rq, entity, key, after));
        html_close(h, "li");
    }
    html_close(h, "ul");
    json_decref(root);
}

/*
 * One page of a history (mission_id != 0: the mission's; else the initiative's), with
 * show_who for a reviewer (the address too). title: the page's; back: the entity's page.
 */
static enum err
history_page(struct req *rq, const char *title, const char *back, const char *entity,
             int64_t entity_id, int64_t mission_id, int64_t staff_mission, bool show_who,
             const char *path)
{
    struct audit_entry *list;
    struct pager pg;
    struct html h;
    enum err rc;
    int i, n;

    pager_read(rq, &pg, HISTORY_PER_PAGE);
    rc = audit_history(rq->db, rq->arena, entity, entity_id, mission_id, &pg.pg, &list, &n,
                       &pg.total);
    if (rc == ERR_OK)
        rc = pager_check(rq, &pg);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, arena_printf(rq->arena, "%s: %s", _("History"), title));
    html_elem(&h, "h1", arena_printf(rq->arena, "%s: %s", _("History"), title));
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the page"), "href", back, NULL);
    html_close(&h, "p");
    if (n == 0)
        html_elem(&h, "p", _("Nothing has changed yet."));
    else
        html_open(&h, "ol", "class", "history", NULL);
    for (i = 0; i < n; i++) {
        const struct audit_entry *e = &list[i];
        const char *name;
        enum history_staff kind;

        rc = history_who(rq->db, rq->arena, e->who, staff_mission, &name, &kind);
        if (rc)
            return rc;
        html_open(&h, "li", NULL);
        html_open(&h, "p", NULL);
        html_elem(&h, "strong", fmt_date_unix(rq, e->at));
        html_text(&h, " ");
        html_text(&h, entity_label(e->entity));
        html_text(&h, ": ");
        html_text(&h, action_label(e->action));
        /* a value is named by its key: its period and breakdown as published */
        if (strcmp(e->entity, "observation") == 0 && !str_empty(e->detail)) {
            html_text(&h, " ");
            html_elem_attr(&h, "span", e->detail, "class", "key", NULL);
        }
        if (name != NULL) {
            html_text(&h, ", ");
            html_text(&h, name);
            html_text(&h, " (");
            html_text(&h, kind == HISTORY_ADMIN ? _("administrator") : _("coordinator"));
            html_text(&h, ")");
        }
        if (show_who && !str_empty(e->who)) {
            html_text(&h, " – ");
            html_elem_attr(&h, "span", e->who, "class", "who", NULL);
        }
        html_close(&h, "p");
        changes_list(rq, &h, e->entity, e->changes);
        html_close(&h, "li");
    }
    if (n > 0)
        html_close(&h, "ol");
    layout_pager(rq, &h, pg.page, pg.pages,
                 pg.page > 1 ? url_paged(rq, path, pg.page - 1, NULL) : NULL,
                 pg.page < pg.pages ? url_paged(rq, path, pg.page + 1, NULL) : NULL);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_mission_history(struct req *rq)
{
    struct authz_scope scope = {0};
    struct mission m;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    scope.mission_id = m.id;
    return history_page(rq, L(rq, m.title_sv, m.title_en), url_mission(rq, m.slug), NULL, 0, m.id,
                        m.id, req_offers(rq, AUTHZ_MISSION_EDIT, &scope),
                        arena_printf(rq->arena, "/missions/%s/history", m.slug));
}

enum err
page_initiative_history(struct req *rq)
{
    struct authz_scope scope = {0};
    struct initiative n;
    enum err rc;
    bool hidden;

    rc = initiative_get(rq->db, rq->arena, req_int(rq, "id", 0), &n);
    if (rc == ERR_OK)
        rc = proposal_is_hidden(rq->db, n.id, &hidden);
    if (rc)
        return rc;
    if (hidden)
        return ERR_NOTFOUND; /* a proposal under review or declined is on no public page */
    scope.mission_id = n.mission_id;
    return history_page(rq, L(rq, n.title_sv, n.title_en), url_initiative(rq, n.id), "initiative",
                        n.id, 0, n.mission_id, req_offers(rq, AUTHZ_MISSION_EDIT, &scope),
                        arena_printf(rq->arena, "/initiatives/%lld/history", (long long)n.id));
}
