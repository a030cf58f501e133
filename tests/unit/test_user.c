/*
 * test_user.c — accounts and sessions (domain/user.c) against SECURITY.md's checklist, at
 * the domain level: 1 (argon2id, its parameters, unique salts), 2 (length 12-128, no
 * composition rules, no truncation), 3 (throttling per account and per address, never a
 * lasting lockout), 7 (128-bit tokens, only their hash stored), 9 (a fresh token at every
 * sign-in; an unissued one is nothing), 10 (sign-out ends the session on the server), 11
 * (idle and absolute limits, with the clock moved by hand), 12 (disable and password
 * change end every session), 13 (a password change needs the current one). On SQLite,
 * and on PostgreSQL when tests/run-all.sh has started its throwaway cluster; there the
 * functions commit their own transactions, so the accounts carry a random suffix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "both.h"
#include "core/log.h"
#include "domain/person.h"
#include "domain/refdata.h"
#include "domain/user.h"
#include "tap.h"

#define PW "correct horse battery"

/* A new account with password pw; its id (0 on failure). */
static int64_t
account(struct db *db, const char *email, const char *pw, int64_t now)
{
    struct person_new p = {.name = "Test Person"};
    struct user_new u = {0};
    struct write_error e;
    char hash[USER_HASH_LEN];
    int64_t pid = 0, uid = 0;

    if (user_password_hash(&e, "password", pw, hash) != ERR_OK)
        return 0;
    if (db_begin(db) != ERR_OK)
        return 0;
    u.email = email;
    u.password_hash = hash;
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

/* The stored password hash of an account, copied into out ("" if none). */
static void
stored(struct db *db, const char *email, char out[USER_HASH_LEN])
{
    struct db_stmt *st = db_stmt(db, Q_USER_BY_EMAIL);
    bool row = false;

    out[0] = '\0';
    if (st == NULL)
        return;
    db_bind_text(st, 1, email);
    if (db_step(st, &row) == ERR_OK && row)
        snprintf(out, USER_HASH_LEN, "%s", db_text(st, 2));
    db_done(st);
}

static double
seconds(void)
{
    struct timespec ts;

    /* this thread's CPU time: the hash work is done here, and a machine busy with other jobs
     * stretches wall time, not this (a wall-clock ratio made the check below flaky) */
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------- items 1, 2 */

static void
test_passwords(struct db *db, int64_t now)
{
    char e1[128], e2[128], h1[USER_HASH_LEN], h2[USER_HASH_LEN], tok[USER_TOKEN_LEN];
    char pw128[USER_PASSWORD_MAX + 1], pw129[USER_PASSWORD_MAX + 2];
    const char *salt, *end;
    struct write_error e;
    int64_t uid, retry;

    both_address(e1, sizeof(e1), "one");
    both_address(e2, sizeof(e2), "two");
    ok(account(db, e1, PW, now) > 0 && account(db, e2, PW, now) > 0,
       "%s: two accounts with the same password", backend);
    stored(db, e1, h1);
    stored(db, e2, h2);
    ok(strncmp(h1, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0,
       "%s: the stored hash is argon2id, m=19456, t=2, p=1 (%.40s)", backend, h1);
    salt = h1 + 31;
    end = strchr(salt, '$');
    ok(end != NULL && end - salt == 22, "  with a 16-byte salt (22 characters of base64)");
    ok(strcmp(h1, h2) != 0 && strncmp(h1, h2, 53) != 0, "  and the salts differ");
    ok(strstr(h1, PW) == NULL, "  the password is not in it");

    is_int(user_password_hash(&e, "password", "elevenbytes", h1), ERR_INVALID,
           "11 bytes are refused");
    ok(strcmp(e.field, "password") == 0, "  naming the field");
    is_int(user_password_hash(&e, "password", "twelve bytes", h1), ERR_OK, "12 bytes are accepted");
    is_int(user_password_hash(&e, "password", "horse battery", h1), ERR_OK,
           "no composition rules: lower-case letters and a space are accepted");
    is_int(user_password_hash(&e, "password", "aaaaaaaaaaaa", h1), ERR_INVALID,
           "twelve of one letter are refused as too easy to guess (test_password.c has more)");
    is_int(user_password_hash(&e, "password", "lösenord på svenska", h1), ERR_OK,
           "UTF-8 is accepted");
    is_int(user_password_hash(&e, "password", "bad \xff utf-8 bytes", h1), ERR_INVALID,
           "invalid UTF-8 is refused");
    memset(pw128, 'x', USER_PASSWORD_MAX);
    pw128[USER_PASSWORD_MAX] = '\0';
    pw128[0] = 'A';
    memset(pw129, 'x', USER_PASSWORD_MAX + 1);
    pw129[USER_PASSWORD_MAX + 1] = '\0';
    is_int(user_password_hash(&e, "password", pw129, h1), ERR_INVALID, "129 bytes are refused");

    /* no truncation: the last byte of a 128-byte password counts */
    both_address(e1, sizeof(e1), "long");
    uid = account(db, e1, pw128, now);
    ok(uid > 0, "%s: an account with a 128-byte password", backend);
    pw128[USER_PASSWORD_MAX - 1] = 'y';
    is_int(user_sign_in(db, e1, pw128, "192.0.2.10", now, tok, &uid, &retry), ERR_NOTFOUND,
           "  another last byte does not sign in");
    pw128[USER_PASSWORD_MAX - 1] = 'x';
    pw128[USER_PASSWORD_MAX - 8] = '\0';
    is_int(user_sign_in(db, e1, pw128, "192.0.2.10", now, tok, &uid, &retry), ERR_NOTFOUND,
           "  nor does its first 120 bytes");
    pw128[USER_PASSWORD_MAX - 8] = 'x';
    is_int(user_sign_in(db, e1, pw128, "192.0.2.10", now, tok, &uid, &retry), ERR_OK,
           "  the whole password does");
}

/* ------------------------------------------------------ items 3, and sign-in */

static void
test_sign_in(struct db *db, int64_t now)
{
    char email[128], upper[128], ip[64], ip2[64], tok[USER_TOKEN_LEN];
    struct db_stmt *st;
    int64_t uid, id, retry, t, failures;
    double t0, t_unknown, t_wrong;
    enum err rc;
    int i;

    /* addresses of this run (the run's suffix folded into one octet) */
    snprintf(ip, sizeof(ip), "198.51.100.%ld", strtol(suffix, NULL, 10) % 200 + 1);
    snprintf(ip2, sizeof(ip2), "203.0.113.%ld", strtol(suffix, NULL, 10) % 200 + 1);
    both_address(email, sizeof(email), "signin");
    id = account(db, email, PW, now);
    ok(id > 0, "%s: an account to sign in to", backend);
    snprintf(upper, sizeof(upper), "SIGNIN.%s@EXAMPLE.ORG", suffix);
    for (i = 0; upper[i]; i++)
        if (upper[i] >= 'a' && upper[i] <= 'z')
            upper[i] = (char)(upper[i] - 'a' + 'A');
    {
        struct person_new p = {.name = "Another"};
        struct user_new u = {.email = upper, .password_hash = "$argon2id$v=19$x"};
        struct write_error e = {0};
        int64_t pid;
        enum err made;

        if (db_begin(db) != ERR_OK)
            bail_out("begin");
        person_create(db, &p, "test", &pid, &e);
        u.person_id = pid;
        made = user_create(db, &u, "test", now, &uid, &e);
        ok(made == ERR_INVALID && e.field != NULL && strcmp(e.field, "email") == 0,
           "%s: the same address in capitals is refused (%s)", backend, e.msg ? e.msg : "-");
        db_rollback(db);
    }
    is_int(user_sign_in(db, upper, PW, ip2, now, tok, &uid, &retry), ERR_OK,
           "the address signs in whatever its case");
    ok(uid == id, "  to its account");

    t0 = seconds();
    rc = user_sign_in(db, "nobody@example.org", PW, ip2, now, tok, &uid, &retry);
    t_unknown = seconds() - t0;
    is_int(rc, ERR_NOTFOUND, "an unknown account is ERR_NOTFOUND");
    t0 = seconds();
    rc = user_sign_in(db, email, "wrong password!", ip2, now, tok, &uid, &retry);
    t_wrong = seconds() - t0;
    is_int(rc, ERR_NOTFOUND, "a wrong password is the same ERR_NOTFOUND");
    ok(tok[0] == '\0' && uid == 0, "  and gives no token");
    ok(t_unknown > 0.3 * t_wrong,
       "  the unknown account costs the hash work too (%.0f ms against %.0f ms)", t_unknown * 1000,
       t_wrong * 1000);

    /* item 3: an hour of guessing, one every 30 s, all from one address */
    failures = 0;
    for (t = now; t < now + 3600; t += 30) {
        rc = user_sign_in(db, email, "wrong password!", ip, t, tok, &uid, &retry);
        if (rc == ERR_NOTFOUND)
            failures++;
        else if (rc != ERR_LIMIT)
            break;
    }
    ok(t >= now + 3600, "%s: an hour of guessing runs through (stopped at %+lld s)", backend,
       (long long)(t - now));
    ok(failures + 1 <= 100 && failures >= USER_FAIL_ACCOUNT,
       "  at most 100 guesses of the account in the hour were checked (%lld)", (long long)failures);
    /* then a burst at one moment until refused */
    t = now + 3600;
    for (i = 0; i <= USER_FAIL_ACCOUNT; i++)
        if (user_sign_in(db, email, "wrong password!", ip, t, tok, &uid, &retry) == ERR_LIMIT)
            break;
    ok(i <= USER_FAIL_ACCOUNT, "  a burst of guesses is refused after at most %d (%d)",
       USER_FAIL_ACCOUNT, i);
    rc = user_sign_in(db, email, PW, ip2, t, tok, &uid, &retry);
    ok(rc == ERR_LIMIT && retry > 0 && retry <= USER_FAIL_WINDOW + 1,
       "  the right password is refused while throttled, with a retry-after (%lld s)",
       (long long)retry);
    rc = user_sign_in(db, email, PW, ip2, t + retry, tok, &uid, &retry);
    is_int(rc, ERR_OK, "  and works once the retry-after has passed (no lasting lockout)");
    rc = user_sign_in(db, email, PW, ip2, t + 15 * 60 + 1, tok, &uid, &retry);
    is_int(rc, ERR_OK, "  and 15 minutes after the guessing stopped");

    /* per address: one address's failures over many accounts */
    st = NULL;
    for (i = 0; i < USER_FAIL_ADDRESS; i++) {
        st = db_stmt(db, Q_SIGNIN_FAILURE_ADD);
        if (st == NULL)
            break;
        db_bind_text(st, 1, "someone-else@example.org");
        db_bind_text(st, 2, ip2);
        db_bind_i64(st, 3, t + 15 * 60);
        if (db_run(st) != ERR_OK)
            break;
    }
    ok(i == USER_FAIL_ADDRESS, "%d failures from one address recorded", USER_FAIL_ADDRESS);
    rc = user_sign_in(db, email, PW, ip2, t + 16 * 60, tok, &uid, &retry);
    ok(rc == ERR_LIMIT && retry > 0, "%s: that address is refused for another account (%d)",
       backend, rc);
    rc = user_sign_in(db, email, PW, ip, t + 16 * 60, tok, &uid, &retry);
    is_int(rc, ERR_OK, "  another address is not");
}

/* ------------------------------------------------------ items 7, 9, 10, 11 */

static void
test_sessions(struct db *db, int64_t now)
{
    char email[128], tok[USER_TOKEN_LEN], tok2[USER_TOKEN_LEN], hex[65];
    unsigned char raw[32];
    size_t n = 0;
    struct user_session s;
    struct db_stmt *st;
    int64_t id, uid, retry, t, raw_rows = -1, sid;
    const char *ip = "192.0.2.77";

    both_address(email, sizeof(email), "sessions");
    id = account(db, email, PW, now);
    is_int(user_sign_in(db, email, PW, ip, now, tok, &uid, &retry), ERR_OK,
           "sign-in opens a session");
    ok(strlen(tok) == USER_TOKEN_LEN - 1 &&
           sodium_base642bin(raw, sizeof(raw), tok, strlen(tok), NULL, &n, NULL,
                             sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
           n == 16,
       "  its token is 16 bytes (128 bits) of URL-safe base64 (%s)", tok);
    is_int(user_session_find(db, tok, now + 1, USER_SESSION_IDLE, &s), ERR_OK,
           "  the token finds the session");
    ok(s.user_id == id && s.expires_at == now + USER_SESSION_MAX, "  of the account, 12 h long");
    sid = s.id;
    st = db_stmt(db, Q_COPY_USER_SESSION_GET);
    if (st != NULL) {
        bool row;

        raw_rows = 0;
        while (db_step(st, &row) == ERR_OK && row) {
            if (db_i64(st, 0) == sid)
                snprintf(hex, sizeof(hex), "%s", db_text(st, 2));
            if (strcmp(db_text(st, 2), tok) == 0 || strstr(db_text(st, 2), tok) != NULL)
                raw_rows++;
        }
        db_done(st);
    }
    is_int(raw_rows, 0, "no stored session holds the raw token (item 7)");
    ok(strlen(hex) == 64 && strspn(hex, "0123456789abcdef") == 64, "  but a 256-bit hash");

    /* item 9: every sign-in gives a new token; an unissued one opens nothing */
    is_int(user_sign_in(db, email, PW, ip, now, tok2, &uid, &retry), ERR_OK, "a second sign-in");
    ok(strcmp(tok, tok2) != 0, "  gets a new token");
    is_int(user_session_find(db, "AAAAAAAAAAAAAAAAAAAAAA", now, USER_SESSION_IDLE, &s),
           ERR_NOTFOUND, "a token the server never issued is no session (no fixation)");
    is_int(user_session_find(db, "", now, USER_SESSION_IDLE, &s), ERR_NOTFOUND,
           "  nor is an empty one");

    /* item 10: sign-out */
    is_int(user_session_revoke(db, tok2, now + 2), ERR_OK, "sign-out");
    is_int(user_session_find(db, tok2, now + 3, USER_SESSION_IDLE, &s), ERR_NOTFOUND,
           "the signed-out token is dead on the server");
    is_int(user_session_find(db, tok, now + 3, USER_SESSION_IDLE, &s), ERR_OK,
           "  the other session lives on");

    /* item 11: idle */
    is_int(user_session_find(db, tok, now + 3 + USER_SESSION_IDLE - 1, USER_SESSION_IDLE, &s),
           ERR_OK, "a session used within 30 min lives");
    t = now + 3 + 2 * USER_SESSION_IDLE - 1;
    is_int(user_session_find(db, tok, t, USER_SESSION_IDLE, &s), ERR_NOTFOUND,
           "  one unused for 30 min is dead");
    is_int(user_session_find(db, tok, t + 1, USER_SESSION_IDLE, &s), ERR_NOTFOUND,
           "  and stays dead");
    is_int(user_session_find(db, tok, t + 1, 3600, &s), ERR_OK,
           "  the idle limit is the caller's: under 60 min it lives");

    /* item 11: absolute, however busy */
    is_int(user_sign_in(db, email, PW, ip, now, tok, &uid, &retry), ERR_OK, "a fresh session");
    for (t = now; t < now + USER_SESSION_MAX - 1; t += 20 * 60)
        if (user_session_find(db, tok, t, USER_SESSION_IDLE, &s) != ERR_OK)
            break;
    ok(t >= now + USER_SESSION_MAX - 1, "%s: used every 20 min it lives almost 12 h (%lld s)",
       backend, (long long)(t - now));
    is_int(user_session_find(db, tok, now + USER_SESSION_MAX - 1, USER_SESSION_IDLE, &s), ERR_OK,
           "  up to its last second");
    is_int(user_session_find(db, tok, now + USER_SESSION_MAX, USER_SESSION_IDLE, &s), ERR_NOTFOUND,
           "  and is dead at 12 h");
}

/* ------------------------------------------------------------ items 12, 13 */

/* Sessions of an account not revoked in the database (-1 on error). */
static int64_t
unrevoked(struct db *db, int64_t user_id)
{
    struct db_stmt *st = db_stmt(db, Q_COPY_USER_SESSION_GET);
    int64_t n = 0;
    bool row;

    if (st == NULL)
        return -1;
    while (db_step(st, &row) == ERR_OK && row)
        if (db_i64(st, 1) == user_id && db_null(st, 6))
            n++;
    db_done(st);
    return n;
}

static void
test_end_all(struct db *db, int64_t now)
{
    char email[128], a[USER_TOKEN_LEN], b[USER_TOKEN_LEN];
    struct write_error e;
    struct user_session s;
    int64_t id, uid, retry;
    const char *ip = "192.0.2.78";

    both_address(email, sizeof(email), "endall");
    id = account(db, email, PW, now);
    ok(user_sign_in(db, email, PW, ip, now, a, &uid, &retry) == ERR_OK &&
           user_sign_in(db, email, PW, ip, now, b, &uid, &retry) == ERR_OK,
       "%s: two sessions", backend);

    is_int(user_password_change(db, id, "not the password", "a new password 1", now + 1, &e),
           ERR_INVALID, "a password change without the current password is refused (item 13)");
    ok(strcmp(e.field, "current_password") == 0, "  naming current_password");
    is_int(user_session_find(db, a, now + 2, USER_SESSION_IDLE, &s), ERR_OK,
           "  and ends no session");
    is_int(user_password_change(db, id, PW, "short", now + 1, &e), ERR_INVALID,
           "a too short new password is refused");
    ok(strcmp(e.field, "password") == 0, "  naming password");
    is_int(user_password_change(db, id, PW, "a new password 1", now + 3, &e), ERR_OK,
           "the password changes");
    is_int(user_session_find(db, a, now + 4, USER_SESSION_IDLE, &s), ERR_NOTFOUND,
           "and every session of the account ends (item 12)");
    is_int(user_session_find(db, b, now + 4, USER_SESSION_IDLE, &s), ERR_NOTFOUND,
           "  both of them");
    is_int(user_sign_in(db, email, PW, ip, now + 5, a, &uid, &retry), ERR_NOTFOUND,
           "  the old password no longer signs in");
    ok(user_sign_in(db, email, "a new password 1", ip, now + 5, a, &uid, &retry) == ERR_OK &&
           user_sign_in(db, email, "a new password 1", ip, now + 5, b, &uid, &retry) == ERR_OK,
       "  the new one does, twice");

    is_int(user_disable(db, id, "test", now + 6), ERR_OK, "the account is disabled");
    is_int(user_session_find(db, a, now + 7, USER_SESSION_IDLE, &s), ERR_NOTFOUND,
           "and its sessions end (item 12)");
    is_int(user_session_find(db, b, now + 7, USER_SESSION_IDLE, &s), ERR_NOTFOUND,
           "  both of them");
    is_int(unrevoked(db, id), 0, "  revoked in the database, not only refused while disabled");
    is_int(user_sign_in(db, email, "a new password 1", ip, now + 8, a, &uid, &retry), ERR_NOTFOUND,
           "  it cannot sign in: the same error as a wrong password");
    is_int(user_disable(db, 999999999, "test", now), ERR_NOTFOUND,
           "disabling no account is ERR_NOTFOUND");
}

/* The server's way: a read-only check, the last uses written in batches, sign-up. */
static void
test_peek(struct db *db, int64_t now)
{
    char email[128], tok[USER_TOKEN_LEN];
    struct user_session s;
    struct session_seen seen[2];
    struct write_error e = {0};
    char hash[USER_HASH_LEN];
    int64_t id, uid, retry, sid;

    both_address(email, sizeof(email), "peek");
    id = account(db, email, PW, now);
    is_int(user_sign_in(db, email, PW, "192.0.2.80", now, tok, &uid, &retry), ERR_OK,
           "peek: a sign-in");
    is_int(user_session_peek(db, tok, now + 600, &s), ERR_OK, "peek: the token's session is live");
    ok(s.user_id == id && s.last_seen_at == now, "  of the account, last seen at the sign-in");
    sid = s.id;
    is_int(user_session_peek(db, tok, now + 900, &s), ERR_OK, "  peeking does not touch it");
    is_int(s.last_seen_at, now, "  (last seen is still the sign-in)");
    seen[0].session_id = sid;
    seen[0].at = now + 1000;
    seen[1].session_id = 999999999; /* a session that does not exist changes nothing */
    seen[1].at = now + 1000;
    is_int(user_sessions_seen(db, seen, 2), ERR_OK, "the server writes a batch of last uses");
    user_session_peek(db, tok, now + 1001, &s);
    is_int(s.last_seen_at, now + 1000, "  the session's last use is the batch's");
    seen[0].at = now + 10;
    user_sessions_seen(db, seen, 1);
    user_session_peek(db, tok, now + 1001, &s);
    is_int(s.last_seen_at, now + 1000, "  an earlier time never moves it back");
    is_int(user_session_peek(db, tok, now + USER_SESSION_MAX, &s), ERR_NOTFOUND,
           "  at the absolute limit the session has ended, however recently used");
    user_session_revoke(db, tok, now + 2);
    is_int(user_session_peek(db, tok, now + 3, &s), ERR_NOTFOUND, "  a revoked one has ended");

    both_address(email, sizeof(email), "signup");
    user_password_hash(&e, "password", PW, hash);
    is_int(user_sign_up(db, "Sign Up", email, hash, now, &uid, &e), ERR_OK,
           "sign-up makes a person and an account");
    is_int(user_sign_up(db, "Sign Up Again", email, hash, now, &uid, &e), ERR_INVALID,
           "  a second sign-up with the address is refused");
    is_str(e.field, "email", "  naming the e-mail");
    is_int(user_sign_up(db, "", "new-signup@example.se", hash, now, &uid, &e), ERR_INVALID,
           "  a sign-up without a name is refused");
    is_str(e.field, "name", "  naming the name");
    ok(user_sign_in(db, "new-signup@example.se", PW, "192.0.2.81", now, tok, &uid, &retry) ==
           ERR_NOTFOUND,
       "  and made no account (the person and the account are one transaction)");
}

static double
seconds_now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/*
 * SECURITY.md item 4: an unknown account and a wrong password take the same time. 200
 * sign-ins of each, interleaved (the machine's noise falls on both alike), each from an
 * address and at a time of its own so none is throttled (a throttled attempt skips the
 * hash: it is not what is compared); the medians within 10 % of each other.
 */
static void
test_timing(struct db *db, int64_t now)
{
    enum { N = 200, ACCOUNTS = 10 };
    static double unknown[N], wrong[N];
    char email[128], ip[32], tok[USER_TOKEN_LEN];
    int64_t uid, retry;
    double t0, mu, mw;
    int i, bad = 0;
    enum err rc;

    for (i = 0; i < ACCOUNTS; i++) {
        snprintf(ip, sizeof(ip), "timing%d", i);
        account(db, both_address(email, sizeof(email), ip), PW, now);
    }
    for (i = 0; i < N; i++) {
        /* spread over windows: at most 20 failures of one account, 2 of one address */
        int64_t at = now + 1000000 + (int64_t)(i / 20) * (USER_FAIL_WINDOW + 1);

        snprintf(ip, sizeof(ip), "198.51.%d.%d", i / 250, i % 250);
        snprintf(email, sizeof(email), "nobody-%d.%s@example.org", i, suffix);
        t0 = seconds_now();
        rc = user_sign_in(db, email, PW, ip, at, tok, &uid, &retry);
        unknown[i] = seconds_now() - t0;
        bad += rc != ERR_NOTFOUND;
        snprintf(ip, sizeof(ip), "timing%d", i % ACCOUNTS);
        both_address(email, sizeof(email), ip);
        snprintf(ip, sizeof(ip), "203.0.%d.%d", i / 250, i % 250);
        t0 = seconds_now();
        rc = user_sign_in(db, email, "not the password at all", ip, at, tok, &uid, &retry);
        wrong[i] = seconds_now() - t0;
        bad += rc != ERR_NOTFOUND;
    }
    is_int(bad, 0, "timing: 200 unknown accounts and 200 wrong passwords, all ERR_NOTFOUND");
    qsort(unknown, N, sizeof(unknown[0]), cmp_double);
    qsort(wrong, N, sizeof(wrong[0]), cmp_double);
    mu = (unknown[N / 2 - 1] + unknown[N / 2]) / 2;
    mw = (wrong[N / 2 - 1] + wrong[N / 2]) / 2;
    ok(mu > 0 && mw > 0 && (mu > mw ? mu / mw : mw / mu) <= 1.10,
       "timing: the medians are within 10 %% (unknown %.1f ms, wrong password %.1f ms)", mu * 1e3,
       mw * 1e3);
}

static void
test_all(struct db *db)
{
    int64_t now = (int64_t)time(NULL);

    test_passwords(db, now);
    test_sign_in(db, now);
    test_sessions(db, now);
    test_end_all(db, now);
    test_peek(db, now);
    test_timing(db, now);
}

int
main(void)
{
    return both_main("user", test_all);
}
