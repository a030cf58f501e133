/*
 * seminar.c — a mission's seminars: the loaders, the writes, registration with its waiting
 * list, cancellation, attendance, and the periodic reminders and deletion of personal data
 * (see seminar.h). Every string lives in the caller's arena.
 */
#include "domain/seminar.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/seclog.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/codes.h"
#include "domain/load.h"
#include "domain/mail.h"
#include "domain/mission.h"

/* ------------------------------------------------------------ loaders */

static void
seminar_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct seminar *s = item;

    memset(s, 0, sizeof(*s));
    s->id = db_i64(st, 0);
    s->mission_id = db_i64(st, 1);
    s->mission_slug = ld_str(st, 2, a);
    s->mission_title_sv = ld_str(st, 3, a);
    s->mission_title_en = ld_str(st, 4, a);
    s->title_sv = ld_str(st, 5, a);
    s->title_en = ld_str(st, 6, a);
    s->description_sv = ld_str(st, 7, a);
    s->description_en = ld_str(st, 8, a);
    s->starts_at = db_i64(st, 9);
    s->ends_at = db_i64(st, 10);
    s->closes_at = db_i64(st, 11);
    s->place = ld_str(st, 12, a);
    s->online_url = ld_str(st, 13, a);
    s->language = ld_str(st, 14, a);
    s->capacity = db_i64(st, 15);
    s->accessibility_sv = ld_str(st, 16, a);
    s->accessibility_en = ld_str(st, 17, a);
    s->cancelled_at = db_i64(st, 18);
    s->data_deleted_at = db_i64(st, 19);
    s->attended_total = db_i64(st, 20);
    s->is_demo = db_i64(st, 21) != 0;
    s->created_at = db_i64(st, 22);
    s->updated_at = db_i64(st, 23);
    s->n_registered = db_i64(st, 24);
    s->n_waiting = db_i64(st, 25);
}

static void
registration_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct seminar_registration *r = item;

    memset(r, 0, sizeof(*r));
    r->id = db_i64(st, 0);
    r->seminar_id = db_i64(st, 1);
    r->name = ld_str(st, 2, a);
    r->email = ld_str(st, 3, a);
    r->organisation = ld_str(st, 4, a);
    r->actor_id = db_i64(st, 5);
    r->actor_slug = ld_text(st, 6, a);
    r->actor_name = ld_text(st, 7, a);
    r->needs_diet = ld_str(st, 8, a);
    r->needs_access = ld_str(st, 9, a);
    r->lang = ld_str(st, 10, a);
    r->state = ld_str(st, 11, a);
    r->queued_at = db_i64(st, 12);
    r->consent_at = db_i64(st, 13);
    r->created_at = db_i64(st, 14);
    r->attended = db_i64(st, 15) != 0;
    r->token = ld_str(st, 16, a);
    r->position = db_i64(st, 17);
}

static void
attended_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct seminar_attended *x = item;

    x->seminar_id = db_i64(st, 0);
    x->mission_id = db_i64(st, 1);
    x->starts_at = db_i64(st, 2);
    x->n = db_i64(st, 3);
    x->title_sv = ld_str(st, 4, a);
    x->title_en = ld_str(st, 5, a);
    x->mission_title_sv = ld_str(st, 6, a);
    x->mission_title_en = ld_str(st, 7, a);
}

enum seminar_state_open
seminar_open(const struct seminar *s, int64_t now)
{
    if (s->cancelled_at != 0)
        return SEMINAR_CANCELLED;
    if (now >= s->starts_at)
        return SEMINAR_STARTED;
    if (now >= s->closes_at)
        return SEMINAR_CLOSED;
    return SEMINAR_OPEN;
}

int64_t
seminar_places_left(const struct seminar *s)
{
    return s->n_registered < s->capacity ? s->capacity - s->n_registered : 0;
}

int64_t
seminar_changes_at(const struct seminar *s, int64_t now)
{
    if (s->closes_at > now && s->closes_at < s->starts_at)
        return s->closes_at;
    if (s->starts_at > now)
        return s->starts_at;
    return s->ends_at > now ? s->ends_at : 0;
}

enum err
seminar_next_end(struct db *db, int64_t mission_id, int64_t now, int64_t *out)
{
    struct db_stmt *st = db_stmt(db, Q_SEMINAR_NEXT_END);

    *out = 0;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, now);
    return ld_count(st, out);
}

enum err
seminar_current(struct db *db, struct arena *a, int64_t mission_id, int64_t now, int limit,
                struct seminar **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_SEMINAR_CURRENT);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, now);
    db_bind_i64(st, 3, limit);
    return ld_rows(st, a, sizeof(**out), seminar_row, out, out_n);
}

enum err
seminar_past(struct db *db, struct arena *a, int64_t mission_id, int64_t now, const struct page *pg,
             struct seminar **out, int *out_n, int64_t *out_total)
{
    struct db_stmt *st = db_stmt(db, Q_SEMINAR_PAST_COUNT);
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, now);
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_SEMINAR_PAST);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, now);
    db_bind_i64(st, 3, pg->limit);
    db_bind_i64(st, 4, pg->offset);
    return ld_rows(st, a, sizeof(**out), seminar_row, out, out_n);
}

enum err
seminar_all(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg,
            struct seminar **out, int *out_n, int64_t *out_total)
{
    /* the past statement with no end in sight: every one, by start, the latest first */
    return seminar_past(db, a, mission_id, INT64_MAX, pg, out, out_n, out_total);
}

enum err
seminar_get(struct db *db, struct arena *a, int64_t id, struct seminar *out)
{
    return ld_one_id(db, Q_SEMINAR_GET, id, a, seminar_row, out);
}

enum err
seminar_registrations(struct db *db, struct arena *a, int64_t seminar_id,
                      struct seminar_registration **out, int *out_n)
{
    return ld_rows_id(db, Q_SEMREG_LIST, seminar_id, a, sizeof(**out), registration_row, out,
                      out_n);
}

/* A token as the links carry it: SEMINAR_TOKEN_HEX lower-case hex digits. */
static bool
token_ok(const char *t)
{
    size_t i;

    if (t == NULL || strlen(t) != SEMINAR_TOKEN_HEX)
        return false;
    for (i = 0; i < SEMINAR_TOKEN_HEX; i++)
        if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'f')))
            return false;
    return true;
}

enum err
seminar_registration_by_token(struct db *db, struct arena *a, const char *token,
                              struct seminar_registration *out)
{
    struct db_stmt *st;

    if (!token_ok(token))
        return ERR_NOTFOUND;
    st = db_stmt(db, Q_SEMREG_BY_TOKEN);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, token);
    return ld_one(st, a, registration_row, out);
}

enum err
seminar_of_actor(struct db *db, struct arena *a, int64_t actor_id, struct seminar_attended **out,
                 int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_SEMINAR_OF_ACTOR);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, actor_id);
    db_bind_i64(st, 2, SEMINAR_ACTOR_HISTORY);
    return ld_rows(st, a, sizeof(**out), attended_row, out, out_n);
}

/* ------------------------------------------------------------ create and update */

/* The editable columns: Q_SEMINAR_STORED's and Q_SEMINAR_UPDATE's order. */
static const struct change_field seminar_fields[] = {
    {"title_sv", CH_TEXT, false},         {"title_en", CH_TEXT, false},
    {"description_sv", CH_TEXT, false},   {"description_en", CH_TEXT, false},
    {"starts_at", CH_INT, false},         {"ends_at", CH_INT, false},
    {"closes_at", CH_INT, false},         {"place", CH_TEXT, false},
    {"online_url", CH_TEXT, false},       {"language", CH_TEXT, false},
    {"capacity", CH_INT, false},          {"accessibility_sv", CH_TEXT, false},
    {"accessibility_en", CH_TEXT, false}, {"cancelled_at", CH_OPT_INT, false},
};
#define N_SEMINAR_FIELDS ((int)(sizeof(seminar_fields) / sizeof(seminar_fields[0])))

/* 2000-01-01 .. 2200-01-01: what a form can mean */
#define SEMINAR_MIN_TIME 946684800LL
#define SEMINAR_MAX_TIME 7258118400LL

static enum err
seminar_check(struct db *db, const struct seminar_new *in, int64_t self, int64_t mission,
              struct write_error *e)
{
    enum err rc = ERR_OK;

    if (self != 0) {
        if (in->mission_id != 0 && in->mission_id != mission)
            return write_refuse(e, "mission_id",
                                "is the mission the seminar belongs to and cannot change");
    } else {
        rc = write_ref_id(db, e, "mission_id", Q_MISSION_EXISTS, in->mission_id, true,
                          "no mission has this id");
    }
    if (rc)
        return rc;
    if (write_text(e, "title_sv", in->title_sv, WRITE_MAX_LINE, true, false) ||
        write_text(e, "title_en", in->title_en, WRITE_MAX_LINE, false, false) ||
        write_text(e, "description_sv", in->description_sv, WRITE_MAX_MD, false, true) ||
        write_text(e, "description_en", in->description_en, WRITE_MAX_MD, false, true))
        return ERR_INVALID;
    if (in->starts_at < SEMINAR_MIN_TIME || in->starts_at > SEMINAR_MAX_TIME)
        return write_refuse(e, "starts_at", "is required: a time between 2000 and 2200");
    if (in->ends_at < SEMINAR_MIN_TIME || in->ends_at > SEMINAR_MAX_TIME)
        return write_refuse(e, "ends_at", "is required: a time between 2000 and 2200");
    if (in->ends_at <= in->starts_at)
        return write_refuse(e, "ends_at", "must be after the start");
    if (in->ends_at - in->starts_at > (int64_t)SEMINAR_MAX_DAYS * 86400)
        return write_refuse(e, "ends_at", "lasts more than ten years");
    if (in->closes_at != 0 && (in->closes_at < SEMINAR_MIN_TIME || in->closes_at > in->starts_at))
        return write_refuse(e, "closes_at", "must be at or before the start");
    if (write_text(e, "place", in->place, WRITE_MAX_LINE, false, false) ||
        write_url(e, "online_url", str_empty(in->online_url) ? NULL : in->online_url))
        return ERR_INVALID;
    if (str_empty(in->place) && str_empty(in->online_url))
        return write_refuse(e, "place", "is required: a place or an online link");
    if (write_code(e, "language", &code_seminar_language, in->language))
        return ERR_INVALID;
    if (in->capacity < 1 || in->capacity > SEMINAR_MAX_CAPACITY)
        return write_refuse(e, "capacity", "must be a whole number from 1 to 100000");
    if (write_text(e, "accessibility_sv", in->accessibility_sv, WRITE_MAX_TEXT, false, true) ||
        write_text(e, "accessibility_en", in->accessibility_en, WRITE_MAX_TEXT, false, true))
        return ERR_INVALID;
    return ERR_OK;
}

static void
seminar_values(const struct seminar_new *in, int64_t cancelled_at, struct change_val *v)
{
    v[0] = change_text(in->title_sv);
    v[1] = change_text(in->title_en);
    v[2] = change_text(in->description_sv);
    v[3] = change_text(in->description_en);
    v[4] = change_int(in->starts_at);
    v[5] = change_int(in->ends_at);
    v[6] = change_int(in->closes_at != 0 ? in->closes_at : in->starts_at);
    v[7] = change_text(in->place);
    v[8] = change_text(in->online_url);
    v[9] = change_text(in->language);
    v[10] = change_int(in->capacity);
    v[11] = change_text(in->accessibility_sv);
    v[12] = change_text(in->accessibility_en);
    v[13] = change_opt_int(cancelled_at != 0, cancelled_at);
}

enum err
seminar_create(struct db *db, const struct seminar_new *in, const char *who, int64_t now,
               int64_t *out_id, struct write_error *err)
{
    struct change_val v[N_SEMINAR_FIELDS];
    struct change_set c;
    struct db_stmt *st;
    enum err rc;

    rc = seminar_check(db, in, 0, 0, err);
    if (rc)
        return rc;
    seminar_values(in, 0, v);
    st = db_stmt(db, Q_SEMINAR_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    change_bind(st, 2, seminar_fields, 13, v); /* $2..$14: all but cancelled_at */
    db_bind_i64(st, 15, now);
    db_bind_i64(st, 16, in->is_demo ? 1 : 0);
    rc = write_insert_id(st, out_id);
    if (rc)
        return rc;
    change_init(&c);
    change_created(&c, seminar_fields, N_SEMINAR_FIELDS, v);
    rc = write_log(db, &c, now, who, "create", "seminar", *out_id, in->mission_id, NULL);
    change_free(&c);
    return rc;
}

static enum err
seminar_update(struct db *db, int64_t id, const struct seminar_new *in, const char *who,
               int64_t now, struct write_error *err)
{
    struct change_val before[N_SEMINAR_FIELDS], after[N_SEMINAR_FIELDS];
    struct change_set c;
    struct seminar s;
    struct arena a;
    struct db_stmt *st;
    bool changed = false;
    int64_t cancelled;
    enum err rc;

    arena_init(&a);
    change_init(&c);
    rc = seminar_get(db, &a, id, &s);
    if (rc == ERR_OK)
        rc = write_stored(db, Q_SEMINAR_STORED, id, &a, seminar_fields, N_SEMINAR_FIELDS, before);
    if (rc == ERR_OK)
        rc = seminar_check(db, in, id, s.mission_id, err);
    if (rc == ERR_OK) {
        /* calling it off keeps the first time it was; on again clears it */
        cancelled = in->cancelled ? (s.cancelled_at != 0 ? s.cancelled_at : now) : 0;
        seminar_values(in, cancelled, after);
        if (change_diff(&c, seminar_fields, N_SEMINAR_FIELDS, before, after) > 0)
            rc =
                write_update_row(db, Q_SEMINAR_UPDATE, id, seminar_fields, N_SEMINAR_FIELDS, after);
    }
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "seminar", id, s.mission_id, &changed);
    if (rc == ERR_OK && changed) {
        st = db_stmt(db, Q_SEMINAR_TOUCH);
        if (st == NULL) {
            rc = ERR_DB;
        } else {
            db_bind_i64(st, 1, id);
            db_bind_i64(st, 2, now);
            rc = db_run(st);
        }
    }
    change_free(&c);
    arena_free(&a);
    return rc;
}

enum err
seminar_save(struct db *db, int64_t id, const struct seminar_new *in, const char *who, int64_t now,
             int64_t *out_id, struct write_error *err)
{
    enum err rc = db_begin(db);

    if (rc)
        return rc;
    *out_id = id;
    if (id == 0)
        rc = seminar_create(db, in, who, now, out_id, err);
    else
        rc = seminar_update(db, id, in, who, now, err);
    return mission_counts_commit(db, rc);
}

/* ------------------------------------------------------------ registration */

struct lock {
    int64_t capacity, closes_at, starts_at, cancelled_at, deleted_at, mission_id;
};

/* Lock seminar id's row for the rest of the transaction and read what registration needs. */
static enum err
seminar_lock(struct db *db, int64_t id, struct lock *out)
{
    struct db_stmt *st = db_stmt(db, Q_SEMINAR_LOCK);
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK) {
        out->capacity = db_i64(st, 0);
        out->closes_at = db_i64(st, 1);
        out->starts_at = db_i64(st, 2);
        out->cancelled_at = db_i64(st, 3);
        out->deleted_at = db_i64(st, 4);
        out->mission_id = db_i64(st, 5);
    }
    db_done(st);
    return rc;
}

static enum err
count_state(struct db *db, int64_t seminar, const char *state, int64_t *out)
{
    struct db_stmt *st = db_stmt(db, Q_SEMREG_COUNT);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, seminar);
    db_bind_text(st, 2, state);
    return ld_count(st, out);
}

/* Compose the mail of kind to registration r (as it stands after the write that mails it)
 * and queue it (with the .ics for a place). */
static enum err
mail_one(struct db *db, const struct seminar_mailer *m, enum seminar_mail_kind kind,
         const struct seminar_registration *r, int64_t now)
{
    struct mail_attachment att = {0};
    struct seminar_mail msg = {0};
    struct seminar s;
    struct buf ics;
    struct arena a;
    enum err rc;

    if (m == NULL || m->compose == NULL)
        return ERR_OK; /* the demo loader: no mail */
    arena_init(&a);
    buf_init(&ics, MAIL_ATTACHMENT_MAX);
    rc = seminar_get(db, &a, r->seminar_id, &s);
    if (rc == ERR_OK)
        rc = m->compose(m->ctx, &a, kind, &s, r, &msg);
    if (rc == ERR_OK && m->ics != NULL &&
        (kind == SEMINAR_MAIL_REGISTERED || kind == SEMINAR_MAIL_MOVED_UP ||
         kind == SEMINAR_MAIL_REMINDER)) {
        struct seminar_ics_opts o = *m->ics;

        o.english = strcmp(r->lang, "en") == 0;
        rc = seminar_ics(&ics, &s, 1, "PUBLISH", NULL, &o, now);
        att.name = "seminar.ics";
        att.type = "text/calendar; method=PUBLISH";
        att.text = ics.data;
    }
    if (rc == ERR_OK)
        rc = mail_enqueue_attached(db, r->email, msg.subject, msg.body,
                                   att.text != NULL ? &att : NULL, (time_t)now, NULL);
    buf_free(&ics);
    arena_free(&a);
    return rc;
}

/* mail_one to registration id, read as it stands: for the callers that hold only its id (a
 * registration just moved up, one due for its reminder). */
static enum err
mail_id(struct db *db, const struct seminar_mailer *m, enum seminar_mail_kind kind, int64_t id,
        int64_t now)
{
    struct seminar_registration r;
    struct arena a;
    enum err rc;

    if (m == NULL || m->compose == NULL)
        return ERR_OK; /* the demo loader: no mail, nothing to read */
    arena_init(&a);
    rc = ld_one_id(db, Q_SEMREG_GET, id, &a, registration_row, &r);
    if (rc == ERR_OK)
        rc = mail_one(db, m, kind, &r, now);
    arena_free(&a);
    return rc;
}

static enum err
signup_check(const struct seminar_signup *in, struct write_error *e)
{
    if (write_text(e, "name", in->name, WRITE_MAX_LINE, true, false))
        return ERR_INVALID;
    if (str_empty(in->email))
        return write_refuse(e, "email", "is required");
    if (!mail_is_address(in->email))
        return write_refuse(e, "email", "is not an e-mail address");
    if (write_text(e, "organisation", in->organisation, WRITE_MAX_LINE, false, false) ||
        write_text(e, "needs_diet", in->needs_diet, SEMINAR_MAX_NEEDS, false, true) ||
        write_text(e, "needs_access", in->needs_access, SEMINAR_MAX_NEEDS, false, true))
        return ERR_INVALID;
    if (write_code(e, "lang", &code_registration_lang, in->lang))
        return ERR_INVALID;
    if (!in->consent)
        return write_refuse(e, "consent", "is required: the privacy notice must be accepted");
    return ERR_OK;
}

static enum err
registration_add(struct db *db, struct arena *a, const struct seminar_signup *in, const char *state,
                 int64_t now, struct seminar_registration *out, struct write_error *err)
{
    unsigned char raw[SEMINAR_TOKEN_HEX / 2];
    char token[SEMINAR_TOKEN_HEX + 1];
    struct db_stmt *st;
    int64_t actor = 0, id;
    size_t keysize = strlen(in->email) + 1;
    char *key = arena_alloc(a, keysize);
    enum err rc;
    bool row;

    /* the address as the unique key compares it: ASCII letters in lower case */
    str_ascii_lower(key, keysize, in->email);
    st = db_stmt(db, Q_SEMREG_LIVE_EMAIL);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->seminar_id);
    db_bind_text(st, 2, key);
    rc = db_step(st, &row);
    db_done(st);
    if (rc)
        return rc;
    if (row)
        return write_refuse(err, "email", "is already registered for this seminar");
    if (!str_empty(in->organisation)) {
        st = db_stmt(db, Q_SEMREG_ACTOR_MATCH);
        if (st == NULL)
            return ERR_DB;
        db_bind_text(st, 1, in->organisation);
        rc = ld_count(st, &actor);
        if (rc)
            return rc;
    }
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(token, sizeof(token), raw, sizeof(raw));
    st = db_stmt(db, Q_SEMREG_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->seminar_id);
    db_bind_text(st, 2, in->name);
    db_bind_text(st, 3, in->email);
    db_bind_text(st, 4, key);
    write_bind_str(st, 5, in->organisation);
    write_bind_id(st, 6, actor);
    write_bind_str(st, 7, in->needs_diet);
    write_bind_str(st, 8, in->needs_access);
    db_bind_text(st, 9, in->lang);
    db_bind_i64(st, 10, now);
    db_bind_text(st, 11, state);
    db_bind_text(st, 12, token);
    db_bind_i64(st, 13, in->is_demo ? 1 : 0);
    rc = write_insert_id(st, &id);
    sodium_memzero(token, sizeof(token));
    if (rc)
        return rc;
    return ld_one_id(db, Q_SEMREG_GET, id, a, registration_row, out);
}

/* ------------------------------------------------------------ the registration throttle */

enum err
seminar_signup_throttled(struct db *db, const char *address, int64_t now, int64_t *out_retry_after)
{
    struct db_stmt *st;
    int64_t n = 0, oldest = 0;
    enum err rc;
    bool row = false;

    *out_retry_after = 0;
    if (address == NULL)
        return ERR_OK;
    st = db_stmt(db, Q_SEMSIGNUP_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, address);
    db_bind_i64(st, 2, now - SEMINAR_SIGNUP_WINDOW);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        n = db_i64(st, 0);
        oldest = db_null(st, 1) ? now : db_i64(st, 1);
    }
    db_done(st);
    if (rc || n < SEMINAR_SIGNUP_MAX)
        return rc;
    /* a refusal is not recorded: the count falls below the limit when the oldest ages out */
    *out_retry_after = oldest + SEMINAR_SIGNUP_WINDOW - now + 1;
    return ERR_LIMIT;
}

/* Under address's lock (PostgreSQL; SQLite's writer is alone anyway), whether it may register
 * now: ERR_LIMIT when not, with a security log event. */
static enum err
signup_allowed(struct db *db, const char *address, int64_t now)
{
    struct db_stmt *st = db_stmt(db, Q_SEMSIGNUP_LOCK);
    int64_t wait = 0;
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, address);
    rc = db_step(st, &row);
    db_done(st);
    if (rc == ERR_OK)
        rc = seminar_signup_throttled(db, address, now, &wait);
    if (rc == ERR_LIMIT)
        seclog_event(now, "seminar.throttled", 0, NULL, address, &SECLOG_INT("retry_after", wait),
                     1);
    return rc;
}

/* Record one registration from address, and forget those that have aged out of the window. */
static enum err
signup_record(struct db *db, const char *address, int64_t now)
{
    struct db_stmt *st = db_stmt(db, Q_SEMSIGNUP_ADD);
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, address);
    db_bind_i64(st, 2, now);
    rc = db_run(st);
    if (rc)
        return rc;
    st = db_stmt(db, Q_SEMSIGNUP_PRUNE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, now - SEMINAR_SIGNUP_WINDOW);
    return db_run(st);
}

enum err
seminar_register_in(struct db *db, struct arena *a, const struct seminar_signup *in, int64_t now,
                    const struct seminar_mailer *mailer, struct seminar_registration *out,
                    struct write_error *err)
{
    struct lock l;
    int64_t registered = 0;
    enum err rc;

    rc = signup_check(in, err);
    if (rc == ERR_OK && in->address != NULL)
        rc = signup_allowed(db, in->address, now);
    if (rc)
        return rc;
    rc = seminar_lock(db, in->seminar_id, &l);
    if (rc == ERR_OK && l.cancelled_at != 0)
        rc = write_refuse(err, "seminar_id", "the seminar is cancelled");
    else if (rc == ERR_OK && (now >= l.closes_at || now >= l.starts_at))
        rc = write_refuse(err, "seminar_id", "registration is closed");
    if (rc == ERR_OK)
        rc = count_state(db, in->seminar_id, "registered", &registered);
    if (rc == ERR_OK)
        rc = registration_add(db, a, in, registered < l.capacity ? "registered" : "waiting", now,
                              out, err);
    if (rc == ERR_OK && in->address != NULL)
        rc = signup_record(db, in->address, now);
    if (rc == ERR_OK)
        rc = mail_one(db, mailer,
                      strcmp(out->state, "registered") == 0 ? SEMINAR_MAIL_REGISTERED
                                                            : SEMINAR_MAIL_WAITING,
                      out, now); /* out was read back after the insert */
    return rc;
}

enum err
seminar_register(struct db *db, struct arena *a, const struct seminar_signup *in, int64_t now,
                 const struct seminar_mailer *mailer, struct seminar_registration *out,
                 struct write_error *err)
{
    enum err rc = signup_check(in, err);

    if (rc == ERR_OK)
        rc = db_begin(db);
    if (rc)
        return rc;
    rc = seminar_register_in(db, a, in, now, mailer, out, err);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

static enum err
set_state(struct db *db, int64_t id, const char *state, int64_t now)
{
    struct db_stmt *st = db_stmt(db, Q_SEMREG_SET_STATE);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    db_bind_text(st, 2, state);
    db_bind_i64(st, 3, now);
    return db_run(st);
}

/* Move the first waiting of seminar up and mail them; *out its id, 0 none. */
static enum err
promote(struct db *db, const struct seminar_mailer *mailer, int64_t seminar, int64_t now,
        int64_t *out)
{
    struct db_stmt *st = db_stmt(db, Q_SEMREG_FIRST_WAITING);
    enum err rc;

    *out = 0;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, seminar);
    rc = ld_count(st, out);
    if (rc || *out == 0)
        return rc;
    rc = set_state(db, *out, "registered", now);
    return rc ? rc : mail_id(db, mailer, SEMINAR_MAIL_MOVED_UP, *out, now);
}

enum err
seminar_cancel(struct db *db, struct arena *a, const char *token, int64_t now,
               const struct seminar_mailer *mailer, int64_t *out_seminar, int64_t *out_promoted)
{
    struct seminar_registration r;
    struct write_error we;
    struct lock l;
    enum err rc;

    *out_promoted = 0;
    *out_seminar = 0;
    if (!token_ok(token))
        return ERR_NOTFOUND;
    rc = db_begin(db);
    if (rc)
        return rc;
    /* the registration, then its seminar's lock, then the registration again: its state
     * under the lock is the one that counts */
    rc = seminar_registration_by_token(db, a, token, &r);
    if (rc == ERR_OK)
        rc = seminar_lock(db, r.seminar_id, &l);
    if (rc == ERR_OK)
        rc = seminar_registration_by_token(db, a, token, &r);
    if (rc == ERR_OK) {
        *out_seminar = r.seminar_id;
        if (strcmp(r.state, "cancelled") == 0) {
            *out_promoted = -1;
            db_rollback(db);
            return ERR_OK;
        }
        if (now >= l.starts_at)
            rc = write_refuse(&we, "seminar_id", "the seminar has begun");
    }
    if (rc == ERR_OK)
        rc = set_state(db, r.id, "cancelled", now);
    if (rc == ERR_OK) {
        /* the registration as set_state left it: cancelled, so on no waiting list (r itself
         * keeps the state it had, which decides the promotion below) */
        struct seminar_registration gone = r;

        gone.state = "cancelled";
        gone.position = 0;
        rc = mail_one(db, mailer, SEMINAR_MAIL_CANCELLED, &gone, now);
    }
    if (rc == ERR_OK && strcmp(r.state, "registered") == 0 && l.cancelled_at == 0)
        rc = promote(db, mailer, r.seminar_id, now, out_promoted);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

/* ------------------------------------------------------------ attendance */

enum err
seminar_attendance_in(struct db *db, int64_t seminar_id, const int64_t *ids, int n, const char *who,
                      int64_t now, struct write_error *err)
{
    struct change_field f = {"attended_total", CH_INT, false};
    struct change_val before, after;
    struct change_set c;
    struct db_stmt *st;
    struct lock l;
    int64_t total = 0, there;
    enum err rc;
    int i, k;

    rc = seminar_lock(db, seminar_id, &l);
    if (rc)
        return rc;
    if (now < l.starts_at)
        return write_refuse(err, "seminar_id", "attendance is marked after the start");
    if (l.deleted_at != 0)
        return write_refuse(err, "seminar_id", "the registrations have been deleted");
    if (n < 0 || n > SEMINAR_MAX_CAPACITY * 2)
        return write_refuse(err, "attended", "has too many items");
    for (i = 0; i < n; i++) {
        for (k = 0; k < i; k++)
            if (ids[k] == ids[i])
                return write_refuse_item(err, "attended", i, "names the same registration twice");
        st = db_stmt(db, Q_SEMREG_LIVE_OF);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, ids[i]);
        db_bind_i64(st, 2, seminar_id);
        rc = ld_count(st, &there);
        if (rc)
            return rc;
        if (there == 0)
            return write_refuse_item(err, "attended", i,
                                     "is not a registration of the seminar that stands");
    }
    st = db_stmt(db, Q_SEMINAR_ATTENDED_TOTAL);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, seminar_id);
    rc = ld_count(st, &total);
    before = change_int(total);
    if (rc == ERR_OK)
        rc = write_clear(db, Q_SEMREG_ATTENDED_CLEAR, seminar_id);
    for (i = 0; rc == ERR_OK && i < n; i++)
        rc = write_clear(db, Q_SEMREG_ATTENDED_SET, ids[i]);
    if (rc == ERR_OK)
        rc = write_clear(db, Q_SEMATT_CLEAR, seminar_id);
    if (rc == ERR_OK)
        rc = write_clear(db, Q_SEMATT_FILL, seminar_id);
    if (rc == ERR_OK) {
        st = db_stmt(db, Q_SEMINAR_SET_ATTENDED);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, seminar_id);
        db_bind_i64(st, 2, now);
        rc = ld_count(st, &total);
    }
    if (rc)
        return rc;
    after = change_int(total);
    change_init(&c);
    change_diff(&c, &f, 1, &before, &after);
    /* the audit entry says how many, never who: the history is public */
    rc = write_log(db, &c, now, who, "attendance", "seminar", seminar_id, l.mission_id, NULL);
    change_free(&c);
    return rc;
}

enum err
seminar_attendance(struct db *db, int64_t seminar_id, const int64_t *ids, int n, const char *who,
                   int64_t now, struct write_error *err)
{
    enum err rc = db_begin(db);

    if (rc)
        return rc;
    return mission_counts_commit(db, seminar_attendance_in(db, seminar_id, ids, n, who, now, err));
}

/* ------------------------------------------------------------ the periodic work */

static enum err
remind_one(struct db *db, const struct seminar_mailer *mailer, int64_t id, int64_t now)
{
    struct db_stmt *st;
    enum err rc = db_begin(db);

    if (rc)
        return rc;
    st = db_stmt(db, Q_SEMREG_REMINDED);
    if (st == NULL) {
        rc = ERR_DB;
    } else {
        db_bind_i64(st, 1, id);
        db_bind_i64(st, 2, now);
        rc = db_run(st);
    }
    if (rc == ERR_OK)
        rc = mail_id(db, mailer, SEMINAR_MAIL_REMINDER, id, now);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

static enum err
purge_one(struct db *db, int64_t seminar, int64_t now)
{
    struct db_stmt *st;
    enum err rc = db_begin(db);

    if (rc)
        return rc;
    rc = write_clear(db, Q_SEMREG_PURGE, seminar);
    if (rc == ERR_OK) {
        st = db_stmt(db, Q_SEMINAR_PURGED);
        if (st == NULL) {
            rc = ERR_DB;
        } else {
            db_bind_i64(st, 1, seminar);
            db_bind_i64(st, 2, now);
            rc = db_run(st);
        }
    }
    if (rc == ERR_OK)
        rc = audit_write(db, now, "system", "delete-personal-data", "seminar", seminar, 0, NULL,
                         NULL);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

enum err
seminar_tick(struct db *db, int64_t now, int retention_days, const struct seminar_mailer *mailer,
             int *out_reminded, int *out_purged)
{
    struct db_stmt *st;
    int64_t *ids = NULL;
    struct arena a;
    enum err rc;
    int n = 0, i;

    *out_reminded = 0;
    *out_purged = 0;
    arena_init(&a);
    st = db_stmt(db, Q_SEMREG_DUE_REMIND);
    if (st == NULL) {
        arena_free(&a);
        return ERR_DB;
    }
    db_bind_i64(st, 1, now);
    db_bind_i64(st, 2, now + SEMINAR_REMIND_BEFORE);
    db_bind_i64(st, 3, SEMINAR_TICK_BATCH);
    db_bind_i64(st, 4, SEMINAR_REMIND_BEFORE);
    rc = ld_rows(st, &a, sizeof(*ids), ld_i64_row, &ids, &n);
    for (i = 0; rc == ERR_OK && i < n; i++) {
        rc = remind_one(db, mailer, ids[i], now);
        if (rc == ERR_OK)
            (*out_reminded)++;
    }
    if (rc == ERR_OK && retention_days >= 0) {
        st = db_stmt(db, Q_SEMINAR_DUE_PURGE);
        if (st == NULL) {
            rc = ERR_DB;
        } else {
            db_bind_i64(st, 1, now - (int64_t)retention_days * 86400);
            rc = ld_rows(st, &a, sizeof(*ids), ld_i64_row, &ids, &n);
        }
        for (i = 0; rc == ERR_OK && i < n; i++) {
            rc = purge_one(db, ids[i], now);
            if (rc == ERR_OK)
                (*out_purged)++;
        }
    }
    arena_free(&a);
    return rc;
}
