/*
 * indicator.c — loaders for objectives, indicators, their dimensions and
 * observations (see indicator.h), and the one rule about an indicator's target
 * that pages, the API and the progress engine share. Pure reads; every string
 * lives in the caller's arena.
 */
#include "domain/indicator.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/audit.h"
#include "domain/codes.h"
#include "domain/load.h"
#include "domain/rows.h"
#include "domain/tidycsv.h"

bool
indicator_target_abs(const struct indicator *ind, double *out)
{
    if (!ind->has_target || strcmp(ind->target_kind, "none") == 0)
        return false;
    if (strcmp(ind->target_kind, "relative") == 0) {
        if (!ind->has_base)
            return false;
        *out = ind->base_value * (1.0 + ind->target_value / 100.0);
        return isfinite(*out);
    }
    *out = ind->target_value;
    return true;
}

/* Whether unit holds word (lower case, ASCII letters folded): through low, the unit folded
 * once, when it fitted there (libc's strstr), else through the unit itself. */
static bool
has_word(const char *unit, const char *low, const char *word)
{
    return low != NULL ? strstr(low, word) != NULL : str_contains_ci(unit, word);
}

bool
indicator_unit_is_percent(const char *unit)
{
    /* a difference or change in per cent can be negative or pass 100: no default bounds */
    static const char *const not_a_share[] = {"point",  "enhet",  "change",   "förändr",
                                              "growth", "ökning", "minskning"};
    char buf[128];
    const char *low = NULL;
    size_t i, n;

    if (unit == NULL)
        return false;
    /* The unit with its ASCII letters folded to lower case, once, then libc's strstr for
     * each word (all lower case): this runs two or three times for every indicator and
     * series of a page, and a folding search for each of the nine words was 3 % of the
     * uncached mission page's instructions. The words are compared the same in every
     * locale. A unit too long for the buffer is searched with str_contains_ci. */
    n = strlen(unit);
    if (n < sizeof(buf)) {
        for (i = 0; i <= n; i++)
            buf[i] = (char)(unit[i] >= 'A' && unit[i] <= 'Z' ? unit[i] + ('a' - 'A') : unit[i]);
        low = buf;
    }
    if (!(strchr(unit, '%') != NULL || has_word(unit, low, "percent") ||
          has_word(unit, low, "procent")))
        return false;
    for (i = 0; i < sizeof(not_a_share) / sizeof(not_a_share[0]); i++)
        if (has_word(unit, low, not_a_share[i]))
            return false;
    return true;
}

void
indicator_bounds(const struct indicator *ind, const char *unit, bool *has_lower, double *lower,
                 bool *has_upper, double *upper)
{
    *has_lower = *has_upper = false;
    *lower = *upper = 0;
    if (ind->bounds_set) {
        *has_lower = ind->has_lower;
        *lower = ind->lower;
        *has_upper = ind->has_upper;
        *upper = ind->upper;
        return;
    }
    /* a series' own Units cell decides for it; else the indicator's unit, in either language */
    if (!str_empty(unit)
            ? indicator_unit_is_percent(unit)
            : indicator_unit_is_percent(ind->unit_en) || indicator_unit_is_percent(ind->unit_sv)) {
        *has_lower = *has_upper = true;
        *upper = 100;
    }
}

/* ------------------------------------------------------------ objectives */

void
objective_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct objective *o = item;

    o->id = db_i64(st, 0);
    o->mission_id = db_i64(st, 1);
    o->parent_id = db_i64(st, 2);
    o->title_sv = ld_str(st, 3, a);
    o->title_en = ld_str(st, 4, a);
    o->description_sv = ld_str(st, 5, a);
    o->description_en = ld_str(st, 6, a);
    o->weight = db_dbl(st, 7);
    o->archived_at = db_null(st, 8) ? 0 : db_i64(st, 8);
}

enum err
objective_get(struct db *db, struct arena *a, int64_t id, struct objective *out)
{
    return ld_one_id(db, Q_OBJECTIVE_GET, id, a, objective_row, out);
}

/* ------------------------------------------------------------ indicators */

void
indicator_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct indicator *i = item;

    memset(i, 0, sizeof(*i));
    i->id = db_i64(st, 0);
    i->mission_id = db_i64(st, 1);
    i->objective_id = db_i64(st, 2);
    i->mission_slug = ld_str(st, 3, a);
    i->title_sv = ld_str(st, 4, a);
    i->title_en = ld_str(st, 5, a);
    i->description_sv = ld_str(st, 6, a);
    i->description_en = ld_str(st, 7, a);
    i->unit_sv = ld_str(st, 8, a);
    i->unit_en = ld_str(st, 9, a);
    i->direction = ld_str(st, 10, a);
    i->decimals = (int)db_i64(st, 11);
    i->has_base = !db_null(st, 12) && !db_null(st, 13);
    i->base_year = (int)db_i64(st, 12);
    i->base_value = db_dbl(st, 13);
    i->target_kind = ld_str(st, 14, a);
    i->has_target = !db_null(st, 15);
    i->target_value = db_dbl(st, 15);
    i->target_year = db_null(st, 16) ? 0 : (int)db_i64(st, 16);
    i->has_limit = !db_null(st, 17);
    i->limit_value = db_dbl(st, 17);
    i->source = ld_str(st, 18, a);
    i->source_url = ld_text(st, 19, a);
    i->weight = db_dbl(st, 20);
    i->n_observations = (int)db_i64(st, 21);
    i->has_latest = !db_null(st, 22);
    i->latest_year = (int)db_i64(st, 22);
    i->latest_period = ld_text(st, 23, a);
    i->latest_value = db_dbl(st, 24);
    i->mission_start_year = (int)db_i64(st, 25);
    i->mission_deadline_year = (int)strtol(db_text(st, 26), NULL, 10);
    i->has_thresholds = !db_null(st, 27) && !db_null(st, 28) && !db_null(st, 29);
    i->th_high = db_dbl(st, 27);
    i->th_med = db_dbl(st, 28);
    i->th_low = db_dbl(st, 29);
    i->headline = ld_str(st, 30, a);
    i->archived_at = db_null(st, 31) ? 0 : db_i64(st, 31);
    i->bounds_set = db_i64(st, 32) != 0;
    i->has_lower = !db_null(st, 33);
    i->lower = db_dbl(st, 33);
    i->has_upper = !db_null(st, 34);
    i->upper = db_dbl(st, 34);
    i->headline_chosen = db_i64(st, 35) != 0;
    i->base_period = ld_text(st, 36, a);
}

enum err
indicator_load_dimensions(struct db *db, struct arena *a, struct indicator *ind)
{
    return ld_rows_id(db, Q_INDICATOR_DIMENSIONS, ind->id, a, sizeof(*ind->dimensions), ld_str_row,
                      &ind->dimensions, &ind->n_dimensions);
}

enum err
indicator_get(struct db *db, struct arena *a, int64_t id, struct indicator *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_INDICATOR_GET, id, a, indicator_row, out);
    if (rc)
        return rc;
    return indicator_load_dimensions(db, a, out);
}

enum err
indicator_counts_refresh(struct db *db)
{
    struct db_stmt *st = db_stmt(db, Q_OBSERVATION_COUNTS_FILL);

    if (st == NULL)
        return ERR_DB;
    return db_run(st);
}

enum err
indicator_list(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg,
               struct indicator **out, int *out_n, int64_t *out_total)
{
    return ld_page(db, a, Q_INDICATOR_COUNT, Q_INDICATOR_PAGE, mission_id, pg, sizeof(**out),
                   indicator_row, out, out_n, out_total);
}

/* ------------------------------------------------------------ observations */

static void
observation_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct observation *o = item;

    o->period = ld_str(st, 0, a);
    o->year = (int)db_i64(st, 1);
    o->series = ld_str(st, 2, a);
    o->unit = ld_str(st, 3, a);
    o->disagg = ld_str(st, 4, a);
    o->value = db_dbl(st, 5);
    o->source = ld_str(st, 6, a);
    o->note = ld_str(st, 7, a);
    o->period_key = db_i64(st, 8);
    o->attrs = ld_str(st, 9, a);
    o->has_progress = db_type(st, 10) != DB_NULL;
    o->progress = o->has_progress ? db_dbl(st, 10) : 0;
}

enum err
indicator_observations(struct db *db, struct arena *a, int64_t indicator_id,
                       struct observation **out, int *out_n)
{
    return ld_rows_id(db, Q_INDICATOR_OBSERVATIONS, indicator_id, a, sizeof(**out), observation_row,
                      out, out_n);
}

enum err
indicator_observations_first(struct db *db, struct arena *a, int64_t indicator_id, int limit,
                             struct observation **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_INDICATOR_OBSERVATIONS_FIRST);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    db_bind_i64(st, 2, limit);
    return ld_rows(st, a, sizeof(**out), observation_row, out, out_n);
}

/* ------------------------------------------------------------ progress settings */

static bool
year_ok(int y)
{
    return y >= WRITE_MIN_YEAR && y <= WRITE_MAX_YEAR;
}

/* A setting is compared with the indicator's values: the same bound as they have (tidycsv.h),
 * so that no projection, rate or chart made from them overflows. */
static bool
num_ok(double v)
{
    return isfinite(v) && fabs(v) <= TIDY_MAX_ABS;
}

static enum err
settings_invalid(const char **f, const char **m, const char *field, const char *msg)
{
    *f = field;
    *m = msg;
    return ERR_INVALID;
}

enum err
indicator_settings_check(const struct indicator_settings *s, const char **out_field,
                         const char **out_msg)
{
    *out_field = NULL;
    *out_msg = NULL;
    if (s->has_base_year && !year_ok(s->base_year))
        return settings_invalid(out_field, out_msg, "base_year",
                                "must be a year from 1900 to 2200");
    if (s->has_base_value && !num_ok(s->base_value))
        return settings_invalid(out_field, out_msg, "base_value",
                                "must be a number from -1e15 to 1e15");
    if (s->has_base_value && !s->has_base_year)
        return settings_invalid(out_field, out_msg, "base_value", "needs a base year");
    if (!code_is(&code_target_kind, s->target_kind))
        return settings_invalid(out_field, out_msg, "target_kind",
                                "must be absolute, relative or none");
    if (strcmp(s->target_kind, "none") != 0 && !s->has_target_value)
        return settings_invalid(out_field, out_msg, "target_value",
                                "is required for this kind of target");
    if (strcmp(s->target_kind, "none") != 0 && !num_ok(s->target_value))
        return settings_invalid(out_field, out_msg, "target_value",
                                "must be a number from -1e15 to 1e15");
    if (strcmp(s->target_kind, "relative") == 0 && s->target_value <= -100)
        return settings_invalid(out_field, out_msg, "target_value",
                                "a relative target is a percent change above -100");
    if (s->target_year != 0 && !year_ok(s->target_year))
        return settings_invalid(out_field, out_msg, "target_year",
                                "must be a year from 1900 to 2200");
    if (s->target_year != 0 && s->has_base_year && s->target_year <= s->base_year)
        return settings_invalid(out_field, out_msg, "target_year", "must come after the base year");
    if (!code_is(&code_direction, s->direction))
        return settings_invalid(out_field, out_msg, "direction", "must be increase or decrease");
    if (s->has_limit && !num_ok(s->limit))
        return settings_invalid(out_field, out_msg, "limit", "must be a number from -1e15 to 1e15");
    if (s->bounds_set &&
        ((s->has_lower && !num_ok(s->lower)) || (s->has_upper && !num_ok(s->upper))))
        return settings_invalid(out_field, out_msg, "bounds", "must be numbers from -1e15 to 1e15");
    if (s->bounds_set && s->has_lower && s->has_upper && !(s->lower < s->upper))
        return settings_invalid(out_field, out_msg, "bounds",
                                "the lower bound must be below the upper bound");
    if (s->has_thresholds && !(num_ok(s->high) && num_ok(s->med) && num_ok(s->low) &&
                               s->high > s->med && s->med > s->low))
        return settings_invalid(out_field, out_msg, "thresholds",
                                "must be numbers with high > med > low");
    return ERR_OK;
}

/* ------------------------------------------------------------ create */

/* The one integer q (one id parameter) reads for id: *out 0 when no row, or for id <= 0. */
static enum err
id_lookup(struct db *db, enum q q, int64_t id, int64_t *out)
{
    struct db_stmt *st;
    enum err rc;
    bool row;

    *out = 0;
    if (id <= 0)
        return ERR_OK;
    st = db_stmt(db, q);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        *out = db_i64(st, 0);
    db_done(st);
    return rc;
}

enum err
objective_mission(struct db *db, int64_t objective_id, int64_t *out)
{
    return id_lookup(db, Q_OBJECTIVE_MISSION, objective_id, out);
}

/* The longest chain of parents an update walks to rule out a cycle (a goal tree is a few
 * levels deep; a longer chain is refused rather than walked). */
#define OBJECTIVE_MAX_DEPTH 64

/* The checks of objective_create (self 0) and objective_update (self the objective's id:
 * its mission is stored_mission, and its new parent must not be itself or under it). */
static enum err
objective_check(struct db *db, const struct objective_new *in, int64_t self, int64_t stored_mission,
                struct write_error *err)
{
    int64_t parent_mission, p;
    enum err rc;
    int depth;

    if (self != 0) {
        if (in->mission_id != 0 && in->mission_id != stored_mission)
            return write_refuse(err, "mission_id",
                                "is the mission the objective belongs to and cannot change");
        rc = ERR_OK;
    } else {
        rc = write_ref_id(db, err, "mission_id", Q_MISSION_EXISTS, in->mission_id, true,
                          "no mission has this id");
        stored_mission = in->mission_id;
    }
    if (rc == ERR_OK && in->parent_id != 0) {
        rc = id_lookup(db, Q_OBJECTIVE_LIVE_MISSION, in->parent_id, &parent_mission);
        if (rc == ERR_OK && parent_mission != stored_mission)
            rc = write_refuse(err, "parent_id", "is not an objective of the same mission");
    }
    for (p = in->parent_id, depth = 0; rc == ERR_OK && self != 0 && p != 0; depth++) {
        if (p == self)
            return write_refuse(err, "parent_id", "is the objective itself or one under it");
        if (depth == OBJECTIVE_MAX_DEPTH)
            return write_refuse(err, "parent_id", "is more than 64 levels deep");
        rc = id_lookup(db, Q_OBJECTIVE_PARENT, p, &p);
    }
    if (rc)
        return rc;
    if (write_text(err, "title_sv", in->title_sv, WRITE_MAX_LINE, true, false) ||
        write_text(err, "title_en", in->title_en, WRITE_MAX_LINE, false, false) ||
        write_text(err, "description_sv", in->description_sv, WRITE_MAX_TEXT, false, true) ||
        write_text(err, "description_en", in->description_en, WRITE_MAX_TEXT, false, true))
        return ERR_INVALID;
    if (!write_in_range(in->weight, 0, WRITE_MAX_WEIGHT))
        return write_refuse(err, "weight", "must be a number from 0 to 1e6");
    return ERR_OK;
}

/* The editable columns: Q_OBJECTIVE_STORED's and Q_OBJECTIVE_UPDATE's order. */
static const struct change_field objective_fields[] = {
    {"parent_id", CH_OPT_ID, false},    {"title_sv", CH_TEXT, false},
    {"title_en", CH_TEXT, false},       {"description_sv", CH_TEXT, false},
    {"description_en", CH_TEXT, false}, {"weight", CH_DBL, false},
};
#define N_OBJECTIVE_FIELDS ((int)(sizeof(objective_fields) / sizeof(objective_fields[0])))

static void
objective_values(const struct objective_new *in, struct change_val *v)
{
    v[0] = change_opt_id(in->parent_id);
    v[1] = change_text(in->title_sv);
    v[2] = change_text(in->title_en);
    v[3] = change_text(in->description_sv);
    v[4] = change_text(in->description_en);
    v[5] = change_dbl(in->weight);
}

enum err
objective_create(struct db *db, const struct objective_new *in, const char *who, int64_t *out_id,
                 struct write_error *err)
{
    struct change_val v[N_OBJECTIVE_FIELDS];
    struct change_set c;
    struct db_stmt *st;
    enum err rc;

    rc = objective_check(db, in, 0, 0, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_OBJECTIVE_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    write_bind_id(st, 2, in->parent_id);
    db_bind_text(st, 3, in->title_sv);
    write_bind_str(st, 4, in->title_en);
    write_bind_str(st, 5, in->description_sv);
    write_bind_str(st, 6, in->description_en);
    db_bind_dbl(st, 7, in->weight);
    rc = write_insert_id(st, out_id);
    if (rc)
        return rc;
    change_init(&c);
    objective_values(in, v);
    change_created(&c, objective_fields, N_OBJECTIVE_FIELDS, v);
    rc = write_log(db, &c, (int64_t)time(NULL), who, "create", "objective", *out_id, in->mission_id,
                   NULL);
    change_free(&c);
    return rc;
}

enum err
objective_update(struct db *db, int64_t id, const struct objective_new *in, const char *who,
                 int64_t now, bool *out_changed, struct write_error *err)
{
    struct change_val before[N_OBJECTIVE_FIELDS], after[N_OBJECTIVE_FIELDS];
    struct change_set c;
    struct arena a;
    int64_t mission = 0;
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    arena_init(&a);
    change_init(&c);
    rc = write_stored(db, Q_OBJECTIVE_STORED, id, &a, objective_fields, N_OBJECTIVE_FIELDS, before);
    if (rc == ERR_OK)
        rc = objective_mission(db, id, &mission);
    if (rc == ERR_OK)
        rc = objective_check(db, in, id, mission, err);
    if (rc == ERR_OK) {
        objective_values(in, after);
        if (change_diff(&c, objective_fields, N_OBJECTIVE_FIELDS, before, after) > 0)
            rc = write_update_row(db, Q_OBJECTIVE_UPDATE, id, objective_fields, N_OBJECTIVE_FIELDS,
                                  after);
    }
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "objective", id, mission, out_changed);
    change_free(&c);
    arena_free(&a);
    return rc;
}

enum err
objective_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    enum err rc;
    bool busy;

    rc = write_exists_id(db, Q_OBJECTIVE_LIVE_CHILDREN, id, &busy);
    if (rc)
        return rc;
    if (busy)
        return ERR_CONFLICT;
    return write_archive(db, Q_OBJECTIVE_ARCHIVE_STATE, Q_OBJECTIVE_SET_ARCHIVED, "objective", id,
                         who, now, true);
}

enum err
objective_unarchive(struct db *db, int64_t id, const char *who, int64_t now)
{
    enum err rc;
    bool hidden;

    rc = write_exists_id(db, Q_OBJECTIVE_PARENT_ARCHIVED, id, &hidden);
    if (rc)
        return rc;
    if (hidden)
        return ERR_CONFLICT;
    return write_archive(db, Q_OBJECTIVE_ARCHIVE_STATE, Q_OBJECTIVE_SET_ARCHIVED, "objective", id,
                         who, now, false);
}

/* The columns the tidy format gives a meaning of its own: never a disaggregation. */
static bool
is_reserved_column(const char *name)
{
    static const char *const reserved[] = {"Year",   "Value", "Series",  "Units",
                                           "Source", "Note",  "Progress"};
    size_t i;

    for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
        if (strcmp(reserved[i], name) == 0)
            return true;
    return false;
}

/*
 * The checks of indicator_create (self 0: *mission is set to the objective's) and
 * indicator_update (self the indicator's id, *mission its stored mission, which the
 * objective must be of; the progress settings are settings_apply's and not checked).
 */
static enum err
indicator_check(struct db *db, const struct indicator_new *in, int64_t self, int64_t *mission,
                struct write_error *e)
{
    const struct indicator_settings *s = &in->progress;
    struct tidy_error te;
    const char *field, *msg;
    int64_t objective_mission_id;
    enum err rc;
    int i;

    rc = id_lookup(db, Q_OBJECTIVE_LIVE_MISSION, in->objective_id, &objective_mission_id);
    if (rc)
        return rc;
    if (objective_mission_id == 0)
        return write_refuse(e, "objective_id", "no objective has this id");
    if (self != 0 && objective_mission_id != *mission)
        return write_refuse(e, "objective_id", "is not an objective of the indicator's mission");
    *mission = objective_mission_id;
    if (write_text(e, "title_sv", in->title_sv, WRITE_MAX_LINE, true, false) ||
        write_text(e, "title_en", in->title_en, WRITE_MAX_LINE, false, false) ||
        write_text(e, "description_sv", in->description_sv, WRITE_MAX_TEXT, false, true) ||
        write_text(e, "description_en", in->description_en, WRITE_MAX_TEXT, false, true) ||
        write_text(e, "unit_sv", in->unit_sv, WRITE_MAX_LINE, false, false) ||
        write_text(e, "unit_en", in->unit_en, WRITE_MAX_LINE, false, false))
        return ERR_INVALID;
    if (self == 0 && indicator_settings_check(s, &field, &msg))
        return write_refuse(e, field, msg);
    if (self == 0 && !str_empty(s->headline))
        return write_refuse(e, "headline", "is chosen once the indicator has data, not before");
    if (in->decimals < 0 || in->decimals > 6)
        return write_refuse(e, "decimals", "must be from 0 to 6");
    if (write_text(e, "source", in->source, WRITE_MAX_LINE, false, false) ||
        write_url(e, "source_url", str_empty(in->source_url) ? NULL : in->source_url))
        return ERR_INVALID;
    if (!write_in_range(in->weight, 0, WRITE_MAX_WEIGHT))
        return write_refuse(e, "weight", "must be a number from 0 to 1e6");
    if (in->n_dimensions > TIDY_MAX_COLUMNS - 6)
        return write_refuse_item(e, "dimensions", TIDY_MAX_COLUMNS - 6,
                                 "has more columns than a data file may have");
    if (write_list(e, "dimensions", in->dimensions, in->n_dimensions))
        return ERR_INVALID;
    for (i = 0; i < in->n_dimensions; i++) {
        if (tidy_check_name(in->dimensions[i], strlen(in->dimensions[i]), &te))
            return write_refuse_item(e, "dimensions", i,
                                     "is not a column name a data file can have (no =, no "
                                     "control character, not starting with = + - @)");
        if (is_reserved_column(in->dimensions[i]))
            return write_refuse_item(e, "dimensions", i,
                                     "is a column the data format reserves (Year, Series, Units, "
                                     "Source, Note, Progress, Value)");
    }
    return write_refs(db, e, "sdg_indicators", Q_SDG_INDICATOR_EXISTS, in->sdg_indicators,
                      in->n_sdg_indicators, "is not an SDG indicator");
}

static void
bind_settings(struct db_stmt *st, const struct indicator_settings *s)
{
    if (s->has_base_year)
        db_bind_i64(st, 11, s->base_year);
    else
        db_bind_null(st, 11);
    if (s->has_base_value)
        db_bind_dbl(st, 12, s->base_value);
    else
        db_bind_null(st, 12);
    db_bind_text(st, 13, s->target_kind);
    if (strcmp(s->target_kind, "none") != 0)
        db_bind_dbl(st, 14, s->target_value);
    else
        db_bind_null(st, 14);
    if (s->target_year != 0)
        db_bind_i64(st, 15, s->target_year);
    else
        db_bind_null(st, 15);
    if (s->has_limit)
        db_bind_dbl(st, 16, s->limit);
    else
        db_bind_null(st, 16);
    if (s->has_thresholds) {
        db_bind_dbl(st, 17, s->high);
        db_bind_dbl(st, 18, s->med);
        db_bind_dbl(st, 19, s->low);
    } else {
        db_bind_null(st, 17);
        db_bind_null(st, 18);
        db_bind_null(st, 19);
    }
    db_bind_text(st, 20, "");
}

/* The editable columns: Q_INDICATOR_STORED's and Q_INDICATOR_UPDATE's order. */
static const struct change_field indicator_fields[] = {
    {"objective_id", CH_INT, false},    {"title_sv", CH_TEXT, false},
    {"title_en", CH_TEXT, false},       {"description_sv", CH_TEXT, false},
    {"description_en", CH_TEXT, false}, {"unit_sv", CH_TEXT, false},
    {"unit_en", CH_TEXT, false},        {"decimals", CH_INT, false},
    {"source", CH_TEXT, false},         {"source_url", CH_OPT, false},
    {"weight", CH_DBL, false},
};
#define N_INDICATOR_FIELDS ((int)(sizeof(indicator_fields) / sizeof(indicator_fields[0])))

static void
indicator_values(const struct indicator_new *in, struct change_val *v)
{
    v[0] = change_int(in->objective_id);
    v[1] = change_text(in->title_sv);
    v[2] = change_text(in->title_en);
    v[3] = change_text(in->description_sv);
    v[4] = change_text(in->description_en);
    v[5] = change_text(in->unit_sv);
    v[6] = change_text(in->unit_en);
    v[7] = change_int(in->decimals);
    v[8] = change_text(in->source);
    v[9] = change_opt(in->source_url);
    v[10] = change_dbl(in->weight);
}

/* Insert the indicator's disaggregation columns, in order. */
static enum err
indicator_add_dimensions(struct db *db, int64_t id, const char *const *dims, int n)
{
    struct db_stmt *st;
    enum err rc = ERR_OK;
    int i;

    for (i = 0; rc == ERR_OK && i < n; i++) {
        st = db_stmt(db, Q_DIMENSION_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, id);
        db_bind_i64(st, 2, i);
        db_bind_text(st, 3, dims[i]);
        rc = db_run(st);
    }
    return rc;
}

enum err
indicator_create(struct db *db, const struct indicator_new *in, const char *who, int64_t *out_id,
                 struct write_error *err)
{
    struct change_val v[N_INDICATOR_FIELDS];
    struct change_set c;
    struct db_stmt *st;
    int64_t mission = 0;
    enum err rc;

    rc = indicator_check(db, in, 0, &mission, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_INDICATOR_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission);
    db_bind_i64(st, 2, in->objective_id);
    db_bind_text(st, 3, in->title_sv);
    write_bind_str(st, 4, in->title_en);
    write_bind_str(st, 5, in->description_sv);
    write_bind_str(st, 6, in->description_en);
    write_bind_str(st, 7, in->unit_sv);
    write_bind_str(st, 8, in->unit_en);
    db_bind_text(st, 9, in->progress.direction);
    db_bind_i64(st, 10, in->decimals);
    bind_settings(st, &in->progress);
    write_bind_str(st, 21, in->source);
    write_bind_opt(st, 22, in->source_url);
    db_bind_dbl(st, 23, in->weight);
    db_bind_i64(st, 24, (int64_t)time(NULL));
    rc = write_insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = indicator_add_dimensions(db, *out_id, in->dimensions, in->n_dimensions);
    if (rc == ERR_OK)
        rc = write_link_texts(db, Q_INDICATOR_SDG_ADD, *out_id, in->sdg_indicators,
                              in->n_sdg_indicators);
    if (rc)
        return rc;
    change_init(&c);
    indicator_values(in, v);
    change_created(&c, indicator_fields, N_INDICATOR_FIELDS, v);
    change_texts(&c, "dimensions", NULL, 0, in->dimensions, in->n_dimensions, true, true);
    change_texts(&c, "sdg_indicators", NULL, 0, in->sdg_indicators, in->n_sdg_indicators, false,
                 true);
    rc = write_log(db, &c, (int64_t)time(NULL), who, "create", "indicator", *out_id, mission, NULL);
    change_free(&c);
    return rc;
}

/* Replace the disaggregation columns when they differ (refused while there is data: its
 * rows are keyed by them) and the SDG indicators when the set differs, recording both. */
static enum err
indicator_replace_lists(struct db *db, struct arena *a, int64_t id, const struct indicator_new *in,
                        struct change_set *c, struct write_error *err)
{
    const char **dims, **sdgs;
    int n_dims, n_sdgs;
    struct db_stmt *st;
    int64_t n_obs;
    enum err rc;

    rc = ld_rows_id(db, Q_INDICATOR_DIMENSIONS, id, a, sizeof(*dims), ld_str_row, &dims, &n_dims);
    if (rc)
        return rc;
    if (change_texts(c, "dimensions", dims, n_dims, in->dimensions, in->n_dimensions, true,
                     false)) {
        st = db_stmt(db, Q_INDICATOR_OBSERVATION_COUNT);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, id);
        rc = ld_count(st, &n_obs);
        if (rc)
            return rc;
        if (n_obs > 0)
            return write_refuse(err, "dimensions",
                                "cannot change while the indicator has data (its rows are "
                                "keyed by them): replace the data instead");
        rc = write_clear(db, Q_DIMENSIONS_CLEAR, id);
        if (rc == ERR_OK)
            rc = indicator_add_dimensions(db, id, in->dimensions, in->n_dimensions);
        if (rc)
            return rc;
    }
    rc = ld_rows_id(db, Q_INDICATOR_SDG_CODES, id, a, sizeof(*sdgs), ld_str_row, &sdgs, &n_sdgs);
    if (rc)
        return rc;
    if (!change_texts(c, "sdg_indicators", sdgs, n_sdgs, in->sdg_indicators, in->n_sdg_indicators,
                      false, false))
        return ERR_OK;
    rc = write_clear(db, Q_INDICATOR_SDG_CLEAR, id);
    if (rc == ERR_OK)
        rc =
            write_link_texts(db, Q_INDICATOR_SDG_ADD, id, in->sdg_indicators, in->n_sdg_indicators);
    return rc;
}

enum err
indicator_update(struct db *db, int64_t id, const struct indicator_new *in, const char *who,
                 int64_t now, bool *out_changed, struct write_error *err)
{
    struct change_val before[N_INDICATOR_FIELDS], after[N_INDICATOR_FIELDS];
    struct change_set c;
    struct arena a;
    int64_t mission = 0;
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    arena_init(&a);
    change_init(&c);
    rc = write_stored(db, Q_INDICATOR_STORED, id, &a, indicator_fields, N_INDICATOR_FIELDS, before);
    if (rc == ERR_OK)
        rc = id_lookup(db, Q_INDICATOR_EXISTS, id, &mission);
    if (rc == ERR_OK)
        rc = indicator_check(db, in, id, &mission, err);
    if (rc == ERR_OK) {
        indicator_values(in, after);
        if (change_diff(&c, indicator_fields, N_INDICATOR_FIELDS, before, after) > 0)
            rc = write_update_row(db, Q_INDICATOR_UPDATE, id, indicator_fields, N_INDICATOR_FIELDS,
                                  after);
    }
    if (rc == ERR_OK)
        rc = indicator_replace_lists(db, &a, id, in, &c, err);
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "indicator", id, mission, out_changed);
    change_free(&c);
    arena_free(&a);
    return rc;
}

enum err
indicator_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    return write_archive(db, Q_INDICATOR_ARCHIVE_STATE, Q_INDICATOR_SET_ARCHIVED, "indicator", id,
                         who, now, true);
}

enum err
indicator_unarchive(struct db *db, int64_t id, const char *who, int64_t now)
{
    enum err rc;
    bool hidden;

    rc = write_exists_id(db, Q_INDICATOR_OBJECTIVE_ARCHIVED, id, &hidden);
    if (rc)
        return rc;
    if (hidden)
        return ERR_CONFLICT;
    return write_archive(db, Q_INDICATOR_ARCHIVE_STATE, Q_INDICATOR_SET_ARCHIVED, "indicator", id,
                         who, now, false);
}
