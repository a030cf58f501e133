/*
 * seclog.c — the security event log (see seclog.h).
 *
 * The descriptor is set before the threads start and only read afterwards; each line is
 * one write(2), which O_APPEND (a file) or PIPE_BUF (a pipe) keeps whole, so no lock.
 */
#include "core/seclog.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/utf8.h"

static int seclog_fd = STDERR_FILENO;
static _Thread_local char t_addr[SECLOG_ADDR_MAX];

int
seclog_open(const char *path)
{
    int fd;

    if (path == NULL || *path == '\0')
        return 0;
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0)
        return -1;
    seclog_close();
    seclog_fd = fd;
    return 0;
}

void
seclog_close(void)
{
    if (seclog_fd != STDERR_FILENO)
        close(seclog_fd);
    seclog_fd = STDERR_FILENO;
}

void
seclog_set_address(const char *ip)
{
    snprintf(t_addr, sizeof(t_addr), "%s", ip != NULL ? ip : "");
}

/* The length of the sequence at s (of n bytes) once clip has made it valid: an invalid
 * byte is one byte of s and the three of U+FFFD. */
static size_t
seq(const char *s, size_t n, size_t *out_len)
{
    size_t k = utf8_seq_len(s, n);

    *out_len = k != 0 ? k : 3;
    return k != 0 ? k : 1;
}

/*
 * s as valid UTF-8 of at most max bytes, into out (max + 1 bytes): an invalid byte
 * becomes U+FFFD, and a text too long is cut at a character and ends in "...".
 */
static const char *
clip(const char *s, size_t max, char *out)
{
    size_t n = strlen(s), i, o = 0, in, len, limit;

    for (i = 0; i < n; i += in, o += len)
        in = seq(s + i, n - i, &len);
    limit = o <= max ? max : max - 3;
    for (i = 0, o = 0; i < n; i += in, o += len) {
        in = seq(s + i, n - i, &len);
        if (o + len > limit)
            break;
        if (len == in)
            memcpy(out + o, s + i, len);
        else
            memcpy(out + o, "\xef\xbf\xbd", 3);
    }
    if (i < n) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}

/* One line into b with every text cut to max bytes; ERR_LIMIT past SECLOG_LINE_MAX. */
static enum err
build(struct buf *b, size_t max, const char *time, const char *event, int64_t user_id,
      const char *email, const char *ip, const struct seclog_field *f, int n)
{
    char v[SECLOG_VALUE_MAX + 1];
    struct json j;
    enum err rc;
    int i;

    buf_reset(b);
    json_init(&j, b);
    json_obj_open(&j);
    json_kstr(&j, "time", time);
    json_kstr(&j, "event", clip(event, max, v));
    json_key(&j, "user");
    if (user_id == 0 && email == NULL) {
        json_nil(&j);
    } else {
        json_obj_open(&j);
        if (user_id != 0)
            json_kint(&j, "id", user_id);
        if (email != NULL)
            json_kstr(&j, "email", clip(email, max, v));
        json_obj_close(&j);
    }
    json_kstr(&j, "ip", *ip != '\0' ? clip(ip, max, v) : NULL);
    for (i = 0; i < n; i++) {
        if (f[i].str != NULL)
            json_kstr(&j, f[i].key, clip(f[i].str, max, v));
        else
            json_kint(&j, f[i].key, f[i].num);
    }
    json_obj_close(&j);
    buf_addc(b, '\n');
    rc = json_finish(&j);
    return rc ? rc : buf_err(b);
}

void
seclog_event(int64_t now, const char *event, int64_t user_id, const char *email, const char *ip,
             const struct seclog_field *f, int n)
{
    char when[32];
    struct buf b;
    struct tm tm;
    time_t t = (time_t)now;
    ssize_t w;

    assert(n >= 0 && n <= SECLOG_MAX_FIELDS);
    if (gmtime_r(&t, &tm) == NULL || strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(when, sizeof(when), "%s", "1970-01-01T00:00:00Z");
    if (ip == NULL)
        ip = t_addr;
    buf_init(&b, SECLOG_LINE_MAX);
    if (build(&b, SECLOG_VALUE_MAX, when, event, user_id, email, ip, f, n) != ERR_OK)
        build(&b, SECLOG_VALUE_SHORT, when, event, user_id, email, ip, f, n);
    if (buf_err(&b) == ERR_OK && b.len > 0) {
        do
            w = write(seclog_fd, b.data, b.len);
        while (w < 0 && errno == EINTR);
    }
    buf_free(&b);
}
