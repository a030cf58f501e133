/*
 * upload.h — a form that posts a file (BODY_UPLOAD: multipart/form-data, spooled by http to
 * an unlinked temporary file like a BODY_DATA body). The dispatcher reads the body's first
 * part, which must be the form's csrf field, and checks the token before the handler runs
 * (upload_in); the handler then reads the rest, part by part, the file's bytes streamed
 * through core/multipart.c (upload_read). No byte of the file reaches a handler, let alone
 * the importer, before the token has been checked; the file is never held in memory; its
 * name is the client's text, never part of a path.
 */
#ifndef WEB_UPLOAD_H
#define WEB_UPLOAD_H

#include "core/multipart.h"
#include "web/web.h"

/*
 * For web_handle: read rq's body to the end of its first part and check it: the text field
 * "csrf" with the token of this session (a browser sends the fields in the form's order,
 * and form_begin_upload puts csrf first). False with the refusal written: 403 when the
 * first part is something else or the token is not this session's (the same as a form's),
 * 400 (413 for a limit) when the body is not multipart/form-data that can be read.
 */
bool upload_in(struct req *rq);

/*
 * For the handler: read the rest of the body, handing every event to cb (multipart.h), up
 * to and including the closing boundary. Errors: cb's; ERR_INVALID or ERR_LIMIT for a body
 * that is not well-formed (*out_msg says why: English, static); ERR_IO when the spooled
 * body cannot be read (logged: never taken for the end of the data).
 */
enum err upload_read(struct req *rq, multipart_cb cb, void *ctx, const char **out_msg);

#endif
