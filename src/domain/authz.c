/*
 * authz.c — the authorization table and the caller's facts (see authz.h).
 *
 * Never: grant from the request's own claims; the table is data, read by the tests and
 * the docs as well as by authz_allows.
 */
#include "domain/authz.h"

#include <assert.h>
#include <string.h>

#include "domain/load.h"
#include "domain/token.h"

#define A  AUTHZ_ADMIN
#define C  AUTHZ_COORDINATOR
#define AC AUTHZ_ANY_COORDINATOR
#define R  AUTHZ_REPRESENTATIVE
#define O  AUTHZ_OWNER
#define S  AUTHZ_SIGNED_IN
#define P  AUTHZ_PUBLIC
/* what a rule's write touches (authz_touches) */
#define NOT AUTHZ_TOUCHES_NOTHING
#define MIS AUTHZ_TOUCHES_MISSION
#define ALL AUTHZ_TOUCHES_ALL

/* The decisions and their reasons are in authz.h; docs/security.md shows this as a matrix. */
const struct authz_rule authz_rules[] = {
    {AUTHZ_MISSION_CREATE, "mission.create", A, ALL},
    {AUTHZ_MISSION_EDIT, "mission.edit", A | C, ALL},
    {AUTHZ_MISSION_ARCHIVE, "mission.archive", A, ALL},
    {AUTHZ_MISSION_SDG, "mission.sdg", A | C, MIS},
    {AUTHZ_OBJECTIVE_CREATE, "objective.create", A | C, MIS},
    {AUTHZ_OBJECTIVE_EDIT, "objective.edit", A | C, MIS},
    {AUTHZ_OBJECTIVE_ARCHIVE, "objective.archive", A | C, MIS},
    {AUTHZ_INDICATOR_CREATE, "indicator.create", A | C, MIS},
    {AUTHZ_INDICATOR_EDIT, "indicator.edit", A | C, MIS},
    {AUTHZ_INDICATOR_SETTINGS, "indicator.settings", A | C, MIS},
    {AUTHZ_INDICATOR_ARCHIVE, "indicator.archive", A | C, MIS},
    {AUTHZ_OBSERVATION_WRITE, "observation.write", A | C, MIS},
    {AUTHZ_TEAM_EDIT, "team.edit", A | C, MIS},
    {AUTHZ_ACTOR_CREATE, "actor.create", A | AC, ALL},
    {AUTHZ_ACTOR_EDIT, "actor.edit", A | AC | R, ALL},
    {AUTHZ_ACTOR_ARCHIVE, "actor.archive", A | AC, ALL},
    {AUTHZ_PERSON_CREATE, "person.create", A | AC | R, ALL},
    {AUTHZ_PERSON_EDIT, "person.edit", A | AC | O, ALL},
    {AUTHZ_PERSON_ARCHIVE, "person.archive", A | AC, ALL},
    {AUTHZ_INITIATIVE_CREATE, "initiative.create", A | C, MIS},
    {AUTHZ_INITIATIVE_EDIT, "initiative.edit", A | C | R, MIS},
    {AUTHZ_INITIATIVE_ARCHIVE, "initiative.archive", A | C, MIS},
    {AUTHZ_PROPOSAL_SUBMIT, "proposal.submit", R, MIS},
    {AUTHZ_PROPOSAL_EDIT, "proposal.edit", O, MIS},
    {AUTHZ_PROPOSAL_REVIEW, "proposal.review", A | C, MIS},
    {AUTHZ_COORDINATOR_ASSIGN, "coordinator.assign", A, ALL},
    {AUTHZ_COORDINATOR_REMOVE, "coordinator.remove", A, ALL},
    {AUTHZ_REPRESENTATIVE_REQUEST, "representative.request", O, ALL},
    {AUTHZ_REPRESENTATIVE_CONFIRM, "representative.confirm", A | AC, ALL},
    {AUTHZ_REPRESENTATIVE_REVOKE, "representative.revoke", A | AC | O, ALL},
    {AUTHZ_ADMIN_GRANT, "admin.grant", A, ALL},
    {AUTHZ_ADMIN_REVOKE, "admin.revoke", A, ALL},
    {AUTHZ_ACCOUNT_CREATE, "account.create", P, NOT},
    {AUTHZ_ACCOUNT_RESET, "account.reset", P, NOT},
    {AUTHZ_ACCOUNT_DISABLE, "account.disable", A, ALL},
    {AUTHZ_ACCOUNT_SETTINGS, "account.settings", O, NOT},
    {AUTHZ_SESSION_CREATE, "session.create", P, NOT},
    {AUTHZ_SESSION_END, "session.end", S, NOT},
    {AUTHZ_TOKEN_CREATE, "token.create", O, NOT},
    {AUTHZ_TOKEN_REVOKE, "token.revoke", O, NOT},
    {AUTHZ_SITE_EDIT, "site.edit", A, ALL},
    /* a commitment shows on its mission's pages, its actor's page and the platform's
     * network: more than its mission's content */
    {AUTHZ_COMMITMENT_CREATE, "commitment.create", A | C | R, ALL},
    {AUTHZ_COMMITMENT_EDIT, "commitment.edit", A | C | R, ALL},
    {AUTHZ_COMMITMENT_STATUS, "commitment.status", A | C | R, ALL},
    {AUTHZ_COMMITMENT_CONFIRM, "commitment.confirm", A | C, ALL},
    {AUTHZ_DIALOGUE_CREATE, "dialogue.create", A | C, ALL},
    {AUTHZ_DIALOGUE_EDIT, "dialogue.edit", A | C, ALL},
    /* the learning log and the portfolio reviews show on their mission's pages alone */
    {AUTHZ_LEARNING_CREATE, "learning.create", A | C, MIS},
    {AUTHZ_LEARNING_EDIT, "learning.edit", A | C, MIS},
    {AUTHZ_REVIEW_CREATE, "review.create", A | C, MIS},
    {AUTHZ_REVIEW_EDIT, "review.edit", A | C, MIS},
    {AUTHZ_SEMINAR_CREATE, "seminar.create", A | C, MIS},
    {AUTHZ_SEMINAR_EDIT, "seminar.edit", A | C, MIS},
    /* attendance shows on the actors' pages and the network: more than the mission's */
    {AUTHZ_SEMINAR_ATTENDANCE, "seminar.attendance", A | C, ALL},
    {AUTHZ_SEMINAR_REGISTER, "seminar.register", P, MIS},
    {AUTHZ_SEMINAR_UNREGISTER, "seminar.unregister", P, MIS},
};
const int authz_n_rules = (int)(sizeof(authz_rules) / sizeof(authz_rules[0]));

_Static_assert(sizeof(authz_rules) / sizeof(authz_rules[0]) == AUTHZ__MAX, "one rule per action");

#undef A
#undef C
#undef AC
#undef R
#undef O
#undef S
#undef P

/* Whether id is in the ascending array v of n. */
static bool
has_id(const int64_t *v, int n, int64_t id)
{
    int lo = 0, hi = n - 1, mid;

    while (lo <= hi) {
        mid = lo + (hi - lo) / 2;
        if (v[mid] == id)
            return true;
        if (v[mid] < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return false;
}

bool
authz_allows(const struct who *w, enum authz_action action, const struct authz_scope *scope)
{
    static const struct authz_scope none;
    unsigned r;

    if ((unsigned)action >= AUTHZ__MAX)
        return false;
    if (scope == NULL)
        scope = &none;
    assert(authz_rules[action].action == action);
    r = authz_rules[action].roles;
    if (r & AUTHZ_PUBLIC)
        return true;
    if ((r & AUTHZ_SIGNED_IN) && w->user_id != 0)
        return true;
    if ((r & AUTHZ_ADMIN) && w->is_admin)
        return true;
    if ((r & AUTHZ_ANY_COORDINATOR) && w->live_coordinator)
        return true;
    if ((r & AUTHZ_COORDINATOR) && scope->mission_id != 0 &&
        has_id(w->missions, w->n_missions, scope->mission_id))
        return true;
    if ((r & AUTHZ_REPRESENTATIVE) && scope->actor_id != 0 &&
        has_id(w->actors, w->n_actors, scope->actor_id))
        return true;
    return (r & AUTHZ_OWNER) && w->user_id != 0 && scope->owner_user_id == w->user_id;
}

enum authz_touches
authz_touches(enum authz_action action)
{
    if ((unsigned)action >= AUTHZ__MAX)
        return AUTHZ_TOUCHES_ALL;
    return authz_rules[action].touches;
}

const char *
authz_name(enum authz_action action)
{
    if ((unsigned)action >= AUTHZ__MAX)
        return NULL;
    return authz_rules[action].name;
}

enum authz_action
authz_by_name(const char *name)
{
    int i;

    for (i = 0; name != NULL && i < authz_n_rules; i++)
        if (strcmp(authz_rules[i].name, name) == 0)
            return authz_rules[i].action;
    return AUTHZ__MAX;
}

void
authz_who_public(struct who *out)
{
    memset(out, 0, sizeof(*out));
}

/* The ids of one list of links (missions or actors) of user_id, at most max. */
static enum err
load_ids(struct db *db, struct arena *a, enum q q, int64_t user_id, int max, const int64_t **out,
         int *out_n)
{
    int64_t *v = NULL;
    enum err rc;

    rc = ld_rows_id(db, q, user_id, a, sizeof(int64_t), ld_i64_row, &v, out_n);
    if (rc == ERR_OK && *out_n > max)
        rc = ERR_LIMIT;
    *out = v;
    return rc;
}

enum err
authz_who_load(struct db *db, struct arena *a, int64_t user_id, struct who *out)
{
    struct db_stmt *st;
    enum err rc;
    bool row = false, admin = false;

    authz_who_public(out);
    st = db_stmt(db, Q_AUTHZ_WHO_USER);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        admin = strcmp(db_text(st, 0), "admin") == 0;
    db_done(st);
    if (rc)
        return rc;
    if (!row)
        return ERR_NOTFOUND;
    rc = load_ids(db, a, Q_AUTHZ_WHO_MISSIONS, user_id, AUTHZ_MAX_MISSIONS, &out->missions,
                  &out->n_missions);
    if (rc == ERR_OK)
        rc = load_ids(db, a, Q_AUTHZ_WHO_ACTORS, user_id, AUTHZ_MAX_ACTORS, &out->actors,
                      &out->n_actors);
    if (rc == ERR_OK && out->n_missions > 0) {
        int64_t live = 0;

        st = db_stmt(db, Q_AUTHZ_WHO_LIVE);
        if (st == NULL) {
            rc = ERR_DB;
        } else {
            db_bind_i64(st, 1, user_id);
            rc = ld_count(st, &live);
        }
        out->live_coordinator = live > 0;
    }
    if (rc) {
        /* never half a caller: on any failure, the public */
        authz_who_public(out);
        return rc;
    }
    out->user_id = user_id;
    out->is_admin = admin;
    return ERR_OK;
}

void
authz_who_legacy(struct arena *a, const struct api_client *c, struct who *out)
{
    int64_t *m;

    authz_who_public(out);
    out->token_id = c->token_id;
    if (c->role == NULL)
        return;
    if (strcmp(c->role, "admin") == 0) {
        out->is_admin = true;
    } else if (strcmp(c->role, "coordinator") == 0 && c->mission_id != 0) {
        m = arena_alloc(a, sizeof(*m));
        *m = c->mission_id;
        out->missions = m;
        out->n_missions = 1;
        out->live_coordinator = true;
    }
}
