/*
 * feed.h — what a mission's Atom feed and the platform's say (web/file_feed.c writes them):
 * the newest public events, newest first, each from a row that never changes once written,
 * so an entry's id, time and words are the same at every render.
 *
 * The sources (q_feed.def, one statement per kind; every one of them public):
 *   FEED_INITIATIVE_NEW     an initiative's audit entry "create" (one added through the
 *                           forms, the API or the demo) or, for a bottom-up proposal,
 *                           "accepted" (the moment it becomes public; its "create" is not
 *                           news while it waits for review);
 *   FEED_INITIATIVE_STATUS  an initiative's later audit entries whose recorded changes
 *                           (change.h) name its status, before and after;
 *   FEED_MISSION_STATUS     the same for a mission (exploring, in dialogue, active,
 *                           concluded);
 *   FEED_DATA               an import of an indicator's data that inserted, changed or
 *                           removed a value (its audit entry "import", with its counts);
 *   FEED_VALUE              one value written through the indicator's data page (the audit
 *                           entry of the observation, not part of an import): its period,
 *                           the value before and after;
 *   FEED_SEMINAR            a seminar announced (its audit entry "create"): when and where;
 *   FEED_PROGRESS           a write that changed an indicator's assessed status (its data,
 *                           its progress settings, the mission's years: a progress_change
 *                           row, progress_log.h), the status and score before and after.
 * The data kinds say what came in; FEED_PROGRESS what it did to the assessment, when it
 * moved it from one status to another (a score moving within its band is not an entry).
 * Initiatives' entries follow the public pages' rule (INITIATIVE_SHOWN: no
 * archived initiative, no proposal still under review or declined), as of the render: an
 * initiative archived later takes its entries out of the feed. The platform's feed holds
 * live missions only; a mission's feed is its own whatever its state (as its page).
 * Who made a change is never part of an entry.
 *
 * Adding a kind (e.g. "seminar announced"): one value in enum feed_kind (before
 * FEED__KINDS), one statement in q_feed.def with the common columns (event id, time,
 * mission id, slug and titles, subject id and titles, then three texts of the kind's own:
 * action, detail, changes; $1 the mission, 0 for every live mission, $2 the limit; newest
 * first), its
 * row in feed.c's table `sources`, and in web/file_feed.c one case in entry_words (title,
 * summary) and one in entry_link. The merge, the limit, the ids and the Atom around it
 * stay as they are. A kind with its own id space (a seminar's row id, not the audit
 * log's) keeps ids unique through its tag (feed_tag_path: the kind's name is part of it).
 */
#ifndef DOMAIN_FEED_H
#define DOMAIN_FEED_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

/* the newest entries a feed holds */
#define FEED_MAX_ENTRIES 50

enum feed_kind {
    FEED_INITIATIVE_NEW,
    FEED_INITIATIVE_STATUS,
    FEED_MISSION_STATUS,
    FEED_DATA,
    FEED_VALUE,
    FEED_SEMINAR,
    FEED_PROGRESS,
    FEED__KINDS
};

struct feed_entry {
    enum feed_kind kind;
    int64_t event_id; /* the audit entry's id (FEED_SEMINAR's too), FEED_PROGRESS the
                       * progress_change row's: unique within the kind */
    int64_t at;       /* Unix seconds */
    int64_t mission_id;
    const char *mission_slug, *mission_title_sv, *mission_title_en;
    int64_t subject_id; /* the initiative, the mission or the indicator */
    const char *title_sv, *title_en;
    /* the audit entry's action: FEED_INITIATIVE_NEW how it came ("create", "accepted"),
     * FEED_VALUE create, update or remove; its detail: FEED_VALUE the value's period and
     * series ("2024", "2024, series=x"); the status kinds: the codes before and after
     * (FEED_PROGRESS: progress.h's status names) */
    const char *action, *detail, *before, *after;
    /* FEED_DATA: the import's counts; FEED_VALUE: the value before and after (has_*:
     * there is one); FEED_PROGRESS: the score before and after */
    long inserted, changed, removed;
    bool has_old, has_new;
    double old_value, new_value;
    int64_t starts_at; /* FEED_SEMINAR: when it starts (Unix seconds); detail: where */
};

struct feed {
    int64_t since; /* Unix seconds the feed's id is dated by: the mission's creation, or
                    * the first audit entry of the platform (0: none) */
    struct feed_entry *entries;
    int n; /* at most FEED_MAX_ENTRIES, newest first (ties: the newest event id first) */
};

/*
 * The feed of one mission (mission_id; its created_at is the feed's since) or, with
 * mission_id 0, of the platform. Everything lives in a. Errors: ERR_DB / ERR_BUSY.
 */
enum err feed_load(struct db *db, struct arena *a, int64_t mission_id, int64_t mission_created,
                   struct feed *out);

/* The kind's name as entry ids spell it ("initiative-new" ...); "" out of range. */
const char *feed_kind_name(enum feed_kind k);

/*
 * The last part of an entry's tag URI (RFC 4151), the same at every render:
 * "{kind}/{subject id}/{event id}", written into out (size bytes). False if it does not fit.
 */
bool feed_tag_path(const struct feed_entry *e, char *out, size_t size);

/*
 * An import's counts from its audit entry's detail ("replace: 12 observations; 3 inserted,
 * 1 changed, 0 removed, 8 unchanged", import.c audit_import). False if detail is not one.
 */
bool feed_import_counts(const char *detail, long *inserted, long *changed, long *removed);

/*
 * The status change recorded in an audit entry's changes ({"status": [before, after], ...}):
 * both codes (in a) when they are two different strings; false otherwise.
 */
bool feed_status_change(const char *changes, struct arena *a, const char **before,
                        const char **after);

/* The value change of an observation's audit entry ({"value": [before, after], ...}):
 * each side a number or null (has_* false). False when changes has no value pair. */
bool feed_value_change(const char *changes, bool *has_old, double *old_value, bool *has_new,
                       double *new_value);

#endif
