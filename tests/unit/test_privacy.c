/*
 * test_privacy.c — a user's personal data at the domain level (domain/privacy.c): what
 * privacy_load gathers, a deletion request recorded once and mailed to the admins, and an
 * admin carrying it out: the person anonymised, the account disabled without its address,
 * its sessions, tokens and roles ended, the audit log's entries naming it by id. On
 * SQLite, and on PostgreSQL when tests/run-all.sh has started its throwaway cluster (the
 * accounts carry a random suffix there, as in test_user.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "both.h"
#include "core/log.h"
#include "domain/audit.h"
#include "domain/authz.h"
#include "domain/person.h"
#include "domain/privacy.h"
#include "domain/roles.h"
#include "domain/token.h"
#include "domain/user.h"
#include "tap.h"

#define PW BOTH_PW

static void
test_all(struct db *db)
{
    char email[128], admin_email[128], token[TOKEN_LEN], session[USER_TOKEN_LEN];
    struct privacy_data d;
    struct deletion_request *rq;
    struct write_error e;
    struct user_session s;
    struct bearer b;
    struct who w_admin, w_user;
    struct user u;
    struct arena a;
    int64_t now = (int64_t)time(NULL), uid, admin, tid, sid, found_id = 0;
    int n, i;

    arena_init(&a);
    snprintf(email, sizeof(email), "Pia.%s@Example.org", suffix);
    snprintf(admin_email, sizeof(admin_email), "padmin.%s@example.org", suffix);
    uid = both_account(db, email, NULL, "Pia Person", NULL, now);
    admin = both_account(db, admin_email, "admin", "Pia Person", NULL, now);
    if (!ok(uid > 0 && admin > 0, "%s: an account and an admin", backend))
        goto out;
    ok(user_token_create(db, uid, "script", now, token, &tid, &e) == ERR_OK &&
           user_session_create(db, uid, now, session, &sid) == ERR_OK &&
           audit_add(db, email, "update", "person", 1, 0, email) == ERR_OK,
       "  with a token, a session and an audit entry made under its address");

    ok(privacy_load(db, &a, uid, now, &d) == ERR_OK, "%s: what is held about it", backend);
    ok(strcmp(d.email, email) == 0 && strcmp(d.name, "Pia Person") == 0, "  its address and name");
    is_int(d.sessions, 1, "  one live session");
    ok(d.n_tokens == 1 && strcmp(d.tokens[0].name, "script") == 0, "  its token, by name");
    ok(d.audit_total >= 2 && d.n_audit == d.audit_total, "  the audit entries it made (any case)");
    is_int(d.deletion_asked_at, 0, "  no deletion asked for yet");
    is_int(privacy_load(db, &a, 987654321, now, &d), ERR_NOTFOUND, "  an unknown account: none");

    ok(privacy_ask(db, uid, "Deletion", "Please.", now) == ERR_OK,
       "%s: a deletion request is recorded", backend);
    is_int(privacy_ask(db, uid, "Deletion", "Please.", now), ERR_CONFLICT, "  once only");
    privacy_load(db, &a, uid, now, &d);
    is_int(d.deletion_asked_at, now, "  the account's data says so");
    is_int(privacy_requests(db, &a, &rq, &n), ERR_OK, "  the admins' list");
    for (i = 0; i < n; i++)
        if (rq[i].user_id == uid && strcmp(rq[i].email, email) == 0)
            found_id = rq[i].id;
    ok(found_id > 0, "  holds it, with the address");

    ok(authz_who_load(db, &a, uid, &w_user) == ERR_OK &&
           authz_who_load(db, &a, admin, &w_admin) == ERR_OK,
       "the callers' facts");
    ok(privacy_carry_out(db, &w_user, uid, "Deleted user", now, &e) == ERR_INVALID,
       "%s: only an admin carries it out", backend);
    is_int(privacy_carry_out(db, &w_admin, uid, "", now, &e), ERR_INVALID,
           "  with a name for the person");
    ok(privacy_carry_out(db, &w_admin, uid, "Deleted user", now, &e) == ERR_OK,
       "%s: an admin carries it out", backend);
    ok(user_get(db, &a, uid, &u) == ERR_OK && strcmp(u.status, "disabled") == 0 &&
           strstr(u.email, "@invalid") != NULL && strstr(u.email, "Pia") == NULL,
       "  the account is disabled, without its address");
    ok(user_find_active(db, email, &tid) == ERR_NOTFOUND, "  the address finds no account");
    ok(user_session_peek(db, session, now, &s) == ERR_NOTFOUND, "  its session has ended");
    ok(token_resolve(db, &a, token, &b) == ERR_NOTFOUND, "  its token no longer works");
    is_int(privacy_load(db, &a, uid, now, &d), ERR_OK, "  what is held now:");
    ok(strcmp(d.name, "Deleted user") == 0 && d.person_email == NULL && d.phone == NULL,
       "  the person has no name and no contact details");
    ok(d.audit_total >= 3, "  the audit entries are kept, naming the account by id");
    is_int(d.deletion_asked_at, 0, "  and the request is done");
    ok(privacy_carry_out(db, &w_admin, uid, "Deleted user", now, &e) == ERR_NOTFOUND,
       "%s: a request carried out is not open", backend);
out:
    arena_free(&a);
}

int
main(void)
{
    return both_main("privacy", test_all);
}
