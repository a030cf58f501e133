/*
 * mailmsg.c — RFC 5322 message formatting (see mailmsg.h).
 */
#include "core/mailmsg.h"

#include <sodium.h>
#include <stdbool.h>
#include <string.h>

/* RFC 2047 keeps a line with encoded-words within 76 characters: "Subject: " takes 9,
 * "=?UTF-8?B?" and "?=" 12, so 39 bytes of text (52 of base64) per word, cut only
 * between UTF-8 characters: 73 characters on the first line, 65 on the others. */
#define WORD_BYTES 39
/* RFC 2045: quoted-printable lines of at most 76 characters, the soft break's "=" too. */
#define QP_LINE 76
/* RFC 2045: base64 lines of at most 76 characters, 57 bytes each. */
#define B64_LINE_BYTES 57

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
base64(struct buf *out, const unsigned char *p, size_t n)
{
    size_t i;

    for (i = 0; i + 2 < n; i += 3) {
        buf_addc(out, b64[p[i] >> 2]);
        buf_addc(out, b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
        buf_addc(out, b64[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)]);
        buf_addc(out, b64[p[i + 2] & 63]);
    }
    if (n - i == 1) {
        buf_addc(out, b64[p[i] >> 2]);
        buf_addc(out, b64[(p[i] & 3) << 4]);
        buf_adds(out, "==");
    } else if (n - i == 2) {
        buf_addc(out, b64[p[i] >> 2]);
        buf_addc(out, b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
        buf_addc(out, b64[(p[i + 1] & 15) << 2]);
        buf_addc(out, '=');
    }
}

static bool
is_plain_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return false;
    return true;
}

/* The subject as is when it is printable ASCII (and short enough not to need folding),
 * else as base64 encoded-words on folded lines. */
static void
subject(struct buf *out, const char *s)
{
    size_t n = strlen(s), i = 0, len;

    buf_adds(out, "Subject: ");
    if (is_plain_ascii(s) && n <= 900 && strstr(s, "=?") == NULL) {
        buf_adds(out, s);
        buf_adds(out, "\r\n");
        return;
    }
    while (i < n) {
        len = n - i < WORD_BYTES ? n - i : WORD_BYTES;
        /* back off to the start of a character: continuation bytes are 10xxxxxx */
        while (i + len < n && len > 0 && ((unsigned char)s[i + len] & 0xc0) == 0x80)
            len--;
        if (len == 0) /* not UTF-8 (the caller validates): take the bytes as they are */
            len = n - i < WORD_BYTES ? n - i : WORD_BYTES;
        if (i > 0)
            buf_adds(out, "\r\n ");
        buf_adds(out, "=?UTF-8?B?");
        base64(out, (const unsigned char *)s + i, len);
        buf_adds(out, "?=");
        i += len;
    }
    buf_adds(out, "\r\n");
}

/* One byte of a quoted-printable line: literal when safe, else =XX. A space or tab is
 * encoded at the end of a line (transports strip trailing white space), and a "." or
 * "F" at the start of one (SMTP's end-of-data line; "From " lines in mbox files). */
static void
qp_byte(struct buf *out, unsigned char c, bool at_end, size_t *col)
{
    static const char hex[] = "0123456789ABCDEF";
    bool literal = (c >= 0x21 && c <= 0x7e && c != '=') || ((c == ' ' || c == '\t') && !at_end);

    /* a soft break keeps room for its "=" unless this is the line's last byte */
    if (*col + (literal ? 1 : 3) > (at_end ? QP_LINE : QP_LINE - 1)) {
        buf_adds(out, "=\r\n");
        *col = 0;
    }
    if (*col == 0 && (c == '.' || c == 'F'))
        literal = false;
    if (literal) {
        buf_addc(out, (char)c);
        *col += 1;
    } else {
        buf_addc(out, '=');
        buf_addc(out, hex[c >> 4]);
        buf_addc(out, hex[c & 15]);
        *col += 3;
    }
}

static void
body_qp(struct buf *out, const char *s)
{
    size_t col, i, end;

    while (*s) {
        end = strcspn(s, "\n");
        if (end > 0 && s[end - 1] == '\r') /* CRLF or LF in, CRLF out */
            end--;
        col = 0;
        for (i = 0; i < end; i++)
            qp_byte(out, (unsigned char)s[i], i + 1 == end, &col);
        buf_adds(out, "\r\n");
        s += end;
        if (*s == '\r')
            s++;
        if (*s == '\n')
            s++;
    }
}

/* The attachment's bytes in base64 (libsodium's, the original alphabet with padding),
 * 76 characters a line. */
static void
body_base64(struct buf *out, const char *s)
{
    char line[sodium_base64_ENCODED_LEN(B64_LINE_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    size_t n = strlen(s), i, len;

    for (i = 0; i < n; i += len) {
        len = n - i < B64_LINE_BYTES ? n - i : B64_LINE_BYTES;
        sodium_bin2base64(line, sizeof(line), (const unsigned char *)s + i, len,
                          sodium_base64_VARIANT_ORIGINAL);
        buf_adds(out, line);
        buf_adds(out, "\r\n");
    }
}

void
mailmsg_format(struct buf *out, const struct mailmsg *m)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    bool attached =
        m->attachment_name != NULL && m->attachment_type != NULL && m->attachment_text != NULL;
    struct tm tm;

    /* English names by hand: strftime's %a and %b follow the locale (sv: "tor", "dec") */
    gmtime_r(&m->date, &tm);
    buf_printf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday], tm.tm_mday,
               months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    buf_printf(out, "From: <%s>\r\n", m->from);
    buf_printf(out, "To: <%s>\r\n", m->to);
    subject(out, m->subject);
    buf_printf(out, "Message-ID: <%s>\r\n", m->message_id);
    buf_adds(out, "MIME-Version: 1.0\r\n");
    if (attached)
        buf_adds(out, "Content-Type: multipart/mixed; boundary=\"" MAILMSG_BOUNDARY "\"\r\n"
                      "\r\n"
                      "--" MAILMSG_BOUNDARY "\r\n");
    buf_adds(out, "Content-Type: text/plain; charset=UTF-8\r\n"
                  "Content-Transfer-Encoding: quoted-printable\r\n"
                  "\r\n");
    body_qp(out, m->body);
    if (!attached)
        return;
    /* the CRLF before a delimiter is the delimiter's (RFC 2046 5.1.1): one more keeps the
     * text's last line end */
    buf_adds(out, "\r\n--" MAILMSG_BOUNDARY "\r\n");
    buf_printf(out, "Content-Type: %s; charset=UTF-8;\r\n name=\"%s\"\r\n", m->attachment_type,
               m->attachment_name);
    buf_printf(out, "Content-Disposition: attachment; filename=\"%s\"\r\n", m->attachment_name);
    buf_adds(out, "Content-Transfer-Encoding: base64\r\n"
                  "\r\n");
    body_base64(out, m->attachment_text);
    buf_adds(out, "\r\n--" MAILMSG_BOUNDARY "--\r\n");
}
