/*
 * mail_send.c — delivery of the mail queue over SMTP through libcurl (see
 * mail.h). The message text comes from core/mailmsg.c, which is pure and
 * unit-tested; this file is the glue: it reads what is due, hands each message
 * to libcurl and records the outcome on its row. It lives in domain, beside the
 * queue whose rules (backoff, giving up) it applies, so that the CLI and the
 * server's background worker, both above domain, can call it.
 */
#include "domain/mail.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mailmsg.h"

/* The message as libcurl reads it, in pieces. */
struct upload {
    const char *data;
    size_t len, pos;
};

static size_t
upload_read(char *dst, size_t size, size_t n, void *arg)
{
    struct upload *u = arg;
    size_t take = size * n;

    if (take > u->len - u->pos)
        take = u->len - u->pos;
    memcpy(dst, u->data + u->pos, take);
    u->pos += take;
    return take;
}

/* One attempt at m; on failure err receives a short, secret-free reason. */
static bool
send_one(const struct mail_conf *conf, const struct mail *m, time_t now, char *err, size_t errsz)
{
    char from[MAIL_ADDR_MAX + 3], to[MAIL_ADDR_MAX + 3], id[64 + MAIL_ADDR_MAX];
    struct curl_slist *rcpt = NULL;
    struct mailmsg msg;
    struct upload u;
    struct buf b;
    CURLcode cc = CURLE_OUT_OF_MEMORY;
    CURL *curl;
    long code = 0;

    /* Message-ID: the queue id and the time, at the sender's domain (unique per queue) */
    snprintf(id, sizeof(id), "%lld.%lld.samverka%s", (long long)m->id, (long long)now,
             strchr(conf->from, '@'));
    msg = (struct mailmsg){.from = conf->from,
                           .to = m->to,
                           .subject = m->subject,
                           .body = m->body,
                           .message_id = id,
                           .date = now,
                           .attachment_name = m->attachment.name,
                           .attachment_type = m->attachment.type,
                           .attachment_text = m->attachment.text};
    /* quoted-printable takes at most 3 bytes a byte and its soft breaks 3 more per 73;
     * base64 4 per 3 and a CRLF per 57: room for both, and for the headers */
    buf_init(&b, 4 * MAIL_BODY_MAX + 2 * MAIL_ATTACHMENT_MAX);
    mailmsg_format(&b, &msg);
    if (buf_err(&b)) {
        snprintf(err, errsz, "message too large");
        buf_free(&b);
        return false;
    }
    u = (struct upload){.data = b.data, .len = b.len};
    snprintf(from, sizeof(from), "<%s>", conf->from);
    snprintf(to, sizeof(to), "<%s>", m->to);
    curl = curl_easy_init();
    if (curl != NULL)
        rcpt = curl_slist_append(NULL, to);
    if (curl != NULL && rcpt != NULL) {
        curl_easy_setopt(curl, CURLOPT_URL, conf->smtp_url);
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
        curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
        curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, upload_read);
        curl_easy_setopt(curl, CURLOPT_READDATA, &u);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, conf->timeout);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        if (conf->user != NULL) {
            /* credentials never cross the network in clear */
            curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
            curl_easy_setopt(curl, CURLOPT_USERNAME, conf->user);
            curl_easy_setopt(curl, CURLOPT_PASSWORD, conf->password ? conf->password : "");
        } else {
            curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
        }
        cc = curl_easy_perform(curl);
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    }
    /* curl's own message and the SMTP code only: the server's text could echo anything */
    if (cc != CURLE_OK)
        snprintf(err, errsz, "%s (smtp %ld)", curl_easy_strerror(cc), code);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    buf_free(&b);
    return cc == CURLE_OK;
}

static void
hold(const struct mail_conf *conf, bool on, bool wrote)
{
    if (conf->hold != NULL)
        conf->hold(conf->hold_ctx, on, wrote);
}

enum err
mail_send_due(struct db *db, const struct mail_conf *conf, time_t now, int *out_sent,
              int *out_failed)
{
    char err[MAIL_ERROR_MAX + 1];
    struct arena a;
    struct mail m;
    enum err rc;
    bool ok;

    *out_sent = 0;
    *out_failed = 0;
    arena_init(&a);
    /* each attempt moves its row out of "due" (sent, or next_at later than now) */
    for (;;) {
        hold(conf, true, false);
        rc = mail_next_due(db, &a, now, &m);
        hold(conf, false, false);
        if (rc)
            break;
        ok = send_one(conf, &m, now, err, sizeof(err));
        if (!ok)
            log_msg(LOG_WARN, "msg=\"mail not sent\" id=%lld attempt=%d error=\"%s\"",
                    (long long)m.id, m.attempts + 1, err);
        /* each mark in a transaction of its own: a watching connection (db_opts.watch)
         * knows its own commits only from a transaction's end (PostgreSQL's pg_commit) */
        hold(conf, true, false);
        rc = db_begin(db);
        if (rc == ERR_OK) {
            rc = ok ? mail_mark_sent(db, m.id, now) : mail_mark_failed(db, &m, now, err);
            if (rc == ERR_OK)
                rc = db_commit(db);
            else
                db_rollback(db);
        }
        hold(conf, false, true);
        if (ok)
            (*out_sent)++;
        else
            (*out_failed)++;
        arena_reset(&a);
        if (rc)
            break;
    }
    arena_free(&a);
    return rc == ERR_NOTFOUND ? ERR_OK : rc;
}
