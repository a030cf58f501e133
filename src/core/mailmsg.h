/*
 * mailmsg.h — an RFC 5322 message from a sender, one recipient, a subject and a
 * text/plain UTF-8 body: Date, From, To, Subject (RFC 2047 encoded-words when it is
 * not plain ASCII), Message-ID, MIME-Version, Content-Type and a quoted-printable
 * body with CRLF line ends. With an attachment (one, text) the message is
 * multipart/mixed: the quoted-printable text, then the attachment in base64 (RFC 2045,
 * lines of 76 characters). Pure (no clock, no randomness, no I/O), so the tests can
 * compare whole messages; the caller validates the addresses, the subject and the
 * attachment's name and type (domain/mail.c).
 */
#ifndef CORE_MAILMSG_H
#define CORE_MAILMSG_H

#include <time.h>

#include "core/buf.h"

struct mailmsg {
    const char *from;       /* addr-spec, validated by the caller */
    const char *to;         /* addr-spec, validated by the caller */
    const char *subject;    /* UTF-8, no control characters */
    const char *body;       /* UTF-8; LF or CRLF line ends */
    const char *message_id; /* without the angle brackets: left@right */
    time_t date;
    /* one attachment, all three or none (NULL) */
    const char *attachment_name; /* a plain file name, [A-Za-z0-9._-] */
    const char *attachment_type; /* "text/calendar; method=REQUEST": charset=UTF-8 is added */
    const char *attachment_text; /* UTF-8 */
};

/* The multipart boundary: "=_" occurs in neither quoted-printable nor base64 output. */
#define MAILMSG_BOUNDARY "=_samverka_part"

/* Append the message to out; the buffer's sticky error reports a message too large. */
void mailmsg_format(struct buf *out, const struct mailmsg *m);

#endif
