/*
 * load.h — what the loaders of src/domain share, whatever the entity
 * (private to src/domain): column readers, the arena array that grows, the
 * loops that read every row (ld_rows) or the one row (ld_one) of a
 * statement. The row readers of one entity that other files borrow are in
 * rows.h.
 */
#ifndef DOMAIN_LOAD_H
#define DOMAIN_LOAD_H

#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "domain/paging.h"

/* Column text copied into the arena; NULL for SQL NULL. (db_text says NULL itself: no
 * db_null first, one call to the backend a column rather than two.) */
static inline const char *
ld_text(struct db_stmt *st, int col, struct arena *a)
{
    return db_text_dup(st, col, a);
}

/* Column text copied into the arena; "" for SQL NULL. */
static inline const char *
ld_str(struct db_stmt *st, int col, struct arena *a)
{
    size_t n;
    const char *t = db_textn(st, col, &n);

    return t == NULL ? "" : arena_strndup(a, t, n);
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

/* ld_rows of statement q with $1 bound to id: the lists of what belongs to one thing. */
enum err ld_rows_id(struct db *db, enum q q, int64_t id, struct arena *a, size_t size, ld_row_fn fn,
                    void *out_arr, int *out_n);

/*
 * Step st (its keys bound) once and read the row with fn into item; the
 * statement is reset. ERR_NOTFOUND when there is no row (item is then
 * untouched), ERR_DB / ERR_BUSY from the database. The one step every
 * single-row loader shares.
 */
enum err ld_one(struct db_stmt *st, struct arena *a, ld_row_fn fn, void *item);
/* ld_one of statement q with $1 bound to id: the loaders that get a thing by its id. */
enum err ld_one_id(struct db *db, enum q q, int64_t id, struct arena *a, ld_row_fn fn, void *item);

/*
 * One page of a list whose two statements take an integer filter as $1 (0:
 * all): q_count counts every row into *out_total, q_page ($2 limit, $3
 * offset) reads the page's rows with fn as ld_rows does.
 */
enum err ld_page(struct db *db, struct arena *a, enum q q_count, enum q q_page, int64_t filter,
                 const struct page *pg, size_t size, ld_row_fn fn, void *out_arr, int *out_n,
                 int64_t *out_total);

/* Row readers for one-column lists: column 0 as text ("" for NULL) into a
 * const char *, or as an integer into an int64_t (item). */
void ld_str_row(struct db_stmt *st, struct arena *a, void *item);
void ld_i64_row(struct db_stmt *st, struct arena *a, void *item);

#endif
