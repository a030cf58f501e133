/*
 * test_describe.c — src/domain/describe.c (an indicator's Data Package descriptor),
 * export_columns (src/domain/export.c) and src/domain/licence.c, against a real SQLite file
 * with the demo data. The descriptor is read back with jansson, not with samverka's
 * writer: it is one JSON object whose fields are exactly the header indicator_export
 * writes, for every demo indicator; it carries the texts of the language asked for, the
 * translations it is given (never as a format string), the licence, the sources, and
 * absolute addresses only with a base.
 * (The official JSON Schemas are applied by tests/integration/t_33_datapackage.sh.)
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "domain/audit.h"
#include "domain/demo.h"
#include "domain/describe.h"
#include "domain/export.h"
#include "domain/import.h"
#include "domain/indicator.h"
#include "domain/licence.h"
#include "domain/refdata.h"
#include "tap.h"

static struct db *db;

/* Member k of object o as a string, "" when it is not one. */
static const char *
str_at(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s != NULL ? s : "";
}

/* The descriptor of indicator id, parsed by jansson (NULL when describe failed or it is not
 * JSON); *rc gets describe_indicator's result. */
static json_t *
describe(int64_t id, const struct describe_opts *o, enum err *rc)
{
    struct arena a;
    struct buf b;
    json_error_t je;
    json_t *j = NULL;

    arena_init(&a);
    buf_init(&b, 0);
    *rc = describe_indicator(db, &a, id, o, &b);
    if (*rc == ERR_OK) {
        j = json_loadb(b.data, b.len, 0, &je);
        if (j == NULL)
            diag("not JSON: %s (%.200s)", je.text, b.data);
    }
    buf_free(&b);
    arena_free(&a);
    return j;
}

/* The first line of indicator id's CSV export (malloc'd, no newline). */
static char *
csv_header(int64_t id)
{
    struct arena a;
    struct buf b;
    char *s, *nl;

    arena_init(&a);
    buf_init(&b, 0);
    if (indicator_export(db, &a, id, IMPORT_CSV, &b) != ERR_OK)
        bail_out("export failed");
    s = strdup(b.data ? b.data : "");
    nl = strchr(s, '\n');
    if (nl != NULL)
        *nl = '\0';
    buf_free(&b);
    arena_free(&a);
    return s;
}

/* The descriptor's field names joined by commas (malloc'd). */
static char *
field_names(json_t *dp)
{
    json_t *fields = json_object_get(
        json_object_get(json_array_get(json_object_get(dp, "resources"), 0), "schema"), "fields");
    struct buf b;
    size_t i;
    char *s;

    buf_init(&b, 0);
    for (i = 0; i < json_array_size(fields); i++) {
        if (i > 0)
            buf_addc(&b, ',');
        buf_adds(&b, str_at(json_array_get(fields, i), "name"));
    }
    s = strdup(b.data ? b.data : "");
    buf_free(&b);
    return s;
}

/* Field `name` of the descriptor's schema, or NULL. */
static json_t *
field(json_t *dp, const char *name)
{
    json_t *fields = json_object_get(
        json_object_get(json_array_get(json_object_get(dp, "resources"), 0), "schema"), "fields");
    size_t i;

    for (i = 0; i < json_array_size(fields); i++) {
        const char *n = json_string_value(json_object_get(json_array_get(fields, i), "name"));
        if (n != NULL && strcmp(n, name) == 0)
            return json_array_get(fields, i);
    }
    return NULL;
}

/* A translation that marks every text and keeps one "%s" where the msgid has one; "%d" in
 * it would be a crash if describe.c used translations as printf formats. */
static const char *
tr_marked(const char *msgid)
{
    return strstr(msgid, "%s") != NULL ? "T[%s]%d%n" : "T%d%n";
}

static void
test_licence(void)
{
    const struct licence *l = licence_find("cc-by-4.0");
    struct buf b;

    ok(l != NULL && strcmp(l->spdx, "CC-BY-4.0") == 0 &&
           strcmp(l->url, "https://creativecommons.org/licenses/by/4.0/") == 0,
       "licence: an SPDX identifier is found whatever its case, with its URL");
    ok(licence_find(LICENCE_DEFAULT) != NULL &&
           strcmp(licence_find(LICENCE_DEFAULT)->name, "Creative Commons Zero v1.0 Universal") == 0,
       "licence: the default is CC0-1.0, with its SPDX name");
    ok(licence_find("MIT") == NULL && licence_find("") == NULL && licence_find(NULL) == NULL,
       "licence: a software licence, an empty or no identifier is not one of them");
    buf_init(&b, 0);
    licence_known(&b);
    ok(b.data != NULL && strncmp(b.data, "CC0-1.0, CC-BY-4.0, ", 20) == 0,
       "licence: the known identifiers, comma-separated, for a message");
    buf_free(&b);
}

static void
test_columns(void)
{
    static const char *dims[] = {"=Kommun", "Kön, ålder", "Region"};
    struct observation o = {.period = "2019",
                            .series = "A",
                            .unit = "",
                            .disagg = "",
                            .attrs = "",
                            .value = 1,
                            .source = "",
                            .note = "x"};
    struct indicator ind = {.dimensions = dims, .n_dimensions = 3};
    struct export_column *c;
    struct arena a;
    int n;

    arena_init(&a);
    n = export_columns(&a, &ind, &o, 1, &c);
    ok(n == 7 && c[0].kind == EXPORT_COL_YEAR && c[1].kind == EXPORT_COL_SERIES &&
           c[2].kind == EXPORT_COL_BREAKDOWN && c[5].kind == EXPORT_COL_NOTE &&
           c[6].kind == EXPORT_COL_VALUE,
       "columns: Year, Series (a row has one), the breakdowns, Note (a row has one), Value; no "
       "Units or Source when no row has one");
    ok(n == 7 && strcmp(c[2].name, "=Kommun") == 0 && strcmp(c[2].header, "'=Kommun") == 0,
       "columns: a breakdown a spreadsheet would run: its header as read back has the guard's "
       "apostrophe");
    ok(n == 7 && strcmp(c[3].header, "Kön, ålder") == 0 && strcmp(c[4].header, "Region") == 0,
       "columns: a quoted header reads back without its quotes");
    n = export_columns(&a, &ind, &o, 0, &c);
    ok(n == 5 && c[0].kind == EXPORT_COL_YEAR && c[4].kind == EXPORT_COL_VALUE,
       "columns: without observations, Year, the breakdowns and Value");
    arena_free(&a);
}

static void
test_describe(void)
{
    char dir[] = "/tmp/samverka-test-XXXXXX", path[512];
    struct db_opts dbo = {.create = true};
    struct describe_opts o = {.licence = licence_find(LICENCE_DEFAULT)};
    struct demo_error de;
    struct db_stmt *st;
    struct arena a;
    struct indicator ind;
    struct import *im;
    struct tidy_error te;
    json_t *dp, *f;
    int64_t ids[64], plain = 0;
    int n_ids = 0, n_same = 0, i;
    char *h, *names;
    long rows;
    bool row;
    enum err rc;

    if (mkdtemp(dir) == NULL)
        bail_out("mkdtemp");
    snprintf(path, sizeof(path), "%s/t.db", dir);
    if (db_open(path, &dbo, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK)
        bail_out("cannot create a database");
    if (db_begin(db) || refdata_load(db) || demo_load(db, &de) || db_commit(db))
        bail_out("cannot load the demo data");
    st = db_stmt(db, Q_INDICATOR_PAGE);
    db_bind_i64(st, 1, 0);
    db_bind_i64(st, 2, 64);
    db_bind_i64(st, 3, 0);
    while (db_step(st, &row) == ERR_OK && row && n_ids < 64)
        ids[n_ids++] = db_i64(st, 0);
    db_done(st);

    /* every demo indicator: one JSON object, its fields exactly the CSV's header */
    for (i = 0; i < n_ids; i++) {
        dp = describe(ids[i], &o, &rc);
        h = csv_header(ids[i]);
        names = dp != NULL ? field_names(dp) : strdup("");
        if (dp != NULL && strcmp(names, h) == 0 &&
            strcmp(str_at(dp, "profile"), "tabular-data-package") == 0)
            n_same++;
        else
            diag("indicator %lld: fields \"%s\", header \"%s\"", (long long)ids[i], names, h);
        free(names);
        free(h);
        json_decref(dp);
    }
    ok(n_ids >= 10 && n_same == n_ids,
       "every demo indicator (%d): a Tabular Data Package whose fields are the CSV's header",
       n_ids);

    /* indicator 1 of the demo: a breakdown, sources, both languages */
    arena_init(&a);
    if (indicator_get(db, &a, 1, &ind) != ERR_OK)
        bail_out("no indicator 1 in the demo");
    dp = describe(1, &o, &rc);
    ok(dp != NULL && ind.n_dimensions == 1 && strcmp(str_at(dp, "title"), ind.title_sv) == 0 &&
           strcmp(str_at(json_object_get(json_object_get(dp, "samverka:indicator"), "title"), "en"),
                  ind.title_en) == 0,
       "Swedish: the title is the Swedish name, the English one under samverka:indicator");
    f = field(dp, ind.dimensions[0]);
    ok(f != NULL && strcmp(str_at(f, "type"), "string") == 0 &&
           strcmp(str_at(f, "title"), ind.dimensions[0]) == 0 &&
           strstr(str_at(f, "description"), ind.dimensions[0]) != NULL,
       "the breakdown's field: a string titled with its name, described with it");
    f = field(dp, "Value");
    ok(f != NULL && strcmp(str_at(f, "type"), "number") == 0 &&
           strcmp(str_at(f, "description"), "The value, in g per elev och lunch.") == 0,
       "Value: a number, in the indicator's unit (its Swedish one; no translation given: "
       "describe.c's English text)");
    f = field(dp, "Year");
    ok(f != NULL && strcmp(str_at(f, "type"), "year") == 0 &&
           json_object_get(json_object_get(f, "constraints"), "pattern") == NULL,
       "Year: Table Schema's year when every period is a plain year");
    ok(json_array_size(json_object_get(dp, "sources")) >= 2 &&
           strcmp(str_at(json_array_get(json_object_get(dp, "sources"), 0), "title"), ind.source) ==
               0 &&
           strcmp(str_at(json_array_get(json_object_get(dp, "sources"), 0), "path"),
                  ind.source_url) == 0,
       "sources: the indicator's own first, with its address, then the values' own");
    ok(strcmp(str_at(json_array_get(json_object_get(dp, "licenses"), 0), "name"), "CC0-1.0") == 0 &&
           strcmp(str_at(json_array_get(json_object_get(dp, "resources"), 0), "path"),
                  "data.csv") == 0 &&
           json_object_get(dp, "homepage") == NULL,
       "the licence given; without a base the CSV's path is relative and there is no homepage");
    ok(strlen(str_at(dp, "created")) == 20 && strlen(str_at(dp, "samverka:lastModified")) == 20,
       "created and last modified, as RFC 3339 date-times");
    json_decref(dp);

    o.english = true;
    o.tr = tr_marked;
    o.licence = licence_find("ODbL-1.0");
    o.base = "https://uppdrag.example.se";
    dp = describe(1, &o, &rc);
    ok(dp != NULL && strcmp(str_at(dp, "title"), ind.title_en) == 0,
       "English: the title is the English name");
    f = field(dp, "Value");
    ok(f != NULL && strcmp(str_at(f, "description"), "T[g per pupil per lunch]%d%n") == 0 &&
           strcmp(str_at(f, "title"), "T%d%n") == 0,
       "the texts are the translation's, filled with the English unit, never run as a format");
    ok(strcmp(str_at(json_array_get(json_object_get(dp, "licenses"), 0), "name"), "ODbL-1.0") ==
               0 &&
           strcmp(str_at(json_array_get(json_object_get(dp, "resources"), 0), "path"),
                  "https://uppdrag.example.se/indicators/1/data.csv") == 0 &&
           strcmp(str_at(dp, "homepage"), "https://uppdrag.example.se/indicators/1") == 0,
       "another licence; with a base the CSV's path and the homepage are absolute");
    json_decref(dp);

    /* created and last modified: the first and the last entry of the indicator or its
     * values, and no other's (another entity with its id, another indicator's values) */
    o = (struct describe_opts){.licence = licence_find(LICENCE_DEFAULT)};
    if (audit_write(db, 86400, "test", "create", "indicator", 1, ind.mission_id, "", "") ||
        audit_write(db, 3600, "test", "create", "observation", 2, ind.mission_id, "", "") ||
        audit_write(db, 4102444800, "test", "update", "observation", 1, ind.mission_id, "", "") ||
        audit_write(db, 4102531200, "test", "update", "mission", 1, ind.mission_id, "", "") ||
        audit_write(db, 4102617600, "test", "update", "indicator", 2, ind.mission_id, "", ""))
        bail_out("cannot write the audit entries");
    dp = describe(1, &o, &rc);
    ok(strcmp(str_at(dp, "created"), "1970-01-02T00:00:00Z") == 0 &&
           strcmp(str_at(dp, "samverka:lastModified"), "2100-01-01T00:00:00Z") == 0,
       "created: the indicator's first entry; last modified: its values' last (got %s, %s)",
       str_at(dp, "created"), str_at(dp, "samverka:lastModified"));
    json_decref(dp);
    arena_free(&a);

    /* Series, Units, Source, Note and split years, in an indicator without breakdowns */
    for (i = 0; i < n_ids && plain == 0; i++) {
        arena_init(&a);
        if (indicator_get(db, &a, ids[i], &ind) == ERR_OK && ind.n_dimensions == 0)
            plain = ind.id;
        arena_free(&a);
    }
    rc = import_begin(db, plain, IMPORT_CSV, "test", 0, NULL, &im);
    if (rc == ERR_OK) {
        static const char csv[] = "Year,Series,Units,Source,Note,Value\n"
                                  "2009-10,A,kt,S1,=1+1,1\n2010-11,A,kt,S2,,2\n"
                                  "2010-11,B,kt,S1,,3\n";
        import_feed(im, csv, strlen(csv));
        rc = import_finish(im, &rows, &te);
    }
    ok(plain > 0 && rc == ERR_OK,
       "a file with Series, Units, Source, Note and split years imports");
    dp = describe(plain, &o, &rc);
    names = dp != NULL ? field_names(dp) : strdup("");
    h = csv_header(plain);
    ok(strcmp(names, "Year,Series,Units,Source,Note,Value") == 0 && strcmp(names, h) == 0,
       "its fields: Year, Series, Units, Source, Note, Value: the CSV's header");
    free(names);
    free(h);
    f = field(dp, "Year");
    ok(f != NULL && strcmp(str_at(f, "type"), "string") == 0 &&
           strcmp(str_at(json_object_get(f, "constraints"), "pattern"), ".*[0-9]{4}.*") == 0,
       "Year: a string naming its year when a period is not a plain year (2009-10)");
    {
        json_t *s = json_object_get(dp, "sources");
        size_t k, n_s1 = 0, n_s2 = 0;

        for (k = 0; k < json_array_size(s); k++) {
            n_s1 += strcmp(str_at(json_array_get(s, k), "title"), "S1") == 0;
            n_s2 += strcmp(str_at(json_array_get(s, k), "title"), "S2") == 0;
        }
        ok(n_s1 == 1 && n_s2 == 1, "each value's source is listed once");
    }
    json_decref(dp);

    dp = describe(999999, &o, &rc);
    ok(dp == NULL && rc == ERR_NOTFOUND, "an unknown indicator: ERR_NOTFOUND");

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
    test_licence();
    test_columns();
    test_describe();
    return done_testing();
}
