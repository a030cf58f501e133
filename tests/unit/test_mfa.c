/*
 * test_mfa.c — the second factor and password resets (domain/mfa.c, domain/reset.c) at
 * the domain level: enrolment and its first code, re-enrolment only with the password
 * (SECURITY.md item 13), a code accepted one step either side of now and no further, no
 * code used twice, recovery codes single use, a pending sign-in that dies after 5 wrong
 * codes or 5 minutes, wrong codes throttled as failed sign-ins, SECURITY.md item 6 (no
 * session for an admin or a coordinator without the second factor, by either sign-in
 * function), and reset links: single use, one hour, an unknown address indistinguishable.
 * On SQLite, and on PostgreSQL when tests/run-all.sh has started its throwaway cluster
 * (there the accounts carry a random suffix, as in test_user.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "both.h"
#include "core/log.h"
#include "domain/mfa.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/reset.h"
#include "domain/user.h"
#include "tap.h"

#define PW BOTH_PW
#define IP "192.0.2.10"

/* The code of a base32 secret at a step, as text. */
static const char *
code_at(char out[8], const char *secret, int64_t step)
{
    unsigned char key[TOTP_KEY_MAX];
    size_t n;

    if (base32_decode(secret, key, sizeof(key), &n) != ERR_OK)
        return "";
    snprintf(out, 8, "%06u", hotp(key, n, (uint64_t)step, TOTP_DIGITS));
    return out;
}

/* Whether token is a live session's. */
static bool
is_session(struct db *db, const char *token, int64_t now)
{
    struct user_session s;

    return user_session_find(db, token, now, USER_SESSION_IDLE, &s) == ERR_OK;
}

/* ----------------------------------------------------------------- enrolment */

static void
test_enrol(struct db *db, int64_t now)
{
    char email[128], secret[TOTP_SECRET_LEN], again[TOTP_SECRET_LEN], c[8], tok[USER_TOKEN_LEN],
        pending[USER_TOKEN_LEN], old[MFA_RECOVERY_LEN];
    struct mfa_recovery rec;
    struct write_error e;
    enum mfa_step step;
    int64_t uid, got, retry, left;
    const int64_t s = totp_step(now);
    bool on;
    int i, k, distinct = 1;

    uid = both_account(db, both_address(email, sizeof(email), "enrol"), NULL, "Test Person", NULL,
                       now);
    ok(uid > 0, "%s: an account", backend);
    is_int(mfa_sign_in(db, email, PW, IP, now, tok, &got, &retry, &step), ERR_OK,
           "an account without a second factor that needs none signs in with its password");
    ok(step == MFA_STEP_DONE && is_session(db, tok, now), "  and gets a session at once");
    is_int(mfa_enrol_begin(db, uid, NULL, now, secret, &e), ERR_OK, "enrolment begins");
    is_int((int64_t)strlen(secret), TOTP_SECRET_LEN - 1, "  a 20-byte secret, 32 base32 chars");
    is_int(mfa_enabled(db, uid, &on), ERR_OK, "mfa_enabled answers");
    ok(!on, "  not enabled before its first code");
    is_int(mfa_enrol_begin(db, uid, NULL, now, again, &e), ERR_OK,
           "beginning again replaces an unconfirmed secret");
    ok(strcmp(secret, again) != 0, "  with a new one");
    code_at(c, secret, s);
    is_int(mfa_enrol_confirm(db, uid, c, now, &rec, &e), ERR_INVALID,
           "the replaced secret's code does not confirm");
    ok(strcmp(e.field, "code") == 0, "  naming code");
    memcpy(secret, again, sizeof(secret));
    is_int(mfa_enrol_confirm(db, uid, code_at(c, secret, s), now, &rec, &e), ERR_OK,
           "the current secret's code confirms the enrolment");
    mfa_enabled(db, uid, &on);
    ok(on, "  which is now enabled");
    for (i = 0; i < MFA_RECOVERY_N; i++) {
        ok(strlen(rec.code[i]) == MFA_RECOVERY_LEN - 1 && rec.code[i][5] == '-' &&
               strspn(rec.code[i], MFA_RECOVERY_ALPHABET "-") == MFA_RECOVERY_LEN - 1,
           "recovery code %d is XXXXX-XXXXX from the alphabet", i + 1);
        for (k = 0; k < i; k++)
            if (strcmp(rec.code[i], rec.code[k]) == 0)
                distinct = 0;
    }
    ok(distinct, "  all 10 differ");
    mfa_recovery_left(db, uid, &left);
    is_int(left, MFA_RECOVERY_N, "  and 10 are stored (as hashes)");
    is_int(mfa_enrol_confirm(db, uid, code_at(c, secret, s + 1), now, &rec, &e), ERR_NOTFOUND,
           "confirming again, with nothing in progress, is ERR_NOTFOUND");

    /* item 13: a secret in force is replaced only with the password */
    is_int(mfa_enrol_begin(db, uid, NULL, now, again, &e), ERR_INVALID,
           "re-enrolment without the password is refused (item 13)");
    ok(strcmp(e.field, "current_password") == 0, "  naming current_password");
    is_int(mfa_enrol_begin(db, uid, "not the password", now, again, &e), ERR_INVALID,
           "  and with a wrong password");
    is_int(mfa_enrol_begin(db, uid, PW, now, again, &e), ERR_OK, "  and allowed with it");
    is_int(mfa_sign_in(db, email, PW, IP, now + 60, pending, &got, &retry, &step), ERR_OK,
           "until its first code, the old secret stays in force:");
    is_int(mfa_complete(db, pending, code_at(c, secret, s + 2), IP, now + 60, tok, &got, &retry,
                        &on, &rec),
           ERR_OK, "  the old secret's code signs in");
    is_int(mfa_enrol_confirm(db, uid, code_at(c, again, s + 3), now + 90, &rec, &e), ERR_OK,
           "the new secret's first code confirms it");
    mfa_sign_in(db, email, PW, IP, now + 120, pending, &got, &retry, &step);
    is_int(mfa_complete(db, pending, code_at(c, secret, s + 4), IP, now + 120, tok, &got, &retry,
                        &on, &rec),
           ERR_INVALID, "  and the old secret's codes no longer work");
    mfa_sign_in(db, email, PW, IP, now + 120, pending, &got, &retry, &step);
    is_int(mfa_complete(db, pending, code_at(c, again, s + 4), IP, now + 120, tok, &got, &retry,
                        &on, &rec),
           ERR_OK, "  the new one's do");

    /* new recovery codes: with the password only; the old ones stop working */
    mfa_recovery_left(db, uid, &left);
    is_int(mfa_recovery_new(db, uid, "not the password", now + 130, &rec, &e), ERR_INVALID,
           "new recovery codes need the password (item 13)");
    ok(strcmp(e.field, "current_password") == 0, "  naming current_password");
    is_int(mfa_recovery_left(db, uid, &got), ERR_OK, "  and nothing changed:");
    is_int(got, left, "  the same codes left");
    memcpy(old, rec.code[0], MFA_RECOVERY_LEN); /* an old code, kept for the check below */
    is_int(mfa_recovery_new(db, uid, PW, now + 130, &rec, &e), ERR_OK, "  and are made with it");
    mfa_recovery_left(db, uid, &left);
    is_int(left, MFA_RECOVERY_N, "  10 of them");
    ok(strcmp(rec.code[0], old) != 0, "  new ones");
    mfa_sign_in(db, email, PW, IP, now + 140, pending, &got, &retry, &step);
    is_int(mfa_complete(db, pending, old, IP, now + 140, tok, &got, &retry, &on, &rec), ERR_INVALID,
           "  an old recovery code no longer signs in");

    is_int(mfa_disable(db, uid, "not the password", now + 150, &e), ERR_INVALID,
           "removing the second factor needs the password (item 13)");
    is_int(mfa_disable(db, uid, PW, now + 150, &e), ERR_OK, "  and is done with it");
    is_int(mfa_sign_in(db, email, PW, IP, now + 150, tok, &got, &retry, &step), ERR_OK,
           "then the password alone signs in again");
    ok(step == MFA_STEP_DONE && is_session(db, tok, now + 150), "  with a session");
    is_int(mfa_recovery_new(db, uid, PW, now + 160, &rec, &e), ERR_NOTFOUND,
           "without a second factor there are no recovery codes to renew");
}

/* ------------------------------------------------- codes at sign-in: window, replay */

/* A new account with a confirmed secret (into secret) and its recovery codes. */
static int64_t
enrolled(struct db *db, const char *email, int64_t now, char secret[TOTP_SECRET_LEN],
         struct mfa_recovery *rec)
{
    struct write_error e;
    char c[8];
    int64_t uid = both_account(db, email, NULL, "Test Person", NULL, now);

    if (uid == 0 || mfa_enrol_begin(db, uid, NULL, now, secret, &e) != ERR_OK ||
        mfa_enrol_confirm(db, uid, code_at(c, secret, totp_step(now) - 1), now, rec, &e) != ERR_OK)
        return 0;
    return uid;
}

/* Sign in with the password, then with code at now: the result of mfa_complete. */
static enum err
two_steps(struct db *db, const char *email, const char *code, int64_t now, char session[])
{
    char pending[USER_TOKEN_LEN];
    struct mfa_recovery rec;
    enum mfa_step step;
    int64_t uid, retry;
    bool enrolled_now;
    enum err rc;

    session[0] = '\0';
    rc = mfa_sign_in(db, email, PW, IP, now, pending, &uid, &retry, &step);
    if (rc)
        return rc;
    if (step != MFA_STEP_CODE)
        return ERR__MAX;
    return mfa_complete(db, pending, code, IP, now, session, &uid, &retry, &enrolled_now, &rec);
}

static void
test_codes(struct db *db, int64_t now)
{
    char email[128], secret[TOTP_SECRET_LEN], c[8], tok[USER_TOKEN_LEN], pending[USER_TOKEN_LEN];
    struct mfa_recovery rec, none;
    enum mfa_step step;
    int64_t uid, got, retry, left;
    const int64_t s = totp_step(now);
    bool enr;

    uid = enrolled(db, both_address(email, sizeof(email), "codes"), now, secret, &rec);
    ok(uid > 0, "%s: an account with a confirmed second factor", backend);
    is_int(mfa_sign_in(db, email, PW, IP, now, pending, &got, &retry, &step), ERR_OK,
           "its password is right");
    ok(step == MFA_STEP_CODE, "  and a code is asked for");
    ok(!is_session(db, pending, now), "  the pending token is no session");
    is_int(mfa_pending_get(db, pending, now, &got, &step), ERR_OK,
           "  it is a live pending sign-in");
    ok(got == uid && step == MFA_STEP_CODE, "  of the account, waiting for a code");
    is_int(user_sign_in(db, email, PW, IP, now, tok, &got, &retry), ERR_CONFLICT,
           "user_sign_in gives such an account no session (ERR_CONFLICT)");
    ok(tok[0] == '\0', "  and no token");
    is_int(
        mfa_complete(db, pending, code_at(c, secret, s), IP, now, tok, &got, &retry, &enr, &none),
        ERR_OK, "the code of now's step completes the sign-in");
    ok(got == uid && is_session(db, tok, now) && !enr, "  with a session of the account");
    is_int(mfa_complete(db, pending, code_at(c, secret, s + 1), IP, now, tok, &got, &retry, &enr,
                        &none),
           ERR_NOTFOUND, "  the pending sign-in is used up");
    is_int(two_steps(db, email, code_at(c, secret, s), now, tok), ERR_INVALID,
           "the same code again is refused (no replay)");
    is_int(two_steps(db, email, code_at(c, secret, s - 1), now, tok), ERR_INVALID,
           "  and so is the previous step's, though in the window");
    is_int(two_steps(db, email, code_at(c, secret, s + 1), now, tok), ERR_OK,
           "the next step's code is accepted (window +1)");
    ok(is_session(db, tok, now), "  with a session");
    is_int(two_steps(db, email, code_at(c, secret, s + 3), now, tok), ERR_INVALID,
           "a code two steps after the last one used but 3 after now is refused");
    is_int(two_steps(db, email, code_at(c, secret, s + 2), now + 30, tok), ERR_OK,
           "a code of the step before now's is accepted (window -1)");
    is_int(two_steps(db, email, code_at(c, secret, s + 3), now + 150, tok), ERR_INVALID,
           "a code two steps before now's is refused");

    is_int(two_steps(db, email, rec.code[0], now + 160, tok), ERR_OK,
           "a recovery code stands in for a code");
    ok(is_session(db, tok, now + 160), "  with a session");
    is_int(two_steps(db, email, rec.code[0], now + 160, tok), ERR_INVALID,
           "  once only: the same recovery code again is refused");
    {
        char typed[16];
        size_t i, j = 0;

        for (i = 0; rec.code[1][i] != '\0'; i++)
            if (rec.code[1][i] != '-')
                typed[j++] = (char)(rec.code[1][i] >= 'A' && rec.code[1][i] <= 'Z'
                                        ? rec.code[1][i] - 'A' + 'a'
                                        : rec.code[1][i]);
        typed[j] = '\0';
        is_int(two_steps(db, email, typed, now + 160, tok), ERR_OK,
               "another one typed in lower case without its dash works");
    }
    mfa_recovery_left(db, uid, &left);
    is_int(left, MFA_RECOVERY_N - 2, "  and 8 are left");
}

/* ---------------------------------------------- the pending sign-in's limits */

static void
test_pending(struct db *db, int64_t now)
{
    char email[128], secret[TOTP_SECRET_LEN], c[8], tok[USER_TOKEN_LEN], pending[USER_TOKEN_LEN];
    struct mfa_recovery rec;
    enum mfa_step step;
    int64_t uid, got, retry;
    const int64_t s = totp_step(now);
    bool enr;
    int i, n_invalid = 0;
    enum err rc;

    uid = enrolled(db, both_address(email, sizeof(email), "pending"), now, secret, &rec);
    ok(uid > 0, "%s: an account with a second factor", backend);
    mfa_sign_in(db, email, PW, IP, now, pending, &got, &retry, &step);
    for (i = 0; i < MFA_PENDING_ATTEMPTS; i++)
        if (mfa_complete(db, pending, "000000", IP, now, tok, &got, &retry, &enr, &rec) ==
            ERR_INVALID)
            n_invalid++;
    is_int(n_invalid, MFA_PENDING_ATTEMPTS, "five wrong codes are each ERR_INVALID");
    is_int(mfa_complete(db, pending, code_at(c, secret, s), IP, now, tok, &got, &retry, &enr, &rec),
           ERR_NOTFOUND, "  and then the right one finds no pending sign-in: it died");
    ok(tok[0] == '\0', "  no session");

    mfa_sign_in(db, email, PW, IP, now, pending, &got, &retry, &step);
    is_int(mfa_complete(db, pending, code_at(c, secret, s + totp_step(MFA_PENDING_TTL)), IP,
                        now + MFA_PENDING_TTL, tok, &got, &retry, &enr, &rec),
           ERR_NOTFOUND, "a pending sign-in is dead 5 minutes after the password");
    mfa_sign_in(db, email, PW, IP, now, pending, &got, &retry, &step);
    is_int(mfa_complete(db, pending, code_at(c, secret, totp_step(now + MFA_PENDING_TTL - 1)), IP,
                        now + MFA_PENDING_TTL - 1, tok, &got, &retry, &enr, &rec),
           ERR_OK, "  and alive a second before");

    /* wrong codes are failed sign-ins of the account: 25 in the window throttle it */
    for (i = 0; i < USER_FAIL_ACCOUNT / MFA_PENDING_ATTEMPTS; i++) {
        mfa_sign_in(db, email, PW, IP, now + 400, pending, &got, &retry, &step);
        while (mfa_complete(db, pending, "999999", IP, now + 400, tok, &got, &retry, &enr, &rec) ==
               ERR_INVALID)
            ;
    }
    rc = mfa_sign_in(db, email, PW, IP, now + 401, pending, &got, &retry, &step);
    is_int(rc, ERR_LIMIT, "after 25 wrong codes the account's sign-in is throttled (item 3)");
    ok(retry > 0 && retry <= USER_FAIL_WINDOW + 1, "  with a wait of at most 15 minutes");
    is_int(mfa_sign_in(db, email, PW, IP, now + 400 + USER_FAIL_WINDOW + 1, pending, &got, &retry,
                       &step),
           ERR_OK, "  which ends when the window passes");
}

/* ---------------------------------------------------------------- item 6 */

static void
test_required(struct db *db, int64_t now)
{
    char email[128], email2[128], slug[64], secret[TOTP_SECRET_LEN], c[8], tok[USER_TOKEN_LEN],
        pending[USER_TOKEN_LEN];
    struct mfa_recovery rec;
    struct write_error e;
    enum mfa_step step;
    struct mission_new m = {0};
    int64_t uid, cid, mid = 0, got, retry;
    const int64_t s = totp_step(now);
    bool req, enr;

    uid = both_account(db, both_address(email, sizeof(email), "admin"), "admin", "Test Person",
                       NULL, now);
    ok(uid > 0, "%s: an admin account without a second factor", backend);
    mfa_required(db, uid, &req);
    ok(req, "  must have one");
    is_int(user_sign_in(db, email, PW, IP, now, tok, &got, &retry), ERR_CONFLICT,
           "user_sign_in gives it no session (item 6)");
    ok(tok[0] == '\0', "  no token");
    is_int(mfa_sign_in(db, email, PW, IP, now, pending, &got, &retry, &step), ERR_OK,
           "mfa_sign_in takes its password");
    ok(step == MFA_STEP_ENROL && !is_session(db, pending, now),
       "  and asks for an enrolment, with no session (item 6)");
    is_int(mfa_complete(db, pending, "123456", IP, now, tok, &got, &retry, &enr, &rec), ERR_INVALID,
           "  no code completes it before a secret exists");
    is_int(mfa_pending_enrol(db, pending, now, secret), ERR_OK, "  the pending sign-in enrols");
    is_int(mfa_complete(db, pending, code_at(c, secret, s), IP, now, tok, &got, &retry, &enr, &rec),
           ERR_OK, "  and the first code completes the sign-in");
    ok(enr && is_session(db, tok, now) && strlen(rec.code[9]) == MFA_RECOVERY_LEN - 1,
       "  confirming the secret, with a session and recovery codes");
    is_int(mfa_disable(db, uid, PW, now, &e), ERR_CONFLICT,
           "an admin cannot remove the second factor");
    mfa_sign_in(db, email, PW, IP, now, pending, &got, &retry, &step);
    ok(step == MFA_STEP_CODE, "next time a code is asked for");
    is_int(mfa_pending_enrol(db, pending, now, secret), ERR_CONFLICT,
           "  and the pending sign-in can no longer replace the secret");

    /* a coordinator of any mission */
    snprintf(slug, sizeof(slug), "mfa-test-%s", suffix);
    m.slug = slug;
    m.title_sv = m.title_en = m.goal_sv = m.goal_en = "Test";
    m.deadline = "2030-12-31";
    m.start_year = 2024;
    m.status = "active";
    cid = both_account(db, both_address(email2, sizeof(email2), "coord"), NULL, "Test Person", NULL,
                       now);
    ok(db_begin(db) == ERR_OK && mission_create(db, &m, "test", &mid, &e) == ERR_OK &&
           user_coordinator_add(db, cid, mid, "test") == ERR_OK && db_commit(db) == ERR_OK,
       "an account becomes a mission's coordinator");
    mfa_required(db, cid, &req);
    ok(req, "  and must have a second factor");
    is_int(user_sign_in(db, email2, PW, IP, now, tok, &got, &retry), ERR_CONFLICT,
           "  user_sign_in gives it no session (item 6)");
    mfa_sign_in(db, email2, PW, IP, now, pending, &got, &retry, &step);
    ok(step == MFA_STEP_ENROL && !is_session(db, pending, now),
       "  mfa_sign_in asks for its enrolment, with no session");

    /* the secret `samverka user add` prints, confirmed at the first sign-in */
    ok(db_begin(db) == ERR_OK && mfa_enrol_new(db, cid, now, secret) == ERR_OK &&
           db_commit(db) == ERR_OK,
       "a secret given out beforehand (user add)");
    is_int(mfa_complete(db, pending, code_at(c, secret, s), IP, now, tok, &got, &retry, &enr, &rec),
           ERR_OK, "  is confirmed by the first code at sign-in");
    ok(enr && is_session(db, tok, now), "  with a session");
}

/* ------------------------------------------------------------- password reset */

/* Messages queued to an address, and the reset token of the last one (after the path). */
static int
queued(struct db *db, const char *to, char token[USER_TOKEN_LEN])
{
    struct db_stmt *st = db_stmt(db, Q_COPY_MAIL_QUEUE_GET);
    const char *p;
    int n = 0;
    bool row;

    token[0] = '\0';
    if (st == NULL)
        return -1;
    while (db_step(st, &row) == ERR_OK && row)
        if (strcmp(db_text(st, 1), to) == 0) {
            n++;
            p = strstr(db_text(st, 3), RESET_PATH);
            if (p != NULL)
                snprintf(token, USER_TOKEN_LEN, "%s", p + strlen(RESET_PATH));
        }
    db_done(st);
    return n;
}

/* Rows in password_reset (all accounts). */
static int
resets(struct db *db)
{
    struct db_stmt *st = db_stmt(db, Q_COPY_PASSWORD_RESET_GET);
    int n = 0;
    bool row;

    if (st == NULL)
        return -1;
    while (db_step(st, &row) == ERR_OK && row)
        n++;
    db_done(st);
    return n;
}

static void
test_reset(struct db *db, int64_t now)
{
    static const char *const base = "http://127.0.0.1:8080";
    char email[128], unknown[128], tok[USER_TOKEN_LEN], session[USER_TOKEN_LEN],
        first[USER_TOKEN_LEN];
    struct write_error e;
    int64_t uid, got, retry;
    int before;
    enum err known_rc, unknown_rc;

    uid = both_account(db, both_address(email, sizeof(email), "reset"), NULL, "Test Person", NULL,
                       now);
    ok(uid > 0, "%s: an account", backend);
    user_sign_in(db, email, PW, IP, now, session, &got, &retry);
    both_address(unknown, sizeof(unknown), "nobody");
    before = resets(db);
    unknown_rc = reset_request(db, unknown, base, "Reset", "Open %s\n", now);
    is_int(queued(db, unknown, tok), 0, "a reset for an unknown address queues nothing");
    is_int(resets(db), before, "  and stores no token");
    known_rc = reset_request(db, email, base, "Reset", "Open %s within an hour.\n", now);
    is_int(known_rc, unknown_rc, "  the caller gets the same answer as for a known address");
    is_int(queued(db, email, tok), 1, "a reset for a known address queues one message");
    is_int((int64_t)strlen(tok), USER_TOKEN_LEN - 1, "  with a 128-bit token in the link");
    is_int(resets(db), before + 1, "  whose hash is stored");
    is_int(reset_request(db, email, base, "Reset", "no link here", now), ERR_INVALID,
           "a body without %s is the caller's mistake");
    is_int(reset_request(db, unknown, base, "Reset", "%s %s", now), ERR_INVALID,
           "  so is one with two (whatever the address)");
    is_int(reset_request(db, email, "javascript:alert(1)", "Reset", "%s", now), ERR_INVALID,
           "  and a base URL that is not http(s)");

    is_int(reset_complete(db, tok, "short", now + 10, &e), ERR_INVALID,
           "a too short new password is refused");
    ok(strcmp(e.field, "password") == 0, "  naming password");
    is_int(reset_complete(db, tok, "a brand new password", now + 10, &e), ERR_OK,
           "the link sets a new password");
    ok(!is_session(db, session, now + 11), "  and ends the account's sessions");
    is_int(user_sign_in(db, email, PW, IP, now + 12, session, &got, &retry), ERR_NOTFOUND,
           "  the old password no longer signs in");
    is_int(user_sign_in(db, email, "a brand new password", IP, now + 12, session, &got, &retry),
           ERR_OK, "  the new one does");
    is_int(reset_complete(db, tok, "another new password", now + 20, &e), ERR_NOTFOUND,
           "the link works once only");

    reset_request(db, email, base, "Reset", "%s", now + 100);
    queued(db, email, first);
    reset_request(db, email, base, "Reset", "%s", now + 101);
    queued(db, email, tok);
    is_int(reset_complete(db, first, "a brand new password 2", now + 100 + RESET_TTL, &e),
           ERR_NOTFOUND, "a link is dead an hour after it was asked for");
    is_int(reset_complete(db, tok, "a brand new password 2", now + 100 + RESET_TTL, &e), ERR_OK,
           "  and alive a second before");
    is_int(reset_complete(db, first, "a brand new password 3", now + 102, &e), ERR_NOTFOUND,
           "using one link ends the account's other open links");

    is_int(reset_request(db, email, base, "Reset", "%s", now + 200), ERR_OK,
           "a fourth request within the hour answers the same");
    is_int(queued(db, email, tok), RESET_PER_HOUR, "  but sends nothing (3 an hour at most)");

    user_disable(db, uid, "test", now + 300);
    before = queued(db, email, tok);
    is_int(reset_request(db, email, base, "Reset", "%s", now + 5000), ERR_OK,
           "a reset for a disabled account answers the same");
    is_int(queued(db, email, tok), before, "  and queues nothing");
}

static void
test_all(struct db *db)
{
    int64_t now = (int64_t)time(NULL);

    test_enrol(db, now);
    test_codes(db, now);
    test_pending(db, now);
    test_required(db, now);
    test_reset(db, now);
}

int
main(void)
{
    return both_main("mfa", test_all);
}
