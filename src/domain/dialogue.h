/*
 * dialogue.h — a mission's dialogues (issue 13): the meetings, workshops, interviews,
 * conferences and field visits its team held, with the actors taking part (linked, never
 * free text), the objectives touched, a summary, outcomes, and follow-ups with an owner (a
 * person) and a due date; an actor's history of them; the follow-ups past due; and which
 * sectors, industries and counties the dialogues have reached against the mission's actors.
 * Loader conventions: person.h; writes: write.h.
 *
 * The notes (summary, outcomes, the follow-ups' texts) are public only when the dialogue is
 * marked is_public; the mission's coordinators and admins see them all. The loaders return
 * everything: the pages and the API decide what the caller sees (dialogue_hide_notes).
 */
#ifndef DOMAIN_DIALOGUE_H
#define DOMAIN_DIALOGUE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/paging.h"
#include "domain/write.h"

/* An actor's history on its page: the newest this many. */
#define DIALOGUE_ACTOR_HISTORY 50
/* A mission's overdue follow-ups listed at most. */
#define DIALOGUE_OVERDUE_MAX 100

struct dialogue_actor {
    int64_t id;
    const char *slug, *name;
    const char *sector; /* code_actor_sector */
};

struct dialogue_objective {
    int64_t id;
    const char *title_sv, *title_en;
};

struct follow_up {
    int64_t id, dialogue_id;
    const char *text_sv, *text_en;
    int64_t owner_id; /* a person; 0: none */
    const char *owner_name;
    const char *due_on; /* YYYY-MM-DD */
    int64_t done_at;    /* Unix seconds; 0: open */
    bool done;
    /* filled by dialogue_overdue only: its dialogue */
    const char *dialogue_title_sv, *dialogue_title_en, *dialogue_held_on;
    bool dialogue_public;
};

struct dialogue {
    int64_t id, mission_id;
    const char *mission_slug, *mission_title_sv, *mission_title_en;
    const char *held_on; /* YYYY-MM-DD */
    const char *format;  /* code_dialogue_format */
    const char *title_sv, *title_en, *summary_sv, *summary_en, *outcomes_sv, *outcomes_en;
    bool is_public; /* the notes are public */
    bool is_demo;
    int64_t created_at, updated_at;
    int64_t n_actors, n_open; /* actors taking part; follow-ups not done */
    /* filled by dialogue_get only */
    struct dialogue_actor *actors;
    int n_actors_loaded;
    struct dialogue_objective *objectives;
    int n_objectives;
    struct follow_up *follow_ups; /* by due date */
    int n_follow_ups;
};

/* One row of the reach: a sector, an industry (SNI code) or a county. */
struct dialogue_reach_row {
    const char *code;
    const char *label;  /* the SNI code's or the county's name; the sector's code */
    int64_t in_mission; /* the mission's actors (its initiatives') with it */
    int64_t reached;    /* the dialogues' actors with it */
};

struct dialogue_reach {
    struct dialogue_reach_row *sectors, *industries, *counties;
    int n_sectors, n_industries, n_counties;
};

/* A mission's dialogues, the newest first (held_on, then id). */
enum err dialogue_list(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg,
                       struct dialogue **out, int *out_n, int64_t *out_total);
/* One dialogue with its actors, objectives and follow-ups. ERR_NOTFOUND. */
enum err dialogue_get(struct db *db, struct arena *a, int64_t id, struct dialogue *out);
/* The dialogues actor_id took part in, in every live mission, the newest
 * DIALOGUE_ACTOR_HISTORY first (without actors, objectives, follow-ups). */
enum err dialogue_of_actor(struct db *db, struct arena *a, int64_t actor_id, struct dialogue **out,
                           int *out_n);
/* A mission's open follow-ups due before today (UTC) at now, the oldest first, at most
 * DIALOGUE_OVERDUE_MAX. */
enum err dialogue_overdue(struct db *db, struct arena *a, int64_t mission_id, int64_t now,
                          struct follow_up **out, int *out_n);
/* Which sectors, industries and counties the mission's dialogues' actors cover, against
 * those of the mission's actors (the actors of its shown initiatives). */
enum err dialogue_reach(struct db *db, struct arena *a, int64_t mission_id,
                        struct dialogue_reach *out);

/* Blank the notes of d (summary, outcomes, follow-ups) for a caller who may not see them:
 * when d is not public and may_see_all is false. */
void dialogue_hide_notes(struct dialogue *d, bool may_see_all);

/* ---- writing (the conventions of every create and update function: write.h) ---- */

struct follow_up_new {
    int64_t id; /* on update: a stored follow-up of the dialogue to keep; 0: a new one */
    const char *text_sv, *text_en; /* one line each, Swedish required */
    int64_t owner_id;              /* a person, required */
    const char *due_on;            /* YYYY-MM-DD, required */
};

struct dialogue_new {
    int64_t mission_id;
    const char *held_on; /* YYYY-MM-DD, required */
    const char *format;  /* code_dialogue_format */
    const char *title_sv, *title_en;
    const char *summary_sv, *summary_en, *outcomes_sv, *outcomes_en; /* Markdown */
    bool is_public;
    const int64_t *actor_ids; /* actors that exist, each once, at most WRITE_MAX_ITEMS */
    int n_actors;
    const int64_t *objective_ids; /* objectives of the same mission, each once */
    int n_objectives;
    const struct follow_up_new *follow_ups; /* at most WRITE_MAX_ITEMS */
    int n_follow_ups;
    bool is_demo;
};

enum err dialogue_create(struct db *db, const struct dialogue_new *in, const char *who, int64_t now,
                         int64_t *out_id, struct write_error *err);
/*
 * Every field of in but the mission (0 or the stored one, else refused: "mission_id") and
 * is_demo. The actors and objectives are replaced by in's, compared as sets; the
 * follow-ups by id: a stored one in's list does not name is removed, one with id 0 added,
 * the others changed where they differ (done or not, they stay so). A follow-up id that is
 * not the dialogue's is refused ("follow_ups", its item).
 */
enum err dialogue_update(struct db *db, int64_t id, const struct dialogue_new *in, const char *who,
                         int64_t now, bool *out_changed, struct write_error *err);
/* Mark follow-up id done at now (done) or open again; an audit entry "done" / "reopen" of
 * the follow-up (its changes: done_at). Already so: nothing written. ERR_NOTFOUND. The
 * dialogue's and mission's ids into out_dialogue / out_mission (either NULL). */
enum err follow_up_done(struct db *db, int64_t id, bool done, const char *who, int64_t now,
                        int64_t *out_dialogue, int64_t *out_mission);
/* The dialogue and mission of follow-up id. ERR_NOTFOUND. */
enum err follow_up_owner(struct db *db, int64_t id, int64_t *out_dialogue, int64_t *out_mission);

/* For the web layer: dialogue_create (id 0) or dialogue_update, and follow_up_done, each in
 * a transaction of its own (committed on success, rolled back otherwise). */
enum err dialogue_save(struct db *db, int64_t id, const struct dialogue_new *in, const char *who,
                       int64_t now, int64_t *out_id, struct write_error *err);
enum err follow_up_save_done(struct db *db, int64_t id, bool done, const char *who, int64_t now);

#endif
