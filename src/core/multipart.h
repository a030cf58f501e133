/*
 * multipart.h — a streaming multipart/form-data reader (RFC 7578, the framing of RFC
 * 2046 5.1): what an HTML form with a file posts. Pure: no I/O, no allocation; the caller
 * feeds the body in chunks of any size and gets events through a callback.
 *
 * A text field (a part without a filename) is kept whole, at most MULTIPART_MAX_FIELD
 * bytes, and handed over once complete (MP_FIELD). A file (a part with a filename, even an
 * empty one: no file was chosen) is never held: its bytes are handed over as they arrive
 * (MP_FILE_BEGIN, MP_FILE_DATA..., MP_FILE_END), so memory stays the size of this struct
 * whatever the upload. The file name is the client's text: shown or ignored, never part of
 * a path (SECURITY.md item 25).
 *
 * Refused (ERR_INVALID, or ERR_LIMIT for a limit, with multipart_error saying why): a
 * boundary line followed by anything but "--" or CRLF (after optional spaces), a header
 * line without ':' or folded onto the next line, a part without Content-Disposition:
 * form-data or without a name, a name or file name that is not UTF-8 or holds a control
 * character, a name given twice (one part per field: nothing is decided by which of two
 * values a reader takes), more than MULTIPART_MAX_PARTS parts, a part's header block over
 * MULTIPART_MAX_HEAD bytes, a name, file name or Content-Type over its maximum, a text
 * field over MULTIPART_MAX_FIELD, and a body that ends before its closing boundary. The
 * preamble before the first boundary and the epilogue after the last are ignored.
 */
#ifndef CORE_MULTIPART_H
#define CORE_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define MULTIPART_MAX_BOUNDARY 70   /* RFC 2046: 1 to 70 characters */
#define MULTIPART_MAX_PARTS    16   /* parts of one body: an upload form has a handful */
#define MULTIPART_MAX_HEAD     2048 /* bytes of one part's header lines together */
#define MULTIPART_MAX_NAME     64   /* bytes of a part's name (FORM_MAX_NAME's) */
#define MULTIPART_MAX_FILENAME 255  /* bytes of a file name as sent */
#define MULTIPART_MAX_CTYPE    128  /* bytes of a part's Content-Type */
#define MULTIPART_MAX_FIELD    1024 /* bytes of a text field's value */
#define MULTIPART_MAX_PADDING  64   /* spaces after a boundary before its CRLF */

enum multipart_event {
    MP_FIELD,      /* a whole text field: data, len is its value */
    MP_FILE_BEGIN, /* a file part starts (no data) */
    MP_FILE_DATA,  /* the next bytes of the file */
    MP_FILE_END,   /* the file part ended (no data) */
};

/* The part an event is about; the strings live until the part's last event returns. */
struct multipart_part {
    int index;                /* 0: the first part of the body */
    const char *name;         /* not empty, UTF-8 */
    const char *filename;     /* NULL: a text field; else as sent, UTF-8 ("" for none chosen) */
    const char *content_type; /* "" when the part gives none */
};

/* ERR_OK to go on; anything else stops the reader and multipart_feed returns it. */
typedef enum err (*multipart_cb)(void *ctx, enum multipart_event ev, const struct multipart_part *p,
                                 const char *data, size_t len);

/* The reader's state: embed it or put it in an arena; its fields are its own. */
struct multipart {
    multipart_cb cb;
    void *ctx;
    int state;
    char delim[4 + MULTIPART_MAX_BOUNDARY + 1]; /* CRLF "--" boundary */
    size_t delim_len, match, padding;
    char head[MULTIPART_MAX_HEAD];
    size_t head_len;
    char value[MULTIPART_MAX_FIELD + 1];
    size_t value_len;
    char names[MULTIPART_MAX_PARTS][MULTIPART_MAX_NAME + 1];
    char filename[MULTIPART_MAX_FILENAME + 1];
    char ctype[MULTIPART_MAX_CTYPE + 1];
    struct multipart_part part;
    int n_parts;
    bool paused;
    enum err rc; /* sticky: once refused, every later call answers the same */
    const char *msg;
};

/*
 * The boundary of a Content-Type header that is multipart/form-data (the media type in any
 * case, the parameter as a token or a quoted string), copied into out (at least
 * MULTIPART_MAX_BOUNDARY + 1 bytes). ERR_INVALID when it is not multipart/form-data or has
 * no boundary of 1 to 70 of RFC 2046's characters.
 */
enum err multipart_boundary(const char *content_type, char *out, size_t out_size);

/* Start reading a body framed by boundary (as multipart_boundary gives it). */
void multipart_init(struct multipart *m, const char *boundary, multipart_cb cb, void *ctx);

/* Change the callback (e.g. after the first part has been looked at). */
void multipart_set_cb(struct multipart *m, multipart_cb cb, void *ctx);

/*
 * Feed the next len bytes. *out_used (may be NULL) is how many were taken: all of them,
 * unless a callback asked multipart_pause, in which case the reader stopped right after the
 * end of that part (an MP_FIELD or MP_FILE_END event) and the rest is for the next call.
 * Errors: the callback's, or ERR_INVALID / ERR_LIMIT (multipart_error says why).
 */
enum err multipart_feed(struct multipart *m, const char *data, size_t len, size_t *out_used);

/* From a callback's MP_FIELD or MP_FILE_END: stop multipart_feed after this part. */
void multipart_pause(struct multipart *m);

/* End of the body: ERR_INVALID unless the closing boundary was read. */
enum err multipart_finish(struct multipart *m);

/* Why the reader refused the body (English, static), or NULL (none, or the callback's). */
const char *multipart_error(const struct multipart *m);

#endif
