/*
 * observation.c — one observation at a time (see observation.h): put, remove, find.
 * Never formats SQL; never stores a value the import would refuse (the same limits,
 * tidycsv.h), so what the form writes exports and re-imports unchanged.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "core/utf8.h"
#include "domain/assess.h"
#include "domain/audit.h"
#include "domain/change.h"
#include "domain/observation.h"
#include "domain/period.h"
#include "domain/progress_log.h"
#include "domain/settings.h"
#include "domain/tidycsv.h"

/* xgettext extracts N_() here (and the msg of write_refuse and settings_invalid by `make
 * pot`'s keywords); the web layer says these refusals in the request's language */
#define N_(s) (s)

/* in Q_OBSERVATION_STORED's column order. Optional kinds, so that a new value is [null,
 * after] and a removed one [before, null]. */
const struct change_field observation_audit_fields[OBSERVATION_AUDIT_FIELDS] = {
    {"value", CH_OPT_DBL, false},
    {"source", CH_OPT, false},
    {"note", CH_OPT, false},
};

const char *
observation_detail(struct arena *a, const char *period, const char *series, const char *unit,
                   const char *disagg)
{
    struct buf b;
    const char *p, *out;

    buf_init(&b, 0);
    buf_adds(&b, period);
    if (*series)
        buf_printf(&b, " Series=%s", series);
    if (*unit)
        buf_printf(&b, " Units=%s", unit);
    for (p = disagg; *p; p++) {
        if (p == disagg)
            buf_addc(&b, ' ');
        buf_addc(&b, *p == TIDY_DISAGG_SEP ? ' ' : *p);
    }
    out = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return out;
}

/* A key resolved against the indicator as stored. */
struct located {
    int64_t mission_id;
    const char *period; /* the label: the key's, or the year's own ("2024") */
    struct period p;
    const char *series, *unit;
    const char *disagg; /* canonical "Field=Value" pairs joined by TIDY_DISAGG_SEP */
    const char *detail; /* the key for the audit entry: "2024 Kön=Flickor" */
};

/* Text of a tidy field: at most TIDY_MAX_FIELD bytes, UTF-8, no control character (the
 * 0x1F separator among them). item -1: not a list. */
static enum err
check_text(struct write_error *e, const char *field, int item, const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0;
    const char *msg = NULL;

    if (n > TIDY_MAX_FIELD)
        msg = N_("is longer than 1024 bytes");
    else if (!utf8_valid(s != NULL ? s : "", n))
        msg = N_("is not valid UTF-8");
    else if (str_find_control(s != NULL ? s : "", n) < n)
        msg = N_("contains a control character");
    if (msg == NULL)
        return ERR_OK;
    return item < 0 ? write_refuse(e, field, msg) : write_refuse_item(e, field, item, msg);
}

static enum err
resolve(struct db *db, struct arena *a, int64_t indicator_id, const struct observation_key *key,
        struct located *out, struct write_error *e)
{
    const char *dims[TIDY_MAX_COLUMNS];
    struct db_stmt *st;
    struct buf disagg;
    const char *why;
    int n_dims = 0, i;
    enum err rc;
    bool row;

    memset(out, 0, sizeof(*out));
    st = db_stmt(db, Q_INDICATOR_EXISTS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        out->mission_id = db_i64(st, 0);
    db_done(st);
    if (rc)
        return rc;
    st = db_stmt(db, Q_INDICATOR_DIMENSIONS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    while ((rc = db_step(st, &row)) == ERR_OK && row && n_dims < TIDY_MAX_COLUMNS)
        dims[n_dims++] = db_text_dup(st, 0, a);
    db_done(st);
    if (rc)
        return rc;

    out->period =
        key->period != NULL ? arena_strdup(a, key->period) : arena_printf(a, "%d", key->year);
    if (strlen(out->period) > TIDY_MAX_PERIOD ||
        !period_parse(out->period, strlen(out->period), &out->p, &why))
        return write_refuse(e, "year", "is not a period that names a year");
    rc = write_year(e, "year", out->p.year);
    if (rc)
        return rc;
    if (key->n_cells < 0 || key->n_cells > n_dims)
        return write_refuse(e, "cells", "has more values than the indicator has breakdowns");
    for (i = 0; i < key->n_cells; i++) {
        rc = check_text(e, "cells", i, key->cells[i]);
        if (rc)
            return rc;
    }

    st = db_stmt(db, Q_OBSERVATION_FIRST_SERIES);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    rc = db_step(st, &row);
    out->series = rc == ERR_OK && row ? db_text_dup(st, 0, a) : "";
    out->unit = rc == ERR_OK && row ? db_text_dup(st, 1, a) : "";
    db_done(st);
    if (rc)
        return rc;

    /* the same canonical form as an import's (import.c insert_row): declared order, the
     * empty cells left out */
    buf_init(&disagg, 0);
    for (i = 0; i < key->n_cells; i++) {
        if (key->cells[i] == NULL || *key->cells[i] == '\0')
            continue;
        if (disagg.len > 0)
            buf_addc(&disagg, TIDY_DISAGG_SEP);
        buf_printf(&disagg, "%s=%s", dims[i], key->cells[i]);
    }
    rc = buf_err(&disagg) ? ERR_LIMIT : ERR_OK;
    if (rc == ERR_OK && strlen(out->series) + strlen(out->unit) + disagg.len > TIDY_MAX_SERIES_KEY)
        rc = write_refuse(e, "cells", "are together longer than 2048 bytes");
    out->disagg = arena_strndup(a, disagg.data ? disagg.data : "", disagg.len);
    out->detail = observation_detail(a, out->period, out->series, out->unit, out->disagg);
    buf_free(&disagg);
    return rc;
}

static void
bind_key(struct db_stmt *st, int64_t indicator_id, const struct located *at)
{
    db_bind_i64(st, 1, indicator_id);
    db_bind_text(st, 2, at->series);
    db_bind_text(st, 3, at->unit);
    db_bind_text(st, 4, at->disagg);
    db_bind_text(st, 5, at->period);
}

/* The stored row at the key: before[] (texts in a); *out_found false when there is none. */
static enum err
stored(struct db *db, struct arena *a, int64_t indicator_id, const struct located *at,
       struct change_val *before, bool *out_found)
{
    struct db_stmt *st = db_stmt(db, Q_OBSERVATION_STORED);
    enum err rc;

    *out_found = false;
    if (st == NULL)
        return ERR_DB;
    bind_key(st, indicator_id, at);
    rc = db_step(st, out_found);
    if (rc == ERR_OK && *out_found)
        change_read(st, a, observation_audit_fields, OBSERVATION_AUDIT_FIELDS, before);
    db_done(st);
    return rc;
}

/* A new series must stay within ASSESS_MAX_SERIES, as an import's must. */
static enum err
series_room(struct db *db, int64_t indicator_id, const struct located *at, struct write_error *e)
{
    struct db_stmt *st = db_stmt(db, Q_OBSERVATION_SERIES_EXISTS);
    int64_t n = 0;
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    db_bind_text(st, 2, at->series);
    db_bind_text(st, 3, at->unit);
    db_bind_text(st, 4, at->disagg);
    rc = db_step(st, &row);
    db_done(st);
    if (rc || row)
        return rc;
    st = db_stmt(db, Q_OBSERVATION_SERIES_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        n = db_i64(st, 0);
    db_done(st);
    if (rc == ERR_OK && n >= ASSESS_MAX_SERIES)
        return write_refuse(e, "cells", "would start a series past the indicator's limit");
    return rc;
}

/* Write the audit entry of c (nothing when it recorded nothing). */
static enum err
log_change(struct db *db, struct change_set *c, int64_t now, const char *who, const char *action,
           int64_t indicator_id, const struct located *at)
{
    const char *changes;
    enum err rc;

    rc = change_finish(c, &changes);
    if (rc || *changes == '\0')
        return rc;
    return audit_write(db, now, who, action, "observation", indicator_id, at->mission_id,
                       at->detail, changes);
}

static enum err
put(struct db *db, struct arena *a, int64_t indicator_id, const struct observation_in *in,
    const char *who, int64_t now, bool *out_created, struct write_error *e)
{
    struct change_val before[OBSERVATION_AUDIT_FIELDS], after[OBSERVATION_AUDIT_FIELDS];
    struct located at;
    struct change_set c;
    struct db_stmt *st;
    bool found;
    enum err rc;

    rc = resolve(db, a, indicator_id, &in->key, &at, e);
    if (rc)
        return rc;
    if (!isfinite(in->value) || fabs(in->value) > TIDY_MAX_ABS)
        return write_refuse(e, "value", "must be a number from -1e15 to 1e15");
    rc = check_text(e, "source", -1, in->source);
    if (rc == ERR_OK)
        rc = check_text(e, "note", -1, in->note);
    if (rc == ERR_OK)
        rc = stored(db, a, indicator_id, &at, before, &found);
    if (rc)
        return rc;
    after[0] = change_opt_dbl(true, in->value);
    after[1] = change_opt(in->source);
    after[2] = change_opt(in->note);
    if (!found) {
        rc = series_room(db, indicator_id, &at, e);
        if (rc)
            return rc;
        before[0] = change_opt_dbl(false, 0);
        before[1] = before[2] = change_opt(NULL);
        st = db_stmt(db, Q_OBSERVATION_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, indicator_id);
        db_bind_text(st, 2, at.period);
        db_bind_i64(st, 3, at.p.year);
        db_bind_text(st, 4, at.series);
        db_bind_text(st, 5, at.unit);
        db_bind_text(st, 6, at.disagg);
        db_bind_dbl(st, 7, in->value);
        write_bind_str(st, 8, in->source);
        write_bind_str(st, 9, in->note);
        db_bind_i64(st, 10, at.p.key);
        db_bind_text(st, 11, ""); /* the form has no attribute or Progress cells */
        db_bind_null(st, 12);
    } else {
        st = db_stmt(db, Q_OBSERVATION_SET);
        if (st == NULL)
            return ERR_DB;
        bind_key(st, indicator_id, &at);
        db_bind_dbl(st, 6, in->value);
        write_bind_str(st, 7, in->source);
        write_bind_str(st, 8, in->note);
    }
    change_init(&c);
    if (change_diff(&c, observation_audit_fields, OBSERVATION_AUDIT_FIELDS, before, after) == 0) {
        /* the same value again: nothing to write */
        db_done(st);
        change_free(&c);
        return ERR_OK;
    }
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = log_change(db, &c, now, who, found ? "update" : "create", indicator_id, &at);
    change_free(&c);
    if (rc == ERR_OK)
        *out_created = !found;
    return rc;
}

enum err
observation_put(struct db *db, int64_t indicator_id, const struct observation_in *in,
                const char *who, int64_t now, bool *out_created, struct write_error *err)
{
    struct arena a;
    enum err rc;

    *out_created = false;
    rc = db_begin(db);
    if (rc)
        return rc;
    arena_init(&a);
    /* the assessment before and after, for the feeds (progress_log.h) */
    rc = progress_log_before(db, indicator_id, now);
    if (rc == ERR_OK)
        rc = put(db, &a, indicator_id, in, who, now, out_created, err);
    /* the headline samverka chooses follows the data */
    if (rc == ERR_OK)
        rc = settings_refresh_headline(db, indicator_id);
    if (rc == ERR_OK)
        rc = indicator_counts_refresh(db);
    if (rc == ERR_OK)
        rc = progress_log_after(db, indicator_id, NULL, now, NULL);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc) {
        db_rollback(db);
        *out_created = false;
    }
    arena_free(&a);
    return rc;
}

static enum err
remove_at(struct db *db, struct arena *a, int64_t indicator_id, const struct observation_key *key,
          const char *who, int64_t now, struct write_error *e)
{
    struct change_val before[OBSERVATION_AUDIT_FIELDS], after[OBSERVATION_AUDIT_FIELDS];
    struct located at;
    struct change_set c;
    struct db_stmt *st;
    bool found;
    enum err rc;

    rc = resolve(db, a, indicator_id, key, &at, e);
    if (rc == ERR_OK)
        rc = stored(db, a, indicator_id, &at, before, &found);
    if (rc)
        return rc;
    if (!found)
        return ERR_NOTFOUND;
    st = db_stmt(db, Q_OBSERVATION_REMOVE);
    if (st == NULL)
        return ERR_DB;
    bind_key(st, indicator_id, &at);
    rc = db_run(st);
    if (rc)
        return rc;
    after[0] = change_opt_dbl(false, 0);
    after[1] = after[2] = change_opt(NULL);
    change_init(&c);
    change_diff(&c, observation_audit_fields, OBSERVATION_AUDIT_FIELDS, before, after);
    rc = log_change(db, &c, now, who, "remove", indicator_id, &at);
    change_free(&c);
    return rc;
}

enum err
observation_remove(struct db *db, int64_t indicator_id, const struct observation_key *key,
                   const char *who, int64_t now, struct write_error *err)
{
    struct arena a;
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    arena_init(&a);
    rc = progress_log_before(db, indicator_id, now);
    if (rc == ERR_OK)
        rc = remove_at(db, &a, indicator_id, key, who, now, err);
    /* the headline samverka chooses follows the data */
    if (rc == ERR_OK)
        rc = settings_refresh_headline(db, indicator_id);
    if (rc == ERR_OK)
        rc = indicator_counts_refresh(db);
    if (rc == ERR_OK)
        rc = progress_log_after(db, indicator_id, NULL, now, NULL);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc)
        db_rollback(db);
    arena_free(&a);
    return rc;
}

enum err
observation_find(struct db *db, struct arena *a, int64_t indicator_id,
                 const struct observation_key *key, struct observation *out,
                 struct write_error *err)
{
    struct change_val v[OBSERVATION_AUDIT_FIELDS];
    struct located at;
    bool found;
    enum err rc;

    memset(out, 0, sizeof(*out));
    rc = resolve(db, a, indicator_id, key, &at, err);
    if (rc == ERR_INVALID)
        return ERR_NOTFOUND;
    if (rc == ERR_OK)
        rc = stored(db, a, indicator_id, &at, v, &found);
    if (rc)
        return rc;
    if (!found)
        return ERR_NOTFOUND;
    out->period = at.period;
    out->year = at.p.year;
    out->period_key = at.p.key;
    out->attrs = "";
    out->series = at.series;
    out->unit = at.unit;
    out->disagg = at.disagg;
    out->value = v[0].d;
    out->source = v[1].is_null ? "" : v[1].s;
    out->note = v[2].is_null ? "" : v[2].s;
    return ERR_OK;
}
