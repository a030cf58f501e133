/*
 * fuzz.h — what the libFuzzer targets in fuzz/ share (fuzz/README.md).
 *
 * FUZZ_CHECK states an invariant: when it does not hold the target prints
 * why and aborts, so libFuzzer keeps the input as a crash. Sanitizer reports
 * (ASan, UBSan, LSan) end a run the same way. fuzz_demo_db() builds the
 * demonstration database in memory, once per process: no files to clean up,
 * and nothing the targets do can reach another run's database.
 */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "db/db.h"
#include "domain/demo.h"
#include "domain/refdata.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz: invariant failed at %s:%d: %s: ", __FILE__, __LINE__, #cond);   \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The program's own log lines would drown libFuzzer's; the invariants say what matters. */
static inline void
fuzz_quiet(void)
{
    log_threshold = (enum log_level)(LOG_ERROR + 1);
}

/* A NUL-terminated copy of exactly n bytes (so ASan sees a read past the end). */
static inline char *
fuzz_strndup(const uint8_t *data, size_t n)
{
    char *s = malloc(n + 1);

    if (s == NULL)
        abort();
    memcpy(s, data, n);
    s[n] = '\0';
    return s;
}

/* The demo database (reference data, missions, indicators with data) in memory. */
static inline struct db *
fuzz_demo_db(void)
{
    struct db_opts o = {.create = true, .sync_normal = true};
    struct demo_error de = {0};
    struct db *db;

    if (db_open(":memory:", &o, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK) {
        fprintf(stderr, "fuzz: cannot create the in-memory database\n");
        exit(1);
    }
    if (db_begin(db) != ERR_OK || refdata_load(db) != ERR_OK || demo_load(db, &de) != ERR_OK ||
        db_commit(db) != ERR_OK) {
        fprintf(stderr, "fuzz: cannot load the demo data: %s:%ld:%d: %s\n", de.file ? de.file : "",
                de.line, de.column, de.msg);
        exit(1);
    }
    return db;
}

#endif
