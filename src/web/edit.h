/*
 * edit.h — what every editing form shares: the forms of missions and their goal trees
 * (edit_mission.c defines it, edit_indicator.c uses it too), the registry's (edit_actor.c,
 * edit_person.c, edit_initiative.c, with regform.h) and the proposals' (page_proposal.c):
 * posted fields as text, their conversion, the page title, the "Cancel" link, the redirect of
 * a success, the choices a select offers, a mission's forms' way in (the mission of the path
 * and req_allow in one) and the archive confirmation page of a mission's goal tree.
 */
#ifndef WEB_EDIT_H
#define WEB_EDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "domain/authz.h"
#include "domain/codes.h"
#include "domain/write.h"
#include "web/formview.h"
#include "web/html.h"
#include "web/web.h"

/* Where a handler reads: the writer connection in a write (what it checks is what it
 * writes over), the request's own connection in a GET (which has no writer). */
static inline struct db *
edit_db(struct req *rq)
{
    return rq->wdb != NULL ? rq->wdb : rq->db;
}

struct mission;

/* The mission of the path ("slug"), any state, once req_allow lets the request do action on
 * it (the scope: the mission as stored). A missing mission is ERR_NOTFOUND before any check;
 * else req_allow's answer. Every handler of a mission's forms starts here. */
enum err edit_mission_allowed(struct req *rq, enum authz_action action, struct mission *out);
/* The posted field name, "" when absent; edit_opt: NULL when absent or empty. */
const char *edit_field(const struct req *rq, const char *name);
const char *edit_opt(const struct req *rq, const char *name);
/* s as an integer in lo..hi (false: not one). */
bool edit_int(const char *s, int64_t lo, int64_t hi, int64_t *out);
/* s as a finite number, a decimal comma taken for a point (false: not one). */
bool edit_num(struct arena *a, const char *s, double *out);
/* The page title: "Error: " before it when e has errors. */
const char *edit_title(struct req *rq, const struct form_errors *e, const char *title);
/* Who writes, for the audit log: the signed-in user's e-mail or the token's name. */
const char *edit_who(struct req *rq);
/* A "Cancel" link back to href. */
void edit_cancel(struct html *h, const char *href);
/* The success of a post: 303 to href (POST-redirect-GET); ERR_OK, for the handler to return. */
enum err edit_done(struct req *rq, const char *href);
/*
 * What a write's answer means for its form: ERR_INVALID puts message(we) beside we's field in
 * e and is ERR_OK (the form shows again); any other answer is returned as it is (ERR_OK: go
 * on). message is called only for a refusal (we is not set otherwise).
 */
enum err edit_refused(enum err rc, struct form_errors *e, const struct write_error *we,
                      const char *(*message)(const struct write_error *));
/* True when the posted form has errors, the status then set to 422 for the handler to show
 * the form again (values kept); false: the write went through. */
bool edit_failed(struct req *rq, const struct form_errors *e);
/* The post of an archive confirmation: archive(id) written by who now (the writer
 * connection), then 303 to done; a refusal of the write is returned as it is. */
enum err edit_archive(struct req *rq,
                      enum err (*archive)(struct db *, int64_t, const char *, int64_t), int64_t id,
                      const char *who, const char *done);
/* The registry's live people as choices ("Name (Actor)"), at most 2,000. */
struct form_option *edit_people(struct req *rq, int *out_n);
/* A code set's codes as choices, labelled in the request's language (set->n of them). */
struct form_option *edit_codes(struct req *rq, const struct code_set *set);
/* The mission's live objectives as choices; skip (0: none) and those under it left out. */
struct form_option *edit_objectives(struct req *rq, int64_t mission_id, int64_t skip, int *out_n);
/* An archive's confirmation page: title, what is archived, the post form to action, problem
 * (NULL: none) as an alert (e.g. why it cannot be archived yet), back as "Cancel". */
void edit_confirm(struct req *rq, const char *title, const char *what, const char *action,
                  const char *problem, const char *back);

#endif
