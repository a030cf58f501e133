/*
 * api_proposal.c — bottom-up proposals in the JSON API, the same steps as the forms
 * (page_proposal.c) over the same domain calls (domain/proposal.h):
 *
 *   POST  /api/v1/missions/{slug}/proposals     a representative proposes (201, Location)
 *   GET   /api/v1/missions/{slug}/proposals     the mission's proposals (its reviewers)
 *   GET   /api/v1/proposals                     the caller's own proposals
 *   GET   /api/v1/initiatives/{id}/proposal     one, with its steps (proposer, reviewers)
 *   PATCH /api/v1/initiatives/{id}/proposal     the proposer edits and sends it again
 *   POST  /api/v1/initiatives/{id}/review       a reviewer's decision, with a comment
 *
 * Each handler reads the mission or proposal from the path and the database, asks the
 * authorization table for the route's rule (proposal.submit, proposal.edit,
 * proposal.review) with the scope as stored (for a new proposal, the lead actor the body
 * names, which the table checks the caller represents) before it reads the rest of the
 * body, and writes only through the domain, which checks the state, writes the step, the
 * audit entry and the e-mails (their words: proposal_notice_for, as the forms') in one
 * transaction. A body is read as api_body.h reads one: an unknown member 400, a protected
 * one (status, state, mission, origin, ids, the proposer ...) 422 by name, a wrong value
 * 422 naming it; nothing changes on any refusal.
 *
 * Never: answer anything about a proposal before req_allow has (a proposal is private
 * until accepted), or show an e-mail address (the steps name people by name only).
 */
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/codes.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/proposal.h"
#include "web/api.h"
#include "web/api_body.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* ------------------------------------------------------------ the resources */

/* clang-format off */
#define T struct proposal
#define S struct proposal_step
static const struct res_field proposal_fields[] = {
    R_INT("id", T, initiative_id, 0, "The initiative's id"),
    R_STR("mission", T, mission_slug, 0, "Mission slug"),
    R_ENUM("state", T, state, &code_proposal_state, 0, "Where the review is"),
    R_TEXT("title", T, title_sv, title_en, NULL),
    R_OBJ_IF_ID("lead_actor", R_FIELDS(
        R_INT("id", T, lead_actor_id, 0, NULL),
        R_STR("name", T, lead_actor_name, RES_NULL, NULL)),
        T, lead_actor_id, RES_NULL, "The actor that proposes"),
    R_OBJ("proposer", R_FIELDS(
        R_STR("name", T, proposer_name, 0, "The proposing account's person")),
        0, NULL),
    R_INT("created_at", T, created_at, 0, "Unix time, seconds"),
    R_INT("updated_at", T, updated_at, 0, "Unix time of the latest step, seconds"),
    R_ARR("steps", T, steps, n_steps, S, R_ITEM_OBJ(R_FIELDS(
        R_INT("at", S, at, 0, "Unix time, seconds"),
        R_ENUM("action", S, action, &code_proposal_action, 0, NULL),
        R_STR("name", S, name, 0, "Who took the step"),
        R_STR("comment", S, comment, 0, "The reviewer's comment; empty if none"))),
        RES_ONE, "Every step, oldest first (single resource only)"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/initiatives/{id}/proposal", NULL,
               R_ARG_INT("id", T, initiative_id)),
        R_LINK("mission", "/api/v1/missions/{slug}", NULL, R_ARG_STR("slug", T, mission_slug))),
        0, NULL),
    R_END,
};
#undef S
#undef T

static const struct res_field proposal_write_fields[] = {
    R_DOC("title", RT_TEXT, RES_OPT, "Swedish required to propose; a half not given stays"),
    R_DOC("summary", RT_TEXT, RES_OPT, "The description (Markdown)"),
    R_DOC("lead_actor_id", RT_INT, RES_OPT,
          "The actor the caller represents and proposes for; required to propose (when the "
          "caller represents one actor only, that one), and cannot change"),
    R_DOC("start_date", RT_DATE, RES_OPT | RES_NULL, NULL),
    R_DOC("end_date", RT_DATE, RES_OPT | RES_NULL, "Not before the start date"),
    R_DOC("budget_sek", RT_INT, RES_OPT | RES_NULL, "Whole kronor"),
    R_DOC_ARR("actors", (&(const struct res_field){.type = RT_OBJ, .sub = R_FIELDS(
        R_DOC("id", RT_INT, 0, "The actor's id"),
        R_DOC_ENUM_EXCEPT("role", &code_initiative_role, "lead", RES_OPT,
                          "Default participant"))}),
              RES_OPT, "Taking part besides the lead actor, replacing those stored"),
    R_DOC_ARR("objective_ids", R_DOC_ITEM(RT_INT), RES_OPT, "Objectives of the mission"),
    R_DOC_ARR("sdg_targets", R_DOC_ITEM(RT_STR), RES_OPT, "SDG target codes"),
    R_END,
};

static const struct res_field review_fields[] = {
    R_DOC("decision", RT_STR, 0, "accept, changes (asks the proposer for changes) or decline"),
    R_DOC("comment", RT_STR, RES_OPT | RES_NULL,
          "Required to ask for changes or to decline; at most 4000 bytes"),
    R_END,
};
/* clang-format on */

static const struct resource proposal_res = {
    .name = "Proposal",
    .desc = "A bottom-up proposal: an initiative under review (private until accepted)",
    .fields = proposal_fields,
    .size = sizeof(struct proposal),
};

static const struct resource proposal_write_res = {
    .name = "ProposalWrite",
    .desc = "A proposal to make, or the members to change when sending it again; unknown "
            "members are refused, protected ones (status, state, mission, origin, ids ...) "
            "refused by name",
    .fields = proposal_write_fields,
};

static const struct resource review_res = {
    .name = "ReviewRequest",
    .desc = "A reviewer's decision on a proposal waiting for review",
    .fields = review_fields,
};

/* One page of the caller's own proposals, or (a slug in the path) of the mission's. */
static enum err
proposals_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    const struct principal *u;
    struct proposal *list = NULL;
    struct mission m;
    enum err rc;

    if (req_str(rq, "slug") != NULL) {
        rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
        if (rc == ERR_OK)
            rc = proposal_list_mission(rq->db, rq->arena, m.id, req_str(rq, "state"), pg, &list,
                                       out_n, out_total);
    } else {
        rc = req_principal(rq, &u);
        if (rc == ERR_OK)
            rc = proposal_list_mine(rq->db, rq->arena, u->user_id, pg, &list, out_n, out_total);
    }
    *out = list;
    return rc;
}

static const struct resource proposal_list_res = {
    .name = "ProposalList",
    .paged = &proposal_res,
    .load = proposals_load,
};

const struct resource *const api_proposal_resources[] = {&proposal_res, &proposal_list_res,
                                                         &proposal_write_res, &review_res, NULL};

/* ------------------------------------------------------------ shared steps */

/* The proposal of initiative id as read from db (the writer connection after a write). */
static enum err
respond(struct req *rq, struct db *db, int64_t id)
{
    struct proposal p;
    enum err rc;

    rc = proposal_get(db, rq->arena, id, &p);
    if (rc)
        return rc;
    return res_respond(rq, &proposal_res, &p);
}

/*
 * The proposal of the path and its mission, after asking the table for action on the scope
 * stored with the path's initiative (its mission, its lead actor, and its proposer when it
 * is a proposal), as the forms do: someone without the right is refused before anything is
 * said of the initiative; one that is no proposal is then ERR_NOTFOUND, as an unknown id.
 * or_action: a second rule that allows it as well (AUTHZ__MAX: none), asked first without
 * a refusal (a read: the proposer or a reviewer).
 */
static enum err
path_proposal(struct req *rq, enum authz_action action, enum authz_action or_action,
              struct proposal *p, struct mission *m)
{
    /* a write reads on the connection it writes on, a read on the request's */
    struct db *db = rq->wdb != NULL ? rq->wdb : rq->db;
    struct authz_scope scope = {0};
    struct initiative n;
    bool is_proposal = true;
    enum err rc;

    rc = initiative_get(db, rq->arena, req_int(rq, "id", 0), &n);
    if (rc)
        return rc;
    rc = proposal_get(db, rq->arena, n.id, p);
    if (rc == ERR_NOTFOUND) {
        is_proposal = false;
        rc = ERR_OK;
    }
    if (rc)
        return rc;
    scope.mission_id = n.mission_id;
    scope.actor_id = n.lead_actor_id;
    scope.owner_user_id = is_proposal ? p->proposer_id : 0;
    if (or_action == AUTHZ__MAX || !req_may(rq, or_action, &scope))
        rc = req_allow(rq, action, &scope);
    if (rc)
        return rc;
    if (!is_proposal)
        return ERR_NOTFOUND;
    return mission_get_id(db, rq->arena, p->mission_id, m);
}

/* Who acts: an account (a session, or a token of an account); a token of no account (the
 * legacy kind) takes no step of a proposal, which names the account that took it. */
static enum err
acting_account(struct req *rq, const struct principal **out)
{
    enum err rc;

    rc = req_principal(rq, out);
    if (rc)
        return rc;
    if ((*out)->user_id == 0)
        return req_refuse(rq, REFUSE_FORBIDDEN, NULL,
                          _("Only a signed-in account, or a token of one, takes part in "
                            "proposals."));
    return ERR_OK;
}

/* A step the proposal's state does not allow now: well-formed, allowed, but not to be done
 * (422 naming "state", as the forms refuse it); nothing changes. */
static enum err
not_now(struct req *rq, const char *state)
{
    return req_refuse(rq, REFUSE_UNPROCESSABLE, "state",
                      arena_printf(rq->arena, "is %s: this step is not possible now", state));
}

/* ------------------------------------------------------------ the proposal's body */

/* The input being built: the initiative, and the participants besides the lead actor
 * (joined after the lead when the body is read, whatever the members' order). */
struct proposal_body {
    struct initiative_new in;
    struct initiative_new others; /* only parts and n_parts */
};

/* Members of a proposal that only its steps set (besides api_body_protected's): refused by
 * name as protected, in a proposal's body and in a review's. */
static bool
is_step_protected(const char *key, const char **why)
{
    static const char *const own[] = {"status",   "state",       "mission", "slug",
                                      "proposer", "proposer_id", "steps",   NULL};
    int i;

    for (i = 0; own[i] != NULL; i++)
        if (strcmp(own[i], key) == 0) {
            *why = _("is protected: it cannot be set through the API");
            return true;
        }
    return false;
}

static enum api_member
proposal_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct proposal_body *b = ctx;
    struct initiative_new *in = &b->in;
    enum api_member a;
    int i;

    if (is_step_protected(key, why))
        return API_BAD;
    if (strcmp(key, "lead_actor_id") == 0) {
        *why = N_("must be the id of an actor you represent");
        return api_body_id(v, false, &in->lead_actor_id);
    }
    if (strcmp(key, "actors") == 0) {
        *why = N_("must be an array of {\"id\": actor id, \"role\": partner, funder or "
                  "co_financier}");
        b->others.n_parts = 0;
        a = api_body_parts(rq, v, &b->others, 0);
        for (i = 0; a == API_APPLIED && i < b->others.n_parts; i++)
            if (!code_is(&code_initiative_role, b->others.parts[i].role) ||
                strcmp(b->others.parts[i].role, "lead") == 0)
                a = API_BAD; /* the lead actor alone leads: the domain's rule for a
                              * proposal, said of the member that breaks it */
        return a;
    }
    return api_body_initiative_member(rq, in, key, v, why);
}

/* The initiative's actors as a proposal has them: the lead actor as lead, then the others
 * (as the form joins them). */
static void
join_parts(struct req *rq, struct proposal_body *b)
{
    struct initiative_part *all;
    int n = b->others.n_parts;

    if (b->in.lead_actor_id == 0) {
        b->in.parts = b->others.parts; /* refused for its missing lead before it is saved */
        b->in.n_parts = n;
        return;
    }
    all = arena_alloc(rq->arena, (size_t)(n + 1) * sizeof(*all));
    all[0].actor_id = b->in.lead_actor_id;
    all[0].role = "lead";
    if (n > 0)
        memcpy(all + 1, b->others.parts, (size_t)n * sizeof(*all));
    b->in.parts = all;
    b->in.n_parts = n + 1;
}

/* ------------------------------------------------------------ the handlers */

enum err
api_proposal_create(struct req *rq)
{
    struct authz_scope scope = {0};
    struct write_error we = {0};
    struct proposal_notice note;
    const struct principal *u;
    struct proposal_body b;
    struct mission m;
    int64_t id = 0;
    json_t *root, *lead;
    enum err rc;

    rc = mission_get(rq->wdb, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    rc = api_body_object(rq, &root);
    if (rc)
        return rc;
    /* the lead actor first: it is whom the caller proposes for (the rule's scope); a body
     * that names none is asked for one only of a caller who may propose at all */
    lead = json_object_get(root, "lead_actor_id");
    scope.mission_id = m.id;
    scope.actor_id = json_is_integer(lead) && json_integer_value(lead) > 0
                         ? json_integer_value(lead)
                         : req_first_actor(rq, AUTHZ_PROPOSAL_SUBMIT, m.id);
    rc = req_allow(rq, AUTHZ_PROPOSAL_SUBMIT, &scope);
    if (rc == ERR_OK && m.archived_at != 0)
        rc = ERR_NOTFOUND; /* an archived mission takes no proposals */
    if (rc == ERR_OK)
        rc = acting_account(rq, &u);
    memset(&b, 0, sizeof(b));
    if (rc == ERR_OK)
        rc = api_body_apply(rq, root, &b, proposal_member);
    json_decref(root);
    if (rc)
        return rc;
    if (b.in.lead_actor_id == 0)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "lead_actor_id",
                          "is required: the actor you represent and propose for");
    if (str_empty(b.in.title_sv))
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "title", "is required (its Swedish half)");
    b.in.mission_id = m.id;
    join_parts(rq, &b);
    proposal_notice_for(rq, &note, b.in.title_sv, L(rq, m.title_sv, m.title_en),
                        _("A new proposal waits for review."), NULL);
    rc = proposal_submit(rq->wdb, &b.in, u->user_id, u->name, (int64_t)time(NULL), &note, &id, &we);
    if (rc == ERR_INVALID)
        return api_body_refuse_write(rq, &we);
    if (rc == ERR_OK)
        rc = respond(rq, rq->wdb, id);
    if (rc)
        return rc;
    rq->resp.status = 201;
    return resp_header(rq, "Location",
                       arena_printf(rq->arena, "/api/v1/initiatives/%lld/proposal", (long long)id));
}

enum err
api_proposal_update(struct req *rq)
{
    struct write_error we = {0};
    struct proposal_notice note;
    const struct principal *u;
    struct initiative_part *others;
    struct proposal_body b;
    struct initiative n;
    struct proposal p;
    struct mission m;
    enum err rc;
    int i, k;

    rc = path_proposal(rq, AUTHZ_PROPOSAL_EDIT, AUTHZ__MAX, &p, &m);
    if (rc == ERR_OK)
        rc = acting_account(rq, &u);
    if (rc)
        return rc;
    if (strcmp(p.state, "changes_requested") != 0)
        return not_now(rq, p.state);
    rc = initiative_get(rq->wdb, rq->arena, p.initiative_id, &n);
    if (rc)
        return rc;
    /* the stored proposal, its participants besides the lead kept unless "actors" is given */
    memset(&b, 0, sizeof(b));
    api_body_from_initiative(rq, &n, &b.in);
    others = arena_alloc(rq->arena, (size_t)(n.n_actors + 1) * sizeof(*others));
    for (i = 0, k = 0; i < n.n_actors; i++) {
        if (n.actors[i].actor_id == n.lead_actor_id && strcmp(n.actors[i].role, "lead") == 0)
            continue;
        others[k].actor_id = n.actors[i].actor_id;
        others[k++].role = n.actors[i].role;
    }
    b.others.parts = others;
    b.others.n_parts = k;
    rc = api_body_read(rq, &b, proposal_member);
    if (rc)
        return rc;
    if (str_empty(b.in.title_sv))
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "title", "is required (its Swedish half)");
    b.in.mission_id = 0; /* the stored one: the domain keeps it */
    join_parts(rq, &b);
    proposal_notice_for(rq, &note, b.in.title_sv, L(rq, m.title_sv, m.title_en),
                        _("The proposal was edited and sent again for review."), NULL);
    rc = proposal_resubmit(rq->wdb, p.initiative_id, &b.in, u->user_id, u->name,
                           (int64_t)time(NULL), &note, &we);
    if (rc == ERR_CONFLICT)
        return not_now(rq, "no longer changes_requested");
    if (rc == ERR_INVALID)
        return api_body_refuse_write(rq, &we);
    if (rc)
        return rc;
    return respond(rq, rq->wdb, p.initiative_id);
}

/* The review's body: {"decision", "comment"}. */
struct review_body {
    const char *decision, *comment;
};

static enum api_member
review_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct review_body *b = ctx;

    if (is_step_protected(key, why))
        return API_BAD;
    if (strcmp(key, "decision") == 0) {
        *why = N_("must be accept, changes or decline");
        if (api_body_str(rq, v, false, &b->decision) != API_APPLIED)
            return API_BAD;
        return strcmp(b->decision, "accept") == 0 || strcmp(b->decision, "changes") == 0 ||
                       strcmp(b->decision, "decline") == 0
                   ? API_APPLIED
                   : API_BAD;
    }
    if (strcmp(key, "comment") == 0) {
        *why = N_("must be a text or null");
        return api_body_str(rq, v, true, &b->comment);
    }
    return API_UNKNOWN;
}

enum err
api_proposal_review(struct req *rq)
{
    struct review_body b = {0};
    struct write_error we = {0};
    struct proposal_notice note;
    const struct principal *u;
    enum proposal_decision d;
    struct proposal p;
    struct mission m;
    const char *said;
    enum err rc;

    rc = path_proposal(rq, AUTHZ_PROPOSAL_REVIEW, AUTHZ__MAX, &p, &m);
    if (rc == ERR_OK)
        rc = acting_account(rq, &u);
    if (rc == ERR_OK)
        rc = api_body_read(rq, &b, review_member);
    if (rc)
        return rc;
    if (b.decision == NULL)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "decision",
                          "is required: accept, changes or decline");
    if (strcmp(p.state, "submitted") != 0)
        return not_now(rq, p.state);
    d = strcmp(b.decision, "accept") == 0    ? PROPOSAL_ACCEPT
        : strcmp(b.decision, "changes") == 0 ? PROPOSAL_CHANGES
                                             : PROPOSAL_DECLINE;
    said = d == PROPOSAL_ACCEPT    ? _("The proposal was accepted.")
           : d == PROPOSAL_CHANGES ? _("Changes were asked for.")
                                   : _("The proposal was declined.");
    proposal_notice_for(rq, &note, L(rq, p.title_sv, p.title_en), L(rq, m.title_sv, m.title_en),
                        said, b.comment);
    rc = proposal_review(rq->wdb, p.initiative_id, d, b.comment, u->user_id, u->name,
                         (int64_t)time(NULL), &note, &we);
    if (rc == ERR_CONFLICT)
        return not_now(rq, "no longer submitted");
    if (rc == ERR_INVALID && we.field == NULL)
        /* the domain's check of the comment names it; a refusal without a field is none */
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "comment", "is not accepted");
    if (rc == ERR_INVALID)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, we.field,
                          we.msg != NULL ? we.msg : "is not accepted");
    if (rc)
        return rc;
    return respond(rq, rq->wdb, p.initiative_id);
}

enum err
api_proposal_get(struct req *rq)
{
    struct proposal p;
    struct mission m;
    enum err rc;

    /* the proposer (its edit rule names the owner) or a reviewer of its mission */
    rc = path_proposal(rq, AUTHZ_PROPOSAL_REVIEW, AUTHZ_PROPOSAL_EDIT, &p, &m);
    if (rc)
        return rc;
    return res_respond(rq, &proposal_res, &p);
}

enum err
api_mission_proposals(struct req *rq)
{
    struct authz_scope scope = {0};
    struct mission m;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    scope.mission_id = m.id;
    rc = req_allow(rq, AUTHZ_PROPOSAL_REVIEW, &scope);
    if (rc)
        return rc;
    return res_list(rq, &proposal_list_res);
}

enum err
api_proposals_mine(struct req *rq)
{
    const struct principal *u;
    enum err rc;

    rc = req_principal(rq, &u);
    if (rc)
        return rc;
    if (u->kind == PRINCIPAL_ANONYMOUS)
        return req_refuse(rq, REFUSE_SIGN_IN, NULL,
                          _("Sign in, or use an API token of your account."));
    rc = acting_account(rq, &u);
    if (rc)
        return rc;
    return res_list(rq, &proposal_list_res);
}
