/*
 * actor.c — loaders for actors, their people and their roles in initiatives
 * (see actor.h). Pure reads; every string lives in the caller's arena.
 */
#include "domain/actor.h"

#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/audit.h"
#include "domain/codes.h"
#include "domain/load.h"
#include "domain/orgnr.h"
#include "domain/person.h"
#include "domain/rows.h"

void
actor_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct actor *x = item;

    memset(x, 0, sizeof(*x));
    x->id = db_i64(st, 0);
    x->slug = ld_str(st, 1, a);
    x->name = ld_str(st, 2, a);
    x->orgnr = ld_text(st, 3, a);
    x->sector = ld_str(st, 4, a);
    x->sni = ld_text(st, 5, a);
    x->sni_label = ld_text(st, 6, a);
    x->municipality = ld_text(st, 7, a);
    x->municipality_name = ld_text(st, 8, a);
    x->county_name = ld_text(st, 9, a);
    x->website = ld_text(st, 10, a);
    x->description_sv = ld_str(st, 11, a);
    x->description_en = ld_str(st, 12, a);
    x->is_demo = db_i64(st, 13) != 0;
    x->n_initiatives = (int)db_i64(st, 14);
}

enum err
actor_list(struct db *db, struct arena *a, const char *sector, const struct page *pg,
           struct actor **out, int *out_n, int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

    st = db_stmt(db, Q_ACTOR_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, sector ? sector : "");
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_ACTOR_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, sector ? sector : "");
    db_bind_i64(st, 2, pg->limit);
    db_bind_i64(st, 3, pg->offset);
    return ld_rows(st, a, sizeof(**out), actor_row, out, out_n);
}

enum err
actor_get(struct db *db, struct arena *a, int64_t id, struct actor *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_ACTOR_GET, id, a, actor_row, out);
    if (rc)
        return rc;
    return ld_rows_id(db, Q_ACTOR_DISCIPLINES, id, a, sizeof(*out->disciplines), ld_str_row,
                      &out->disciplines, &out->n_disciplines);
}

enum err
actor_people(struct db *db, struct arena *a, int64_t actor_id, struct person **out, int *out_n)
{
    return ld_rows_id(db, Q_ACTOR_PEOPLE, actor_id, a, sizeof(**out), person_row, out, out_n);
}

static void
role_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct actor_role *r = item;

    r->initiative_id = db_i64(st, 0);
    r->role = ld_str(st, 1, a);
}

enum err
actor_initiative_roles(struct db *db, struct arena *a, int64_t actor_id, struct actor_role **out,
                       int *out_n)
{
    return ld_rows_id(db, Q_ACTOR_INITIATIVE_ROLES, actor_id, a, sizeof(**out), role_row, out,
                      out_n);
}

/* ------------------------------------------------------------ create */

static enum err
actor_check(struct db *db, const struct actor_new *in, char orgnr[12], struct write_error *e)
{
    enum err rc;
    bool there;

    if (write_slug(e, "slug", in->slug) ||
        write_text(e, "name", in->name, WRITE_MAX_LINE, true, false))
        return ERR_INVALID;
    rc = write_exists_text(db, Q_ACTOR_ID_BY_SLUG, in->slug, &there);
    if (rc)
        return rc;
    if (there)
        return write_refuse(e, "slug", "is taken by another actor");
    orgnr[0] = '\0';
    if (!str_empty(in->orgnr)) {
        if (!orgnr_valid(in->orgnr, orgnr))
            return write_refuse(e, "orgnr", "is not a valid Swedish organisation number");
        rc = write_exists_text(db, Q_ACTOR_ID_BY_ORGNR, orgnr, &there);
        if (rc)
            return rc;
        if (there)
            return write_refuse(e, "orgnr", "belongs to another actor");
    }
    if (write_code(e, "sector", &code_actor_sector, in->sector))
        return ERR_INVALID;
    if (!str_empty(in->sni)) {
        rc = write_exists_text(db, Q_SNI_GET, in->sni, &there);
        if (rc)
            return rc;
        if (!there)
            return write_refuse(e, "sni", "is not an SNI 2007 code");
    }
    if (!str_empty(in->municipality)) {
        rc = write_exists_text(db, Q_MUNICIPALITY_GET, in->municipality, &there);
        if (rc)
            return rc;
        if (!there)
            return write_refuse(e, "municipality", "is not a municipality code of SCB");
    }
    if (write_url(e, "website", in->website) ||
        write_text(e, "description_sv", in->description_sv, WRITE_MAX_TEXT, false, true) ||
        write_text(e, "description_en", in->description_en, WRITE_MAX_TEXT, false, true) ||
        write_list(e, "disciplines", in->disciplines, in->n_disciplines))
        return ERR_INVALID;
    return ERR_OK;
}

enum err
actor_create(struct db *db, const struct actor_new *in, const char *who, int64_t *out_id,
             struct write_error *err)
{
    struct db_stmt *st;
    char orgnr[12];
    enum err rc;

    rc = actor_check(db, in, orgnr, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_ACTOR_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, in->slug);
    db_bind_text(st, 2, in->name);
    write_bind_opt(st, 3, orgnr);
    db_bind_text(st, 4, in->sector);
    write_bind_opt(st, 5, in->sni);
    write_bind_opt(st, 6, in->municipality);
    write_bind_opt(st, 7, in->website);
    write_bind_str(st, 8, in->description_sv);
    write_bind_str(st, 9, in->description_en);
    db_bind_i64(st, 10, in->is_demo);
    db_bind_i64(st, 11, (int64_t)time(NULL));
    rc = write_insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = write_link_texts(db, Q_ACTOR_DISCIPLINE_ADD, *out_id, in->disciplines,
                              in->n_disciplines);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "create", "actor", *out_id, 0, "");
    return rc;
}
