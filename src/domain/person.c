/*
 * person.c — loaders for people (see person.h). Pure reads; every string
 * lives in the caller's arena.
 */
#include "domain/person.h"

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

/* ------------------------------------------------------------ create */

enum err
person_create(struct db *db, const struct person_new *in, const char *who, int64_t *out_id,
              struct write_error *err)
{
    struct db_stmt *st;
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
    rc = write_insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "create", "person", *out_id, 0, "");
    return rc;
}
