/*
 * api_write.c — the JSON API's writes: replacing an indicator's data and
 * changing its progress settings. Every write needs an API token (checked by
 * web_prepare), is refused for a coordinator outside their mission (who asks
 * is read only through req_principal), runs on
 * the writer connection in one transaction, and changes nothing when it fails.
 * Bodies are parsed with jansson; unknown members are refused, so a client
 * cannot set what it may not (mission_id, role, owner_id ...).
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "core/json.h"
#include "core/log.h"
#include "core/str.h"
#include "domain/assess.h"
#include "domain/codes.h"
#include "domain/import.h"
#include "domain/settings.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/route.h"

/* The indicator, if who asks (*out_who) may do action on it (authz.h: the scope is the
 * indicator's mission as stored). */
static enum err
check_scope(struct req *rq, int64_t indicator_id, enum authz_action action, struct indicator *out,
            const struct principal **out_who)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = req_principal(rq, out_who);
    if (rc)
        return rc;
    rc = indicator_get(rq->wdb, rq->arena, indicator_id, out);
    if (rc)
        return rc;
    scope.mission_id = out->mission_id;
    return req_allow(rq, action, &scope);
}

/* The answer to a write (IndicatorWriteResult, api_indicator.c); ir NULL: not an import. */
static enum err
write_result(struct req *rq, const struct indicator *ind, const struct import_result *ir)
{
    struct indicator_write_result wr = {0};
    struct indicator_progress ip;
    struct write_notice *wn;
    long rows = -1;
    enum err rc;
    int i;

    rc = indicator_progress_load(rq->wdb, rq->arena, ind, &ip);
    if (rc)
        return rc;
    if (ir != NULL) {
        rows = ir->rows;
        wr.inserted = ir->inserted;
        wr.changed = ir->changed;
        wr.removed = ir->removed;
        wr.unchanged = ir->unchanged;
        wn = arena_alloc(rq->arena, sizeof(*wn) * (size_t)(ir->n_notices + 1));
        for (i = 0; i < ir->n_notices; i++) {
            wn[i].line = ir->notices[i].line;
            wn[i].column = ir->notices[i].column;
            wn[i].message = arena_strdup(rq->arena, ir->notices[i].msg);
        }
        wr.notices = wn;
        wr.n_notices = ir->n_notices;
    }
    wr.indicator_id = ind->id;
    wr.has_rows = rows >= 0;
    wr.rows = rows;
    wr.progress = &ip;
    return res_respond(rq, &api_write_result_res, &wr);
}

/* s as it can be written into JSON: its longest valid UTF-8 prefix (a message quoting the
 * client's bytes, e.g. jansson's "near '...'", may have been cut inside a character), in the
 * request's arena (the error is written after the handler returns, when s may be gone). */
static const char *
valid_text(struct req *rq, const char *s)
{
    size_t n = strlen(s), i = 0, k;

    while (i < n) {
        k = (unsigned char)s[i] < 0x80 ? 1 : utf8_seq_len(s + i, n - i);
        if (k == 0)
            break;
        i += k;
    }
    return arena_strndup(rq->arena, s, i);
}

/*
 * Feed the spooled body to the import: the file the server spooled a data upload into, or
 * the body in memory. A read error on the spool is the server's (ERR_IO, a logged 500), never
 * taken for the end of the data: that would import a truncated file as if it were whole.
 */
static enum err
feed_body(struct req *rq, struct import *im)
{
    char chunk[65536];
    ssize_t n;

    if (rq->body_fd < 0) {
        if (rq->body != NULL)
            import_feed(im, rq->body, rq->body_len);
        return ERR_OK;
    }
    if (lseek(rq->body_fd, 0, SEEK_SET) != 0) {
        log_msg(LOG_ERROR, "msg=\"cannot rewind the spooled upload\" errno=%d", errno);
        return ERR_IO;
    }
    for (;;) {
        n = read(rq->body_fd, chunk, sizeof(chunk));
        if (n == 0)
            return ERR_OK;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            log_msg(LOG_ERROR, "msg=\"cannot read the spooled upload\" errno=%d", errno);
            return ERR_IO;
        }
        /* a refused row stops the import: import_finish reports it */
        if (import_feed(im, chunk, (size_t)n) != ERR_OK)
            return ERR_OK;
    }
}

enum err
api_indicator_data_post(struct req *rq)
{
    const struct principal *who;
    struct import_opts opts = {0};
    struct import_result ir;
    struct indicator ind;
    struct import *im;
    struct tidy_error te;
    enum import_format fmt;
    const char *mode;
    enum err rc;

    rc = check_scope(rq, req_int(rq, "id", 0), AUTHZ_OBSERVATION_WRITE, &ind, &who);
    if (rc)
        return rc;
    mode = req_str(rq, "mode");
    if (mode != NULL && strcmp(mode, "merge") == 0)
        opts.mode = IMPORT_MERGE;
    else if (mode != NULL && strcmp(mode, "replace") != 0)
        return req_invalid(rq, "mode", "must be replace or merge");
    opts.allow_empty = req_int(rq, "allow_empty", 0) == 1;
    fmt = rq->content_type != NULL && strncasecmp(rq->content_type, "application/json", 16) == 0
              ? IMPORT_JSON
              : IMPORT_CSV;
    rc = import_begin(rq->wdb, ind.id, fmt, who->name, 0, &opts, &im);
    if (rc)
        return rc;
    rc = feed_body(rq, im);
    if (rc) {
        import_abort(im);
        return rc;
    }
    rc = import_finish_result(im, &ir, &te);
    if (rc == ERR_INVALID || rc == ERR_LIMIT)
        /* the data's fault: say where, change nothing (the transaction rolled back) */
        return req_refuse_at(rq, rc == ERR_LIMIT ? REFUSE_TOO_LARGE : REFUSE_INVALID_DATA,
                             te.field[0] != '\0' ? valid_text(rq, te.field) : NULL,
                             valid_text(rq, te.msg), te.line, te.column);
    if (rc)
        return rc;
    return write_result(rq, &ind, &ir);
}

/* ------------------------------------------------------------ PATCH */

static bool
get_year(json_t *v, int *out)
{
    json_int_t y;

    if (!json_is_integer(v))
        return false;
    y = json_integer_value(v);
    if (y < 1900 || y > 2200)
        return false;
    *out = (int)y;
    return true;
}

static bool
get_num(json_t *v, double *out)
{
    if (!json_is_number(v))
        return false;
    *out = json_number_value(v);
    return isfinite(*out);
}

/* Apply one member of the body to the settings; false with the reason on a bad value. */
static bool
apply_member(struct req *rq, const struct indicator *ind, struct indicator_settings *s,
             const char *key, json_t *v, const char **why)
{
    json_t *x;
    const char *k, *hl;

    if (strcmp(key, "base_year") == 0) {
        if (json_is_null(v)) {
            s->has_base_year = s->has_base_value = false;
            return true;
        }
        s->has_base_year = get_year(v, &s->base_year);
        *why = N_("must be a year from 1900 to 2200 or null");
        return s->has_base_year;
    }
    if (strcmp(key, "base_value") == 0) {
        s->has_base_value = !json_is_null(v);
        *why = N_("must be a number or null");
        return json_is_null(v) || get_num(v, &s->base_value);
    }
    if (strcmp(key, "direction") == 0) {
        *why = N_("must be \"increase\" or \"decrease\"");
        if (!json_is_string(v))
            return false;
        s->direction = arena_strdup(rq->arena, json_string_value(v));
        return code_is(&code_direction, s->direction);
    }
    if (strcmp(key, "limit") == 0) {
        s->has_limit = !json_is_null(v);
        *why = N_("must be a number or null");
        return json_is_null(v) || get_num(v, &s->limit);
    }
    if (strcmp(key, "target") == 0) {
        *why = N_("must be null or {\"kind\": \"absolute\"|\"relative\", \"value\": number, "
                  "\"year\": year or null}");
        if (json_is_null(v)) {
            s->target_kind = "none";
            s->has_target_value = false;
            return true;
        }
        if (!json_is_object(v))
            return false;
        /* a target is given whole: kind and value are both required */
        s->target_kind = NULL;
        s->has_target_value = false;
        json_object_foreach(v, k, x)
        {
            if (strcmp(k, "kind") == 0 && json_is_string(x))
                s->target_kind = arena_strdup(rq->arena, json_string_value(x));
            else if (strcmp(k, "value") == 0 && get_num(x, &s->target_value))
                s->has_target_value = true;
            else if (strcmp(k, "year") == 0 && json_is_null(x))
                s->target_year = 0;
            else if (!(strcmp(k, "year") == 0 && get_year(x, &s->target_year)))
                return false;
        }
        return s->target_kind != NULL && s->has_target_value;
    }
    if (strcmp(key, "thresholds") == 0) {
        *why = N_("must be null or {\"high\": number, \"med\": number, \"low\": number}");
        if (json_is_null(v)) {
            s->has_thresholds = false;
            return true;
        }
        if (!json_is_object(v) || json_object_size(v) != 3 ||
            !get_num(json_object_get(v, "high"), &s->high) ||
            !get_num(json_object_get(v, "med"), &s->med) ||
            !get_num(json_object_get(v, "low"), &s->low))
            return false;
        s->has_thresholds = true;
        return true;
    }
    if (strcmp(key, "headline") == 0) {
        const char *fields[SETTINGS_MAX_HEADLINE], *values[SETTINGS_MAX_HEADLINE];
        int n = 0;

        *why = N_("must be null or an object of disaggregation values, e.g. {\"Sex\": \"F\"}");
        if (json_is_null(v)) {
            s->headline = "";
            return true;
        }
        if (!json_is_object(v) || json_object_size(v) > SETTINGS_MAX_HEADLINE)
            return false;
        json_object_foreach(v, k, x)
        {
            if (!json_is_string(x))
                return false;
            fields[n] = k;
            values[n] = json_string_value(x);
            n++;
        }
        if (!settings_headline_from_pairs(rq->arena, ind, fields, values, n, &hl, why))
            return false;
        s->headline = hl;
        return true;
    }
    if (strcmp(key, "bounds") == 0) {
        *why = N_("must be null or {\"lower\": number or null, \"upper\": number or null}");
        s->has_lower = s->has_upper = false;
        if (json_is_null(v)) {
            s->bounds_set = false;
            return true;
        }
        if (!json_is_object(v))
            return false;
        s->bounds_set = true;
        json_object_foreach(v, k, x)
        {
            if (strcmp(k, "lower") == 0 && json_is_null(x))
                s->has_lower = false;
            else if (strcmp(k, "lower") == 0 && get_num(x, &s->lower))
                s->has_lower = true;
            else if (strcmp(k, "upper") == 0 && json_is_null(x))
                s->has_upper = false;
            else if (strcmp(k, "upper") == 0 && get_num(x, &s->upper))
                s->has_upper = true;
            else
                return false;
        }
        return true;
    }
    *why = N_("is not a setting that can be changed here");
    return false;
}

enum err
api_indicator_patch(struct req *rq)
{
    const struct principal *who;
    struct indicator_settings s;
    struct indicator ind;
    json_error_t je;
    json_t *root, *v;
    const char *key, *why = NULL, *field, *msg;
    enum err rc;

    rc = check_scope(rq, req_int(rq, "id", 0), AUTHZ_INDICATOR_SETTINGS, &ind, &who);
    if (rc)
        return rc;
    root = json_loadb(rq->body ? rq->body : "", rq->body_len, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL)
        return req_invalid(
            rq, NULL,
            valid_text(rq, arena_printf(rq->arena,
                                        /* TRANSLATORS: the last %s is the JSON
                                           parser's own words, in English */
                                        _("line %d, column %d: %s"), je.line, je.column, je.text)));
    if (!json_is_object(root)) {
        json_decref(root);
        return req_invalid(rq, NULL, _("The body must be a JSON object of settings."));
    }
    settings_from_indicator(&ind, &s);
    json_object_foreach(root, key, v)
    {
        if (!apply_member(rq, &ind, &s, key, v, &why)) {
            field = arena_strdup(rq->arena, key);
            json_decref(root);
            return req_refuse(rq, REFUSE_UNPROCESSABLE, field, why);
        }
    }
    json_decref(root);
    rc = settings_apply(rq->wdb, rq->arena, ind.id, &s, who->name, &field, &msg);
    if (rc == ERR_INVALID)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, field, msg);
    if (rc)
        return rc;
    rc = indicator_get(rq->wdb, rq->arena, ind.id, &ind);
    if (rc)
        return rc;
    return write_result(rq, &ind, NULL);
}
