/*
 * test_mail.c — src/core/mailmsg.c (the RFC 5322 message) and src/domain/mail.c
 * (the queue: validation, what is due, backoff, giving up). The SMTP transport is
 * tested end to end against a real SMTP server in tests/integration/t_18_mail.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mailmsg.h"
#include "domain/mail.h"
#include "tap.h"

static char *
format(const struct mailmsg *m, struct buf *b)
{
    buf_init(b, 0);
    mailmsg_format(b, m);
    buf_addc(b, '\0');
    return b->data;
}

/* The longest line of s (CRLF separated), and whether every line ends in CRLF. */
static size_t
longest_line(const char *s, bool *crlf)
{
    size_t max = 0, n;
    const char *e;

    *crlf = true;
    while (*s) {
        e = strstr(s, "\r\n");
        if (e == NULL) {
            *crlf = false;
            e = s + strlen(s);
        }
        n = (size_t)(e - s);
        if (n > max)
            max = n;
        s = *e ? e + 2 : e;
    }
    return max;
}

/* s with every quoted-printable soft break ("=" CRLF) taken out. */
static char *
unsoft(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;

    if (out == NULL)
        bail_out("out of memory");
    while (*s) {
        if (strncmp(s, "=\r\n", 3) == 0)
            s += 3;
        else
            *o++ = *s++;
    }
    *o = '\0';
    return out;
}

static void
test_format(void)
{
    struct mailmsg m = {.from = "noreply@samverka.example",
                        .to = "anna@example.org",
                        .subject = "Hej",
                        .body = "a=b\n.\nFrom x \r\nsista\tflik\t",
                        .message_id = "1.0.samverka@samverka.example",
                        .date = 0};
    char body[200], *s, *u, *p;
    const char *want;
    struct buf b;
    size_t n, i;
    bool crlf;

    is_str(format(&m, &b),
           "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"
           "From: <noreply@samverka.example>\r\n"
           "To: <anna@example.org>\r\n"
           "Subject: Hej\r\n"
           "Message-ID: <1.0.samverka@samverka.example>\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=UTF-8\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n"
           "\r\n"
           "a=3Db\r\n"
           "=2E\r\n"
           "=46rom x=20\r\n"
           "sista\tflik=09\r\n",
           "format: the whole message ('=', a lone dot, 'From ', trailing white space encoded)");
    buf_free(&b);

    m.subject = "å";
    s = format(&m, &b);
    ok(strstr(s, "\r\nSubject: =?UTF-8?B?w6U=?=\r\n") != NULL,
       "format: a non-ASCII subject is an RFC 2047 encoded-word");
    buf_free(&b);

    /* 40 times "ä" (80 bytes): two words, cut between characters (44 + 36 bytes) */
    char subj[81] = "";
    for (i = 0; i < 40; i++)
        strcat(subj, "ä");
    m.subject = subj;
    s = format(&m, &b);
    p = strstr(s, "Subject: ");
    want = "Subject: =?UTF-8?B?w6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6Q=?=\r\n"
           " =?UTF-8?B?w6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6Q=?=\r\n"
           " =?UTF-8?B?w6TDpA==?=\r\n";
    ok(p != NULL && strncmp(p, want, strlen(want)) == 0,
       "format: a long subject is split into encoded-words between characters (38 + 38 + 4 bytes)");
    ok(longest_line(s, &crlf) <= 76 && crlf,
       "format: every line within 76 characters (RFC 2047), CRLF");
    buf_free(&b);

    /* a long body line: soft breaks within 76 characters, never inside =XX */
    memset(body, 'a', 75);
    strcpy(body + 75, "é and more text after it, to need a second soft break in this line: ");
    m.subject = "Hej";
    m.body = body;
    s = format(&m, &b);
    n = longest_line(strstr(s, "\r\n\r\n") + 4, &crlf);
    ok(n <= 76 && crlf, "format: body lines of at most 76 characters (longest %zu)", n);
    u = unsoft(strstr(s, "\r\n\r\n") + 4);
    ok(strstr(u, "aaaa=C3=A9 and more") != NULL, "format: soft breaks never split an =XX");
    ok(strstr(u, "line:=20\r\n") != NULL, "format: a trailing space after a soft break is encoded");
    free(u);
    buf_free(&b);
}

static void
test_address(void)
{
    static const char *const good[] = {"a@b", "anna.svensson+reset@example.org", "x@localhost"};
    static const char *const bad[] = {"",
                                      "anna",
                                      "@example.org",
                                      "anna@",
                                      "a@b@c",
                                      "anna@example.org, eve@example.org",
                                      "Anna <anna@example.org>",
                                      "anna@example.org\r\nBcc: eve@example.org",
                                      "a b@example.org",
                                      "anna@.example.org",
                                      "anna@example.org.",
                                      "åsa@example.org",
                                      "\"a\"@example.org"};
    size_t i;

    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        ok(mail_is_address(good[i]), "address: \"%s\" is one", good[i]);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        ok(!mail_is_address(bad[i]), "address: \"%s\" is not", bad[i]);
}

static int
queued(struct db *db)
{
    struct arena a;
    struct mail m;
    int n = 0;

    /* far in the future: every row not sent and not given up */
    arena_init(&a);
    if (mail_next_due(db, &a, (time_t)1 << 40, &m) == ERR_OK)
        n = 1;
    arena_free(&a);
    return n;
}

static void
test_queue(struct db *db)
{
    char big[MAIL_BODY_MAX + 2];
    struct arena a;
    struct mail m;
    int64_t id = 0;
    time_t t = 1000000;

    arena_init(&a);
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    is_int(mail_enqueue(db, "a@example.org, b@example.org", "s", "b", t, NULL), ERR_INVALID,
           "enqueue: two addresses are refused");
    is_int(mail_enqueue(db, "a@example.org", "s\r\nBcc: e@example.org", "b", t, NULL), ERR_INVALID,
           "enqueue: a subject with CR LF is refused");
    is_int(mail_enqueue(db, "a@example.org", "", "b", t, NULL), ERR_INVALID,
           "enqueue: an empty subject is refused");
    is_int(mail_enqueue(db, "a@example.org", "s", "\xff\xfe", t, NULL), ERR_INVALID,
           "enqueue: a body that is not UTF-8 is refused");
    is_int(mail_enqueue(db, "a@example.org", "s", big, t, NULL), ERR_INVALID,
           "enqueue: a body over the limit is refused");
    is_int(queued(db), 0, "enqueue: nothing refused is queued");

    is_int(mail_enqueue(db, "a@example.org", "Återställ", "Hej\n", t, &id), ERR_OK,
           "enqueue: a valid message is queued");
    is_int(mail_next_due(db, &a, t, &m), ERR_OK, "due: at once");
    ok(m.id == id && strcmp(m.to, "a@example.org") == 0 && strcmp(m.subject, "Återställ") == 0 &&
           strcmp(m.body, "Hej\n") == 0 && m.attempts == 0,
       "due: the message as queued");
    is_int(mail_mark_failed(db, &m, t, "Couldn't connect\r\nsecret\xc3\xa5"), ERR_OK,
           "failed: recorded");
    is_int(mail_next_due(db, &a, t + 59, &m), ERR_NOTFOUND, "failed: not due before 60 s");
    is_int(mail_next_due(db, &a, t + 60, &m), ERR_OK, "failed: due after 60 s");
    is_int(m.attempts, 1, "failed: one attempt counted");
    ok(mail_retry_delay(1) == 60 && mail_retry_delay(2) == 120 && mail_retry_delay(3) == 240 &&
           mail_retry_delay(9) == 15360 && mail_retry_delay(10) == MAIL_RETRY_MAX &&
           mail_retry_delay(40) == MAIL_RETRY_MAX,
       "backoff: doubling from 60 s, at most 6 h");
    while (m.attempts < MAIL_MAX_ATTEMPTS - 1) {
        t += MAIL_RETRY_MAX;
        mail_mark_failed(db, &m, t, "again");
        if (mail_next_due(db, &a, t + MAIL_RETRY_MAX, &m) != ERR_OK)
            break;
    }
    is_int(m.attempts, MAIL_MAX_ATTEMPTS - 1, "give up: tried up to the last attempt");
    is_int(mail_mark_failed(db, &m, t, "last"), ERR_OK, "give up: the last failure is recorded");
    is_int(queued(db), 0, "give up: after the last attempt it is never due again");

    is_int(mail_enqueue(db, "b@example.org", "s", "b", t, &id), ERR_OK, "sent: another is queued");
    is_int(mail_next_due(db, &a, t, &m), ERR_OK, "sent: it is due");
    is_int(mail_mark_sent(db, m.id, t), ERR_OK, "sent: marked");
    is_int(queued(db), 0, "sent: never due again");
    arena_free(&a);
}

int
main(void)
{
    const char *tmp = getenv("TMPDIR");
    struct db_opts o = {.create = true};
    char tdir[512], path[600], side[640];
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    struct db *db;
    size_t i;

    log_threshold = LOG_ERROR + 1;
    test_format();
    test_address();
    snprintf(tdir, sizeof(tdir), "%s/samverka-test-mail.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(tdir) == NULL)
        bail_out("mkdtemp %s failed", tdir);
    snprintf(path, sizeof(path), "%s/t.db", tdir);
    if (db_open(path, &o, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK)
        bail_out("cannot create a database");
    test_queue(db);
    db_close(db);
    for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        snprintf(side, sizeof(side), "%s%s", path, suffixes[i]);
        unlink(side);
    }
    rmdir(tdir);
    return done_testing();
}
