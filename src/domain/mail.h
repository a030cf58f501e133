/*
 * mail.h — outgoing email: a queue in the database (table mail_queue), and the
 * sender that delivers what is due over SMTP through libcurl.
 *
 * Callers (password reset, review notifications) only enqueue, in their own
 * transaction if they like; delivery happens later, so a request never waits on
 * an SMTP server. A failed attempt is retried after an exponentially growing
 * delay, and a message is given up after MAIL_MAX_ATTEMPTS.
 */
#ifndef DOMAIN_MAIL_H
#define DOMAIN_MAIL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "core/arena.h"
#include "db/db.h"

#define MAIL_ADDR_MAX            254    /* RFC 5321: a path of at most 256 octets with <> */
#define MAIL_SUBJECT_MAX         200    /* bytes of UTF-8 */
#define MAIL_BODY_MAX            65536  /* bytes of UTF-8 */
#define MAIL_ERROR_MAX           200    /* bytes of last_error */
#define MAIL_ATTACHMENT_MAX      262144 /* bytes of an attachment's UTF-8 text */
#define MAIL_ATTACHMENT_NAME_MAX 100    /* bytes of its file name */
#define MAIL_ATTACHMENT_TYPE_MAX 100    /* bytes of its MIME type */
#define MAIL_MAX_ATTEMPTS        8      /* then the message is given up */
#define MAIL_RETRY_FIRST         60     /* seconds before the second attempt; doubled each time */
#define MAIL_RETRY_MAX           21600  /* the delay grows no longer than six hours */

/* A message's one attachment, text (an .ics): sent base64-encoded in UTF-8. */
struct mail_attachment {
    const char *name; /* a plain file name: [A-Za-z0-9._-], 1-100 bytes, no leading dot */
    const char *type; /* a MIME type and parameters: "text/calendar; method=REQUEST" */
    const char *text; /* UTF-8, at most MAIL_ATTACHMENT_MAX bytes */
};

/* One queued message. */
struct mail {
    int64_t id;
    const char *to, *subject, *body;
    struct mail_attachment attachment; /* its fields NULL: none */
    int attempts;                      /* made so far */
};

/* Is s one plain addr-spec (local@domain, printable ASCII, no spaces, quotes, commas or
 * angle brackets, within MAIL_ADDR_MAX)? Only such addresses go into a header or an
 * SMTP command, so no input can add a recipient or a header. */
bool mail_is_address(const char *s);
/* Queue a message. ERR_INVALID: not one address, a subject empty, too long, not UTF-8
 * or with a control character (CR, LF), or a body too long or not UTF-8; nothing is
 * queued then. */
enum err mail_enqueue(struct db *db, const char *to, const char *subject, const char *body,
                      time_t now, int64_t *out_id);
/* mail_enqueue with one attachment (att NULL: none, as mail_enqueue). ERR_INVALID also
 * when its name is not a plain file name (mail_attachment's), its type not a MIME type
 * ("type/subtype" and "; name=value" parameters of letters, digits and "!#$&^_.+-",
 * no charset: UTF-8 is added) within MAIL_ATTACHMENT_TYPE_MAX, or its text longer than
 * MAIL_ATTACHMENT_MAX, not UTF-8 or with a control character other than CR, LF and TAB;
 * nothing is queued then. */
enum err mail_enqueue_attached(struct db *db, const char *to, const char *subject, const char *body,
                               const struct mail_attachment *att, time_t now, int64_t *out_id);
/* Is s a plain attachment file name? Is it an attachment MIME type? (Both as above.) */
bool mail_is_attachment_name(const char *s);
bool mail_is_attachment_type(const char *s);
/* The message due first at now, copied into a; ERR_NOTFOUND when none is due. */
enum err mail_next_due(struct db *db, struct arena *a, time_t now, struct mail *out);
enum err mail_mark_sent(struct db *db, int64_t id, time_t now);
/* Record a failed attempt (the attempts made so far before it, in m) and when to try
 * again; after MAIL_MAX_ATTEMPTS it is not tried again. error is stored shortened and
 * with anything but printable ASCII replaced: it must name no secret. */
enum err mail_mark_failed(struct db *db, const struct mail *m, time_t now, const char *error);
/* Seconds to wait after the attempts-th failed attempt (1, 2, ...). */
long mail_retry_delay(int attempts);

/* Where and as whom mail is sent. user and password come from the environment only
 * (SAMVERKA_SMTP_USER, SAMVERKA_SMTP_PASSWORD) and are never logged. */
struct mail_conf {
    const char *smtp_url;        /* smtp://host:port or smtps://host:port */
    const char *from;            /* addr-spec */
    const char *user, *password; /* NULL: no authentication */
    long timeout;                /* seconds for one message */
    /* called with true before each use of db and with false after it (NULL: not called),
     * wrote saying whether that use may have committed: a server holds its lock on the
     * connection there, as its change watcher reads the same connection's data version,
     * and counts the commits as its own (they show on no page). Never held while a
     * message is on its way. */
    void (*hold)(void *ctx, bool on, bool wrote);
    void *hold_ctx;
};

/* Send every message due at now, one attempt each; out_sent and out_failed count
 * them. ERR_DB when the queue cannot be read or written; a failed send is no error
 * here (it is recorded on its row). curl_global_init must have run. */
enum err mail_send_due(struct db *db, const struct mail_conf *conf, time_t now, int *out_sent,
                       int *out_failed);

#endif
