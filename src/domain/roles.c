/*
 * roles.c — coordinators, representatives and admins (see roles.h).
 *
 * Every change goes through change(): the caller's check against the table, the input's
 * checks, one transaction with the step, the sessions to end and the audit entry, and
 * after the commit the security event. Never: change a role without ending the
 * sessions roles.h says, or log an event for a change that was not committed.
 */
#include "domain/roles.h"

#include <stdio.h>
#include <string.h>

#include "core/seclog.h"
#include "domain/audit.h"
#include "domain/load.h"
#include "domain/user.h"

/* The audit log's name for the caller: its account, or its legacy token. */
static const char *
by_name(char buf[48], const struct who *by)
{
    if (by->user_id != 0)
        snprintf(buf, 48, "user:%lld", (long long)by->user_id);
    else
        snprintf(buf, 48, "api_token:%lld", (long long)by->token_id);
    return buf;
}

/* Whether account id exists and is active (refused naming user_id otherwise); its global
 * role in is_admin. */
static enum err
account_active(struct db *db, int64_t id, bool *is_admin, struct write_error *e)
{
    struct db_stmt *st = db_stmt(db, Q_ROLES_ACCOUNT);
    bool row = false, active = false;
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        *is_admin = strcmp(db_text(st, 0), "admin") == 0;
        active = strcmp(db_text(st, 1), "active") == 0;
    }
    db_done(st);
    if (rc == ERR_OK && !active)
        rc = write_refuse(e, "user_id", "names no active account");
    return rc;
}

/* ERR_CONFLICT, saying why in e. */
static enum err
conflict(struct write_error *e, const char *field, const char *msg)
{
    write_refuse(e, field, msg);
    return ERR_CONFLICT;
}

/* Run st (bound) and say whether it returned a row (changed one). */
static enum err
changed(struct db_stmt *st, bool *out)
{
    enum err rc;

    *out = false;
    rc = db_step(st, out);
    db_done(st);
    return rc;
}

/* The step of act on user_id's roles, inside the transaction; *out_privilege says whether
 * it changed what user_id may do. */
static enum err
step(struct db *db, const struct who *by, enum authz_action act, int64_t user_id,
     int64_t mission_id, int64_t actor_id, bool is_admin, int64_t now, bool *out_privilege,
     struct write_error *e)
{
    struct db_stmt *st;
    int64_t admins = 0;
    enum err rc;
    bool row = false;
    char state[16] = "";

    *out_privilege = true;
    switch (act) {
    case AUTHZ_COORDINATOR_ASSIGN:
    case AUTHZ_COORDINATOR_REMOVE:
        st = db_stmt(db, act == AUTHZ_COORDINATOR_ASSIGN ? Q_ROLES_COORDINATOR_ADD
                                                         : Q_ROLES_COORDINATOR_REMOVE);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, user_id);
        db_bind_i64(st, 2, mission_id);
        rc = changed(st, &row);
        if (rc || row)
            return rc;
        if (act == AUTHZ_COORDINATOR_ASSIGN)
            return conflict(e, "user_id", "is a coordinator of the mission already");
        return ERR_NOTFOUND;
    case AUTHZ_REPRESENTATIVE_REQUEST:
        *out_privilege = false;
        st = db_stmt(db, Q_ROLES_REPRESENTATIVE_REQUEST);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, user_id);
        db_bind_i64(st, 2, actor_id);
        rc = changed(st, &row);
        if (rc == ERR_OK && !row)
            rc = conflict(e, "actor_id", "is represented or asked for already");
        return rc;
    case AUTHZ_REPRESENTATIVE_CONFIRM:
        st = db_stmt(db, Q_ROLES_REPRESENTATIVE_STATE);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, user_id);
        db_bind_i64(st, 2, actor_id);
        rc = db_step(st, &row);
        if (rc == ERR_OK && row)
            snprintf(state, sizeof(state), "%s", db_text(st, 0));
        db_done(st);
        if (rc)
            return rc;
        if (!row)
            return ERR_NOTFOUND;
        if (strcmp(state, "confirmed") == 0)
            return conflict(e, "actor_id", "is represented by the account already");
        st = db_stmt(db, Q_ROLES_REPRESENTATIVE_CONFIRM);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, user_id);
        db_bind_i64(st, 2, actor_id);
        write_bind_id(st, 3, by->user_id);
        db_bind_i64(st, 4, now);
        return db_run(st);
    case AUTHZ_REPRESENTATIVE_REVOKE:
        st = db_stmt(db, Q_ROLES_REPRESENTATIVE_REVOKE);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, user_id);
        db_bind_i64(st, 2, actor_id);
        rc = db_step(st, &row);
        if (rc == ERR_OK && row)
            snprintf(state, sizeof(state), "%s", db_text(st, 0));
        db_done(st);
        if (rc == ERR_OK && !row)
            rc = ERR_NOTFOUND;
        /* a request withdrawn or refused took no rights away */
        *out_privilege = strcmp(state, "confirmed") == 0;
        return rc;
    case AUTHZ_ADMIN_GRANT:
    case AUTHZ_ADMIN_REVOKE:
        if (act == AUTHZ_ADMIN_GRANT && is_admin)
            return conflict(e, "user_id", "is an admin already");
        if (act == AUTHZ_ADMIN_REVOKE && !is_admin)
            return ERR_NOTFOUND;
        if (act == AUTHZ_ADMIN_REVOKE) {
            st = db_stmt(db, Q_ROLES_ADMINS);
            if (st == NULL)
                return ERR_DB;
            rc = ld_count(st, &admins);
            if (rc)
                return rc;
            if (admins <= 1)
                return conflict(e, "user_id", "is the last admin");
        }
        st = db_stmt(db, Q_ROLES_SET_ROLE);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, user_id);
        db_bind_text(st, 2, act == AUTHZ_ADMIN_GRANT ? "admin" : "none");
        db_bind_i64(st, 3, now);
        return db_run(st);
    default:
        return ERR_INVALID;
    }
}

/* End user_id's sessions at a change of its roles, but the caller's own (roles.h). */
static enum err
sessions_end(struct db *db, const struct who *by, int64_t user_id, int64_t now)
{
    struct db_stmt *st = db_stmt(db, Q_ROLES_SESSIONS_END);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    db_bind_i64(st, 2, now);
    db_bind_i64(st, 3, by->user_id == user_id ? by->session_id : 0);
    return db_run(st);
}

/* End user_id's API tokens when it gains a right (roles.h). */
static enum err
tokens_end(struct db *db, int64_t user_id, int64_t now)
{
    struct db_stmt *st = db_stmt(db, Q_USER_TOKENS_END);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    db_bind_i64(st, 2, now);
    return db_run(st);
}

static enum err
change(struct db *db, const struct who *by, enum authz_action act, int64_t user_id,
       int64_t mission_id, int64_t actor_id, int64_t now, struct write_error *e)
{
    struct authz_scope scope = {
        .mission_id = mission_id, .actor_id = actor_id, .owner_user_id = user_id};
    struct seclog_field f[5];
    char who[48], detail[48];
    bool is_admin = false, privilege = false;
    enum err rc;
    int n = 0;

    if (!authz_allows(by, act, &scope))
        return write_refuse(e, "by", "may not do this");
    if (act == AUTHZ_REPRESENTATIVE_CONFIRM && user_id == by->user_id)
        return write_refuse(e, "by", "may not confirm its own request");
    rc = db_begin(db);
    if (rc)
        return rc;
    rc = account_active(db, user_id, &is_admin, e);
    if (rc == ERR_OK && mission_id != 0)
        rc = write_ref_id(db, e, "mission_id", Q_MISSION_EXISTS, mission_id, true,
                          "names no mission");
    if (rc == ERR_OK && actor_id != 0)
        rc = write_ref_id(db, e, "actor_id", Q_ACTOR_EXISTS, actor_id, true, "names no actor");
    if (rc == ERR_OK)
        rc = step(db, by, act, user_id, mission_id, actor_id, is_admin, now, &privilege, e);
    if (rc == ERR_OK && privilege)
        rc = sessions_end(db, by, user_id, now);
    if (rc == ERR_OK && privilege &&
        (act == AUTHZ_REPRESENTATIVE_CONFIRM || act == AUTHZ_COORDINATOR_ASSIGN ||
         act == AUTHZ_ADMIN_GRANT))
        rc = tokens_end(db, user_id, now);
    if (rc == ERR_OK) {
        if (actor_id != 0)
            snprintf(detail, sizeof(detail), "actor:%lld", (long long)actor_id);
        else
            detail[0] = '\0';
        rc = audit_add(db, by_name(who, by), authz_name(act), "user_account", user_id, mission_id,
                       detail);
    }
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    f[n++] = SECLOG_STR("change", authz_name(act));
    f[n++] = SECLOG_INT("target", user_id);
    if (mission_id != 0)
        f[n++] = SECLOG_INT("mission", mission_id);
    if (actor_id != 0)
        f[n++] = SECLOG_INT("actor", actor_id);
    if (by->user_id == 0)
        f[n++] = SECLOG_INT("token_id", by->token_id);
    seclog_event(now, "role.change", by->user_id, NULL, NULL, f, n);
    return ERR_OK;
}

enum err
roles_coordinator_add(struct db *db, const struct who *by, int64_t user_id, int64_t mission_id,
                      int64_t now, struct write_error *e)
{
    if (mission_id == 0)
        return write_refuse(e, "mission_id", "is required");
    return change(db, by, AUTHZ_COORDINATOR_ASSIGN, user_id, mission_id, 0, now, e);
}

enum err
roles_coordinator_remove(struct db *db, const struct who *by, int64_t user_id, int64_t mission_id,
                         int64_t now, struct write_error *e)
{
    if (mission_id == 0)
        return write_refuse(e, "mission_id", "is required");
    return change(db, by, AUTHZ_COORDINATOR_REMOVE, user_id, mission_id, 0, now, e);
}

enum err
roles_representative_request(struct db *db, const struct who *by, int64_t actor_id, int64_t now,
                             struct write_error *e)
{
    if (actor_id == 0)
        return write_refuse(e, "actor_id", "is required");
    return change(db, by, AUTHZ_REPRESENTATIVE_REQUEST, by->user_id, 0, actor_id, now, e);
}

enum err
roles_representative_confirm(struct db *db, const struct who *by, int64_t user_id, int64_t actor_id,
                             int64_t now, struct write_error *e)
{
    if (actor_id == 0)
        return write_refuse(e, "actor_id", "is required");
    return change(db, by, AUTHZ_REPRESENTATIVE_CONFIRM, user_id, 0, actor_id, now, e);
}

enum err
roles_representative_revoke(struct db *db, const struct who *by, int64_t user_id, int64_t actor_id,
                            int64_t now, struct write_error *e)
{
    if (actor_id == 0)
        return write_refuse(e, "actor_id", "is required");
    return change(db, by, AUTHZ_REPRESENTATIVE_REVOKE, user_id, 0, actor_id, now, e);
}

enum err
roles_admin_grant(struct db *db, const struct who *by, int64_t user_id, int64_t now,
                  struct write_error *e)
{
    return change(db, by, AUTHZ_ADMIN_GRANT, user_id, 0, 0, now, e);
}

enum err
roles_admin_revoke(struct db *db, const struct who *by, int64_t user_id, int64_t now,
                   struct write_error *e)
{
    return change(db, by, AUTHZ_ADMIN_REVOKE, user_id, 0, 0, now, e);
}

static void
request_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct representative_request *r = item;

    r->user_id = db_i64(st, 0);
    r->actor_id = db_i64(st, 1);
    r->email = ld_str(st, 2, a);
    r->actor_name = ld_str(st, 3, a);
}

enum err
roles_representative_requests(struct db *db, struct arena *a, struct representative_request **out,
                              int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_ROLES_REPRESENTATIVE_REQUESTS);

    if (st == NULL) {
        *out = NULL;
        *out_n = 0;
        return ERR_DB;
    }
    return ld_rows(st, a, sizeof(**out), request_row, out, out_n);
}

/* ------------------------------------------------------------------ an account's own */

static void
mission_role_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct held_role *r = item;

    r->is_coordinator = true;
    r->id = db_i64(st, 0);
    r->slug = ld_str(st, 1, a);
    r->name_sv = ld_str(st, 2, a);
    r->name_en = ld_str(st, 3, a);
    r->is_confirmed = true;
}

static void
actor_role_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct held_role *r = item;

    r->is_coordinator = false;
    r->id = db_i64(st, 0);
    r->name_sv = ld_str(st, 1, a);
    r->is_confirmed = strcmp(db_text(st, 2), "confirmed") == 0;
}

enum err
roles_of(struct db *db, struct arena *a, int64_t user_id, struct held_role **out_missions,
         int *out_nm, struct held_role **out_actors, int *out_na)
{
    struct db_stmt *st;
    enum err rc;

    *out_missions = *out_actors = NULL;
    *out_nm = *out_na = 0;
    st = db_stmt(db, Q_ROLES_OF_MISSIONS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    rc = ld_rows(st, a, sizeof(**out_missions), mission_role_row, out_missions, out_nm);
    if (rc)
        return rc;
    st = db_stmt(db, Q_ROLES_OF_ACTORS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    return ld_rows(st, a, sizeof(**out_actors), actor_role_row, out_actors, out_na);
}

/* ------------------------------------------------------------------ the admins' view */

static void
account_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct account_row *r = item;

    r->id = db_i64(st, 0);
    r->name = ld_str(st, 1, a);
    r->email = ld_str(st, 2, a);
    r->is_admin = strcmp(db_text(st, 3), "admin") == 0;
    r->is_active = strcmp(db_text(st, 4), "active") == 0;
    r->has_mfa = db_i64(st, 5) > 0;
    r->n_missions = db_i64(st, 6);
}

enum err
roles_accounts(struct db *db, struct arena *a, const struct page *pg, struct account_row **out,
               int *out_n, int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

    *out = NULL;
    *out_n = 0;
    st = db_stmt(db, Q_ROLES_ACCOUNTS_COUNT);
    if (st == NULL)
        return ERR_DB;
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_ROLES_ACCOUNTS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, pg->limit);
    db_bind_i64(st, 2, pg->offset);
    return ld_rows(st, a, sizeof(**out), account_row, out, out_n);
}

enum err
roles_account(struct db *db, struct arena *a, int64_t user_id, struct account_row *out)
{
    return ld_one_id(db, Q_ROLES_ACCOUNT_ONE, user_id, a, account_row, out);
}

enum err
roles_account_disable(struct db *db, const struct who *by, int64_t user_id, int64_t now,
                      struct write_error *e)
{
    struct authz_scope scope = {.owner_user_id = user_id};
    struct db_stmt *st;
    char who[48];
    bool is_admin = false;
    int64_t admins = 0;
    enum err rc;

    if (!authz_allows(by, AUTHZ_ACCOUNT_DISABLE, &scope))
        return write_refuse(e, "by", "may not do this");
    if (user_id == by->user_id)
        return conflict(e, "user_id", "is the caller's own account");
    rc = account_active(db, user_id, &is_admin, e);
    if (rc == ERR_INVALID)
        return ERR_NOTFOUND; /* no such account, or disabled already */
    if (rc)
        return rc;
    if (is_admin) {
        st = db_stmt(db, Q_ROLES_ADMINS);
        if (st == NULL)
            return ERR_DB;
        rc = ld_count(st, &admins);
        if (rc)
            return rc;
        if (admins <= 1)
            return conflict(e, "user_id", "is the last admin");
    }
    return user_disable(db, user_id, by_name(who, by), now);
}
