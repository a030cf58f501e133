/*
 * test_site.c — the site's own settings at the domain level (domain/site.c): what a fresh
 * database holds, the checks and limits of each field (too long is refused, never cut), that
 * only an admin saves them, that a save writes only what differs with one audit entry naming
 * the changed fields, and that an update leaves the demo mark alone. On SQLite, and on
 * PostgreSQL when tests/run-all.sh has started its throwaway cluster (its one site row is
 * shared by the runs, so nothing here assumes what an earlier run left but on SQLite).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "both.h"
#include "domain/authz.h"
#include "domain/site.h"
#include "tap.h"

/* got == want, the check named by a format */
#define is_eq(got, want, ...) ok((got) == (want), __VA_ARGS__)

/* A text of n bytes of 'a' (in a). */
static const char *
filled(struct arena *a, size_t n)
{
    char *s = arena_alloc(a, n + 1);

    memset(s, 'a', n);
    s[n] = '\0';
    return s;
}

/* The audit entries of the site. */
static int64_t
site_entries(struct db *db)
{
    struct db_stmt *st = db_stmt(db, Q_AUDIT_LAST_ENTITY);
    int64_t n = 0;
    bool row = false;

    /* (the last entry's time stands in for a count: each save below is a second apart) */
    if (st == NULL)
        return -1;
    db_bind_text(st, 1, "site");
    db_bind_i64(st, 2, 1);
    if (db_step(st, &row) == ERR_OK && row && !db_null(st, 0))
        n = db_i64(st, 0);
    db_done(st);
    return n;
}

static void
test_all(struct db *db)
{
    struct who admin, visitor;
    struct write_error e;
    struct site s, in, got;
    struct arena a;
    int64_t now = (int64_t)time(NULL), t0;
    bool changed = true;

    arena_init(&a);
    memset(&admin, 0, sizeof(admin));
    admin.is_admin = true;
    authz_who_public(&visitor);

    is_eq(site_get(db, &a, &s), ERR_OK, "%s: the settings are read", backend);
    if (strcmp(backend, "sqlite") == 0)
        ok(*s.about_sv == '\0' && *s.about_en == '\0' && s.contact_email == NULL &&
               s.contact_phone == NULL && s.contact_address == NULL && *s.owner_sv == '\0' &&
               s.owner_url == NULL && !s.is_demo,
           "  a fresh database has none given (migration 0017's row)");

    memset(&in, 0, sizeof(in));
    in.about_sv = "## Om missions\nText.";
    in.about_en = "";
    in.contact_email = "missions@example.org";
    in.contact_address = "Box 1\n111 11 Stad";
    in.contact_text_sv = "Skriv till oss.";
    in.contact_text_en = "";
    in.owner_sv = "Missionsteamet";
    in.owner_en = "The missions team";
    in.owner_url = "https://example.org/kontakt";

    /* the checks, each field at its limit and one byte past it */
    {
        static const struct {
            const char *field;
            size_t max;
        } limits[] = {
            {"about_sv", SITE_MAX_ABOUT},          {"about_en", SITE_MAX_ABOUT},
            {"contact_text_sv", SITE_MAX_NOTE},    {"contact_text_en", SITE_MAX_NOTE},
            {"contact_address", SITE_MAX_ADDRESS}, {"contact_phone", SITE_MAX_PHONE},
            {"owner_sv", WRITE_MAX_LINE},          {"owner_en", WRITE_MAX_LINE},
        };
        size_t i;

        for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
            struct site t = in;
            const char **f = strcmp(limits[i].field, "about_sv") == 0          ? &t.about_sv
                             : strcmp(limits[i].field, "about_en") == 0        ? &t.about_en
                             : strcmp(limits[i].field, "contact_text_sv") == 0 ? &t.contact_text_sv
                             : strcmp(limits[i].field, "contact_text_en") == 0 ? &t.contact_text_en
                             : strcmp(limits[i].field, "contact_address") == 0 ? &t.contact_address
                             : strcmp(limits[i].field, "contact_phone") == 0   ? &t.contact_phone
                             : strcmp(limits[i].field, "owner_sv") == 0        ? &t.owner_sv
                                                                               : &t.owner_en;

            *f = filled(&a, limits[i].max);
            is_eq(site_check(&t, &e), ERR_OK, "%s: %s of %zu bytes is accepted", backend,
                  limits[i].field, limits[i].max);
            *f = filled(&a, limits[i].max + 1);
            ok(site_check(&t, &e) == ERR_INVALID && strcmp(e.field, limits[i].field) == 0,
               "  of %zu bytes it is refused, naming it", limits[i].max + 1);
        }
    }
    {
        struct site t = in;

        t.contact_email = "not an address";
        ok(site_check(&t, &e) == ERR_INVALID && strcmp(e.field, "contact_email") == 0,
           "%s: a mailbox that is not an address is refused", backend);
        t = in;
        t.contact_phone = "+46 8\n000";
        ok(site_check(&t, &e) == ERR_INVALID && strcmp(e.field, "contact_phone") == 0,
           "  a phone number on two lines is refused");
        t = in;
        t.owner_url = "javascript:alert(1)";
        ok(site_check(&t, &e) == ERR_INVALID && strcmp(e.field, "owner_url") == 0,
           "  an owner link that is not http(s) is refused");
        t = in;
        t.owner_sv = "";
        ok(site_check(&t, &e) == ERR_INVALID && strcmp(e.field, "owner_sv") == 0,
           "  a link without the owner's name is refused, naming the name");
        t = in;
        t.about_sv = "ogiltig \x01 text";
        ok(site_check(&t, &e) == ERR_INVALID && strcmp(e.field, "about_sv") == 0,
           "  a control character in a text is refused");
    }

    /* who saves */
    t0 = site_entries(db);
    ok(site_save(db, &visitor, &in, "someone", now, &changed, &e) == ERR_INVALID &&
           strcmp(e.field, "by") == 0,
       "%s: only an admin saves the settings", backend);
    ok(site_entries(db) == t0, "  and the refusal writes nothing");

    /* a save: what differs, one audit entry */
    is_eq(site_save(db, &admin, &in, "admin@example.org", now + 1, &changed, &e), ERR_OK,
          "%s: an admin saves them", backend);
    ok(site_get(db, &a, &got) == ERR_OK && strcmp(got.about_sv, in.about_sv) == 0 &&
           strcmp(got.contact_email, "missions@example.org") == 0 &&
           strcmp(got.contact_address, "Box 1\n111 11 Stad") == 0 && got.contact_phone == NULL &&
           strcmp(got.owner_en, "The missions team") == 0 &&
           strcmp(got.owner_url, "https://example.org/kontakt") == 0,
       "  they read back as saved (an empty optional field stays absent)");
    is_eq(site_entries(db), now + 1, "  with an audit entry at the save's time");
    is_eq(site_save(db, &admin, &in, "admin@example.org", now + 2, &changed, &e), ERR_OK,
          "%s: the same settings again", backend);
    ok(!changed && site_entries(db) == now + 1, "  change nothing and add no entry");

    /* the demo mark is the loader's */
    is_eq(site_set_demo(db, true), ERR_OK, "%s: the demo loader marks the settings", backend);
    in.contact_phone = "+46 8-000 00 00";
    ok(site_save(db, &admin, &in, "admin@example.org", now + 3, &changed, &e) == ERR_OK &&
           changed && site_get(db, &a, &got) == ERR_OK && got.is_demo &&
           strcmp(got.contact_phone, "+46 8-000 00 00") == 0,
       "  and an update changes the phone, not the mark");
    is_eq(site_set_demo(db, false), ERR_OK, "  (the mark taken off again)");
    arena_free(&a);
}

int
main(void)
{
    return both_main("site", test_all);
}
