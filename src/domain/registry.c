/*
 * registry.c — the registry's writes, one transaction each (see registry.h).
 */
#include "domain/registry.h"

#include <stdlib.h>
#include <string.h>

#include "domain/load.h"
#include "domain/mission.h"
#include "domain/proposal.h"

enum err
registry_actor_save(struct db *db, int64_t id, const struct actor_new *in, const char *who,
                    int64_t now, int64_t *out_id, struct write_error *err)
{
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    *out_id = id;
    if (id == 0)
        rc = actor_create(db, in, who, out_id, err);
    else
        rc = actor_update(db, id, in, who, now, NULL, err);
    return mission_counts_commit(db, rc);
}

enum err
registry_person_save(struct db *db, int64_t id, const struct person_new *in, const char *who,
                     int64_t now, int64_t *out_id, struct write_error *err)
{
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    *out_id = id;
    if (id == 0)
        rc = person_create(db, in, who, out_id, err);
    else
        rc = person_update(db, id, in, who, now, NULL, err);
    return mission_counts_commit(db, rc);
}

enum err
registry_initiative_save(struct db *db, int64_t id, const struct initiative_new *in,
                         const char *who, int64_t now, int64_t *out_id, struct write_error *err)
{
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    *out_id = id;
    if (id == 0)
        rc = initiative_create(db, in, who, out_id, err);
    else
        rc = initiative_update(db, id, in, who, now, NULL, err);
    return mission_counts_commit(db, rc);
}

enum err
registry_actor_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    return mission_counts_commit(db, actor_archive(db, id, who, now));
}

enum err
registry_person_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    return mission_counts_commit(db, person_archive(db, id, who, now));
}

enum err
registry_initiative_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    bool hidden = false;
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    /* a proposal leaves the queue by its review only (registry.h) */
    rc = proposal_is_hidden(db, id, &hidden);
    if (rc == ERR_OK && hidden)
        rc = ERR_CONFLICT;
    if (rc == ERR_OK)
        rc = initiative_archive(db, id, who, now);
    return mission_counts_commit(db, rc);
}

/* ------------------------------------------------------------ what the forms offer */

/* The ASCII letter a two-byte Latin-1 letter (UTF-8 C3 xx) stands for, or 0. */
/* The ASCII letter a Latin-1 letter (UTF-8 C3 xx, lower or upper case) stands for, or 0. */
static char
fold_latin1(unsigned char c)
{
    static const char from[] =
        "\xa0\x80\xa1\x81\xa2\x82\xa3\x83\xa4\x84\xa5\x85\xa7\x87\xa8\x88\xa9\x89\xaa\x8a\xab\x8b"
        "\xac\x8c\xad\x8d\xae\x8e\xaf\x8f\xb1\x91\xb2\x92\xb3\x93\xb4\x94\xb5\x95\xb6\x96\xb8\x98"
        "\xb9\x99\xba\x9a\xbb\x9b\xbc\x9c\xbd\x9d";
    static const char to[] = "aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyy";
    const char *p = c != 0 ? memchr(from, c, sizeof(from) - 1) : NULL;

    return p != NULL ? to[p - from] : 0;
}

const char *
registry_slug(struct arena *a, const char *name)
{
    char out[65], f;
    size_t n = 0;
    const unsigned char *p;
    bool dash = false;

    for (p = (const unsigned char *)(name ? name : ""); *p && n < 64; p++) {
        f = 0;
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            f = (char)*p;
        else if (*p >= 'A' && *p <= 'Z')
            f = (char)(*p - 'A' + 'a');
        else if (*p == 0xc3 && p[1] != 0) {
            f = fold_latin1(p[1]);
            p++;
        }
        if (f == 0) {
            dash = n > 0;
            continue;
        }
        if (dash && n < 63)
            out[n++] = '-';
        dash = false;
        out[n++] = f;
    }
    out[n] = '\0';
    return arena_strdup(a, out);
}

static void
municipality_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct municipality_item *m = item;

    m->code = ld_str(st, 0, a);
    m->name = ld_str(st, 1, a);
}

static int
by_name(const void *x, const void *y)
{
    const struct municipality_item *m = x, *k = y;

    return strcmp(m->name, k->name);
}

enum err
registry_municipalities(struct db *db, struct arena *a, struct municipality_item **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_MUNICIPALITY_LIST);
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    rc = ld_rows(st, a, sizeof(**out), municipality_row, out, out_n);
    if (rc == ERR_OK && *out_n > 1)
        qsort(*out, (size_t)*out_n, sizeof(**out), by_name);
    return rc;
}
