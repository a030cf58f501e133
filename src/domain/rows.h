/*
 * rows.h — the row readers one domain file lends another (private to
 * src/domain). Each reads one row of its entity's columns (the *_COLS macros
 * of the q_*.def files) into the struct at item, as an ld_row_fn for ld_rows
 * and ld_one (load.h). It is defined in its entity's .c; another loader uses
 * it when its query selects the same columns, so an entity is read in one
 * place. They run one way: an entity lends its reader only to entities that
 * stand above it (a mission lists its objectives, indicators, actors, people
 * and SDG targets; an actor its people), never back.
 *
 *   indicator.c   objective_row     the columns of Q_OBJECTIVE_GET
 *                 indicator_row     INDICATOR_COLS
 *   actor.c       actor_row         ACTOR_COLS
 *   person.c      person_row        PERSON_COLS (team rows start with them)
 *   sdg.c         sdg_target_row    (code, goal, title_en)
 */
#ifndef DOMAIN_ROWS_H
#define DOMAIN_ROWS_H

#include "core/arena.h"
#include "db/db.h"

void objective_row(struct db_stmt *st, struct arena *a, void *item);
void indicator_row(struct db_stmt *st, struct arena *a, void *item);
void actor_row(struct db_stmt *st, struct arena *a, void *item);
void person_row(struct db_stmt *st, struct arena *a, void *item);
void sdg_target_row(struct db_stmt *st, struct arena *a, void *item);

#endif
