/*
 * demo.c — load the demonstration data set of `samverka init --demo`: the CSV
 * files of data/demo/ (compiled into the binary; their columns, rules and
 * sources are in data/demo/README.md), every row through the create functions
 * (`<entity>_create`, write.h) that forms and API writes call, every indicator's series through
 * the tidy-CSV import (import.h) that `samverka import` uses. No SQL of its
 * own: what the demo holds, a user can enter.
 *
 * Rows refer to each other by keys (slugs, or a file's own `key` column),
 * which this loader turns into ids as it creates the rows; a file refers only
 * to files loaded before it. The files load in the order of demo_load, so the
 * ids are the same on every load.
 *
 * demo_load runs inside the caller's transaction and never begins or commits.
 * The first problem stops it: a malformed file, a missing or unknown column,
 * an unknown key, a value a create function or the import refuses, reported
 * with its file, line and column. Never: write a row but through its create
 * function, or go on after a refusal.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/csvrows.h"
#include "core/embed.h"
#include "core/ical.h"
#include "core/log.h"
#include "core/str.h"
#include "domain/actor.h"
#include "domain/commitment.h"
#include "domain/demo.h"
#include "domain/dialogue.h"
#include "domain/import.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/learning.h"
#include "domain/mfa.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/seminar.h"
#include "domain/site.h"
#include "domain/user.h"

#define DIR     "data/demo/"
#define OBS_DIR DIR "observations/"
#define WHO     "demo"

struct key {
    const char *key;
    int64_t id, mission; /* mission: an objective's or an indicator's */
};

struct keys {
    struct key *v;
    int n, cap;
};

/* A row of initiative_actors.csv, kept until initiatives.csv creates its initiative. */
struct part {
    const char *mission, *initiative, *role;
    int64_t actor;
    long line;
    bool used;
};

struct loader {
    const struct embed_file *files; /* where the demo files are, NULL-name terminated */
    struct db *db;
    struct arena a;
    struct demo_error *err;
    const char *file;            /* being read */
    const char *const *columns;  /* its columns, NULL-terminated, in any order */
    int col[CSVROWS_MAX_FIELDS]; /* columns[i] is the file's column col[i] (0-based) */
    const char *const *rename;   /* pairs: a create function's field, its column */
    struct keys actors, people, missions, objectives, indicators;
    struct keys initiatives; /* "mission/slug" */
    struct part *parts;
    int n_parts, cap_parts;
    int part_col[CSVROWS_MAX_FIELDS]; /* initiative_actors.csv's col[] */
    int64_t now;                      /* the accounts' creation time */
    bool site_read;                   /* site.csv's one row was read */
};

static enum err fail(struct loader *l, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum err
fail(struct loader *l, long line, int col, const char *fmt, ...)
{
    va_list ap;

    l->err->file = l->file;
    l->err->line = line;
    l->err->column = col;
    va_start(ap, fmt);
    vsnprintf(l->err->msg, sizeof(l->err->msg), fmt, ap);
    va_end(ap);
    return ERR_INVALID;
}

/* ------------------------------------------------------------ cells */

static int
column_index(const struct loader *l, const char *name)
{
    int i;

    for (i = 0; name != NULL && l->columns[i] != NULL; i++)
        if (strcmp(l->columns[i], name) == 0)
            return i;
    return -1;
}

/* The 1-based column of the file called name, 0 if none. */
static int
col_of(const struct loader *l, const char *name)
{
    int i = column_index(l, name);

    return i < 0 ? 0 : l->col[i] + 1;
}

/* The cell of the column called name (one of l->columns: the header has them all). */
static const char *
cell(const struct loader *l, char **f, const char *name)
{
    return f[l->col[column_index(l, name)]];
}

/* An optional cell: NULL when empty. */
static const char *
opt(const struct loader *l, char **f, const char *name)
{
    const char *s = cell(l, f, name);

    return *s == '\0' ? NULL : s;
}

/* A list cell: items separated by ';' (none when empty), copied into the arena. */
static const char **
list(struct loader *l, const char *s, int *out_n)
{
    const char **items;
    char *copy, *p;
    int n = 1, i = 0;

    *out_n = 0;
    if (*s == '\0')
        return NULL;
    for (p = (char *)s; *p; p++)
        n += *p == ';';
    items = arena_alloc(&l->a, (size_t)n * sizeof(*items));
    items[i++] = copy = arena_strdup(&l->a, s);
    for (p = copy; *p; p++)
        if (*p == ';') {
            *p = '\0';
            items[i++] = p + 1;
        }
    *out_n = n;
    return items;
}

/* A whole number cell; *has false for an empty one when optional. */
static enum err
whole(struct loader *l, char **f, const char *name, long line, bool optional, bool *has,
      int64_t *out)
{
    const char *s = cell(l, f, name);

    *out = 0;
    *has = *s != '\0';
    if (!*has && optional)
        return ERR_OK;
    if (str_to_i64(s, out) != ERR_OK || *out < -1000000000000000 || *out > 1000000000000000)
        return fail(l, line, col_of(l, name), "%s \"%s\" is not a whole number", name, s);
    return ERR_OK;
}

static enum err
number(struct loader *l, char **f, const char *name, long line, bool optional, bool *has,
       double *out)
{
    const char *s = cell(l, f, name);

    *out = 0;
    *has = *s != '\0';
    if (!*has && optional)
        return ERR_OK;
    if (str_to_double(s, out) != ERR_OK)
        return fail(l, line, col_of(l, name), "%s \"%s\" is not a number", name, s);
    return ERR_OK;
}

/* A year cell, as an int (out of range years are the create function's to refuse). */
static enum err
year(struct loader *l, char **f, const char *name, long line, bool optional, bool *has, int *out)
{
    int64_t v;
    enum err rc;

    rc = whole(l, f, name, line, optional, has, &v);
    *out = v > 0 && v < 100000 ? (int)v : -1;
    if (!*has)
        *out = 0;
    return rc;
}

/* ------------------------------------------------------------ keys */

static const struct key *
find(const struct keys *k, const char *key)
{
    int i;

    for (i = 0; i < k->n; i++)
        if (strcmp(k->v[i].key, key) == 0)
            return &k->v[i];
    return NULL;
}

/* The id the key in column name stands for, 0 for an empty cell; an unknown key is the
 * row's error. */
static enum err
ref(struct loader *l, const struct keys *k, const char *file, const char *key, long line,
    const char *name, int64_t *out)
{
    const struct key *x;

    *out = 0;
    if (*key == '\0')
        return ERR_OK;
    x = find(k, key);
    if (x == NULL)
        return fail(l, line, col_of(l, name), "%s: no row of %s has the key \"%s\"", name, file,
                    key);
    *out = x->id;
    return ERR_OK;
}

static enum err
remember(struct loader *l, struct keys *k, const char *key, int64_t id, int64_t mission, long line)
{
    struct key *bigger;

    if (find(k, key) != NULL)
        return fail(l, line, 1, "the key \"%s\" is taken by an earlier row", key);
    if (k->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 32;
        bigger = arena_alloc(&l->a, (size_t)k->cap * sizeof(*bigger));
        if (k->n > 0)
            memcpy(bigger, k->v, (size_t)k->n * sizeof(*bigger));
        k->v = bigger;
    }
    k->v[k->n++] = (struct key){arena_strdup(&l->a, key), id, mission};
    return ERR_OK;
}

/* A create function's refusal (or error), placed at its field's column of the row. */
static enum err
refused(struct loader *l, long line, enum err rc, const struct write_error *we)
{
    const char *name = we->field;
    int i;

    if (rc != ERR_INVALID)
        return fail(l, line, 0, "%s", err_str(rc));
    for (i = 0; l->rename != NULL && l->rename[i] != NULL; i += 2)
        if (strcmp(l->rename[i], we->field) == 0)
            name = l->rename[i + 1];
    if (we->item >= 0)
        return fail(l, line, col_of(l, name), "%s: item %d %s", name, we->item + 1, we->msg);
    return fail(l, line, col_of(l, name), "%s %s", name, we->msg);
}

/* ------------------------------------------------------------ files */

/* The header: every column the loader reads, once, and no other. */
static enum err
header(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    int i, k, want = 0;

    while (l->columns[want] != NULL)
        want++;
    for (i = 0; i < n; i++) {
        k = column_index(l, f[i]);
        if (k < 0)
            return fail(l, line, i + 1, "unknown column \"%s\" (data/demo/README.md)", f[i]);
        if (l->col[k] >= 0)
            return fail(l, line, i + 1, "column \"%s\" appears twice", f[i]);
        l->col[k] = i;
    }
    for (k = 0; k < want; k++)
        if (l->col[k] < 0)
            return fail(l, line, 0, "no column \"%s\" (data/demo/README.md)", l->columns[k]);
    return ERR_OK;
}

/* Read the demo file `name` row by row through fn; rename pairs up a create function's
 * field names with the file's column names where they differ (for its refusals). */
static enum err
read_file(struct loader *l, const char *name, const char *const *columns, const char *const *rename,
          csvrows_cb fn)
{
    const struct embed_file *f;
    char path[128];
    long at = 0;
    enum err rc;
    int i;

    snprintf(path, sizeof(path), DIR "%s", name);
    for (f = l->files; f->name != NULL && strcmp(f->name, path) != 0; f++)
        ;
    if (f->name == NULL)
        f = NULL;
    l->file = f != NULL ? f->name : DIR;
    l->columns = columns;
    l->rename = rename;
    for (i = 0; i < CSVROWS_MAX_FIELDS; i++)
        l->col[i] = -1;
    if (f == NULL)
        return fail(l, 0, 0, "%s is missing from the build", name);
    rc = csvrows_read(f->data, f->len, header, fn, l, &at);
    if (rc && l->err->msg[0] == '\0')
        return fail(l, at, 0, "%s",
                    rc == ERR_LIMIT     ? "more columns than a demo file may have"
                    : rc == ERR_INVALID ? "malformed CSV (RFC 4180)"
                                        : err_str(rc));
    return rc;
}

/* A row must have as many cells as the header. */
static enum err
cells(struct loader *l, int n, long line)
{
    int want = 0;

    while (l->columns[want] != NULL)
        want++;
    return n == want ? ERR_OK : fail(l, line, 0, "%d cells where the header has %d", n, want);
}

/* ------------------------------------------------------------ the entities */

static const char *const actor_columns[] = {
    "slug",    "name",        "orgnr",          "sector",         "sni", "municipality",
    "website", "disciplines", "description_sv", "description_en", NULL};

static enum err
actor_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct write_error we;
    struct actor_new in = {0};
    int64_t id;
    enum err rc;

    if (cells(l, n, line))
        return ERR_INVALID;
    in.slug = cell(l, f, "slug");
    in.name = cell(l, f, "name");
    in.orgnr = opt(l, f, "orgnr");
    in.sector = cell(l, f, "sector");
    in.sni = opt(l, f, "sni");
    in.municipality = opt(l, f, "municipality");
    in.website = opt(l, f, "website");
    in.disciplines = list(l, cell(l, f, "disciplines"), &in.n_disciplines);
    in.description_sv = cell(l, f, "description_sv");
    in.description_en = cell(l, f, "description_en");
    in.is_demo = true;
    rc = actor_create(l->db, &in, WHO, &id, &we);
    return rc ? refused(l, line, rc, &we) : remember(l, &l->actors, in.slug, id, 0, line);
}

static const char *const person_columns[] = {
    "key", "actor", "name", "title_sv", "title_en", "email", "phone", "contact_public", NULL};
static const char *const person_rename[] = {"actor_id", "actor", NULL};

static enum err
person_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct write_error we;
    struct person_new in = {0};
    const char *public;
    int64_t id;
    enum err rc;

    if (cells(l, n, line) ||
        ref(l, &l->actors, "actors.csv", cell(l, f, "actor"), line, "actor", &in.actor_id))
        return ERR_INVALID;
    in.name = cell(l, f, "name");
    in.title_sv = cell(l, f, "title_sv");
    in.title_en = cell(l, f, "title_en");
    in.email = opt(l, f, "email");
    in.phone = opt(l, f, "phone");
    public = cell(l, f, "contact_public");
    if (strcmp(public, "0") != 0 && strcmp(public, "1") != 0)
        return fail(l, line, col_of(l, "contact_public"), "contact_public must be 0 or 1");
    in.contact_public = *public == '1';
    in.is_demo = true;
    rc = person_create(l->db, &in, WHO, &id, &we);
    return rc ? refused(l, line, rc, &we) : remember(l, &l->people, cell(l, f, "key"), id, 0, line);
}

static const char *const mission_columns[] = {
    "slug",           "status",         "start_year", "deadline", "owner",
    "sdg_targets",    "title_sv",       "title_en",   "goal_sv",  "goal_en",
    "description_sv", "description_en", NULL};
static const char *const mission_rename[] = {"owner_id", "owner", NULL};

static enum err
mission_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct write_error we;
    struct mission_new in = {0};
    int64_t id;
    enum err rc;
    bool has;

    if (cells(l, n, line) || year(l, f, "start_year", line, false, &has, &in.start_year) ||
        ref(l, &l->people, "people.csv", cell(l, f, "owner"), line, "owner", &in.owner_id))
        return ERR_INVALID;
    in.slug = cell(l, f, "slug");
    in.status = cell(l, f, "status");
    in.deadline = opt(l, f, "deadline");
    in.sdg_targets = list(l, cell(l, f, "sdg_targets"), &in.n_sdg_targets);
    in.title_sv = cell(l, f, "title_sv");
    in.title_en = cell(l, f, "title_en");
    in.goal_sv = cell(l, f, "goal_sv");
    in.goal_en = cell(l, f, "goal_en");
    in.description_sv = cell(l, f, "description_sv");
    in.description_en = cell(l, f, "description_en");
    in.is_demo = true;
    rc = mission_create(l->db, &in, WHO, &id, &we);
    return rc ? refused(l, line, rc, &we) : remember(l, &l->missions, in.slug, id, id, line);
}

static const char *const objective_columns[] = {
    "key",      "mission",        "parent",         "weight", "title_sv",
    "title_en", "description_sv", "description_en", NULL};
static const char *const objective_rename[] = {"mission_id", "mission", "parent_id", "parent",
                                               NULL};

static enum err
objective_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct write_error we;
    struct objective_new in = {0};
    int64_t id;
    enum err rc;
    bool has;

    if (cells(l, n, line) ||
        ref(l, &l->missions, "missions.csv", cell(l, f, "mission"), line, "mission",
            &in.mission_id) ||
        ref(l, &l->objectives, "objectives.csv (an earlier row)", cell(l, f, "parent"), line,
            "parent", &in.parent_id) ||
        number(l, f, "weight", line, false, &has, &in.weight))
        return ERR_INVALID;
    in.title_sv = cell(l, f, "title_sv");
    in.title_en = cell(l, f, "title_en");
    in.description_sv = cell(l, f, "description_sv");
    in.description_en = cell(l, f, "description_en");
    rc = objective_create(l->db, &in, WHO, &id, &we);
    return rc ? refused(l, line, rc, &we)
              : remember(l, &l->objectives, cell(l, f, "key"), id, in.mission_id, line);
}

static const char *const indicator_columns[] = {
    "key",        "objective",      "direction",    "decimals",       "base_year",
    "base_value", "target_kind",    "target_value", "target_year",    "weight",
    "dimensions", "sdg_indicators", "unit_sv",      "unit_en",        "source",
    "source_url", "title_sv",       "title_en",     "description_sv", "description_en",
    NULL};
static const char *const indicator_rename[] = {"objective_id", "objective", NULL};

static enum err
indicator_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct indicator_settings *s;
    struct write_error we;
    struct indicator_new in = {0};
    int64_t id, decimals;
    bool has;
    enum err rc;

    s = &in.progress;
    if (cells(l, n, line) ||
        ref(l, &l->objectives, "objectives.csv", cell(l, f, "objective"), line, "objective",
            &in.objective_id) ||
        whole(l, f, "decimals", line, false, &has, &decimals) ||
        year(l, f, "base_year", line, true, &s->has_base_year, &s->base_year) ||
        number(l, f, "base_value", line, true, &s->has_base_value, &s->base_value) ||
        number(l, f, "target_value", line, true, &s->has_target_value, &s->target_value) ||
        year(l, f, "target_year", line, true, &has, &s->target_year) ||
        number(l, f, "weight", line, false, &has, &in.weight))
        return ERR_INVALID;
    in.decimals = decimals >= 0 && decimals <= 6 ? (int)decimals : -1;
    s->direction = cell(l, f, "direction");
    s->target_kind = cell(l, f, "target_kind");
    s->headline = "";
    in.dimensions = list(l, cell(l, f, "dimensions"), &in.n_dimensions);
    in.sdg_indicators = list(l, cell(l, f, "sdg_indicators"), &in.n_sdg_indicators);
    in.unit_sv = cell(l, f, "unit_sv");
    in.unit_en = cell(l, f, "unit_en");
    in.source = cell(l, f, "source");
    in.source_url = opt(l, f, "source_url");
    in.title_sv = cell(l, f, "title_sv");
    in.title_en = cell(l, f, "title_en");
    in.description_sv = cell(l, f, "description_sv");
    in.description_en = cell(l, f, "description_en");
    rc = indicator_create(l->db, &in, WHO, &id, &we);
    return rc ? refused(l, line, rc, &we)
              : remember(l, &l->indicators, cell(l, f, "key"), id, 0, line);
}

/* Each observations/<indicator key>.csv through the import, into its indicator. */
static enum err
load_observations(struct loader *l)
{
    const struct embed_file *f;
    const struct key *k;
    struct tidy_error te;
    struct import *im;
    size_t n, pre = strlen(OBS_DIR);
    char key[128];
    long rows;
    enum err rc;

    for (f = l->files; f->name != NULL; f++) {
        n = strlen(f->name);
        if (strncmp(f->name, OBS_DIR, pre) != 0 || n < pre + 5 || n - pre - 4 >= sizeof(key) ||
            strcmp(f->name + n - 4, ".csv") != 0)
            continue;
        snprintf(key, sizeof(key), "%.*s", (int)(n - pre - 4), f->name + pre);
        l->file = f->name;
        k = find(&l->indicators, key);
        if (k == NULL)
            return fail(l, 0, 0, "no row of indicators.csv has the key \"%s\"", key);
        rc = import_begin_in(l->db, k->id, IMPORT_CSV, WHO, 0, NULL, &im);
        if (rc)
            return fail(l, 0, 0, "%s", err_str(rc));
        import_feed(im, f->data, f->len);
        if (import_finish(im, &rows, &te) != ERR_OK)
            return fail(l, te.line, te.column, "%s", te.msg);
    }
    return ERR_OK;
}

static const char *const part_columns[] = {"mission", "initiative", "actor", "role", NULL};

/* A row of initiative_actors.csv, kept for initiatives.csv. */
static enum err
part_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct part *bigger, *p;
    int64_t mission, actor;

    if (cells(l, n, line) ||
        ref(l, &l->missions, "missions.csv", cell(l, f, "mission"), line, "mission", &mission) ||
        ref(l, &l->actors, "actors.csv", cell(l, f, "actor"), line, "actor", &actor))
        return ERR_INVALID;
    if (mission == 0 || actor == 0)
        return fail(l, line, col_of(l, mission == 0 ? "mission" : "actor"), "%s is required",
                    mission == 0 ? "mission" : "actor");
    if (l->n_parts == l->cap_parts) {
        l->cap_parts = l->cap_parts ? l->cap_parts * 2 : 64;
        bigger = arena_alloc(&l->a, (size_t)l->cap_parts * sizeof(*bigger));
        if (l->n_parts > 0)
            memcpy(bigger, l->parts, (size_t)l->n_parts * sizeof(*bigger));
        l->parts = bigger;
    }
    p = &l->parts[l->n_parts++];
    p->mission = arena_strdup(&l->a, cell(l, f, "mission"));
    p->initiative = arena_strdup(&l->a, cell(l, f, "initiative"));
    p->role = arena_strdup(&l->a, cell(l, f, "role"));
    p->actor = actor;
    p->line = line;
    p->used = false;
    memcpy(l->part_col, l->col, sizeof(l->col));
    return ERR_OK;
}

/* Place a problem at row i of the kept rows of initiative_actors.csv. */
static enum err
part_fail(struct loader *l, int i, const char *column, const char *msg)
{
    l->file = DIR "initiative_actors.csv";
    l->columns = part_columns;
    memcpy(l->col, l->part_col, sizeof(l->col));
    return fail(l, l->parts[i].line, col_of(l, column), "%s", msg);
}

static const char *const initiative_columns[] = {
    "mission",       "slug",          "origin",       "status",       "lead",
    "start_date",    "end_date",      "budget_sek",   "funding",      "objectives",
    "sdg_targets",   "title_sv",      "title_en",     "summary_sv",   "summary_en",
    "hypotheses_sv", "hypotheses_en", "learnings_sv", "learnings_en", NULL};
static const char *const initiative_rename[] = {
    "mission_id", "mission", "lead_actor_id", "lead", "objective_ids", "objectives", NULL};

/* The initiative's rows of initiative_actors.csv, in file order; index[] says which. */
static struct initiative_part *
parts_of(struct loader *l, const char *mission, const char *slug, int *out_n, int **index)
{
    struct initiative_part *v;
    int i, n = 0;

    v = arena_alloc(&l->a, (size_t)(l->n_parts + 1) * sizeof(*v));
    *index = arena_alloc(&l->a, (size_t)(l->n_parts + 1) * sizeof(**index));
    for (i = 0; i < l->n_parts; i++)
        if (strcmp(l->parts[i].mission, mission) == 0 &&
            strcmp(l->parts[i].initiative, slug) == 0) {
            l->parts[i].used = true;
            v[n] = (struct initiative_part){l->parts[i].actor, l->parts[i].role};
            (*index)[n++] = i;
        }
    *out_n = n;
    return v;
}

static enum err
initiative_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct initiative_new in = {0};
    struct write_error we;
    const char **keys;
    int64_t id, *objectives;
    int i, k, *index;
    enum err rc;

    if (cells(l, n, line) ||
        ref(l, &l->missions, "missions.csv", cell(l, f, "mission"), line, "mission",
            &in.mission_id) ||
        ref(l, &l->actors, "actors.csv", cell(l, f, "lead"), line, "lead", &in.lead_actor_id) ||
        whole(l, f, "budget_sek", line, true, &in.has_budget, &in.budget_sek))
        return ERR_INVALID;
    keys = list(l, cell(l, f, "objectives"), &k);
    objectives = arena_alloc(&l->a, (size_t)(k + 1) * sizeof(*objectives));
    for (i = 0; i < k; i++)
        if (ref(l, &l->objectives, "objectives.csv", keys[i], line, "objectives", &objectives[i]))
            return ERR_INVALID;
    in.objective_ids = objectives;
    in.n_objectives = k;
    in.slug = cell(l, f, "slug");
    in.origin = cell(l, f, "origin");
    in.status = cell(l, f, "status");
    in.start_date = opt(l, f, "start_date");
    in.end_date = opt(l, f, "end_date");
    in.funding = cell(l, f, "funding");
    in.sdg_targets = list(l, cell(l, f, "sdg_targets"), &in.n_sdg_targets);
    in.title_sv = cell(l, f, "title_sv");
    in.title_en = cell(l, f, "title_en");
    in.summary_sv = cell(l, f, "summary_sv");
    in.summary_en = cell(l, f, "summary_en");
    in.hypotheses_sv = cell(l, f, "hypotheses_sv");
    in.hypotheses_en = cell(l, f, "hypotheses_en");
    in.learnings_sv = cell(l, f, "learnings_sv");
    in.learnings_en = cell(l, f, "learnings_en");
    in.is_demo = true;
    in.parts = parts_of(l, cell(l, f, "mission"), in.slug, &in.n_parts, &index);
    rc = initiative_create(l->db, &in, WHO, &id, &we);
    if (rc == ERR_OK)
        rc = remember(l, &l->initiatives,
                      arena_printf(&l->a, "%s/%s", cell(l, f, "mission"), in.slug), id,
                      in.mission_id, line);
    /* a participant's fault is at its row of initiative_actors.csv */
    if (rc == ERR_INVALID && strcmp(we.field, "parts") == 0 && we.item >= 0 && we.item < in.n_parts)
        return part_fail(l, index[we.item], strstr(we.msg, "role") ? "role" : "actor", we.msg);
    return rc ? refused(l, line, rc, &we) : ERR_OK;
}

static const char *const team_columns[] = {"mission", "person", "role", "is_contact", NULL};
static const char *const team_rename[] = {"mission_id", "mission", "person_id", "person", NULL};

static enum err
team_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct team_member_new in = {0};
    struct write_error we;
    const char *contact;
    enum err rc;

    if (cells(l, n, line) ||
        ref(l, &l->missions, "missions.csv", cell(l, f, "mission"), line, "mission",
            &in.mission_id) ||
        ref(l, &l->people, "people.csv", cell(l, f, "person"), line, "person", &in.person_id))
        return ERR_INVALID;
    contact = cell(l, f, "is_contact");
    if (strcmp(contact, "0") != 0 && strcmp(contact, "1") != 0)
        return fail(l, line, col_of(l, "is_contact"), "is_contact must be 0 or 1");
    in.role = cell(l, f, "role");
    in.is_contact = *contact == '1';
    rc = team_member_create(l->db, &in, WHO, &we);
    return rc ? refused(l, line, rc, &we) : ERR_OK;
}

/* commitments.csv: actors' commitments to the missions, with their status as of the demo
 * (commitment_create takes another status than pledged from the demo loader only). */
static const char *const commitment_columns[] = {
    "mission",      "actor",  "indicator",    "amount",       "by_date",
    "evidence_url", "status", "statement_sv", "statement_en", NULL};
static const char *const commitment_rename[] = {"mission_id",   "mission",   "actor_id", "actor",
                                                "indicator_id", "indicator", NULL};

static enum err
commitment_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct commitment_new in = {0};
    struct write_error we;
    int64_t id;
    enum err rc;

    if (cells(l, n, line) ||
        ref(l, &l->missions, "missions.csv", cell(l, f, "mission"), line, "mission",
            &in.mission_id) ||
        ref(l, &l->actors, "actors.csv", cell(l, f, "actor"), line, "actor", &in.actor_id) ||
        ref(l, &l->indicators, "indicators.csv", cell(l, f, "indicator"), line, "indicator",
            &in.indicator_id) ||
        number(l, f, "amount", line, true, &in.has_amount, &in.amount))
        return ERR_INVALID;
    in.by_date = opt(l, f, "by_date");
    in.evidence_url = opt(l, f, "evidence_url");
    in.status = cell(l, f, "status");
    in.statement_sv = cell(l, f, "statement_sv");
    in.statement_en = cell(l, f, "statement_en");
    in.is_demo = true;
    rc = commitment_create(l->db, &in, WHO, &id, &we);
    return rc ? refused(l, line, rc, &we) : ERR_OK;
}

/* A 0/1 cell. */
static enum err
flag(struct loader *l, char **f, const char *name, long line, bool *out)
{
    const char *v = cell(l, f, name);

    if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
        return fail(l, line, col_of(l, name), "%s must be 0 or 1", name);
    *out = *v == '1';
    return ERR_OK;
}

/* The ids of a list cell's keys (of keys k, file the file they come from; prefix: the
 * mission's "slug/" before each key for the initiatives). */
static enum err
refs(struct loader *l, const struct keys *k, const char *file, char **f, const char *name,
     const char *prefix, long line, const int64_t **out, int *out_n)
{
    const char **keys;
    int64_t *ids;
    int i, n;

    keys = list(l, cell(l, f, name), &n);
    ids = arena_alloc(&l->a, (size_t)(n + 1) * sizeof(*ids));
    for (i = 0; i < n; i++) {
        const char *key = prefix != NULL ? arena_printf(&l->a, "%s/%s", prefix, keys[i]) : keys[i];

        if (ref(l, k, file, key, line, name, &ids[i]))
            return ERR_INVALID;
    }
    *out = ids;
    *out_n = n;
    return ERR_OK;
}

/* learning.csv: the missions' learning logs. */
static const char *const learning_columns[] = {
    "mission",     "decided_on", "decision",      "is_public",
    "initiatives", "objectives", "hypothesis_sv", "hypothesis_en",
    "done_sv",     "done_en",    "learned_sv",    "learned_en",
    NULL};
static const char *const learning_rename[] = {
    "mission_id", "mission", "initiative_ids", "initiatives", "objective_ids", "objectives", NULL};

static enum err
learning_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct learning_new in = {0};
    struct write_error we;
    int64_t id;
    enum err rc;

    if (cells(l, n, line) ||
        ref(l, &l->missions, "missions.csv", cell(l, f, "mission"), line, "mission",
            &in.mission_id) ||
        flag(l, f, "is_public", line, &in.is_public) ||
        refs(l, &l->initiatives, "initiatives.csv", f, "initiatives", cell(l, f, "mission"), line,
             &in.initiative_ids, &in.n_initiatives) ||
        refs(l, &l->objectives, "objectives.csv", f, "objectives", NULL, line, &in.objective_ids,
             &in.n_objectives))
        return ERR_INVALID;
    in.decided_on = cell(l, f, "decided_on");
    in.decision = cell(l, f, "decision");
    in.hypothesis_sv = cell(l, f, "hypothesis_sv");
    in.hypothesis_en = cell(l, f, "hypothesis_en");
    in.done_sv = cell(l, f, "done_sv");
    in.done_en = cell(l, f, "done_en");
    in.learned_sv = cell(l, f, "learned_sv");
    in.learned_en = cell(l, f, "learned_en");
    in.is_demo = true;
    rc = learning_create(l->db, &in, WHO, &id, &we);
    return rc ? refused(l, line, rc, &we) : ERR_OK;
}

/* reviews.csv: the missions' portfolio reviews. */
static const char *const review_columns[] = {"mission",      "held_on",      "is_public", "people",
                                             "decisions_sv", "decisions_en", NULL};
static const char *const review_rename[] = {"mission_id", "mission", "person_ids", "people", NULL};

static enum err
review_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct review_new in = {0};
    struct write_error we;
    int64_t id;
    enum err rc;

    if (cells(l, n, line) ||
        ref(l, &l->missions, "missions.csv", cell(l, f, "mission"), line, "mission",
            &in.mission_id) ||
        flag(l, f, "is_public", line, &in.is_public) ||
        refs(l, &l->people, "people.csv", f, "people", NULL, line, &in.person_ids, &in.n_people))
        return ERR_INVALID;
    in.held_on = cell(l, f, "held_on");
    in.decisions_sv = cell(l, f, "decisions_sv");
    in.decisions_en = cell(l, f, "decisions_en");
    in.is_demo = true;
    rc = review_create(l->db, &in, WHO, &id, &we);
    return rc ? refused(l, line, rc, &we) : ERR_OK;
}

/*
 * The demo accounts: flagged is_demo (serve then refuses to listen beyond the loopback
 * interface), with the passwords and TOTP secrets data/demo/README.md and the README
 * state. The passwords are hashed here, inside init's transaction: three hashes, before
 * any server runs, so no one waits on the lock.
 */
static const char *const account_columns[] = {"person",      "email",      "password",    "role",
                                              "coordinator", "represents", "totp_secret", NULL};
static const char *const account_rename[] = {"person_id", "person", "password_hash", "password",
                                             NULL};

static enum err
account_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct user_new in = {0};
    struct write_error we;
    char hash[USER_HASH_LEN];
    const char *secret;
    int64_t id, mission = 0, actor = 0;
    enum err rc;

    if (cells(l, n, line) ||
        ref(l, &l->people, "people.csv", cell(l, f, "person"), line, "person", &in.person_id) ||
        ref(l, &l->missions, "missions.csv", cell(l, f, "coordinator"), line, "coordinator",
            &mission) ||
        ref(l, &l->actors, "actors.csv", cell(l, f, "represents"), line, "represents", &actor))
        return ERR_INVALID;
    rc = user_password_hash(&we, "password", cell(l, f, "password"), hash);
    if (rc)
        return refused(l, line, rc, &we);
    in.email = cell(l, f, "email");
    in.password_hash = hash;
    in.role = cell(l, f, "role");
    in.is_demo = true;
    rc = user_create(l->db, &in, WHO, l->now, &id, &we);
    if (rc)
        return refused(l, line, rc, &we);
    if (mission != 0 && (rc = user_coordinator_add(l->db, id, mission, WHO)) != ERR_OK)
        return fail(l, line, col_of(l, "coordinator"), "%s", err_str(rc));
    if (actor != 0 &&
        (rc = user_representative_add(l->db, id, actor, true, 0, WHO, l->now)) != ERR_OK)
        return fail(l, line, col_of(l, "represents"), "%s", err_str(rc));
    secret = opt(l, f, "totp_secret");
    if (secret != NULL && (rc = mfa_enrol_fixed(l->db, id, secret, l->now)) != ERR_OK)
        return fail(l, line, col_of(l, "totp_secret"), "%s",
                    rc == ERR_INVALID ? "totp_secret is not base32 of 10 to 64 bytes"
                                      : err_str(rc));
    return ERR_OK;
}

/* site.csv: the site's settings, one row (site.h), marked as demo content. */
static const char *const site_columns[] = {"about_sv",
                                           "about_en",
                                           "contact_email",
                                           "contact_phone",
                                           "contact_address",
                                           "contact_text_sv",
                                           "contact_text_en",
                                           "owner_sv",
                                           "owner_en",
                                           "owner_url",
                                           NULL};

static enum err
site_row(void *ctx, char **f, int n, long line)
{
    struct loader *l = ctx;
    struct write_error we;
    struct site in = {0};
    enum err rc;

    if (cells(l, n, line))
        return ERR_INVALID;
    if (l->site_read)
        return fail(l, line, 0, "the site has one row of settings");
    l->site_read = true;
    in.about_sv = cell(l, f, "about_sv");
    in.about_en = cell(l, f, "about_en");
    in.contact_email = opt(l, f, "contact_email");
    in.contact_phone = opt(l, f, "contact_phone");
    in.contact_address = opt(l, f, "contact_address");
    in.contact_text_sv = cell(l, f, "contact_text_sv");
    in.contact_text_en = cell(l, f, "contact_text_en");
    in.owner_sv = cell(l, f, "owner_sv");
    in.owner_en = cell(l, f, "owner_en");
    in.owner_url = opt(l, f, "owner_url");
    rc = site_update(l->db, &in, WHO, l->now, NULL, &we);
    if (rc == ERR_OK)
        rc = site_set_demo(l->db, true);
    return rc ? refused(l, line, rc, &we) : ERR_OK;
}

/* ------------------------------------------------------------ dialogues */

/* One demo dialogue: its mission, actors and objectives by key, its follow-ups. */
struct demo_dialogue {
    const char *mission, *held_on, *format, *title_sv, *title_en, *summary_sv, *summary_en,
        *outcomes_sv, *outcomes_en;
    bool is_public;
    const char *actors[4], *objectives[2];
    struct {
        const char *text_sv, *text_en, *owner, *due_on;
    } fu[2];
};

/* Built from demo-facts.md: the school-meal mission's work with municipalities and the
 * food chain, and Street Moves' street kits. One follow-up is overdue on any run date
 * (due 2025), one open and not yet due (2030); the last dialogue's notes are not public. */
static const struct demo_dialogue demo_dialogues[] = {
    {"skolmat",
     "2024-09-12",
     "workshop",
     "Verkstad om upphandling av skolmat",
     "Workshop on procuring school food",
     "Kommuner och Upphandlingsmyndigheten gick igenom hur krav på hållbara livsmedel kan "
     "ställas i upphandlingar.",
     "Municipalities and the Procurement Agency went through how requirements for "
     "sustainable food can be set in tenders.",
     "Tre kommuner vill pröva gemensamma krav.",
     "Three municipalities want to try shared "
     "requirements.",
     true,
     {"upphandlingsmyndigheten", "hofors-kommun", "karlstads-kommun", NULL},
     {"f-procure", NULL},
     {{"Skicka ut förslag på gemensamma krav", "Send out a draft of shared requirements",
       "maria-holm", "2025-02-28"},
      {"Följ upp första upphandlingen", "Follow up the first tender", "maria-holm", "2030-06-30"}}},
    {"skolmat",
     "2024-11-05",
     "field_visit",
     "Studiebesök i skolkök",
     "Visit to a school kitchen",
     "Besök i ett tillagningskök för att se hur matsvinnet mäts.",
     "A visit to a cooking kitchen to see how food waste is measured.",
     "",
     "",
     true,
     {"munkedals-kommun", "livsmedelsverket", NULL, NULL},
     {"f-waste", NULL},
     {{NULL, NULL, NULL, NULL}, {NULL, NULL, NULL, NULL}}},
    {"gator",
     "2024-05-20",
     "meeting",
     "Möte om gatumoduler",
     "Meeting on street kits",
     "Intern anteckning: budgetfrågor inför nästa omgång.",
     "Internal note: budget questions before the next round.",
     "",
     "",
     false,
     {"arkdes", "stockholms-stad", NULL, NULL},
     {NULL, NULL},
     {{"Ta fram budgetunderlag", "Prepare the budget material", "erik-lindgren", "2025-01-31"},
      {NULL, NULL, NULL, NULL}}},
};

static enum err
dialogues_load(struct loader *l)
{
    size_t i;
    int k;

    for (i = 0; i < sizeof(demo_dialogues) / sizeof(demo_dialogues[0]); i++) {
        const struct demo_dialogue *dd = &demo_dialogues[i];
        struct dialogue_new in = {0};
        struct follow_up_new fu[2];
        int64_t actors[4], objectives[2], id;
        const struct key *x;
        struct write_error we;
        enum err rc;

        l->file = "demo.c (dialogues)";
        x = find(&l->missions, dd->mission);
        if (x == NULL)
            return fail(l, (long)i + 1, 0, "no mission %s", dd->mission);
        in.mission_id = x->id;
        for (k = 0; k < 4 && dd->actors[k] != NULL; k++) {
            if ((x = find(&l->actors, dd->actors[k])) == NULL)
                return fail(l, (long)i + 1, 0, "no actor %s", dd->actors[k]);
            actors[k] = x->id;
        }
        in.actor_ids = actors;
        in.n_actors = k;
        for (k = 0; k < 2 && dd->objectives[k] != NULL; k++) {
            if ((x = find(&l->objectives, dd->objectives[k])) == NULL)
                return fail(l, (long)i + 1, 0, "no objective %s", dd->objectives[k]);
            objectives[k] = x->id;
        }
        in.objective_ids = objectives;
        in.n_objectives = k;
        for (k = 0; k < 2 && dd->fu[k].text_sv != NULL; k++) {
            if ((x = find(&l->people, dd->fu[k].owner)) == NULL)
                return fail(l, (long)i + 1, 0, "no person %s", dd->fu[k].owner);
            fu[k] = (struct follow_up_new){0, dd->fu[k].text_sv, dd->fu[k].text_en, x->id,
                                           dd->fu[k].due_on};
        }
        in.follow_ups = fu;
        in.n_follow_ups = k;
        in.held_on = dd->held_on;
        in.format = dd->format;
        in.title_sv = dd->title_sv;
        in.title_en = dd->title_en;
        in.summary_sv = dd->summary_sv;
        in.summary_en = dd->summary_en;
        in.outcomes_sv = dd->outcomes_sv;
        in.outcomes_en = dd->outcomes_en;
        in.is_public = dd->is_public;
        in.is_demo = true;
        rc = dialogue_create(l->db, &in, WHO, l->now, &id, &we);
        if (rc)
            return refused(l, (long)i + 1, rc, &we);
    }
    return ERR_OK;
}

/* ------------------------------------------------------------ seminars */

/* One demo seminar, dated relative to the day the database is made (days from it, local
 * start hour and minutes long), with people registered (name, organisation: a registry
 * actor's name is matched to it) and, for a past one, how many of them attended (the
 * first ones). Every state shows on `make run`: open with places, full with a waiting list
 * (capacity 3, five registered), registration closed, held with attendance. */
struct demo_seminar {
    const char *mission;
    int day, hour, minutes, capacity, close_days, attended;
    const char *title_sv, *title_en, *description_sv, *description_en, *place, *online_url,
        *language, *accessibility_sv, *accessibility_en;
    const char *people[6][3]; /* name, organisation, e-mail */
};

static const struct demo_seminar demo_seminars[] = {
    {"skolmat",
     14,
     9,
     180,
     40,
     2,
     0,
     "Mötesplats skolmat: hållbar upphandling",
     "Meeting place school food: sustainable procurement",
     "Kommuner, kök och myndigheter delar erfarenheter av att ställa krav på hållbara "
     "livsmedel i upphandlingar. Upphandlingsmyndigheten visar sina kriterier.",
     "Municipalities, kitchens and agencies share what they learnt from setting requirements "
     "for sustainable food in tenders. The Procurement Agency presents its criteria.",
     "Vinnova, Mäster Samuelsgatan 56, Stockholm",
     "",
     "sv",
     "Lokalen har hiss och hörslinga. Säg till om du behöver teckenspråkstolk.",
     "The venue has a lift and a hearing loop. Tell us if you need a sign language interpreter.",
     {{"Anna Berg", "Hofors kommun", "anna.berg@example.se"},
      {"Johan Ek", "Karlstads kommun", "johan.ek@example.se"},
      {"Lina Sjö", "Upphandlingsmyndigheten", "lina.sjo@example.se"},
      {NULL, NULL, NULL}}},
    {"skolmat",
     21,
     13,
     90,
     3,
     1,
     0,
     "Webbinarium: mät matsvinnet i skolköket",
     "Webinar: measuring food waste in the school kitchen",
     "Livsmedelsverket går igenom hur ett kök mäter sitt svinn, och Munkedals kommun berättar "
     "hur de gjorde.",
     "The Swedish Food Agency shows how a kitchen measures its waste, and Munkedal "
     "municipality tells how they did it.",
     "",
     "https://www.livsmedelsverket.se/",
     "sv_en",
     "Textning på svenska.",
     "Captions in Swedish.",
     {{"Sara Lind", "Munkedals kommun", "sara.lind@example.se"},
      {"Per Holm", "Livsmedelsverket", "per.holm@example.se"},
      {"Eva Strand", "Vallentuna kommun", "eva.strand@example.se"},
      {"Ali Hassan", "Hultsfreds kommun", "ali.hassan@example.se"},
      {"Maja Nord", "", "maja.nord@example.se"},
      {NULL, NULL, NULL}}},
    {"gator",
     3,
     15,
     120,
     25,
     4,
     0,
     "Gatumoduler i praktiken",
     "Street kits in practice",
     "ArkDes och kommunerna i Street Moves visar vad gatumodulerna gjorde med gatorna.",
     "ArkDes and the Street Moves municipalities show what the street kits did to the streets.",
     "ArkDes, Exercisplan 4, Stockholm",
     "",
     "sv",
     "Entré utan trappsteg.",
     "Step-free entrance.",
     {{"Karin Ås", "Stockholms stad", "karin.as@example.se"},
      {"Omar Said", "Göteborgs Stad", "omar.said@example.se"},
      {NULL, NULL, NULL}}},
    {"skolmat",
     -45,
     10,
     150,
     30,
     3,
     3,
     "Skolmatens dag: resultat från pilotkommunerna",
     "School food day: results from the pilot municipalities",
     "Pilotkommunerna redovisade sina första mätningar av matsvinn och andel ekologiskt.",
     "The pilot municipalities presented their first measurements of food waste and the share "
     "of organic food.",
     "Stadsmissionens konferens, Stockholm",
     "",
     "sv",
     "",
     "",
     {{"Anna Berg", "Hofors kommun", "anna.berg@example.se"},
      {"Johan Ek", "Karlstads kommun", "johan.ek@example.se"},
      {"Lars Dal", "Livsmedelsverket", "lars.dal@example.se"},
      {"Nina Fors", "", "nina.fors@example.se"},
      {NULL, NULL, NULL}}},
    {"gator",
     -20,
     14,
     120,
     20,
     2,
     2,
     "Workshop: levande gator efter sommaren",
     "Workshop: living streets after the summer",
     "Vad fungerade med sommarens gatumoduler, och vad gör vi nästa år?",
     "What worked with the summer's street kits, and what do we do next year?",
     "Spacescape, Stockholm",
     "",
     "sv",
     "",
     "",
     {{"Karin Ås", "Stockholms stad", "karin.as@example.se"},
      {"Elin Rask", "Spacescape", "elin.rask@example.se"},
      {"Tom Vik", "", "tom.vik@example.se"},
      {NULL, NULL, NULL}}},
};

/* day days from now's local day, at hour:00 Stockholm time */
static int64_t
demo_local(int64_t now, int day, int hour)
{
    int64_t local = now + ical_stockholm_offset(now);
    int64_t midnight = local - local % 86400 + (int64_t)day * 86400 + (int64_t)hour * 3600;

    return midnight - ical_stockholm_offset(midnight - 3600);
}

static enum err
seminars_load(struct loader *l)
{
    size_t i;
    int k;

    l->file = "demo.c (seminars)";
    for (i = 0; i < sizeof(demo_seminars) / sizeof(demo_seminars[0]); i++) {
        const struct demo_seminar *ds = &demo_seminars[i];
        struct seminar_new in = {0};
        int64_t id, ids[6];
        const struct key *x;
        struct write_error we;
        enum err rc;
        int n_ids = 0;

        if ((x = find(&l->missions, ds->mission)) == NULL)
            return fail(l, (long)i + 1, 0, "no mission %s", ds->mission);
        in.mission_id = x->id;
        in.title_sv = ds->title_sv;
        in.title_en = ds->title_en;
        in.description_sv = ds->description_sv;
        in.description_en = ds->description_en;
        in.starts_at = demo_local(l->now, ds->day, ds->hour);
        in.ends_at = in.starts_at + (int64_t)ds->minutes * 60;
        in.closes_at = in.starts_at - (int64_t)ds->close_days * 86400;
        in.place = ds->place;
        in.online_url = ds->online_url;
        in.language = ds->language;
        in.capacity = ds->capacity;
        in.accessibility_sv = ds->accessibility_sv;
        in.accessibility_en = ds->accessibility_en;
        in.is_demo = true;
        rc = seminar_create(l->db, &in, WHO, l->now, &id, &we);
        if (rc)
            return refused(l, (long)i + 1, rc, &we);
        for (k = 0; k < 6 && ds->people[k][0] != NULL; k++) {
            struct seminar_signup su = {0};
            struct seminar_registration r;

            su.seminar_id = id;
            su.name = ds->people[k][0];
            su.email = ds->people[k][2]; /* the reserved example.se domain */
            su.organisation = ds->people[k][1];
            su.lang = "sv";
            su.consent = true;
            su.is_demo = true;
            /* registered in turn, a day apart, before the load (and, for a past seminar,
             * before its deadline): a person registering now queues after them. No mail. */
            rc = seminar_register_in(l->db, &l->a, &su,
                                     (in.closes_at < l->now ? in.closes_at : l->now) -
                                         (int64_t)(20 - k) * 86400,
                                     NULL, &r, &we);
            if (rc)
                return refused(l, (long)i + 1, rc, &we);
            ids[n_ids++] = r.id;
        }
        if (ds->attended > 0) {
            rc = seminar_attendance_in(l->db, id, ids, ds->attended < n_ids ? ds->attended : n_ids,
                                       WHO, in.ends_at, &we);
            if (rc)
                return refused(l, (long)i + 1, rc, &we);
        }
    }
    return ERR_OK;
}

/* ------------------------------------------------------------ the load */

enum err
demo_load(struct db *db, struct demo_error *out_err)
{
    return demo_load_files(db, embedded, out_err);
}

enum err
demo_load_files(struct db *db, const struct embed_file *files, struct demo_error *out_err)
{
    struct loader *l;
    enum err rc;
    int i;

    memset(out_err, 0, sizeof(*out_err));
    l = calloc(1, sizeof(*l));
    if (l == NULL)
        die("out of memory");
    l->files = files;
    l->db = db;
    l->err = out_err;
    l->now = (int64_t)time(NULL);
    arena_init(&l->a);
    rc = read_file(l, "actors.csv", actor_columns, NULL, actor_row);
    if (rc == ERR_OK)
        rc = read_file(l, "people.csv", person_columns, person_rename, person_row);
    if (rc == ERR_OK)
        rc = read_file(l, "missions.csv", mission_columns, mission_rename, mission_row);
    if (rc == ERR_OK)
        rc = read_file(l, "objectives.csv", objective_columns, objective_rename, objective_row);
    if (rc == ERR_OK)
        rc = read_file(l, "indicators.csv", indicator_columns, indicator_rename, indicator_row);
    if (rc == ERR_OK)
        rc = load_observations(l);
    if (rc == ERR_OK)
        rc = read_file(l, "initiative_actors.csv", part_columns, NULL, part_row);
    if (rc == ERR_OK)
        rc = read_file(l, "initiatives.csv", initiative_columns, initiative_rename, initiative_row);
    for (i = 0; rc == ERR_OK && i < l->n_parts; i++)
        if (!l->parts[i].used)
            rc = part_fail(l, i, "initiative", "no row of initiatives.csv is this initiative");
    if (rc == ERR_OK)
        rc = read_file(l, "teams.csv", team_columns, team_rename, team_row);
    if (rc == ERR_OK)
        rc = read_file(l, "commitments.csv", commitment_columns, commitment_rename, commitment_row);
    if (rc == ERR_OK)
        rc = dialogues_load(l);
    if (rc == ERR_OK)
        rc = seminars_load(l);
    if (rc == ERR_OK)
        rc = read_file(l, "learning.csv", learning_columns, learning_rename, learning_row);
    if (rc == ERR_OK)
        rc = read_file(l, "reviews.csv", review_columns, review_rename, review_row);
    if (rc == ERR_OK)
        rc = read_file(l, "accounts.csv", account_columns, account_rename, account_row);
    if (rc == ERR_OK)
        rc = read_file(l, "site.csv", site_columns, NULL, site_row);
    if (rc && out_err->msg[0] == '\0')
        snprintf(out_err->msg, sizeof(out_err->msg), "%s", err_str(rc));
    arena_free(&l->a);
    free(l);
    return rc;
}
