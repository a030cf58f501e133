/*
 * write.h — what every create function of the domain shares: the limits of the
 * fields an entity is written with (declared once, here), the checks of one
 * field, and how a refusal is reported.
 *
 * A create function (actor_create, mission_create, ...) is what a form, an API
 * write and the demo loader call. It validates its whole input before it
 * writes anything, runs inside the caller's write transaction (it never begins,
 * commits or rolls back: a refusal part-way through a caller's batch is the
 * caller's to roll back), and leaves an audit entry. On ERR_INVALID the
 * struct write_error names the field, as the input struct spells it, and says
 * why; the caller adds where the value came from (a form field, a JSON member,
 * a file's line and column).
 *
 * Never: format SQL, or store a value a check here refused. Never cut a value
 * that is too long: it is refused.
 */
#ifndef DOMAIN_WRITE_H
#define DOMAIN_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/change.h"

struct code_set;

/* The limits of entity fields, in bytes of UTF-8 (items for lists); write.c's refusals
 * name the byte limits (too_long), so a change here changes them there. */
#define WRITE_MAX_LINE   300   /* a name, title, goal, unit, source, funding, e-mail or phone */
#define WRITE_MAX_TEXT   4000  /* a plain description (an actor's, an objective's) */
#define WRITE_MAX_MD     20000 /* Markdown: a mission's description, an initiative's texts */
#define WRITE_MAX_URL    2048  /* a website or a source's address */
#define WRITE_MAX_ITEMS  64    /* items of one list (SDG targets, disciplines, participants) */
#define WRITE_MIN_YEAR   1900  /* years: start, base and target years, dates */
#define WRITE_MAX_YEAR   2200
#define WRITE_MAX_MONEY  1e15 /* kronor (a budget): doubles hold every integer below it */
#define WRITE_MAX_WEIGHT 1e6  /* a weight in a progress roll-up */

struct write_error {
    const char *field; /* the input struct's name of the field at fault */
    int item;          /* for a list field, the item at fault (0-based); else -1 */
    const char *msg;   /* why, in English; static */
};

/* Fill e (item -1) and return ERR_INVALID. */
enum err write_refuse(struct write_error *e, const char *field, const char *msg);
/* The same for item i of a list field. */
enum err write_refuse_item(struct write_error *e, const char *field, int i, const char *msg);

/*
 * Text of at most max bytes, valid UTF-8, without control characters (TAB, LF and CR are
 * allowed only when multiline). required: not NULL and not "". NULL is accepted otherwise.
 */
enum err write_text(struct write_error *e, const char *field, const char *s, size_t max,
                    bool required, bool multiline);
/* A slug (str_is_slug). */
enum err write_slug(struct write_error *e, const char *field, const char *s);
/* One of the codes of a set (codes.h). */
enum err write_code(struct write_error *e, const char *field, const struct code_set *set,
                    const char *s);
/* NULL, or an ISO date YYYY-MM-DD that exists, in WRITE_MIN_YEAR..WRITE_MAX_YEAR. */
enum err write_date(struct write_error *e, const char *field, const char *s);
/* A year in WRITE_MIN_YEAR..WRITE_MAX_YEAR. */
enum err write_year(struct write_error *e, const char *field, int y);
/* NULL, or an http or https address of at most WRITE_MAX_URL bytes (str_is_http_url). */
enum err write_url(struct write_error *e, const char *field, const char *s);
/* NULL, or an e-mail address: one @ with text on both sides, no space, quote, angle
 * bracket or control character (what a mailto: link may carry). */
enum err write_email(struct write_error *e, const char *field, const char *s);
/* n items, at most WRITE_MAX_ITEMS, each a one-line text (required), no two the same. */
enum err write_list(struct write_error *e, const char *field, const char *const *items, int n);

/* ---- the steps of the create functions, shared ---- */

/* Bind text, or NULL for a NULL or empty optional value. */
void write_bind_opt(struct db_stmt *st, int i, const char *s);
/* Bind text; NULL is the empty text (a NOT NULL column with a default of ''). */
void write_bind_str(struct db_stmt *st, int i, const char *s);
/* Bind an id, or NULL for 0. */
void write_bind_id(struct db_stmt *st, int i, int64_t id);
/* Step an INSERT ... RETURNING id once and read the id. */
enum err write_insert_id(struct db_stmt *st, int64_t *out);
/* Insert one (owner, text) row for each of n items through q. */
enum err write_link_texts(struct db *db, enum q q, int64_t owner, const char *const *items, int n);
/* A list (write_list) whose every item names a row (through q); msg for one that does not. */
enum err write_refs(struct db *db, struct write_error *e, const char *field, enum q q,
                    const char *const *items, int n, const char *msg);
/* A reference by id that must exist (through q); 0 is none, allowed unless required. */
enum err write_ref_id(struct db *db, struct write_error *e, const char *field, enum q q, int64_t id,
                      bool required, const char *msg);
/* Finite and within lo..hi. */
bool write_in_range(double v, double lo, double hi);

/*
 * Whether a row with the key exists, through a statement that selects at most one row for
 * its one parameter: text (write_exists_text) or an integer (write_exists_id).
 */
enum err write_exists_text(struct db *db, enum q q, const char *key, bool *out);
enum err write_exists_id(struct db *db, enum q q, int64_t id, bool *out);

/* ---- the steps of the update and archive functions, shared ----
 *
 * An update function (actor_update, mission_update, ...) takes the id and the same input
 * struct as its create function, checks it with the same checks (self excluded where a
 * value must be unique), and runs inside the caller's transaction like a create function.
 * It writes only when something differs from what is stored, and then leaves one audit
 * entry, action "update", whose changes name exactly the fields that differ (change.h);
 * *out_changed says which happened. An unknown or archived id is ERR_NOTFOUND (an archived
 * entity is unarchived before it is edited). Fields that are protected (ids, the mission
 * an entity belongs to, a mission's slug) cannot change: the input gives them as 0 / NULL
 * (not given) or with their stored value, else ERR_INVALID names the field. is_demo is the
 * demo loader's: an update ignores it.
 */

/*
 * The id of the row that q (one text parameter, selects the id) finds, 0 if none: for a
 * unique key checked against every row but the one being updated.
 */
enum err write_id_by_text(struct db *db, enum q q, const char *key, int64_t *out);
/* Run q with $1 the id: the DELETE of the link rows an update replaces. */
enum err write_clear(struct db *db, enum q q, int64_t id);
/* Read the stored values of a live row (q_stored: $1 the id; columns as fields[]) into
 * before (texts in a). ERR_NOTFOUND when no live row has the id. */
enum err write_stored(struct db *db, enum q q_stored, int64_t id, struct arena *a,
                      const struct change_field *fields, int n, struct change_val *before);
/* Run q_update with $1 the id and $2.. the values of after. */
enum err write_update_row(struct db *db, enum q q_update, int64_t id,
                          const struct change_field *fields, int n, const struct change_val *after);
/*
 * Finish c; when it recorded anything, write the audit entry (action, entity, ids at now)
 * and set *out_changed. The last step of every update.
 */
enum err write_log(struct db *db, struct change_set *c, int64_t now, const char *who,
                   const char *action, const char *entity, int64_t id, int64_t mission_id,
                   bool *out_changed);
/*
 * Archive an entity (archive true: archived_at = now) or bring it back (false: NULL), with
 * an audit entry "archive" / "unarchive" whose changes are archived_at's before and after.
 * q_state reads (archived_at, its mission id or NULL) for $1 the id; q_set sets archived_at
 * $2 for $1. ERR_NOTFOUND for an unknown id; an entity already in the state asked for is
 * left alone (ERR_OK, no entry), so a repeated request changes nothing.
 */
enum err write_archive(struct db *db, enum q q_state, enum q q_set, const char *entity, int64_t id,
                       const char *who, int64_t now, bool archive);

#endif
