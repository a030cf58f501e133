/*
 * audit.h — accountability: the audit log (who changed what, when), the page views
 * (written from the server's counts) and the figures every public page ends with (last
 * updated, owner, page views).
 */
#ifndef DOMAIN_AUDIT_H
#define DOMAIN_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/paging.h"

struct accountability {
    int64_t last_updated;   /* Unix seconds, 0: never */
    const char *owner_name; /* NULL: none */
    int64_t views_30d, views_total;
};

/*
 * The accountability of a page: the last change to the entity ("mission",
 * "indicator", ... with its id), or to anything of the mission when
 * mission_id != 0, or to anything at all when entity is NULL; and the page's
 * views (page_key NULL: none counted). Errors: ERR_DB / ERR_BUSY.
 */
enum err accountability_get(struct db *db, const char *page_key, const char *entity,
                            int64_t entity_id, int64_t mission_id, struct accountability *out);
/* One audit log entry, timed now (entity_id, mission_id 0: none; detail NULL: ""), that
 * records no field (changes ""). */
enum err audit_add(struct db *db, const char *who, const char *action, const char *entity,
                   int64_t entity_id, int64_t mission_id, const char *detail);
/*
 * One audit log entry at `at` with the fields the write changed (changes: change.h's JSON
 * object, "" or NULL for none; never a secret). The writes of issue 10 (create, update,
 * archive) use it; the other arguments are audit_add's.
 */
enum err audit_write(struct db *db, int64_t at, const char *who, const char *action,
                     const char *entity, int64_t entity_id, int64_t mission_id, const char *detail,
                     const char *changes);

/*
 * When an indicator was created and when it, or one of its values, last changed: its first
 * and last audit entries ("indicator" and "observation" for it), Unix seconds, 0 when there
 * is none. Errors: ERR_DB / ERR_BUSY.
 */
enum err audit_indicator_span(struct db *db, int64_t indicator_id, int64_t *out_first,
                              int64_t *out_last);

/* One entry of the history of a mission or an initiative. */
struct audit_entry {
    int64_t id, at;      /* at: Unix seconds */
    const char *who;     /* the user name, "cli", "system", "demo" ... */
    const char *action;  /* create, update, archive, unarchive, remove, import ... */
    const char *entity;  /* mission, objective, indicator, initiative, team_member ... */
    int64_t entity_id;   /* 0: none (for team_member: the person) */
    int64_t mission_id;  /* 0: none */
    const char *detail;  /* "" if none */
    const char *changes; /* {"field": [before, after], ...} (change.h), "" if none */
};

/*
 * The history of a mission (mission_id != 0: every entry of anything of the mission: the
 * mission itself, its objectives, indicators, initiatives, team and imports) or of one
 * entity (mission_id 0: entity and entity_id, e.g. "initiative" and its id), newest first
 * (ties by the order they were written, newest first), one page of it, with the number of
 * all such entries in *out_total. Everything lives in the arena. Errors: ERR_DB / ERR_BUSY.
 * The entries carry `who`; whether a page shows it is the caller's decision (issue 10: the
 * public sees what changed, coordinators also who).
 */
enum err audit_history(struct db *db, struct arena *a, const char *entity, int64_t entity_id,
                       int64_t mission_id, const struct page *pg, struct audit_entry **out,
                       int *out_n, int64_t *out_total);

/* Views of one page (its path) counted since the last write. */
struct page_count {
    const char *page;
    uint64_t n;
};

/*
 * Add n counts to the page views of the UTC day of `at`, in one transaction: all are
 * written or none (the caller keeps them for the next try). Errors: ERR_BUSY (locked, or
 * the server away), ERR_DB.
 */
enum err page_views_add(struct db *db, time_t at, const struct page_count *v, size_t n);

#endif
