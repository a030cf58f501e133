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

#include "core/err.h"
#include "db/db.h"

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
/* One audit log entry, timed now (entity_id, mission_id 0: none; detail NULL: ""). */
enum err audit_add(struct db *db, const char *who, const char *action, const char *entity,
                   int64_t entity_id, int64_t mission_id, const char *detail);

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
