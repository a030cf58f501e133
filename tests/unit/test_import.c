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
#include "domain/audit.h"
#include "domain/demo.h"
#include "domain/export.h"
#include "domain/import.h"
#include "domain/indicator.h"
#include "domain/refdata.h"
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
        {"Year,Value\n2015,1e19\n", ERR_INVALID, 2, 2, "1e19 is out of range"},
        {"Year,Value\n2015,-1.7e308\n", ERR_INVALID, 2, 2, "-1.7e308 is out of range"},
        {"Year,Value\n2015,1000000000000001\n", ERR_INVALID, 2, 2,
         "just over 1e15 is out of range"},
        {"Year,Sex,Value\n2015,a\x1f"
         "b,1\n",
         ERR_INVALID, 2, 2, "0x1F in a value"},
        {"Year,Sex,Value\n2015,a,1\n2016,\x1b[1m,1\n", ERR_INVALID, 3, 2, "ESC in a value"},
        {"Year,Sex,Value\n2015,\xc2\x85,1\n", ERR_INVALID, 2, 2, "C1 NEL in a value"},
        {"Year,Sex,Value\n2015,\"a\0b\",1\n", ERR_INVALID, 2, 2, "NUL in a value"},
        {"Year,S\x1f"
         "ex,Value\n",
         ERR_INVALID, 1, 2, "0x1F in a column name"},
        {"Year,Sex=F,Value\n", ERR_INVALID, 1, 2, "= in a column name"},
        {"Year,Sex,@cmd,Value\n", ERR_INVALID, 1, 3, "a column name starting with @"},
        {"Year,-Sex,Value\n", ERR_INVALID, 1, 2, "a column name starting with -"},
        {"Year,Value\n2015-000000000000000000000000000000000000000000000000000000000001,1\n",
         ERR_INVALID, 2, 1, "a 65-byte Year"},
        {"Year,Value\n2015,1.00000000000000000000000000000000000000000000000000000000000000000\n",
         ERR_INVALID, 2, 2, "a 67-byte Value"},
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
    rc = read_csv("Year,Note,Value\n2015,\"tab\there\r\nand there\",1e15\n2016,,-1e15\n", 1 << 16,
                  &rows, &e);
    ok(rc == ERR_OK && rows.n == 2, "TAB, CR and LF in a quoted value and +-1e15 are accepted");
}

/* A field over its maximum is refused while libcsv still gathers it: memory stays bounded
 * (and the message names the field, the same as for a JSON record). */
static void
test_reader_limits(void)
{
    struct rows rows;
    struct tidy_error e;
    struct buf b;
    enum err rc;
    size_t i, step;
    int k;

    buf_init(&b, 0);
    buf_adds(&b, "Year,Sex,Value\n2015,");
    for (i = 0; i < 1024; i++)
        buf_addc(&b, 'a');
    buf_adds(&b, ",1\n");
    rc = read_csv(b.data, 1 << 16, &rows, &e);
    ok(rc == ERR_OK && rows.n == 1, "a 1024-byte value is accepted");
    buf_reset(&b);
    buf_adds(&b, "Year,Sex,Value\n2015,\"");
    for (i = 0; i < 3u << 20; i++)
        buf_addc(&b, 'a');
    rc = read_csv(b.data, 1 << 16, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 2 && e.column == 2, "a 3 MiB unterminated field: 2:2 (%s)",
       e.msg);
    is_str(e.field, "Sex", "  the field is named");
    is_str(e.msg, "Sex is longer than 1024 bytes", "  the message");
    buf_reset(&b);
    buf_adds(&b, "Year,");
    for (i = 0; i < 2000; i++)
        buf_addc(&b, 'n');
    buf_adds(&b, ",Value\n");
    rc = read_csv(b.data, 7, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 1 && e.column == 2, "a 2000-byte column name: 1:2 (%s)",
       e.msg);
    buf_reset(&b);
    buf_adds(&b, "Year,Series,Units,Sex,Value\n2015,");
    for (i = 0; i < 1000; i++)
        buf_addc(&b, 's');
    buf_addc(&b, ',');
    for (i = 0; i < 1000; i++)
        buf_addc(&b, 'u');
    buf_adds(&b, ",FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF,1\n");
    rc = read_csv(b.data, 1 << 16, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 2 && strstr(e.msg, "2048") != NULL,
       "Series, Units and disaggregation over 2048 bytes together (%s)", e.msg);

    /* the same error however the input is cut (found by fuzz_tidycsv): a syntax error inside
     * a long field comes before the field's length, a long field past the header's columns
     * says so */
    for (k = 0; k < 2; k++) {
        char want[sizeof(e.msg)] = "";
        long want_line = 0;
        int want_col = 0;

        buf_reset(&b);
        buf_adds(&b, "Year,Value\n2015,1\n2016,2,");
        for (i = 0; i < 1100; i++)
            buf_addc(&b, k == 0 && i == 1010 ? '"' : 'x');
        buf_adds(&b, "\n");
        for (step = 1; step <= 1 << 16; step = step < 64 ? step + 9 : step << 4) {
            rc = read_csv(b.data, step, &rows, &e);
            if (step == 1) {
                snprintf(want, sizeof(want), "%s", e.msg);
                want_line = e.line;
                want_col = e.column;
                ok(rc == ERR_INVALID && e.line == 3 && e.column == 3 &&
                       strstr(e.msg, k == 0 ? "malformed" : "field 3 is longer") != NULL,
                   "%s: 3:3 (%s)", k == 0 ? "a quote inside a long field" : "a long third field",
                   e.msg);
            } else if (e.line != want_line || e.column != want_col || strcmp(e.msg, want) != 0) {
                break;
            }
        }
        ok(step > 1 << 16, "  the same in chunks of 1 to 65536 bytes (differs at %zu)", step);
    }
    buf_free(&b);
}

/* ------------------------------------------------------------ the JSON record scanner */

struct scanned {
    int n;
    char recs[8][128];
    int n_members[8];
    long line[8];
    int col[8];
    char value1[8][32]; /* the second member's value as written */
    long v1_line[8];
    int v1_col[8];
};

static enum err
keep_record(void *ctx, const struct import_scan *s, struct tidy_error *e)
{
    struct scanned *sc = ctx;
    int i = sc->n++;

    (void)e;
    if (i >= 8)
        return ERR_OK;
    snprintf(sc->recs[i], sizeof(sc->recs[i]), "%.*s", (int)s->rec.len, s->rec.data);
    sc->n_members[i] = s->n_members;
    sc->line[i] = s->rec_line;
    sc->col[i] = s->rec_col;
    if (s->n_members > 1) {
        snprintf(sc->value1[i], sizeof(sc->value1[i]), "%.*s", (int)s->m[1].len,
                 s->rec.data + s->m[1].off);
        sc->v1_line[i] = s->m[1].line;
        sc->v1_col[i] = s->m[1].col;
    }
    return ERR_OK;
}

static enum err
scan_str(const char *body, size_t step, struct scanned *sc, struct tidy_error *e)
{
    struct import_scan s;
    size_t len = strlen(body), off;
    enum err rc = ERR_OK;

    memset(sc, 0, sizeof(*sc));
    memset(e, 0, sizeof(*e));
    import_scan_init(&s);
    for (off = 0; off < len && rc == ERR_OK; off += step)
        rc = import_scan_feed(&s, body + off, off + step > len ? len - off : step, keep_record, sc,
                              e);
    if (rc == ERR_OK)
        rc = import_scan_finish(&s, e);
    import_scan_free(&s);
    return rc;
}

static void
test_scanner(void)
{
    static const char body[] = " [ {\"Year\": \"2015\", \"Sex\": \"a}\\\"{[\" },\n"
                               "  {\"Year\":2016,\"Value\" : -1.5e3 } ,{\"Å\":1,\"Value\":null}]\n";
    static const struct {
        const char *body;
        enum err rc;
        long line;
        int column;
        const char *msg;
    } bad[] = {
        {"", ERR_INVALID, 1, 0, "empty file"},
        {"  \n ", ERR_INVALID, 1, 0, "empty file"},
        {"{}", ERR_INVALID, 1, 1, "expected an array of records"},
        {"[1]", ERR_INVALID, 1, 2, "record 1 is not an object"},
        {"[{\"a\":1},\n 2]", ERR_INVALID, 2, 2, "record 2 is not an object"},
        {"[{\"a\":1},]", ERR_INVALID, 1, 10, "record 2 is not an object"},
        {"[{\"a\":1}{\"b\":2}]", ERR_INVALID, 1, 9, "expected \",\" or \"]\" after record 1"},
        {"[{\"a\":1}] x", ERR_INVALID, 1, 11, "data after the array of records"},
        {"[{\"a\":1}", ERR_INVALID, 1, 8, "the array of records is not closed"},
        {"[{\"a\":\"}", ERR_INVALID, 1, 2, "record 1 is not complete"},
        {"[{\"Year\":\"2015\",\n \"Sex\": [1]}]", ERR_INVALID, 2, 9,
         "Sex must be a string, a number or null"},
        {"[{:{\"a\":1}}]", ERR_INVALID, 1, 4, "record 1: a value must be"}, /* fuzz_import */
        {"[{\"Sex\": {\"a\":1}}]", ERR_INVALID, 1, 10, "Sex must be a string, a number or null"},
    };
    struct scanned sc;
    struct tidy_error e;
    struct buf b;
    enum err rc;
    size_t step, i;

    for (step = 1; step <= 9; step += 2) {
        rc = scan_str(body, step, &sc, &e);
        ok(rc == ERR_OK && sc.n == 3, "scanner, chunks of %zu bytes: 3 records (%s)", step, e.msg);
        is_str(sc.recs[0], "{\"Year\": \"2015\", \"Sex\": \"a}\\\"{[\" }",
               "  record 1 whole: braces and an escaped quote inside a string");
        is_str(sc.value1[0], "\"a}\\\"{[\"", "  its second value as written");
        ok(sc.line[1] == 2 && sc.col[1] == 3 && sc.n_members[1] == 2, "  record 2 starts at 2:3");
        is_str(sc.value1[1], "-1.5e3", "  its Value as written, spaces around it left out");
        ok(sc.v1_line[1] == 2 && sc.v1_col[1] == 26, "  at 2:26 (%ld:%d)", sc.v1_line[1],
           sc.v1_col[1]);
        ok(sc.col[2] == 36 && sc.v1_col[2] == 51, "  columns count characters, not bytes (%d, %d)",
           sc.col[2], sc.v1_col[2]);
    }
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        rc = scan_str(bad[i].body, 3, &sc, &e);
        ok(rc == bad[i].rc && e.line == bad[i].line && e.column == bad[i].column &&
               strstr(e.msg, bad[i].msg) != NULL,
           "scanner refuses %s at %ld:%d (%ld:%d %s)", bad[i].msg, bad[i].line, bad[i].column,
           e.line, e.column, e.msg);
    }
    is_str(e.field, "Sex", "  a nested value names its field");

    /* bounds: members per record and bytes per record */
    buf_init(&b, 0);
    buf_addc(&b, '[');
    buf_addc(&b, '{');
    for (i = 0; i < TIDY_MAX_COLUMNS + 1; i++)
        buf_printf(&b, "%s\"c%zu\":1", i ? "," : "", i);
    buf_adds(&b, "}]");
    rc = scan_str(b.data, 64, &sc, &e);
    ok(rc == ERR_LIMIT && strstr(e.msg, "more than 64 fields") != NULL, "65 members: %s", e.msg);
    buf_reset(&b);
    buf_adds(&b, "[{\"Year\":\"2015\"},\n {\"Sex\":\"");
    for (i = 0; i < (size_t)IMPORT_MAX_RECORD; i++)
        buf_addc(&b, 'a');
    buf_adds(&b, "\"}]");
    rc = scan_str(b.data, 4096, &sc, &e);
    ok(rc == ERR_INVALID && e.line == 2 && e.column == 2 && sc.n == 1 &&
           strstr(e.msg, "record 2 is longer than") != NULL,
       "a record over IMPORT_MAX_RECORD is refused where it starts (%ld:%d %s)", e.line, e.column,
       e.msg);
    buf_free(&b);
}

/* ------------------------------------------------------------ import/export */

static struct db *db;
static int64_t ind_id;

static enum err
import_opts_str(const char *data, enum import_format fmt, const struct import_opts *opts,
                struct import_result *r, struct tidy_error *e)
{
    struct import *im;
    enum err rc;

    rc = import_begin(db, ind_id, fmt, "test", 0, opts, &im);
    if (rc)
        return rc;
    import_feed(im, data, strlen(data));
    return import_finish_result(im, r, e);
}

static enum err
import_str(const char *data, enum import_format fmt, long *rows, struct tidy_error *e)
{
    struct import_result r;
    enum err rc;

    rc = import_opts_str(data, fmt, NULL, &r, e);
    *rows = r.rows;
    return rc;
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

/* The source and note of the observation of `year` ("" each when there is none). */
static void
source_note(int year, char *source, char *note, size_t size)
{
    struct observation *obs;
    struct arena a;
    int n, i;

    arena_init(&a);
    *source = *note = '\0';
    if (indicator_observations(db, &a, ind_id, &obs, &n) != ERR_OK)
        bail_out("cannot read the observations");
    for (i = 0; i < n; i++)
        if (obs[i].year == year) {
            snprintf(source, size, "%s", obs[i].source);
            snprintf(note, size, "%s", obs[i].note);
        }
    arena_free(&a);
}

/* Source and Note: each value's own, stored with it and exported, never a disaggregation. */
static void
test_source_note(const char *before)
{
    char source[64], note[64], *csv1, *csv2, *json1, *json2;
    struct tidy_error e;
    long rows;
    enum err rc;

    rc = import_str("Year,Place,Source,Note,Value\n2015,,SCB,,1\n2016,Umeå,=calc,\"two\nlines\",2\n"
                    "2017,,,,3\n",
                    IMPORT_CSV, &rows, &e);
    ok(rc == ERR_OK && rows == 3, "Source and Note columns import (%s)", e.msg);
    source_note(2015, source, note, sizeof(source));
    ok(strcmp(source, "SCB") == 0 && strcmp(note, "") == 0, "2015: source SCB, no note");
    source_note(2016, source, note, sizeof(source));
    ok(strcmp(source, "=calc") == 0 && strcmp(note, "two\nlines") == 0,
       "2016: the source and the two-line note as written");
    csv1 = export_str(IMPORT_CSV);
    ok(strncmp(csv1, "Year,Place,Source,Note,Value\n", strlen("Year,Place,Source,Note,Value\n")) ==
           0,
       "the export writes Source and Note after the disaggregation, before Value");
    ok(strstr(csv1, "2016,Umeå,'=calc,\"two\nlines\",2\n") != NULL,
       "a formula-like source is neutralised, a note with a line break quoted");
    ok(strstr(csv1, "2017,,,,3\n") != NULL, "a value without source or note has empty cells");
    rc = import_str(csv1, IMPORT_CSV, &rows, &e);
    csv2 = export_str(IMPORT_CSV);
    ok(rc == ERR_OK && strcmp(csv1, csv2) == 0,
       "CSV export -> import -> export keeps sources and notes");
    json1 = export_str(IMPORT_JSON);
    ok(strstr(json1, "\"Source\":\"SCB\"") != NULL &&
           strstr(json1, "\"Note\":\"two\\nlines\"") != NULL,
       "the JSON export has Source and Note");
    rc = import_str(json1, IMPORT_JSON, &rows, &e);
    json2 = export_str(IMPORT_JSON);
    ok(rc == ERR_OK && strcmp(json1, json2) == 0,
       "JSON export -> import -> export keeps sources and notes");
    free(csv2);
    csv2 = export_str(IMPORT_CSV);
    is_str(csv2, csv1, "the JSON round trip leaves the CSV export unchanged");

    rc = import_str("[{\"Year\": 2001, \"Note\": 5, \"Value\": 1}]", IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 1 && e.column == 25 && strcmp(e.field, "Note") == 0,
       "JSON: a Note that is not text is refused at its place (%ld:%d %s)", e.line, e.column,
       e.msg);
    rc = import_str("Year,Source,Value\n2001,\"a\x1b\",1\n", IMPORT_CSV, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 2 && e.column == 2 && strcmp(e.field, "Source") == 0,
       "a control character in a Source is refused, naming it (%ld:%d %s)", e.line, e.column,
       e.msg);
    free(csv2);
    csv2 = export_str(IMPORT_CSV);
    is_str(csv2, csv1, "unchanged after the refused imports");
    rc = import_str("[{\"Year\": 2001, \"Source\": null, \"Value\": 1}]", IMPORT_JSON, &rows, &e);
    source_note(2001, source, note, sizeof(source));
    ok(rc == ERR_OK && *source == '\0', "JSON: a null Source is no source");

    /* the indicator is as it was for the tests after this one */
    rc = import_str(before, IMPORT_CSV, &rows, &e);
    free(csv2);
    csv2 = export_str(IMPORT_CSV);
    ok(rc == ERR_OK && strcmp(csv2, before) == 0, "Source and Note declared no disaggregation");
    free(csv1);
    free(csv2);
    free(json1);
    free(json2);
}

/* The staging decisions (issue 11): periods as keys, duplicates, conflicts, modes,
 * provenance, empty files; each with what a user reads. */
/* An imported value's audit entry names its key as the form's entries do (observation.c):
 * the period, Series, Units and each breakdown cell, spaces between. */
static void
audit_detail_of_key(void)
{
    struct page pg = {.limit = 1, .offset = 0};
    struct audit_entry *ae;
    struct import_result r;
    struct tidy_error e;
    struct arena a;
    int64_t total;
    int n = 0;
    enum err rc;

    rc = import_opts_str("Year,Series,Units,Kön,Ålder,Value\n2013 Q1,S,U,Flickor,15,1\n",
                         IMPORT_CSV, NULL, &r, &e);
    arena_init(&a);
    ok(rc == ERR_OK &&
           audit_history(db, &a, "observation", ind_id, 0, &pg, &ae, &n, &total) == ERR_OK &&
           n == 1 && strcmp(ae[0].action, "create") == 0 &&
           strcmp(ae[0].detail, "2013 Q1 Series=S Units=U Kön=Flickor Ålder=15") == 0,
       "an imported value's audit entry names its key (%s)", n == 1 ? ae[0].detail : e.msg);
    arena_free(&a);
}

static void
test_staging(void)
{
    struct import_opts merge = {.mode = IMPORT_MERGE}, empty = {.allow_empty = true};
    char *before, *after;
    struct import_result r;
    struct tidy_error e;
    enum err rc;
    long rows = 0;

    rc = import_opts_str("Year,Value\n2013 Q1,1\n2013 Q2,2\n2013 Q1,1\n", IMPORT_CSV, NULL, &r, &e);
    ok(rc == ERR_OK && r.rows == 2, "two quarters of one year are two observations (%s)", e.msg);
    ok(r.n_notices >= 1 && r.notices[0].line == 4 &&
           strcmp(r.notices[0].msg, "line 4 repeats line 2 exactly; kept once") == 0,
       "an exact repeat is kept once, with a notice on its line (%s)",
       r.n_notices ? r.notices[0].msg : "");
    before = export_str(IMPORT_CSV);
    is_str(before, "Year,Value\n2013 Q1,1\n2013 Q2,2\n", "  exported in period order");
    rc =
        import_opts_str("Year,Value\n2013 Q2,4.1\n2014,1\n2013 Q2,4.2\n", IMPORT_CSV, NULL, &r, &e);
    ok(rc == ERR_INVALID && e.line == 4 && e.column == 1,
       "two values for one key: refused at the "
       "second (%ld:%d)",
       e.line, e.column);
    is_str(e.msg, "lines 2 and 4 give two values for 2013 Q2 in one series: 4.1 and 4.2",
           "  the message names both lines and both values");
    rc =
        import_opts_str("Year,Source,Value\n2013 Q2,SCB,2\n2013 Q2,,2\n", IMPORT_CSV, NULL, &r, &e);
    ok(rc == ERR_INVALID && strstr(e.msg, "lines 2 and 3 give 2013 Q2 in one series twice") != NULL,
       "the same value with another source is a conflict too (%s)", e.msg);
    /* JSON: records, not lines, name the rows (a file may hold them all on one line; found by
     * fuzz_import: two records of one key on one line were a database conflict, "conflict") */
    rc = import_opts_str("[{\"Year\":2024,\"Value\":61},{\"Year\":2024,\"Value\":45.5}]",
                         IMPORT_JSON, NULL, &r, &e);
    ok(rc == ERR_INVALID && e.line == 1 && e.column == 27,
       "JSON: two values for one key on one line: refused at the second record (%s, %ld:%d)",
       err_str(rc), e.line, e.column);
    is_str(e.msg, "records 1 and 2 give two values for 2024 in one series: 61 and 45.5",
           "  the message names both records and both values");
    rc = import_opts_str("[{\"Year\":2024,\"Value\":1},\n{\"Year\":2024,\"Source\":\"SCB\","
                         "\"Value\":1}]",
                         IMPORT_JSON, NULL, &r, &e);
    ok(rc == ERR_INVALID && e.line == 2 && e.column == 1 &&
           strstr(e.msg, "records 1 and 2 give 2024 in one series twice") != NULL,
       "JSON: the same value with another source, on two lines: refused at the second (%ld:%d %s)",
       e.line, e.column, e.msg);
    after = export_str(IMPORT_CSV);
    is_str(after, before, "  nothing changed after the refusals");
    free(after);
    rc = import_opts_str("[{\"Year\":\"2013\",\"Value\":1}, {\"Year\":2014,\"Value\":2}, "
                         "{\"Year\":2013,\"Value\":1}]",
                         IMPORT_JSON, NULL, &r, &e);
    ok(rc == ERR_OK && r.rows == 2 && r.n_notices >= 1 && r.notices[0].line == 1 &&
           r.notices[0].column == 54 &&
           strcmp(r.notices[0].msg, "record 3 repeats record 1 exactly; kept once") == 0,
       "JSON: an exact repeat on the same line is kept once, with a notice at its record (%s, "
       "%s)",
       err_str(rc), r.n_notices ? r.notices[0].msg : e.msg);
    rc = import_str(before, IMPORT_CSV, &rows, &e);
    ok(rc == ERR_OK, "  the CSV of before imported again (%s)", e.msg);

    rc = import_opts_str("Year,Source,Note,Value\n2013 Q1,SCB,n1,1\n2013 Q2,SCB,n2,2\n", IMPORT_CSV,
                         NULL, &r, &e);
    ok(rc == ERR_OK && r.changed == 2 && r.inserted == 0 && r.unchanged == 0,
       "sources and notes added: 2 changed (%ld/%ld/%ld)", r.inserted, r.changed, r.unchanged);
    rc = import_opts_str("Year,Value\n2013 Q1,1\n2013 Q2,3\n2013 Q3,4\n", IMPORT_CSV, NULL, &r, &e);
    ok(rc == ERR_OK && r.inserted == 1 && r.changed == 1 && r.unchanged == 1 && r.removed == 0,
       "a file without Source and Note: counts 1 inserted, 1 changed, 1 unchanged (%ld/%ld/%ld)",
       r.inserted, r.changed, r.unchanged);
    rc = import_opts_str("[{\"Year\": \"2013 Q1\", \"Value\": 1}]", IMPORT_JSON, &merge, &r, &e);
    ok(rc == ERR_OK && r.unchanged == 1 && r.removed == 0, "a JSON merge of an unchanged value");
    free(before);
    before = export_str(IMPORT_CSV);
    ok(strstr(before, "2013 Q1,SCB,n1,1\n") != NULL && strstr(before, "2013 Q2,,,3\n") != NULL,
       "the unchanged value kept its source and note, the changed one has none");
    rc = import_opts_str("Year,Source,Value\n2013 Q1,,1\n", IMPORT_CSV, &merge, &r, &e);
    free(before);
    before = export_str(IMPORT_CSV);
    ok(rc == ERR_OK && r.changed == 1 && strstr(before, "Year,Note,Value\n2013 Q1,n1,1\n") != NULL,
       "an empty cell in a present Source column clears the source, the note stays");
    rc = import_opts_str("Year,Value\n2020,7\n", IMPORT_CSV, &merge, &r, &e);
    ok(rc == ERR_OK && r.inserted == 1 && r.removed == 0, "a merge removes nothing");
    rc = import_opts_str("Year,Value\n", IMPORT_CSV, NULL, &r, &e);
    ok(rc == ERR_INVALID && strstr(e.msg, "would remove all 4 observations") != NULL,
       "a header-only file is refused, with how many would go (%s)", e.msg);
    rc = import_opts_str("[]", IMPORT_JSON, &merge, &r, &e);
    ok(rc == ERR_INVALID, "an empty JSON array is refused too (%s)", e.msg);
    rc = import_opts_str("Year,Value\n", IMPORT_CSV, &empty, &r, &e);
    ok(rc == ERR_OK && r.removed == 4 && r.n_notices >= 1 &&
           strcmp(r.notices[0].msg, "removed all 4 observations") == 0,
       "allowed, it removes them all and says how many (%s)", r.n_notices ? r.notices[0].msg : "");
    free(before);
    audit_detail_of_key();
}

/* import_begin_in: inside the caller's transaction, which it neither commits nor ends. */
static void
test_in_transaction(void)
{
    struct import *im;
    struct tidy_error e;
    char *before, *after;
    long rows;
    enum err rc;

    before = export_str(IMPORT_CSV);
    if (db_begin(db) != ERR_OK)
        bail_out("cannot begin");
    rc = import_begin_in(db, ind_id, IMPORT_CSV, "test", 0, NULL, &im);
    if (rc == ERR_OK) {
        import_feed(im, "Year,Value\n1999,1\n", 18);
        rc = import_finish(im, &rows, &e);
    }
    ok(rc == ERR_OK && rows == 1, "an import inside the caller's transaction (%s)", e.msg);
    after = export_str(IMPORT_CSV);
    is_str(after, "Year,Value\n1999,1\n",
           "  the transaction sees the new rows, and the file's columns (a replace)");
    db_rollback(db);
    free(after);
    after = export_str(IMPORT_CSV);
    is_str(after, before, "  the caller's rollback takes them away: the import did not commit");
    free(before);
    free(after);
}

/* JSON records: a Year is read as the CSV reader reads it (period_parse), label kept. */
static void
test_json_periods(void)
{
    struct tidy_error e;
    char *csv;
    long rows;
    enum err rc;

    rc = import_str("[{\"Year\": \"17 May to 11 June 2023\", \"Value\": 1250},\n"
                    " {\"Year\": 2022, \"Value\": 1190}]",
                    IMPORT_JSON, &rows, &e);
    ok(rc == ERR_OK && rows == 2, "JSON: a Year that is a date range imports (%s)", e.msg);
    csv = export_str(IMPORT_CSV);
    ok(strstr(csv, "\n17 May to 11 June 2023,") != NULL && strstr(csv, ",1250\n") != NULL,
       "  with its label as published");
    free(csv);
    rc = import_str("[{\"Year\": 2021, \"Value\": 1},\n {\"Value\": 2, \"Year\": \"n/a\"}]",
                    IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 2 && e.column == 23 && strcmp(e.field, "Year") == 0,
       "JSON: a Year with no year is refused at its place (%ld:%d)", e.line, e.column);
    ok(strncmp(e.msg, "Year \"n/a\" names no year (such as", 33) == 0, "  saying why: %s", e.msg);
    /* periods are exported as written, never guarded: JSON refuses a formula as CSV does */
    rc = import_str("[{\"Year\": \"=HYPERLINK(2015)\", \"Value\": 1}]", IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID && strcmp(e.field, "Year") == 0 &&
           strcmp(e.msg, "Year \"=HYPERLINK(2015)\" " TIDY_FORMULA_PERIOD) == 0,
       "JSON: a Year a spreadsheet would run is refused (%s)", e.msg);
}

/* JSON records: Open SDG's attribute members are no breakdowns, in any record. */
static void
test_json_attributes(void)
{
    struct tidy_error e;
    struct indicator ind;
    struct arena a;
    long rows;
    int i, attr_dims = 0;
    enum err rc;

    rc = import_str("[{\"Year\": 2020, \"Value\": 1, \"Unit multiplier\": \"Thousands\"},\n"
                    " {\"Year\": 2021, \"Value\": 2, \"COMMENT_OBS\": \"provisional\", "
                    "\"Observation status\": null}]",
                    IMPORT_JSON, &rows, &e);
    ok(rc == ERR_OK && rows == 2,
       "JSON: attribute members import in any record, not as unknown columns (%s)", e.msg);
    rc = import_str("[{\"Year\": 2020, \"Value\": 1, \"Unit measure\": \"Tonnes\"},\n"
                    " {\"Year\": 2020, \"Value\": 2, \"Unit measure\": \"Tonnes per capita\"}]",
                    IMPORT_JSON, &rows, &e);
    ok(rc == ERR_OK && rows == 2,
       "JSON: a Unit measure is a record's unit when it has no Units: two series (%s)", e.msg);
    arena_init(&a);
    ok(indicator_get(db, &a, ind_id, &ind) == ERR_OK, "  the indicator reads");
    for (i = 0; i < ind.n_dimensions; i++)
        if (tidy_is_attribute(ind.dimensions[i]))
            attr_dims++;
    ok(attr_dims == 0, "  and declare no breakdown column of the indicator (%d)", attr_dims);
    arena_free(&a);
}

/* Attributes and Progress are exported beside the value, and read back as they were. */
static void
test_export_attributes(void)
{
    struct tidy_error e;
    char *csv1, *csv2, *json1, *json2;
    long rows;
    enum err rc;

    rc = import_str("Year,COMMENT_OBS,Sex,Observation status,Value,Progress\n"
                    "2015,provisional,,E,1.5,1.4\n2016,,F,,2,\n",
                    IMPORT_CSV, &rows, &e);
    ok(rc == ERR_OK && rows == 2, "a file with attributes and Progress imports (%s)", e.msg);
    csv1 = export_str(IMPORT_CSV);
    is_str(csv1,
           "Year,Sex,Observation status,COMMENT_OBS,Progress,Value\n2015,,E,provisional,1.4,1.5\n"
           "2016,F,,,,2\n",
           "  the export has the attribute columns after the breakdowns, Progress before Value");
    rc = import_str(csv1, IMPORT_CSV, &rows, &e);
    csv2 = export_str(IMPORT_CSV);
    ok(rc == ERR_OK && strcmp(csv1, csv2) == 0, "  CSV export -> import -> export is identical");
    json1 = export_str(IMPORT_JSON);
    ok(strstr(json1, "\"Observation status\":\"E\",\"COMMENT_OBS\":\"provisional\","
                     "\"Progress\":1.4,\"Value\":1.5") != NULL,
       "  the JSON export has them too: %s", json1);
    rc = import_str(json1, IMPORT_JSON, &rows, &e);
    json2 = export_str(IMPORT_JSON);
    ok(rc == ERR_OK && strcmp(json1, json2) == 0, "  JSON export -> import -> export is identical");
    free(csv2);
    csv2 = export_str(IMPORT_CSV);
    is_str(csv2, csv1, "  and leaves the CSV export as it was");
    free(csv1);
    free(csv2);
    free(json1);
    free(json2);
}

/* A published file's "-", "- x" and "'x" cells stay as they are: export -> import -> export
 * is a fixed point, and the guard is written only where a spreadsheet would compute. */
static void
test_dash_cells(void)
{
    const char *dir = getenv("TEST_DATA_DIR");
    char path[512], file[512], *csv1, *csv2;
    struct tidy_error e;
    long rows;
    FILE *f;
    size_t n;
    enum err rc;

    snprintf(path, sizeof(path), "%s/opensdg/dash-cells.csv", dir ? dir : "tests/unit/data");
    f = fopen(path, "rb");
    if (f == NULL)
        bail_out("cannot open %s", path);
    n = fread(file, 1, sizeof(file) - 1, f);
    file[n] = '\0';
    fclose(f);
    rc = import_str(file, IMPORT_CSV, &rows, &e);
    ok(rc == ERR_OK && rows == 5, "dash-cells.csv imports (%s)", e.msg);
    csv1 = export_str(IMPORT_CSV);
    /* (the indicator's other columns, if any, follow the Series cell) */
    ok(strstr(csv1, "\n2015,-,") != NULL && strstr(csv1, "\n2016,- x,") != NULL &&
           strstr(csv1, "\n2017,'x,") != NULL && strstr(csv1, "\n2018,'-,") != NULL &&
           strstr(csv1, "\n2019,'=1+1,") != NULL,
       "  the export writes -, - x, 'x and '- as published, =1+1 guarded:\n%s", csv1);
    rc = import_str(csv1, IMPORT_CSV, &rows, &e);
    csv2 = export_str(IMPORT_CSV);
    ok(rc == ERR_OK && strcmp(csv1, csv2) == 0, "  export -> import -> export is identical");
    free(csv1);
    free(csv2);
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
    struct demo_error de;
    enum err rc;

    if (mkdtemp(dir) == NULL)
        bail_out("mkdtemp");
    snprintf(path, sizeof(path), "%s/t.db", dir);
    if (db_open(path, &o, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK)
        bail_out("cannot create a database");
    if (db_begin(db) || refdata_load(db) || demo_load(db, &de) || db_commit(db))
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
                    "2019,A,,\n2020,-x,@y,0.1\n2021,A,\" sp\t\",3\n",
                    IMPORT_CSV, &rows, &e);
    ok(rc == ERR_OK, "a valid file imports (%s)", e.msg);
    is_int(rows, 5, "5 rows stored, the empty value skipped");
    csv1 = export_str(IMPORT_CSV);
    ok(strstr(csv1, "'=1+1") != NULL && strstr(csv1, "'-x") != NULL && strstr(csv1, "'@y") != NULL,
       "formula-like text cells are neutralised");
    ok(strstr(csv1, "2016-17,A,Umeå,5.5\n") != NULL, "periods and UTF-8 kept");
    ok(strstr(csv1, ",10\n") != NULL, "10 is written as 10");
    ok(strstr(csv1, ",A,\" sp\t\",3\n") != NULL,
       "a value with a space or tab at its ends is quoted (libcsv trims them otherwise)");

    /* round trips */
    rc = import_str(csv1, IMPORT_CSV, &rows, &e);
    csv2 = export_str(IMPORT_CSV);
    ok(rc == ERR_OK && strcmp(csv1, csv2) == 0, "CSV export -> import -> export is identical");
    json1 = export_str(IMPORT_JSON);
    ok(strstr(json1, "=1+1") != NULL && strstr(json1, "'=1+1") == NULL &&
           strstr(json1, "'-x") == NULL && strstr(json1, "'@y") == NULL,
       "the CSV round trip stores =1+1, -x and @y as they were, not with the export's apostrophe");
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
    rc = import_opts_str("Year,Series,Age,Value\n2001,A,5,1\n", IMPORT_CSV,
                         &(struct import_opts){.mode = IMPORT_MERGE}, NULL, &e);
    ok(rc == ERR_INVALID && e.line == 1 && e.column == 3,
       "a merge names a column the indicator does not have (%s)", e.msg);
    rc = import_str("Year,Progress,Value\n2001,x,1\n", IMPORT_CSV, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 2 && e.column == 2,
       "a Progress that is not a number is refused at its place");
    rc = import_str("[{\"Year\": 2001, \"Value\": \"x\"}]", IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 1, "JSON: a string value is refused in record 1");
    rc = import_str("[{\"Year\": 2001, \"Value\": 1}", IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID && e.line >= 1, "JSON: a syntax error is placed (%ld:%d %s)", e.line,
       e.column, e.msg);
    rc = import_str("", IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID, "JSON: an empty body is refused");
    rc = import_str("[{\"Year\": 2001, \"Value\": 1e400}]", IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 1 && strncmp(e.msg, "not a finite number", 19) == 0,
       "JSON: 1e400 is not a finite number (%ld:%d %s)", e.line, e.column, e.msg);
    rc = import_str("[{\"Year\": 2001, \"Value\": 1e19}]", IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 1 && e.column == 26 && strcmp(e.field, "Value") == 0,
       "JSON: Value 1e19 is refused at its place, naming Value (%ld:%d %s)", e.line, e.column,
       e.msg);
    is_str(e.msg, "Value \"1e19\" is out of range (at most 1e15 either side of zero)",
           "  the same message as CSV's");
    rc = import_str("[{\"Year\": 2001,\n  \"Place\": \"a\\u001fb\", \"Value\": 1}]", IMPORT_JSON,
                    &rows, &e);
    ok(rc == ERR_INVALID && e.line == 2 && e.column == 12 && strcmp(e.field, "Place") == 0,
       "JSON: \\u001f in a value is refused at 2:12 (%ld:%d %s)", e.line, e.column, e.msg);
    rc = import_str("[{\"Year\": 2001, \"Value\": 1}, {\"Year\": \"2002\", \"Value\": 1, "
                    "\"Series\": \"x\", \"Progress\": \"2\"}]",
                    IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 1 && e.column == 86 && strcmp(e.field, "Progress") == 0 &&
           strcmp(e.msg, "record 2: Progress is not a number") == 0,
       "JSON: a Progress that is not a number is refused at its value (%ld:%d %s)", e.line,
       e.column, e.msg);
    rc = import_str("[{\"Year\": 2001, \"Value\": 1,\n\"Value\": 2}]", IMPORT_JSON, &rows, &e);
    ok(rc == ERR_INVALID && e.line == 2,
       "JSON: a duplicate member is refused on its line (%ld:%d %s)", e.line, e.column, e.msg);
    free(csv2);
    csv2 = export_str(IMPORT_CSV);
    is_str(csv2, csv1, "still unchanged after every refused import");

    test_source_note(csv1);
    test_in_transaction();
    test_staging();
    test_json_periods();
    test_json_attributes();
    test_dash_cells();
    test_export_attributes();

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
    test_reader_limits();
    test_scanner();
    test_import();
    return done_testing();
}
