/*
 * regform.h — what the registry's forms share (edit_actor.c, edit_person.c,
 * edit_initiative.c) beyond what every editing form does (web/edit.h: posted fields, the
 * page title, the redirect of a success): a textarea's lines, the refusal of a domain write
 * turned into a form error, the start of a form page, and the archive confirmation page.
 *
 * Never: decide who may write (each handler asks req_allow), or write an error page (the
 * handlers return their refusals to web_handle).
 */
#ifndef WEB_REGFORM_H
#define WEB_REGFORM_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/initiative.h"
#include "domain/write.h"
#include "web/formview.h"
#include "web/html.h"
#include "web/web.h"

/* The lines of a posted textarea, trimmed, empty ones left out (at most max; past it,
 * *out_n is max + 1 so that the domain's limit refuses the list). In the request's arena. */
const char **regform_lines(struct req *rq, const char *name, int max, int *out_n);

/* Who writes, for the audit log: the principal's name (the user's e-mail). ERR_* as
 * req_principal's. */
enum err regform_who(struct req *rq, const char **out);

/*
 * A domain refusal as the form's error: the field the input struct named (its item
 * ignored: the messages say what to do with the whole field), with msg, a translated
 * sentence saying what to enter. Sets status 422.
 */
void regform_refused(struct req *rq, struct form_errors *fe, const struct write_error *we,
                     const char *msg);

/* Start a form page: the title (with "Error: " before it when fe has errors), the h1 and
 * the error summary. */
void regform_begin(struct req *rq, struct html *h, const char *title, const struct form_errors *fe);

/*
 * The confirmation page of an archive: "Archive NAME?", what archiving does, the form
 * posting to action and a link back to cancel_url.
 */
enum err regform_archive_page(struct req *rq, const char *name, const char *action,
                              const char *cancel_url);

/* The post of that page: archive(id) written by the principal (regform_who), then 303 to
 * done (edit_archive). */
enum err regform_archive(struct req *rq,
                         enum err (*archive)(struct db *, int64_t, const char *, int64_t),
                         int64_t id, const char *done);

/* "Archived" and its date on an archived entity's page (nothing when archived_at is 0). */
void regform_archived_note(struct req *rq, struct html *h, int64_t archived_at);

/* The "Edit" / "Archive" / "Add ..." links of a public page (only what req_offers allows is
 * passed here): a list of links, each NULL-terminated pair (label, url). */
void regform_actions(struct html *h, ...) __attribute__((sentinel));

/* ERR_OK unless initiative id is a proposal under review, which changes through its review
 * (page_proposal.c), never through the initiative's form or PATCH: then the refusal (422). */
enum err regform_not_pending(struct req *rq, struct db *db, int64_t id);

/*
 * Whether the caller may place a person in organisation to, the person being in from now
 * (0: none). Staying, or leaving for none, needs nothing beyond the edit's own rule; joining
 * an organisation needs the right to add people to it (person.create on that actor: an
 * admin, a coordinator of a live mission, or its confirmed representative), so that an
 * account cannot list itself as another organisation's staff. False: refused, and *we says
 * so on actor_id.
 */
bool regform_may_place(struct req *rq, int64_t from, int64_t to, struct write_error *we);

/*
 * Whether the caller may make the change of initiative n that in asks for beyond the edit's
 * own rule. A coordinator or an admin may change anything; one allowed only as the
 * representative of the lead actor may not hand the initiative to another lead nor add an
 * organisation to its participants (that is the coordinators' to agree). False: refused, and
 * *we says so on lead_actor_id or parts.
 */
bool regform_may_change_initiative(struct req *rq, const struct initiative *n,
                                   const struct initiative_new *in, struct write_error *we);

#endif
