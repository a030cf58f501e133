/*
 * person.c — loaders for people (see person.h). Pure reads; every string
 * lives in the caller's arena.
 */
#include "domain/person.h"

#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/audit.h"
#include "domain/load.h"
#include "domain/rows.h"

void
person_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct person *p = item;

    p->id = db_i64(st, 0);
    p->actor_id = db_i64(st, 1);
    p->actor_name = ld_text(st, 2, a);
    p->name = ld_str(st, 3, a);
    p->title_sv = ld_str(st, 4, a);
    p->title_en = ld_str(st, 5, a);
    p->email = ld_text(st, 6, a);
    p->phone = ld_text(st, 7, a);
    p->archived_at = db_null(st, 8) ? 0 : db_i64(st, 8);
    p->contact_public = db_i64(st, 9) != 0;
    p->listed = db_i64(st, 10) != 0;
}

enum err
person_list(struct db *db, struct arena *a, const struct page *pg, struct person **out, int *out_n,
            int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

    st = db_stmt(db, Q_PERSON_COUNT);
    if (st == NULL)
        return ERR_DB;
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PERSON_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, pg->limit);
    db_bind_i64(st, 2, pg->offset);
    return ld_rows(st, a, sizeof(**out), person_row, out, out_n);
}

enum err
person_get(struct db *db, struct arena *a, int64_t id, struct person *out)
{
    return ld_one_id(db, Q_PERSON_GET, id, a, person_row, out);
}

static void
stored_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct person_new *p = item;

    p->actor_id = db_null(st, 0) ? 0 : db_i64(st, 0);
    p->name = ld_str(st, 1, a);
    p->title_sv = ld_str(st, 2, a);
    p->title_en = ld_str(st, 3, a);
    p->email = ld_text(st, 4, a);
    p->phone = ld_text(st, 5, a);
    p->contact_public = db_i64(st, 6) != 0;
}

enum err
person_stored(struct db *db, struct arena *a, int64_t id, struct person_new *out)
{
    memset(out, 0, sizeof(*out));
    return ld_one_id(db, Q_PERSON_STORED, id, a, stored_row, out);
}

/* ------------------------------------------------------------ create */

/* The editable columns: Q_PERSON_STORED's and Q_PERSON_UPDATE's order. */
static const struct change_field person_fields[] = {
    {"actor_id", CH_OPT_ID, false},    {"name", CH_TEXT, false}, {"title_sv", CH_TEXT, false},
    {"title_en", CH_TEXT, false},      {"email", CH_OPT, true},  {"phone", CH_OPT, true},
    {"contact_public", CH_INT, false},
};
#define N_PERSON_FIELDS ((int)(sizeof(person_fields) / sizeof(person_fields[0])))

static void
person_values(const struct person_new *in, struct change_val *v)
{
    v[0] = change_opt_id(in->actor_id);
    v[1] = change_text(in->name);
    v[2] = change_text(in->title_sv);
    v[3] = change_text(in->title_en);
    v[4] = change_opt(in->email);
    v[5] = change_opt(in->phone);
    v[6] = change_int(in->contact_public);
}

/* The checks of person_create and person_update. */
static enum err
person_check(struct db *db, const struct person_new *in, struct write_error *err)
{
    enum err rc;

    rc = write_ref_id(db, err, "actor_id", Q_ACTOR_EXISTS, in->actor_id, false,
                      "no actor has this id");
    if (rc)
        return rc;
    if (write_text(err, "name", in->name, WRITE_MAX_LINE, true, false) ||
        write_text(err, "title_sv", in->title_sv, WRITE_MAX_LINE, false, false) ||
        write_text(err, "title_en", in->title_en, WRITE_MAX_LINE, false, false) ||
        write_email(err, "email", str_empty(in->email) ? NULL : in->email) ||
        write_text(err, "phone", in->phone, WRITE_MAX_LINE, false, false))
        return ERR_INVALID;
    if (!str_empty(in->phone) && strspn(in->phone, "0123456789 +-()") != strlen(in->phone))
        return write_refuse(err, "phone", "may hold only digits, spaces and + - ( )");
    return ERR_OK;
}

enum err
person_create(struct db *db, const struct person_new *in, const char *who, int64_t *out_id,
              struct write_error *err)
{
    struct change_val v[N_PERSON_FIELDS];
    struct change_set c;
    struct db_stmt *st;
    enum err rc;

    rc = person_check(db, in, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PERSON_ADD);
    if (st == NULL)
        return ERR_DB;
    write_bind_id(st, 1, in->actor_id);
    db_bind_text(st, 2, in->name);
    write_bind_str(st, 3, in->title_sv);
    write_bind_str(st, 4, in->title_en);
    write_bind_opt(st, 5, in->email);
    write_bind_opt(st, 6, in->phone);
    db_bind_i64(st, 7, in->is_demo);
    db_bind_i64(st, 8, in->contact_public);
    rc = write_insert_id(st, out_id);
    if (rc)
        return rc;
    change_init(&c);
    person_values(in, v);
    change_created(&c, person_fields, N_PERSON_FIELDS, v);
    rc = write_log(db, &c, (int64_t)time(NULL), who, "create", "person", *out_id, 0, NULL);
    change_free(&c);
    return rc;
}

/* ------------------------------------------------------------ update and archive */

enum err
person_update(struct db *db, int64_t id, const struct person_new *in, const char *who, int64_t now,
              bool *out_changed, struct write_error *err)
{
    struct change_val before[N_PERSON_FIELDS], after[N_PERSON_FIELDS];
    struct change_set c;
    struct arena a;
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    arena_init(&a);
    change_init(&c);
    rc = write_stored(db, Q_PERSON_STORED, id, &a, person_fields, N_PERSON_FIELDS, before);
    if (rc == ERR_OK)
        rc = person_check(db, in, err);
    if (rc == ERR_OK) {
        person_values(in, after);
        if (change_diff(&c, person_fields, N_PERSON_FIELDS, before, after) > 0)
            rc = write_update_row(db, Q_PERSON_UPDATE, id, person_fields, N_PERSON_FIELDS, after);
    }
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "person", id, 0, out_changed);
    change_free(&c);
    arena_free(&a);
    return rc;
}

enum err
person_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    return write_archive(db, Q_PERSON_ARCHIVE_STATE, Q_PERSON_SET_ARCHIVED, "person", id, who, now,
                         true);
}

enum err
person_unarchive(struct db *db, int64_t id, const char *who, int64_t now)
{
    return write_archive(db, Q_PERSON_ARCHIVE_STATE, Q_PERSON_SET_ARCHIVED, "person", id, who, now,
                         false);
}
