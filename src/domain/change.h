/*
 * change.h — what one write changed, field by field: the `changes` of an audit entry
 * (audit.h), a JSON object {"field": [before, after], ...} with JSON values (null for
 * absent), and the steps the update functions share to get there.
 *
 * An update function describes its entity's editable columns once, as a table of
 * struct change_field in the order of two statements of its q_*.def: the read of the
 * stored row (columns 0..n-1) and the UPDATE ($1 the id, $2.. the fields). It reads the
 * stored values (change_read), fills the new ones from its input (struct change_val), and
 * change_diff records exactly the fields that differ; change_bind binds the new ones.
 * A create function records its values with change_created (before null).
 *
 * Private fields (a person's e-mail and phone) never reach the log as values: the history
 * page is public (issue 10: never private contact data). Their before and after are
 * written as true (a value) or null (none), so the log says that they changed and not to
 * what. Never: record a password hash, a token or any secret (no field table names one).
 */
#ifndef DOMAIN_CHANGE_H
#define DOMAIN_CHANGE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"

/* The most bytes of one entry's changes: the longest entity (an initiative) has nine
 * Markdown fields of WRITE_MAX_MD, before and after, escaped. */
#define CHANGE_MAX_BYTES (2u << 20)

enum change_kind {
    CH_TEXT,    /* NOT NULL text; NULL is "" */
    CH_OPT,     /* optional text; "" is NULL (write_bind_opt) */
    CH_INT,     /* NOT NULL integer (a year, a flag) */
    CH_OPT_ID,  /* optional reference; 0 is NULL */
    CH_DBL,     /* NOT NULL number */
    CH_OPT_INT, /* optional integer */
    CH_OPT_DBL, /* optional number */
};

struct change_field {
    const char *name; /* as the input struct spells it */
    enum change_kind kind;
    bool is_private; /* value withheld from the log (see above) */
};

struct change_val {
    bool is_null;
    const char *s; /* texts */
    int64_t i;     /* integers and ids */
    double d;      /* numbers */
};

struct change_set {
    struct buf b;
    struct json j;
    int n; /* fields recorded */
};

/* Start an empty set; change_free releases it (always, whatever happened). */
void change_init(struct change_set *c);
void change_free(struct change_set *c);

/* The value of an input field, normalised as the column stores it. */
struct change_val change_text(const char *s);
struct change_val change_opt(const char *s);
struct change_val change_int(int64_t v);
struct change_val change_opt_id(int64_t id);
struct change_val change_dbl(double v);
struct change_val change_opt_int(bool has, int64_t v);
struct change_val change_opt_dbl(bool has, double v);

/* Read columns 0..n-1 of st's current row as fields[] describes them (texts into a). */
void change_read(struct db_stmt *st, struct arena *a, const struct change_field *fields, int n,
                 struct change_val *out);
/* Record each field whose after differs from its before; returns how many it recorded. */
int change_diff(struct change_set *c, const struct change_field *fields, int n,
                const struct change_val *before, const struct change_val *after);
/* Record each field with a value (not NULL, not "") as [null, value]. */
void change_created(struct change_set *c, const struct change_field *fields, int n,
                    const struct change_val *after);
/* Bind after[k] to parameter first + k. */
void change_bind(struct db_stmt *st, int first, const struct change_field *fields, int n,
                 const struct change_val *after);

/*
 * A list field, compared as a set (ordered false: the order means nothing, as for SDG
 * targets) or as a sequence: recorded as [before, after] arrays of strings when they
 * differ (before NULL with nb 0 for a create: [null, [...]]). Returns whether it recorded.
 */
bool change_texts(struct change_set *c, const char *field, const char *const *before, int nb,
                  const char *const *after, int na, bool ordered, bool is_create);
/* The same for a set of ids, recorded as arrays of numbers. */
bool change_ids(struct change_set *c, const char *field, const int64_t *before, int nb,
                const int64_t *after, int na, bool is_create);

/*
 * For a field no helper above fits: the writer positioned after "field": [ , for the
 * caller to write before and after; change_close ends the pair.
 */
struct json *change_open(struct change_set *c, const char *field);
void change_close(struct change_set *c);

/* The JSON object text ("" when nothing was recorded), valid until change_free; ERR_LIMIT
 * past CHANGE_MAX_BYTES, ERR_INVALID for text that is not UTF-8 (a check let it through). */
enum err change_finish(struct change_set *c, const char **out);

#endif
