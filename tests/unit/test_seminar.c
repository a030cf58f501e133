/*
 * test_seminar.c — a mission's seminars (domain/seminar.c) on SQLite and PostgreSQL
 * (both.h): what seminar_save stores reads back, its refusals name the field and write
 * nothing; registration takes the places then the waiting list, refuses a second live
 * registration of an address (any letter case) and any after the deadline or the start;
 * a cancellation by token moves the first waiting up, mails both, and a second one changes
 * nothing; the races: 50 concurrent registrations for 10 places give exactly 10 places and
 * 40 waiting, 20 concurrent cancellations promote exactly 20; attendance keeps per-actor
 * counts after the tick deletes the personal data; the reminder goes once; every mail is
 * composed for the registration as its write left it; one client address makes at most
 * SEMINAR_SIGNUP_MAX registrations within the hour (the next refused, nothing written).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "both.h"
#include "domain/load.h"
#include "domain/mail.h"
#include "domain/seminar.h"

#define WHO "test"
/* 2030-06-10 10:00 UTC: the seminars of these checks are in the future of NOW */
#define NOW   1907488800LL
#define START (NOW + 10 * 86400)
/* the attendance check's seminar: alone in its days, so the tick's reminders are its own */
#define LATER (START + 100 * 86400)
#define HOUR  3600

/* The test's mailer: a subject naming the kind and the person, a body with the token. It
 * counts the mails composed for a registration in another state than the mail announces (a
 * stale copy: a cancellation's mail must see it cancelled, a move up's registered). */
static const char *const kinds[];
static atomic_int stale_mails;

static enum err
compose(void *ctx, struct arena *a, enum seminar_mail_kind kind, const struct seminar *s,
        const struct seminar_registration *r, struct seminar_mail *out)
{
    static const char *const state_of[] = {"registered", "waiting", "registered", "cancelled",
                                           "registered"};

    (void)ctx;
    if (strcmp(r->state, state_of[kind]) != 0 ||
        (kind == SEMINAR_MAIL_WAITING) != (r->position > 0))
        atomic_fetch_add(&stale_mails, 1);
    out->subject = arena_printf(a, "%s: %s", kinds[kind], r->name);
    out->body =
        arena_printf(a, "%s\n/seminars/%lld/cancel/%s\n", s->title_sv, (long long)s->id, r->token);
    return ERR_OK;
}

static const char *
url_of(void *ctx, int64_t id)
{
    static char buf[64];

    (void)ctx;
    snprintf(buf, sizeof(buf), "https://example.org/seminars/%lld", (long long)id);
    return buf;
}

static const struct seminar_ics_opts ics_opts = {.url = url_of, .host = "example.org"};
static const struct seminar_mailer mailer = {.compose = compose, .ics = &ics_opts};

static int64_t
count(struct db *db, const char *sql_state, int64_t seminar)
{
    struct db_stmt *st = db_stmt(db, Q_SEMREG_COUNT);
    int64_t n = -1;

    if (st == NULL)
        return -1;
    db_bind_i64(st, 1, seminar);
    db_bind_text(st, 2, sql_state);
    if (ld_count(st, &n) != ERR_OK)
        return -1;
    return n;
}

/* The mails queued since the last read, by kind (the subject's first word), and how many
 * of each carry a calendar with the event; each is marked sent, so the next read moves on. */
struct box {
    int64_t n[5], ics[5], total;
};

static const char *const kinds[] = {"registered", "waiting", "moved-up", "cancelled", "reminder"};

static void
mails(struct db *db, struct box *b)
{
    struct arena a;
    struct mail m;
    size_t k;

    memset(b, 0, sizeof(*b));
    arena_init(&a);
    while (mail_next_due(db, &a, NOW + 1000LL * 86400, &m) == ERR_OK) {
        b->total++;
        for (k = 0; k < 5; k++)
            if (strncmp(m.subject, kinds[k], strlen(kinds[k])) == 0 &&
                m.subject[strlen(kinds[k])] == ':') {
                b->n[k]++;
                if (m.attachment.text != NULL && strstr(m.attachment.text, "BEGIN:VEVENT") != NULL)
                    b->ics[k]++;
            }
        if (mail_mark_sent(db, m.id, NOW) != ERR_OK)
            break;
    }
    arena_free(&a);
}

static void
drain(struct db *db)
{
    struct box b;

    mails(db, &b);
}

static struct seminar_new
sample(int64_t mission, int64_t capacity)
{
    struct seminar_new in = {
        .mission_id = mission,
        .title_sv = "Skolmåltiden i fokus",
        .title_en = "School meals in focus",
        .description_sv = "Vi samtalar om **skolmat**; med kommuner, kök och elever.",
        .starts_at = START,
        .ends_at = START + 3 * HOUR,
        .closes_at = START - 86400,
        .place = "Vinnova, Mäster Samuelsgatan 56, Stockholm",
        .language = "sv",
        .capacity = capacity,
        .accessibility_sv = "Hörslinga och rullstolsramp.",
    };

    return in;
}

static int64_t
seminar_at(struct db *db, int64_t mission, int64_t capacity, int64_t start)
{
    struct seminar_new in = sample(mission, capacity);
    struct write_error we = {0};
    int64_t id = 0;

    in.starts_at = start;
    in.ends_at = start + 3 * HOUR;
    in.closes_at = start - 86400;
    if (seminar_save(db, 0, &in, WHO, NOW, &id, &we) != ERR_OK)
        return 0;
    return id;
}

static int64_t
seminar_new(struct db *db, int64_t mission, int64_t capacity)
{
    return seminar_at(db, mission, capacity, START);
}

/* What a check keeps of a registration (the arena of seminar_register is gone). */
struct reg {
    int64_t id;
    char token[SEMINAR_TOKEN_HEX + 1];
    char state[16];
};

/* signup from a client address (NULL: none, not throttled) */
static enum err
signup_from(struct db *db, int64_t seminar, const char *local, const char *org, int64_t now,
            const char *address, struct reg *out, struct write_error *we)
{
    struct seminar_registration r;
    char email[128];
    struct seminar_signup in = {
        .seminar_id = seminar,
        .name = local,
        .email = both_address(email, sizeof(email), local),
        .organisation = org,
        .lang = "sv",
        .consent = true,
        .address = address,
    };
    struct arena a;
    enum err rc;

    memset(out, 0, sizeof(*out));
    arena_init(&a);
    rc = seminar_register(db, &a, &in, now, &mailer, &r, we);
    if (rc == ERR_OK) {
        out->id = r.id;
        snprintf(out->token, sizeof(out->token), "%s", r.token);
        snprintf(out->state, sizeof(out->state), "%s", r.state);
    }
    arena_free(&a);
    return rc;
}

static enum err
signup(struct db *db, int64_t seminar, const char *local, const char *org, int64_t now,
       struct reg *out, struct write_error *we)
{
    return signup_from(db, seminar, local, org, now, NULL, out, we);
}

/* ------------------------------------------------------------ create and refuse */

static void
check_save(struct db *db, int64_t mission)
{
    struct seminar_new in = sample(mission, 10);
    struct write_error we = {0};
    struct seminar s;
    struct arena a;
    int64_t id = 0, bad = 0;

    ok(seminar_save(db, 0, &in, WHO, NOW, &id, &we) == ERR_OK && id > 0, "%s: a seminar is saved",
       backend);
    arena_init(&a);
    if (ok(seminar_get(db, &a, id, &s) == ERR_OK, "%s: and read back", backend)) {
        ok(strcmp(s.title_en, "School meals in focus") == 0, "%s: its English title", backend);
        ok(s.starts_at == START && s.ends_at == START + 3 * HOUR && s.closes_at == START - 86400,
           "%s: its times", backend);
        ok(s.capacity == 10 && s.n_registered == 0 && s.n_waiting == 0,
           "%s: capacity 10, nobody registered", backend);
        ok(seminar_open(&s, NOW) == SEMINAR_OPEN, "%s: open now", backend);
        ok(seminar_open(&s, START - 86400) == SEMINAR_CLOSED, "%s: closed at the deadline",
           backend);
        ok(seminar_open(&s, START) == SEMINAR_STARTED, "%s: begun at the start", backend);
        /* when the clock alone next changes what a page says of it (resp_expires) */
        ok(seminar_changes_at(&s, NOW) == START - 86400, "%s: changes next at the deadline",
           backend);
        ok(seminar_changes_at(&s, START - 86400) == START, "%s: at the deadline, next at the start",
           backend);
        ok(seminar_changes_at(&s, START) == START + 3 * HOUR, "%s: at the start, next at the end",
           backend);
        ok(seminar_changes_at(&s, START + 3 * HOUR) == 0, "%s: ended: never again", backend);
        s.closes_at = s.starts_at;
        ok(seminar_changes_at(&s, NOW) == START, "%s: a deadline at the start is the start",
           backend);
    }
    arena_free(&a);

    in = sample(mission, 10);
    in.ends_at = in.starts_at;
    ok(seminar_save(db, 0, &in, WHO, NOW, &bad, &we) == ERR_INVALID &&
           strcmp(we.field, "ends_at") == 0,
       "%s: an end not after the start is refused, naming ends_at", backend);
    in = sample(mission, 10);
    in.closes_at = in.starts_at + 1;
    ok(seminar_save(db, 0, &in, WHO, NOW, &bad, &we) == ERR_INVALID &&
           strcmp(we.field, "closes_at") == 0,
       "%s: a deadline after the start is refused, naming closes_at", backend);
    in = sample(mission, 0);
    ok(seminar_save(db, 0, &in, WHO, NOW, &bad, &we) == ERR_INVALID &&
           strcmp(we.field, "capacity") == 0,
       "%s: capacity 0 is refused", backend);
    in = sample(mission, 10);
    in.place = "";
    ok(seminar_save(db, 0, &in, WHO, NOW, &bad, &we) == ERR_INVALID &&
           strcmp(we.field, "place") == 0,
       "%s: neither a place nor a link is refused, naming place", backend);
    in.online_url = "javascript:alert(1)";
    ok(seminar_save(db, 0, &in, WHO, NOW, &bad, &we) == ERR_INVALID &&
           strcmp(we.field, "online_url") == 0,
       "%s: a link that is not http(s) is refused", backend);
    in = sample(mission, 10);
    in.language = "de";
    ok(seminar_save(db, 0, &in, WHO, NOW, &bad, &we) == ERR_INVALID &&
           strcmp(we.field, "language") == 0,
       "%s: an unknown language is refused", backend);
    ok(bad == 0, "%s: nothing was created by the refusals", backend);

    /* an update: the capacity, and calling it off */
    in = sample(mission, 12);
    in.cancelled = true;
    ok(seminar_save(db, id, &in, WHO, NOW + 60, &bad, &we) == ERR_OK, "%s: updated", backend);
    arena_init(&a);
    ok(seminar_get(db, &a, id, &s) == ERR_OK && s.capacity == 12 && s.cancelled_at == NOW + 60 &&
           seminar_open(&s, NOW) == SEMINAR_CANCELLED,
       "%s: the update's capacity and cancellation are stored", backend);
    arena_free(&a);
}

/* ------------------------------------------------------------ registration */

static void
check_register(struct db *db, int64_t mission)
{
    struct reg r1, r2, r3, r4;
    struct seminar_registration r;
    struct write_error we = {0};
    struct seminar s;
    struct arena a;
    int64_t id = seminar_new(db, mission, 2), sem = 0, promoted = -5;
    struct box b;
    char upper[128];

    drain(db);
    ok(signup(db, id, "ada", "", NOW, &r1, &we) == ERR_OK, "%s: the first registers", backend);
    ok(signup(db, id, "bo", "", NOW + 1, &r2, &we) == ERR_OK, "%s: the second", backend);
    ok(signup(db, id, "cy", "", NOW + 2, &r3, &we) == ERR_OK, "%s: the third", backend);
    ok(count(db, "registered", id) == 2 && count(db, "waiting", id) == 1,
       "%s: two places taken, one waits", backend);
    mails(db, &b);
    ok(b.n[SEMINAR_MAIL_REGISTERED] == 2 && b.ics[SEMINAR_MAIL_REGISTERED] == 2,
       "%s: two confirmations, each with the .ics", backend);
    ok(b.n[SEMINAR_MAIL_WAITING] == 1 && b.ics[SEMINAR_MAIL_WAITING] == 0 && b.total == 3,
       "%s: one waiting-list mail, without", backend);

    /* the same address again, in capitals */
    both_address(upper, sizeof(upper), "ADA");
    {
        struct seminar_signup in = {
            .seminar_id = id, .name = "Ada again", .email = upper, .lang = "en", .consent = true};

        arena_init(&a);
        ok(seminar_register(db, &a, &in, NOW + 3, &mailer, &r, &we) == ERR_INVALID &&
               strcmp(we.field, "email") == 0,
           "%s: a second registration of an address (other case) is refused, naming email",
           backend);
        in.email = "not-an-address";
        ok(seminar_register(db, &a, &in, NOW + 3, &mailer, &r, &we) == ERR_INVALID &&
               strcmp(we.field, "email") == 0,
           "%s: an address that is none is refused", backend);
        in.email = "zed@example.org";
        in.consent = false;
        ok(seminar_register(db, &a, &in, NOW + 3, &mailer, &r, &we) == ERR_INVALID &&
               strcmp(we.field, "consent") == 0,
           "%s: without consent refused", backend);
        in.consent = true;
        ok(seminar_register(db, &a, &in, START - 86400, &mailer, &r, &we) == ERR_INVALID &&
               strcmp(we.field, "seminar_id") == 0,
           "%s: at the deadline registration is closed", backend);
        ok(seminar_register(db, &a, &in, START + 1, &mailer, &r, &we) == ERR_INVALID,
           "%s: after the start too", backend);
        in.seminar_id = id + 100000;
        ok(seminar_register(db, &a, &in, NOW, &mailer, &r, &we) == ERR_NOTFOUND,
           "%s: no such seminar: not found", backend);
        arena_free(&a);
    }
    ok(count(db, "registered", id) == 2 && count(db, "waiting", id) == 1,
       "%s: the refusals wrote nothing", backend);

    /* the waiting one's position, by token */
    arena_init(&a);
    ok(seminar_registration_by_token(db, &a, r3.token, &r) == ERR_OK && r.position == 1 &&
           strcmp(r.state, "waiting") == 0,
       "%s: the third is first on the waiting list", backend);
    ok(seminar_registration_by_token(db, &a, "0000", &r) == ERR_NOTFOUND,
       "%s: a malformed token finds nothing", backend);

    /* the first cancels: the third moves up */
    ok(seminar_cancel(db, &a, r1.token, NOW + 10, &mailer, &sem, &promoted) == ERR_OK &&
           sem == id && promoted == r3.id,
       "%s: a cancellation promotes the first waiting", backend);
    ok(count(db, "registered", id) == 2 && count(db, "waiting", id) == 0 &&
           count(db, "cancelled", id) == 1,
       "%s: two places, none waiting, one cancelled", backend);
    mails(db, &b);
    ok(b.n[SEMINAR_MAIL_CANCELLED] == 1 && b.n[SEMINAR_MAIL_MOVED_UP] == 1 &&
           b.ics[SEMINAR_MAIL_MOVED_UP] == 1 && b.total == 2,
       "%s: the canceller is told, and the one moved up (with the .ics)", backend);
    ok(seminar_cancel(db, &a, r1.token, NOW + 11, &mailer, &sem, &promoted) == ERR_OK &&
           promoted == -1,
       "%s: the same link again changes nothing", backend);
    mails(db, &b);
    ok(b.total == 0, "%s: and mails nobody", backend);
    ok(seminar_cancel(db, &a, r2.token, START + 1, &mailer, &sem, &promoted) == ERR_INVALID &&
           count(db, "registered", id) == 2,
       "%s: after the start a cancellation is refused", backend);
    /* after a cancellation the address may register again */
    ok(signup(db, id, "ada", "", NOW + 20, &r4, &we) == ERR_OK && strcmp(r4.state, "waiting") == 0,
       "%s: a cancelled address registers again (waiting: full)", backend);
    ok(seminar_get(db, &a, id, &s) == ERR_OK && s.n_registered == 2 && s.n_waiting == 1,
       "%s: the seminar's counts", backend);
    arena_free(&a);
    drain(db);
}

/* ------------------------------------------------------------ races */

struct racer {
    int64_t seminar;
    int i;
    const char *address; /* the client's; NULL: none */
    char token[SEMINAR_TOKEN_HEX + 1];
    pthread_barrier_t *go;
    enum err rc;
    int64_t promoted;
};

static void *
race_register(void *arg)
{
    struct racer *x = arg;
    struct db_opts o = {.busy_timeout_ms = 60000};
    struct write_error we;
    struct reg r;
    char local[32];
    struct db *db = NULL;

    x->rc = db_open(both_url, &o, &db);
    pthread_barrier_wait(x->go);
    if (x->rc == ERR_OK) {
        snprintf(local, sizeof(local), "racer%d", x->i);
        x->rc = signup_from(db, x->seminar, local, "", NOW + x->i, x->address, &r, &we);
    }
    if (db != NULL)
        db_close(db);
    return NULL;
}

static void *
race_cancel(void *arg)
{
    struct racer *x = arg;
    struct db_opts o = {.busy_timeout_ms = 60000};
    struct db *db = NULL;
    struct arena a;
    int64_t sem;

    x->rc = db_open(both_url, &o, &db);
    pthread_barrier_wait(x->go);
    arena_init(&a);
    if (x->rc == ERR_OK)
        x->rc = seminar_cancel(db, &a, x->token, NOW + 100, &mailer, &sem, &x->promoted);
    arena_free(&a);
    if (db != NULL)
        db_close(db);
    return NULL;
}

#define RACERS 50

static void
check_races(struct db *db, int64_t mission)
{
    struct racer x[RACERS];
    pthread_t t[RACERS];
    pthread_barrier_t go;
    struct seminar_registration *rs;
    struct arena a;
    int64_t id = seminar_new(db, mission, 10), id2, distinct = 0;
    struct box b;
    int i, k, n = 0, failed = 0, started = 0;

    drain(db);
    pthread_barrier_init(&go, NULL, RACERS);
    for (i = 0; i < RACERS; i++) {
        x[i] = (struct racer){.seminar = id, .i = i, .go = &go};
        if (pthread_create(&t[i], NULL, race_register, &x[i]) == 0)
            started++;
    }
    for (i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&go);
    for (i = 0; i < RACERS; i++)
        failed += x[i].rc != ERR_OK;
    ok(started == RACERS && failed == 0, "%s: 50 concurrent registrations all succeed (%d failed)",
       backend, failed);
    ok(count(db, "registered", id) == 10, "%s: exactly 10 have a place (%lld)", backend,
       (long long)count(db, "registered", id));
    ok(count(db, "waiting", id) == 40, "%s: exactly 40 wait (%lld)", backend,
       (long long)count(db, "waiting", id));
    mails(db, &b);
    ok(b.n[SEMINAR_MAIL_REGISTERED] == 10 && b.ics[SEMINAR_MAIL_REGISTERED] == 10 &&
           b.n[SEMINAR_MAIL_WAITING] == 40 && b.total == 50,
       "%s: ten confirmations with the .ics, forty waiting-list mails", backend);
    /* the waiting list's positions are 1..40, each once */
    arena_init(&a);
    if (seminar_registrations(db, &a, id, &rs, &n) == ERR_OK)
        for (i = 0; i < n; i++)
            if (strcmp(rs[i].state, "waiting") == 0 && rs[i].position == distinct + 1)
                distinct++;
    ok(distinct == 40, "%s: the waiting list is numbered 1..40 in order", backend);
    arena_free(&a);

    /* 20 places, 40 registered in turn, then the 20 with a place cancel at once */
    id2 = seminar_new(db, mission, 20);
    for (i = 0; i < 40; i++) {
        struct write_error we;
        struct reg r;
        char local[32];

        snprintf(local, sizeof(local), "c%d", i);
        if (signup(db, id2, local, "", NOW + i, &r, &we) != ERR_OK)
            break;
        if (i < 20) {
            x[i] = (struct racer){.seminar = id2, .i = i};
            memcpy(x[i].token, r.token, sizeof(r.token));
        }
    }
    ok(i == 40 && count(db, "registered", id2) == 20 && count(db, "waiting", id2) == 20,
       "%s: 20 places, 20 waiting", backend);
    drain(db);
    pthread_barrier_init(&go, NULL, 20);
    started = 0;
    for (i = 0; i < 20; i++) {
        x[i].go = &go;
        if (pthread_create(&t[i], NULL, race_cancel, &x[i]) == 0)
            started++;
    }
    for (i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&go);
    failed = 0;
    distinct = 0;
    for (i = 0; i < 20; i++) {
        failed += x[i].rc != ERR_OK;
        if (x[i].promoted > 0) {
            for (k = 0; k < i; k++)
                if (x[k].promoted == x[i].promoted)
                    break;
            distinct += k == i;
        }
    }
    ok(started == 20 && failed == 0, "%s: 20 concurrent cancellations succeed", backend);
    ok(distinct == 20, "%s: each promoted a different person (%lld)", backend, (long long)distinct);
    ok(count(db, "registered", id2) == 20 && count(db, "waiting", id2) == 0 &&
           count(db, "cancelled", id2) == 20,
       "%s: exactly 20 promoted: 20 places, none waiting, 20 cancelled", backend);
    mails(db, &b);
    ok(b.n[SEMINAR_MAIL_MOVED_UP] == 20 && b.ics[SEMINAR_MAIL_MOVED_UP] == 20 &&
           b.n[SEMINAR_MAIL_CANCELLED] == 20 && b.total == 40,
       "%s: 20 moved-up mails with the .ics, 20 cancellations", backend);
}

/* ------------------------------------------------------------ attendance and the tick */

static void
check_attendance(struct db *db, int64_t mission)
{
    struct seminar_registration *rs;
    struct seminar_attended *hist;
    struct reg r1, r2, r3;
    struct write_error we = {0};
    struct arena a;
    struct seminar s;
    int64_t actor = both_actor(db, "skolkocken"), ids[3], id;
    char name[64], shout[64];
    int n = 0, reminded, purged;

    id = seminar_at(db, mission, 5, LATER);
    /* a name of this run's own: the PostgreSQL database is shared by the run's files */
    snprintf(name, sizeof(name), "Skolkocken AB %s", suffix);
    snprintf(shout, sizeof(shout), "SKOLKOCKEN ab %s", suffix);
    ok(actor > 0 && both_actor_resave(db, actor, name, NULL, WHO, NOW), "%s: an actor %s", backend,
       name);
    drain(db);
    /* the actor's name as registered by a hurried hand: matched all the same (ASCII case) */
    ok(signup(db, id, "eva", shout, NOW, &r1, &we) == ERR_OK &&
           signup(db, id, "finn", name, NOW, &r2, &we) == ERR_OK &&
           signup(db, id, "gun", "Okänd förening", NOW, &r3, &we) == ERR_OK,
       "%s: three register", backend);
    arena_init(&a);
    ok(seminar_registrations(db, &a, id, &rs, &n) == ERR_OK && n == 3 && actor > 0 &&
           rs[0].actor_id == actor && rs[1].actor_id == actor && rs[2].actor_id == 0,
       "%s: two matched to the actor, one not", backend);
    drain(db);

    /* the reminder: due within a day of the start, once */
    ok(seminar_tick(db, LATER - 2 * 86400, 30, &mailer, &reminded, &purged) == ERR_OK &&
           reminded == 0,
       "%s: two days before, no reminder yet", backend);
    ok(seminar_tick(db, LATER - 86400 + 60, 30, &mailer, &reminded, &purged) == ERR_OK &&
           reminded == 3,
       "%s: a day before, three reminders", backend);
    ok(seminar_tick(db, LATER - 3600, 30, &mailer, &reminded, &purged) == ERR_OK && reminded == 0,
       "%s: and not again", backend);
    {
        struct box b;

        mails(db, &b);
        ok(b.n[SEMINAR_MAIL_REMINDER] == 3 && b.ics[SEMINAR_MAIL_REMINDER] == 3 && b.total == 3,
           "%s: the three reminders are queued, with the .ics", backend);
    }
    {
        /* a seminar open until its start: one registers two days before, one an hour before */
        struct seminar_new late = sample(mission, 5);
        struct write_error lwe = {0};
        struct reg early_r, late_r;
        int64_t lid = 0, at = LATER + 10 * 86400;

        late.starts_at = at;
        late.ends_at = at + HOUR;
        late.closes_at = 0;
        ok(seminar_save(db, 0, &late, WHO, NOW, &lid, &lwe) == ERR_OK &&
               signup(db, lid, "early", "", at - 2 * 86400, &early_r, &lwe) == ERR_OK &&
               signup(db, lid, "late", "", at - HOUR, &late_r, &lwe) == ERR_OK,
           "%s: a seminar open to its start, registered two days and an hour before", backend);
        ok(seminar_tick(db, at - HOUR + 60, 30, &mailer, &reminded, &purged) == ERR_OK &&
               reminded == 1,
           "%s: only the early one is reminded (the late one's confirmation is enough)", backend);
    }

    ids[0] = r1.id;
    ids[1] = r3.id;
    ok(seminar_attendance(db, id, ids, 2, WHO, NOW, &we) == ERR_INVALID &&
           strcmp(we.field, "seminar_id") == 0,
       "%s: attendance before the start is refused", backend);
    ids[2] = r3.id;
    ok(seminar_attendance(db, id, ids + 1, 2, WHO, LATER + 4 * HOUR, &we) == ERR_INVALID &&
           strcmp(we.field, "attended") == 0 && we.item == 1,
       "%s: a registration named twice is refused, naming the item", backend);
    ids[1] = r2.id;
    ok(seminar_attendance(db, id, ids, 2, WHO, LATER + 4 * HOUR, &we) == ERR_OK,
       "%s: attendance marked after the event", backend);
    ok(seminar_get(db, &a, id, &s) == ERR_OK && s.attended_total == 2, "%s: two attended", backend);
    ok(seminar_of_actor(db, &a, actor, &hist, &n) == ERR_OK && n >= 1 && hist[0].seminar_id == id &&
           hist[0].n == 2,
       "%s: the actor's history: two of its people attended", backend);

    /* the personal data: kept 30 days after the end, then deleted; the counts stay */
    ok(seminar_tick(db, LATER + 3 * HOUR + 29 * 86400, 30, &mailer, &reminded, &purged) == ERR_OK &&
           count(db, "registered", id) == 3,
       "%s: 29 days after, the registrations are kept", backend);
    ok(seminar_tick(db, LATER + 3 * HOUR + 30 * 86400, 30, &mailer, &reminded, &purged) == ERR_OK &&
           purged >= 1 && count(db, "registered", id) == 0,
       "%s: 30 days after, they are deleted", backend);
    ok(seminar_get(db, &a, id, &s) == ERR_OK && s.data_deleted_at != 0 && s.attended_total == 2,
       "%s: the seminar says so and keeps its total", backend);
    ok(seminar_of_actor(db, &a, actor, &hist, &n) == ERR_OK && n >= 1 && hist[0].n == 2,
       "%s: the actor's count stays", backend);
    ok(seminar_attendance(db, id, ids, 0, WHO, LATER + 31 * 86400, &we) == ERR_INVALID,
       "%s: attendance cannot change after the deletion", backend);
    {
        struct seminar_registration gone;

        ok(seminar_registration_by_token(db, &a, r1.token, &gone) == ERR_NOTFOUND,
           "%s: the cancel link finds nothing after the deletion", backend);
    }
    arena_free(&a);
    drain(db);
}

/* ------------------------------------------------------------ the throttle */

/* the registrations recorded from address after since */
static int64_t
signups_from(struct db *db, const char *address, int64_t since)
{
    struct db_stmt *st = db_stmt(db, Q_SEMSIGNUP_COUNT);
    int64_t n = -1;
    bool row = false;

    if (st == NULL)
        return -1;
    db_bind_text(st, 1, address);
    db_bind_i64(st, 2, since);
    if (db_step(st, &row) == ERR_OK && row)
        n = db_i64(st, 0);
    db_done(st);
    return n;
}

/* SEMINAR_SIGNUP_MAX registrations from one address within the window, across seminars; the
 * next is refused with nothing written and no mail, another address is not; as the oldest
 * ages out of the hour one more is accepted, and the aged rows are deleted */
static void
check_throttle(struct db *db, int64_t mission)
{
    int64_t sem[3] = {seminar_new(db, mission, 4), seminar_new(db, mission, 100),
                      seminar_new(db, mission, 100)};
    int64_t before, wait = -1, at = NOW + 100;
    struct write_error we = {0};
    char ip[64], other[64], local[32];
    struct reg r;
    struct box b;
    int i, refused = 0;

    /* the key is the address as text: this run's own, so that a database kept from an
     * earlier run (PostgreSQL) counts none of its registrations */
    snprintf(ip, sizeof(ip), "192.0.2.1#%s", suffix);
    snprintf(other, sizeof(other), "192.0.2.2#%s", suffix);
    drain(db);
    for (i = 0; i < SEMINAR_SIGNUP_MAX; i++) {
        snprintf(local, sizeof(local), "throttle-%d", i);
        /* over two seminars, the first full after 4: the waiting list counts too */
        if (signup_from(db, sem[i % 2], local, NULL, at + i, ip, &r, &we) != ERR_OK)
            refused++;
    }
    ok(refused == 0, "%s: %d registrations from one address within the hour are accepted", backend,
       SEMINAR_SIGNUP_MAX);
    ok(signups_from(db, ip, 0) == SEMINAR_SIGNUP_MAX, "%s: ... each recorded once", backend);
    ok(seminar_signup_throttled(db, ip, at + 20, &wait) == ERR_LIMIT && wait == 3600 - 20 + 1,
       "%s: ... and the address is throttled, until the oldest is an hour old (%lld s)", backend,
       (long long)wait);
    drain(db);
    before = count(db, "registered", sem[2]) + count(db, "waiting", sem[2]);
    ok(signup_from(db, sem[2], "throttle-x", NULL, at + 20, ip, &r, &we) == ERR_LIMIT,
       "%s: the %dth, to a third seminar, is refused (ERR_LIMIT)", backend, SEMINAR_SIGNUP_MAX + 1);
    mails(db, &b);
    ok(count(db, "registered", sem[2]) + count(db, "waiting", sem[2]) == before && b.total == 0 &&
           signups_from(db, ip, 0) == SEMINAR_SIGNUP_MAX,
       "%s: ... nothing written, no mail queued, the refusal not recorded", backend);
    ok(signup_from(db, sem[2], "throttle-y", NULL, at + 21, other, &r, &we) == ERR_OK &&
           strcmp(r.state, "registered") == 0,
       "%s: another address registers meanwhile", backend);
    ok(signup_from(db, sem[2], "throttle-z", NULL, at + 30, NULL, &r, &we) == ERR_OK,
       "%s: so does a registration with no address (the demo loader's)", backend);
    ok(signup_from(db, sem[2], "throttle-x", NULL, at + 3599, ip, &r, &we) == ERR_LIMIT,
       "%s: a second before the oldest is an hour old: still refused", backend);
    ok(signup_from(db, sem[2], "throttle-x", NULL, at + 3600, ip, &r, &we) == ERR_OK,
       "%s: an hour after the oldest, one more is accepted", backend);
    ok(signups_from(db, ip, 0) == SEMINAR_SIGNUP_MAX,
       "%s: ... and the record that aged out is deleted (%lld kept)", backend,
       (long long)signups_from(db, ip, 0));
    ok(signup_from(db, sem[2], "throttle-w", NULL, at + 3600, ip, &r, &we) == ERR_LIMIT,
       "%s: ... the next, at once, is refused again (the window slides)", backend);
    {
        /* twice the limit at once from one address, over two seminars (two row locks): on
         * PostgreSQL the address's own lock counts them one after another */
        struct racer x[2 * SEMINAR_SIGNUP_MAX];
        pthread_t t[2 * SEMINAR_SIGNUP_MAX];
        pthread_barrier_t go;
        char racer_ip[64];
        int n_ok = 0, n_lim = 0, started = 0;

        snprintf(racer_ip, sizeof(racer_ip), "192.0.2.3#%s", suffix);
        pthread_barrier_init(&go, NULL, 2 * SEMINAR_SIGNUP_MAX);
        for (i = 0; i < 2 * SEMINAR_SIGNUP_MAX; i++) {
            memset(&x[i], 0, sizeof(x[i]));
            x[i].seminar = sem[1 + i % 2];
            x[i].i = 1000 + i; /* registered at NOW + 1000 + i, within one hour */
            x[i].address = racer_ip;
            x[i].go = &go;
            if (pthread_create(&t[i], NULL, race_register, &x[i]) == 0)
                started++;
        }
        for (i = 0; i < started; i++)
            pthread_join(t[i], NULL);
        pthread_barrier_destroy(&go);
        for (i = 0; i < started; i++) {
            n_ok += x[i].rc == ERR_OK;
            n_lim += x[i].rc == ERR_LIMIT;
        }
        ok(started == 2 * SEMINAR_SIGNUP_MAX && n_ok == SEMINAR_SIGNUP_MAX &&
               n_lim == SEMINAR_SIGNUP_MAX && signups_from(db, racer_ip, 0) == SEMINAR_SIGNUP_MAX,
           "%s: %d at once from one address over two seminars: %d accepted, %d refused", backend,
           2 * SEMINAR_SIGNUP_MAX, n_ok, n_lim);
    }
    ok(seminar_signup_throttled(db, NULL, at, &wait) == ERR_OK && wait == 0 &&
           seminar_signup_throttled(db, other, at + 3600, &wait) == ERR_OK && wait == 0,
       "%s: seminar_signup_throttled: no address, or one under the limit: ERR_OK", backend);
    drain(db);
}

static void
test_all(struct db *db)
{
    int64_t mission = both_mission(db, "seminarier");

    if (!ok(mission > 0, "%s: a mission", backend))
        return;
    check_save(db, mission);
    check_register(db, mission);
    check_races(db, mission);
    check_attendance(db, mission);
    check_throttle(db, mission);
    ok(atomic_exchange(&stale_mails, 0) == 0,
       "%s: every mail saw its registration in the state it announces", backend);
}

int
main(void)
{
    return both_main("seminar", test_all);
}
