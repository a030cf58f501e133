/*
 * test_import.c — src/domain/tidycsv.c (streaming tidy-CSV reader),
 * src/domain/import.c and src/domain/export.c against a real SQLite file:
 * every problem named with line and column, imports all or nothing,
 * export -> import -> export byte-identical (CSV and JSON), formula cells
 * neutralised, chunk boundaries anywhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "domain/demo.h"
#include "domain/export.h"
#include "domain/import.h"
#include "domain/model.h"
#include "domain/tidycsv.h"
#include "tap.h"

struct rows {
    int n;
    char last_disagg[256];
    char last_period[32];
    double sum;
};

static enum err
count_row(void *ctx, const struct tidy_header *h, const struct tidy_row *r, struct tidy_error *e)
{
    struct rows *c = ctx;

    (void)h;
    (void)e;
    c->n++;
    snprintf(c->last_disagg, sizeof(c->last_disagg), "%s", r->disagg);
    snprintf(c->last_period, sizeof(c->last_period), "%s", r->period);
    if (r->has_value)
        c->sum += r->value;
    return ERR_OK;
}

/* Feed `csv` in chunks of `step` bytes; returns the error, fills rows and err. */
static enum err
read_csv(const char *csv, size_t step, struct rows *rows, struct tidy_error *err)
{
    struct tidy_reader *t = tidy_new(NULL, count_row, rows, 0);
    size_t len = strlen(csv), off;
    enum err rc = ERR_OK;

    memset(rows, 0, sizeof(*rows));
    for (off = 0; off < len && rc == ERR_OK; off += step)
        rc = tidy_feed(t, csv + off, off + step > len ? len - off : step);
    if (rc == ERR_OK)
        rc = tidy_finish(t);
    *err = *tidy_error(t);
    tidy_free(t);
    return rc;
}

static void
test_reader(void)
{
    static const struct {
        const char *csv;
        enum err rc;
        long line;
        int column;
        const char *what;
    } bad[] = {
        {"", ERR_INVALID, 1, 0, "empty file"},
        {"Year,Value\n2015,abc\n", ERR_INVALID, 2, 2, "non-numeric value"},
        {"Year,Value\n2015,1\n20x5,2\n", ERR_INVALID, 3, 1, "bad year"},
        {"Year,Value\n2015,1,3\n", ERR_INVALID, 2, 0, "too many fields"},
        {"Year,Sex\n2015,F\n", ERR_INVALID, 1, 0, "no Value column"},
        {"Value,Sex\n1,F\n", ERR_INVALID, 1, 0, "no Year column"},
        {"Year,Sex,Sex,Value\n", ERR_INVALID, 1, 3, "repeated column"},
        {"Year,,Value\n", ERR_INVALID, 1, 2, "empty column name"},
        {"Year,Sex,Value\n2015,\xff,1\n", ERR_INVALID, 2, 2, "invalid UTF-8"},
        {"Year,Sex,Value\n2015,\xc0\xaf,1\n", ERR_INVALID, 2, 2, "overlong UTF-8"},
        {"Year,Note,Value\n2015,\"two\nlines\",1\n2016,x,y\n", ERR_INVALID, 4, 3,
         "line counted past a multi-line cell"},
        {"Year,Value\n2015,\"1\n", ERR_INVALID, 2, 0, "unterminated quote"},
        {"Year,Value\n2015,inf\n", ERR_INVALID, 2, 2, "infinity is not a number here"},
    };
    struct rows rows;
    struct tidy_error e;
    enum err rc;
    size_t i, step;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        rc = read_csv(bad[i].csv, 1 << 16, &rows, &e);
        ok(rc == bad[i].rc, "%s: refused (%s)", bad[i].what, e.msg);
        is_int(e.line, bad[i].line, "  line");
        if (bad[i].column > 0)
            is_int(e.column, bad[i].column, "  column");
    }
    /* chunk boundaries anywhere give the same result */
    for (step = 1; step <= 7; step++) {
        rc = read_csv("Year,Series,Sex,Age,Value\n2015-16,A,F,,1.5\n2016,A,,old,2\n2017,,,,\n",
                      step, &rows, &e);
        ok(rc == ERR_OK && rows.n == 3 && rows.sum == 3.5, "chunks of %zu bytes: 3 rows, sum 3.5",
           step);
    }
    is_str(rows.last_period, "2017", "period kept as written");
    read_csv("Year,Sex,Age,Value\n2015,F,old,1\n", 1 << 16, &rows, &e);
    is_str(rows.last_disagg,
           "Sex=F\x1f"
           "Age=old",
           "canonical disaggregation");
    rc = read_csv("\xef\xbb\xbfYear,Value\n2015,1\n", 1 << 16, &rows, &e);
    ok(rc == ERR_OK && rows.n == 1, "a UTF-8 byte-order mark is tolerated");
}

/* ------------------------------------------------------------ import/export */

static struct db *db;
static int64_t ind_id;

static enum err
import_str(const char *data, enum import_format fmt, long *rows, struct tidy_error *e)
{
    struct import *im;
    enum err rc;

    rc = import_begin(db, ind_id, fmt, "test", &im);
    if (rc)
        return rc;
    import_feed(im, data, strlen(data));
    return import_finish(im, rows, e);
}

static char *
export_str(enum import_format fmt)
{
    struct arena a;
    struct buf b;
    char *s;

    arena_init(&a);
    buf_init(&b, 0);
    if (indicator_export(db, &a, ind_id, fmt, &b) != ERR_OK)
        bail_out("export failed");
    s = strdup(b.data ? b.data : "");
    buf_free(&b);
    arena_free(&a);
    return s;
}

static void
test_import(void)
{
    char dir[] = "/tmp/samverka-test-XXXXXX", path[512];
    struct db_opts o = {.create = true};
    struct tidy_error e;
    struct db_stmt *st;
    long rows;
    bool row;
    char *csv1, *csv2, *json1, *json2;
    enum err rc;

    if (mkdtemp(dir) == NULL)
        bail_out("mkdtemp");
    snprintf(path, sizeof(path), "%s/t.db", dir);
    if (db_open(path, &o, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK)
        bail_out("cannot create a database");
    if (db_begin(db) || refdata_load(db) || demo_load(db) || db_commit(db))
        bail_out("cannot load the demo data");
    /* an indicator without declared disaggregation columns: the file's become its own */
    st = db_stmt(db, Q_INDICATOR_PAGE);
    db_bind_i64(st, 1, 0);
    db_bind_i64(st, 2, 100);
    db_bind_i64(st, 3, 0);
    while (db_step(st, &row) == ERR_OK && row) {
        struct arena a;
        struct indicator ind;

        arena_init(&a);
        if (ind_id == 0 && indicator_get(db, &a, db_i64(st, 0), &ind) == ERR_OK &&
            ind.n_dimensions == 0)
            ind_id = ind.id;
        arena_free(&a);
    }
    db_done(st);
    ok(ind_id > 0, "an indicator without disaggregation columns to import into");

    rc = import_str("Year,Series,Place,Value\n2015,A,,10\n2016-17,A,Umeå,5.5\n2018,=1+1,,7\n"
                    "2019,A,,\n2020,-x,@y,0.1\n",
                    IMPORT_CSV, &rows, &e);
    ok(rc == ERR_OK, "a valid file imports (%s)", e.msg);
    is_int(rows, 4, "4 rows stored, the empty value skipped");
    csv1 = export_str(IMPORT_CSV);
    ok(strstr(csv1, "'=1+1") != NULL && strstr(csv1, "'-x") != NULL && strstr(csv1, "'@y") != NULL,
       "formula-like text cells are neutralised");
    ok(strstr(csv1, "2016-17,A,Umeå,5.5\n") != NULL, "periods and UTF-8 kept");
    ok(strstr(csv1, ",10\n") != NULL, "10 is written as 10");

    /* round trips */
    rc = import_str(csv1, IMPORT_CSV, &rows, &e);
    csv2 = export_str(IMPORT_CSV);
    ok(rc == ERR_OK && strcmp(csv1, csv2) == 0, "CSV export -> import -> export is identical");
    json1 = export_str(IMPORT_JSON);
    rc = import_str(json1, IMPORT_JSON, &rows, &e);
    json2 = export_str(IMPORT_JSON);
    ok(rc == ERR_OK && strcmp(json1, json2) == 0, "JSON export -> import -> export is identical");
    free(csv2);
    csv2 = export_str(IMPORT_CSV);
    is_str(csv2, csv1, "JSON round trip leaves the CSV export unchanged");

    /* all or nothing: a bad last row changes nothing */
    rc = import_str("Year,Series,Place,Value\n2001,A,,1\n2002,A,,2\n2003,A,,oops\n", IMPORT_CSV,
                    &rows, &e);
    ok(rc == ERR_INVALID && e.line == 4 && e.column == 4, "bad row at line 4 column 4 (%ld:%d)",
       e.line, e.column);
    free(csv2);
    csv2 = export_str(IMPORT_CSV);
    is_str(csv2, csv1, "nothing changed after a failed import");
    rc = import_str("Year,Series,Place,Value\n2001,A,,1\n2001,A,,2\n", IMPORT_CSV, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 3, "two values for one year of one series: line 3");
    rc = import_str("Year,Series,Age,Value\n2001,A,5,1\n", IMPORT_CSV, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 1 && e.column == 3, "an unknown column is named (%s)", e.msg);
    rc = import_str("Year,Progress,Value\n2001,1,1\n", IMPORT_CSV, &rows, &e);
    ok(rc == ERR_INVALID, "a Progress column is refused");
    rc = import_str("[{\"Year\": 2001, \"Value\": \"x\"}]", IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 1, "JSON: a string value is refused in record 1");
    rc = import_str("[{\"Year\": 2001, \"Value\": 1}", IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID && e.line >= 1, "JSON: a syntax error is placed (%ld:%d %s)", e.line,
       e.column, e.msg);
    rc = import_str("", IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID, "JSON: an empty body is refused");
    free(csv2);
    csv2 = export_str(IMPORT_CSV);
    is_str(csv2, csv1, "still unchanged after every refused import");

    free(csv1);
    free(csv2);
    free(json1);
    free(json2);
    db_close(db);
    snprintf(path, sizeof(path), "%s/t.db", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/t.db-wal", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/t.db-shm", dir);
    unlink(path);
    rmdir(dir);
}

int
main(void)
{
    test_reader();
    test_import();
    return done_testing();
}
