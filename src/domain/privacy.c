/*
 * privacy.c — a user's personal data: gathered for the account (privacy_load), a deletion
 * asked for (privacy_ask) and carried out by an admin (privacy_carry_out). See privacy.h.
 *
 * Never: delete a row others point to (the person and the account stay, anonymised), keep
 * the address anywhere once a deletion is carried out, send the admins anything but the
 * caller's text.
 */
#include "domain/privacy.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/seclog.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/load.h"
#include "domain/mail.h"
#include "domain/mission.h"
#include "domain/user.h"

/* "user:ID": how the audit log names an account by id (roles.c and token.c do the same). */
static void
user_who(char buf[48], int64_t user_id)
{
    snprintf(buf, 48, "user:%lld", (long long)user_id);
}

/* ------------------------------------------------------------------ what is held */

static void
audit_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct privacy_audit *r = item;

    r->id = db_i64(st, 0);
    r->at = db_i64(st, 1);
    r->action = ld_str(st, 2, a);
    r->entity = ld_str(st, 3, a);
    r->entity_id = db_null(st, 4) ? 0 : db_i64(st, 4);
}

static void
step_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct privacy_step *r = item;

    r->initiative_id = db_i64(st, 0);
    r->at = db_i64(st, 1);
    r->title_sv = ld_str(st, 2, a);
    r->title_en = ld_str(st, 3, a);
    r->action = ld_str(st, 4, a);
    r->comment = ld_str(st, 5, a);
}

/* The account's proposals and the steps it took on any (privacy_load's last part). */
static enum err
load_proposals(struct db *db, struct arena *a, int64_t user_id, struct privacy_data *out)
{
    struct page pg = {PRIVACY_MAX_PROPOSALS, 0};
    struct db_stmt *st;
    enum err rc;

    rc = proposal_list_mine(db, a, user_id, &pg, &out->proposals, &out->n_proposals,
                            &out->proposals_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PRIVACY_STEPS_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    rc = ld_count(st, &out->steps_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PRIVACY_STEPS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    return ld_rows(st, a, sizeof(*out->steps), step_row, &out->steps, &out->n_steps);
}

enum err
privacy_load(struct db *db, struct arena *a, int64_t user_id, int64_t now, struct privacy_data *out)
{
    char key[WRITE_MAX_LINE + 1], who[48];
    struct db_stmt *st;
    bool row = false;
    enum err rc;

    memset(out, 0, sizeof(*out));
    out->user_id = user_id;
    st = db_stmt(db, Q_PRIVACY_ACCOUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        out->email = ld_str(st, 0, a);
        out->status = ld_str(st, 1, a);
        out->role = ld_str(st, 2, a);
        out->created_at = db_i64(st, 3);
        out->person_id = db_i64(st, 4);
        out->name = ld_str(st, 5, a);
        out->title_sv = ld_str(st, 6, a);
        out->title_en = ld_str(st, 7, a);
        out->person_email = ld_text(st, 8, a);
        out->phone = ld_text(st, 9, a);
        out->actor = ld_text(st, 10, a);
    }
    db_done(st);
    if (rc)
        return rc;
    if (!row)
        return ERR_NOTFOUND;
    rc = roles_of(db, a, user_id, &out->missions, &out->n_missions, &out->actors, &out->n_actors);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PRIVACY_SESSIONS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    db_bind_i64(st, 2, now);
    rc = ld_count(st, &out->sessions);
    if (rc == ERR_OK)
        rc = user_token_list(db, a, user_id, &out->tokens, &out->n_tokens);
    if (rc)
        return rc;
    /* the account's email_key: the audit log's "who" of its sign-ins is compared so */
    str_ascii_lower(key, sizeof(key), out->email);
    user_who(who, user_id);
    st = db_stmt(db, Q_PRIVACY_AUDIT_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, who);
    rc = ld_count(st, &out->audit_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PRIVACY_AUDIT);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, who);
    rc = ld_rows(st, a, sizeof(*out->audit), audit_row, &out->audit, &out->n_audit);
    if (rc == ERR_OK)
        rc = load_proposals(db, a, user_id, out);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PRIVACY_OPEN);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    row = false;
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        out->deletion_asked_at = db_i64(st, 1);
    db_done(st);
    return rc;
}

/* ------------------------------------------------------------------ asking */

enum err
privacy_ask(struct db *db, int64_t user_id, const char *subject, const char *body, int64_t now)
{
    struct db_stmt *st;
    struct arena a;
    const char **admins = NULL;
    char who[48];
    bool row = false;
    int n = 0, cap = 0, i;
    enum err rc;

    arena_init(&a);
    rc = db_begin(db);
    if (rc)
        goto done;
    st = db_stmt(db, Q_PRIVACY_ASK);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, user_id);
    db_bind_i64(st, 2, now);
    rc = db_step(st, &row);
    db_done(st);
    if (rc == ERR_OK && !row)
        rc = ERR_CONFLICT; /* one open already */
    if (rc)
        goto out;
    st = db_stmt(db, Q_PRIVACY_ADMINS);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        admins = ld_grow(&a, admins, n, &cap, sizeof(*admins));
        admins[n++] = db_text_dup(st, 0, &a);
    }
    db_done(st);
    for (i = 0; rc == ERR_OK && i < n; i++)
        rc = mail_enqueue(db, admins[i], subject, body, (time_t)now, NULL);
    user_who(who, user_id);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "deletion-request", "user_account", user_id, 0, NULL);
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc)
        db_rollback(db);
done:
    arena_free(&a);
    return rc;
}

static void
request_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct deletion_request *r = item;

    r->id = db_i64(st, 0);
    r->user_id = db_i64(st, 1);
    r->created_at = db_i64(st, 2);
    r->email = ld_str(st, 3, a);
    r->name = ld_str(st, 4, a);
}

enum err
privacy_requests(struct db *db, struct arena *a, struct deletion_request **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_PRIVACY_REQUESTS);

    *out = NULL;
    *out_n = 0;
    if (st == NULL)
        return ERR_DB;
    return ld_rows(st, a, sizeof(**out), request_row, out, out_n);
}

/* ------------------------------------------------------------------ carrying it out */

/* Run q with $1 the account's id and, when has_now, $2 now. */
static enum err
run_user(struct db *db, enum q q, int64_t user_id, bool has_now, int64_t now)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, user_id);
    if (has_now)
        db_bind_i64(st, 2, now);
    return db_run(st);
}

/* Run q with $1 text. */
static enum err
run_text(struct db *db, enum q q, const char *s)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, s);
    return db_run(st);
}

/* Everything but the request itself, inside the transaction: see privacy.h. */
static enum err
erase(struct db *db, int64_t uid, const char *anon_name, int64_t now)
{
    struct arena a;
    struct privacy_data d;
    struct db_stmt *st;
    char key[WRITE_MAX_LINE + 1], who[48], gone[64];
    enum err rc;

    arena_init(&a);
    rc = privacy_load(db, &a, uid, now, &d);
    if (rc)
        goto out;
    str_ascii_lower(key, sizeof(key), d.email);
    user_who(who, uid);
    snprintf(gone, sizeof(gone), "deleted-%lld@invalid", (long long)uid);
    st = db_stmt(db, Q_PRIVACY_PERSON_ANON);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, d.person_id);
    db_bind_text(st, 2, anon_name);
    rc = db_run(st);
    if (rc)
        goto out;
    st = db_stmt(db, Q_PRIVACY_ACCOUNT_ANON);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, uid);
    db_bind_text(st, 2, gone);
    db_bind_i64(st, 3, now);
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = user_sessions_revoke_all(db, uid, now);
    if (rc == ERR_OK)
        rc = run_user(db, Q_USER_TOKENS_END, uid, true, now);
    if (rc == ERR_OK)
        rc = run_user(db, Q_RESET_USE_ALL, uid, true, now);
    if (rc == ERR_OK)
        rc = run_user(db, Q_TOTP_DELETE, uid, false, 0);
    if (rc == ERR_OK)
        rc = run_user(db, Q_RECOVERY_DELETE, uid, false, 0);
    if (rc == ERR_OK)
        rc = run_user(db, Q_PRIVACY_PENDING_DELETE, uid, false, 0);
    if (rc == ERR_OK)
        rc = run_user(db, Q_PRIVACY_COORDINATOR_DELETE, uid, false, 0);
    if (rc == ERR_OK)
        rc = run_user(db, Q_PRIVACY_REPRESENTATIVE_DELETE, uid, false, 0);
    if (rc == ERR_OK)
        rc = run_text(db, Q_PRIVACY_FAILURES_DELETE, key);
    if (rc == ERR_OK)
        rc = run_text(db, Q_PRIVACY_MAIL_DELETE, key);
    if (rc)
        goto out;
    st = db_stmt(db, Q_PRIVACY_AUDIT_ANON);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, who);
    rc = db_run(st);
    /* the address as given, and the person's own contact address, out of every entry */
    if (rc == ERR_OK)
        rc = run_text(db, Q_PRIVACY_AUDIT_SCRUB, d.email);
    if (rc == ERR_OK && d.person_email != NULL && *d.person_email)
        rc = run_text(db, Q_PRIVACY_AUDIT_SCRUB, d.person_email);
    if (rc == ERR_OK)
        rc = run_text(db, Q_PRIVACY_STEPS_SCRUB, d.email);
    if (rc == ERR_OK && d.person_email != NULL && *d.person_email)
        rc = run_text(db, Q_PRIVACY_STEPS_SCRUB, d.person_email);
    if (rc == ERR_OK)
        rc = run_text(db, Q_PRIVACY_MAIL_SCRUB, d.email);
    if (rc == ERR_OK && d.person_email != NULL && *d.person_email)
        rc = run_text(db, Q_PRIVACY_MAIL_SCRUB, d.person_email);
out:
    arena_free(&a);
    return rc;
}

enum err
privacy_carry_out(struct db *db, const struct who *by, int64_t user_id, const char *anon_name,
                  int64_t now, struct write_error *e)
{
    struct db_stmt *st;
    char who[48];
    int64_t uid = 0;
    bool row = false;
    enum err rc;

    if (!authz_allows(by, AUTHZ_ACCOUNT_DISABLE, NULL))
        return write_refuse(e, "by", "may not do this");
    if (user_id == by->user_id) /* an admin's own: another admin carries it out */
        return write_refuse(e, "user_id", "is the caller's own account");
    if (anon_name == NULL || *anon_name == '\0' || strlen(anon_name) > WRITE_MAX_LINE)
        return write_refuse(e, "anon_name", "is not a name");
    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PRIVACY_REQUEST_TAKE);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, user_id);
    db_bind_i64(st, 2, now);
    if (by->user_id != 0)
        db_bind_i64(st, 3, by->user_id);
    else
        db_bind_null(st, 3);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        uid = db_i64(st, 0);
    db_done(st);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        rc = erase(db, uid, anon_name, now);
    if (by->user_id != 0)
        user_who(who, by->user_id);
    else
        snprintf(who, sizeof(who), "api_token:%lld", (long long)by->token_id);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "erase", "user_account", uid, 0, NULL);
    if (rc == ERR_OK)
        rc = mission_counts_refresh(db);
    if (rc == ERR_OK)
        rc = db_commit(db);
out:
    if (rc) {
        db_rollback(db);
        return rc;
    }
    seclog_event(now, "account.erase", uid, NULL, NULL, &SECLOG_STR("by", who), 1);
    return ERR_OK;
}
