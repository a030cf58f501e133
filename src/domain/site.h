/*
 * site.h — the site's own settings (issue 12): the "About missions" text, the general
 * contact (a functional mailbox, an optional phone and postal address, a short text) and
 * the site owner, one row (migration 0017) that admins edit (authz site.edit) through a
 * form and the API, and that every page's footer and accountability block read.
 *
 * Texts are bilingual: the English half may be empty, and the pages then show the Swedish
 * one marked lang="sv". Empty texts and absent contact fields mean "not given".
 *
 * Never: store a value the checks refuse (nothing is cut: too long is refused), or change
 * is_demo in an update (it is the demo loader's).
 */
#ifndef DOMAIN_SITE_H
#define DOMAIN_SITE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/authz.h"
#include "domain/write.h"

/* The limits of the fields, in bytes of UTF-8 (site_check's refusals name them). */
#define SITE_MAX_ABOUT   WRITE_MAX_MD /* each language's "About missions" (Markdown) */
#define SITE_MAX_NOTE    2000         /* each language's contact text (Markdown) */
#define SITE_MAX_ADDRESS 500          /* the postal address, lines kept */
#define SITE_MAX_PHONE   40
/* the mailbox (write_email), the owner's name: WRITE_MAX_LINE; its link: WRITE_MAX_URL */

/* What is stored, and what an update is given: NULL or "" is "not given". */
struct site {
    const char *about_sv, *about_en;               /* Markdown */
    const char *contact_email;                     /* the functional mailbox */
    const char *contact_phone;                     /* as written: "+46 8-000 00 00" */
    const char *contact_address;                   /* postal address, one line per line */
    const char *contact_text_sv, *contact_text_en; /* Markdown */
    const char *owner_sv, *owner_en;               /* the site owner ("Sidansvarig") */
    const char *owner_url;                         /* http or https; the owner's contact link */
    bool is_demo;                                  /* read only: the demo loader's */
};

/* The settings (texts in a; optional ones NULL when not given, texts "" when empty).
 * ERR_DB / ERR_BUSY. */
enum err site_get(struct db *db, struct arena *a, struct site *out);
/* The same with what every page's footer shows only: the mailbox, phone, address and owner
 * (the about and contact texts ""). */
enum err site_get_footer(struct db *db, struct arena *a, struct site *out);

/* Check in as site_update would, writing nothing: ERR_INVALID with err naming the field (as
 * struct site spells it) and why. */
enum err site_check(const struct site *in, struct write_error *err);

/*
 * Replace the settings with in (its is_demo ignored), inside the caller's transaction: only
 * when something differs, then with one audit entry ("update", entity "site", id 1) naming
 * the fields that changed (*out_changed, which may be NULL). ERR_INVALID (err says which
 * field and why; nothing written), ERR_DB, ERR_BUSY, ERR_LIMIT.
 */
enum err site_update(struct db *db, const struct site *in, const char *who, int64_t now,
                     bool *out_changed, struct write_error *err);

/*
 * The write of the form and the API, in a transaction of its own: by who asks, which the
 * authorization table checks once more (site.edit: admins; anyone else is ERR_INVALID with
 * err's field "by", nothing written). who_name is the audit log's "who". Errors as
 * site_update's.
 */
enum err site_save(struct db *db, const struct who *by, const struct site *in, const char *who_name,
                   int64_t now, bool *out_changed, struct write_error *err);

/* The demo loader's: mark the settings as demo content (or not), in the caller's
 * transaction. */
enum err site_set_demo(struct db *db, bool is_demo);

#endif
