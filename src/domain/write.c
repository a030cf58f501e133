/*
 * write.c — the field checks every create function shares (see write.h).
 */
#include "domain/write.h"

#include <math.h>
#include <string.h>

#include "core/str.h"
#include "domain/audit.h"
#include "domain/codes.h"

/* xgettext extracts N_() here (and the msg of write_refuse and settings_invalid by `make
 * pot`'s keywords); the web layer says these refusals in the request's language */
#define N_(s) (s)

enum err
write_refuse(struct write_error *e, const char *field, const char *msg)
{
    e->field = field;
    e->item = -1;
    e->msg = msg;
    return ERR_INVALID;
}

enum err
write_refuse_item(struct write_error *e, const char *field, int i, const char *msg)
{
    e->field = field;
    e->item = i;
    e->msg = msg;
    return ERR_INVALID;
}

/* The refusal of a value over max bytes (max is one of the limits of write.h). */
static const char *
too_long(size_t max)
{
    switch (max) {
    case WRITE_MAX_LINE:
        return N_("is longer than 300 bytes");
    case WRITE_MAX_TEXT:
        return N_("is longer than 4000 bytes");
    case WRITE_MAX_MD:
        return N_("is longer than 20000 bytes");
    case WRITE_MAX_URL:
        return N_("is longer than 2048 bytes");
    default:
        return N_("is too long");
    }
}

enum err
write_text(struct write_error *e, const char *field, const char *s, size_t max, bool required,
           bool multiline)
{
    size_t n, at;

    if (s == NULL || *s == '\0')
        return required ? write_refuse(e, field, "is required") : ERR_OK;
    /* a required text of spaces and line breaks alone says nothing: a title of "  ", a
     * decline's reason of one line break */
    if (required && s[strspn(s, " \t\r\n")] == '\0')
        return write_refuse(e, field, "is required");
    n = strlen(s);
    if (n > max)
        return write_refuse(e, field, too_long(max));
    if (!utf8_valid(s, n))
        return write_refuse(e, field, "is not valid UTF-8");
    at = str_find_control(s, n);
    if (at < n)
        return write_refuse(e, field, "contains a control character");
    if (!multiline && strpbrk(s, "\t\r\n") != NULL)
        return write_refuse(e, field, "must be one line (no tab or line break)");
    return ERR_OK;
}

enum err
write_slug(struct write_error *e, const char *field, const char *s)
{
    if (!str_is_slug(s))
        return write_refuse(e, field,
                            "must be 1 to 64 of a-z, 0-9 and -, not starting or ending with -");
    return ERR_OK;
}

enum err
write_code(struct write_error *e, const char *field, const struct code_set *set, const char *s)
{
    if (code_is(set, s))
        return ERR_OK;
    return write_refuse(e, field, "is not one of the accepted codes");
}

enum err
write_year(struct write_error *e, const char *field, int y)
{
    if (y < WRITE_MIN_YEAR || y > WRITE_MAX_YEAR)
        return write_refuse(e, field, "must be a year from 1900 to 2200");
    return ERR_OK;
}

static int
digits(const char *s, int n)
{
    int v = 0, i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

enum err
write_date(struct write_error *e, const char *field, const char *s)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, last;

    if (s == NULL)
        return ERR_OK;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return write_refuse(e, field, "must be a date YYYY-MM-DD");
    y = digits(s, 4);
    m = digits(s + 5, 2);
    d = digits(s + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1)
        return write_refuse(e, field, "must be a date YYYY-MM-DD");
    last = days[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
    if (d > last)
        return write_refuse(e, field, "is not a day of the calendar");
    return write_year(e, field, y);
}

enum err
write_url(struct write_error *e, const char *field, const char *s)
{
    if (s == NULL)
        return ERR_OK;
    if (strlen(s) > WRITE_MAX_URL)
        return write_refuse(e, field, too_long(WRITE_MAX_URL));
    if (!str_is_http_url(s))
        return write_refuse(e, field, "must be an http or https address without spaces");
    return ERR_OK;
}

enum err
write_email(struct write_error *e, const char *field, const char *s)
{
    const char *at, *p;

    if (s == NULL)
        return ERR_OK;
    if (write_text(e, field, s, WRITE_MAX_LINE, true, false))
        return ERR_INVALID;
    at = strchr(s, '@');
    if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') != NULL)
        return write_refuse(e, field, "must be an address with one @ and text on both sides");
    for (p = s; *p; p++)
        if (*p == ' ' || *p == '"' || *p == '<' || *p == '>' || *p == ',' || *p == ';')
            return write_refuse(e, field, "must not contain spaces, quotes, brackets, , or ;");
    return ERR_OK;
}

enum err
write_list(struct write_error *e, const char *field, const char *const *items, int n)
{
    int i, k;

    if (n > WRITE_MAX_ITEMS)
        return write_refuse_item(e, field, WRITE_MAX_ITEMS, "has more than 64 items");
    for (i = 0; i < n; i++) {
        if (write_text(e, field, items[i], WRITE_MAX_LINE, true, false)) {
            e->item = i;
            return ERR_INVALID;
        }
        for (k = 0; k < i; k++)
            if (strcmp(items[k], items[i]) == 0)
                return write_refuse_item(e, field, i, "names the same item twice");
    }
    return ERR_OK;
}

/* ------------------------------------------------------------ what the create functions share */

/* Bind text, or NULL for a NULL or empty optional value. */
void
write_bind_opt(struct db_stmt *st, int i, const char *s)
{
    if (s == NULL || *s == '\0')
        db_bind_null(st, i);
    else
        db_bind_text(st, i, s);
}

/* Bind text; NULL is the empty text (a NOT NULL column with a default of ''). */
void
write_bind_str(struct db_stmt *st, int i, const char *s)
{
    db_bind_text(st, i, s != NULL ? s : "");
}

void
write_bind_id(struct db_stmt *st, int i, int64_t id)
{
    if (id != 0)
        db_bind_i64(st, i, id);
    else
        db_bind_null(st, i);
}

/* Step an INSERT ... RETURNING id once and read the id. */
enum err
write_insert_id(struct db_stmt *st, int64_t *out)
{
    enum err rc;
    bool row;

    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_DB;
    if (rc == ERR_OK)
        *out = db_i64(st, 0);
    db_done(st);
    return rc;
}

/* Insert one (owner, text) row for each of n items through q. */
enum err
write_link_texts(struct db *db, enum q q, int64_t owner, const char *const *items, int n)
{
    struct db_stmt *st;
    enum err rc;
    int i;

    for (i = 0; i < n; i++) {
        st = db_stmt(db, q);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, owner);
        db_bind_text(st, 2, items[i]);
        rc = db_run(st);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

/* A list of codes that must each name a row of the reference data (through q). */
enum err
write_refs(struct db *db, struct write_error *e, const char *field, enum q q,
           const char *const *items, int n, const char *msg)
{
    enum err rc;
    bool there;
    int i;

    rc = write_list(e, field, items, n);
    for (i = 0; rc == ERR_OK && i < n; i++) {
        rc = write_exists_text(db, q, items[i], &there);
        if (rc == ERR_OK && !there)
            rc = write_refuse_item(e, field, i, msg);
    }
    return rc;
}

/* A required reference by id (through q), or an optional one (id 0 allowed). */
enum err
write_ref_id(struct db *db, struct write_error *e, const char *field, enum q q, int64_t id,
             bool required, const char *msg)
{
    enum err rc;
    bool there;

    if (id == 0 && !required)
        return ERR_OK;
    if (id <= 0)
        return write_refuse(e, field, msg);
    rc = write_exists_id(db, q, id, &there);
    if (rc == ERR_OK && !there)
        rc = write_refuse(e, field, msg);
    return rc;
}

bool
write_in_range(double v, double lo, double hi)
{
    return isfinite(v) && v >= lo && v <= hi;
}

static enum err
exists(struct db_stmt *st, bool *out)
{
    enum err rc;
    bool row;

    rc = db_step(st, &row);
    *out = rc == ERR_OK && row;
    db_done(st);
    return rc;
}

enum err
write_exists_text(struct db *db, enum q q, const char *key, bool *out)
{
    struct db_stmt *st = db_stmt(db, q);

    *out = false;
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, key);
    return exists(st, out);
}

enum err
write_exists_id(struct db *db, enum q q, int64_t id, bool *out)
{
    struct db_stmt *st = db_stmt(db, q);

    *out = false;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    return exists(st, out);
}

/* ------------------------------------------------------------ what the updates share */

enum err
write_id_by_text(struct db *db, enum q q, const char *key, int64_t *out)
{
    struct db_stmt *st = db_stmt(db, q);
    enum err rc;
    bool row;

    *out = 0;
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, key);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        *out = db_i64(st, 0);
    db_done(st);
    return rc;
}

enum err
write_clear(struct db *db, enum q q, int64_t id)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    return db_run(st);
}

enum err
write_stored(struct db *db, enum q q_stored, int64_t id, struct arena *a,
             const struct change_field *fields, int n, struct change_val *before)
{
    struct db_stmt *st = db_stmt(db, q_stored);
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        change_read(st, a, fields, n, before);
    db_done(st);
    return rc;
}

enum err
write_update_row(struct db *db, enum q q_update, int64_t id, const struct change_field *fields,
                 int n, const struct change_val *after)
{
    struct db_stmt *st = db_stmt(db, q_update);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    change_bind(st, 2, fields, n, after);
    return db_run(st);
}

enum err
write_log(struct db *db, struct change_set *c, int64_t now, const char *who, const char *action,
          const char *entity, int64_t id, int64_t mission_id, bool *out_changed)
{
    const char *changes;
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    rc = change_finish(c, &changes);
    if (rc || *changes == '\0')
        return rc;
    if (out_changed != NULL)
        *out_changed = true;
    return audit_write(db, now, who, action, entity, id, mission_id, NULL, changes);
}

enum err
write_archive(struct db *db, enum q q_state, enum q q_set, const char *entity, int64_t id,
              const char *who, int64_t now, bool archive)
{
    struct change_field f = {"archived_at", CH_OPT_INT, false};
    struct change_val before, after;
    struct change_set c;
    struct db_stmt *st;
    int64_t mission = 0;
    enum err rc;
    bool row;

    st = db_stmt(db, q_state);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK) {
        before = change_opt_int(!db_null(st, 0), db_i64(st, 0));
        mission = db_null(st, 1) ? 0 : db_i64(st, 1);
    }
    db_done(st);
    if (rc)
        return rc;
    if (before.is_null != archive)
        return ERR_OK;
    after = change_opt_int(archive, now);
    st = db_stmt(db, q_set);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    change_bind(st, 2, &f, 1, &after);
    rc = db_run(st);
    if (rc)
        return rc;
    change_init(&c);
    change_diff(&c, &f, 1, &before, &after);
    rc = write_log(db, &c, now, who, archive ? "archive" : "unarchive", entity, id, mission, NULL);
    change_free(&c);
    return rc;
}
