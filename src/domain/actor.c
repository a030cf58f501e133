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
    x->archived_at = db_null(st, 15) ? 0 : db_i64(st, 15);
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
    st = db_stmt(db, sector && sector[0] ? Q_ACTOR_PAGE_SECTOR : Q_ACTOR_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, pg->limit);
    db_bind_i64(st, 2, pg->offset);
    if (sector && sector[0])
        db_bind_text(st, 3, sector);
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

/* The checks of actor_create (self 0) and actor_update (self the actor's id, whose own slug
 * and organisation number are not taken). */
static enum err
actor_check(struct db *db, const struct actor_new *in, int64_t self, char orgnr[12],
            struct write_error *e)
{
    int64_t holder;
    enum err rc;
    bool there;

    if (write_slug(e, "slug", in->slug) ||
        write_text(e, "name", in->name, WRITE_MAX_LINE, true, false))
        return ERR_INVALID;
    rc = write_id_by_text(db, Q_ACTOR_ID_BY_SLUG, in->slug, &holder);
    if (rc)
        return rc;
    if (holder != 0 && holder != self)
        return write_refuse(e, "slug", "is taken by another actor");
    orgnr[0] = '\0';
    if (!str_empty(in->orgnr)) {
        if (!orgnr_valid(in->orgnr, orgnr))
            return write_refuse(e, "orgnr", "is not a valid Swedish organisation number");
        rc = write_id_by_text(db, Q_ACTOR_ID_BY_ORGNR, orgnr, &holder);
        if (rc)
            return rc;
        if (holder != 0 && holder != self)
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

/* The editable columns: Q_ACTOR_STORED's and Q_ACTOR_UPDATE's order. */
static const struct change_field actor_fields[] = {
    {"slug", CH_TEXT, false},
    {"name", CH_TEXT, false},
    {"orgnr", CH_OPT, false},
    {"sector", CH_TEXT, false},
    {"sni", CH_OPT, false},
    {"municipality", CH_OPT, false},
    {"website", CH_OPT, false},
    {"description_sv", CH_TEXT, false},
    {"description_en", CH_TEXT, false},
};
#define N_ACTOR_FIELDS ((int)(sizeof(actor_fields) / sizeof(actor_fields[0])))

/* in's values as stored (orgnr: its stored form). */
static void
actor_values(const struct actor_new *in, const char *orgnr, struct change_val *v)
{
    v[0] = change_text(in->slug);
    v[1] = change_text(in->name);
    v[2] = change_opt(orgnr);
    v[3] = change_text(in->sector);
    v[4] = change_opt(in->sni);
    v[5] = change_opt(in->municipality);
    v[6] = change_opt(in->website);
    v[7] = change_text(in->description_sv);
    v[8] = change_text(in->description_en);
}

enum err
actor_create(struct db *db, const struct actor_new *in, const char *who, int64_t *out_id,
             struct write_error *err)
{
    struct change_val v[N_ACTOR_FIELDS];
    struct change_set c;
    struct db_stmt *st;
    char orgnr[12];
    int64_t now = (int64_t)time(NULL);
    enum err rc;

    rc = actor_check(db, in, 0, orgnr, err);
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
    db_bind_i64(st, 11, now);
    rc = write_insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = write_link_texts(db, Q_ACTOR_DISCIPLINE_ADD, *out_id, in->disciplines,
                              in->n_disciplines);
    if (rc)
        return rc;
    change_init(&c);
    actor_values(in, orgnr, v);
    change_created(&c, actor_fields, N_ACTOR_FIELDS, v);
    change_texts(&c, "disciplines", NULL, 0, in->disciplines, in->n_disciplines, false, true);
    rc = write_log(db, &c, now, who, "create", "actor", *out_id, 0, NULL);
    change_free(&c);
    return rc;
}

/* ------------------------------------------------------------ update and archive */

enum err
actor_update(struct db *db, int64_t id, const struct actor_new *in, const char *who, int64_t now,
             bool *out_changed, struct write_error *err)
{
    struct change_val before[N_ACTOR_FIELDS], after[N_ACTOR_FIELDS];
    const char **disciplines;
    int n_disciplines;
    struct change_set c;
    struct arena a;
    char orgnr[12];
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    arena_init(&a);
    change_init(&c);
    rc = write_stored(db, Q_ACTOR_STORED, id, &a, actor_fields, N_ACTOR_FIELDS, before);
    if (rc == ERR_OK)
        rc = actor_check(db, in, id, orgnr, err);
    if (rc == ERR_OK) {
        actor_values(in, orgnr, after);
        if (change_diff(&c, actor_fields, N_ACTOR_FIELDS, before, after) > 0)
            rc = write_update_row(db, Q_ACTOR_UPDATE, id, actor_fields, N_ACTOR_FIELDS, after);
    }
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_ACTOR_DISCIPLINES, id, &a, sizeof(*disciplines), ld_str_row,
                        &disciplines, &n_disciplines);
    if (rc == ERR_OK && change_texts(&c, "disciplines", disciplines, n_disciplines, in->disciplines,
                                     in->n_disciplines, false, false)) {
        rc = write_clear(db, Q_ACTOR_DISCIPLINES_CLEAR, id);
        if (rc == ERR_OK)
            rc = write_link_texts(db, Q_ACTOR_DISCIPLINE_ADD, id, in->disciplines,
                                  in->n_disciplines);
    }
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "actor", id, 0, out_changed);
    change_free(&c);
    arena_free(&a);
    return rc;
}

enum err
actor_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    return write_archive(db, Q_ACTOR_ARCHIVE_STATE, Q_ACTOR_SET_ARCHIVED, "actor", id, who, now,
                         true);
}

enum err
actor_unarchive(struct db *db, int64_t id, const char *who, int64_t now)
{
    return write_archive(db, Q_ACTOR_ARCHIVE_STATE, Q_ACTOR_SET_ARCHIVED, "actor", id, who, now,
                         false);
}
