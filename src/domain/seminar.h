/*
 * seminar.h — a mission's seminars (issue 14): announced by its coordinators, registered
 * for by anyone without an account, with a capacity and a waiting list, attendance marked
 * after the event; the mails to the people registered; the iCalendar of seminars
 * (seminar_ics.c). Loader conventions: person.h; writes: write.h.
 *
 * Times are Unix seconds in UTC; the pages show them in Europe/Stockholm (core/ical.h's
 * ical_stockholm_offset, the one rule of the site's time zone).
 *
 * Registration. A seminar is open for registration while it is not cancelled and now is
 * before both its registration deadline and its start. A registration takes a place while
 * fewer than capacity are registered, else it waits; one live (not cancelled) registration
 * per address and seminar. When a registered person cancels (through the secret link of
 * their mails) before the start, the first on the waiting list (queued first) moves up, in
 * the same transaction, and is told. Both run under the seminar's row lock (PostgreSQL:
 * SELECT ... FOR UPDATE; SQLite: the one writer of BEGIN IMMEDIATE), so concurrent
 * registrations never give more places than capacity, and concurrent cancellations promote
 * exactly one person each.
 *
 * Mails. The domain holds no UI text: a struct seminar_mailer (the web layer's, translated
 * into the registration's language) composes each message, and it is queued (domain/mail.h)
 * in the transaction of the change it tells of. The confirmation and the moved-up mail
 * carry the seminar's .ics.
 *
 * Personal data. seminar_tick, run by the server's mail thread and by `samverka seminar
 * tick`, sends the reminders the day before, and deletes the registrations of seminars that
 * ended more than the configured number of days ago; what stays is per actor how many
 * attended (seminar_attendance) and the seminar's total.
 */
#ifndef DOMAIN_SEMINAR_H
#define DOMAIN_SEMINAR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/paging.h"
#include "domain/write.h"

#define SEMINAR_MAX_CAPACITY  100000
#define SEMINAR_MAX_NEEDS     1000  /* bytes of a registration's diet or accessibility needs */
#define SEMINAR_MAX_DAYS      3650  /* the longest a seminar may last, in days */
#define SEMINAR_TOKEN_HEX     64    /* the cancel link's secret: 32 random bytes, hex */
#define SEMINAR_REMIND_BEFORE 86400 /* the reminder goes this many seconds before the start */
#define SEMINAR_RETENTION     30    /* days after the end the personal data are kept: default */
#define SEMINAR_LIST_MAX      100   /* current seminars listed at most on one page */
#define SEMINAR_ACTOR_HISTORY 50    /* an actor's attended seminars on its page */
#define SEMINAR_TICK_BATCH    200   /* reminders queued by one tick at most */
/* The open registration form's throttle (docs/limits.md seminar.signups): at most
 * SEMINAR_SIGNUP_MAX registrations from one client address within any SEMINAR_SIGNUP_WINDOW
 * seconds, across all seminars, since each one mails the address typed in. */
#define SEMINAR_SIGNUP_MAX    10
#define SEMINAR_SIGNUP_WINDOW 3600

enum seminar_state_open {
    SEMINAR_OPEN,      /* registration open */
    SEMINAR_CLOSED,    /* past the deadline, not yet begun */
    SEMINAR_STARTED,   /* begun or over */
    SEMINAR_CANCELLED, /* called off */
};

struct seminar {
    int64_t id, mission_id;
    const char *mission_slug, *mission_title_sv, *mission_title_en;
    const char *title_sv, *title_en, *description_sv, *description_en;
    int64_t starts_at, ends_at, closes_at;
    const char *place, *online_url;
    const char *language; /* code_seminar_language: sv, en, sv_en */
    int64_t capacity;
    const char *accessibility_sv, *accessibility_en;
    int64_t cancelled_at;    /* 0: not */
    int64_t data_deleted_at; /* 0: the registrations' personal data are kept */
    int64_t attended_total;
    bool is_demo;
    int64_t created_at, updated_at;
    int64_t n_registered, n_waiting;
};

/* Where registration stands at now. */
enum seminar_state_open seminar_open(const struct seminar *s, int64_t now);
/* Places left (0 when full). */
int64_t seminar_places_left(const struct seminar *s);
/* The first time after now at which the clock alone changes what is said of s (its
 * registration closing, its start, its end); 0: none (it has ended). */
int64_t seminar_changes_at(const struct seminar *s, int64_t now);

struct seminar_registration {
    int64_t id, seminar_id;
    const char *name, *email, *organisation;
    int64_t actor_id; /* 0: not matched */
    const char *actor_slug, *actor_name;
    const char *needs_diet, *needs_access;
    const char *lang;  /* sv, en */
    const char *state; /* registered, waiting, cancelled */
    int64_t queued_at, consent_at, created_at;
    bool attended;
    const char *token; /* the cancel link's secret; NULL when not loaded */
    int64_t position;  /* on the waiting list (1 first); 0 otherwise */
};

/* ---- reading ---- */

/* A mission's seminars (mission_id 0: every live mission's) that have not ended at now,
 * the soonest first, at most limit. With now a year back: the calendar feeds' seminars. */
enum err seminar_current(struct db *db, struct arena *a, int64_t mission_id, int64_t now, int limit,
                         struct seminar **out, int *out_n);
/* Those that have ended, the latest first, a page of them, and how many in all. */
enum err seminar_past(struct db *db, struct arena *a, int64_t mission_id, int64_t now,
                      const struct page *pg, struct seminar **out, int *out_n, int64_t *out_total);
/* The soonest end after now of a mission's seminars (0: of every live mission's) into
 * *out; 0 when none is still to end: when the list of past seminars next changes. */
enum err seminar_next_end(struct db *db, int64_t mission_id, int64_t now, int64_t *out);
/* Every seminar of a mission (0: of every live mission), the latest start first, a page. */
enum err seminar_all(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg,
                     struct seminar **out, int *out_n, int64_t *out_total);
/* One seminar (of a live mission). ERR_NOTFOUND. */
enum err seminar_get(struct db *db, struct arena *a, int64_t id, struct seminar *out);
/* The registrations of a seminar, registered then waiting (in queue order) then cancelled,
 * with their tokens: the coordinators' list. */
enum err seminar_registrations(struct db *db, struct arena *a, int64_t seminar_id,
                               struct seminar_registration **out, int *out_n);
/* The registration whose cancel token is token, with its position. ERR_NOTFOUND. */
enum err seminar_registration_by_token(struct db *db, struct arena *a, const char *token,
                                       struct seminar_registration *out);

/* An actor's attendance: the seminars it attended, the latest first. */
struct seminar_attended {
    int64_t seminar_id, mission_id, starts_at, n;
    const char *title_sv, *title_en, *mission_title_sv, *mission_title_en;
};
enum err seminar_of_actor(struct db *db, struct arena *a, int64_t actor_id,
                          struct seminar_attended **out, int *out_n);

struct seminar_ics_opts;

/* ---- mails ---- */

enum seminar_mail_kind {
    SEMINAR_MAIL_REGISTERED, /* you have a place (with the .ics) */
    SEMINAR_MAIL_WAITING,    /* you are on the waiting list, at place position */
    SEMINAR_MAIL_MOVED_UP,   /* a place came free and is yours (with the .ics) */
    SEMINAR_MAIL_CANCELLED,  /* your registration is cancelled */
    SEMINAR_MAIL_REMINDER,   /* the seminar is soon (within a day): when and where */
};

struct seminar_mail {
    const char *subject, *body; /* UTF-8; set by compose */
    const char *event_url;      /* the seminar's page: the .ics's URL */
};

struct seminar_mailer {
    /* The message of kind to r about s, in r->lang, with r->token's cancel link; strings in a.
     * A non-zero return stops the change (it is rolled back). */
    enum err (*compose)(void *ctx, struct arena *a, enum seminar_mail_kind kind,
                        const struct seminar *s, const struct seminar_registration *r,
                        struct seminar_mail *out);
    void *ctx;
    const struct seminar_ics_opts *ics; /* for the .ics attached */
};

/* ---- writing (the conventions of write.h) ---- */

struct seminar_new {
    int64_t mission_id;
    const char *title_sv, *title_en, *description_sv, *description_en; /* Markdown */
    int64_t starts_at, ends_at, closes_at; /* closes_at 0: at the start */
    const char *place, *online_url;        /* at least one */
    const char *language;                  /* code_seminar_language */
    int64_t capacity;                      /* 1..SEMINAR_MAX_CAPACITY */
    const char *accessibility_sv, *accessibility_en;
    bool cancelled; /* update only: call it off (or on again) */
    bool is_demo;
};

/* In a transaction of its own each (committed on success, rolled back otherwise): create
 * (id 0) or update, with an audit entry. Refusals name the field: title_sv, starts_at,
 * ends_at ("ends before it starts", "lasts more than ..."), closes_at ("after the start"),
 * place ("a place or an online link"), online_url, language, capacity. */
enum err seminar_save(struct db *db, int64_t id, const struct seminar_new *in, const char *who,
                      int64_t now, int64_t *out_id, struct write_error *err);

/* seminar_save's create, inside the caller's transaction (the demo loader's). */
enum err seminar_create(struct db *db, const struct seminar_new *in, const char *who, int64_t now,
                        int64_t *out_id, struct write_error *err);

struct seminar_signup {
    int64_t seminar_id;
    const char *name, *email, *organisation; /* name and email required */
    const char *needs_diet, *needs_access;   /* optional */
    const char *lang;                        /* sv, en: the mails' language */
    bool consent;                            /* to the privacy notice: required */
    bool is_demo;
    /* the client's address (the form's: its peer's IP address as text), throttled and
     * recorded; NULL: neither (the demo loader, a test) */
    const char *address;
};

/*
 * Register in one transaction: a place or the waiting list, the mail queued. Refusals (ERR_INVALID,
 * nothing written): name, email ("is already registered" for a live registration with the
 * address), organisation, needs_diet, needs_access, lang, consent, and seminar_id when
 * registration is not open ("registration is closed", "the seminar is cancelled").
 * ERR_NOTFOUND: no such seminar. ERR_LIMIT, nothing written and no mail: in->address has
 * made SEMINAR_SIGNUP_MAX registrations within the window (seminar_signup_throttled says how
 * long to wait). out: the registration (state, position, token) in a.
 */
enum err seminar_register(struct db *db, struct arena *a, const struct seminar_signup *in,
                          int64_t now, const struct seminar_mailer *mailer,
                          struct seminar_registration *out, struct write_error *err);

/* Whether address has made SEMINAR_SIGNUP_MAX registrations within the
 * SEMINAR_SIGNUP_WINDOW seconds before now: ERR_LIMIT, *out_retry_after the seconds until
 * the oldest of them ages out; else ERR_OK, *out_retry_after 0. NULL address: ERR_OK. */
enum err seminar_signup_throttled(struct db *db, const char *address, int64_t now,
                                  int64_t *out_retry_after);

/* The same inside the caller's write transaction (the demo loader's). */
enum err seminar_register_in(struct db *db, struct arena *a, const struct seminar_signup *in,
                             int64_t now, const struct seminar_mailer *mailer,
                             struct seminar_registration *out, struct write_error *err);

/*
 * Cancel the registration of token in one transaction, mailing the person; when it had a
 * place and the seminar has not begun, the first waiting moves up and is mailed too.
 * ERR_NOTFOUND: no such token (or its data deleted). Already cancelled: ERR_OK, nothing
 * written (*out_promoted -1). ERR_INVALID ("seminar_id", "the seminar has begun") after
 * the start. *out_promoted: the registration that moved up, 0 none.
 */
enum err seminar_cancel(struct db *db, struct arena *a, const char *token, int64_t now,
                        const struct seminar_mailer *mailer, int64_t *out_seminar,
                        int64_t *out_promoted);

/*
 * Mark attendance after the start: exactly the registrations in ids (of the seminar, not
 * cancelled) attended, the others not; the per-actor counts and the total rewritten; an
 * audit entry of the total. ERR_INVALID: "seminar_id" before the start or after the data
 * were deleted, "attended" naming the item that is not a live registration of the seminar.
 */
enum err seminar_attendance(struct db *db, int64_t seminar_id, const int64_t *ids, int n,
                            const char *who, int64_t now, struct write_error *err);

/* The same inside the caller's write transaction. */
enum err seminar_attendance_in(struct db *db, int64_t seminar_id, const int64_t *ids, int n,
                               const char *who, int64_t now, struct write_error *err);

/*
 * The periodic work at now: the reminders of seminars starting within SEMINAR_REMIND_BEFORE
 * (each registration once, none made within that time of the start, at most
 * SEMINAR_TICK_BATCH a call), then the personal data of
 * seminars that ended retention_days or more ago deleted (days < 0: never). Each seminar
 * in a transaction of its own.
 */
enum err seminar_tick(struct db *db, int64_t now, int retention_days,
                      const struct seminar_mailer *mailer, int *out_reminded, int *out_purged);

/* ---- iCalendar (seminar_ics.c) ---- */

/* What an event's texts are in, and where its page is. */
struct seminar_ics_opts {
    bool english;                                   /* the English texts, where present */
    const char *(*url)(void *ctx, int64_t seminar); /* the seminar's page, absolute */
    void *ctx;
    const char *host; /* for the UID: id-seminar@host */
};
/* A calendar of n seminars, METHOD method (PUBLISH: the feeds and the mails' attachment,
 * which need no ORGANIZER as REQUEST would), cancelled ones STATUS:CANCELLED. name: the calendar's
 * X-WR-CALNAME (NULL none). ERR_INVALID when a text is not valid for iCalendar (cannot be: checked
 * on write). */
enum err seminar_ics(struct buf *out, const struct seminar *s, int n, const char *method,
                     const char *name, const struct seminar_ics_opts *o, int64_t now);

#endif
