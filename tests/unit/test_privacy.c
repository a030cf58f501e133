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

#include "core/log.h"
#include "domain/audit.h"
#include "domain/authz.h"
#include "domain/person.h"
#include "domain/privacy.h"
#include "domain/roles.h"
#include "domain/token.h"
#include "domain/user.h"
#include "tap.h"

static const char *backend = "sqlite";
static char suffix[17];

#define PW "correct horse battery"

/* A new account (role NULL: none) with the given address; its id, 0 on failure. */
static int64_t
account(struct db *db, const char *email, const char *role, int64_t now)
{
    struct person_new p = {.name = "Pia Person"};
    struct user_new u = {0};
    struct write_error e;
    char hash[USER_HASH_LEN];
    int64_t pid = 0, uid = 0;

    if (user_password_hash(&e, "password", PW, hash) != ERR_OK || db_begin(db) != ERR_OK)
        return 0;
    u.email = email;
    u.password_hash = hash;
    u.role = role;
    if (person_create(db, &p, "test", &pid, &e) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    u.person_id = pid;
    if (user_create(db, &u, "test", now, &uid, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return uid;
}

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
    uid = account(db, email, NULL, now);
    admin = account(db, admin_email, "admin", now);
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
    const char *tmp = getenv("TMPDIR"), *dir, *port;
    struct db_opts o = {.create = true};
    char tdir[512], path[600], side[640], url[700];
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    struct db *db;
    size_t i;

    log_threshold = LOG_ERROR + 1;
    if (sodium_init() < 0)
        bail_out("sodium_init");
    snprintf(suffix, sizeof(suffix), "%u", (unsigned)randombytes_uniform(1000000) + 1);
    snprintf(tdir, sizeof(tdir), "%s/samverka-test-privacy.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(tdir) == NULL)
        bail_out("mkdtemp %s failed", tdir);
    snprintf(path, sizeof(path), "%s/t.db", tdir);
    if (db_open(path, &o, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK)
        bail_out("cannot create a database");
    test_all(db);
    db_close(db);
    for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        snprintf(side, sizeof(side), "%s%s", path, suffixes[i]);
        unlink(side);
    }
    rmdir(tdir);

    dir = getenv("SAMVERKA_TEST_PG_DIR");
    port = getenv("SAMVERKA_TEST_PG_PORT");
    if (dir == NULL || port == NULL) {
        diag("no PostgreSQL test cluster: the PostgreSQL checks run under tests/run-all.sh");
        return done_testing();
    }
    backend = "postgres";
    snprintf(url, sizeof(url), "postgres://samverka@/samverka?host=%s&port=%s", dir, port);
    if (!ok(db_open(url, NULL, &db) == ERR_OK, "postgres: connects to the test cluster"))
        return done_testing();
    if (db_migrate(db, NULL) != ERR_OK)
        bail_out("postgres: migrations do not apply");
    test_all(db);
    db_close(db);
    return done_testing();
}
