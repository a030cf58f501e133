/*
 * test_seclog.c — the security event log (core/seclog.c) and the events the domain
 * writes to it (SECURITY.md items 27 and 28): one JSON object a line, parsed back with
 * jansson; a user name built to forge a line stays one line, escaped; invalid UTF-8 and
 * long texts are cleaned and cut under PIPE_BUF; lines of several threads never mix;
 * sign-in (success, failure, throttled), sign-out, password change and disable each
 * leave their event, and the log holds no password and no token. The domain events run
 * on SQLite: the log does not depend on the backend.
 */
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "core/log.h"
#include "core/seclog.h"
#include "domain/mfa.h"
#include "domain/person.h"
#include "domain/user.h"
#include "tap.h"

#define PW  "correct horse battery"
#define PW2 "another horse battery"

static char log_path[600];

/* The log's whole text (malloc'd; "" when absent), and its length. */
static char *
slurp(size_t *out_len)
{
    FILE *f = fopen(log_path, "rb");
    char *s;
    long n;

    *out_len = 0;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        if (f)
            fclose(f);
        return calloc(1, 1);
    }
    s = malloc((size_t)n + 1);
    if (s == NULL || fread(s, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(s);
        return calloc(1, 1);
    }
    s[n] = '\0';
    fclose(f);
    *out_len = (size_t)n;
    return s;
}

static void
truncate_log(void)
{
    FILE *f = fopen(log_path, "w");

    if (f)
        fclose(f);
}

/* The lines of the log, parsed; n receives how many; bad counts lines that are no JSON
 * object. The caller json_decref's each. */
static json_t **
lines(int *n, int *bad)
{
    size_t len;
    char *s = slurp(&len), *p = s, *nl;
    json_t **v = NULL, *o;
    int cap = 0;

    *n = 0;
    *bad = 0;
    while ((nl = strchr(p, '\n')) != NULL) {
        *nl = '\0';
        o = json_loads(p, JSON_REJECT_DUPLICATES, NULL);
        if (o == NULL || !json_is_object(o)) {
            (*bad)++;
            json_decref(o);
        } else {
            if (*n == cap) {
                cap = cap ? cap * 2 : 16;
                v = realloc(v, (size_t)cap * sizeof(*v));
                if (v == NULL)
                    bail_out("out of memory");
            }
            v[(*n)++] = o;
        }
        p = nl + 1;
    }
    if (*p != '\0')
        (*bad)++; /* a last line without its newline */
    free(s);
    return v;
}

static void
free_lines(json_t **v, int n)
{
    int i;

    for (i = 0; i < n; i++)
        json_decref(v[i]);
    free(v);
}

static const char *
str_at(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s != NULL ? s : "";
}

/* ------------------------------------------------------------------- the format */

static void
test_format(void)
{
    static const char *const keys[SECLOG_MAX_FIELDS] = {"k0", "k1", "k2", "k3", "k4", "k5"};
    struct seclog_field f[SECLOG_MAX_FIELDS];
    char big[3000], evil[64];
    size_t len;
    json_t **v, *u;
    char *text;
    int n, bad, i;

    truncate_log();
    seclog_set_address("192.0.2.7");
    seclog_event(1796302800, "signin", 7, "a@example.org", NULL, &SECLOG_INT("extra", 42), 1);
    seclog_event(0, "role.change", 0, NULL, "", &SECLOG_STR("role", "admin"), 1);
    /* SECURITY.md item 28: a user name that would end the line and forge another event */
    snprintf(evil, sizeof(evil), "a\r\n{\"event\":\"x\"}");
    seclog_event(1796302800, "signin.failure", 0, evil, "198.51.100.1", NULL, 0);
    seclog_event(1796302800, "bad.utf8", 0, "b\xff\xfe@example.org", NULL, NULL, 0);
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    seclog_event(1796302800, "long", 0, big, NULL, &SECLOG_STR("note", big), 1);
    /* every field as long as allowed and full of escapes: past 4096 bytes at 200 each */
    memset(big, '\x01', 1000);
    big[1000] = '\0';
    for (i = 0; i < SECLOG_MAX_FIELDS; i++)
        f[i] = SECLOG_STR(keys[i], big);
    seclog_event(1796302800, "escapes", 0, big, big, f, SECLOG_MAX_FIELDS);
    seclog_set_address(NULL);

    text = slurp(&len);
    v = lines(&n, &bad);
    is_int(n, 6, "six events, six lines");
    is_int(bad, 0, "every line is one JSON object");
    if (n != 6)
        goto out;
    is_str(str_at(v[0], "time"), "2026-12-03T13:00:00Z", "time is UTC, RFC 3339, with Z");
    is_str(str_at(v[0], "event"), "signin", "the event");
    u = json_object_get(v[0], "user");
    ok(json_integer_value(json_object_get(u, "id")) == 7 &&
           strcmp(json_string_value(json_object_get(u, "email")), "a@example.org") == 0,
       "user: its id and e-mail");
    is_str(str_at(v[0], "ip"), "192.0.2.7", "ip: the thread's address when none is given");
    ok(json_integer_value(json_object_get(v[0], "extra")) == 42, "the event's own fields");
    is_str(str_at(v[1], "time"), "1970-01-01T00:00:00Z", "time 0 is the epoch");
    ok(json_is_null(json_object_get(v[1], "user")) && json_is_null(json_object_get(v[1], "ip")),
       "user and ip are null when unknown");

    is_str(str_at(json_object_get(v[2], "user"), "email"), evil,
           "an injected CR LF and object come back as the text they were");
    is_str(str_at(v[2], "event"), "signin.failure", "  and the event is not forged");
    ok(strstr(text, "\r") == NULL && strstr(text, "{\"event\":\"x\"}") == NULL,
       "  the log holds no raw CR and no forged object");
    is_str(str_at(json_object_get(v[3], "user"), "email"), "b\xef\xbf\xbd\xef\xbf\xbd@example.org",
           "invalid UTF-8 becomes U+FFFD");
    len = strlen(str_at(json_object_get(v[4], "user"), "email"));
    ok(len == SECLOG_VALUE_MAX && strcmp(str_at(v[4], "note") + len - 3, "...") == 0,
       "a long text is cut to %d bytes, ending in ... (%zu)", SECLOG_VALUE_MAX, len);
    len = strlen(str_at(json_object_get(v[5], "user"), "email"));
    ok(len == SECLOG_VALUE_SHORT, "a line past 4096 bytes is cut shorter (%zu bytes a text)", len);
    for (i = 0, len = 0; text[i] != '\0'; i++) {
        if (text[i] == '\n') {
            ok(len < PIPE_BUF, "line under PIPE_BUF (%zu bytes)", len + 1);
            len = 0;
        } else {
            len++;
        }
    }
out:
    free_lines(v, n);
    free(text);
}

/* ------------------------------------------------------------------ the threads */

#define THREADS    4
#define PER_THREAD 300

static void *
writer(void *arg)
{
    char addr[32];
    int i;

    snprintf(addr, sizeof(addr), "192.0.2.%d", (int)(intptr_t)arg);
    seclog_set_address(addr);
    for (i = 0; i < PER_THREAD; i++)
        seclog_event(1796302800, "thread", (int64_t)(intptr_t)arg, NULL, NULL,
                     &SECLOG_STR("padding", "................................................"), 1);
    return NULL;
}

static void
test_threads(void)
{
    pthread_t t[THREADS];
    json_t **v;
    int i, n, bad, wrong = 0;

    truncate_log();
    for (i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, writer, (void *)(intptr_t)(i + 1));
    for (i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    v = lines(&n, &bad);
    ok(n == THREADS * PER_THREAD, "%d threads' events, each a line (%d)", THREADS, n);
    is_int(bad, 0, "  none mixed with another");
    for (i = 0; i < n; i++) {
        char want[32];

        snprintf(
            want, sizeof(want), "192.0.2.%lld",
            (long long)json_integer_value(json_object_get(json_object_get(v[i], "user"), "id")));
        if (strcmp(str_at(v[i], "ip"), want) != 0)
            wrong++;
    }
    is_int(wrong, 0, "  each with its own thread's address");
    free_lines(v, n);
}

/* ------------------------------------------------------------ the domain's events */

/* The first line of event ev, or NULL. */
static json_t *
find(json_t **v, int n, const char *ev)
{
    int i;

    for (i = 0; i < n; i++)
        if (strcmp(str_at(v[i], "event"), ev) == 0)
            return v[i];
    return NULL;
}

static void
test_domain(struct db *db)
{
    struct person_new p = {.name = "Log Person"};
    struct user_new u = {.email = "log@example.org"};
    char hash[USER_HASH_LEN], tok[USER_TOKEN_LEN], kept[USER_TOKEN_LEN];
    struct write_error e;
    int64_t now = 1796302800, pid, uid, got, retry;
    json_t **v, *o;
    size_t len;
    char *text, secret[TOTP_SECRET_LEN], code[TOTP_DIGITS + 1];
    struct mfa_recovery rec;
    int i, n, bad;

    truncate_log();
    if (user_password_hash(&e, "password", PW, hash) != ERR_OK || db_begin(db) != ERR_OK)
        bail_out("cannot hash a password");
    u.password_hash = hash;
    if (person_create(db, &p, "test", &pid, &e) != ERR_OK)
        bail_out("cannot create a person");
    u.person_id = pid;
    if (user_create(db, &u, "test", now, &uid, &e) != ERR_OK || db_commit(db) != ERR_OK)
        bail_out("cannot create an account");

    is_int(user_sign_in(db, "log@example.org", PW, "192.0.2.1", now, tok, &got, &retry), ERR_OK,
           "a sign-in");
    snprintf(kept, sizeof(kept), "%s", tok);
    is_int(user_sign_in(db, "log@example.org", PW2, "192.0.2.2", now, tok, &got, &retry),
           ERR_NOTFOUND, "a wrong password");
    is_int(user_sign_in(db, "nobody@example.org", PW, "192.0.2.3", now, tok, &got, &retry),
           ERR_NOTFOUND, "an unknown account");
    for (i = 0; i < USER_FAIL_ACCOUNT; i++)
        user_sign_in(db, "LOG@example.org", PW2, "192.0.2.4", now + 1, tok, &got, &retry);
    is_int(user_sign_in(db, "log@example.org", PW, "192.0.2.4", now + 2, tok, &got, &retry),
           ERR_LIMIT, "guessing is throttled");
    is_int(user_session_revoke(db, kept, now + 3), ERR_OK, "a sign-out");
    is_int(user_password_change(db, uid, PW, PW2, now + 4, &e), ERR_LIMIT,
           "no password change while the account is throttled");
    is_int(user_password_change(db, uid, PW, PW2, now + USER_FAIL_WINDOW + 4, &e), ERR_OK,
           "a password change once the window has passed");
    is_int(mfa_enrol_begin(db, uid, NULL, now + USER_FAIL_WINDOW + 5, secret, &e), ERR_OK,
           "a two-factor enrolment begins");
    is_int(mfa_code_now(db, uid, now + USER_FAIL_WINDOW + 5, code), ERR_OK, "  its code");
    is_int(mfa_enrol_confirm(db, uid, code, now + USER_FAIL_WINDOW + 5, &rec, &e), ERR_OK,
           "  is confirmed");
    is_int(mfa_disable(db, uid, PW2, now + USER_FAIL_WINDOW + 6, &e), ERR_OK,
           "  and turned off again");
    is_int(user_disable(db, uid, "user:1", now + USER_FAIL_WINDOW + 7), ERR_OK, "a disable");

    text = slurp(&len);
    v = lines(&n, &bad);
    ok(bad == 0, "%d lines, each a JSON object", n);
    o = find(v, n, "signin");
    ok(o != NULL && json_integer_value(json_object_get(json_object_get(o, "user"), "id")) == uid &&
           strcmp(str_at(o, "ip"), "192.0.2.1") == 0,
       "signin: the account and its address");
    o = find(v, n, "signin.failure");
    ok(o != NULL && strcmp(str_at(o, "reason"), "password") == 0 &&
           strcmp(str_at(o, "ip"), "192.0.2.2") == 0,
       "signin.failure: a wrong password, from its address");
    ok(n > 2 && strcmp(str_at(v[2], "reason"), "unknown") == 0 &&
           strcmp(str_at(json_object_get(v[2], "user"), "email"), "nobody@example.org") == 0,
       "signin.failure: an unknown account, by the address tried");
    o = find(v, n, "signin.throttled");
    ok(o != NULL && json_integer_value(json_object_get(o, "retry_after")) > 0,
       "signin.throttled, with the wait");
    o = find(v, n, "signout");
    ok(o != NULL && json_integer_value(json_object_get(json_object_get(o, "user"), "id")) == uid,
       "signout: the account");
    ok(find(v, n, "password.change") != NULL, "password.change");
    ok(find(v, n, "mfa.enrol") != NULL, "mfa.enrol: the enrolment confirmed");
    ok(find(v, n, "mfa.disable") != NULL, "mfa.disable: the second factor turned off");
    ok(strstr(text, secret) == NULL && strstr(text, rec.code[0]) == NULL,
       "no TOTP secret or recovery code in the log");
    o = find(v, n, "account.disable");
    ok(o != NULL && strcmp(str_at(o, "by"), "user:1") == 0, "account.disable: by whom");
    ok(strstr(text, PW) == NULL && strstr(text, PW2) == NULL, "no password in the log");
    ok(strstr(text, kept) == NULL, "no session token in the log");
    ok(strstr(text, "$argon2id$") == NULL, "no password hash in the log");
    free_lines(v, n);
    free(text);
}

int
main(void)
{
    const char *tmp = getenv("TMPDIR");
    struct db_opts o = {.create = true};
    char tdir[512], path[600], side[640];
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    struct stat sb;
    struct db *db;
    size_t i;

    log_threshold = LOG_ERROR + 1;
    if (sodium_init() < 0)
        bail_out("sodium_init");
    snprintf(tdir, sizeof(tdir), "%s/samverka-test-seclog.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(tdir) == NULL)
        bail_out("mkdtemp %s failed", tdir);
    snprintf(log_path, sizeof(log_path), "%s/security.log", tdir);
    umask(022);
    is_int(seclog_open(log_path), 0, "the log file opens");
    ok(stat(log_path, &sb) == 0 && (sb.st_mode & 0777) == 0640, "  created with mode 0640");
    ok(seclog_open(tdir) == -1, "a directory is refused");

    test_format();
    test_threads();

    snprintf(path, sizeof(path), "%s/t.db", tdir);
    if (db_open(path, &o, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK)
        bail_out("cannot create a database");
    test_domain(db);
    db_close(db);
    seclog_close();
    for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        snprintf(side, sizeof(side), "%s%s", path, suffixes[i]);
        unlink(side);
    }
    unlink(log_path);
    rmdir(tdir);
    return done_testing();
}
