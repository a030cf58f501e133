/*
 * demo.h — the demonstration data set (samverka init --demo), built from
 * the real facts in docs/demo-facts.md and marked as demo content.
 */
#ifndef DOMAIN_DEMO_H
#define DOMAIN_DEMO_H

#include "db/db.h"

/* Insert the demo missions, goal trees, indicators with series, actors,
 * people, initiatives and teams. Runs inside the caller's transaction;
 * the reference data must be loaded. */
enum err demo_load(struct db *db);

/* After demo_load, in the same transaction: n generated actors, n/10 initiatives and
 * 10·n observations (domain/generate.c), for load tests and benchmarks. */
enum err demo_generate(struct db *db, long n);

#endif
