/*
 * fuzz_import.c — an indicator's data import (src/domain/import.c), tidy CSV
 * or JSON, through import_begin/import_feed/import_finish on the in-memory
 * demo database, as the API and the CLI run it.
 *
 * Input: one flag byte (bit 0: JSON, else CSV; bit 1: the indicator without
 * declared disaggregation columns, else one with; bits 2-7: feed in chunks of
 * that many bytes, 0 = at once), then the body. The invariants:
 *   - the import succeeds or says why: ERR_INVALID or ERR_LIMIT with a message
 *     (never a database error, never a crash);
 *   - all or nothing: after a refused import the indicator's export is byte for
 *     byte what it was, and its declared columns are unchanged;
 *   - after a successful one, the count it reports is the number of rows its
 *     CSV export holds, and export -> import -> export gives the same bytes in
 *     both formats.
 * The indicator's original data is then imported back (and the database
 * rebuilt when the import declared new columns), so every input starts from
 * the same state.
 */
#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/export.h"
#include "domain/import.h"
#include "domain/indicator.h"
#include "fuzz.h"

static struct db *db;
static int64_t ind_id[2]; /* [0] with declared columns, [1] without */
static char *original[2]; /* their CSV exports */

static int
n_dims(int64_t id)
{
    struct indicator ind;
    struct arena a;
    int n;

    arena_init(&a);
    FUZZ_CHECK(indicator_get(db, &a, id, &ind) == ERR_OK, "indicator %lld", (long long)id);
    n = ind.n_dimensions;
    arena_free(&a);
    return n;
}

static char *
export_str(int64_t id, enum import_format fmt)
{
    struct arena a;
    struct buf b;
    char *s;

    arena_init(&a);
    buf_init(&b, 64u << 20);
    FUZZ_CHECK(indicator_export(db, &a, id, fmt, &b) == ERR_OK, "export of %lld", (long long)id);
    s = strdup(b.data ? b.data : "");
    FUZZ_CHECK(s != NULL, "out of memory");
    buf_free(&b);
    arena_free(&a);
    return s;
}

static enum err
import_bytes(int64_t id, enum import_format fmt, const char *data, size_t len, size_t chunk,
             long *rows, struct tidy_error *e)
{
    struct import *im;
    size_t off = 0, k;
    enum err rc;

    rc = import_begin(db, id, fmt, "fuzz", 0, NULL, &im);
    FUZZ_CHECK(rc == ERR_OK, "import_begin: %s", err_str(rc));
    while (off < len) {
        k = chunk == 0 || len - off < chunk ? len - off : chunk;
        if (import_feed(im, data + off, k) != ERR_OK)
            break;
        off += k;
    }
    return import_finish(im, rows, e);
}

/* data rows of an export: line ends outside quoted cells (a value may hold a line break) */
static long
csv_rows(const char *csv)
{
    long n = 0;
    bool quoted = false;

    for (; *csv; csv++) {
        if (*csv == '"')
            quoted = !quoted; /* "" inside a quoted cell toggles twice */
        else if (*csv == '\n' && !quoted)
            n++;
    }
    return n > 0 ? n - 1 : 0;
}

/* export -> import -> export in one format gives the same bytes */
static void
round_trip(int64_t id, enum import_format fmt)
{
    struct tidy_error e;
    char *before, *after;
    long rows;
    enum err rc;

    before = export_str(id, fmt);
    rc = import_bytes(id, fmt, before, strlen(before), 0, &rows, &e);
    FUZZ_CHECK(rc == ERR_OK, "the %s export does not import back: %ld:%d %s",
               fmt == IMPORT_JSON ? "JSON" : "CSV", e.line, e.column, e.msg);
    after = export_str(id, fmt);
    FUZZ_CHECK(strcmp(before, after) == 0, "%s export -> import -> export differs",
               fmt == IMPORT_JSON ? "JSON" : "CSV");
    free(before);
    free(after);
}

static void
setup(void)
{
    struct arena a;
    struct indicator ind;
    int64_t id;
    int i;

    db = fuzz_demo_db();
    ind_id[0] = ind_id[1] = 0;
    for (id = 1; id < 1000 && (ind_id[0] == 0 || ind_id[1] == 0); id++) {
        arena_init(&a);
        if (indicator_get(db, &a, id, &ind) == ERR_OK) {
            i = ind.n_dimensions > 0 ? 0 : 1;
            if (ind_id[i] == 0)
                ind_id[i] = id;
        }
        arena_free(&a);
    }
    if (ind_id[0] == 0 || ind_id[1] == 0) {
        fprintf(stderr, "fuzz: the demo data lacks an indicator with and one without columns\n");
        exit(1);
    }
    for (i = 0; i < 2; i++) {
        free(original[i]);
        original[i] = export_str(ind_id[i], IMPORT_CSV);
    }
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    setup();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum import_format fmt;
    struct tidy_error e;
    int which, dims0;
    int64_t id;
    char *body, *now;
    long rows = -1;
    enum err rc;

    if (size < 1)
        return 0;
    fmt = data[0] & 1 ? IMPORT_JSON : IMPORT_CSV;
    which = (data[0] >> 1) & 1;
    id = ind_id[which];
    dims0 = n_dims(id);
    body = fuzz_strndup(data + 1, size - 1);

    rc = import_bytes(id, fmt, body, size - 1, data[0] >> 2, &rows, &e);
    FUZZ_CHECK(rc == ERR_OK || rc == ERR_INVALID || rc == ERR_LIMIT, "import: %s (%s)", err_str(rc),
               e.msg);
    if (rc != ERR_OK) {
        FUZZ_CHECK(e.msg[0] != '\0' && e.line >= 0 && e.column >= 0, "error %ld:%d \"%s\"", e.line,
                   e.column, e.msg);
        now = export_str(id, IMPORT_CSV);
        FUZZ_CHECK(strcmp(now, original[which]) == 0, "a refused import changed the data (%s)",
                   e.msg);
        FUZZ_CHECK(n_dims(id) == dims0, "a refused import changed the declared columns");
        free(now);
        free(body);
        return 0;
    }
    now = export_str(id, IMPORT_CSV);
    FUZZ_CHECK(rows == csv_rows(now), "%ld rows reported, %ld exported", rows, csv_rows(now));
    free(now);
    round_trip(id, IMPORT_CSV);
    round_trip(id, IMPORT_JSON);

    /* back to the original data, or a fresh database when columns were declared */
    if (n_dims(id) != dims0) {
        db_close(db);
        setup();
    } else {
        rc = import_bytes(id, IMPORT_CSV, original[which], strlen(original[which]), 0, &rows, &e);
        FUZZ_CHECK(rc == ERR_OK, "the original data does not import back: %s", e.msg);
        now = export_str(id, IMPORT_CSV);
        FUZZ_CHECK(strcmp(now, original[which]) == 0, "the original data did not come back");
        free(now);
    }
    free(body);
    return 0;
}
