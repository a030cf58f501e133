/*
 * rows.h — the row readers one domain file lends another (private to
 * src/domain). Each reads one row of its entity's columns (the *_COLS macros
 * of the q_*.def files) into the struct at item, as an ld_row_fn for ld_rows
 * and ld_one (load.h). It is defined in its entity's .c; another loader uses
 * it when its query selects the same columns, so an entity is read in one
 * place:
 *
 *   mission.c     mission_row       MISSION_COLS
 *   indicator.c   objective_row     the columns of Q_OBJECTIVE_GET
 *                 indicator_row     INDICATOR_COLS
 *   actor.c       actor_row         ACTOR_COLS (and Q_MISSION_ACTORS)
 *   person.c      person_row        PERSON_COLS (team rows start with them)
 *   initiative.c  initiative_row    INITIATIVE_COLS
 *   sdg.c         sdg_target_row    (code, goal, title_en)
 */
#ifndef DOMAIN_ROWS_H
#define DOMAIN_ROWS_H

#include "core/arena.h"
#include "db/db.h"

void mission_row(struct db_stmt *st, struct arena *a, void *item);
void objective_row(struct db_stmt *st, struct arena *a, void *item);
void indicator_row(struct db_stmt *st, struct arena *a, void *item);
void actor_row(struct db_stmt *st, struct arena *a, void *item);
void person_row(struct db_stmt *st, struct arena *a, void *item);
void initiative_row(struct db_stmt *st, struct arena *a, void *item);
void sdg_target_row(struct db_stmt *st, struct arena *a, void *item);

#endif
