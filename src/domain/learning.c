/*
 * learning.c — a mission's learning log and its portfolio reviews (see learning.h).
 * Strings live in the caller's arena.
 */
#include "domain/learning.h"

#include <string.h>
#include <time.h>

#include "domain/codes.h"
#include "domain/indicator.h"
#include "domain/load.h"
#include "domain/mission.h"

/* xgettext extracts N_() here, as it does write_refuse's messages (`make pot`'s keywords):
 * the web layer says a refusal in the request's language */
#define N_(s) (s)

/* ------------------------------------------------------------ reads */

static void
entry_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct learning_entry *e = item;

    memset(e, 0, sizeof(*e));
    e->id = db_i64(st, 0);
    e->mission_id = db_i64(st, 1);
    e->mission_slug = ld_str(st, 2, a);
    e->mission_title_sv = ld_str(st, 3, a);
    e->mission_title_en = ld_str(st, 4, a);
    e->decided_on = ld_str(st, 5, a);
    e->hypothesis_sv = ld_str(st, 6, a);
    e->hypothesis_en = ld_str(st, 7, a);
    e->done_sv = ld_str(st, 8, a);
    e->done_en = ld_str(st, 9, a);
    e->learned_sv = ld_str(st, 10, a);
    e->learned_en = ld_str(st, 11, a);
    e->decision = ld_str(st, 12, a);
    e->is_public = db_i64(st, 13) != 0;
    e->by = ld_text(st, 14, a);
    e->created_at = db_i64(st, 15);
    e->updated_at = db_i64(st, 16);
    e->is_demo = db_i64(st, 17) != 0;
}

static void
link_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct learning_link *l = item;

    l->entry_id = db_i64(st, 0);
    l->id = db_i64(st, 1);
    l->slug = ld_str(st, 2, a);
    l->title_sv = ld_str(st, 3, a);
    l->title_en = ld_str(st, 4, a);
}

/* Bind a list's four parameters: the mission, all, the page. */
static void
bind_page(struct db_stmt *st, int64_t mission_id, bool all, const struct page *pg)
{
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, all ? 1 : 0);
    db_bind_i64(st, 3, pg->limit);
    db_bind_i64(st, 4, pg->offset);
}

/* Give each of the n entries its links among links[0..nl) (ordered by entry): the run of
 * an entry's links is pointed to, not copied. */
static void
attach(struct learning_entry *es, int n, struct learning_link *links, int nl, bool initiatives)
{
    int i, k;

    for (i = 0; i < n; i++) {
        struct learning_link *first = NULL;
        int m = 0;

        for (k = 0; k < nl; k++)
            if (links[k].entry_id == es[i].id) {
                if (first == NULL)
                    first = &links[k];
                m++;
            }
        if (initiatives) {
            es[i].initiatives = first;
            es[i].n_initiatives = m;
        } else {
            es[i].objectives = first;
            es[i].n_objectives = m;
        }
    }
}

static enum err
page_links(struct db *db, struct arena *a, enum q q, int64_t mission_id, bool all,
           const struct page *pg, struct learning_link **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    bind_page(st, mission_id, all, pg);
    return ld_rows(st, a, sizeof(**out), link_row, out, out_n);
}

enum err
learning_list(struct db *db, struct arena *a, int64_t mission_id, bool all, const struct page *pg,
              struct learning_entry **out, int *out_n, int64_t *out_total)
{
    struct learning_link *links;
    struct db_stmt *st = db_stmt(db, Q_LEARNING_COUNT);
    int nl;
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, all ? 1 : 0);
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_LEARNING_PAGE);
    if (st == NULL)
        return ERR_DB;
    bind_page(st, mission_id, all, pg);
    rc = ld_rows(st, a, sizeof(**out), entry_row, out, out_n);
    if (rc == ERR_OK)
        rc = page_links(db, a, Q_LEARNING_PAGE_INITIATIVES, mission_id, all, pg, &links, &nl);
    if (rc == ERR_OK)
        attach(*out, *out_n, links, nl, true);
    if (rc == ERR_OK)
        rc = page_links(db, a, Q_LEARNING_PAGE_OBJECTIVES, mission_id, all, pg, &links, &nl);
    if (rc == ERR_OK)
        attach(*out, *out_n, links, nl, false);
    return rc;
}

enum err
learning_get(struct db *db, struct arena *a, int64_t id, struct learning_entry *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_LEARNING_GET, id, a, entry_row, out);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_LEARNING_INITIATIVES, id, a, sizeof(*out->initiatives), link_row,
                        &out->initiatives, &out->n_initiatives);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_LEARNING_OBJECTIVES, id, a, sizeof(*out->objectives), link_row,
                        &out->objectives, &out->n_objectives);
    return rc;
}

static void
review_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct portfolio_review *r = item;

    memset(r, 0, sizeof(*r));
    r->id = db_i64(st, 0);
    r->mission_id = db_i64(st, 1);
    r->mission_slug = ld_str(st, 2, a);
    r->held_on = ld_str(st, 3, a);
    r->decisions_sv = ld_str(st, 4, a);
    r->decisions_en = ld_str(st, 5, a);
    r->is_public = db_i64(st, 6) != 0;
    r->by = ld_text(st, 7, a);
    r->created_at = db_i64(st, 8);
    r->updated_at = db_i64(st, 9);
    r->is_demo = db_i64(st, 10) != 0;
}

static void
person_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct review_person *p = item;

    p->review_id = db_i64(st, 0);
    p->id = db_i64(st, 1);
    p->name = ld_str(st, 2, a);
}

static void
bind_reviews(struct db_stmt *st, int64_t mission_id, bool all, int limit)
{
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, all ? 1 : 0);
    db_bind_i64(st, 3, limit);
}

enum err
review_list(struct db *db, struct arena *a, int64_t mission_id, bool all, int limit,
            struct portfolio_review **out, int *out_n)
{
    struct review_person *people;
    struct db_stmt *st = db_stmt(db, Q_REVIEW_LIST);
    int np, i, k;
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    bind_reviews(st, mission_id, all, limit);
    rc = ld_rows(st, a, sizeof(**out), review_row, out, out_n);
    if (rc)
        return rc;
    st = db_stmt(db, Q_REVIEW_LIST_PEOPLE);
    if (st == NULL)
        return ERR_DB;
    bind_reviews(st, mission_id, all, limit);
    rc = ld_rows(st, a, sizeof(*people), person_row, &people, &np);
    if (rc)
        return rc;
    for (i = 0; i < *out_n; i++) {
        struct portfolio_review *r = &(*out)[i];

        for (k = 0; k < np; k++)
            if (people[k].review_id == r->id) {
                if (r->people == NULL)
                    r->people = &people[k];
                r->n_people++;
            }
    }
    return ERR_OK;
}

enum err
review_get(struct db *db, struct arena *a, int64_t id, struct portfolio_review *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_REVIEW_GET, id, a, review_row, out);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_REVIEW_PEOPLE, id, a, sizeof(*out->people), person_row, &out->people,
                        &out->n_people);
    return rc;
}

/* ------------------------------------------------------------ checks */

/* A required date (write_date allows none). */
static enum err
required_date(struct write_error *e, const char *field, const char *s)
{
    if (s == NULL || *s == '\0')
        return write_refuse(e, field, "is required: a date YYYY-MM-DD");
    return write_date(e, field, s);
}

/* n ids (at most WRITE_MAX_ITEMS), each once, each of the mission (q: $1 the id, selects
 * its mission; mission 0: any row q finds, its existence only). */
static enum err
check_ids(struct db *db, struct write_error *e, const char *field, enum q q, const int64_t *ids,
          int n, int64_t mission, const char *msg)
{
    struct db_stmt *st;
    int64_t of;
    enum err rc;
    bool row;
    int i, k;

    if (n < 0 || n > WRITE_MAX_ITEMS)
        return write_refuse_item(e, field, WRITE_MAX_ITEMS, "has more than 64 items");
    for (i = 0; i < n; i++) {
        st = db_stmt(db, q);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, ids[i]);
        of = 0;
        rc = db_step(st, &row);
        if (rc == ERR_OK && row)
            of = mission != 0 ? db_i64(st, 0) : 1;
        db_done(st);
        if (rc)
            return rc;
        if (ids[i] <= 0 || !row || (mission != 0 && of != mission))
            return write_refuse_item(e, field, i, msg);
        for (k = 0; k < i; k++)
            if (ids[k] == ids[i])
                return write_refuse_item(e, field, i, "names the same one twice");
    }
    return ERR_OK;
}

/* Each of the n initiatives one that entry id (0: a new one) may name: the public sees it,
 * or the entry names it already (Q_LEARNING_INITIATIVE_NAMEABLE). An entry is public
 * record: it links no page the public cannot read, and keeps the links it has when an
 * initiative is archived later, so that an edit of its other fields is not refused. */
static enum err
check_nameable(struct db *db, struct write_error *e, int64_t id, const int64_t *ids, int n)
{
    struct db_stmt *st;
    enum err rc;
    bool row;
    int i;

    for (i = 0; i < n; i++) {
        st = db_stmt(db, Q_LEARNING_INITIATIVE_NAMEABLE);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, ids[i]);
        db_bind_i64(st, 2, id);
        rc = db_step(st, &row);
        db_done(st);
        if (rc)
            return rc;
        if (!row)
            return write_refuse_item(
                e, "initiative_ids", i,
                "is an initiative the public does not see (archived, or a proposal not accepted)");
    }
    return ERR_OK;
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

/* Replace the links of id through q_clear and q_add when the stored set (q_ids) differs
 * from ids, recording it as field in c. */
static enum err
replace_links(struct db *db, struct arena *a, struct change_set *c, const char *field, enum q q_ids,
              enum q q_clear, enum q q_add, int64_t id, const int64_t *ids, int n)
{
    int64_t *before;
    int nb;
    enum err rc;

    rc = ld_rows_id(db, q_ids, id, a, sizeof(*before), ld_i64_row, &before, &nb);
    if (rc == ERR_OK && change_ids(c, field, before, nb, ids, n, false)) {
        rc = write_clear(db, q_clear, id);
        if (rc == ERR_OK)
            rc = add_links(db, q_add, id, ids, n);
    }
    return rc;
}

static enum err
touch(struct db *db, enum q q, int64_t id, int64_t now)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    db_bind_i64(st, 2, now);
    return db_run(st);
}

static enum err
mission_of(struct db *db, enum q q, int64_t id, int64_t *out)
{
    struct db_stmt *st = db_stmt(db, q);
    enum err rc;
    bool row;

    *out = 0;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        *out = db_i64(st, 0);
    db_done(st);
    return rc;
}

/* The ids an input gives one of its link sets. */
struct link_ids {
    const int64_t *ids;
    int n;
};

/* One link set of an entry or a review: its name in the audit log, its statements. */
struct link_set {
    const char *field;
    enum q ids, clear, add;
};

#define KIND_MAX_FIELDS 9 /* an entry's editable fields; a review has fewer */
#define KIND_MAX_LINKS  2 /* an entry's initiatives and objectives; a review's people */

/*
 * What an entry's update and a review's differ in; kind_update does the rest: the stored
 * mission (it cannot change), the checks, the editable fields, the link sets, the time
 * of the change and the audit entry naming exactly the fields that differ.
 */
struct update_kind {
    const char *entity; /* the audit log's */
    const char *moved;  /* the refusal of another mission_id */
    enum q mission, stored, update, touch;
    const struct change_field *fields;
    int n_fields;
    struct link_set links[KIND_MAX_LINKS];
    int n_links;
    /* The checks of in (a learning_new or a review_new) for the stored one id of mission. */
    enum err (*check)(struct db *db, const void *in, int64_t id, int64_t mission,
                      struct write_error *e);
    /* in's values of fields, in their order; its ids of links, in theirs. */
    void (*values)(const void *in, struct change_val *v);
    void (*link_ids)(const void *in, struct link_ids *out);
};

static enum err
kind_update(struct db *db, const struct update_kind *k, int64_t id, const void *in,
            int64_t in_mission, const char *who, int64_t now, bool *out_changed,
            struct write_error *err)
{
    struct change_val before[KIND_MAX_FIELDS], after[KIND_MAX_FIELDS];
    struct link_ids links[KIND_MAX_LINKS];
    struct change_set c;
    int64_t mission = 0;
    struct arena a;
    enum err rc;
    int i;

    if (out_changed != NULL)
        *out_changed = false;
    arena_init(&a);
    change_init(&c);
    rc = mission_of(db, k->mission, id, &mission);
    if (rc == ERR_OK)
        rc = write_stored(db, k->stored, id, &a, k->fields, k->n_fields, before);
    if (rc == ERR_OK && in_mission != 0 && in_mission != mission)
        rc = write_refuse(err, "mission_id", k->moved);
    if (rc == ERR_OK)
        rc = k->check(db, in, id, mission, err);
    if (rc == ERR_OK) {
        k->values(in, after);
        if (change_diff(&c, k->fields, k->n_fields, before, after) > 0)
            rc = write_update_row(db, k->update, id, k->fields, k->n_fields, after);
    }
    k->link_ids(in, links);
    for (i = 0; rc == ERR_OK && i < k->n_links; i++)
        rc = replace_links(db, &a, &c, k->links[i].field, k->links[i].ids, k->links[i].clear,
                           k->links[i].add, id, links[i].ids, links[i].n);
    if (rc == ERR_OK && c.n > 0)
        rc = touch(db, k->touch, id, now);
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", k->entity, id, mission, out_changed);
    change_free(&c);
    arena_free(&a);
    return rc;
}

/* ------------------------------------------------------------ learning entries */

static const struct change_field entry_fields[] = {
    {"decided_on", CH_TEXT, false},    {"hypothesis_sv", CH_TEXT, false},
    {"hypothesis_en", CH_TEXT, false}, {"done_sv", CH_TEXT, false},
    {"done_en", CH_TEXT, false},       {"learned_sv", CH_TEXT, false},
    {"learned_en", CH_TEXT, false},    {"decision", CH_TEXT, false},
    {"is_public", CH_INT, false},
};
#define N_ENTRY_FIELDS ((int)(sizeof(entry_fields) / sizeof(entry_fields[0])))
_Static_assert(N_ENTRY_FIELDS <= KIND_MAX_FIELDS, "kind_update holds an entry's fields");

static void
entry_values(const void *in_, struct change_val *v)
{
    const struct learning_new *in = in_;

    v[0] = change_text(in->decided_on);
    v[1] = change_text(in->hypothesis_sv);
    v[2] = change_text(in->hypothesis_en);
    v[3] = change_text(in->done_sv);
    v[4] = change_text(in->done_en);
    v[5] = change_text(in->learned_sv);
    v[6] = change_text(in->learned_en);
    v[7] = change_text(in->decision);
    v[8] = change_int(in->is_public ? 1 : 0);
}

/* The checks of a create (id 0) and an update of entry id (mission: the entry's). */
static enum err
entry_check(struct db *db, const void *in_, int64_t id, int64_t mission, struct write_error *e)
{
    const struct learning_new *in = in_;
    enum err rc;

    if (required_date(e, "decided_on", in->decided_on) ||
        write_text(e, "hypothesis_sv", in->hypothesis_sv, WRITE_MAX_TEXT, true, true) ||
        write_text(e, "hypothesis_en", in->hypothesis_en, WRITE_MAX_TEXT, false, true) ||
        write_text(e, "done_sv", in->done_sv, WRITE_MAX_TEXT, false, true) ||
        write_text(e, "done_en", in->done_en, WRITE_MAX_TEXT, false, true) ||
        write_text(e, "learned_sv", in->learned_sv, WRITE_MAX_TEXT, false, true) ||
        write_text(e, "learned_en", in->learned_en, WRITE_MAX_TEXT, false, true) ||
        write_code(e, "decision", &code_learning_decision, in->decision))
        return ERR_INVALID;
    rc = check_ids(db, e, "initiative_ids", Q_INITIATIVE_MISSION, in->initiative_ids,
                   in->n_initiatives, mission, N_("is not an initiative of the mission"));
    if (rc == ERR_OK)
        rc = check_nameable(db, e, id, in->initiative_ids, in->n_initiatives);
    if (rc == ERR_OK)
        rc = check_ids(db, e, "objective_ids", Q_OBJECTIVE_MISSION, in->objective_ids,
                       in->n_objectives, mission, N_("is not an objective of the mission"));
    return rc;
}

enum err
learning_create(struct db *db, const struct learning_new *in, const char *who, int64_t *out_id,
                struct write_error *err)
{
    struct change_val v[N_ENTRY_FIELDS];
    struct change_set c;
    struct db_stmt *st;
    int64_t now = (int64_t)time(NULL);
    enum err rc;

    rc = write_ref_id(db, err, "mission_id", Q_PROPOSAL_MISSION_LIVE, in->mission_id, true,
                      N_("no live mission has this id"));
    if (rc == ERR_OK)
        rc = entry_check(db, in, 0, in->mission_id, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_LEARNING_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    db_bind_text(st, 2, in->decided_on);
    db_bind_text(st, 3, in->hypothesis_sv);
    write_bind_str(st, 4, in->hypothesis_en);
    write_bind_str(st, 5, in->done_sv);
    write_bind_str(st, 6, in->done_en);
    write_bind_str(st, 7, in->learned_sv);
    write_bind_str(st, 8, in->learned_en);
    db_bind_text(st, 9, in->decision);
    db_bind_i64(st, 10, in->is_public ? 1 : 0);
    write_bind_id(st, 11, in->user_id);
    db_bind_i64(st, 12, now);
    db_bind_i64(st, 13, in->is_demo);
    rc = write_insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = add_links(db, Q_LEARNING_INITIATIVE_ADD, *out_id, in->initiative_ids,
                       in->n_initiatives);
    if (rc == ERR_OK)
        rc = add_links(db, Q_LEARNING_OBJECTIVE_ADD, *out_id, in->objective_ids, in->n_objectives);
    if (rc)
        return rc;
    change_init(&c);
    entry_values(in, v);
    change_created(&c, entry_fields, N_ENTRY_FIELDS, v);
    change_ids(&c, "initiative_ids", NULL, 0, in->initiative_ids, in->n_initiatives, true);
    change_ids(&c, "objective_ids", NULL, 0, in->objective_ids, in->n_objectives, true);
    rc = write_log(db, &c, now, who, "create", "learning_entry", *out_id, in->mission_id, NULL);
    change_free(&c);
    return rc;
}

enum err
learning_mission(struct db *db, int64_t id, int64_t *out)
{
    return mission_of(db, Q_LEARNING_MISSION, id, out);
}

static void
entry_links(const void *in_, struct link_ids *out)
{
    const struct learning_new *in = in_;

    out[0] = (struct link_ids){in->initiative_ids, in->n_initiatives};
    out[1] = (struct link_ids){in->objective_ids, in->n_objectives};
}

static const struct update_kind entry_kind = {
    .entity = "learning_entry",
    .moved = N_("is the mission the entry belongs to and cannot change"),
    .mission = Q_LEARNING_MISSION,
    .stored = Q_LEARNING_STORED,
    .update = Q_LEARNING_UPDATE,
    .touch = Q_LEARNING_TOUCH,
    .fields = entry_fields,
    .n_fields = N_ENTRY_FIELDS,
    .links = {{"initiative_ids", Q_LEARNING_INITIATIVE_IDS, Q_LEARNING_INITIATIVES_CLEAR,
               Q_LEARNING_INITIATIVE_ADD},
              {"objective_ids", Q_LEARNING_OBJECTIVE_IDS, Q_LEARNING_OBJECTIVES_CLEAR,
               Q_LEARNING_OBJECTIVE_ADD}},
    .n_links = 2,
    .check = entry_check,
    .values = entry_values,
    .link_ids = entry_links,
};

enum err
learning_update(struct db *db, int64_t id, const struct learning_new *in, const char *who,
                int64_t now, bool *out_changed, struct write_error *err)
{
    return kind_update(db, &entry_kind, id, in, in->mission_id, who, now, out_changed, err);
}

/* ------------------------------------------------------------ portfolio reviews */

static const struct change_field review_fields[] = {
    {"held_on", CH_TEXT, false},
    {"decisions_sv", CH_TEXT, false},
    {"decisions_en", CH_TEXT, false},
    {"is_public", CH_INT, false},
};
#define N_REVIEW_FIELDS ((int)(sizeof(review_fields) / sizeof(review_fields[0])))
_Static_assert(N_REVIEW_FIELDS <= KIND_MAX_FIELDS, "kind_update holds a review's fields");

static void
review_values(const void *in_, struct change_val *v)
{
    const struct review_new *in = in_;

    v[0] = change_text(in->held_on);
    v[1] = change_text(in->decisions_sv);
    v[2] = change_text(in->decisions_en);
    v[3] = change_int(in->is_public ? 1 : 0);
}

/* (id and mission: the review's; its people are of no mission) */
static enum err
review_check(struct db *db, const void *in_, int64_t id, int64_t mission, struct write_error *e)
{
    const struct review_new *in = in_;

    (void)id;
    (void)mission;
    if (required_date(e, "held_on", in->held_on) ||
        write_text(e, "decisions_sv", in->decisions_sv, WRITE_MAX_TEXT, false, true) ||
        write_text(e, "decisions_en", in->decisions_en, WRITE_MAX_TEXT, false, true))
        return ERR_INVALID;
    return check_ids(db, e, "person_ids", Q_PERSON_EXISTS, in->person_ids, in->n_people, 0,
                     N_("no person has this id"));
}

enum err
review_create(struct db *db, const struct review_new *in, const char *who, int64_t *out_id,
              struct write_error *err)
{
    struct change_val v[N_REVIEW_FIELDS];
    struct change_set c;
    struct db_stmt *st;
    int64_t now = (int64_t)time(NULL);
    enum err rc;

    rc = write_ref_id(db, err, "mission_id", Q_PROPOSAL_MISSION_LIVE, in->mission_id, true,
                      N_("no live mission has this id"));
    if (rc == ERR_OK)
        rc = review_check(db, in, 0, in->mission_id, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_REVIEW_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    db_bind_text(st, 2, in->held_on);
    write_bind_str(st, 3, in->decisions_sv);
    write_bind_str(st, 4, in->decisions_en);
    db_bind_i64(st, 5, in->is_public ? 1 : 0);
    write_bind_id(st, 6, in->user_id);
    db_bind_i64(st, 7, now);
    db_bind_i64(st, 8, in->is_demo);
    rc = write_insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = add_links(db, Q_REVIEW_PERSON_ADD, *out_id, in->person_ids, in->n_people);
    if (rc)
        return rc;
    change_init(&c);
    review_values(in, v);
    change_created(&c, review_fields, N_REVIEW_FIELDS, v);
    change_ids(&c, "person_ids", NULL, 0, in->person_ids, in->n_people, true);
    rc = write_log(db, &c, now, who, "create", "portfolio_review", *out_id, in->mission_id, NULL);
    change_free(&c);
    return rc;
}

enum err
review_mission(struct db *db, int64_t id, int64_t *out)
{
    return mission_of(db, Q_REVIEW_MISSION, id, out);
}

static void
review_links(const void *in_, struct link_ids *out)
{
    const struct review_new *in = in_;

    out[0] = (struct link_ids){in->person_ids, in->n_people};
}

static const struct update_kind review_kind = {
    .entity = "portfolio_review",
    .moved = N_("is the mission the review belongs to and cannot change"),
    .mission = Q_REVIEW_MISSION,
    .stored = Q_REVIEW_STORED,
    .update = Q_REVIEW_UPDATE,
    .touch = Q_REVIEW_TOUCH,
    .fields = review_fields,
    .n_fields = N_REVIEW_FIELDS,
    .links = {{"person_ids", Q_REVIEW_PERSON_IDS, Q_REVIEW_PEOPLE_CLEAR, Q_REVIEW_PERSON_ADD}},
    .n_links = 1,
    .check = review_check,
    .values = review_values,
    .link_ids = review_links,
};

enum err
review_update(struct db *db, int64_t id, const struct review_new *in, const char *who, int64_t now,
              bool *out_changed, struct write_error *err)
{
    return kind_update(db, &review_kind, id, in, in->mission_id, who, now, out_changed, err);
}

/* ------------------------------------------------------------ transactions */

enum err
learning_save(struct db *db, int64_t id, const struct learning_new *in, const char *who,
              int64_t now, int64_t *out_id, struct write_error *err)
{
    enum err rc = db_begin(db);

    if (rc)
        return rc;
    *out_id = id;
    if (id == 0)
        rc = learning_create(db, in, who, out_id, err);
    else
        rc = learning_update(db, id, in, who, now, NULL, err);
    return mission_counts_commit(db, rc);
}

enum err
review_save(struct db *db, int64_t id, const struct review_new *in, const char *who, int64_t now,
            int64_t *out_id, struct write_error *err)
{
    enum err rc = db_begin(db);

    if (rc)
        return rc;
    *out_id = id;
    if (id == 0)
        rc = review_create(db, in, who, out_id, err);
    else
        rc = review_update(db, id, in, who, now, NULL, err);
    return mission_counts_commit(db, rc);
}
