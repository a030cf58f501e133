/*
 * registry.c — the registry's writes, one transaction each (see registry.h).
 */
#include "domain/registry.h"

/* Commit after a success, roll back after anything else; rc's error wins. */
static enum err
finish(struct db *db, enum err rc)
{
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc)
        db_rollback(db);
    return rc;
}

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
    return finish(db, rc);
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
    return finish(db, rc);
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
    return finish(db, rc);
}

enum err
registry_actor_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    return finish(db, actor_archive(db, id, who, now));
}

enum err
registry_person_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    return finish(db, person_archive(db, id, who, now));
}

enum err
registry_initiative_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    enum err rc;

    rc = db_begin(db);
    if (rc)
        return rc;
    return finish(db, initiative_archive(db, id, who, now));
}
