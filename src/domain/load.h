/*
 * load.h — small helpers shared by the loaders (private to src/domain).
 */
#ifndef DOMAIN_LOAD_H
#define DOMAIN_LOAD_H

#include <string.h>

#include "core/arena.h"
#include "db/db.h"

/* Column text copied into the arena; NULL for SQL NULL. */
static inline const char *
ld_text(struct db_stmt *st, int col, struct arena *a)
{
    return db_null(st, col) ? NULL : db_text_dup(st, col, a);
}

/* Column text copied into the arena; "" for SQL NULL. */
static inline const char *
ld_str(struct db_stmt *st, int col, struct arena *a)
{
    return db_null(st, col) ? "" : db_text_dup(st, col, a);
}

/* Make room for element n of an arena array of `size`-byte items (doubling). */
static inline void *
ld_grow(struct arena *a, void *arr, int n, int *cap, size_t size)
{
    void *bigger;

    if (n < *cap)
        return arr;
    *cap = *cap ? *cap * 2 : 16;
    bigger = arena_alloc(a, (size_t)*cap * size);
    if (n > 0)
        memcpy(bigger, arr, (size_t)n * size);
    return bigger;
}

/* Run a statement that yields one integer (a count, a MAX(...)); 0 if no row or NULL. */
static inline enum err
ld_count(struct db_stmt *st, int64_t *out)
{
    enum err rc;
    bool row;

    *out = 0;
    rc = db_step(st, &row);
    if (rc == ERR_OK && row && !db_null(st, 0))
        *out = db_i64(st, 0);
    db_done(st);
    return rc;
}

/*
 * Step st to its end, reading every row with fn into a growing arena array of
 * size-byte items (*out_arr, *out_n); the statement is reset. The one loop
 * every list loader shares.
 */
typedef void (*ld_row_fn)(struct db_stmt *st, struct arena *a, void *item);
enum err ld_rows(struct db_stmt *st, struct arena *a, size_t size, ld_row_fn fn, void *out_arr,
                 int *out_n);

/*
 * Step st (its keys bound) once and read the row with fn into item; the
 * statement is reset. ERR_NOTFOUND when there is no row (item is then
 * untouched), ERR_DB / ERR_BUSY from the database. The one step every
 * single-row loader shares.
 */
enum err ld_one(struct db_stmt *st, struct arena *a, ld_row_fn fn, void *item);
/* ld_one of statement q with $1 bound to id: the loaders that get a thing by its id. */
enum err ld_one_id(struct db *db, enum q q, int64_t id, struct arena *a, ld_row_fn fn, void *item);

/* Row readers for one-column lists: column 0 as text ("" for NULL) into a
 * const char *, or as an integer into an int64_t (item). */
void ld_str_row(struct db_stmt *st, struct arena *a, void *item);
void ld_i64_row(struct db_stmt *st, struct arena *a, void *item);

struct mission;
struct actor;
struct initiative;
/* Row readers shared by the loaders whose queries select the same columns
 * (MISSION_COLS, ACTOR_COLS, INITIATIVE_COLS in the q_*.def files). */
enum err mission_rows(struct db_stmt *st, struct arena *a, struct mission **out, int *out_n);
enum err actor_rows(struct db_stmt *st, struct arena *a, struct actor **out, int *out_n);
enum err initiative_rows(struct db_stmt *st, struct arena *a, struct initiative **out, int *out_n);
/* One row of PERSON_COLS into a struct person (item). */
void ld_person_row(struct db_stmt *st, struct arena *a, void *item);
/* One row of (code, goal, title_en) into a struct sdg_target (item). */
void ld_target_row(struct db_stmt *st, struct arena *a, void *item);

#endif
