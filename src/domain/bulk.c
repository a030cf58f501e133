/*
 * bulk.c — the bulk download (see bulk.h). Each table is one statement of q_bulk.def and a
 * field table here (name, Frictionless type, description), column for column. A table is
 * read twice in the one snapshot, once for its CSV and once for its JSON, each streamed
 * into its zip entry as it is read (an entry of unknown size: libarchive writes its length
 * after it), so no table is ever held whole. Never writes anything but the package.
 */
#include "domain/bulk.h"

#include <archive.h>
#include <archive_entry.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "core/log.h"
#include "core/str.h"
#include "domain/export.h"

enum ftype { F_INT, F_NUM, F_STR, F_DATE, F_BOOL };

struct field {
    const char *name;
    enum ftype type;
    const char *desc;
};

/* How a table's statement is run. PostgreSQL's client library holds a statement's whole
 * result in memory, so the large tables are read a part at a time, in the one snapshot:
 * BY_ID pages by the first column, an id ($1: the last id of the page before; the
 * statement's LIMIT is BULK_PAGE), BY_INDICATOR runs once per indicator ($1). */
enum reading { ALL, BY_ID, BY_INDICATOR };

struct table {
    const char *name;
    enum q q;
    const char *title, *desc;
    const char *key; /* the primary key's field, or NULL (a link table: all its fields) */
    const struct field *fields;
    enum reading reading;
};

#define FIELDS(...) ((const struct field[]){__VA_ARGS__, {NULL, F_STR, NULL}})
#define BILINGUAL(n, what)                                                                         \
    {n "_sv", F_STR, what " in Swedish"},                                                          \
    {                                                                                              \
        n "_en", F_STR, what " in English (may be empty)"                                          \
    }

/* clang-format off */
static const struct table tables[] = {
    {"missions", Q_BULK_MISSIONS, "Missions", "The live missions", "id", FIELDS(
        {"id", F_INT, "The mission's id"},
        {"slug", F_STR, "Its address: /missions/{slug}"},
        BILINGUAL("title", "Title"),
        BILINGUAL("goal", "The goal"),
        BILINGUAL("description", "Background (Markdown)"),
        {"deadline", F_DATE, "The deadline"},
        {"start_year", F_INT, "The year it started"},
        {"status", F_STR, "exploring, in_dialogue, active or concluded"},
        {"is_demo", F_BOOL, "Demo content, not real data"})},
    {"objectives", Q_BULK_OBJECTIVES, "Objectives", "The nodes of each mission's goal tree", "id",
     FIELDS(
        {"id", F_INT, "The objective's id"},
        {"mission_id", F_INT, "missions.id"},
        {"parent_id", F_INT, "objectives.id of the enclosing objective; empty at the top"},
        {"position", F_INT, "Order among its siblings"},
        BILINGUAL("title", "Title"),
        BILINGUAL("description", "Description (Markdown)"),
        {"weight", F_NUM, "Weight in the roll-up"})},
    {"indicators", Q_BULK_INDICATORS, "Indicators", "The indicators that measure each objective", "id",
     FIELDS(
        {"id", F_INT, "The indicator's id"},
        {"mission_id", F_INT, "missions.id"},
        {"objective_id", F_INT, "objectives.id"},
        {"position", F_INT, "Order under its objective"},
        BILINGUAL("title", "Title"),
        BILINGUAL("description", "Description (Markdown)"),
        BILINGUAL("unit", "Unit"),
        {"direction", F_STR, "The desirable direction: increase or decrease"},
        {"decimals", F_INT, "Decimals to show"},
        {"base_year", F_INT, "The baseline's year"},
        {"base_value", F_NUM, "The baseline's value"},
        {"target_kind", F_STR, "absolute, relative (percent change from the baseline) or none"},
        {"target_value", F_NUM, "The target: a value, or the percent change"},
        {"target_year", F_INT, "The target year; empty: the mission's deadline"},
        {"limit_value", F_NUM, "A value the indicator cannot pass"},
        {"source", F_STR, "The data's source"},
        {"source_url", F_STR, "Its address"},
        {"weight", F_NUM, "Weight in the roll-up"})},
    {"observations", Q_BULK_OBSERVATIONS, "Observations", "Every indicator's observations",
     NULL, FIELDS(
        {"indicator_id", F_INT, "indicators.id"},
        {"period", F_STR, "The period as given: 2022, 2015-16"},
        {"year", F_INT, "Its first year"},
        {"series", F_STR, "The series (Open SDG's Series column); empty: the indicator's own"},
        {"unit", F_STR, "The unit when the series gives one (Open SDG's Units column)"},
        {"disaggregation", F_STR, "The breakdown as Name=Value pairs separated by \"; \"; empty: the total"},
        {"value", F_NUM, "The value"},
        {"source", F_STR, "Where this value comes from, when it is not the indicator's source"},
        {"note", F_STR, "What to know about this value"}), BY_INDICATOR},
    {"actors", Q_BULK_ACTORS, "Actors", "The organisations taking part", "id", FIELDS(
        {"id", F_INT, "The actor's id"},
        {"slug", F_STR, "Its short name"},
        {"name", F_STR, "Name"},
        {"orgnr", F_STR, "Swedish organisation number, NNNNNN-NNNN"},
        {"sector", F_STR, "public, private, academia, civil_society or other"},
        {"sni", F_STR, "SNI 2007 industry code"},
        {"municipality", F_STR, "SCB municipality code"},
        {"website", F_STR, "Web site"},
        BILINGUAL("description", "Description (Markdown)"),
        {"is_demo", F_BOOL, "Demo content, not real data"}), BY_ID},
    {"initiatives", Q_BULK_INITIATIVES, "Initiatives",
     "The missions' initiatives, top-down and bottom-up (accepted proposals only)", "id", FIELDS(
        {"id", F_INT, "The initiative's id"},
        {"mission_id", F_INT, "missions.id"},
        {"slug", F_STR, "Its short name within the mission"},
        BILINGUAL("title", "Title"),
        BILINGUAL("summary", "Summary (Markdown)"),
        {"origin", F_STR, "top_down or bottom_up"},
        {"status", F_STR, "proposed, accepted, running, completed, stopped or declined"},
        {"lead_actor_id", F_INT, "actors.id of the lead actor"},
        {"start_date", F_DATE, "Start"},
        {"end_date", F_DATE, "End"},
        {"budget_sek", F_INT, "Budget in Swedish kronor"},
        {"funding", F_STR, "Funding"},
        BILINGUAL("hypotheses", "Hypotheses (Markdown)"),
        BILINGUAL("learnings", "Learnings (Markdown)"),
        {"is_demo", F_BOOL, "Demo content, not real data"}), BY_ID},
    {"initiative_actors", Q_BULK_INITIATIVE_ACTORS, "Initiatives' actors",
     "Who takes part in which initiative, and how", NULL, FIELDS(
        {"initiative_id", F_INT, "initiatives.id"},
        {"actor_id", F_INT, "actors.id"},
        {"role", F_STR, "lead, partner, funder, financier or participant"})},
    {"initiative_objectives", Q_BULK_INITIATIVE_OBJECTIVES, "Initiatives' objectives",
     "Which objectives each initiative works towards", NULL, FIELDS(
        {"initiative_id", F_INT, "initiatives.id"},
        {"objective_id", F_INT, "objectives.id"})},
    {"mission_sdg_targets", Q_BULK_MISSION_SDG_TARGETS, "Missions' SDG targets",
     "The Agenda 2030 targets each mission contributes to", NULL, FIELDS(
        {"mission_id", F_INT, "missions.id"},
        {"target", F_STR, "The SDG target, e.g. 12.3"})},
    {"initiative_sdg_targets", Q_BULK_INITIATIVE_SDG_TARGETS, "Initiatives' SDG targets",
     "The Agenda 2030 targets each initiative contributes to", NULL, FIELDS(
        {"initiative_id", F_INT, "initiatives.id"},
        {"target", F_STR, "The SDG target, e.g. 12.3"})},
    {"indicator_sdg_indicators", Q_BULK_INDICATOR_SDG, "Indicators' SDG indicators",
     "The Agenda 2030 indicators each indicator corresponds to", NULL, FIELDS(
        {"indicator_id", F_INT, "indicators.id"},
        {"sdg_indicator", F_STR, "The UN indicator code, e.g. 12.3.1"})},
};
/* clang-format on */
#define N_TABLES ((int)(sizeof(tables) / sizeof(tables[0])))

const char *const bulk_table_names[] = {
    "missions",
    "objectives",
    "indicators",
    "observations",
    "actors",
    "initiatives",
    "initiative_actors",
    "initiative_objectives",
    "mission_sdg_targets",
    "initiative_sdg_targets",
    "indicator_sdg_indicators",
};
const int bulk_n_tables = N_TABLES;

/* A chunk of an entry is handed to the archive when it reaches this: the memory a table
 * costs while it streams. */
#define BULK_CHUNK (64u << 10)

struct pack {
    struct archive *ar;
    struct buf *out;     /* the zip */
    struct buf chunk;    /* the entry being written, before the archive takes it */
    int64_t *indicators; /* the live indicators' ids (BY_INDICATOR), in an owned buf */
    size_t n_indicators;
    int64_t now;
    enum err err;
};

/* ------------------------------------------------------------------ the archive */

static la_ssize_t
out_write(struct archive *ar, void *ctx, const void *p, size_t n)
{
    struct pack *k = ctx;

    (void)ar;
    buf_add(k->out, p, n);
    if (buf_err(k->out)) {
        k->err = ERR_LIMIT;
        return -1;
    }
    return (la_ssize_t)n;
}

static bool
ar_ok(struct pack *k, int r, const char *what)
{
    if (r >= ARCHIVE_WARN)
        return true;
    if (k->err == ERR_OK) {
        log_msg(LOG_ERROR, "msg=\"bulk package: %s failed\" why=\"%s\"", what,
                archive_error_string(k->ar) ? archive_error_string(k->ar) : "?");
        k->err = ERR_IO;
    }
    return false;
}

static void
entry_begin(struct pack *k, const char *name)
{
    struct archive_entry *e = archive_entry_new();

    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_mtime(e, (time_t)k->now, 0);
    /* no size: the entry streams, its length is written after it */
    ar_ok(k, archive_write_header(k->ar, e), "entry header");
    archive_entry_free(e);
    buf_reset(&k->chunk);
}

/* Hand what the chunk holds to the archive. */
static void
flush(struct pack *k)
{
    if (buf_err(&k->chunk) && k->err == ERR_OK)
        k->err = ERR_LIMIT;
    if (k->err == ERR_OK && k->chunk.len > 0 &&
        archive_write_data(k->ar, k->chunk.data, k->chunk.len) < 0)
        ar_ok(k, ARCHIVE_FATAL, "entry data");
    buf_reset(&k->chunk);
}

static void
maybe_flush(struct pack *k)
{
    if (k->chunk.len >= BULK_CHUNK)
        flush(k);
}

static void
entry_end(struct pack *k)
{
    flush(k);
    if (k->err == ERR_OK)
        ar_ok(k, archive_write_finish_entry(k->ar), "entry end");
}

/* ------------------------------------------------------------------ values */

/* The text of a string column as the files give it: the breakdown's pair separator (0x1f,
 * q_observation.def) as "; ", so no control character reaches a CSV or a spreadsheet. */
static const char *
cell_text(struct db_stmt *st, int col, struct buf *tmp)
{
    const char *s = db_text(st, col), *p;

    if (s == NULL || strchr(s, '\x1f') == NULL)
        return s;
    buf_reset(tmp);
    for (p = s; *p; p++) {
        if (*p == '\x1f')
            buf_adds(tmp, "; ");
        else
            buf_addc(tmp, *p);
    }
    buf_addc(tmp, '\0');
    return tmp->data;
}

static void
num_text(char *out, size_t size, struct db_stmt *st, int col, enum ftype t)
{
    if (t == F_NUM)
        str_shortest(out, size, db_dbl(st, col));
    else if (t == F_BOOL)
        snprintf(out, size, "%s", db_i64(st, col) != 0 ? "true" : "false");
    else
        snprintf(out, size, "%" PRId64, db_i64(st, col));
}

/* ------------------------------------------------------------------ tables */

/* Must match the LIMIT of q_bulk.def's BY_ID statements. */
#define BULK_PAGE 5000

typedef void (*row_fn)(struct pack *k, const struct table *t, struct db_stmt *st, void *ctx);

/* Every row of t, in its order, through fn. */
static enum err
table_rows(struct pack *k, struct db *db, const struct table *t, row_fn fn, void *ctx)
{
    struct db_stmt *st;
    int64_t last = 0;
    size_t part = 0, n_parts = t->reading == BY_INDICATOR ? k->n_indicators : 1;
    long n;
    bool row, more = true;
    enum err rc = ERR_OK;

    while (more && rc == ERR_OK && k->err == ERR_OK) {
        if (t->reading == BY_INDICATOR && part >= n_parts)
            break;
        st = db_stmt(db, t->q);
        if (st == NULL)
            return ERR_DB;
        if (t->reading == BY_ID)
            db_bind_i64(st, 1, last);
        else if (t->reading == BY_INDICATOR)
            db_bind_i64(st, 1, k->indicators[part]);
        n = 0;
        while ((rc = db_step(st, &row)) == ERR_OK && row && k->err == ERR_OK) {
            if (t->reading == BY_ID)
                last = db_i64(st, 0);
            fn(k, t, st, ctx);
            maybe_flush(k);
            n++;
        }
        db_done(st);
        part++;
        more = t->reading == BY_INDICATOR || (t->reading == BY_ID && n == BULK_PAGE);
    }
    return rc;
}

static void
csv_row(struct pack *k, const struct table *t, struct db_stmt *st, void *ctx)
{
    struct buf *tmp = ctx;
    char num[40];
    int c;

    for (c = 0; t->fields[c].name != NULL; c++) {
        if (c > 0)
            buf_addc(&k->chunk, ',');
        if (db_null(st, c))
            continue;
        if (t->fields[c].type == F_STR || t->fields[c].type == F_DATE) {
            /* as the indicators' CSVs: quoted as RFC 4180 needs, and text a spreadsheet
             * would run as a formula behind an apostrophe (the JSON has it as it is) */
            export_csv_cell(&k->chunk, cell_text(st, c, tmp), t->fields[c].type == F_STR);
        } else {
            num_text(num, sizeof(num), st, c, t->fields[c].type);
            buf_adds(&k->chunk, num);
        }
    }
    buf_adds(&k->chunk, "\r\n");
}

static enum err
table_csv(struct pack *k, struct db *db, const struct table *t, struct buf *tmp)
{
    char name[64];
    enum err rc;
    int c;

    snprintf(name, sizeof(name), "%s.csv", t->name);
    entry_begin(k, name);
    for (c = 0; t->fields[c].name != NULL; c++) {
        if (c > 0)
            buf_addc(&k->chunk, ',');
        buf_adds(&k->chunk, t->fields[c].name);
    }
    buf_adds(&k->chunk, "\r\n");
    rc = table_rows(k, db, t, csv_row, tmp);
    if (rc)
        return rc;
    entry_end(k);
    return k->err;
}

/* {"name", "title", "license", "fields", "rows": [{field: value ...} ...]}: the licence at
 * the top, as every JSON document of the package has it */
static void
json_licence(struct json *j, const struct licence *l)
{
    json_obj_open(j);
    json_kstr(j, "name", l->spdx);
    json_kstr(j, "path", l->url);
    json_kstr(j, "title", l->name);
    json_obj_close(j);
}

struct json_ctx {
    struct json *j;
    struct buf *tmp;
};

static void
json_row(struct pack *k, const struct table *t, struct db_stmt *st, void *ctx)
{
    struct json_ctx *x = ctx;
    struct json *j = x->j;
    int c;

    (void)k;
    json_obj_open(j);
    for (c = 0; t->fields[c].name != NULL; c++) {
        json_key(j, t->fields[c].name);
        if (db_null(st, c))
            json_nil(j);
        else if (t->fields[c].type == F_STR || t->fields[c].type == F_DATE)
            json_str(j, cell_text(st, c, x->tmp));
        else if (t->fields[c].type == F_NUM)
            json_dbl(j, db_dbl(st, c));
        else if (t->fields[c].type == F_BOOL)
            json_bool(j, db_i64(st, c) != 0);
        else
            json_int(j, db_i64(st, c));
    }
    json_obj_close(j);
}

static enum err
table_json(struct pack *k, struct db *db, const struct table *t, const struct licence *l,
           struct buf *tmp)
{
    struct json j;
    struct json_ctx x = {&j, tmp};
    char name[64];
    enum err rc;

    snprintf(name, sizeof(name), "%s.json", t->name);
    entry_begin(k, name);
    json_init(&j, &k->chunk);
    json_obj_open(&j);
    json_kstr(&j, "name", t->name);
    json_kstr(&j, "title", t->title);
    json_key(&j, "license");
    json_licence(&j, l);
    json_key(&j, "rows");
    json_arr_open(&j);
    rc = table_rows(k, db, t, json_row, &x);
    if (rc)
        return rc;
    json_arr_close(&j);
    json_obj_close(&j);
    rc = json_finish(&j);
    if (rc) {
        log_msg(LOG_ERROR, "msg=\"bulk package: a table's JSON failed\" table=%s", t->name);
        return rc;
    }
    entry_end(k);
    return k->err;
}

/* ------------------------------------------------------------------ descriptor */

static const char *const ftype_names[] = {"integer", "number", "string", "date", "boolean"};

static void
descriptor(struct pack *k, const struct bulk_info *in)
{
    struct json j;
    char when[32], path[64];
    int t, c;

    str_utc_time(when, sizeof(when), in->now);
    entry_begin(k, "datapackage.json");
    json_init(&j, &k->chunk);
    json_obj_open(&j);
    json_kstr(&j, "profile", "data-package");
    json_kstr(&j, "name", "samverka-data");
    json_kstr(&j, "title",
              "samverka: missions, objectives, indicators, observations, actors and "
              "initiatives");
    json_kstr(&j, "description",
              "Everything the site publishes, table by table: each table as CSV (described "
              "here) and as JSON. The ids join the tables; the link tables join initiatives "
              "to actors and objectives, and missions, initiatives and indicators to the "
              "Agenda 2030 framework. Texts in two languages come as NAME_sv and NAME_en.");
    json_kstr(&j, "created", when);
    if (!str_empty(in->site_url))
        json_kstr(&j, "homepage", in->site_url);
    json_key(&j, "licenses");
    json_arr_open(&j);
    json_licence(&j, in->licence);
    json_arr_close(&j);
    /* provenance: where the data were read, by what */
    json_key(&j, "sources");
    json_arr_open(&j);
    json_obj_open(&j);
    json_kstr(&j, "title", "samverka, the site's database");
    if (!str_empty(in->site_url))
        json_kstr(&j, "path", in->site_url);
    json_obj_close(&j);
    json_arr_close(&j);
    json_kstr(&j, "samverka:generator", "samverka");
    json_key(&j, "resources");
    json_arr_open(&j);
    for (t = 0; t < N_TABLES; t++) {
        const struct table *tb = &tables[t];

        json_obj_open(&j);
        json_kstr(&j, "name", tb->name);
        snprintf(path, sizeof(path), "%s.csv", tb->name);
        json_kstr(&j, "path", path);
        json_kstr(&j, "profile", "tabular-data-resource");
        json_kstr(&j, "title", tb->title);
        json_kstr(&j, "description", tb->desc);
        json_kstr(&j, "format", "csv");
        json_kstr(&j, "mediatype", "text/csv");
        json_kstr(&j, "encoding", "utf-8");
        json_key(&j, "schema");
        json_obj_open(&j);
        json_key(&j, "fields");
        json_arr_open(&j);
        for (c = 0; tb->fields[c].name != NULL; c++) {
            json_obj_open(&j);
            json_kstr(&j, "name", tb->fields[c].name);
            json_kstr(&j, "type", ftype_names[tb->fields[c].type]);
            json_kstr(&j, "description", tb->fields[c].desc);
            json_obj_close(&j);
        }
        json_arr_close(&j);
        if (tb->key != NULL)
            json_kstr(&j, "primaryKey", tb->key);
        /* an empty cell is a missing value (NULL), as the JSON's null */
        json_key(&j, "missingValues");
        json_arr_open(&j);
        json_str(&j, "");
        json_arr_close(&j);
        json_obj_close(&j);
        json_obj_close(&j);
        /* the same table as JSON: not a tabular resource of the spec, listed all the same */
        json_obj_open(&j);
        snprintf(path, sizeof(path), "%s-json", tb->name);
        json_kstr(&j, "name", path);
        snprintf(path, sizeof(path), "%s.json", tb->name);
        json_kstr(&j, "path", path);
        json_kstr(&j, "title", tb->title);
        json_kstr(&j, "description",
                  "The same rows as JSON: {\"name\", \"title\", "
                  "\"license\", \"rows\": [{field: value}]}");
        json_kstr(&j, "format", "json");
        json_kstr(&j, "mediatype", "application/json");
        json_kstr(&j, "encoding", "utf-8");
        json_obj_close(&j);
    }
    json_arr_close(&j);
    json_obj_close(&j);
    if (json_finish(&j) && k->err == ERR_OK)
        k->err = ERR_INVALID;
    entry_end(k);
}

/* README.txt: the licence and what the files are, for who opens the zip by hand */
static void
readme(struct pack *k, const struct bulk_info *in)
{
    char when[32];
    int t;

    str_utc_time(when, sizeof(when), in->now);
    entry_begin(k, "README.txt");
    buf_printf(&k->chunk,
               "samverka open data\r\n"
               "==================\r\n\r\n"
               "Licence: %s (%s)\r\n%s\r\n\r\n"
               "Created: %s\r\n",
               in->licence->name, in->licence->spdx, in->licence->url, when);
    if (!str_empty(in->site_url))
        buf_printf(&k->chunk, "Source: %s\r\n", in->site_url);
    buf_adds(&k->chunk,
             "\r\nEvery table is here twice: NAME.csv (UTF-8, RFC 4180, described in "
             "datapackage.json, a Frictionless Data Package) and NAME.json. Ids join the "
             "tables. In the CSVs, a text a spreadsheet would run as a formula (=, +, -, @ "
             "first) starts with an apostrophe; the JSON has every text as it is.\r\n\r\n");
    for (t = 0; t < N_TABLES; t++)
        buf_printf(&k->chunk, "  %-26s %s\r\n", tables[t].name, tables[t].desc);
    entry_end(k);
}

/* ------------------------------------------------------------------ the package */

/* The live indicators' ids, into ids (k->indicators points into it). */
static enum err
indicator_ids(struct pack *k, struct db *db, struct buf *ids)
{
    struct db_stmt *st = db_stmt(db, Q_BULK_INDICATOR_IDS);
    int64_t id;
    bool row;
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        id = db_i64(st, 0);
        buf_add(ids, &id, sizeof(id));
    }
    db_done(st);
    if (rc == ERR_OK && buf_err(ids))
        rc = ERR_LIMIT;
    k->indicators = (int64_t *)(void *)ids->data;
    k->n_indicators = ids->len / sizeof(int64_t);
    return rc;
}

enum err
bulk_write(struct db *db, const struct bulk_info *in, struct buf *out)
{
    struct pack k;
    struct buf tmp, ids;
    enum err rc;
    int t;

    memset(&k, 0, sizeof(k));
    k.out = out;
    k.now = in->now;
    buf_init(&k.chunk, 2 * BULK_CHUNK + (1u << 20)); /* a chunk and one row past it */
    buf_init(&tmp, 1u << 20);
    buf_init(&ids, 64u << 20);
    k.ar = archive_write_new();
    if (k.ar == NULL)
        die("out of memory");
    ar_ok(&k, archive_write_set_format_zip(k.ar), "zip format");
    ar_ok(&k, archive_write_zip_set_compression_deflate(k.ar), "deflate");
    /* no blocking: the zip ends where its central directory does */
    ar_ok(&k, archive_write_set_bytes_per_block(k.ar, 0), "block size");
    ar_ok(&k, archive_write_open(k.ar, &k, NULL, out_write, NULL), "open");
    rc = db_snapshot_begin(db);
    if (rc == ERR_OK)
        rc = indicator_ids(&k, db, &ids);
    for (t = 0; rc == ERR_OK && k.err == ERR_OK && t < N_TABLES; t++) {
        rc = table_csv(&k, db, &tables[t], &tmp);
        if (rc == ERR_OK)
            rc = table_json(&k, db, &tables[t], in->licence, &tmp);
    }
    db_snapshot_end(db);
    if (rc == ERR_OK && k.err == ERR_OK) {
        descriptor(&k, in);
        readme(&k, in);
    }
    if (k.err == ERR_OK)
        ar_ok(&k, archive_write_close(k.ar), "close");
    archive_write_free(k.ar);
    buf_free(&k.chunk);
    buf_free(&tmp);
    buf_free(&ids);
    return rc != ERR_OK ? rc : k.err;
}
