/*
 * person.h — people: the members of mission teams and the contacts of actors.
 *
 * The conventions of every loader in src/domain: the database connection and
 * an arena first; every string and array returned lives in that arena; lists
 * come back as an arena array with a count (out_n), paged lists also with the
 * total (out_total). Errors: ERR_NOTFOUND when the thing named does not
 * exist, ERR_DB / ERR_BUSY from the database. Bilingual fields come in pairs
 * (_sv, _en; en may be ""); optional numbers carry a has_ flag; enumerated
 * values are the database's text codes (codes.h).
 */
#ifndef DOMAIN_PERSON_H
#define DOMAIN_PERSON_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/paging.h"
#include "domain/write.h"

struct person {
    int64_t id;
    int64_t actor_id; /* 0: none */
    const char *actor_name;
    /* email and phone: NULL unless the person marked them public (contact_public); the
     * stored values are person_stored's, for those who may edit the person */
    const char *name, *title_sv, *title_en, *email, *phone;
    int64_t archived_at; /* Unix seconds; 0: live */
    bool contact_public;
    /* in the public register: an organisation's contact, on a mission's team, or registered
     * by an editor. The person of an account that is none of these (it only signed up) is
     * shown to no one but its account and its editors: the lists leave it out, and the
     * public reads of one person answer as if there were none. */
    bool listed;
};

/* Everyone live and listed, by name (archived and unlisted people are left out; person_get
 * finds them). */
enum err person_list(struct db *db, struct arena *a, const struct page *pg, struct person **out,
                     int *out_n, int64_t *out_total);
enum err person_get(struct db *db, struct arena *a, int64_t id, struct person *out);

/* ---- creating (the conventions of every create function: write.h) ---- */

struct person_new {
    int64_t actor_id; /* 0: none */
    const char *name, *title_sv, *title_en;
    const char *email, *phone; /* optional */
    bool contact_public;       /* the e-mail and phone are shown publicly */
    bool is_demo;
};

enum err person_create(struct db *db, const struct person_new *in, const char *who, int64_t *out_id,
                       struct write_error *err);
/* The stored, editable values of a live person, private contact details included (for the
 * edit form of someone who may edit the person; never a public page). ERR_NOTFOUND for an
 * unknown or archived id. */
enum err person_stored(struct db *db, struct arena *a, int64_t id, struct person_new *out);

/* ---- updating and archiving (the conventions of every update function: write.h) ---- */

/* Every field of in but is_demo. The e-mail and phone are private: the audit entry says
 * that they changed, never their values (change.h). */
enum err person_update(struct db *db, int64_t id, const struct person_new *in, const char *who,
                       int64_t now, bool *out_changed, struct write_error *err);
/* An archived person leaves the list of people, the people of an actor and the teams of
 * missions (its team_member rows stay: bringing the person back restores them). */
enum err person_archive(struct db *db, int64_t id, const char *who, int64_t now);
enum err person_unarchive(struct db *db, int64_t id, const char *who, int64_t now);

#endif
