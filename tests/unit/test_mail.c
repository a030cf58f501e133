/*
 * test_mail.c — src/core/mailmsg.c (the RFC 5322 message, and the multipart/mixed one
 * with an attachment, also read back by Python's email package) and src/domain/mail.c
 * (the queue: validation, what is due, backoff, giving up; attachments on both
 * backends). The SMTP transport is tested end to end against a real SMTP server in
 * tests/integration/t_18_mail.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "both.h"
#include "core/log.h"
#include "core/mailmsg.h"
#include "domain/mail.h"

#define PYTHON "/usr/bin/python3"

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
test_format_attached(void)
{
    struct mailmsg m = {.from = "noreply@samverka.example",
                        .to = "anna@example.org",
                        .subject = "Hej",
                        .body = "Hej\n",
                        .message_id = "1.0.samverka@samverka.example",
                        .date = 0,
                        .attachment_name = "invite.ics",
                        .attachment_type = "text/calendar; method=REQUEST",
                        .attachment_text = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"};
    char text[3000];
    struct buf b;
    size_t n, i;
    bool crlf, seven = true;
    char *s;

    is_str(format(&m, &b),
           "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"
           "From: <noreply@samverka.example>\r\n"
           "To: <anna@example.org>\r\n"
           "Subject: Hej\r\n"
           "Message-ID: <1.0.samverka@samverka.example>\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=\"=_samverka_part\"\r\n"
           "\r\n"
           "--=_samverka_part\r\n"
           "Content-Type: text/plain; charset=UTF-8\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n"
           "\r\n"
           "Hej\r\n"
           "\r\n--=_samverka_part\r\n"
           "Content-Type: text/calendar; method=REQUEST; charset=UTF-8;\r\n"
           " name=\"invite.ics\"\r\n"
           "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"
           "Content-Transfer-Encoding: base64\r\n"
           "\r\n"
           "QkVHSU46VkNBTEVOREFSDQpFTkQ6VkNBTEVOREFSDQo=\r\n"
           "\r\n--=_samverka_part--\r\n",
           "attached: the whole multipart/mixed message (text, then the base64 attachment)");
    buf_free(&b);

    /* a longer text: base64 lines of exactly 76 characters (57 bytes), the last shorter */
    text[0] = '\0';
    for (i = 0; i < 100; i++)
        strcat(text, i % 2 ? "DESCRIPTION:åäö\r\n" : "SUMMARY:x\r\n");
    m.attachment_text = text;
    m.body = "Se bilagan.\n--=_samverka_part\n";
    s = format(&m, &b);
    n = longest_line(s, &crlf);
    for (i = 0; i < b.len - 1; i++)
        seven = seven && (unsigned char)s[i] < 0x80;
    ok(n == 76 && crlf && seven, "attached: lines of at most 76 characters (%zu), CRLF, 7-bit", n);
    ok(strstr(s, "\r\n--=3D_samverka_part\r\n") != NULL,
       "attached: the boundary in the text is quoted-printable, never a delimiter");
    buf_free(&b);

    m.attachment_type = NULL;
    m.body = "Hej\n";
    s = format(&m, &b);
    ok(strstr(s, "multipart") == NULL && strstr(s, "invite.ics") == NULL,
       "attached: without all three of name, type and text, a plain message");
    buf_free(&b);
}

static bool
write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    bool good;

    if (f == NULL)
        return false;
    good = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && good;
}

/* Python's email package reads the message: every part as it sees it, one line each. */
static const char py_script[] =
    "import email, email.policy, sys\n"
    "raw = open(sys.argv[1], 'rb').read()\n"
    "m = email.message_from_bytes(raw, policy=email.policy.default)\n"
    "print('type', m.get_content_type())\n"
    "print('defects', len(m.defects) + sum(len(p.defects) for p in m.walk()))\n"
    "parts = list(m.iter_parts())\n"
    "print('parts', len(parts))\n"
    "t, a = parts[0], parts[1]\n"
    "print('text', t.get_content_type(), t.get_content_charset(), t.is_attachment())\n"
    "print('body', t.get_content().replace('\\r', '') == open(sys.argv[2], "
    "encoding='utf-8').read())\n"
    "print('att', a.get_content_type(), a.get_param('method'), a.get_content_charset(), "
    "a.get_filename(), a.get_param('name'), a.is_attachment())\n"
    "print('data', a.get_payload(decode=True) == open(sys.argv[3], 'rb').read())\n"
    "print('str', a.get_content() == open(sys.argv[3], 'rb').read().decode('utf-8'))\n";

static void
test_python(void)
{
    const char *tmp = getenv("TMPDIR");
    const char *body = "Hej Anna!\n\nVälkommen till seminariet. Kallelsen är bifogad.\n"
                       "--=_samverka_part\n.\nFrom här.  \n";
    char dir[512], msg[600], py[600], bodyf[600], attf[600], cmd[3000], line[600];
    char text[8000], got[2000] = "";
    struct mailmsg m = {.from = "noreply@samverka.example",
                        .to = "anna@example.org",
                        .subject = "Bekräftelse: seminarium om skolmåltider",
                        .message_id = "7.0.samverka@samverka.example",
                        .date = 1774746000,
                        .attachment_name = "seminarium-7.ics",
                        .attachment_type = "text/calendar; method=REQUEST"};
    struct buf b;
    size_t i;
    FILE *p;

    if (access(PYTHON, X_OK) != 0) {
        ok(true, "python: # SKIP no " PYTHON);
        return;
    }
    text[0] = '\0';
    for (i = 0; i < 200; i++)
        strcat(text, i % 2 ? "DESCRIPTION:Skolmåltider\\, ett möte €\r\n" : "SUMMARY:x\r\n");
    m.body = body;
    m.attachment_text = text;
    snprintf(dir, sizeof(dir), "%s/samverka-test-mailpy.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL)
        bail_out("mkdtemp %s failed", dir);
    snprintf(msg, sizeof(msg), "%s/m.eml", dir);
    snprintf(py, sizeof(py), "%s/read.py", dir);
    snprintf(bodyf, sizeof(bodyf), "%s/body.txt", dir);
    snprintf(attf, sizeof(attf), "%s/att.ics", dir);
    format(&m, &b);
    if (!write_file(msg, b.data, b.len - 1) || !write_file(py, py_script, strlen(py_script)) ||
        !write_file(bodyf, body, strlen(body)) || !write_file(attf, text, strlen(text)))
        bail_out("cannot write to %s", dir);
    buf_free(&b);
    snprintf(cmd, sizeof(cmd), PYTHON " %s %s %s %s 2>&1", py, msg, bodyf, attf);
    p = popen(cmd, "r");
    if (p == NULL)
        bail_out("popen failed");
    while (fgets(line, sizeof(line), p) != NULL)
        if (strlen(got) + strlen(line) < sizeof(got))
            strcat(got, line);
    is_int(pclose(p), 0, "python: the email package reads the message");
    is_str(got,
           "type multipart/mixed\n"
           "defects 0\n"
           "parts 2\n"
           "text text/plain utf-8 False\n"
           "body True\n"
           "att text/calendar REQUEST utf-8 seminarium-7.ics seminarium-7.ics True\n"
           "data True\n"
           "str True\n",
           "python: multipart/mixed without defects; the text as written; the attachment named, "
           "typed and decoded to the original bytes");
    unlink(msg);
    unlink(py);
    unlink(bodyf);
    unlink(attf);
    rmdir(dir);
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

/* The message due first at now (ERR_NOTFOUND: none), into m. */
static enum err
due(struct db *db, struct arena *a, time_t now, struct mail *m)
{
    return mail_next_due(db, a, now, m);
}

/* Attachments, on both backends. The PostgreSQL database is shared with the other files'
 * checks, whose messages are due at today's times: these are queued at times near 1970's
 * start, so that "due at 200" sees only them. */
static void
test_attached(struct db *db)
{
    static const char *const bad_names[] = {"",
                                            ".ics",
                                            ".hidden.ics",
                                            "../invite.ics",
                                            "a/b.ics",
                                            "a b.ics",
                                            "inbjudan-å.ics",
                                            "x\r\nBcc: e@example.org",
                                            "in\"vite.ics"};
    static const char *const bad_types[] = {"",
                                            "text",
                                            "text/",
                                            "/calendar",
                                            "text/calendar;",
                                            "text/calendar; method=",
                                            "text/calendar; charset=latin1",
                                            "text/calendar; CharSet=UTF-8",
                                            "text/calendar; method=\"REQUEST\"",
                                            "text/calendar\r\nBcc: e@example.org",
                                            "text/calendar;  method=REQUEST",
                                            "text/calendar; name=x.ics; name=\"y\""};
    static const char *const good_types[] = {"text/calendar", "text/calendar; method=REQUEST",
                                             "text/calendar;method=PUBLISH",
                                             "application/vnd.ms-excel"};
    struct mail_attachment att = {"inbjudan.ics", "text/calendar; method=REQUEST",
                                  "BEGIN:VCALENDAR\r\nSUMMARY:Möte\r\nEND:VCALENDAR\r\n"};
    struct mail_attachment bad;
    char name[MAIL_ATTACHMENT_NAME_MAX + 2], *big;
    struct arena a;
    struct mail m;
    int64_t id = 0;
    size_t i;
    int refused = 0;

    arena_init(&a);
    for (i = 0; i < sizeof(good_types) / sizeof(good_types[0]); i++)
        ok(mail_is_attachment_type(good_types[i]), "%s: attachment type \"%s\" is one", backend,
           good_types[i]);
    memset(name, 'a', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    ok(!mail_is_attachment_name(name), "%s: a name of 101 bytes is not a file name", backend);
    name[sizeof(name) - 2] = '\0';
    ok(mail_is_attachment_name(name) && mail_is_attachment_name("seminarium_7.v2-sv.ics"),
       "%s: names of 100 bytes and of letters, digits, '.', '_', '-' are", backend);

    for (i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
        bad = att;
        bad.name = bad_names[i];
        refused +=
            mail_enqueue_attached(db, "a@example.org", "s", "b", &bad, 100, NULL) == ERR_INVALID;
    }
    is_int(refused, (int64_t)(sizeof(bad_names) / sizeof(bad_names[0])),
           "attached: each name that is no plain file name is refused");
    refused = 0;
    for (i = 0; i < sizeof(bad_types) / sizeof(bad_types[0]); i++) {
        bad = att;
        bad.type = bad_types[i];
        refused +=
            mail_enqueue_attached(db, "a@example.org", "s", "b", &bad, 100, NULL) == ERR_INVALID;
    }
    is_int(refused, (int64_t)(sizeof(bad_types) / sizeof(bad_types[0])),
           "attached: each type that is no MIME type (or names a charset) is refused");
    memset(name, 'x', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    bad = (struct mail_attachment){"a.ics", name, "t"};
    memcpy(name, "text/x", 6); /* text/xxxx...: 101 bytes */
    is_int(mail_enqueue_attached(db, "a@example.org", "s", "b", &bad, 100, NULL), ERR_INVALID,
           "attached: a type over 100 bytes is refused");
    bad = att;
    bad.text = "\xff\xfe";
    is_int(mail_enqueue_attached(db, "a@example.org", "s", "b", &bad, 100, NULL), ERR_INVALID,
           "attached: a text that is not UTF-8 is refused");
    bad.text = "nul\x01";
    is_int(mail_enqueue_attached(db, "a@example.org", "s", "b", &bad, 100, NULL), ERR_INVALID,
           "attached: a text with a control character is refused");
    big = malloc(MAIL_ATTACHMENT_MAX + 2);
    if (big == NULL)
        bail_out("out of memory");
    memset(big, 'x', MAIL_ATTACHMENT_MAX + 1);
    big[MAIL_ATTACHMENT_MAX + 1] = '\0';
    bad.text = big;
    is_int(mail_enqueue_attached(db, "a@example.org", "s", "b", &bad, 100, NULL), ERR_INVALID,
           "attached: a text over MAIL_ATTACHMENT_MAX is refused");
    bad = att;
    bad.type = NULL;
    is_int(mail_enqueue_attached(db, "a@example.org", "s", "b", &bad, 100, NULL), ERR_INVALID,
           "attached: an attachment without a type is refused");
    is_int(mail_enqueue_attached(db, "a b@example.org", "s", "b", &att, 100, NULL), ERR_INVALID,
           "attached: a bad address is refused with an attachment too");
    ok(due(db, &a, 200, &m) == ERR_NOTFOUND, "%s: attached: nothing refused is queued", backend);

    is_int(mail_enqueue_attached(db, "a@example.org", "Kallelse", "Se bilagan.\n", &att, 100, &id),
           ERR_OK, "attached: a message with an attachment is queued");
    ok(due(db, &a, 200, &m) == ERR_OK && m.id == id && strcmp(m.subject, "Kallelse") == 0 &&
           m.attachment.name != NULL && strcmp(m.attachment.name, att.name) == 0 &&
           m.attachment.type != NULL && strcmp(m.attachment.type, att.type) == 0 &&
           m.attachment.text != NULL && strcmp(m.attachment.text, att.text) == 0,
       "%s: attached: read back with its name, type and text", backend);
    is_int(mail_mark_sent(db, id, 200), ERR_OK, "attached: marked sent");

    is_int(mail_enqueue(db, "b@example.org", "Utan", "b", 101, &id), ERR_OK,
           "attached: a message without one is queued");
    ok(due(db, &a, 200, &m) == ERR_OK && m.id == id && m.attachment.name == NULL &&
           m.attachment.type == NULL && m.attachment.text == NULL,
       "%s: attached: read back without an attachment", backend);
    is_int(mail_mark_sent(db, id, 200), ERR_OK, "attached: marked sent");

    memset(big, 'y', MAIL_ATTACHMENT_MAX);
    big[MAIL_ATTACHMENT_MAX] = '\0';
    bad = (struct mail_attachment){"stor.txt", "text/plain", big};
    is_int(mail_enqueue_attached(db, "c@example.org", "Stor", "b", &bad, 102, &id), ERR_OK,
           "attached: a text of exactly MAIL_ATTACHMENT_MAX is queued");
    ok(due(db, &a, 200, &m) == ERR_OK && m.id == id && m.attachment.text != NULL &&
           strlen(m.attachment.text) == MAIL_ATTACHMENT_MAX,
       "%s: attached: ... and read back whole", backend);
    is_int(mail_mark_sent(db, id, 200), ERR_OK, "attached: marked sent");
    ok(due(db, &a, 200, &m) == ERR_NOTFOUND, "%s: attached: none left due", backend);
    free(big);
    arena_free(&a);
}

static void
test_all(struct db *db)
{
    /* the queue's own checks count every due row: on SQLite's database of this file only */
    if (strcmp(backend, "sqlite") == 0)
        test_queue(db);
    test_attached(db);
}

int
main(void)
{
    test_format();
    test_format_attached();
    test_python();
    test_address();
    return both_main("mail", test_all);
}
