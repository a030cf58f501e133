/*
 * upload.c — reading a form's file upload (see upload.h): the csrf part first, checked by
 * the dispatcher, then the rest for the handler, 64 KiB at a time from the spooled body.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/seclog.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/upload.h"

#define UPLOAD_CHUNK (64u << 10)

struct upload {
    struct multipart m;
    struct req *rq;
    size_t off;       /* bytes of the body the reader has taken */
    const char *csrf; /* the first part's value, when it is the csrf field */
};

/* Up to max bytes of the body at u->off: from the spool file, or from memory (a body
 * handed over whole). -1 on a read error (logged). */
static ssize_t
body_read(struct upload *u, char *out, size_t max)
{
    struct req *rq = u->rq;
    ssize_t n;

    if (rq->body_fd < 0) {
        n = u->off < rq->body_len ? (ssize_t)(rq->body_len - u->off) : 0;
        if ((size_t)n > max)
            n = (ssize_t)max;
        if (n > 0)
            memcpy(out, rq->body + u->off, (size_t)n);
        return n;
    }
    do
        n = pread(rq->body_fd, out, max, (off_t)u->off);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        log_msg(LOG_ERROR, "msg=\"cannot read the spooled upload\" errno=%d", errno);
    return n;
}

/*
 * Feed the reader from u->off: to the end of the body (then the closing boundary must have
 * been read), or until a callback pauses it (to_pause). ERR_IO on a read error.
 */
static enum err
run(struct upload *u, bool to_pause)
{
    char chunk[UPLOAD_CHUNK];
    size_t used;
    ssize_t n;
    enum err rc;

    for (;;) {
        n = body_read(u, chunk, sizeof(chunk));
        if (n < 0)
            return ERR_IO;
        if (n == 0)
            return multipart_finish(&u->m);
        rc = multipart_feed(&u->m, chunk, (size_t)n, &used);
        u->off += used;
        if (rc)
            return rc;
        if (to_pause && used < (size_t)n)
            return ERR_OK;
        if (to_pause && u->csrf != NULL)
            return ERR_OK; /* the first part ended exactly at the end of the chunk */
    }
}

/* The dispatcher's callback: the first part must be the csrf field; it stops there. */
static enum err
first_part(void *ctx, enum multipart_event ev, const struct multipart_part *p, const char *data,
           size_t len)
{
    struct upload *u = ctx;

    if (ev != MP_FIELD || p->index != 0 || strcmp(p->name, "csrf") != 0)
        return ERR_CONFLICT; /* not ours to read further: refused below */
    u->csrf = arena_strndup(u->rq->arena, data, len);
    multipart_pause(&u->m);
    return ERR_OK;
}

bool
upload_in(struct req *rq)
{
    struct upload *u = arena_alloc(rq->arena, sizeof(*u));
    char boundary[MULTIPART_MAX_BOUNDARY + 1];
    enum err rc;

    memset(u, 0, sizeof(*u));
    u->rq = rq;
    if (multipart_boundary(rq->content_type, boundary, sizeof(boundary)) != ERR_OK) {
        /* web_prepare checked the header: only a body handed over otherwise gets here */
        web_error(rq, 415, "Content-Type",
                  _("The body must be a form with a file "
                    "(multipart/form-data)."));
        return false;
    }
    multipart_init(&u->m, boundary, first_part, u);
    rc = run(u, true);
    if (rc == ERR_IO) {
        web_error(rq, 500, NULL, _("Something went wrong on our side. It has been logged."));
        return false;
    }
    if ((rc == ERR_INVALID || rc == ERR_LIMIT) && u->csrf == NULL) {
        log_msg(LOG_INFO, "msg=\"upload refused\" why=\"%s\"", multipart_error(&u->m));
        web_error(rq, rc == ERR_LIMIT ? 413 : 400, NULL,
                  _("The form could not be read. Please reload the page and try again."));
        return false;
    }
    if (u->csrf == NULL || !auth_csrf_ok(rq, u->csrf)) {
        seclog_event((int64_t)time(NULL), "csrf.refused", 0, NULL, rq->client_ip,
                     (struct seclog_field[]){SECLOG_STR("path", rq->log_path), {"why", "token", 0}},
                     2);
        web_error(rq, 403, "csrf",
                  _("This form has expired or did not come from this site. Please reload the page "
                    "and send it again."));
        return false;
    }
    rq->upload = u;
    return true;
}

enum err
upload_read(struct req *rq, multipart_cb cb, void *ctx, const char **out_msg)
{
    struct upload *u = rq->upload;
    enum err rc;

    *out_msg = NULL;
    if (u == NULL)
        return ERR_INVALID;
    multipart_set_cb(&u->m, cb, ctx);
    rc = run(u, false);
    *out_msg = multipart_error(&u->m);
    return rc;
}
