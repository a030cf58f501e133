/*
 * seclog.h — the security event log (SECURITY.md items 27 and 28): one JSON object per
 * line, for sign-ins and their failures and throttling, sign-outs, password changes,
 * disabled accounts, role changes, API tokens created, revoked and used, refused CSRF
 * tokens.
 *
 *   {"time":"2026-12-03T13:00:00Z","event":"signin.failure",
 *    "user":{"id":7,"email":"a@example.org"},"ip":"192.0.2.1","reason":"password"}
 *
 * "time" is UTC (RFC 3339, Z), from the caller's clock; "user" has the id and/or the
 * e-mail address that are known (null when neither is); "ip" is the client's address
 * (null when there is none, as for the CLI); then the event's own fields. Every string
 * goes through core/json.c's escaper, so no value can end a line or start another
 * object; invalid UTF-8 becomes U+FFFD, and a text longer than SECLOG_VALUE_MAX bytes is
 * cut (at a character) and ends in "...". A line is written with one write(2) on an
 * O_APPEND descriptor, so lines of several threads never interleave (no lock), and is
 * kept under PIPE_BUF (4096 bytes): should one come out longer, it is built again with
 * every text cut to SECLOG_VALUE_SHORT bytes.
 *
 * Never: log a password, a token, a cookie, a CSRF value or a TOTP code; callers pass
 * none of them, and no field here is meant for one.
 */
#ifndef CORE_SECLOG_H
#define CORE_SECLOG_H

#include <stdint.h>

#define SECLOG_VALUE_MAX   200 /* bytes of a text kept */
#define SECLOG_VALUE_SHORT 40  /* ... when the line would pass SECLOG_LINE_MAX */
#define SECLOG_LINE_MAX    4096
#define SECLOG_MAX_FIELDS  6 /* an event's own fields, besides time, event, user and ip */
#define SECLOG_ADDR_MAX    64

struct seclog_field {
    const char *key; /* a literal */
    const char *str; /* a text value; NULL: the number */
    int64_t num;
};

/* A text field, and a number field. */
#define SECLOG_STR(k, v) ((struct seclog_field){(k), (v) != NULL ? (v) : "", 0})
#define SECLOG_INT(k, v) ((struct seclog_field){(k), NULL, (v)})

/*
 * Where the lines go: path (created with mode 0640 if absent, appended to), or standard
 * error for NULL or "". Call once, before any thread starts (the descriptor is then only
 * read). Returns 0, or -1 with errno set (the sink is left as it was).
 */
int seclog_open(const char *path);
/* Close a file opened by seclog_open (standard error again); after the threads end. */
void seclog_close(void);

/*
 * This thread's client address (copied; NULL or "" forgets it): what an event without an
 * address of its own logs as "ip". The server sets it for each request.
 */
void seclog_set_address(const char *ip);

/*
 * Write one event at now (Unix seconds): user_id (0: unknown) and email (NULL: unknown)
 * make "user"; ip NULL is the thread's address (seclog_set_address). At most
 * SECLOG_MAX_FIELDS fields f. Failures to write are not reported: the event happened
 * whether or not it could be logged.
 */
void seclog_event(int64_t now, const char *event, int64_t user_id, const char *email,
                  const char *ip, const struct seclog_field *f, int n);

#endif
