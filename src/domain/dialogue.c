/*
 * dialogue.c — a mission's dialogues, their actors, objectives and follow-ups: the loaders,
 * the reach of the dialogues, and the writes (see dialogue.h). Every string lives in the
 * caller's arena.
 */
#include "domain/dialogue.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/codes.h"
#include "domain/indicator.h"
#include "domain/load.h"
#include "domain/mission.h"

/* ------------------------------------------------------------ loaders */

static void
dialogue_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct dialogue *d = item;

    memset(d, 0, sizeof(*d));
    d->id = db_i64(st, 0);
    d->mission_id = db_i64(st, 1);
    d->mission_slug = ld_str(st, 2, a);
    d->mission_title_sv = ld_str(st, 3, a);
    d->mission_title_en = ld_str(st, 4, a);
    d->held_on = ld_str(st, 5, a);
    d->format = ld_str(st, 6, a);
    d->title_sv = ld_str(st, 7, a);
    d->title_en = ld_str(st, 8, a);
    d->summary_sv = ld_str(st, 9, a);
    d->summary_en = ld_str(st, 10, a);
    d->outcomes_sv = ld_str(st, 11, a);
    d->outcomes_en = ld_str(st, 12, a);
    d->is_public = db_i64(st, 13) != 0;
    d->is_demo = db_i64(st, 14) != 0;
    d->created_at = db_i64(st, 15);
    d->updated_at = db_i64(st, 16);
    d->n_actors = db_i64(st, 17);
    d->n_open = db_i64(st, 18);
}

static void
actor_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct dialogue_actor *x = item;

    x->id = db_i64(st, 0);
    x->slug = ld_str(st, 1, a);
    x->name = ld_str(st, 2, a);
    x->sector = ld_str(st, 3, a);
}

static void
objective_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct dialogue_objective *o = item;

    o->id = db_i64(st, 0);
    o->title_sv = ld_str(st, 1, a);
    o->title_en = ld_str(st, 2, a);
}

static void
follow_up_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct follow_up *f = item;

    memset(f, 0, sizeof(*f));
    f->id = db_i64(st, 0);
    f->dialogue_id = db_i64(st, 1);
    f->text_sv = ld_str(st, 2, a);
    f->text_en = ld_str(st, 3, a);
    f->owner_id = db_i64(st, 4);
    f->owner_name = ld_text(st, 5, a);
    f->due_on = ld_str(st, 6, a);
    f->done = !db_null(st, 7);
    f->done_at = f->done ? db_i64(st, 7) : 0;
}

static void
overdue_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct follow_up *f = item;

    follow_up_row(st, a, item);
    f->dialogue_title_sv = ld_str(st, 8, a);
    f->dialogue_title_en = ld_str(st, 9, a);
    f->dialogue_public = db_i64(st, 10) != 0;
    f->dialogue_held_on = ld_str(st, 11, a);
}

static void
reach_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct dialogue_reach_row *r = item;

    r->code = ld_str(st, 0, a);
    r->label = ld_str(st, 1, a);
    r->in_mission = db_i64(st, 2);
    r->reached = db_i64(st, 3);
}

enum err
dialogue_list(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg,
              struct dialogue **out, int *out_n, int64_t *out_total)
{
    return ld_page(db, a, Q_DIALOGUE_COUNT, Q_DIALOGUE_PAGE, mission_id, pg, sizeof(**out),
                   dialogue_row, out, out_n, out_total);
}

enum err
dialogue_get(struct db *db, struct arena *a, int64_t id, struct dialogue *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_DIALOGUE_GET, id, a, dialogue_row, out);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_DIALOGUE_ACTORS, id, a, sizeof(*out->actors), actor_row, &out->actors,
                        &out->n_actors_loaded);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_DIALOGUE_OBJECTIVES, id, a, sizeof(*out->objectives), objective_row,
                        &out->objectives, &out->n_objectives);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_DIALOGUE_FOLLOW_UPS, id, a, sizeof(*out->follow_ups), follow_up_row,
                        &out->follow_ups, &out->n_follow_ups);
    return rc;
}

enum err
dialogue_of_actor(struct db *db, struct arena *a, int64_t actor_id, struct dialogue **out,
                  int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_DIALOGUE_OF_ACTOR);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, actor_id);
    db_bind_i64(st, 2, DIALOGUE_ACTOR_HISTORY);
    return ld_rows(st, a, sizeof(**out), dialogue_row, out, out_n);
}

/* Today's date (UTC) at now as YYYY-MM-DD into buf (11 bytes). */
static bool
today(int64_t now, char *buf)
{
    time_t t = (time_t)now;
    struct tm tm;

    return gmtime_r(&t, &tm) != NULL && strftime(buf, 11, "%Y-%m-%d", &tm) == 10;
}

enum err
dialogue_overdue(struct db *db, struct arena *a, int64_t mission_id, int64_t now,
                 struct follow_up **out, int *out_n)
{
    struct db_stmt *st;
    char day[11];

    if (!today(now, day))
        return ERR_INVALID;
    st = db_stmt(db, Q_DIALOGUE_OVERDUE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_text(st, 2, day);
    db_bind_i64(st, 3, DIALOGUE_OVERDUE_MAX);
    return ld_rows(st, a, sizeof(**out), overdue_row, out, out_n);
}

enum err
dialogue_reach(struct db *db, struct arena *a, int64_t mission_id, struct dialogue_reach *out)
{
    enum err rc;

    memset(out, 0, sizeof(*out));
    rc = ld_rows_id(db, Q_DIALOGUE_REACH_SECTOR, mission_id, a, sizeof(*out->sectors), reach_row,
                    &out->sectors, &out->n_sectors);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_DIALOGUE_REACH_INDUSTRY, mission_id, a, sizeof(*out->industries),
                        reach_row, &out->industries, &out->n_industries);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_DIALOGUE_REACH_COUNTY, mission_id, a, sizeof(*out->counties),
                        reach_row, &out->counties, &out->n_counties);
    return rc;
}

void
dialogue_hide_notes(struct dialogue *d, bool may_see_all)
{
    if (d->is_public || may_see_all)
        return;
    d->summary_sv = d->summary_en = "";
    d->outcomes_sv = d->outcomes_en = "";
    d->follow_ups = NULL;
    d->n_follow_ups = 0;
    d->n_open = 0;
}

/* ------------------------------------------------------------ checks */

/* n ids of a list field, each > 0, each once, at most WRITE_MAX_ITEMS. */
static enum err
check_ids(struct write_error *e, const char *field, const int64_t *ids, int n)
{
    int i, k;

    if (n < 0 || n > WRITE_MAX_ITEMS)
        return write_refuse_item(e, field, WRITE_MAX_ITEMS, "has more than 64 items");
    for (i = 0; i < n; i++)
        for (k = 0; k < i; k++)
            if (ids[k] == ids[i])
                return write_refuse_item(e, field, i, "names the same item twice");
    return ERR_OK;
}

static enum err
check_follow_ups(struct db *db, const struct dialogue_new *in, int64_t self, struct write_error *e)
{
    const struct follow_up_new *f;
    struct db_stmt *st;
    enum err rc;
    bool there, row;
    int i, k;

    if (in->n_follow_ups < 0 || in->n_follow_ups > WRITE_MAX_ITEMS)
        return write_refuse_item(e, "follow_ups", WRITE_MAX_ITEMS, "has more than 64 items");
    for (i = 0; i < in->n_follow_ups; i++) {
        f = &in->follow_ups[i];
        if (write_text(e, "follow_ups", f->text_sv, WRITE_MAX_LINE, true, false) ||
            write_text(e, "follow_ups", f->text_en, WRITE_MAX_LINE, false, false)) {
            e->item = i;
            return ERR_INVALID;
        }
        if (f->due_on == NULL || write_date(e, "follow_ups", f->due_on)) {
            e->item = i;
            e->msg = "the due date must be a date YYYY-MM-DD";
            return ERR_INVALID;
        }
        rc = f->owner_id > 0 ? write_exists_id(db, Q_PERSON_EXISTS, f->owner_id, &there) : ERR_OK;
        if (rc)
            return rc;
        if (f->owner_id <= 0 || !there)
            return write_refuse_item(e, "follow_ups", i, "the owner is no person's id");
        if (f->id != 0) {
            int64_t of = 0;

            if (self == 0)
                return write_refuse_item(e, "follow_ups", i, "a new dialogue's follow-ups are new");
            st = db_stmt(db, Q_FOLLOW_UP_STATE);
            if (st == NULL)
                return ERR_DB;
            db_bind_i64(st, 1, f->id);
            rc = db_step(st, &row);
            if (rc == ERR_OK && row)
                of = db_i64(st, 1);
            db_done(st);
            if (rc)
                return rc;
            if (of != self)
                return write_refuse_item(e, "follow_ups", i, "is not a follow-up of the dialogue");
            for (k = 0; k < i; k++)
                if (in->follow_ups[k].id == f->id)
                    return write_refuse_item(e, "follow_ups", i, "names the same follow-up twice");
        }
    }
    return ERR_OK;
}

/* The checks of dialogue_create (self 0) and dialogue_update (self the id, in its stored
 * mission `mission`). */
static enum err
dialogue_check(struct db *db, const struct dialogue_new *in, int64_t self, int64_t mission,
               struct write_error *e)
{
    enum err rc;
    bool there;
    int64_t of;
    int i;

    if (self != 0) {
        if (in->mission_id != 0 && in->mission_id != mission)
            return write_refuse(e, "mission_id",
                                "is the mission the dialogue belongs to and cannot change");
        rc = ERR_OK;
    } else {
        rc = write_ref_id(db, e, "mission_id", Q_MISSION_EXISTS, in->mission_id, true,
                          "no mission has this id");
        mission = in->mission_id;
    }
    if (rc)
        return rc;
    if (in->held_on == NULL || *in->held_on == '\0')
        return write_refuse(e, "held_on", "is required: the date it was held, YYYY-MM-DD");
    if (write_date(e, "held_on", in->held_on) ||
        write_code(e, "format", &code_dialogue_format, in->format) ||
        write_text(e, "title_sv", in->title_sv, WRITE_MAX_LINE, true, false) ||
        write_text(e, "title_en", in->title_en, WRITE_MAX_LINE, false, false) ||
        write_text(e, "summary_sv", in->summary_sv, WRITE_MAX_MD, false, true) ||
        write_text(e, "summary_en", in->summary_en, WRITE_MAX_MD, false, true) ||
        write_text(e, "outcomes_sv", in->outcomes_sv, WRITE_MAX_MD, false, true) ||
        write_text(e, "outcomes_en", in->outcomes_en, WRITE_MAX_MD, false, true))
        return ERR_INVALID;
    rc = check_ids(e, "actor_ids", in->actor_ids, in->n_actors);
    for (i = 0; rc == ERR_OK && i < in->n_actors; i++) {
        there = false;
        rc = in->actor_ids[i] > 0 ? write_exists_id(db, Q_ACTOR_EXISTS, in->actor_ids[i], &there)
                                  : ERR_OK;
        if (rc == ERR_OK && !there)
            rc = write_refuse_item(e, "actor_ids", i, "no actor has this id");
    }
    if (rc == ERR_OK)
        rc = check_ids(e, "objective_ids", in->objective_ids, in->n_objectives);
    for (i = 0; rc == ERR_OK && i < in->n_objectives; i++) {
        of = 0;
        rc = in->objective_ids[i] > 0 ? objective_mission(db, in->objective_ids[i], &of) : ERR_OK;
        if (rc == ERR_NOTFOUND)
            rc = ERR_OK;
        if (rc == ERR_OK && of != mission)
            rc = write_refuse_item(e, "objective_ids", i, "is not an objective of the mission");
    }
    return rc ? rc : check_follow_ups(db, in, self, e);
}

/* ------------------------------------------------------------ writes */

/* The editable columns: Q_DIALOGUE_STORED's and Q_DIALOGUE_UPDATE's order. */
static const struct change_field dialogue_fields[] = {
    {"held_on", CH_TEXT, false},     {"format", CH_TEXT, false},
    {"title_sv", CH_TEXT, false},    {"title_en", CH_TEXT, false},
    {"summary_sv", CH_TEXT, false},  {"summary_en", CH_TEXT, false},
    {"outcomes_sv", CH_TEXT, false}, {"outcomes_en", CH_TEXT, false},
    {"is_public", CH_INT, false},
};
#define N_DIALOGUE_FIELDS ((int)(sizeof(dialogue_fields) / sizeof(dialogue_fields[0])))

static void
dialogue_values(const struct dialogue_new *in, struct change_val *v)
{
    v[0] = change_text(in->held_on);
    v[1] = change_text(in->format);
    v[2] = change_text(in->title_sv);
    v[3] = change_text(in->title_en);
    v[4] = change_text(in->summary_sv);
    v[5] = change_text(in->summary_en);
    v[6] = change_text(in->outcomes_sv);
    v[7] = change_text(in->outcomes_en);
    v[8] = change_int(in->is_public ? 1 : 0);
}

static enum err
add_links(struct db *db, enum q q, int64_t id, const int64_t *ids, int n)
{
    struct db_stmt *st;
    enum err rc = ERR_OK;
    int i;

    for (i = 0; rc == ERR_OK && i < n; i++) {
        st = db_stmt(db, q);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, id);
        db_bind_i64(st, 2, ids[i]);
        rc = db_run(st);
    }
    return rc;
}

static void
bind_follow_up(struct db_stmt *st, const struct follow_up_new *f)
{
    db_bind_text(st, 2, f->text_sv);
    write_bind_str(st, 3, f->text_en);
    write_bind_id(st, 4, f->owner_id);
    db_bind_text(st, 5, f->due_on);
}

static enum err
add_follow_up(struct db *db, int64_t id, const struct follow_up_new *f, int64_t now)
{
    struct db_stmt *st = db_stmt(db, Q_FOLLOW_UP_ADD);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    bind_follow_up(st, f);
    db_bind_i64(st, 6, now);
    return db_run(st);
}

static void
follow_ups_json(struct json *j, const struct follow_up_new *f, int n)
{
    int i;

    json_arr_open(j);
    for (i = 0; i < n; i++) {
        json_obj_open(j);
        if (f[i].id != 0)
            json_kint(j, "id", f[i].id);
        json_kstr(j, "text_sv", f[i].text_sv != NULL ? f[i].text_sv : "");
        json_kstr(j, "text_en", f[i].text_en != NULL ? f[i].text_en : "");
        json_kint(j, "owner_id", f[i].owner_id);
        json_kstr(j, "due_on", f[i].due_on);
        json_obj_close(j);
    }
    json_arr_close(j);
}

static bool
same_text(const char *x, const char *y)
{
    return strcmp(x != NULL ? x : "", y != NULL ? y : "") == 0;
}

static bool
same_follow_up(const struct follow_up_new *x, const struct follow_up_new *y)
{
    return x->id == y->id && same_text(x->text_sv, y->text_sv) &&
           same_text(x->text_en, y->text_en) && x->owner_id == y->owner_id &&
           same_text(x->due_on, y->due_on);
}

static int
cmp_follow_up(const void *x, const void *y)
{
    int64_t a = ((const struct follow_up_new *)x)->id, b = ((const struct follow_up_new *)y)->id;

    /* stored ones by id, new ones (0) last in their order */
    if (a == 0 || b == 0)
        return (a == 0) - (b == 0);
    return (a > b) - (a < b);
}

static void
stored_follow_up_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct follow_up_new *f = item;

    f->id = db_i64(st, 0);
    f->text_sv = ld_str(st, 1, a);
    f->text_en = ld_str(st, 2, a);
    f->owner_id = db_i64(st, 3);
    f->due_on = ld_str(st, 4, a);
}

/* Bring the follow-ups of dialogue id to in's, recording them in c when they differ. */
static enum err
replace_follow_ups(struct db *db, struct arena *a, int64_t id, const struct dialogue_new *in,
                   int64_t now, struct change_set *c)
{
    struct follow_up_new *before, *after;
    struct db_stmt *st;
    int nb, na = in->n_follow_ups, i, k;
    bool same, kept;
    enum err rc;

    rc = ld_rows_id(db, Q_DIALOGUE_FOLLOW_UPS_STORED, id, a, sizeof(*before), stored_follow_up_row,
                    &before, &nb);
    if (rc)
        return rc;
    after = arena_alloc(a, (size_t)(na > 0 ? na : 1) * sizeof(*after));
    if (na > 0)
        memcpy(after, in->follow_ups, (size_t)na * sizeof(*after));
    /* a stable order: qsort is not, and new ones keep theirs */
    for (i = 1; i < na; i++)
        for (k = i; k > 0 && cmp_follow_up(&after[k - 1], &after[k]) > 0; k--) {
            struct follow_up_new t = after[k];

            after[k] = after[k - 1];
            after[k - 1] = t;
        }
    same = nb == na;
    for (i = 0; same && i < na; i++)
        same = same_follow_up(&before[i], &after[i]);
    if (same)
        return ERR_OK;
    change_open(c, "follow_ups");
    follow_ups_json(&c->j, before, nb);
    follow_ups_json(&c->j, after, na);
    change_close(c);
    for (i = 0; rc == ERR_OK && i < nb; i++) {
        kept = false;
        for (k = 0; k < na && !kept; k++)
            kept = after[k].id == before[i].id;
        if (kept)
            continue;
        st = db_stmt(db, Q_FOLLOW_UP_DELETE);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, before[i].id);
        rc = db_run(st);
    }
    for (i = 0; rc == ERR_OK && i < na; i++) {
        if (after[i].id == 0) {
            rc = add_follow_up(db, id, &after[i], now);
            continue;
        }
        st = db_stmt(db, Q_FOLLOW_UP_SET);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, after[i].id);
        bind_follow_up(st, &after[i]);
        rc = db_run(st);
    }
    return rc;
}

enum err
dialogue_create(struct db *db, const struct dialogue_new *in, const char *who, int64_t now,
                int64_t *out_id, struct write_error *err)
{
    struct change_val v[N_DIALOGUE_FIELDS];
    struct change_set c;
    struct db_stmt *st;
    enum err rc;
    int i;

    rc = dialogue_check(db, in, 0, 0, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_DIALOGUE_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    db_bind_text(st, 2, in->held_on);
    db_bind_text(st, 3, in->format);
    db_bind_text(st, 4, in->title_sv);
    write_bind_str(st, 5, in->title_en);
    write_bind_str(st, 6, in->summary_sv);
    write_bind_str(st, 7, in->summary_en);
    write_bind_str(st, 8, in->outcomes_sv);
    write_bind_str(st, 9, in->outcomes_en);
    db_bind_i64(st, 10, in->is_public ? 1 : 0);
    db_bind_i64(st, 11, now);
    db_bind_i64(st, 12, in->is_demo ? 1 : 0);
    rc = write_insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = add_links(db, Q_DIALOGUE_ACTOR_ADD, *out_id, in->actor_ids, in->n_actors);
    if (rc == ERR_OK)
        rc = add_links(db, Q_DIALOGUE_OBJECTIVE_ADD, *out_id, in->objective_ids, in->n_objectives);
    for (i = 0; rc == ERR_OK && i < in->n_follow_ups; i++)
        rc = add_follow_up(db, *out_id, &in->follow_ups[i], now);
    if (rc)
        return rc;
    change_init(&c);
    dialogue_values(in, v);
    change_created(&c, dialogue_fields, N_DIALOGUE_FIELDS, v);
    change_ids(&c, "actor_ids", NULL, 0, in->actor_ids, in->n_actors, true);
    change_ids(&c, "objective_ids", NULL, 0, in->objective_ids, in->n_objectives, true);
    if (in->n_follow_ups > 0) {
        change_open(&c, "follow_ups");
        json_nil(&c.j);
        follow_ups_json(&c.j, in->follow_ups, in->n_follow_ups);
        change_close(&c);
    }
    rc = write_log(db, &c, now, who, "create", "dialogue", *out_id, in->mission_id, NULL);
    change_free(&c);
    return rc;
}

enum err
dialogue_update(struct db *db, int64_t id, const struct dialogue_new *in, const char *who,
                int64_t now, bool *out_changed, struct write_error *err)
{
    struct change_val before[N_DIALOGUE_FIELDS], after[N_DIALOGUE_FIELDS];
    struct change_set c;
    struct db_stmt *st;
    struct arena a;
    int64_t mission = 0, *ids;
    int n_ids;
    bool changed = false;
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    arena_init(&a);
    change_init(&c);
    rc = write_stored(db, Q_DIALOGUE_STORED, id, &a, dialogue_fields, N_DIALOGUE_FIELDS, before);
    if (rc == ERR_OK) {
        st = db_stmt(db, Q_DIALOGUE_MISSION);
        if (st == NULL) {
            rc = ERR_DB;
        } else {
            db_bind_i64(st, 1, id);
            rc = ld_count(st, &mission);
        }
    }
    if (rc == ERR_OK)
        rc = dialogue_check(db, in, id, mission, err);
    if (rc == ERR_OK) {
        dialogue_values(in, after);
        if (change_diff(&c, dialogue_fields, N_DIALOGUE_FIELDS, before, after) > 0)
            rc = write_update_row(db, Q_DIALOGUE_UPDATE, id, dialogue_fields, N_DIALOGUE_FIELDS,
                                  after);
    }
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_DIALOGUE_ACTOR_IDS, id, &a, sizeof(*ids), ld_i64_row, &ids, &n_ids);
    if (rc == ERR_OK &&
        change_ids(&c, "actor_ids", ids, n_ids, in->actor_ids, in->n_actors, false)) {
        rc = write_clear(db, Q_DIALOGUE_ACTORS_CLEAR, id);
        if (rc == ERR_OK)
            rc = add_links(db, Q_DIALOGUE_ACTOR_ADD, id, in->actor_ids, in->n_actors);
    }
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_DIALOGUE_OBJECTIVE_IDS, id, &a, sizeof(*ids), ld_i64_row, &ids,
                        &n_ids);
    if (rc == ERR_OK &&
        change_ids(&c, "objective_ids", ids, n_ids, in->objective_ids, in->n_objectives, false)) {
        rc = write_clear(db, Q_DIALOGUE_OBJECTIVES_CLEAR, id);
        if (rc == ERR_OK)
            rc = add_links(db, Q_DIALOGUE_OBJECTIVE_ADD, id, in->objective_ids, in->n_objectives);
    }
    if (rc == ERR_OK)
        rc = replace_follow_ups(db, &a, id, in, now, &c);
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "dialogue", id, mission, &changed);
    if (rc == ERR_OK && changed) {
        st = db_stmt(db, Q_DIALOGUE_TOUCH);
        if (st == NULL) {
            rc = ERR_DB;
        } else {
            db_bind_i64(st, 1, id);
            db_bind_i64(st, 2, now);
            rc = db_run(st);
        }
    }
    if (out_changed != NULL)
        *out_changed = changed;
    change_free(&c);
    arena_free(&a);
    return rc;
}

enum err
follow_up_owner(struct db *db, int64_t id, int64_t *out_dialogue, int64_t *out_mission)
{
    struct db_stmt *st = db_stmt(db, Q_FOLLOW_UP_STATE);
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK) {
        if (out_dialogue != NULL)
            *out_dialogue = db_i64(st, 1);
        if (out_mission != NULL)
            *out_mission = db_i64(st, 2);
    }
    db_done(st);
    return rc;
}

enum err
follow_up_done(struct db *db, int64_t id, bool done, const char *who, int64_t now,
               int64_t *out_dialogue, int64_t *out_mission)
{
    struct change_field f = {"done_at", CH_OPT_INT, false};
    struct change_val before, after;
    struct change_set c;
    struct db_stmt *st;
    int64_t dialogue = 0, mission = 0;
    enum err rc;
    bool row;

    st = db_stmt(db, Q_FOLLOW_UP_STATE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK) {
        before = change_opt_int(!db_null(st, 0), db_i64(st, 0));
        dialogue = db_i64(st, 1);
        mission = db_i64(st, 2);
    }
    db_done(st);
    if (rc)
        return rc;
    if (out_dialogue != NULL)
        *out_dialogue = dialogue;
    if (out_mission != NULL)
        *out_mission = mission;
    if (before.is_null != done)
        return ERR_OK; /* already so */
    after = change_opt_int(done, now);
    st = db_stmt(db, Q_FOLLOW_UP_SET_DONE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    change_bind(st, 2, &f, 1, &after);
    rc = db_run(st);
    if (rc)
        return rc;
    change_init(&c);
    change_diff(&c, &f, 1, &before, &after);
    rc = write_log(db, &c, now, who, done ? "done" : "reopen", "follow_up", id, mission, NULL);
    change_free(&c);
    return rc;
}

/* ------------------------------------------------------------ one transaction each */

enum err
dialogue_save(struct db *db, int64_t id, const struct dialogue_new *in, const char *who,
              int64_t now, int64_t *out_id, struct write_error *err)
{
    enum err rc = db_begin(db);

    if (rc)
        return rc;
    *out_id = id;
    if (id == 0)
        rc = dialogue_create(db, in, who, now, out_id, err);
    else
        rc = dialogue_update(db, id, in, who, now, NULL, err);
    return mission_counts_commit(db, rc);
}

enum err
follow_up_save_done(struct db *db, int64_t id, bool done, const char *who, int64_t now)
{
    enum err rc = db_begin(db);

    if (rc)
        return rc;
    return mission_counts_commit(db, follow_up_done(db, id, done, who, now, NULL, NULL));
}
