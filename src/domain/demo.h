/*
 * demo.h — the demonstration data set (samverka init --demo): the CSV files of
 * data/demo/, built from public facts and marked as demo content, loaded
 * through the create functions and the tidy-CSV import.
 */
#ifndef DOMAIN_DEMO_H
#define DOMAIN_DEMO_H

#include "core/embed.h"
#include "db/db.h"

/* Where a demo file is wrong (file as embedded, "data/demo/actors.csv"; line and column
 * 1-based, 0 when the problem is not in one place) and why. */
struct demo_error {
    const char *file;
    long line;
    int column;
    char msg[300];
};

/* Create the demo missions, goal trees, indicators with their series, actors, people,
 * initiatives and teams. Runs inside the caller's transaction (the caller rolls back on an
 * error); the reference data must be loaded. ERR_INVALID with *out_err filled for a bad
 * demo file; ERR_DB, ERR_BUSY. */
enum err demo_load(struct db *db, struct demo_error *out_err);
/* The same from another set of files (the tests' broken copies): the data/demo/ paths of
 * files, which ends with a NULL name. */
enum err demo_load_files(struct db *db, const struct embed_file *files, struct demo_error *out_err);

/* After demo_load, in the same transaction: n generated actors, n/10 initiatives and
 * 10·n observations (domain/generate.c), for load tests and benchmarks. */
enum err demo_generate(struct db *db, long n);

#endif
