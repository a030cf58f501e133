/*
 * refdata.c — load the reference data compiled into the binary (data/, with
 * its sources and licences in data/README.md): the 17 SDG goals with Swedish
 * names and colours, 169 targets and the indicators; Swedish counties and
 * municipalities; SNI 2007. Runs inside the caller's transaction.
 */
#include "domain/refdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvrows.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/str.h"

struct ctx {
    struct db *db;
    char short_sv[18][96];
    char colour[18][8];
    int target_pos[18];
    char last_target[16];
    int indicator_pos;
};

static enum err
run3(struct db *db, enum q q, const char *a, const char *b, const char *c)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, a);
    db_bind_text(st, 2, b);
    if (c != NULL)
        db_bind_text(st, 3, c);
    return db_run(st);
}

static enum err
goals_sv_row(void *vctx, char **f, int n, long line)
{
    struct ctx *c = vctx;
    int64_t g;

    if (n < 5 || str_to_i64(f[0], &g) != ERR_OK || g < 1 || g > 17) {
        log_msg(LOG_ERROR, "msg=\"bad row in sdg_goals_sv.csv\" line=%ld", line);
        return ERR_INVALID;
    }
    snprintf(c->short_sv[g], sizeof(c->short_sv[g]), "%s", f[1]);
    snprintf(c->colour[g], sizeof(c->colour[g]), "%s", f[4]);
    return ERR_OK;
}

static enum err
framework_row(void *vctx, char **f, int n, long line)
{
    struct ctx *c = vctx;
    struct db_stmt *st;
    int64_t g;

    if (n < 8 || str_to_i64(f[2], &g) != ERR_OK || g < 1 || g > 17) {
        log_msg(LOG_ERROR, "msg=\"bad row in sdg_framework_en.csv\" line=%ld", line);
        return ERR_INVALID;
    }
    if (strcmp(f[0], "goal") == 0) {
        st = db_stmt(c->db, Q_SDG_GOAL_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, g);
        db_bind_text(st, 2, f[4]);
        db_bind_text(st, 3, f[5]);
        db_bind_text(st, 4, c->short_sv[g]);
        db_bind_text(st, 5, c->colour[g]);
        return db_run(st);
    }
    if (strcmp(f[0], "target") == 0) {
        st = db_stmt(c->db, Q_SDG_TARGET_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_text(st, 1, f[1]);
        db_bind_i64(st, 2, g);
        db_bind_i64(st, 3, ++c->target_pos[g]);
        db_bind_text(st, 4, f[4]);
        return db_run(st);
    }
    if (strcmp(f[0], "indicator") == 0) {
        if (strcmp(c->last_target, f[3]) != 0) {
            snprintf(c->last_target, sizeof(c->last_target), "%s", f[3]);
            c->indicator_pos = 0;
        }
        st = db_stmt(c->db, Q_SDG_INDICATOR_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_text(st, 1, f[1]);
        db_bind_text(st, 2, f[3]);
        db_bind_i64(st, 3, ++c->indicator_pos);
        db_bind_text(st, 4, f[4]);
        db_bind_text(st, 5, f[6]);
        db_bind_text(st, 6, f[7]);
        return db_run(st);
    }
    log_msg(LOG_ERROR, "msg=\"unknown level in sdg_framework_en.csv\" line=%ld", line);
    return ERR_INVALID;
}

static enum err
county_row(void *vctx, char **f, int n, long line)
{
    struct ctx *c = vctx;

    (void)line;
    if (n < 2)
        return ERR_INVALID;
    return run3(c->db, Q_COUNTY_ADD, f[0], f[1], NULL);
}

static enum err
municipality_row(void *vctx, char **f, int n, long line)
{
    struct ctx *c = vctx;

    (void)line;
    if (n < 4)
        return ERR_INVALID;
    return run3(c->db, Q_MUNICIPALITY_ADD, f[0], f[2], f[3]);
}

static enum err
sni_row(void *vctx, char **f, int n, long line)
{
    struct ctx *c = vctx;

    (void)line;
    if (n < 2)
        return ERR_INVALID;
    return run3(c->db, Q_SNI_ADD, f[0], f[1], NULL);
}

static enum err
load(const char *name, csvrows_cb cb, struct ctx *c)
{
    const struct embed_file *f = embed_get(name);
    enum err rc;

    if (f == NULL) {
        log_msg(LOG_ERROR, "msg=\"reference file missing from build\" file=%s", name);
        return ERR_NOTFOUND;
    }
    rc = csvrows_parse(f->data, f->len, cb, c);
    if (rc)
        log_msg(LOG_ERROR, "msg=\"cannot load reference data\" file=%s", name);
    return rc;
}

enum err
refdata_load(struct db *db)
{
    struct ctx *c;
    enum err rc;

    c = calloc(1, sizeof(*c));
    if (c == NULL)
        die("out of memory");
    c->db = db;
    rc = load("data/sdg/sdg_goals_sv.csv", goals_sv_row, c);
    if (rc == ERR_OK)
        rc = load("data/sdg/sdg_framework_en.csv", framework_row, c);
    if (rc == ERR_OK)
        rc = load("data/se/counties.csv", county_row, c);
    if (rc == ERR_OK)
        rc = load("data/se/municipalities.csv", municipality_row, c);
    if (rc == ERR_OK)
        rc = load("data/se/scb_sni2007.csv", sni_row, c);
    free(c);
    return rc;
}
