/*
 * actor.h — actors: the organisations that take part in missions, with their
 * sector, classification and people. Loader conventions: person.h.
 */
#ifndef DOMAIN_ACTOR_H
#define DOMAIN_ACTOR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/paging.h"
#include "domain/write.h"

struct person;

struct actor {
    int64_t id;
    const char *slug, *name, *orgnr;
    const char *sector; /* code_actor_sector */
    const char *sni, *sni_label, *municipality, *municipality_name, *county_name, *website,
        *description_sv, *description_en;
    const char **disciplines; /* filled by actor_get only */
    int n_disciplines;
    bool is_demo;
    int n_initiatives;   /* live ones */
    int64_t archived_at; /* Unix seconds; 0: live */
};

struct actor_role {
    int64_t initiative_id;
    const char *role; /* code_initiative_role */
};

/* sector NULL or "": any; by name; live actors only (actor_get finds archived ones) */
enum err actor_list(struct db *db, struct arena *a, const char *sector, const struct page *pg,
                    struct actor **out, int *out_n, int64_t *out_total);
enum err actor_get(struct db *db, struct arena *a, int64_t id, struct actor *out);
/* the people at the actor, by name */
enum err actor_people(struct db *db, struct arena *a, int64_t actor_id, struct person **out,
                      int *out_n);
/*
 * The roles an actor holds in initiatives (one per initiative it takes part
 * in), ordered by initiative id. An initiative that names the actor as lead
 * without listing it among the taking-part actors has no row here.
 */
enum err actor_initiative_roles(struct db *db, struct arena *a, int64_t actor_id,
                                struct actor_role **out, int *out_n);

/* ---- creating (the conventions of every create function: write.h) ---- */

struct actor_new {
    const char *slug, *name;
    const char *orgnr;        /* optional; NNNNNN-NNNN or ten digits, stored as NNNNNN-NNNN */
    const char *sector;       /* code_actor_sector */
    const char *sni;          /* optional; an SNI 2007 code of the reference data */
    const char *municipality; /* optional; an SCB municipality code */
    const char *website;      /* optional; http or https */
    const char *description_sv, *description_en; /* optional */
    const char *const *disciplines;
    int n_disciplines;
    bool is_demo;
};

enum err actor_create(struct db *db, const struct actor_new *in, const char *who, int64_t *out_id,
                      struct write_error *err);

/* ---- updating and archiving (the conventions of every update function: write.h) ---- */

/* Every field of in but is_demo; the slug and organisation number stay unique (the actor's
 * own count as free); the disciplines are replaced by in's (as a set). */
enum err actor_update(struct db *db, int64_t id, const struct actor_new *in, const char *who,
                      int64_t now, bool *out_changed, struct write_error *err);
/* An archived actor leaves the list of actors and the actors of a mission; initiatives that
 * name it keep it (their pages still link to it). */
enum err actor_archive(struct db *db, int64_t id, const char *who, int64_t now);
enum err actor_unarchive(struct db *db, int64_t id, const char *who, int64_t now);

#endif
