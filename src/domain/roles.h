/*
 * roles.h — managing who holds which role: a mission's coordinators, an actor's
 * representatives (asked for by the user, confirmed by an admin or a coordinator) and
 * admins. What the account pages and the CLI call; authz.h says who may call what.
 *
 * Each function checks its caller (by) against the authorization table itself, as the
 * last line behind the route's own check, checks its whole input, then runs in a write
 * transaction of its own (so that the security event it logs, "role.change", is written
 * only once the change is committed) with an audit entry (who: "user:ID", or
 * "api_token:ID" for a legacy token).
 *
 * Sessions (SECURITY.md item 9, "new session id at privilege change"): when an account's
 * roles change, every session it has is ended in the same transaction, so it signs in
 * again and gets a new session id with its new rights. One exception: when the caller
 * changes its own roles (an admin making itself a coordinator, giving up admin, or
 * withdrawing as a representative), the session the change was made in (by->session_id)
 * is kept: the change is the caller's own act in that session, so it fixes no session an
 * attacker could have planted, and rights are read afresh at every request
 * (authz_who_load), so the session holds no stale privilege. The web layer may still
 * issue a new id for it. A request to represent an actor changes no rights and ends no
 * session.
 *
 * Tokens: when an account gains a right (a representation confirmed, a mission to
 * coordinate, admin), its API tokens are revoked in the same transaction: a token made
 * with fewer rights, perhaps before the role required a second factor, never carries the
 * new ones. The owner makes a new one. Losing a right revokes nothing (rights are read at
 * every request).
 *
 * No one confirms its own request to represent an actor, an admin included (someone else
 * vouches for it; an admin has every right a representative has without it). The last
 * active admin cannot give up admin, so that an installation always has one.
 *
 * Errors, for every function: ERR_INVALID with e (field "by" when the caller may not do
 * this; "user_id", "mission_id" or "actor_id" naming no active account, no mission, no
 * actor); ERR_CONFLICT (with e) when the role is held already, or it is the last admin;
 * ERR_NOTFOUND when there is no such role to remove, revoke or confirm; ERR_DB, ERR_BUSY.
 * Nothing is changed on any error.
 */
#ifndef DOMAIN_ROLES_H
#define DOMAIN_ROLES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "domain/authz.h"
#include "domain/paging.h"
#include "domain/write.h"

#define ROLES_MAX_REQUESTS 100 /* requests roles_representative_requests lists at most */

/* Make user_id a coordinator of mission_id; remove it. (Admins: coordinator.assign/remove.) */
enum err roles_coordinator_add(struct db *db, const struct who *by, int64_t user_id,
                               int64_t mission_id, int64_t now, struct write_error *e);
enum err roles_coordinator_remove(struct db *db, const struct who *by, int64_t user_id,
                                  int64_t mission_id, int64_t now, struct write_error *e);

/* The caller (signed in) asks to represent actor_id. */
enum err roles_representative_request(struct db *db, const struct who *by, int64_t actor_id,
                                      int64_t now, struct write_error *e);
/* Confirm user_id's request to represent actor_id. */
enum err roles_representative_confirm(struct db *db, const struct who *by, int64_t user_id,
                                      int64_t actor_id, int64_t now, struct write_error *e);
/* End user_id's representation of actor_id, or withdraw its request. */
enum err roles_representative_revoke(struct db *db, const struct who *by, int64_t user_id,
                                     int64_t actor_id, int64_t now, struct write_error *e);

/* Make user_id an admin; take admin from it. */
enum err roles_admin_grant(struct db *db, const struct who *by, int64_t user_id, int64_t now,
                           struct write_error *e);
enum err roles_admin_revoke(struct db *db, const struct who *by, int64_t user_id, int64_t now,
                            struct write_error *e);

/* A request to represent an actor, waiting for confirmation. */
struct representative_request {
    int64_t user_id, actor_id;
    const char *email;      /* the account's */
    const char *actor_name; /* the actor's */
};

/* The requests waiting, at most ROLES_MAX_REQUESTS by actor and account (in a), for the
 * confirmation queue of admins and coordinators. ERR_DB, ERR_BUSY. */
enum err roles_representative_requests(struct db *db, struct arena *a,
                                       struct representative_request **out, int *out_n);

/* A role an account holds: coordinator of a mission, or representative of an actor
 * (confirmed, or asked for and waiting). Strings in the caller's arena. */
struct held_role {
    bool is_coordinator; /* a mission's coordinator; else an actor's representative */
    int64_t id;          /* the mission's or the actor's */
    const char *slug;    /* the mission's; NULL for an actor */
    const char *name_sv; /* the mission's title, or the actor's name */
    const char *name_en; /* the mission's English title ("" when none); NULL for an actor */
    bool is_confirmed;   /* a representative's request confirmed (always for a coordinator) */
};

/* The missions account user_id coordinates and the actors it represents or has asked to
 * (requests included), each by name, at most AUTHZ_MAX_MISSIONS and AUTHZ_MAX_ACTORS, in
 * a: for the account's own page. ERR_DB, ERR_BUSY. */
enum err roles_of(struct db *db, struct arena *a, int64_t user_id, struct held_role **out_missions,
                  int *out_nm, struct held_role **out_actors, int *out_na);

/* An account as the admins' list shows it (strings in the caller's arena). */
struct account_row {
    int64_t id;
    const char *name;  /* its person's */
    const char *email; /* the account's (never public: admins only) */
    bool is_admin, is_active, has_mfa;
    int64_t n_missions; /* missions it coordinates */
};

/* One page of every account, by address, and the total. ERR_DB, ERR_BUSY. */
enum err roles_accounts(struct db *db, struct arena *a, const struct page *pg,
                        struct account_row **out, int *out_n, int64_t *out_total);
/* One account. ERR_NOTFOUND, ERR_DB, ERR_BUSY. */
enum err roles_account(struct db *db, struct arena *a, int64_t user_id, struct account_row *out);

/*
 * Disable account user_id (account.disable: admins), ending its sessions and so its tokens'
 * use (user_disable, its own transaction). ERR_INVALID naming "by" when the caller may not;
 * ERR_CONFLICT (with e) for the caller's own account or the last admin; ERR_NOTFOUND when
 * there is no such active account. ERR_DB, ERR_BUSY.
 */
enum err roles_account_disable(struct db *db, const struct who *by, int64_t user_id, int64_t now,
                               struct write_error *e);

#endif
