/*
 * create.c — the create functions of the entities (see create.h): check the
 * whole input, then insert, link and audit inside the caller's transaction.
 */
#include "domain/create.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/audit.h"
#include "domain/codes.h"
#include "domain/load.h"
#include "domain/orgnr.h"
#include "domain/tidycsv.h"

/* ------------------------------------------------------------ shared steps */

/* Bind text, or NULL for a NULL or empty optional value. */
static void
bind_opt(struct db_stmt *st, int i, const char *s)
{
    if (s == NULL || *s == '\0')
        db_bind_null(st, i);
    else
        db_bind_text(st, i, s);
}

/* Bind text; NULL is the empty text (a NOT NULL column with a default of ''). */
static void
bind_str(struct db_stmt *st, int i, const char *s)
{
    db_bind_text(st, i, s != NULL ? s : "");
}

static void
bind_id_or_null(struct db_stmt *st, int i, int64_t id)
{
    if (id != 0)
        db_bind_i64(st, i, id);
    else
        db_bind_null(st, i);
}

/* Step an INSERT ... RETURNING id once and read the id. */
static enum err
insert_id(struct db_stmt *st, int64_t *out)
{
    enum err rc;
    bool row;

    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_DB;
    if (rc == ERR_OK)
        *out = db_i64(st, 0);
    db_done(st);
    return rc;
}

/* Insert one (owner, text) row for each of n items through q. */
static enum err
link_texts(struct db *db, enum q q, int64_t owner, const char *const *items, int n)
{
    struct db_stmt *st;
    enum err rc;
    int i;

    for (i = 0; i < n; i++) {
        st = db_stmt(db, q);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, owner);
        db_bind_text(st, 2, items[i]);
        rc = db_run(st);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

/* A list of codes that must each name a row of the reference data (through q). */
static enum err
check_refs(struct db *db, struct write_error *e, const char *field, enum q q,
           const char *const *items, int n, const char *msg)
{
    enum err rc;
    bool there;
    int i;

    rc = write_list(e, field, items, n);
    for (i = 0; rc == ERR_OK && i < n; i++) {
        rc = write_exists_text(db, q, items[i], &there);
        if (rc == ERR_OK && !there)
            rc = write_refuse_item(e, field, i, msg);
    }
    return rc;
}

/* A required reference by id (through q), or an optional one (id 0 allowed). */
static enum err
check_id(struct db *db, struct write_error *e, const char *field, enum q q, int64_t id,
         bool required, const char *msg)
{
    enum err rc;
    bool there;

    if (id == 0 && !required)
        return ERR_OK;
    if (id <= 0)
        return write_refuse(e, field, msg);
    rc = write_exists_id(db, q, id, &there);
    if (rc == ERR_OK && !there)
        rc = write_refuse(e, field, msg);
    return rc;
}

/* The mission of an objective (0 when there is no such objective). */
static enum err
objective_mission(struct db *db, int64_t objective_id, int64_t *out)
{
    struct db_stmt *st;
    enum err rc;
    bool row;

    *out = 0;
    if (objective_id <= 0)
        return ERR_OK;
    st = db_stmt(db, Q_OBJECTIVE_MISSION);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, objective_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        *out = db_i64(st, 0);
    db_done(st);
    return rc;
}

static bool
in_range(double v, double lo, double hi)
{
    return isfinite(v) && v >= lo && v <= hi;
}

/* ------------------------------------------------------------ actor */

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
    bind_opt(st, 3, orgnr);
    db_bind_text(st, 4, in->sector);
    bind_opt(st, 5, in->sni);
    bind_opt(st, 6, in->municipality);
    bind_opt(st, 7, in->website);
    bind_str(st, 8, in->description_sv);
    bind_str(st, 9, in->description_en);
    db_bind_i64(st, 10, in->is_demo);
    db_bind_i64(st, 11, (int64_t)time(NULL));
    rc = insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = link_texts(db, Q_ACTOR_DISCIPLINE_ADD, *out_id, in->disciplines, in->n_disciplines);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "create", "actor", *out_id, 0, "");
    return rc;
}

/* ------------------------------------------------------------ person */

enum err
person_create(struct db *db, const struct person_new *in, const char *who, int64_t *out_id,
              struct write_error *err)
{
    struct db_stmt *st;
    enum err rc;

    rc = check_id(db, err, "actor_id", Q_ACTOR_EXISTS, in->actor_id, false, "no actor has this id");
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
    bind_id_or_null(st, 1, in->actor_id);
    db_bind_text(st, 2, in->name);
    bind_str(st, 3, in->title_sv);
    bind_str(st, 4, in->title_en);
    bind_opt(st, 5, in->email);
    bind_opt(st, 6, in->phone);
    db_bind_i64(st, 7, in->is_demo);
    rc = insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "create", "person", *out_id, 0, "");
    return rc;
}

/* ------------------------------------------------------------ mission */

static enum err
mission_check(struct db *db, const struct mission_new *in, struct write_error *e)
{
    enum err rc;
    bool there;

    if (write_slug(e, "slug", in->slug))
        return ERR_INVALID;
    rc = write_exists_text(db, Q_MISSION_ID_BY_SLUG, in->slug, &there);
    if (rc)
        return rc;
    if (there)
        return write_refuse(e, "slug", "is taken by another mission");
    if (write_text(e, "title_sv", in->title_sv, WRITE_MAX_LINE, true, false) ||
        write_text(e, "title_en", in->title_en, WRITE_MAX_LINE, false, false) ||
        write_text(e, "goal_sv", in->goal_sv, WRITE_MAX_LINE, true, false) ||
        write_text(e, "goal_en", in->goal_en, WRITE_MAX_LINE, false, false) ||
        write_text(e, "description_sv", in->description_sv, WRITE_MAX_MD, false, true) ||
        write_text(e, "description_en", in->description_en, WRITE_MAX_MD, false, true))
        return ERR_INVALID;
    if (in->deadline == NULL)
        return write_refuse(e, "deadline", "is required");
    if (write_date(e, "deadline", in->deadline) || write_year(e, "start_year", in->start_year))
        return ERR_INVALID;
    if (in->start_year > (in->deadline[0] - '0') * 1000 + (in->deadline[1] - '0') * 100 +
                             (in->deadline[2] - '0') * 10 + (in->deadline[3] - '0'))
        return write_refuse(e, "start_year", "must not come after the deadline");
    if (write_code(e, "status", &code_mission_status, in->status))
        return ERR_INVALID;
    rc = check_id(db, e, "owner_id", Q_PERSON_EXISTS, in->owner_id, false, "no person has this id");
    if (rc)
        return rc;
    return check_refs(db, e, "sdg_targets", Q_SDG_TARGET_GET, in->sdg_targets, in->n_sdg_targets,
                      "is not an SDG target");
}

enum err
mission_create(struct db *db, const struct mission_new *in, const char *who, int64_t *out_id,
               struct write_error *err)
{
    struct db_stmt *st;
    enum err rc;

    rc = mission_check(db, in, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_MISSION_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, in->slug);
    db_bind_text(st, 2, in->title_sv);
    bind_str(st, 3, in->title_en);
    db_bind_text(st, 4, in->goal_sv);
    bind_str(st, 5, in->goal_en);
    bind_str(st, 6, in->description_sv);
    bind_str(st, 7, in->description_en);
    db_bind_text(st, 8, in->deadline);
    db_bind_i64(st, 9, in->start_year);
    db_bind_text(st, 10, in->status);
    bind_id_or_null(st, 11, in->owner_id);
    db_bind_i64(st, 12, in->is_demo);
    db_bind_i64(st, 13, (int64_t)time(NULL));
    rc = insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = link_texts(db, Q_MISSION_SDG_TARGET_ADD, *out_id, in->sdg_targets, in->n_sdg_targets);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "create", "mission", *out_id, *out_id, "");
    return rc;
}

/* ------------------------------------------------------------ objective */

enum err
objective_create(struct db *db, const struct objective_new *in, const char *who, int64_t *out_id,
                 struct write_error *err)
{
    struct db_stmt *st;
    int64_t parent_mission;
    enum err rc;

    rc = check_id(db, err, "mission_id", Q_MISSION_EXISTS, in->mission_id, true,
                  "no mission has this id");
    if (rc == ERR_OK && in->parent_id != 0) {
        rc = objective_mission(db, in->parent_id, &parent_mission);
        if (rc == ERR_OK && parent_mission != in->mission_id)
            rc = write_refuse(err, "parent_id", "is not an objective of the same mission");
    }
    if (rc)
        return rc;
    if (write_text(err, "title_sv", in->title_sv, WRITE_MAX_LINE, true, false) ||
        write_text(err, "title_en", in->title_en, WRITE_MAX_LINE, false, false) ||
        write_text(err, "description_sv", in->description_sv, WRITE_MAX_TEXT, false, true) ||
        write_text(err, "description_en", in->description_en, WRITE_MAX_TEXT, false, true))
        return ERR_INVALID;
    if (!in_range(in->weight, 0, WRITE_MAX_WEIGHT))
        return write_refuse(err, "weight", "must be a number from 0 to 1e6");
    st = db_stmt(db, Q_OBJECTIVE_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    bind_id_or_null(st, 2, in->parent_id);
    db_bind_text(st, 3, in->title_sv);
    bind_str(st, 4, in->title_en);
    bind_str(st, 5, in->description_sv);
    bind_str(st, 6, in->description_en);
    db_bind_dbl(st, 7, in->weight);
    rc = insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "create", "objective", *out_id, in->mission_id, "");
    return rc;
}

/* ------------------------------------------------------------ indicator */

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

static enum err
indicator_check(struct db *db, const struct indicator_new *in, int64_t *mission,
                struct write_error *e)
{
    const struct indicator_settings *s = &in->progress;
    struct tidy_error te;
    const char *field, *msg;
    enum err rc;
    int i;

    rc = objective_mission(db, in->objective_id, mission);
    if (rc)
        return rc;
    if (*mission == 0)
        return write_refuse(e, "objective_id", "no objective has this id");
    if (write_text(e, "title_sv", in->title_sv, WRITE_MAX_LINE, true, false) ||
        write_text(e, "title_en", in->title_en, WRITE_MAX_LINE, false, false) ||
        write_text(e, "description_sv", in->description_sv, WRITE_MAX_TEXT, false, true) ||
        write_text(e, "description_en", in->description_en, WRITE_MAX_TEXT, false, true) ||
        write_text(e, "unit_sv", in->unit_sv, WRITE_MAX_LINE, false, false) ||
        write_text(e, "unit_en", in->unit_en, WRITE_MAX_LINE, false, false))
        return ERR_INVALID;
    if (settings_check(s, &field, &msg))
        return write_refuse(e, field, msg);
    if (!str_empty(s->headline))
        return write_refuse(e, "headline", "is chosen once the indicator has data, not before");
    if (in->decimals < 0 || in->decimals > 6)
        return write_refuse(e, "decimals", "must be from 0 to 6");
    if (write_text(e, "source", in->source, WRITE_MAX_LINE, false, false) ||
        write_url(e, "source_url", str_empty(in->source_url) ? NULL : in->source_url))
        return ERR_INVALID;
    if (!in_range(in->weight, 0, WRITE_MAX_WEIGHT))
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
    return check_refs(db, e, "sdg_indicators", Q_SDG_INDICATOR_EXISTS, in->sdg_indicators,
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

enum err
indicator_create(struct db *db, const struct indicator_new *in, const char *who, int64_t *out_id,
                 struct write_error *err)
{
    struct db_stmt *st;
    int64_t mission;
    enum err rc;
    int i;

    rc = indicator_check(db, in, &mission, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_INDICATOR_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission);
    db_bind_i64(st, 2, in->objective_id);
    db_bind_text(st, 3, in->title_sv);
    bind_str(st, 4, in->title_en);
    bind_str(st, 5, in->description_sv);
    bind_str(st, 6, in->description_en);
    bind_str(st, 7, in->unit_sv);
    bind_str(st, 8, in->unit_en);
    db_bind_text(st, 9, in->progress.direction);
    db_bind_i64(st, 10, in->decimals);
    bind_settings(st, &in->progress);
    bind_str(st, 21, in->source);
    bind_opt(st, 22, in->source_url);
    db_bind_dbl(st, 23, in->weight);
    db_bind_i64(st, 24, (int64_t)time(NULL));
    rc = insert_id(st, out_id);
    for (i = 0; rc == ERR_OK && i < in->n_dimensions; i++) {
        st = db_stmt(db, Q_DIMENSION_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, *out_id);
        db_bind_i64(st, 2, i);
        db_bind_text(st, 3, in->dimensions[i]);
        rc = db_run(st);
    }
    if (rc == ERR_OK)
        rc = link_texts(db, Q_INDICATOR_SDG_ADD, *out_id, in->sdg_indicators, in->n_sdg_indicators);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "create", "indicator", *out_id, mission, "");
    return rc;
}

/* ------------------------------------------------------------ initiative */

static enum err
initiative_check_parts(struct db *db, const struct initiative_new *in, struct write_error *e)
{
    const struct initiative_part *p;
    enum err rc;
    bool there;
    int i, k;

    if (in->n_parts < 0 || in->n_parts > WRITE_MAX_ITEMS)
        return write_refuse_item(e, "parts", WRITE_MAX_ITEMS, "has more than 64 items");
    for (i = 0; i < in->n_parts; i++) {
        p = &in->parts[i];
        rc = p->actor_id > 0 ? write_exists_id(db, Q_ACTOR_EXISTS, p->actor_id, &there) : ERR_OK;
        if (rc)
            return rc;
        if (p->actor_id <= 0 || !there)
            return write_refuse_item(e, "parts", i, "no actor has this id");
        if (!code_is(&code_initiative_role, p->role))
            return write_refuse_item(e, "parts", i, "the role is not one of the accepted codes");
        if (strcmp(p->role, "lead") == 0 && p->actor_id != in->lead_actor_id)
            return write_refuse_item(e, "parts", i,
                                     "only the initiative's lead actor takes part as lead");
        for (k = 0; k < i; k++)
            if (in->parts[k].actor_id == p->actor_id)
                return write_refuse_item(e, "parts", i, "names the same actor twice");
    }
    return ERR_OK;
}

static enum err
initiative_check(struct db *db, const struct initiative_new *in, struct write_error *e)
{
    struct db_stmt *st;
    int64_t mission;
    enum err rc;
    bool row;
    int i, k;

    rc = check_id(db, e, "mission_id", Q_MISSION_EXISTS, in->mission_id, true,
                  "no mission has this id");
    if (rc || write_slug(e, "slug", in->slug))
        return rc ? rc : ERR_INVALID;
    st = db_stmt(db, Q_INITIATIVE_ID_BY_SLUG);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    db_bind_text(st, 2, in->slug);
    rc = db_step(st, &row);
    db_done(st);
    if (rc)
        return rc;
    if (row)
        return write_refuse(e, "slug", "is taken by another initiative of the mission");
    if (write_text(e, "title_sv", in->title_sv, WRITE_MAX_LINE, true, false) ||
        write_text(e, "title_en", in->title_en, WRITE_MAX_LINE, false, false) ||
        write_text(e, "summary_sv", in->summary_sv, WRITE_MAX_MD, false, true) ||
        write_text(e, "summary_en", in->summary_en, WRITE_MAX_MD, false, true) ||
        write_code(e, "origin", &code_initiative_origin, in->origin) ||
        write_code(e, "status", &code_initiative_status, in->status))
        return ERR_INVALID;
    rc = check_id(db, e, "lead_actor_id", Q_ACTOR_EXISTS, in->lead_actor_id, false,
                  "no actor has this id");
    if (rc)
        return rc;
    if (write_date(e, "start_date", in->start_date) || write_date(e, "end_date", in->end_date))
        return ERR_INVALID;
    if (in->start_date != NULL && in->end_date != NULL && strcmp(in->end_date, in->start_date) < 0)
        return write_refuse(e, "end_date", "must not come before the start date");
    if (in->has_budget && (in->budget_sek < 0 || (double)in->budget_sek > WRITE_MAX_MONEY))
        return write_refuse(e, "budget_sek", "must be whole kronor from 0 to 1e15");
    if (write_text(e, "funding", in->funding, WRITE_MAX_LINE, false, false) ||
        write_text(e, "hypotheses_sv", in->hypotheses_sv, WRITE_MAX_MD, false, true) ||
        write_text(e, "hypotheses_en", in->hypotheses_en, WRITE_MAX_MD, false, true) ||
        write_text(e, "learnings_sv", in->learnings_sv, WRITE_MAX_MD, false, true) ||
        write_text(e, "learnings_en", in->learnings_en, WRITE_MAX_MD, false, true))
        return ERR_INVALID;
    rc = initiative_check_parts(db, in, e);
    if (rc)
        return rc;
    if (in->n_objectives < 0 || in->n_objectives > WRITE_MAX_ITEMS)
        return write_refuse_item(e, "objective_ids", WRITE_MAX_ITEMS, "has more than 64 items");
    for (i = 0; i < in->n_objectives; i++) {
        rc = objective_mission(db, in->objective_ids[i], &mission);
        if (rc)
            return rc;
        if (mission != in->mission_id)
            return write_refuse_item(e, "objective_ids", i, "is not an objective of the mission");
        for (k = 0; k < i; k++)
            if (in->objective_ids[k] == in->objective_ids[i])
                return write_refuse_item(e, "objective_ids", i, "names the same objective twice");
    }
    return check_refs(db, e, "sdg_targets", Q_SDG_TARGET_GET, in->sdg_targets, in->n_sdg_targets,
                      "is not an SDG target");
}

static enum err
initiative_links(struct db *db, const struct initiative_new *in, int64_t id)
{
    struct db_stmt *st;
    enum err rc = ERR_OK;
    int i;

    for (i = 0; rc == ERR_OK && i < in->n_parts; i++) {
        st = db_stmt(db, Q_INITIATIVE_ACTOR_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, id);
        db_bind_i64(st, 2, in->parts[i].actor_id);
        db_bind_text(st, 3, in->parts[i].role);
        rc = db_run(st);
    }
    for (i = 0; rc == ERR_OK && i < in->n_objectives; i++) {
        st = db_stmt(db, Q_INITIATIVE_OBJECTIVE_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, id);
        db_bind_i64(st, 2, in->objective_ids[i]);
        rc = db_run(st);
    }
    if (rc == ERR_OK)
        rc = link_texts(db, Q_INITIATIVE_SDG_TARGET_ADD, id, in->sdg_targets, in->n_sdg_targets);
    return rc;
}

enum err
initiative_create(struct db *db, const struct initiative_new *in, const char *who, int64_t *out_id,
                  struct write_error *err)
{
    struct db_stmt *st;
    enum err rc;

    rc = initiative_check(db, in, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_INITIATIVE_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    db_bind_text(st, 2, in->slug);
    db_bind_text(st, 3, in->title_sv);
    bind_str(st, 4, in->title_en);
    bind_str(st, 5, in->summary_sv);
    bind_str(st, 6, in->summary_en);
    db_bind_text(st, 7, in->origin);
    db_bind_text(st, 8, in->status);
    bind_id_or_null(st, 9, in->lead_actor_id);
    bind_opt(st, 10, in->start_date);
    bind_opt(st, 11, in->end_date);
    if (in->has_budget)
        db_bind_i64(st, 12, in->budget_sek);
    else
        db_bind_null(st, 12);
    bind_str(st, 13, in->funding);
    bind_str(st, 14, in->hypotheses_sv);
    bind_str(st, 15, in->hypotheses_en);
    bind_str(st, 16, in->learnings_sv);
    bind_str(st, 17, in->learnings_en);
    db_bind_i64(st, 18, in->is_demo);
    db_bind_i64(st, 19, (int64_t)time(NULL));
    rc = insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = initiative_links(db, in, *out_id);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "create", "initiative", *out_id, in->mission_id, "");
    return rc;
}

/* ------------------------------------------------------------ team member */

enum err
team_member_create(struct db *db, const struct team_member_new *in, const char *who,
                   struct write_error *err)
{
    struct db_stmt *st;
    int64_t position;
    enum err rc;
    bool row;

    rc = check_id(db, err, "mission_id", Q_MISSION_EXISTS, in->mission_id, true,
                  "no mission has this id");
    if (rc == ERR_OK)
        rc = check_id(db, err, "person_id", Q_PERSON_EXISTS, in->person_id, true,
                      "no person has this id");
    if (rc == ERR_OK && write_code(err, "role", &code_team_role, in->role))
        rc = ERR_INVALID;
    if (rc)
        return rc;
    st = db_stmt(db, Q_TEAM_MEMBER_EXISTS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    db_bind_i64(st, 2, in->person_id);
    rc = db_step(st, &row);
    db_done(st);
    if (rc)
        return rc;
    if (row)
        return write_refuse(err, "person_id", "is already in the mission's team");
    st = db_stmt(db, Q_TEAM_NEXT_POSITION);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    rc = ld_count(st, &position);
    if (rc)
        return rc;
    st = db_stmt(db, Q_TEAM_MEMBER_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    db_bind_i64(st, 2, in->person_id);
    db_bind_text(st, 3, in->role);
    db_bind_i64(st, 4, in->is_contact);
    db_bind_i64(st, 5, position);
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "create", "team_member", in->person_id, in->mission_id, "");
    return rc;
}
