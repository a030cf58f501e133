/*
 * settings.c — validate and store an indicator's progress settings.
 */
#include "domain/settings.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/change.h"
#include "domain/tidycsv.h"
#include "domain/write.h"

void
settings_from_indicator(const struct indicator *ind, struct indicator_settings *s)
{
    memset(s, 0, sizeof(*s));
    s->has_base_year = ind->has_base || ind->base_year != 0;
    s->base_year = ind->base_year;
    s->has_base_value = ind->has_base;
    s->base_value = ind->base_value;
    s->target_kind = ind->target_kind;
    s->has_target_value = ind->has_target;
    s->target_value = ind->target_value;
    s->target_year = ind->target_year;
    s->direction = ind->direction;
    s->has_limit = ind->has_limit;
    s->limit = ind->limit_value;
    s->has_thresholds = ind->has_thresholds;
    s->high = ind->th_high;
    s->med = ind->th_med;
    s->low = ind->th_low;
    s->headline = ind->headline ? ind->headline : "";
}

bool
settings_parse_headline(struct arena *a, const struct indicator *ind, const char *text,
                        const char **out, const char **out_msg)
{
    const char *vals[64] = {0};
    char *copy, *tok, *save = NULL, *eq;
    struct buf b;
    int i, k;

    if (text == NULL || *text == '\0' || strcmp(text, "none") == 0) {
        *out = "";
        return true;
    }
    copy = arena_strdup(a, text);
    for (tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        eq = strchr(tok, '=');
        if (eq == NULL || eq == tok || eq[1] == '\0') {
            *out_msg = "must be FIELD=VALUE pairs separated by commas";
            return false;
        }
        *eq = '\0';
        /* the stored form joins pairs with 0x1F: no control character may ride along */
        if (str_find_control(eq + 1, strlen(eq + 1)) < strlen(eq + 1)) {
            *out_msg = "must not contain control characters";
            return false;
        }
        for (k = 0; k < ind->n_dimensions && strcmp(ind->dimensions[k], tok) != 0; k++)
            ;
        if (k == ind->n_dimensions || k >= 64) {
            *out_msg = "names a field that is not one of the indicator's disaggregation columns";
            return false;
        }
        vals[k] = eq + 1;
    }
    buf_init(&b, 4096);
    for (i = 0; i < ind->n_dimensions && i < 64; i++) {
        if (vals[i] == NULL)
            continue;
        if (b.len)
            buf_addc(&b, TIDY_DISAGG_SEP);
        buf_printf(&b, "%s=%s", ind->dimensions[i], vals[i]);
    }
    if (buf_err(&b)) {
        buf_free(&b);
        *out_msg = "is too long";
        return false;
    }
    *out = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return true;
}

/* The progress settings as stored: Q_INDICATOR_SETTINGS_STORED's columns and
 * Q_INDICATOR_SET_PROGRESS's $2.. in this order, named as the audit log records them. */
static const struct change_field settings_fields[] = {
    {"base_year", CH_OPT_INT, false},     {"base_value", CH_OPT_DBL, false},
    {"target_kind", CH_TEXT, false},      {"target_value", CH_OPT_DBL, false},
    {"target_year", CH_OPT_INT, false},   {"direction", CH_TEXT, false},
    {"limit", CH_OPT_DBL, false},         {"threshold_high", CH_OPT_DBL, false},
    {"threshold_med", CH_OPT_DBL, false}, {"threshold_low", CH_OPT_DBL, false},
    {"headline", CH_TEXT, false},
};
#define N_SETTINGS_FIELDS ((int)(sizeof(settings_fields) / sizeof(settings_fields[0])))

/* s's values as the columns store them. */
static void
settings_values(const struct indicator_settings *s, struct change_val *v)
{
    v[0] = change_opt_int(s->has_base_year, s->base_year);
    v[1] = change_opt_dbl(s->has_base_value, s->base_value);
    v[2] = change_text(s->target_kind);
    v[3] = change_opt_dbl(strcmp(s->target_kind, "none") != 0, s->target_value);
    v[4] = change_opt_int(s->target_year != 0, s->target_year);
    v[5] = change_text(s->direction);
    v[6] = change_opt_dbl(s->has_limit, s->limit);
    v[7] = change_opt_dbl(s->has_thresholds, s->high);
    v[8] = change_opt_dbl(s->has_thresholds, s->med);
    v[9] = change_opt_dbl(s->has_thresholds, s->low);
    v[10] = change_text(s->headline);
}

enum err
settings_apply(struct db *db, struct arena *a, int64_t indicator_id,
               const struct indicator_settings *s, const char *who, const char **out_field,
               const char **out_msg)
{
    struct change_val before[N_SETTINGS_FIELDS], after[N_SETTINGS_FIELDS];
    struct change_set c;
    struct arena scratch;
    struct indicator ind;
    struct db_stmt *st;
    const char *changes;
    enum err rc;

    *out_field = NULL;
    *out_msg = NULL;
    rc = indicator_get(db, a, indicator_id, &ind);
    if (rc)
        return rc;
    rc = indicator_settings_check(s, out_field, out_msg);
    if (rc)
        return rc;

    settings_values(s, after);
    arena_init(&scratch);
    change_init(&c);
    rc = db_begin(db);
    if (rc)
        goto done;
    rc = write_stored(db, Q_INDICATOR_SETTINGS_STORED, indicator_id, &scratch, settings_fields,
                      N_SETTINGS_FIELDS, before);
    if (rc)
        goto out;
    st = db_stmt(db, Q_INDICATOR_SET_PROGRESS);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, indicator_id);
    change_bind(st, 2, settings_fields, N_SETTINGS_FIELDS, after);
    rc = db_run(st);
    if (rc)
        goto out;
    /* the entry is written whatever changed (as before there were changes to record) */
    change_diff(&c, settings_fields, N_SETTINGS_FIELDS, before, after);
    rc = change_finish(&c, &changes);
    if (rc)
        goto out;
    rc = audit_write(db, (int64_t)time(NULL), who, "update", "indicator", indicator_id,
                     ind.mission_id, "progress settings", changes);
    if (rc)
        goto out;
    rc = db_commit(db);
out:
    if (rc)
        db_rollback(db);
done:
    change_free(&c);
    arena_free(&scratch);
    return rc;
}
