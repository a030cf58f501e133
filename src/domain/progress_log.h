/*
 * progress_log.h — an indicator's assessed progress kept over time (migration 0028), so the
 * Atom feeds can say "from substantial progress to limited progress" (feed.h,
 * FEED_PROGRESS). An assessment is computed from the data at each render and depends on
 * the observations, the indicator's progress settings and the mission's start year and
 * deadline (assess.h); each write of those, inside its own transaction, calls
 * progress_log_before before it changes anything and progress_log_after once it has:
 *
 *   before  the indicator's assessment as the last such write left it is on record
 *           (indicator_assessed); an indicator without one (no write since 0028) is
 *           assessed now, from the data as it still is;
 *   after   it is assessed again: a different status is one progress_change row (the
 *           status and score before and after, at now); the record becomes the new one.
 *
 * A score that moves within its status's band is not a change. A data set loaded inside
 * its caller's transaction (the demo, generated data) is not recorded (progress_log_forget):
 * the indicator's first write afterwards assesses it as before. What is computed here is exactly
 * what the indicator's page shows (indicator_progress_load).
 */
#ifndef DOMAIN_PROGRESS_LOG_H
#define DOMAIN_PROGRESS_LOG_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "db/db.h"
#include "domain/assess.h"

/* Before a write of the indicator's data or settings: see above. An indicator that is not
 * there is nothing to record (ERR_OK). Errors: ERR_DB / ERR_BUSY. */
enum err progress_log_before(struct db *db, int64_t indicator_id, int64_t now);

/*
 * After the write: ip, the indicator's assessment now (NULL: assessed here), compared with
 * the record. *out_changed (may be NULL): a progress_change row was written.
 */
enum err progress_log_after(struct db *db, int64_t indicator_id,
                            const struct indicator_progress *ip, int64_t now, bool *out_changed);

/* After data loaded inside its caller's transaction (the demo, generated data), which is
 * not recorded: the record is dropped, so the indicator's next write assesses it before
 * writing, from the data the load left. */
enum err progress_log_forget(struct db *db, int64_t indicator_id);

/* The same for each live indicator of a mission, around a change of its start year or
 * deadline (mission_edit.c). */
enum err progress_log_mission_before(struct db *db, int64_t mission_id, int64_t now);
enum err progress_log_mission_after(struct db *db, int64_t mission_id, int64_t now);

#endif
