/*
 * feed.c — the Atom feeds' entries (see feed.h): each kind's newest rows read by its own
 * statement (q_feed.def), merged newest first and cut to FEED_MAX_ENTRIES. Writes nothing.
 */
#include "domain/feed.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/load.h"

/* Each kind's statement and name, in enum feed_kind's order. */
static const struct {
    enum q q;
    const char *name;
} sources[FEED__KINDS] = {
    [FEED_INITIATIVE_NEW] = {Q_FEED_INITIATIVE_NEW, "initiative-new"},
    [FEED_INITIATIVE_STATUS] = {Q_FEED_INITIATIVE_STATUS, "initiative-status"},
    [FEED_MISSION_STATUS] = {Q_FEED_MISSION_STATUS, "mission-status"},
    [FEED_DATA] = {Q_FEED_DATA, "indicator-data"},
    [FEED_VALUE] = {Q_FEED_VALUE, "indicator-value"},
    [FEED_SEMINAR] = {Q_FEED_SEMINAR, "seminar-new"},
    [FEED_PROGRESS] = {Q_FEED_PROGRESS, "indicator-progress"},
};

const char *
feed_kind_name(enum feed_kind k)
{
    return k >= 0 && k < FEED__KINDS ? sources[k].name : "";
}

bool
feed_tag_path(const struct feed_entry *e, char *out, size_t size)
{
    int n = snprintf(out, size, "%s/%" PRId64 "/%" PRId64, feed_kind_name(e->kind), e->subject_id,
                     e->event_id);

    return n > 0 && (size_t)n < size;
}

/* A count at *p followed by word (" inserted" ...): *out, and *p past them. */
static bool
count_then(const char **p, const char *word, long *out)
{
    char *end;

    if (**p < '0' || **p > '9')
        return false;
    errno = 0;
    *out = strtol(*p, &end, 10);
    if (errno != 0 || strncmp(end, word, strlen(word)) != 0)
        return false;
    *p = end + strlen(word);
    return true;
}

bool
feed_import_counts(const char *detail, long *inserted, long *changed, long *removed)
{
    const char *p = detail != NULL ? strstr(detail, "; ") : NULL;
    long unchanged;

    if (p == NULL)
        return false;
    p += 2;
    return count_then(&p, " inserted, ", inserted) && count_then(&p, " changed, ", changed) &&
           count_then(&p, " removed, ", removed) && count_then(&p, " unchanged", &unchanged) &&
           *p == '\0';
}

/* The two-element array changes[key] (NULL: none). */
static json_t *
pair(json_t *root, const char *key)
{
    json_t *v = json_is_object(root) ? json_object_get(root, key) : NULL;

    return json_is_array(v) && json_array_size(v) == 2 ? v : NULL;
}

bool
feed_status_change(const char *changes, struct arena *a, const char **before, const char **after)
{
    json_t *root = changes != NULL && *changes ? json_loads(changes, 0, NULL) : NULL;
    json_t *p = pair(root, "status");
    const char *b = p ? json_string_value(json_array_get(p, 0)) : NULL;
    const char *f = p ? json_string_value(json_array_get(p, 1)) : NULL;
    bool ok = b != NULL && f != NULL && strcmp(b, f) != 0;

    if (ok) {
        *before = arena_strdup(a, b);
        *after = arena_strdup(a, f);
    }
    json_decref(root);
    return ok;
}

bool
feed_value_change(const char *changes, bool *has_old, double *old_value, bool *has_new,
                  double *new_value)
{
    json_t *root = changes != NULL && *changes ? json_loads(changes, 0, NULL) : NULL;
    json_t *p = pair(root, "value");
    json_t *b = p ? json_array_get(p, 0) : NULL, *f = p ? json_array_get(p, 1) : NULL;

    *has_old = json_is_number(b);
    *has_new = json_is_number(f);
    *old_value = *has_old ? json_number_value(b) : 0;
    *new_value = *has_new ? json_number_value(f) : 0;
    json_decref(root);
    return p != NULL && (*has_old || *has_new);
}

/* One row of a kind's statement (the common columns, then action, detail, changes);
 * false when the row says nothing the kind tells (a status that did not change). */
static bool
read_row(struct db_stmt *st, struct arena *a, enum feed_kind k, struct feed_entry *e)
{
    const char *changes = db_text(st, 11);

    memset(e, 0, sizeof(*e));
    e->kind = k;
    e->event_id = db_i64(st, 0);
    e->at = db_i64(st, 1);
    e->mission_id = db_i64(st, 2);
    e->mission_slug = ld_str(st, 3, a);
    e->mission_title_sv = ld_str(st, 4, a);
    e->mission_title_en = ld_str(st, 5, a);
    e->subject_id = db_i64(st, 6);
    e->title_sv = ld_str(st, 7, a);
    e->title_en = ld_str(st, 8, a);
    e->action = ld_str(st, 9, a);
    e->detail = ld_str(st, 10, a);
    switch (k) {
    case FEED_INITIATIVE_STATUS:
    case FEED_MISSION_STATUS:
        return feed_status_change(changes, a, &e->before, &e->after);
    case FEED_DATA:
        return feed_import_counts(e->detail, &e->inserted, &e->changed, &e->removed);
    case FEED_VALUE:
        return feed_value_change(changes, &e->has_old, &e->old_value, &e->has_new, &e->new_value);
    case FEED_SEMINAR:
        e->starts_at = db_i64(st, 12);
        break;
    case FEED_PROGRESS:
        e->before = ld_str(st, 12, a);
        e->after = ld_str(st, 13, a);
        e->has_old = !db_null(st, 14);
        e->old_value = e->has_old ? db_dbl(st, 14) : 0;
        e->has_new = !db_null(st, 15);
        e->new_value = e->has_new ? db_dbl(st, 15) : 0;
        break;
    case FEED_INITIATIVE_NEW:
    case FEED__KINDS:
        break;
    }
    return true;
}

/* Is x newer than y (time, then event id, then kind: a total order)? */
static bool
newer(const struct feed_entry *x, const struct feed_entry *y)
{
    if (x->at != y->at)
        return x->at > y->at;
    if (x->event_id != y->event_id)
        return x->event_id > y->event_id;
    return x->kind < y->kind;
}

/* Kind k's newest rows into list (up to FEED_MAX_ENTRIES, newest first), *out_n of them. */
static enum err
read_kind(struct db *db, struct arena *a, enum feed_kind k, int64_t mission_id,
          struct feed_entry *list, int *out_n)
{
    struct db_stmt *st = db_stmt(db, sources[k].q);
    enum err rc;
    bool row;
    int n = 0;

    *out_n = 0;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, FEED_MAX_ENTRIES);
    while ((rc = db_step(st, &row)) == ERR_OK && row && n < FEED_MAX_ENTRIES)
        if (read_row(st, a, k, &list[n]))
            n++;
    db_done(st);
    *out_n = n;
    return rc;
}

enum err
feed_load(struct db *db, struct arena *a, int64_t mission_id, int64_t mission_created,
          struct feed *out)
{
    struct feed_entry *kind[FEED__KINDS];
    int n[FEED__KINDS], next[FEED__KINDS] = {0}, k, best;
    enum err rc = ERR_OK;

    memset(out, 0, sizeof(*out));
    out->entries = arena_alloc(a, FEED_MAX_ENTRIES * sizeof(*out->entries));
    for (k = 0; k < FEED__KINDS && rc == ERR_OK; k++) {
        kind[k] = arena_alloc(a, FEED_MAX_ENTRIES * sizeof(*kind[k]));
        rc = read_kind(db, a, (enum feed_kind)k, mission_id, kind[k], &n[k]);
    }
    if (rc == ERR_OK && mission_id != 0) {
        out->since = mission_created;
    } else if (rc == ERR_OK) {
        struct db_stmt *st = db_stmt(db, Q_FEED_SINCE);

        rc = st != NULL ? ld_count(st, &out->since) : ERR_DB;
    }
    if (rc)
        return rc;
    /* each kind's list is newest first: take the newest head until the feed is full */
    while (out->n < FEED_MAX_ENTRIES) {
        best = -1;
        for (k = 0; k < FEED__KINDS; k++)
            if (next[k] < n[k] && (best < 0 || newer(&kind[k][next[k]], &kind[best][next[best]])))
                best = k;
        if (best < 0)
            break;
        out->entries[out->n++] = kind[best][next[best]++];
    }
    return ERR_OK;
}
