/*
 * mission_edit.c — one transaction around each write of a mission and its goal tree (see
 * mission_edit.h).
 */
#include "domain/mission_edit.h"

#include <string.h>

#include "domain/load.h"
#include "domain/mission.h"
#include "domain/progress_log.h"

enum err
medit_mission_create(struct db *db, const struct mission_new *in, const char *who, int64_t *out_id,
                     struct write_error *err)
{
    enum err rc = db_begin(db);

    return rc ? rc : mission_counts_commit(db, mission_create(db, in, who, out_id, err));
}

/* Does the update move the years the mission's indicators are assessed between, by
 * default (assess.h: its start year, its deadline's year)? Then their assessments are
 * recorded before and after it (progress_log.h). */
static bool
moves_years(struct db *db, int64_t id, const struct mission_new *in)
{
    struct mission m;
    struct arena a;
    bool moves;

    arena_init(&a);
    moves = mission_get_id(db, &a, id, &m) == ERR_OK &&
            (m.start_year != in->start_year || in->deadline == NULL ||
             strcmp(m.deadline, in->deadline) != 0);
    arena_free(&a);
    return moves;
}

enum err
medit_mission_update(struct db *db, int64_t id, const struct mission_new *in, const char *who,
                     int64_t now, struct write_error *err)
{
    enum err rc = db_begin(db);
    bool moves;

    if (rc)
        return rc;
    moves = moves_years(db, id, in);
    if (moves)
        rc = progress_log_mission_before(db, id, now);
    if (rc == ERR_OK)
        rc = mission_update(db, id, in, who, now, NULL, err);
    if (rc == ERR_OK && moves)
        rc = progress_log_mission_after(db, id, now);
    return mission_counts_commit(db, rc);
}

enum err
medit_mission_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    enum err rc = db_begin(db);

    return rc ? rc : mission_counts_commit(db, mission_archive(db, id, who, now));
}

enum err
medit_mission_sdg(struct db *db, int64_t id, const char *const *targets, int n, const char *who,
                  int64_t now, struct write_error *err)
{
    enum err rc = db_begin(db);

    return rc ? rc
              : mission_counts_commit(
                    db, mission_set_sdg_targets(db, id, targets, n, who, now, NULL, err));
}

enum err
medit_objective_create(struct db *db, const struct objective_new *in, const char *who,
                       int64_t *out_id, struct write_error *err)
{
    enum err rc = db_begin(db);

    return rc ? rc : mission_counts_commit(db, objective_create(db, in, who, out_id, err));
}

enum err
medit_objective_update(struct db *db, int64_t id, const struct objective_new *in, const char *who,
                       int64_t now, struct write_error *err)
{
    enum err rc = db_begin(db);

    return rc ? rc : mission_counts_commit(db, objective_update(db, id, in, who, now, NULL, err));
}

enum err
medit_objective_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    enum err rc = db_begin(db);

    return rc ? rc : mission_counts_commit(db, objective_archive(db, id, who, now));
}

enum err
medit_indicator_create(struct db *db, const struct indicator_new *in, const char *who,
                       int64_t *out_id, struct write_error *err)
{
    enum err rc = db_begin(db);

    return rc ? rc : mission_counts_commit(db, indicator_create(db, in, who, out_id, err));
}

enum err
medit_indicator_update(struct db *db, int64_t id, const struct indicator_new *in, const char *who,
                       int64_t now, struct write_error *err)
{
    enum err rc = db_begin(db);

    return rc ? rc : mission_counts_commit(db, indicator_update(db, id, in, who, now, NULL, err));
}

enum err
medit_indicator_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    enum err rc = db_begin(db);

    return rc ? rc : mission_counts_commit(db, indicator_archive(db, id, who, now));
}

enum err
medit_team_add(struct db *db, const struct team_member_new *in, const char *who,
               struct write_error *err)
{
    enum err rc = db_begin(db);

    return rc ? rc : mission_counts_commit(db, team_member_create(db, in, who, err));
}

enum err
medit_team_update(struct db *db, const struct team_member_new *in, const char *who, int64_t now,
                  struct write_error *err)
{
    enum err rc = db_begin(db);

    return rc ? rc : mission_counts_commit(db, team_member_update(db, in, who, now, NULL, err));
}

enum err
medit_team_remove(struct db *db, int64_t mission_id, int64_t person_id, const char *who,
                  int64_t now)
{
    enum err rc = db_begin(db);

    return rc ? rc
              : mission_counts_commit(db, team_member_remove(db, mission_id, person_id, who, now));
}

enum err
medit_indicator_sdg_codes(struct db *db, struct arena *a, int64_t id, const char ***out, int *out_n)
{
    void *rows = NULL;
    enum err rc;

    rc = ld_rows_id(db, Q_INDICATOR_SDG_CODES, id, a, sizeof(const char *), ld_str_row, &rows,
                    out_n);
    *out = rows;
    return rc;
}
