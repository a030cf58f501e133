/*
 * settings.c — validate and store an indicator's progress settings.
 */
#include "domain/settings.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "domain/audit.h"
#include "domain/tidycsv.h"

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

enum err
settings_apply(struct db *db, struct arena *a, int64_t indicator_id,
               const struct indicator_settings *s, const char *who, const char **out_field,
               const char **out_msg)
{
    struct indicator ind;
    struct db_stmt *st;
    enum err rc;

    *out_field = NULL;
    *out_msg = NULL;
    rc = indicator_get(db, a, indicator_id, &ind);
    if (rc)
        return rc;
    rc = indicator_settings_check(s, out_field, out_msg);
    if (rc)
        return rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_INDICATOR_SET_PROGRESS);
    if (st == NULL) {
        rc = ERR_DB;
        goto out;
    }
    db_bind_i64(st, 1, indicator_id);
    if (s->has_base_year)
        db_bind_i64(st, 2, s->base_year);
    else
        db_bind_null(st, 2);
    if (s->has_base_value)
        db_bind_dbl(st, 3, s->base_value);
    else
        db_bind_null(st, 3);
    db_bind_text(st, 4, s->target_kind);
    if (strcmp(s->target_kind, "none") != 0)
        db_bind_dbl(st, 5, s->target_value);
    else
        db_bind_null(st, 5);
    if (s->target_year)
        db_bind_i64(st, 6, s->target_year);
    else
        db_bind_null(st, 6);
    db_bind_text(st, 7, s->direction);
    if (s->has_limit)
        db_bind_dbl(st, 8, s->limit);
    else
        db_bind_null(st, 8);
    if (s->has_thresholds) {
        db_bind_dbl(st, 9, s->high);
        db_bind_dbl(st, 10, s->med);
        db_bind_dbl(st, 11, s->low);
    } else {
        db_bind_null(st, 9);
        db_bind_null(st, 10);
        db_bind_null(st, 11);
    }
    db_bind_text(st, 12, s->headline ? s->headline : "");
    rc = db_run(st);
    if (rc)
        goto out;
    rc = audit_add(db, who, "update", "indicator", indicator_id, ind.mission_id,
                   "progress settings");
    if (rc)
        goto out;
    rc = db_commit(db);
out:
    if (rc)
        db_rollback(db);
    return rc;
}
