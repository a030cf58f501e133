/*
 * audit.c — the audit log (who changed what, when), the page views, and the
 * accountability block every public page ends with.
 */
#include "domain/audit.h"

#include <string.h>
#include <time.h>

#include "domain/load.h"

enum err
audit_add(struct db *db, const char *who, const char *action, const char *entity, int64_t entity_id,
          int64_t mission_id, const char *detail)
{
    return audit_write(db, (int64_t)time(NULL), who, action, entity, entity_id, mission_id, detail,
                       "");
}

enum err
audit_write(struct db *db, int64_t at, const char *who, const char *action, const char *entity,
            int64_t entity_id, int64_t mission_id, const char *detail, const char *changes)
{
    struct db_stmt *st;

    st = db_stmt(db, Q_AUDIT_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, at);
    db_bind_text(st, 2, who);
    db_bind_text(st, 3, action);
    db_bind_text(st, 4, entity);
    if (entity_id)
        db_bind_i64(st, 5, entity_id);
    else
        db_bind_null(st, 5);
    if (mission_id)
        db_bind_i64(st, 6, mission_id);
    else
        db_bind_null(st, 6);
    db_bind_text(st, 7, detail ? detail : "");
    db_bind_text(st, 8, changes ? changes : "");
    return db_run(st);
}

enum err
audit_indicator_span(struct db *db, int64_t indicator_id, int64_t *out_first, int64_t *out_last)
{
    struct db_stmt *st;
    enum err rc;
    bool row;

    *out_first = *out_last = 0;
    st = db_stmt(db, Q_AUDIT_INDICATOR_SPAN);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        *out_first = db_i64(st, 0);
        *out_last = db_i64(st, 1);
    }
    db_done(st);
    return rc;
}

static void
entry_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct audit_entry *e = item;

    e->id = db_i64(st, 0);
    e->at = db_i64(st, 1);
    e->who = ld_str(st, 2, a);
    e->action = ld_str(st, 3, a);
    e->entity = ld_str(st, 4, a);
    e->entity_id = db_null(st, 5) ? 0 : db_i64(st, 5);
    e->mission_id = db_null(st, 6) ? 0 : db_i64(st, 6);
    e->detail = ld_str(st, 7, a);
    e->changes = ld_str(st, 8, a);
}

enum err
audit_history(struct db *db, struct arena *a, const char *entity, int64_t entity_id,
              int64_t mission_id, const struct page *pg, struct audit_entry **out, int *out_n,
              int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

    *out = NULL;
    *out_n = 0;
    *out_total = 0;
    if (mission_id != 0)
        return ld_page(db, a, Q_AUDIT_MISSION_COUNT, Q_AUDIT_MISSION_PAGE, mission_id, pg,
                       sizeof(**out), entry_row, out, out_n, out_total);
    st = db_stmt(db, Q_AUDIT_ENTITY_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, entity != NULL ? entity : "");
    db_bind_i64(st, 2, entity_id);
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_AUDIT_ENTITY_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, entity != NULL ? entity : "");
    db_bind_i64(st, 2, entity_id);
    db_bind_i64(st, 3, pg->limit);
    db_bind_i64(st, 4, pg->offset);
    return ld_rows(st, a, sizeof(**out), entry_row, out, out_n);
}

enum err
accountability_get(struct db *db, const char *page_key, const char *entity, int64_t entity_id,
                   int64_t mission_id, struct accountability *out)
{
    struct db_stmt *st;
    char since[16];
    time_t t;
    struct tm tm;
    enum err rc;
    bool row = false;

    memset(out, 0, sizeof(*out));
    if (mission_id != 0) {
        st = db_stmt(db, Q_AUDIT_LAST_MISSION);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, mission_id);
    } else if (entity != NULL) {
        st = db_stmt(db, Q_AUDIT_LAST_ENTITY);
        if (st == NULL)
            return ERR_DB;
        db_bind_text(st, 1, entity);
        db_bind_i64(st, 2, entity_id);
    } else {
        st = db_stmt(db, Q_AUDIT_LAST_ANY);
        if (st == NULL)
            return ERR_DB;
    }
    rc = ld_count(st, &out->last_updated);
    if (rc)
        return rc;
    if (page_key == NULL)
        return ERR_OK;
    t = time(NULL) - 30 * 86400;
    gmtime_r(&t, &tm);
    strftime(since, sizeof(since), "%Y-%m-%d", &tm);
    st = db_stmt(db, Q_PAGE_VIEWS);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, page_key);
    db_bind_text(st, 2, since);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        out->views_30d = db_i64(st, 0);
        out->views_total = db_i64(st, 1);
    }
    db_done(st);
    return rc;
}

enum err
page_views_add(struct db *db, time_t at, const struct page_count *v, size_t n)
{
    struct db_stmt *st;
    struct tm tm;
    char day[16];
    size_t i;
    enum err rc;

    gmtime_r(&at, &tm);
    strftime(day, sizeof(day), "%Y-%m-%d", &tm);
    rc = db_begin(db);
    if (rc)
        return rc;
    for (i = 0; i < n && rc == ERR_OK; i++) {
        st = db_stmt(db, Q_PAGE_VIEW_ADD);
        if (st == NULL) {
            rc = ERR_DB;
            break;
        }
        db_bind_text(st, 1, v[i].page);
        db_bind_text(st, 2, day);
        db_bind_i64(st, 3, (int64_t)v[i].n);
        rc = db_run(st);
    }
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc)
        db_rollback(db);
    return rc;
}
