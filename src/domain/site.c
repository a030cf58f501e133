/*
 * site.c — the site's own settings (see site.h): one row, read by every page's footer and
 * accountability block, written by admins through site_save.
 *
 * Never: write but through site_update (the checks, the change set, the audit entry), or
 * let an update touch is_demo.
 */
#include "domain/site.h"

#include <string.h>

#include "domain/change.h"
#include "domain/load.h"

/* The columns of Q_SITE_STORED and $2.. of Q_SITE_UPDATE, in order; also the audit entry's
 * field names (the input struct's). */
static const struct change_field site_fields[] = {
    {"about_sv", CH_TEXT, false},        {"about_en", CH_TEXT, false},
    {"contact_email", CH_OPT, false},    {"contact_phone", CH_OPT, false},
    {"contact_address", CH_OPT, false},  {"contact_text_sv", CH_TEXT, false},
    {"contact_text_en", CH_TEXT, false}, {"owner_sv", CH_TEXT, false},
    {"owner_en", CH_TEXT, false},        {"owner_url", CH_OPT, false},
};
#define N_SITE_FIELDS ((int)(sizeof(site_fields) / sizeof(site_fields[0])))

static void
site_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct site *s = item;

    s->about_sv = ld_str(st, 0, a);
    s->about_en = ld_str(st, 1, a);
    s->contact_email = ld_text(st, 2, a);
    s->contact_phone = ld_text(st, 3, a);
    s->contact_address = ld_text(st, 4, a);
    s->contact_text_sv = ld_str(st, 5, a);
    s->contact_text_en = ld_str(st, 6, a);
    s->owner_sv = ld_str(st, 7, a);
    s->owner_en = ld_str(st, 8, a);
    s->owner_url = ld_text(st, 9, a);
    s->is_demo = db_i64(st, 10) != 0;
}

static enum err
get(struct db *db, enum q q, struct arena *a, struct site *out)
{
    struct db_stmt *st = db_stmt(db, q);
    enum err rc;

    memset(out, 0, sizeof(*out));
    if (st == NULL)
        return ERR_DB;
    rc = ld_one(st, a, site_row, out);
    /* the row is the migration's; a database without it is one that is being set up */
    if (rc == ERR_NOTFOUND) {
        out->about_sv = out->about_en = out->contact_text_sv = out->contact_text_en = "";
        out->owner_sv = out->owner_en = "";
        rc = ERR_OK;
    }
    return rc;
}

enum err
site_get(struct db *db, struct arena *a, struct site *out)
{
    return get(db, Q_SITE_GET, a, out);
}

enum err
site_get_footer(struct db *db, struct arena *a, struct site *out)
{
    return get(db, Q_SITE_FOOTER, a, out);
}

/* NULL for "", so that an optional field is either absent or has a value. */
static const char *
opt(const char *s)
{
    return s != NULL && *s != '\0' ? s : NULL;
}

enum err
site_check(const struct site *in, struct write_error *err)
{
    if (write_text(err, "about_sv", in->about_sv, SITE_MAX_ABOUT, false, true) ||
        write_text(err, "about_en", in->about_en, SITE_MAX_ABOUT, false, true) ||
        write_email(err, "contact_email", opt(in->contact_email)) ||
        write_text(err, "contact_phone", opt(in->contact_phone), SITE_MAX_PHONE, false, false) ||
        write_text(err, "contact_address", opt(in->contact_address), SITE_MAX_ADDRESS, false,
                   true) ||
        write_text(err, "contact_text_sv", in->contact_text_sv, SITE_MAX_NOTE, false, true) ||
        write_text(err, "contact_text_en", in->contact_text_en, SITE_MAX_NOTE, false, true) ||
        write_text(err, "owner_sv", in->owner_sv, WRITE_MAX_LINE, false, false) ||
        write_text(err, "owner_en", in->owner_en, WRITE_MAX_LINE, false, false) ||
        write_url(err, "owner_url", opt(in->owner_url)))
        return ERR_INVALID;
    /* an owner's link without a name would be a link with nothing to click */
    if (opt(in->owner_url) != NULL && opt(in->owner_sv) == NULL)
        return write_refuse(err, "owner_sv", "is required when owner_url is given");
    return ERR_OK;
}

enum err
site_update(struct db *db, const struct site *in, const char *who, int64_t now, bool *out_changed,
            struct write_error *err)
{
    struct change_val before[N_SITE_FIELDS], after[N_SITE_FIELDS];
    struct change_set c;
    struct arena a;
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    rc = site_check(in, err);
    if (rc)
        return rc;
    arena_init(&a);
    change_init(&c);
    rc = write_stored(db, Q_SITE_STORED, 1, &a, site_fields, N_SITE_FIELDS, before);
    if (rc == ERR_OK) {
        after[0] = change_text(in->about_sv);
        after[1] = change_text(in->about_en);
        after[2] = change_opt(in->contact_email);
        after[3] = change_opt(in->contact_phone);
        after[4] = change_opt(in->contact_address);
        after[5] = change_text(in->contact_text_sv);
        after[6] = change_text(in->contact_text_en);
        after[7] = change_text(in->owner_sv);
        after[8] = change_text(in->owner_en);
        after[9] = change_opt(in->owner_url);
        if (change_diff(&c, site_fields, N_SITE_FIELDS, before, after) > 0)
            rc = write_update_row(db, Q_SITE_UPDATE, 1, site_fields, N_SITE_FIELDS, after);
    }
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "site", 1, 0, out_changed);
    change_free(&c);
    arena_free(&a);
    return rc;
}

enum err
site_save(struct db *db, const struct who *by, const struct site *in, const char *who_name,
          int64_t now, bool *out_changed, struct write_error *err)
{
    enum err rc;

    if (!authz_allows(by, AUTHZ_SITE_EDIT, NULL))
        return write_refuse(err, "by", "may not do this");
    rc = db_begin(db);
    if (rc)
        return rc;
    rc = site_update(db, in, who_name, now, out_changed, err);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc)
        db_rollback(db);
    return rc;
}

enum err
site_set_demo(struct db *db, bool is_demo)
{
    struct db_stmt *st = db_stmt(db, Q_SITE_SET_DEMO);
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, is_demo ? 1 : 0);
    rc = db_step(st, &row);
    db_done(st);
    return rc;
}
