/*
 * mail.c — the outgoing mail queue (see mail.h). The SMTP transport is in
 * mail_send.c.
 */
#include "domain/mail.h"

#include <string.h>
#include <strings.h>

#include "core/utf8.h"

bool
mail_is_address(const char *s)
{
    const char *at = NULL, *p;
    size_t n = strlen(s);

    if (n < 3 || n > MAIL_ADDR_MAX)
        return false;
    for (p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;

        if (c <= 0x20 || c >= 0x7f || strchr("\"(),:;<>[\\]", c) != NULL)
            return false;
        if (c == '@') {
            if (at != NULL)
                return false;
            at = p;
        }
    }
    return at != NULL && at != s && at[1] != '\0' && at[1] != '.' && s[n - 1] != '.';
}

static bool
is_text(const char *s, size_t max, bool lines)
{
    size_t n = strlen(s);
    const char *p;

    if (n > max || !utf8_valid(s, n))
        return false;
    for (p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;

        if ((c < 0x20 && !(lines && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
            return false;
    }
    return true;
}

bool
mail_is_attachment_name(const char *s)
{
    size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    return n > 0 && s[n] == '\0' && n <= MAIL_ATTACHMENT_NAME_MAX && s[0] != '.';
}

/* The length of the RFC 6838 restricted-name at s (letters, digits, "!#$&^_.+-"), or 0. */
static size_t
mime_token(const char *s)
{
    return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&^_.+-");
}

bool
mail_is_attachment_type(const char *s)
{
    const char *p = s;
    size_t n;

    if (strlen(s) > MAIL_ATTACHMENT_TYPE_MAX)
        return false;
    /* type "/" subtype */
    n = mime_token(p);
    if (n == 0 || p[n] != '/')
        return false;
    p += n + 1;
    n = mime_token(p);
    if (n == 0)
        return false;
    p += n;
    /* *( ";" [" "] attribute "=" value ), charset is ours to add */
    while (*p == ';') {
        p++;
        if (*p == ' ')
            p++;
        n = mime_token(p);
        if (n == 0 || p[n] != '=' || (n == 7 && strncasecmp(p, "charset", 7) == 0))
            return false;
        p += n + 1;
        n = mime_token(p);
        if (n == 0)
            return false;
        p += n;
    }
    return *p == '\0';
}

enum err
mail_enqueue_attached(struct db *db, const char *to, const char *subject, const char *body,
                      const struct mail_attachment *att, time_t now, int64_t *out_id)
{
    struct db_stmt *st;
    enum err rc;
    bool row;

    if (!mail_is_address(to) || *subject == '\0' || !is_text(subject, MAIL_SUBJECT_MAX, false) ||
        !is_text(body, MAIL_BODY_MAX, true))
        return ERR_INVALID;
    if (att != NULL &&
        (att->name == NULL || att->type == NULL || att->text == NULL ||
         !mail_is_attachment_name(att->name) || !mail_is_attachment_type(att->type) ||
         !is_text(att->text, MAIL_ATTACHMENT_MAX, true)))
        return ERR_INVALID;
    st = db_stmt(db, Q_MAIL_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, to);
    db_bind_text(st, 2, subject);
    db_bind_text(st, 3, body);
    db_bind_i64(st, 4, (int64_t)now);
    if (att != NULL) {
        db_bind_text(st, 5, att->name);
        db_bind_text(st, 6, att->type);
        db_bind_text(st, 7, att->text);
    } else {
        db_bind_null(st, 5);
        db_bind_null(st, 6);
        db_bind_null(st, 7);
    }
    rc = db_step(st, &row);
    if (rc == ERR_OK && row && out_id != NULL)
        *out_id = db_i64(st, 0);
    db_done(st);
    return rc;
}

enum err
mail_enqueue(struct db *db, const char *to, const char *subject, const char *body, time_t now,
             int64_t *out_id)
{
    return mail_enqueue_attached(db, to, subject, body, NULL, now, out_id);
}

enum err
mail_next_due(struct db *db, struct arena *a, time_t now, struct mail *out)
{
    struct db_stmt *st;
    enum err rc;
    bool row;

    st = db_stmt(db, Q_MAIL_NEXT_DUE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, (int64_t)now);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK) {
        out->id = db_i64(st, 0);
        out->to = arena_strdup(a, db_text(st, 1));
        out->subject = arena_strdup(a, db_text(st, 2));
        out->body = arena_strdup(a, db_text(st, 3));
        out->attempts = (int)db_i64(st, 4);
        out->attachment = (struct mail_attachment){NULL, NULL, NULL};
        if (db_type(st, 5) != DB_NULL && db_type(st, 6) != DB_NULL && db_type(st, 7) != DB_NULL) {
            out->attachment.name = db_text_dup(st, 5, a);
            out->attachment.type = db_text_dup(st, 6, a);
            out->attachment.text = db_text_dup(st, 7, a);
        }
    }
    db_done(st);
    return rc;
}

enum err
mail_mark_sent(struct db *db, int64_t id, time_t now)
{
    struct db_stmt *st = db_stmt(db, Q_MAIL_SENT);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    db_bind_i64(st, 2, (int64_t)now);
    return db_run(st);
}

long
mail_retry_delay(int attempts)
{
    long d = MAIL_RETRY_FIRST;

    while (--attempts > 0 && d < MAIL_RETRY_MAX)
        d *= 2;
    return d < MAIL_RETRY_MAX ? d : MAIL_RETRY_MAX;
}

enum err
mail_mark_failed(struct db *db, const struct mail *m, time_t now, const char *error)
{
    char msg[MAIL_ERROR_MAX + 1];
    struct db_stmt *st;
    int attempts = m->attempts + 1;
    size_t i;

    for (i = 0; i < MAIL_ERROR_MAX && error[i] != '\0'; i++)
        msg[i] = error[i] >= 0x20 && error[i] < 0x7f ? error[i] : '?';
    msg[i] = '\0';
    st = db_stmt(db, Q_MAIL_FAILED);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, m->id);
    db_bind_i64(st, 2, attempts);
    if (attempts >= MAIL_MAX_ATTEMPTS)
        db_bind_null(st, 3);
    else
        db_bind_i64(st, 3, (int64_t)now + mail_retry_delay(attempts));
    db_bind_text(st, 4, msg);
    return db_run(st);
}
