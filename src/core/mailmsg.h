/*
 * mailmsg.h — an RFC 5322 message from a sender, one recipient, a subject and a
 * text/plain UTF-8 body: Date, From, To, Subject (RFC 2047 encoded-words when it is
 * not plain ASCII), Message-ID, MIME-Version, Content-Type and a quoted-printable
 * body with CRLF line ends. Pure (no clock, no randomness, no I/O), so the tests can
 * compare whole messages; the caller validates the addresses and the subject.
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
};

/* Append the message to out; the buffer's sticky error reports a message too large. */
void mailmsg_format(struct buf *out, const struct mailmsg *m);

#endif
