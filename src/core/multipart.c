/*
 * multipart.c — the streaming multipart/form-data reader (see multipart.h).
 *
 * The body is read as if it began with CRLF, so the first boundary and every later one are
 * the same delimiter, CRLF "--" boundary, searched for byte by byte. A boundary holds no
 * CR, so when a partial match fails, the only place a new match can start is at the
 * failing byte itself (if it is a CR): the bytes matched so far are the delimiter's own
 * prefix and go out as data. Nothing of a file is kept but that prefix, at most 73 bytes.
 *
 * Never: hold a file's bytes, or let a file name reach anything but the callback.
 */
#include <string.h>
#include <strings.h>

#include "core/multipart.h"
#include "core/utf8.h"

enum {
    ST_PREAMBLE, /* before the first boundary: ignored */
    ST_AFTER,    /* right after a boundary: "--", padding or CRLF */
    ST_AFTER_CR, /* ... its CR read */
    ST_DASH,     /* ... its first '-' read */
    ST_HEAD,     /* a part's header lines */
    ST_BODY,     /* a part's content */
    ST_EPILOGUE, /* after the closing boundary: ignored */
};

static enum err
refuse(struct multipart *m, enum err rc, const char *msg)
{
    m->rc = rc;
    m->msg = msg;
    return rc;
}

/* RFC 2046's bchars: DIGIT ALPHA ' ( ) + _ , - . / : = ? and space (not last). */
static bool
is_bchar(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

/* RFC 9110's tchar. */
static bool
is_tchar(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static const char *
skip_ows(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

/*
 * A parameter value at s (a token or a quoted string with \-escapes) into out (at most max
 * bytes, NUL-terminated); returns the end of it, or NULL when it is malformed (ERR_INVALID)
 * or too long (*out_long).
 */
static const char *
param_value(const char *s, const char *end, char *out, size_t max, bool *out_long)
{
    size_t n = 0;

    *out_long = false;
    if (s < end && *s == '"') {
        for (s++; s < end && *s != '"'; s++) {
            if (*s == '\\' && s + 1 < end)
                s++;
            if (n == max) {
                *out_long = true;
                return NULL;
            }
            out[n++] = *s;
        }
        if (s == end)
            return NULL;
        out[n] = '\0';
        return s + 1;
    }
    for (; s < end && is_tchar((unsigned char)*s); s++) {
        if (n == max) {
            *out_long = true;
            return NULL;
        }
        out[n++] = *s;
    }
    out[n] = '\0';
    return n > 0 ? s : NULL;
}

/* Text that may name a part or a file: UTF-8, no C0 control character or DEL. */
static bool
is_clean(const char *s)
{
    size_t n = strlen(s), i;

    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return utf8_valid(s, n);
}

enum err
multipart_boundary(const char *ct, char *out, size_t out_size)
{
    static const char type[] = "multipart/form-data";
    const char *s, *end, *name;
    char value[MULTIPART_MAX_BOUNDARY + 2];
    size_t n, i;
    bool is_long;

    if (ct == NULL || out_size < MULTIPART_MAX_BOUNDARY + 1 ||
        strncasecmp(ct, type, sizeof(type) - 1) != 0)
        return ERR_INVALID;
    end = ct + strlen(ct);
    s = skip_ows(ct + sizeof(type) - 1, end);
    while (s < end) {
        if (*s != ';')
            return ERR_INVALID;
        s = skip_ows(s + 1, end);
        name = s;
        while (s < end && is_tchar((unsigned char)*s))
            s++;
        n = (size_t)(s - name);
        if (n == 0 || s == end || *s != '=')
            return ERR_INVALID;
        s = param_value(s + 1, end, value, MULTIPART_MAX_BOUNDARY + 1, &is_long);
        if (s == NULL)
            return ERR_INVALID;
        if (n == 8 && strncasecmp(name, "boundary", 8) == 0) {
            n = strlen(value);
            if (n == 0 || n > MULTIPART_MAX_BOUNDARY || value[n - 1] == ' ')
                return ERR_INVALID;
            for (i = 0; i < n; i++)
                if (!is_bchar((unsigned char)value[i]))
                    return ERR_INVALID;
            memcpy(out, value, n + 1);
            return ERR_OK;
        }
        s = skip_ows(s, end);
    }
    return ERR_INVALID;
}

void
multipart_init(struct multipart *m, const char *boundary, multipart_cb cb, void *ctx)
{
    size_t n = strlen(boundary);

    memset(m, 0, sizeof(*m));
    if (n > MULTIPART_MAX_BOUNDARY)
        n = MULTIPART_MAX_BOUNDARY;
    memcpy(m->delim, "\r\n--", 4);
    memcpy(m->delim + 4, boundary, n);
    m->delim_len = 4 + n;
    m->cb = cb;
    m->ctx = ctx;
    m->state = ST_PREAMBLE;
    m->match = 2; /* the body is read as if it began with CRLF */
}

void
multipart_set_cb(struct multipart *m, multipart_cb cb, void *ctx)
{
    m->cb = cb;
    m->ctx = ctx;
}

void
multipart_pause(struct multipart *m)
{
    m->paused = true;
}

const char *
multipart_error(const struct multipart *m)
{
    return m->msg;
}

/* One header line (without its CRLF): Content-Disposition and Content-Type are read, others
 * ignored. */
static enum err
header_line(struct multipart *m, const char *s, const char *end, bool *has_cd)
{
    const char *name = s, *pname;
    char value[MULTIPART_MAX_FILENAME + 1];
    size_t n, pn;
    bool is_long, has_name = false;

    if (s < end && (*s == ' ' || *s == '\t'))
        return refuse(m, ERR_INVALID, "a part's header is folded onto a second line");
    while (s < end && is_tchar((unsigned char)*s))
        s++;
    n = (size_t)(s - name);
    if (n == 0 || s == end || *s != ':')
        return refuse(m, ERR_INVALID, "a part's header line has no name and colon");
    s = skip_ows(s + 1, end);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (n == 12 && strncasecmp(name, "Content-Type", 12) == 0) {
        if ((size_t)(end - s) > MULTIPART_MAX_CTYPE)
            return refuse(m, ERR_LIMIT, "a part's Content-Type is too long");
        memcpy(m->ctype, s, (size_t)(end - s));
        m->ctype[end - s] = '\0';
        if (!is_clean(m->ctype))
            return refuse(m, ERR_INVALID, "a part's Content-Type holds a control character");
        return ERR_OK;
    }
    if (!(n == 19 && strncasecmp(name, "Content-Disposition", 19) == 0))
        return ERR_OK;
    if (*has_cd)
        return refuse(m, ERR_INVALID, "a part has two Content-Disposition headers");
    *has_cd = true;
    if ((size_t)(end - s) < 9 || strncasecmp(s, "form-data", 9) != 0)
        return refuse(m, ERR_INVALID, "a part is not form-data");
    s = skip_ows(s + 9, end);
    while (s < end) {
        if (*s != ';')
            return refuse(m, ERR_INVALID, "a part's Content-Disposition is malformed");
        s = skip_ows(s + 1, end);
        pname = s;
        while (s < end && is_tchar((unsigned char)*s))
            s++;
        pn = (size_t)(s - pname);
        s = skip_ows(s, end);
        if (pn == 0 || s == end || *s != '=')
            return refuse(m, ERR_INVALID, "a part's Content-Disposition is malformed");
        s = param_value(skip_ows(s + 1, end), end, value, sizeof(value) - 1, &is_long);
        if (s == NULL && is_long)
            return refuse(m, ERR_LIMIT, "a part's name or file name is too long");
        if (s == NULL)
            return refuse(m, ERR_INVALID, "a part's Content-Disposition is malformed");
        s = skip_ows(s, end);
        if (pn == 4 && strncasecmp(pname, "name", 4) == 0) {
            if (has_name)
                return refuse(m, ERR_INVALID, "a part has two names");
            if (strlen(value) > MULTIPART_MAX_NAME)
                return refuse(m, ERR_LIMIT, "a part's name is too long");
            if (value[0] == '\0' || !is_clean(value))
                return refuse(m, ERR_INVALID,
                              "a part's name is empty, not UTF-8 or has a "
                              "control character");
            memcpy(m->names[m->n_parts - 1], value, strlen(value) + 1);
            has_name = true;
        } else if (pn == 8 && strncasecmp(pname, "filename", 8) == 0) {
            if (m->part.filename != NULL)
                return refuse(m, ERR_INVALID, "a part has two file names");
            if (!is_clean(value))
                return refuse(m, ERR_INVALID,
                              "a file name is not UTF-8 or has a control character");
            memcpy(m->filename, value, strlen(value) + 1);
            m->part.filename = m->filename;
        }
        /* other parameters (filename*, which RFC 7578 says not to send) are ignored */
    }
    if (!has_name)
        return refuse(m, ERR_INVALID, "a part has no name");
    return ERR_OK;
}

/* The header block is complete (m->head ends with its blank line): read it, start the
 * part. */
static enum err
part_begin(struct multipart *m)
{
    const char *s = m->head, *end = m->head + m->head_len - 2, *eol;
    bool has_cd = false;
    enum err rc;
    int i;

    m->part.index = m->n_parts - 1;
    m->part.filename = NULL;
    m->ctype[0] = '\0';
    m->names[m->n_parts - 1][0] = '\0';
    while (s < end) {
        eol = s;
        while (eol + 1 < end && !(eol[0] == '\r' && eol[1] == '\n'))
            eol++;
        rc = header_line(m, s, eol, &has_cd);
        if (rc)
            return rc;
        s = eol + 2;
    }
    if (!has_cd)
        return refuse(m, ERR_INVALID, "a part has no Content-Disposition");
    for (i = 0; i < m->n_parts - 1; i++)
        if (strcmp(m->names[i], m->names[m->n_parts - 1]) == 0)
            return refuse(m, ERR_INVALID, "two parts have the same name");
    m->part.name = m->names[m->n_parts - 1];
    m->part.content_type = m->ctype;
    m->value_len = 0;
    if (m->part.filename == NULL)
        return ERR_OK;
    rc = m->cb(m->ctx, MP_FILE_BEGIN, &m->part, NULL, 0);
    if (rc)
        m->rc = rc;
    return rc;
}

/* Content bytes of the current part. */
static enum err
part_data(struct multipart *m, const char *data, size_t len)
{
    enum err rc;

    if (len == 0)
        return ERR_OK;
    if (m->part.filename == NULL) {
        if (m->value_len + len > MULTIPART_MAX_FIELD)
            return refuse(m, ERR_LIMIT, "a text field is too long");
        memcpy(m->value + m->value_len, data, len);
        m->value_len += len;
        return ERR_OK;
    }
    rc = m->cb(m->ctx, MP_FILE_DATA, &m->part, data, len);
    if (rc)
        m->rc = rc;
    return rc;
}

static enum err
part_end(struct multipart *m)
{
    enum err rc;

    if (m->part.filename == NULL) {
        m->value[m->value_len] = '\0';
        rc = m->cb(m->ctx, MP_FIELD, &m->part, m->value, m->value_len);
    } else {
        rc = m->cb(m->ctx, MP_FILE_END, &m->part, NULL, 0);
    }
    if (rc)
        m->rc = rc;
    return rc;
}

enum err
multipart_feed(struct multipart *m, const char *data, size_t len, size_t *out_used)
{
    size_t i, run = 0; /* run: where the data bytes not yet handed over start (ST_BODY) */
    unsigned char c;
    enum err rc;

    if (out_used != NULL)
        *out_used = 0;
    if (m->rc)
        return m->rc;
    m->paused = false;
    for (i = 0; i < len; i++) {
        c = (unsigned char)data[i];
        switch (m->state) {
        case ST_PREAMBLE:
        case ST_BODY:
            if (c == (unsigned char)m->delim[m->match]) {
                if (m->match == 0 && m->state == ST_BODY) {
                    rc = part_data(m, data + run, i - run);
                    if (rc)
                        return rc;
                }
                if (++m->match < m->delim_len)
                    continue;
                m->match = 0;
                if (m->state == ST_BODY) {
                    rc = part_end(m);
                    if (rc)
                        return rc;
                }
                m->state = ST_AFTER;
                m->padding = 0;
                if (m->paused) {
                    if (out_used != NULL)
                        *out_used = i + 1;
                    return ERR_OK;
                }
                continue;
            }
            if (m->match > 0) {
                /* what matched is data after all: the delimiter's own prefix */
                if (m->state == ST_BODY) {
                    rc = part_data(m, m->delim, m->match);
                    if (rc)
                        return rc;
                }
                m->match = c == '\r' ? 1 : 0;
                run = i + (c == '\r');
                continue;
            }
            break;
        case ST_AFTER:
            if (c == '-') {
                m->state = ST_DASH;
            } else if (c == '\r') {
                m->state = ST_AFTER_CR;
            } else if ((c == ' ' || c == '\t') && ++m->padding <= MULTIPART_MAX_PADDING) {
                break;
            } else {
                return refuse(m, ERR_INVALID,
                              "a boundary is followed by something else than "
                              "a line end");
            }
            break;
        case ST_DASH:
            if (c != '-')
                return refuse(m, ERR_INVALID,
                              "a boundary is followed by something else than "
                              "a line end");
            m->state = ST_EPILOGUE;
            break;
        case ST_AFTER_CR:
            if (c != '\n')
                return refuse(m, ERR_INVALID, "a boundary line does not end in CRLF");
            if (m->n_parts == MULTIPART_MAX_PARTS)
                return refuse(m, ERR_LIMIT, "the form has too many parts");
            m->n_parts++;
            m->head_len = 0;
            m->state = ST_HEAD;
            break;
        case ST_HEAD:
            if (m->head_len == sizeof(m->head))
                return refuse(m, ERR_LIMIT, "a part's header is too large");
            m->head[m->head_len++] = (char)c;
            if (c != '\n' || m->head_len < 2 || m->head[m->head_len - 2] != '\r')
                break;
            if (m->head_len == 2)
                return refuse(m, ERR_INVALID, "a part has no Content-Disposition");
            if (m->head_len < 4 || m->head[m->head_len - 3] != '\n' ||
                m->head[m->head_len - 4] != '\r')
                break;
            rc = part_begin(m);
            if (rc)
                return rc;
            m->state = ST_BODY;
            m->match = 0;
            run = i + 1;
            break;
        case ST_EPILOGUE:
            if (out_used != NULL)
                *out_used = len;
            return ERR_OK;
        }
    }
    /* the data up to a partial match was handed over when the match began; the match
     * itself is kept (it is the delimiter's prefix) until the next bytes decide */
    if (m->state == ST_BODY && m->match == 0) {
        rc = part_data(m, data + run, len - run);
        if (rc)
            return rc;
    }
    if (out_used != NULL)
        *out_used = len;
    return ERR_OK;
}

enum err
multipart_finish(struct multipart *m)
{
    if (m->rc)
        return m->rc;
    if (m->state != ST_EPILOGUE)
        return refuse(m, ERR_INVALID, "the body ends before its closing boundary");
    return ERR_OK;
}
